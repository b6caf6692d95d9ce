//! Reading an answer that carries temporary credentials, the same way for every service that
//! hands them out (STS, IAM, the ECS metadata service, the pod identity agent), as the official
//! SDK's `StsAccessor._process_credential` does.

use std::time::SystemTime;

use serde_json::{Map, Value};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::{Credentials, CredentialsError};
use crate::secret::Secret;

/// The names each part goes by, in the order the official SDK tries them.
const ACCESS_KEY_NAMES: [&str; 3] = ["access", "accessKeyId", "access_key_id"];
const SECRET_KEY_NAMES: [&str; 3] = ["secret", "secretAccessKey", "secret_access_key"];
const SECURITY_TOKEN_NAMES: [&str; 3] = ["securitytoken", "securityToken", "security_token"];
const EXPIRY_NAMES: [&str; 2] = ["expires_at", "expiration"];

/// The temporary credentials in `body`, a JSON object that may wrap them in `credential` or
/// `credentials`. `source` names who answered, for the error.
///
/// Errors never quote the body: it holds the secret key.
pub(crate) fn parse(source: &str, body: &[u8]) -> Result<Credentials, CredentialsError> {
    let document: Value = serde_json::from_slice(body).map_err(|e| {
        CredentialsError::new(format!(
            "{source} answered with a body that is not JSON (line {}, column {})",
            e.line(),
            e.column()
        ))
    })?;
    let Some(mut object) = document.as_object() else {
        return Err(CredentialsError::new(format!(
            "{source} answered with JSON that is not an object"
        )));
    };
    for wrapper in ["credential", "credentials"] {
        if let Some(inner) = object.get(wrapper) {
            object = inner.as_object().ok_or_else(|| {
                CredentialsError::new(format!(
                    "{source} answered `{wrapper}` that is not an object"
                ))
            })?;
            break;
        }
    }
    let missing = |names: &[&str]| {
        CredentialsError::new(format!(
            "{source} answered without {} in its credentials",
            names.join(" or ")
        ))
    };
    let access_key =
        first_text(object, &ACCESS_KEY_NAMES).ok_or_else(|| missing(&ACCESS_KEY_NAMES))?;
    let secret_key =
        first_text(object, &SECRET_KEY_NAMES).ok_or_else(|| missing(&SECRET_KEY_NAMES))?;
    let security_token =
        first_text(object, &SECURITY_TOKEN_NAMES).ok_or_else(|| missing(&SECURITY_TOKEN_NAMES))?;
    let expiry = first_text(object, &EXPIRY_NAMES).ok_or_else(|| missing(&EXPIRY_NAMES))?;
    let expires_at = parse_expiry(expiry).map_err(|reason| {
        CredentialsError::new(format!(
            "{source} answered an expiry `{expiry}` that is not a UTC time such as 2026-08-10T07:15:09.084Z: {reason}"
        ))
    })?;
    Ok(Credentials::temporary(
        access_key,
        Secret::new(secret_key),
        Secret::new(security_token),
    )
    .with_expiry(expires_at))
}

/// The first of `names` that holds a non-empty string, as Python's `a or b or c` picks it.
fn first_text<'a>(object: &'a Map<String, Value>, names: &[&str]) -> Option<&'a str> {
    names
        .iter()
        .filter_map(|name| object.get(*name).and_then(Value::as_str))
        .find(|value| !value.is_empty())
}

/// An expiry in the official format `%Y-%m-%dT%H:%M:%S.%fZ`. RFC 3339 covers it (any number of
/// fractional digits, `Z` for UTC) and, leniently, the same time without a fraction or with an
/// explicit offset.
fn parse_expiry(text: &str) -> Result<SystemTime, time::error::Parse> {
    OffsetDateTime::parse(text, &Rfc3339).map(SystemTime::from)
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;

    #[test]
    fn every_alias_and_wrapper_of_the_official_sdk_is_read() {
        let shapes = [
            r#"{"credential":{"access":"AK","secret":"SK","securitytoken":"ST","expires_at":"2026-08-10T07:15:09.084000Z"}}"#,
            r#"{"credentials":{"access_key_id":"AK","secret_access_key":"SK","security_token":"ST","expiration":"2026-08-10T07:15:09.084Z"}}"#,
            r#"{"accessKeyId":"AK","secretAccessKey":"SK","securityToken":"ST","expiration":"2026-08-10T07:15:09.084Z"}"#,
        ];
        let expected = UNIX_EPOCH + Duration::from_millis(1_786_346_109_084);
        for shape in shapes {
            let credentials = parse("STS", shape.as_bytes()).unwrap();
            assert_eq!(
                credentials,
                Credentials::temporary("AK", "SK", "ST").with_expiry(expected),
                "{shape}"
            );
        }
    }

    #[test]
    fn an_empty_alias_falls_through_to_the_next_like_python_or() {
        let body = r#"{"access":"","accessKeyId":"AK","secret":"SK","securitytoken":"ST","expires_at":"2099-01-01T00:00:00.000Z"}"#;
        let credentials = parse("STS", body.as_bytes()).unwrap();
        assert!(
            matches!(credentials, Credentials::AccessKey { ref access_key, .. } if access_key == "AK")
        );
    }

    #[test]
    fn broken_answers_are_errors_that_never_quote_the_secret() {
        let cases = [
            ("not json", "not JSON"),
            ("[1]", "not an object"),
            (
                r#"{"credential":"x"}"#,
                "`credential` that is not an object",
            ),
            (
                r#"{"access":"AK","secret":"hunter2","securitytoken":"ST"}"#,
                "without expires_at or expiration",
            ),
            (
                r#"{"access":"AK","secret":"hunter2","expires_at":"2099-01-01T00:00:00Z"}"#,
                "without securitytoken or securityToken or security_token",
            ),
            (
                r#"{"access":"AK","secret":"hunter2","securitytoken":"ST","expires_at":"tomorrow"}"#,
                "expiry `tomorrow` that is not a UTC time",
            ),
        ];
        for (body, expected) in cases {
            let error = parse("the metadata service", body.as_bytes()).unwrap_err();
            let message = error.to_string();
            assert!(
                message.starts_with("the metadata service answered"),
                "{message}"
            );
            assert!(message.contains(expected), "{body}: {message}");
            assert!(!message.contains("hunter2"), "{message}");
        }
    }
}
