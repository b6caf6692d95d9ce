//! What a generated operation hands the runtime, and what it gets back to decode.
//!
//! A generated operation builds an [`OperationRequest`] (path, query, headers, body) and decodes
//! the [`OperationResponse`]; everything in between is the runtime's, once for every operation.

use std::str::FromStr;

use serde::de::DeserializeOwned;

use crate::error::{DecodeError, Error};
use crate::http::{HeaderMap, HeaderValue, Method};

/// What the runtime needs to know about an operation.
#[derive(Debug, Clone)]
pub struct OperationInfo {
    /// The operationId, e.g. `InvokeFunction`.
    pub name: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The success statuses the spec documents, e.g. `[200]` or `[202]`. Empty when it
    /// documents none, or only the range `2XX`: then any 2xx status is a success.
    pub success_statuses: &'static [u16],
    /// The `Content-Type` of every request of the operation, decided by the generator from the
    /// spec: the body's media type, and `application/json` when the body is JSON or there is
    /// none, as the official SDK sends it. The signature covers it.
    pub content_type: &'static str,
}

impl OperationInfo {
    /// Whether the status is one of the operation's documented successes. Any other status
    /// below 400 (a redirect, a 1xx or 3xx, an undocumented 2xx) is an unexpected answer.
    pub(crate) fn is_success(&self, status: u16) -> bool {
        if self.success_statuses.is_empty() {
            (200..300).contains(&status)
        } else {
            self.success_statuses.contains(&status)
        }
    }

    /// Whether sending the request twice has the effect of sending it once (RFC 9110 §9.2.2).
    pub(crate) fn is_idempotent(&self) -> bool {
        self.method != Method::POST && self.method != Method::PATCH
    }
}

/// Adjustments to one call, made with the request builder's `customize`: extra headers, a
/// timeout, a retry policy and a `User-Agent` suffix, without a new client.
///
/// ```
/// use std::time::Duration;
/// use huaweicloud_sdk_core::{CallOptions, RetryPolicy};
///
/// let options = CallOptions::default()
///     .header("X-Trace-Id", "t-1")
///     .operation_timeout(Duration::from_secs(5))
///     .retry_policy(RetryPolicy::none())
///     .user_agent_suffix("billing-job/2.1");
/// # let _ = options;
/// ```
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    retry_as_idempotent: bool,
    /// Boxed: most calls customise nothing, and every call's future carries the options.
    custom: Option<Box<Customization>>,
}

/// What `customize` changed.
#[derive(Debug, Clone, Default)]
struct Customization {
    headers: Vec<(String, String)>,
    operation_timeout: Option<std::time::Duration>,
    retry_policy: Option<crate::RetryPolicy>,
    user_agent_suffix: Option<String>,
}

impl CallOptions {
    /// Sends one more header, signed with the rest. A name the client or the operation sets
    /// itself (`Host`, `Authorization`, `Content-Type`, `User-Agent`, `X-Project-Id`,
    /// `X-Sdk-Date`, the token headers, or one of the operation's parameters) is refused when
    /// the call is sent, as an invalid input.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.custom().headers.push((name.into(), value.into()));
        self
    }

    /// A limit on this whole call, every attempt and wait included, instead of the client's.
    pub fn operation_timeout(mut self, timeout: std::time::Duration) -> Self {
        self.custom().operation_timeout = Some(timeout);
        self
    }

    /// When to retry this call, instead of the client's policy.
    pub fn retry_policy(mut self, policy: crate::RetryPolicy) -> Self {
        self.custom().retry_policy = Some(policy);
        self
    }

    /// Text appended to the `User-Agent`, after a space, e.g. the application's name.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.custom().user_agent_suffix = Some(suffix.into());
        self
    }

    /// Retries this call like an idempotent one, although its method is not.
    pub fn retry_as_idempotent(mut self) -> Self {
        self.retry_as_idempotent = true;
        self
    }

    fn custom(&mut self) -> &mut Customization {
        self.custom.get_or_insert_with(Box::default)
    }

    pub(crate) fn retries_as_idempotent(&self) -> bool {
        self.retry_as_idempotent
    }

    pub(crate) fn headers(&self) -> &[(String, String)] {
        self.custom.as_ref().map_or(&[], |c| &c.headers)
    }

    pub(crate) fn timeout(&self) -> Option<std::time::Duration> {
        self.custom.as_ref().and_then(|c| c.operation_timeout)
    }

    pub(crate) fn policy(&self) -> Option<&crate::RetryPolicy> {
        self.custom.as_ref().and_then(|c| c.retry_policy.as_ref())
    }

    pub(crate) fn suffix(&self) -> Option<&str> {
        self.custom
            .as_ref()
            .and_then(|c| c.user_agent_suffix.as_deref())
    }
}

/// A request as the generated operation built it.
#[derive(Debug)]
pub struct OperationRequest {
    /// The path, with every parameter already percent-encoded.
    pub path: String,
    /// The query parameters, not yet encoded, in any order.
    pub query: Vec<(&'static str, String)>,
    /// The operation's own headers.
    pub headers: Vec<(&'static str, String)>,
    /// The encoded body, if the request has one.
    pub body: Option<bytes::Bytes>,
}

/// The longest body [`OperationResponse::kept_body`] copies out of its buffer.
const KEPT_BODY_COPY_LIMIT: usize = 64 * 1024;

/// A success answer (a status the operation documents as one), fully read.
#[derive(Debug)]
pub struct OperationResponse {
    /// The operation it answers.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// The headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: bytes::Bytes,
}

impl OperationResponse {
    /// Decodes the JSON body.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, Error> {
        serde_json::from_slice(&self.body).map_err(|e| self.decode_error(e))
    }

    /// Decodes a JSON object body into an output's fields. An empty body or `null` counts as
    /// `{}`, as the official SDK treats it, so every optional field is simply absent.
    pub fn json_fields<T: DeserializeOwned>(&self) -> Result<T, Error> {
        let trimmed = self.body.trim_ascii();
        if trimmed.is_empty() || trimmed == b"null" {
            return serde_json::from_slice(b"{}").map_err(|e| self.decode_error(e));
        }
        self.json()
    }

    /// Like [`json_fields`](Self::json_fields), but a body that is not JSON at all (e.g. the
    /// plain text of a v0 InvokeFunction answer) gives the default, every field unset. JSON that
    /// does not fit is still a decode error.
    pub fn json_fields_or_default<T: DeserializeOwned + Default>(&self) -> Result<T, Error> {
        match self.json_fields() {
            Ok(output) => Ok(output),
            Err(_) if serde_json::from_slice::<serde::de::IgnoredAny>(&self.body).is_err() => {
                Ok(T::default())
            }
            Err(error) => Err(error),
        }
    }

    /// The body, for an output that keeps it, in an allocation of its own when it is small:
    /// HTTP stacks hand a small body out as a slice of the connection's read buffer, which a
    /// kept output would otherwise keep alive whole (8 KiB or more for a body of 200 bytes).
    /// Outputs that only decode the body pay nothing.
    pub fn kept_body(&self) -> bytes::Bytes {
        if self.body.len() <= KEPT_BODY_COPY_LIMIT {
            bytes::Bytes::copy_from_slice(&self.body)
        } else {
            // A body this long came in chunks that were gathered into one allocation, or
            // fills most of the buffer it came in.
            self.body.clone()
        }
    }

    /// The body as text, for operations whose answer is `text/*`. Text that is not UTF-8 is a
    /// decode error rather than replaced, so that the output never holds text that differs from
    /// what the service sent; the bytes are in the error.
    pub fn text(&self) -> Result<String, Error> {
        match std::str::from_utf8(&self.body) {
            Ok(text) => Ok(text.to_owned()),
            Err(error) => {
                Err(self.decode_error(format_args!("the text body is not UTF-8: {error}")))
            }
        }
    }

    /// Parses a response header into the output field `slot`. Of repeated headers, the first
    /// one counts. A header that does not parse is a decode error that names it.
    pub fn parse_header<T: FromStr>(
        &self,
        slot: &mut Option<T>,
        name: &str,
        value: &HeaderValue,
    ) -> Result<(), Error>
    where
        T::Err: std::fmt::Display,
    {
        if slot.is_some() {
            return Ok(());
        }
        let text = String::from_utf8_lossy(value.as_bytes());
        let parsed = text
            .parse::<T>()
            .map_err(|e| self.decode_error(format!("response header {name}: {e}")))?;
        *slot = Some(parsed);
        Ok(())
    }

    fn decode_error(&self, reason: impl std::fmt::Display) -> Error {
        Error::Decode(Box::new(DecodeError::new(
            self.operation,
            self.status,
            reason,
            &self.body,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_body_holds_only_its_own_bytes() {
        let buffer = bytes::Bytes::from(vec![7u8; 8192]);
        let response = OperationResponse {
            operation: "Op",
            status: 200,
            headers: HeaderMap::new(),
            body: buffer.slice(..200),
        };
        let kept = response.kept_body();
        drop(response);
        drop(buffer);
        // The read buffer is gone: the kept body owns an allocation of its own size.
        let owned = kept.try_into_mut().expect("the body owns its allocation");
        assert_eq!(owned.len(), 200);
        assert!(owned.capacity() < 256, "{}", owned.capacity());
    }
}
