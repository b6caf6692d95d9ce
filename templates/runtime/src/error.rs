//! The one error type of every service client, and the parser for the service's error bodies.

use std::fmt;

/// The source of a timeout: the HTTP client's error, or the operation deadline that elapsed.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The longest body excerpt kept in a [`DecodeError`], in bytes.
const SNIPPET_LIMIT: usize = 512;

/// Everything that can go wrong when calling the service.
///
/// Match on the variant to tell a service answer from a local or network problem; the
/// crate-level docs show an example.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The service answered with an error status (400 or above).
    #[error(transparent)]
    Service(Box<ServiceError>),
    /// The service answered with a status that the spec does not document as a success of the
    /// operation, and that is not an error status either: a redirect (which the client never
    /// follows, since it would carry the credentials elsewhere), another 3xx, or an
    /// undocumented 2xx.
    #[error(transparent)]
    UnexpectedStatus(Box<UnexpectedStatusError>),
    /// No complete answer arrived in time.
    #[error("{operation}: the request timed out: {}", ErrorChain(&**.source))]
    Timeout {
        /// The operation that timed out.
        operation: &'static str,
        /// The HTTP client's timeout error, or the operation deadline that elapsed.
        #[source]
        source: BoxError,
    },
    /// The connection could not be made, or it broke before the answer was complete.
    #[error("{operation}: connection error: {}", ErrorChain(&**.source))]
    Connection {
        /// The operation whose request failed.
        operation: &'static str,
        /// The HTTP transport's error.
        #[source]
        source: BoxError,
    },
    /// The credentials provider had no credentials to give.
    #[error("{operation}: no credentials: {source}")]
    Credentials {
        /// The operation that was not sent.
        operation: &'static str,
        /// Why the provider had none.
        #[source]
        source: crate::CredentialsError,
    },
    /// The answer's body is longer than [`ConfigBuilder::max_response_body`](crate::ConfigBuilder::max_response_body).
    #[error("{operation}: the answer is longer than the limit of {limit} bytes")]
    ResponseTooLarge {
        /// The operation whose answer was refused.
        operation: &'static str,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The service answered with a success status, but the body is not what the spec describes.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// The request was not sent because an input is not valid.
    #[error("{operation}: invalid input `{input}`: {reason}")]
    InvalidInput {
        /// The operation that was not sent.
        operation: &'static str,
        /// The input at fault, by its name in the spec (e.g. `function_urn`).
        input: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// A paginated operation's answer named, as the next page's marker, a marker already
    /// followed: following it would ask for the same pages forever. The pages before are
    /// yielded; the stream ends with this error.
    #[error(
        "{operation}: the next marker `{marker}` was seen before; the pages would repeat forever"
    )]
    PaginationLoop {
        /// The paginated operation.
        operation: &'static str,
        /// The repeated marker, cut to at most 512 bytes.
        marker: String,
    },
    /// The client is not configured well enough to send this request.
    #[error("invalid client configuration: {0}")]
    Config(String),
}

impl Error {
    /// The service error, if the service answered with an error status.
    pub fn as_service_error(&self) -> Option<&ServiceError> {
        match self {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The HTTP status of the answer, if there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Service(e) => Some(e.status),
            Error::UnexpectedStatus(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }
}

/// An error answer from the service, as the official SDKs report it.
#[derive(Clone, PartialEq, Eq)]
pub struct ServiceError {
    pub(crate) operation: &'static str,
    pub(crate) status: u16,
    pub(crate) error_code: String,
    pub(crate) error_msg: String,
    pub(crate) request_id: Option<String>,
    pub(crate) encoded_authorization_message: Option<String>,
    pub(crate) body: String,
}

impl ServiceError {
    /// Builds the error from an answer's status, `X-Request-Id` header and body.
    pub(crate) fn from_response(
        operation: &'static str,
        status: u16,
        request_id: Option<String>,
        body: &[u8],
    ) -> Self {
        let text = String::from_utf8_lossy(body).into_owned();
        let parsed = ErrorBody::parse(&text);
        ServiceError {
            operation,
            status,
            error_code: parsed.code.unwrap_or_else(|| status.to_string()),
            error_msg: parsed.message.unwrap_or_else(|| text.clone()),
            request_id,
            encoded_authorization_message: parsed.encoded_authorization_message,
            body: text,
        }
    }

    /// An error answer of `status` to `operation`, with no error code, message, request id or
    /// body yet: for tests of code that handles service errors. The `with_` methods set the
    /// rest; wrap it as `Error::Service(Box::new(error))`.
    pub fn new(operation: &'static str, status: u16) -> Self {
        ServiceError {
            operation,
            status,
            error_code: status.to_string(),
            error_msg: String::new(),
            request_id: None,
            encoded_authorization_message: None,
            body: String::new(),
        }
    }

    /// Sets the service's error code, e.g. `FSS.0404`.
    pub fn with_error_code(mut self, code: impl Into<String>) -> Self {
        self.error_code = code.into();
        self
    }

    /// Sets the service's error message.
    pub fn with_error_msg(mut self, message: impl Into<String>) -> Self {
        self.error_msg = message.into();
        self
    }

    /// Sets the `X-Request-Id` of the answer.
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// Sets the raw body of the answer.
    pub fn with_body(mut self, body: impl Into<String>) -> Self {
        self.body = body.into();
        self
    }

    /// The operation that failed, e.g. `InvokeFunction`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }
    /// The HTTP status, e.g. 404.
    pub fn status(&self) -> u16 {
        self.status
    }
    /// The service's error code, e.g. `FSS.0404`. The HTTP status as text when the body has none.
    pub fn error_code(&self) -> &str {
        &self.error_code
    }
    /// The service's error message. The raw body when the body has none.
    pub fn error_msg(&self) -> &str {
        &self.error_msg
    }
    /// The `X-Request-Id` response header, to quote when asking Huawei Cloud support.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    /// The `encoded_authorization_message` of a 403 answer, if the body had one.
    pub fn encoded_authorization_message(&self) -> Option<&str> {
        self.encoded_authorization_message.as_deref()
    }
    /// The raw body of the answer, decoded as UTF-8 with replacement characters.
    pub fn body(&self) -> &str {
        &self.body
    }
    /// Whether the status is 500 or above.
    pub fn is_server_error(&self) -> bool {
        self.status >= 500
    }
}

impl fmt::Debug for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceError")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("error_code", &self.error_code)
            .field("error_msg", &self.error_msg)
            .field("request_id", &self.request_id)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: HTTP {} {}: {}",
            self.operation, self.status, self.error_code, self.error_msg
        )?;
        match &self.request_id {
            Some(id) => write!(f, " (request id {id})"),
            None => write!(f, " (no request id)"),
        }
    }
}

impl std::error::Error for ServiceError {}

/// An answer whose status the operation does not document, neither a success nor an error
/// status (e.g. a 302 redirect, or a 201 where the spec documents only 200).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnexpectedStatusError {
    pub(crate) operation: &'static str,
    pub(crate) status: u16,
    pub(crate) location: Option<String>,
    pub(crate) request_id: Option<String>,
}

impl UnexpectedStatusError {
    /// `location` is the `Location` header, cut to at most 512 bytes.
    pub(crate) fn new(
        operation: &'static str,
        status: u16,
        location: Option<&[u8]>,
        request_id: Option<String>,
    ) -> Self {
        UnexpectedStatusError {
            operation,
            status,
            location: location.map(snippet),
            request_id,
        }
    }
    /// The operation that got the answer.
    pub fn operation(&self) -> &'static str {
        self.operation
    }
    /// The HTTP status, e.g. 302.
    pub fn status(&self) -> u16 {
        self.status
    }
    /// Where a redirect pointed (the `Location` header, at most 512 bytes of it), if the answer
    /// had one. The client did not follow it.
    pub fn location(&self) -> Option<&str> {
        self.location.as_deref()
    }
    /// The `X-Request-Id` response header.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl fmt::Display for UnexpectedStatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: HTTP {} is not a documented answer of the operation",
            self.operation, self.status
        )?;
        if let Some(location) = &self.location {
            write!(f, "; it redirects to {location}, which is not followed")?;
        }
        match &self.request_id {
            Some(id) => write!(f, " (request id {id})"),
            None => write!(f, " (no request id)"),
        }
    }
}

impl std::error::Error for UnexpectedStatusError {}

/// An error and its causes on one line, `error: cause: cause's cause`. A cause whose message
/// the line already ends with is left out, since many errors repeat their source's message.
pub(crate) struct ErrorChain<'a>(pub(crate) &'a (dyn std::error::Error + 'static));

impl fmt::Display for ErrorChain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut line = self.0.to_string();
        let mut next = self.0.source();
        while let Some(cause) = next {
            let message = cause.to_string();
            if !line.ends_with(&message) {
                line.push_str(": ");
                line.push_str(&message);
            }
            next = cause.source();
        }
        f.write_str(&line)
    }
}

/// A success answer whose body could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub(crate) operation: &'static str,
    pub(crate) status: u16,
    pub(crate) reason: String,
    pub(crate) snippet: String,
}

impl DecodeError {
    /// A decoding failure of an answer of `status` to `operation`: why, and the body, of which
    /// the start is kept. Public for tests of code that handles errors.
    pub fn new(
        operation: &'static str,
        status: u16,
        reason: impl fmt::Display,
        body: &[u8],
    ) -> Self {
        DecodeError {
            operation,
            status,
            reason: reason.to_string(),
            snippet: snippet(body),
        }
    }
    /// The operation whose answer failed to decode.
    pub fn operation(&self) -> &'static str {
        self.operation
    }
    /// The HTTP status of the answer.
    pub fn status(&self) -> u16 {
        self.status
    }
    /// Why decoding failed.
    pub fn reason(&self) -> &str {
        &self.reason
    }
    /// The start of the body, at most 512 bytes, as lossy UTF-8.
    pub fn snippet(&self) -> &str {
        &self.snippet
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: could not decode the HTTP {} answer: {}; body starts with {:?}",
            self.operation, self.status, self.reason, self.snippet
        )
    }
}

impl std::error::Error for DecodeError {}

/// The start of `body`, at most [`SNIPPET_LIMIT`] bytes, cut on a character boundary, as lossy
/// UTF-8.
pub(crate) fn snippet(body: &[u8]) -> String {
    let mut end = body.len().min(SNIPPET_LIMIT);
    // Cut on a character boundary when the body is UTF-8.
    while end > 0 && end < body.len() && (body[end] & 0xC0) == 0x80 {
        end -= 1;
    }
    String::from_utf8_lossy(&body[..end]).into_owned()
}

/// The code and message found in an error body, by the official SDK's rules.
#[derive(Debug, Default, PartialEq, Eq)]
struct ErrorBody {
    code: Option<String>,
    message: Option<String>,
    encoded_authorization_message: Option<String>,
}

impl ErrorBody {
    /// Reads `error_code`/`error_msg`, then `errorCode`/`errorMsg`, then `code`/`message`, at the
    /// top level first and then one level down (e.g. `{"error": {"code": .., "message": ..}}`).
    /// A pair counts only when both of its keys are present, as in the official SDK.
    fn parse(text: &str) -> ErrorBody {
        let Ok(serde_json::Value::Object(object)) = serde_json::from_str::<serde_json::Value>(text)
        else {
            return ErrorBody::default();
        };
        let mut body = ErrorBody {
            encoded_authorization_message: object
                .get("encoded_authorization_message")
                .map(json_text),
            ..ErrorBody::default()
        };
        let found = find_pair(&object).or_else(|| {
            object.values().find_map(|value| match value {
                serde_json::Value::Object(nested) => find_pair(nested),
                _ => None,
            })
        });
        if let Some((code, message)) = found {
            body.code = Some(code).filter(|c| !c.is_empty());
            body.message = Some(message).filter(|m| !m.is_empty());
        }
        body
    }
}

const ERROR_KEY_PAIRS: [(&str, &str); 3] = [
    ("error_code", "error_msg"),
    ("errorCode", "errorMsg"),
    ("code", "message"),
];

fn find_pair(object: &serde_json::Map<String, serde_json::Value>) -> Option<(String, String)> {
    ERROR_KEY_PAIRS.iter().find_map(|(code_key, message_key)| {
        let code = object.get(*code_key)?;
        let message = object.get(*message_key)?;
        Some((json_text(code), json_text(message)))
    })
}

/// A JSON value as text: strings without quotes, anything else as JSON.
fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (Option<String>, Option<String>) {
        let body = ErrorBody::parse(text);
        (body.code, body.message)
    }

    #[test]
    fn error_body_pairs_are_tried_in_the_official_order() {
        let both = r#"{"code":"C","message":"M","error_code":"FSS.0404","error_msg":"gone"}"#;
        assert_eq!(parsed(both), (Some("FSS.0404".into()), Some("gone".into())));
        assert_eq!(
            parsed(r#"{"errorCode":"E","errorMsg":"m"}"#),
            (Some("E".into()), Some("m".into()))
        );
        assert_eq!(
            parsed(r#"{"code":"C","message":"M"}"#),
            (Some("C".into()), Some("M".into()))
        );
    }

    #[test]
    fn a_pair_needs_both_keys() {
        assert_eq!(
            parsed(r#"{"error_code":"X","code":"C","message":"M"}"#),
            (Some("C".into()), Some("M".into()))
        );
    }

    #[test]
    fn nested_pairs_are_found_one_level_down() {
        assert_eq!(
            parsed(
                r#"{"error":{"code":"APIGW.0301","message":"Incorrect IAM authentication information"}}"#
            ),
            (
                Some("APIGW.0301".into()),
                Some("Incorrect IAM authentication information".into())
            )
        );
    }

    #[test]
    fn non_json_bodies_fall_back_to_status_and_text() {
        let e = ServiceError::from_response("Op", 502, None, b"<html>bad gateway</html>");
        assert_eq!(e.error_code(), "502");
        assert_eq!(e.error_msg(), "<html>bad gateway</html>");
        assert_eq!(
            e.to_string(),
            "Op: HTTP 502 502: <html>bad gateway</html> (no request id)"
        );
    }

    #[test]
    fn service_errors_can_be_built_for_tests() {
        let error = ServiceError::new("InvokeFunction", 404)
            .with_error_code("FSS.0404")
            .with_error_msg("not found")
            .with_request_id("r-1");
        assert_eq!(
            Error::Service(Box::new(error)).to_string(),
            "InvokeFunction: HTTP 404 FSS.0404: not found (request id r-1)"
        );
        assert_eq!(ServiceError::new("Op", 500).error_code(), "500");
    }

    #[test]
    fn snippet_is_bounded_and_cut_on_a_character() {
        let body = "é".repeat(600);
        let s = snippet(body.as_bytes());
        assert!(s.len() <= SNIPPET_LIMIT);
        assert!(s.chars().all(|c| c == 'é'));
    }
}
