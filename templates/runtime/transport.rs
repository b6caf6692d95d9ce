//! Sends one operation's request and turns the answer into bytes or an [`Error`].
//!
//! Generated operations build an [`HttpRequest`] (path, query, headers, body) and decode the
//! [`HttpResponse`]; everything in between happens here, once for every operation: the URL, the
//! common headers, credentials and signing, retries, timeouts, error answers and tracing.

use std::borrow::Cow;
use std::str::FromStr;
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::auth::{Authentication, FixedHeader};
use crate::encoding::query_string;
use crate::error::{DecodeError, Error, ServiceError};
use crate::retry::{RetryAfter, RetryPolicy, is_retryable_status};
use crate::signing::{SignableRequest, authorization, sdk_date};

/// `User-Agent`: this crate and its version.
const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// The headers the client adds to requests. Names are lower case, as HTTP/1.1 sends them and as
/// the signature lists them. Built once, they are only cloned, which counts nothing.
static CONTENT_TYPE: HeaderName = HeaderName::from_static("content-type");
static USER_AGENT_HEADER: HeaderName = HeaderName::from_static("user-agent");
static X_PROJECT_ID: HeaderName = HeaderName::from_static("x-project-id");
static X_SDK_DATE: HeaderName = HeaderName::from_static("x-sdk-date");
static HOST: HeaderName = HeaderName::from_static("host");
static X_SECURITY_TOKEN: HeaderName = HeaderName::from_static("x-security-token");
static X_AUTH_TOKEN: HeaderName = HeaderName::from_static("x-auth-token");
static AUTHORIZATION: HeaderName = HeaderName::from_static("authorization");

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

/// The shared state of a client: the HTTP connection pool and the configuration.
#[derive(Debug)]
pub(crate) struct Handle {
    pub http: reqwest::Client,
    /// The endpoint, parsed once; each request's URL is this one with its path and query set.
    pub endpoint: reqwest::Url,
    /// The endpoint's path prefix, without a trailing `/`; usually empty.
    pub path_prefix: String,
    /// The `Host` header value, which the signature covers.
    pub host: FixedHeader,
    /// The project id, for paths and for `X-Project-Id`.
    pub project_id: FixedHeader,
    pub authentication: Authentication,
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
        self.project_id.text()
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
        // Boxed: the attempts' state is large, and the wrappers below would otherwise each move
        // a copy of it.
        let attempts = Box::pin(self.attempts(operation, &request, &query, options, &span));
        let timed = async {
            match self.operation_timeout {
                Some(limit) => {
                    tokio::time::timeout(limit, attempts)
                        .await
                        .unwrap_or_else(|elapsed| {
                            Err(Error::Timeout {
                                operation: operation.name,
                                source: Box::new(elapsed),
                            })
                        })
                }
                None => attempts.await,
            }
        };
        // With no subscriber listening the span is disabled, and entering it on every poll
        // would be wasted work.
        let response = if span.is_disabled() {
            timed.await
        } else {
            timed.instrument(span.clone()).await
        }?;
        if !span.is_disabled() {
            span.record("status", response.status);
            if let Some(id) = request_id(&response.headers) {
                span.record("request_id", id.as_str());
            }
        }
        tracing::debug!(parent: &span, "answered");
        if response.status >= 400 {
            let error = ServiceError::from_response(
                operation.name,
                response.status,
                request_id(&response.headers),
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
        let mut prepared = match self.prepare(operation, request, query) {
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
            let (status, headers, body) = fake.answer(
                prepared.method(),
                prepared.url().as_str(),
                prepared.headers(),
                body,
            );
            return Attempt::Answered(HttpResponse {
                operation: operation.name,
                status,
                headers,
                body,
            });
        }
        match &request.body {
            Some(body) => *prepared.body_mut() = Some(body.clone().into()),
            // Like the official SDK (through `requests`), a POST, PUT or PATCH without a body
            // still says `Content-Length: 0`; some proxies refuse such requests without it.
            // hyper leaves the header out for an empty body, so it is set here.
            None if expects_body(&operation.method) => {
                prepared.headers_mut().insert(
                    reqwest::header::CONTENT_LENGTH,
                    HeaderValue::from_static("0"),
                );
            }
            None => {}
        }
        let mut response = match self.http.execute(prepared).await {
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
    ) -> Result<reqwest::Request, Error> {
        // The path as sent, the endpoint's prefix included; the signature covers it.
        let path = if self.path_prefix.is_empty() {
            Cow::Borrowed(request.path.as_str())
        } else {
            Cow::Owned(format!("{}{}", self.path_prefix, request.path))
        };
        // Setting the path and query on the parsed endpoint spares parsing the scheme and host
        // again. Both are percent-encoded already, so the URL keeps them as they are.
        let mut url = self.endpoint.clone();
        url.set_path(&path);
        url.set_query((!query.is_empty()).then_some(query));

        // The headers of the official SDK, in its order: the operation's own, then these. The
        // signature needs them as text, the request as header values; both are built at once.
        let capacity = request.headers.len() + 8;
        let mut headers = HeaderMap::with_capacity(capacity);
        let mut signed: Vec<(&str, &str)> = Vec::with_capacity(capacity);
        for (name, value) in &request.headers {
            let header_name =
                HeaderName::from_bytes(name.as_bytes()).map_err(|e| Error::InvalidInput {
                    operation: operation.name,
                    input: name,
                    reason: e.to_string(),
                })?;
            headers.insert(header_name, header_value(operation, name, value)?);
            signed.push((name, value));
        }
        headers.insert(
            CONTENT_TYPE.clone(),
            HeaderValue::from_static("application/json"),
        );
        signed.push((CONTENT_TYPE.as_str(), "application/json"));
        headers.insert(
            USER_AGENT_HEADER.clone(),
            HeaderValue::from_static(USER_AGENT),
        );
        signed.push((USER_AGENT_HEADER.as_str(), USER_AGENT));
        headers.insert(X_PROJECT_ID.clone(), self.project_id.value());
        signed.push((X_PROJECT_ID.as_str(), self.project_id.text()));
        match &self.authentication {
            Authentication::AccessKey {
                access_key,
                signing_key,
                security_token,
            } => {
                let date = sdk_date(SystemTime::now());
                signed.push((X_SDK_DATE.as_str(), &date));
                signed.push((HOST.as_str(), self.host.text()));
                if let Some(token) = security_token {
                    signed.push((X_SECURITY_TOKEN.as_str(), token.text()));
                }
                let signable = SignableRequest {
                    method: operation.method.as_str(),
                    path: &path,
                    query,
                    headers: &signed,
                    body: request.body.as_deref().unwrap_or_default(),
                };
                let authorization = authorization(&signable, query, signing_key, access_key);
                // Both values take over their strings' buffers instead of copying them; both
                // are built from checked parts.
                let invalid = |input| Error::InvalidInput {
                    operation: operation.name,
                    input,
                    reason: "it must not contain control characters such as CR or LF".to_owned(),
                };
                let date = HeaderValue::try_from(date).map_err(|_| invalid("X-Sdk-Date"))?;
                let mut authorization =
                    HeaderValue::try_from(authorization).map_err(|_| invalid("access key"))?;
                authorization.set_sensitive(true);
                headers.insert(X_SDK_DATE.clone(), date);
                headers.insert(HOST.clone(), self.host.value());
                if let Some(token) = security_token {
                    headers.insert(X_SECURITY_TOKEN.clone(), token.value());
                }
                headers.insert(AUTHORIZATION.clone(), authorization);
            }
            Authentication::Token(token) => {
                headers.insert(X_AUTH_TOKEN.clone(), token.value());
            }
        }
        let mut prepared = reqwest::Request::new(operation.method.clone(), url);
        *prepared.headers_mut() = headers;
        Ok(prepared)
    }
}

/// A header value, or an invalid-input error naming where the value came from.
fn header_value(
    operation: &OperationInfo,
    input: &'static str,
    value: &str,
) -> Result<HeaderValue, Error> {
    HeaderValue::from_bytes(value.as_bytes()).map_err(|_| Error::InvalidInput {
        operation: operation.name,
        input,
        reason: "header values must not contain control characters such as CR or LF".to_owned(),
    })
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
