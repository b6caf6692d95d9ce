//! The configuration that goes into every request's headers, checked and converted once when
//! the client is built rather than on every call: the project id, the `Host`, and the
//! credentials, with the secret key already hashed into its HMAC key.

use std::fmt;

use std::time::SystemTime;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::credentials::Credentials;
use crate::error::Error;
use crate::limits::MAX_HEADER_VALUE;
use crate::signing::{SignableRequest, SigningKey, authorization, sdk_date};

/// The headers that authenticate a request. Names are lower case, as HTTP/1.1 sends them and as
/// the signature lists them.
pub(crate) static X_SDK_DATE: HeaderName = HeaderName::from_static("x-sdk-date");
pub(crate) static HOST: HeaderName = HeaderName::from_static("host");
pub(crate) static X_SECURITY_TOKEN: HeaderName = HeaderName::from_static("x-security-token");
pub(crate) static X_AUTH_TOKEN: HeaderName = HeaderName::from_static("x-auth-token");
pub(crate) static AUTHORIZATION: HeaderName = HeaderName::from_static("authorization");

/// What a request's signature covers besides its headers.
pub(crate) struct SignedParts<'a> {
    pub(crate) method: &'a str,
    pub(crate) path: &'a str,
    /// The canonical query string.
    pub(crate) query: &'a str,
    pub(crate) body: &'a [u8],
}

/// A header value sent on every request: its text, which the signature covers, and the value
/// HTTP sends. Secret values are marked sensitive and never printed.
#[derive(Clone)]
pub(crate) struct FixedHeader {
    text: String,
    value: HeaderValue,
}

impl FixedHeader {
    /// Checks `text` for use as a header value; `what` names it in the error.
    pub(crate) fn new(what: &str, text: String, secret: bool) -> Result<Self, Error> {
        if text.len() > MAX_HEADER_VALUE {
            return Err(Error::Config(format!(
                "{what} cannot be sent in an HTTP header: it is {} bytes, longer than the limit of {MAX_HEADER_VALUE}",
                text.len()
            )));
        }
        let mut value = HeaderValue::from_bytes(text.as_bytes()).map_err(|_| {
            Error::Config(format!(
                "{what} cannot be sent in an HTTP header: it contains a control character such as CR or LF"
            ))
        })?;
        value.set_sensitive(secret);
        Ok(FixedHeader { text, value })
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The value to send; cloning it only counts a reference.
    pub(crate) fn value(&self) -> HeaderValue {
        self.value.clone()
    }
}

impl fmt::Debug for FixedHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.value.is_sensitive() {
            f.write_str("\"** redacted **\"")
        } else {
            fmt::Debug::fmt(&self.text, f)
        }
    }
}

/// How requests prove who sends them, ready to use.
#[derive(Debug)]
pub(crate) enum Authentication {
    /// Sign each request with SDK-HMAC-SHA256.
    AccessKey {
        access_key: String,
        signing_key: SigningKey,
        /// `X-Security-Token` of temporary credentials.
        security_token: Option<FixedHeader>,
    },
    /// Send `X-Auth-Token`.
    Token(FixedHeader),
}

impl Authentication {
    /// Adds the headers that prove who sends a request. With an access key: `X-Sdk-Date`,
    /// `Host`, the `X-Security-Token` of temporary credentials, and the `Authorization` that
    /// signs them with `signed`, the request's other headers (already in `headers`). With a
    /// token: `X-Auth-Token`. Fails with the name of a value that cannot be sent.
    pub(crate) fn authenticate(
        &self,
        headers: &mut HeaderMap,
        signed: Vec<(&str, &str)>,
        host: &FixedHeader,
        parts: &SignedParts<'_>,
    ) -> Result<(), &'static str> {
        match self {
            Authentication::AccessKey {
                access_key,
                signing_key,
                security_token,
            } => {
                let date = sdk_date(SystemTime::now());
                let mut signed = signed;
                signed.push((X_SDK_DATE.as_str(), &date));
                signed.push((HOST.as_str(), host.text()));
                if let Some(token) = security_token {
                    signed.push((X_SECURITY_TOKEN.as_str(), token.text()));
                }
                let signable = SignableRequest {
                    method: parts.method,
                    path: parts.path,
                    query: parts.query,
                    headers: &signed,
                    body: parts.body,
                };
                let authorization = authorization(&signable, parts.query, signing_key, access_key);
                drop(signed);
                // Both values take over their strings' buffers instead of copying them; both
                // are built from checked parts.
                let date = HeaderValue::try_from(date).map_err(|_| "X-Sdk-Date")?;
                let mut authorization =
                    HeaderValue::try_from(authorization).map_err(|_| "access key")?;
                authorization.set_sensitive(true);
                headers.insert(X_SDK_DATE.clone(), date);
                headers.insert(HOST.clone(), host.value());
                if let Some(token) = security_token {
                    headers.insert(X_SECURITY_TOKEN.clone(), token.value());
                }
                headers.insert(AUTHORIZATION.clone(), authorization);
            }
            Authentication::Token(token) => {
                headers.insert(X_AUTH_TOKEN.clone(), token.value());
            }
        }
        Ok(())
    }

    /// Who the credentials are, for caches: the access key, or a digest of the token (so that
    /// the cache holds no second copy of a secret).
    pub(crate) fn identity(&self) -> String {
        match self {
            Authentication::AccessKey { access_key, .. } => access_key.clone(),
            Authentication::Token(token) => {
                use sha2::Digest;
                let digest = sha2::Sha256::digest(token.text().as_bytes());
                let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
                format!("token:{hex}")
            }
        }
    }

    /// Checks and converts credentials. Every part of them must say something: an empty or
    /// blank key or token would be sent as it is and only fail at the service, on every call.
    pub(crate) fn new(credentials: Credentials) -> Result<Self, Error> {
        let blank = |text: &str| text.trim().is_empty();
        let refusal = match &credentials {
            Credentials::AccessKey {
                access_key,
                secret_key,
                ..
            } if blank(access_key) || blank(secret_key.expose()) => {
                Some("the access key and the secret key must not be empty")
            }
            Credentials::AccessKey {
                security_token: Some(token),
                ..
            } if blank(token.expose()) => Some("the security token must not be empty"),
            Credentials::Token(token) if blank(token.expose()) => {
                Some("the auth token must not be empty")
            }
            _ => None,
        };
        if let Some(refusal) = refusal {
            return Err(Error::Config(refusal.to_owned()));
        }
        Ok(match credentials {
            Credentials::AccessKey {
                access_key,
                secret_key,
                security_token,
                ..
            } => Authentication::AccessKey {
                // It goes into the `Authorization` header.
                access_key: FixedHeader::new("the access key", access_key, false)?.text,
                signing_key: SigningKey::new(secret_key.expose()),
                security_token: security_token
                    .map(|token| {
                        FixedHeader::new("the security token", token.expose().to_owned(), true)
                    })
                    .transpose()?,
            },
            Credentials::Token(token) => Authentication::Token(FixedHeader::new(
                "the auth token",
                token.expose().to_owned(),
                true,
            )?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_values_never_print() {
        let token = FixedHeader::new("token", "hunter2".to_owned(), true).unwrap();
        assert!(!format!("{token:?}").contains("hunter2"));
        assert!(token.value().is_sensitive());
        let project = FixedHeader::new("project", "p1".to_owned(), false).unwrap();
        assert_eq!(format!("{project:?}"), "\"p1\"");
    }

    #[test]
    fn control_characters_are_a_configuration_error() {
        let err = FixedHeader::new("the project id", "p\r\nX-Evil: 1".to_owned(), false)
            .expect_err("refused");
        assert!(
            err.to_string().contains("the project id cannot be sent"),
            "{err}"
        );
    }
}
