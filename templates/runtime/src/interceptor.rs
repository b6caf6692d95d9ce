//! Hooks around every attempt: logging, metrics, header injection.
//!
//! An [`Interceptor`] sees each attempt's request before it is signed, and may add headers to
//! it, which the signature then covers; and it sees how each attempt ended. Register one with
//! `interceptor` on the builder; every client made from that configuration calls it.

use std::fmt;
use std::time::Duration;

use crate::http::{HeaderMap, Method, TransportError};

/// Sees every attempt of every call, before and after.
///
/// ```
/// use huaweicloud_sdk_core::{AttemptOutcome, AttemptRequest, Interceptor};
///
/// /// Tags every request, and logs how long each attempt took.
/// #[derive(Debug)]
/// struct Tagging;
///
/// impl Interceptor for Tagging {
///     fn before_attempt(&self, request: &mut AttemptRequest<'_>) {
///         request.add_header("X-Trace-Id", format!("{}-{}", request.operation(), request.attempt()));
///     }
///
///     fn after_attempt(&self, outcome: &AttemptOutcome<'_>) {
///         println!("{} attempt {}: {:?} in {:?}", outcome.operation(), outcome.attempt(),
///             outcome.status(), outcome.elapsed());
///     }
/// }
/// ```
pub trait Interceptor: Send + Sync + fmt::Debug {
    /// Called before each attempt is signed. Headers added here are sent and signed.
    fn before_attempt(&self, request: &mut AttemptRequest<'_>) {
        let _ = request;
    }

    /// Called when each attempt has ended, with its answer or its failure.
    fn after_attempt(&self, outcome: &AttemptOutcome<'_>) {
        let _ = outcome;
    }
}

/// An interceptor shared with the code that reads what it gathered.
impl<I: Interceptor + ?Sized> Interceptor for std::sync::Arc<I> {
    fn before_attempt(&self, request: &mut AttemptRequest<'_>) {
        (**self).before_attempt(request);
    }

    fn after_attempt(&self, outcome: &AttemptOutcome<'_>) {
        (**self).after_attempt(outcome);
    }
}

/// One attempt's request, before it is signed.
#[derive(Debug)]
pub struct AttemptRequest<'a> {
    pub(crate) service: &'static str,
    pub(crate) operation: &'static str,
    pub(crate) attempt: u32,
    pub(crate) method: &'a Method,
    pub(crate) path: &'a str,
    pub(crate) query: &'a str,
    pub(crate) headers: &'a [(&'static str, String)],
    pub(crate) added: &'a mut Vec<(String, String)>,
}

impl AttemptRequest<'_> {
    /// The service, e.g. `FunctionGraph`.
    pub fn service(&self) -> &'static str {
        self.service
    }
    /// The operation, e.g. `InvokeFunction`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }
    /// Which attempt this is: 1 for the first.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }
    /// The HTTP method.
    pub fn method(&self) -> &Method {
        self.method
    }
    /// The path, percent-encoded, without the endpoint's path prefix.
    pub fn path(&self) -> &str {
        self.path
    }
    /// The query string as it is sent and signed; empty when there is none.
    pub fn query(&self) -> &str {
        self.query
    }
    /// The operation's own headers. The client adds `Content-Type`, `User-Agent`,
    /// `X-Project-Id` and the authentication headers after the interceptors.
    pub fn headers(&self) -> &[(&'static str, String)] {
        self.headers
    }
    /// Adds a header to this attempt; it is signed with the rest. A name the client sets
    /// itself is refused when the request is sent, as an invalid input.
    pub fn add_header(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.added.push((name.into(), value.into()));
    }
}

/// How one attempt ended.
#[derive(Debug)]
pub struct AttemptOutcome<'a> {
    pub(crate) service: &'static str,
    pub(crate) operation: &'static str,
    pub(crate) attempt: u32,
    pub(crate) elapsed: Duration,
    pub(crate) result: Result<(u16, &'a HeaderMap), &'a TransportError>,
}

impl AttemptOutcome<'_> {
    /// The service, e.g. `FunctionGraph`.
    pub fn service(&self) -> &'static str {
        self.service
    }
    /// The operation, e.g. `InvokeFunction`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }
    /// Which attempt this was: 1 for the first.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }
    /// How long the attempt took, from sending to the end of the answer.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }
    /// The answer's status, when one came.
    pub fn status(&self) -> Option<u16> {
        self.result.as_ref().ok().map(|(status, _)| *status)
    }
    /// The answer's headers, when one came.
    pub fn headers(&self) -> Option<&HeaderMap> {
        self.result.as_ref().ok().map(|(_, headers)| *headers)
    }
    /// The failure, when no answer came.
    pub fn failure(&self) -> Option<&TransportError> {
        self.result.as_ref().err().copied()
    }
}
