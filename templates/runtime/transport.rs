//! Sends one operation's request and turns the answer into bytes or an [`Error`].
//!
//! Generated operations build an [`HttpRequest`] (path, query, headers, body) and decode the
//! [`HttpResponse`]; everything in between happens here, once for every operation: the URL, the
//! common headers, credentials and signing, retries, timeouts, error answers and tracing.

use std::str::FromStr;
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::config::Credentials;
use crate::encoding::query_string;
use crate::error::{DecodeError, Error, ServiceError};
use crate::retry::{RetryAfter, RetryPolicy, is_retryable_status};
use crate::signing::{DATE_HEADER, SignableRequest, sdk_date, sign_with_canonical_query};

/// `User-Agent`: this crate and its version.
const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// What the transport needs to know about an operation.
#[derive(Debug, Clone)]
pub(crate) struct OperationInfo {
    /// The operationId, e.g. `InvokeFunction`.
    pub name: &'static str,
    pub method: reqwest::Method,
}

impl OperationInfo {
    /// Whether sending the request twice has the effect of sending it once (RFC 9110 §9.2.2).
    fn is_idempotent(&self) -> bool {
        self.method != reqwest::Method::POST && self.method != reqwest::Method::PATCH
    }
}

/// Per-call choices the caller can make on a request builder.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CallOptions {
    /// Retry this call like an idempotent one, although its method is not.
    pub retry_as_idempotent: bool,
}

/// A request as the generated operation built it.
#[derive(Debug)]
pub(crate) struct HttpRequest {
    /// The path, with every parameter already percent-encoded.
    pub path: String,
    pub query: Vec<(&'static str, String)>,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<bytes::Bytes>,
}

/// A success answer (status below 400), fully read.
#[derive(Debug)]
pub(crate) struct HttpResponse {
    pub operation: &'static str,
    pub status: u16,
    pub headers: HeaderMap,
    pub body: bytes::Bytes,
}

impl HttpResponse {
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

    /// A response header, parsed. Absent headers are `None`; a header that does not parse is
    /// a decode error that names it.
    pub fn header<T: FromStr>(&self, name: &'static str) -> Result<Option<T>, Error>
    where
        T::Err: std::fmt::Display,
    {
        let Some(value) = self.headers.get(name) else {
            return Ok(None);
        };
        let text = String::from_utf8_lossy(value.as_bytes());
        text.parse::<T>()
            .map(Some)
            .map_err(|e| self.decode_error(format!("response header {name}: {e}")))
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

/// The shared state of a client: the HTTP connection pool and the configuration.
#[derive(Debug)]
pub(crate) struct Handle {
    pub http: reqwest::Client,
    /// Scheme, authority and path prefix, without a trailing `/`.
    pub endpoint: String,
    /// The endpoint's path prefix, without a trailing `/`; usually empty.
    pub path_prefix: String,
    /// The `Host` header value, which the signature covers.
    pub host: String,
    pub project_id: String,
    pub credentials: Credentials,
    pub operation_timeout: Option<Duration>,
    pub retry_policy: RetryPolicy,
    /// The longest response body read, in bytes.
    pub max_response_body: usize,
    /// Answers in place of HTTP, for tests.
    #[cfg(feature = "test-util")]
    pub fake: Option<std::sync::Arc<crate::test_util::FakeTransport>>,
}

/// How one attempt ended, before deciding whether to try again.
enum Attempt {
    Answered(HttpResponse),
    Failed { error: Error, reached_server: bool },
}

impl Handle {
    /// The project id for `{project_id}` in paths.
    pub fn project_id(&self) -> &str {
        &self.project_id
    }

    /// Sends the request, retrying as the policy allows, and reads the whole answer, inside a
    /// tracing span that names the operation and, once known, the status and the request id.
    pub async fn execute(
        &self,
        operation: &OperationInfo,
        mut request: HttpRequest,
        options: CallOptions,
    ) -> Result<HttpResponse, Error> {
        // Every attempt sends the same query; it is also the signature's canonical query.
        let query = query_string(&mut request.query);
        let span = tracing::debug_span!(
            "sdk_operation",
            operation = operation.name,
            method = %operation.method,
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        let attempts = self.attempts(operation, &request, &query, options, &span);
        let response = match self.operation_timeout {
            Some(limit) => tokio::time::timeout(limit, attempts)
                .instrument(span.clone())
                .await
                .map_err(|elapsed| Error::Timeout {
                    operation: operation.name,
                    source: Box::new(elapsed),
                })?,
            None => attempts.instrument(span.clone()).await,
        }?;
        let request_id = request_id(&response.headers);
        span.record("status", response.status);
        if let Some(id) = &request_id {
            span.record("request_id", id.as_str());
        }
        tracing::debug!(parent: &span, "answered");
        if response.status >= 400 {
            let error = ServiceError::from_response(
                operation.name,
                response.status,
                request_id,
                &response.body,
            );
            tracing::debug!(parent: &span, error = %error, "service error");
            return Err(Error::Service(Box::new(error)));
        }
        Ok(response)
    }

    /// Sends attempts until one succeeds, one fails in a way that must not be retried, or the
    /// policy's attempts are used up. An error answer is returned as a response, so that the
    /// caller turns the last one into a service error.
    async fn attempts(
        &self,
        operation: &OperationInfo,
        request: &HttpRequest,
        query: &str,
        options: CallOptions,
        span: &tracing::Span,
    ) -> Result<HttpResponse, Error> {
        let retry_anything = operation.is_idempotent() || options.retry_as_idempotent;
        let mut attempt = 1;
        loop {
            span.record("attempts", attempt);
            let outcome = self.send_once(operation, request, query).await;
            let last = attempt >= self.retry_policy.max_attempts();
            let wait = match &outcome {
                Attempt::Answered(response)
                    if is_retryable_status(response.status) && retry_anything =>
                {
                    match response
                        .headers
                        .get(reqwest::header::RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                    {
                        Some(value) => {
                            match self.retry_policy.retry_after(value, SystemTime::now()) {
                                RetryAfter::Wait(wait) => Some(wait),
                                RetryAfter::TooLong(_) => None,
                                RetryAfter::Unparsed => Some(self.retry_policy.backoff(attempt)),
                            }
                        }
                        None => Some(self.retry_policy.backoff(attempt)),
                    }
                }
                Attempt::Answered(_) => None,
                // A request that never reached the server can always be sent again.
                Attempt::Failed { reached_server, .. } if !reached_server || retry_anything => {
                    Some(self.retry_policy.backoff(attempt))
                }
                Attempt::Failed { .. } => None,
            };
            match (wait, last) {
                (Some(wait), false) => {
                    tracing::debug!(attempt, wait_ms = wait.as_millis() as u64, "retrying");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                _ => {
                    return match outcome {
                        Attempt::Answered(response) => Ok(response),
                        Attempt::Failed { error, .. } => Err(error),
                    };
                }
            }
        }
    }

    /// One attempt: a freshly signed request, sent, and its answer read to the end.
    async fn send_once(
        &self,
        operation: &OperationInfo,
        request: &HttpRequest,
        query: &str,
    ) -> Attempt {
        let prepared = match self.prepare(operation, request, query) {
            Ok(prepared) => prepared,
            Err(error) => {
                return Attempt::Failed {
                    error,
                    reached_server: false,
                };
            }
        };
        #[cfg(feature = "test-util")]
        if let Some(fake) = &self.fake {
            let body = request.body.as_deref().unwrap_or_default();
            let (status, headers, body) =
                fake.answer(&operation.method, &prepared.url, &prepared.headers, body);
            return Attempt::Answered(HttpResponse {
                operation: operation.name,
                status,
                headers,
                body,
            });
        }
        let mut builder = self
            .http
            .request(operation.method.clone(), prepared.url)
            .headers(prepared.headers);
        match &request.body {
            Some(body) => builder = builder.body(body.clone()),
            // Like the official SDK (through `requests`), a POST, PUT or PATCH without a body
            // still says `Content-Length: 0`; some proxies refuse such requests without it.
            // hyper leaves the header out for an empty body, so it is set here.
            None if expects_body(&operation.method) => {
                builder = builder.header(reqwest::header::CONTENT_LENGTH, "0");
            }
            None => {}
        }
        let mut response = match builder.send().await {
            Ok(response) => response,
            Err(error) => return transport_failure(operation, error),
        };
        let status = response.status().as_u16();
        let headers = std::mem::take(response.headers_mut());
        match self.read_body(operation, response).await {
            Ok(body) => Attempt::Answered(HttpResponse {
                operation: operation.name,
                status,
                headers,
                body,
            }),
            Err(attempt) => attempt,
        }
    }

    /// Reads the whole body, refusing one longer than the configured limit before it is all in
    /// memory: by its `Content-Length` when it has one, otherwise as its chunks arrive.
    async fn read_body(
        &self,
        operation: &OperationInfo,
        mut response: reqwest::Response,
    ) -> Result<bytes::Bytes, Attempt> {
        let limit = self.max_response_body;
        let too_large = || Attempt::Failed {
            error: Error::ResponseTooLarge {
                operation: operation.name,
                limit,
            },
            reached_server: true,
        };
        match response.content_length() {
            Some(length) if length > limit as u64 => return Err(too_large()),
            // The length is known and allowed: read it in one go, without copying chunks.
            Some(_) => {
                return response
                    .bytes()
                    .await
                    .map_err(|e| transport_failure(operation, e));
            }
            None => {}
        }
        let mut body = bytes::BytesMut::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) if body.len() + chunk.len() > limit => return Err(too_large()),
                Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                Ok(None) => return Ok(body.freeze()),
                Err(error) => return Err(transport_failure(operation, error)),
            }
        }
    }

    /// The URL and headers of one attempt, signed when the credentials are an access key.
    fn prepare(
        &self,
        operation: &OperationInfo,
        request: &HttpRequest,
        query: &str,
    ) -> Result<Prepared, Error> {
        let mut url =
            String::with_capacity(self.endpoint.len() + request.path.len() + query.len() + 1);
        url.push_str(&self.endpoint);
        url.push_str(&request.path);
        if !query.is_empty() {
            url.push('?');
            url.push_str(query);
        }

        // The headers of the official SDK, in its order: the operation's own, then these.
        let mut headers: Vec<(&str, &str)> = Vec::with_capacity(request.headers.len() + 8);
        headers.extend(
            request
                .headers
                .iter()
                .map(|(name, value)| (*name, value.as_str())),
        );
        headers.push(("Content-Type", "application/json"));
        headers.push(("User-Agent", USER_AGENT));
        headers.push(("X-Project-Id", self.project_id()));
        let date;
        let authorization;
        let mut sensitive: &[&str] = &[];
        match &self.credentials {
            Credentials::AccessKey {
                access_key,
                secret_key,
                security_token,
            } => {
                date = sdk_date(SystemTime::now());
                headers.push((DATE_HEADER, &date));
                headers.push(("Host", &self.host));
                if let Some(token) = security_token {
                    headers.push(("X-Security-Token", token.expose()));
                    sensitive = &["X-Security-Token"];
                }
                // The signature covers the path as sent, the endpoint's prefix included.
                let path = format!("{}{}", self.path_prefix, request.path);
                let body = request.body.as_deref().unwrap_or_default();
                let signable = SignableRequest {
                    method: operation.method.as_str(),
                    path: &path,
                    query,
                    headers: &headers,
                    body,
                };
                let signature = sign_with_canonical_query(&signable, query, secret_key.expose());
                authorization = signature.authorization(access_key);
                headers.push(("Authorization", &authorization));
            }
            Credentials::Token(token) => {
                headers.push(("X-Auth-Token", token.expose()));
                sensitive = &["X-Auth-Token"];
            }
        }
        let mut header_map = HeaderMap::with_capacity(headers.len());
        for (name, value) in headers {
            let header_name =
                HeaderName::from_bytes(name.as_bytes()).map_err(|e| Error::InvalidInput {
                    operation: operation.name,
                    input: static_name(request, name),
                    reason: e.to_string(),
                })?;
            let mut header_value =
                HeaderValue::from_bytes(value.as_bytes()).map_err(|_| Error::InvalidInput {
                    operation: operation.name,
                    input: static_name(request, name),
                    reason: "header values must not contain control characters such as CR or LF"
                        .to_owned(),
                })?;
            header_value.set_sensitive(sensitive.contains(&name) || name == "Authorization");
            header_map.insert(header_name, header_value);
        }
        Ok(Prepared {
            url,
            headers: header_map,
        })
    }
}

struct Prepared {
    url: String,
    headers: HeaderMap,
}

/// The name of a bad header for an error: the operation input it came from, if any.
fn static_name(request: &HttpRequest, name: &str) -> &'static str {
    request
        .headers
        .iter()
        .find(|(input, _)| *input == name)
        .map_or("configuration", |(input, _)| input)
}

fn request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

fn expects_body(method: &reqwest::Method) -> bool {
    [
        reqwest::Method::POST,
        reqwest::Method::PUT,
        reqwest::Method::PATCH,
    ]
    .contains(method)
}

/// A failed attempt. Only a failure to connect proves the server never saw the request.
fn transport_failure(operation: &OperationInfo, error: reqwest::Error) -> Attempt {
    let reached_server = !error.is_connect();
    let error = if error.is_timeout() {
        Error::Timeout {
            operation: operation.name,
            source: Box::new(error),
        }
    } else {
        Error::Connection {
            operation: operation.name,
            source: error,
        }
    };
    Attempt::Failed {
        error,
        reached_server,
    }
}
