//! Testing code that uses a service client, without a network (feature `test-util`).
//!
//! A [`FakeTransport`] takes the place of HTTP: the client builds, signs and encodes every
//! request exactly as it would for the service, hands it to the fake, which records it and
//! answers with the next canned [`FakeResponse`]. Decoding, errors and retries then run as
//! usual. Give it to a builder with `http_transport(fake.clone())`; each service crate's docs
//! show it with that service's operations.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! use huaweicloud_sdk_core::http::{HttpRequest, HttpTransport, Method};
//! use huaweicloud_sdk_core::test_util::{FakeResponse, FakeTransport};
//!
//! let fake = FakeTransport::new();
//! fake.push_response(FakeResponse::json(404, r#"{"error_code": "E.404"}"#));
//! let url = "https://example.cn-north-4.myhuaweicloud.com/v1/x".parse().unwrap();
//! let answer = fake.send(HttpRequest::new(Method::GET, url, 1024)).await.unwrap();
//! assert_eq!(answer.status, 404);
//! assert_eq!(fake.requests()[0].url, "https://example.cn-north-4.myhuaweicloud.com/v1/x");
//! # }
//! ```

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::credentials::BoxFuture;
use crate::http::{
    HeaderMap, HeaderName, HeaderValue, HttpRequest, HttpResponse, HttpTransport, TransportError,
    TransportErrorKind,
};

/// A request the client handed to the fake transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The HTTP method, e.g. `POST`.
    pub method: String,
    /// The full URL, query included.
    pub url: String,
    /// The headers, names in lower case. Sensitive values (the token, the signature) are
    /// recorded too, since tests may check them.
    pub headers: Vec<(String, String)>,
    /// The body; empty when there is none.
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// A header's value, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A canned answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeResponse {
    /// The HTTP status.
    pub status: u16,
    /// The headers.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// How long the fake waits before it answers.
    pub delay: Duration,
}

impl FakeResponse {
    /// A JSON answer.
    pub fn json(status: u16, body: &str) -> Self {
        FakeResponse {
            status,
            headers: vec![("content-type".to_owned(), "application/json".to_owned())],
            body: body.as_bytes().to_vec(),
            delay: Duration::ZERO,
        }
    }

    /// The same answer with one more header.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The same answer, given only after `delay`, as a slow service gives it.
    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// A canned failure: no answer, the way a network fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeFailure {
    kind: TransportErrorKind,
    message: &'static str,
    delay: Duration,
}

impl FakeFailure {
    /// The answer did not come in time. The server may have seen the request.
    pub fn timeout() -> Self {
        FakeFailure::new(
            TransportErrorKind::Timeout,
            "fake: the answer did not come in time",
        )
    }

    /// No connection could be opened: the server never saw the request.
    pub fn connection_refused() -> Self {
        FakeFailure::new(TransportErrorKind::Connect, "fake: connection refused")
    }

    /// The connection broke after the request was sent.
    pub fn connection_reset() -> Self {
        FakeFailure::new(TransportErrorKind::Other, "fake: connection reset by peer")
    }

    fn new(kind: TransportErrorKind, message: &'static str) -> Self {
        FakeFailure {
            kind,
            message,
            delay: Duration::ZERO,
        }
    }

    /// The same failure, only after `delay`.
    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// What the fake does with one request.
#[derive(Debug, Clone)]
enum Reply {
    Answer(FakeResponse),
    Fail(FakeFailure),
}

/// Records requests and answers them from a queue of answers and failures; `200 {}` once the
/// queue is empty.
#[derive(Debug, Default)]
pub struct FakeTransport {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    requests: Vec<RecordedRequest>,
    replies: VecDeque<Reply>,
}

impl FakeTransport {
    /// A fake with no canned answers yet.
    pub fn new() -> Arc<FakeTransport> {
        Arc::new(FakeTransport::default())
    }

    /// Queues the answer to a later request.
    pub fn push_response(&self, response: FakeResponse) {
        self.lock().replies.push_back(Reply::Answer(response));
    }

    /// Queues a failure for a later request: a timeout or a connection error.
    pub fn push_failure(&self, failure: FakeFailure) {
        self.lock().replies.push_back(Reply::Fail(failure));
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Records the request and picks the reply.
    fn record(&self, request: &HttpRequest) -> Reply {
        let mut state = self.lock();
        state.requests.push(RecordedRequest {
            method: request.method.to_string(),
            url: request.url.to_string(),
            headers: request
                .headers
                .iter()
                .map(|(n, v)| {
                    (
                        n.to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            body: request.body.to_vec(),
        });
        state
            .replies
            .pop_front()
            .unwrap_or_else(|| Reply::Answer(FakeResponse::json(200, "{}")))
    }
}

fn into_response(response: FakeResponse) -> HttpResponse {
    let mut map = HeaderMap::new();
    for (name, value) in &response.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            map.append(name, value);
        }
    }
    HttpResponse::new(response.status, map, bytes::Bytes::from(response.body))
}

impl HttpTransport for FakeTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let reply = self.record(&request);
        Box::pin(async move {
            let delay = match &reply {
                Reply::Answer(response) => response.delay,
                Reply::Fail(failure) => failure.delay,
            };
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            match reply {
                Reply::Answer(response) => Ok(into_response(response)),
                Reply::Fail(failure) => Err(TransportError::new(failure.kind, failure.message)),
            }
        })
    }
}
