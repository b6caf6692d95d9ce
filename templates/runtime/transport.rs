//! Sends one operation's request and turns the answer into bytes or an [`Error`].
//!
//! Generated operations build an [`HttpRequest`] (path, query, headers, body) and decode the
//! [`HttpResponse`]; everything in between — the URL, the common headers, credentials,
//! timeouts, error answers and tracing — happens here, once for every operation.

use std::str::FromStr;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::config::Credentials;
use crate::encoding::query_string;
use crate::error::{DecodeError, Error, ServiceError};

/// `User-Agent`: this crate and its version.
const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// What the transport needs to know about an operation.
#[derive(Debug, Clone)]
pub(crate) struct OperationInfo {
    /// The operationId, e.g. `InvokeFunction`.
    pub name: &'static str,
    pub method: reqwest::Method,
}

/// A request as the generated operation built it.
#[derive(Debug)]
pub(crate) struct HttpRequest {
    /// The path, with every parameter already percent-encoded.
    pub path: String,
    pub query: Vec<(&'static str, String)>,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<Vec<u8>>,
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
        serde_json::from_slice(&self.body).map_err(|e| {
            Error::Decode(Box::new(DecodeError::new(
                self.operation,
                self.status,
                e,
                &self.body,
            )))
        })
    }

    /// Decodes a JSON object body into an output's fields. An empty body or `null` counts as
    /// `{}`, as the official SDK treats it, so every optional field is simply absent.
    pub fn json_fields<T: DeserializeOwned>(&self) -> Result<T, Error> {
        let trimmed = self.body.trim_ascii();
        if trimmed.is_empty() || trimmed == b"null" {
            return serde_json::from_slice(b"{}").map_err(|e| {
                Error::Decode(Box::new(DecodeError::new(
                    self.operation,
                    self.status,
                    e,
                    &self.body,
                )))
            });
        }
        self.json()
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
        text.parse::<T>().map(Some).map_err(|e| {
            let reason = format!("response header {name}: {e}");
            Error::Decode(Box::new(DecodeError::new(
                self.operation,
                self.status,
                reason,
                &self.body,
            )))
        })
    }
}

/// The shared state of a client: the HTTP connection pool and the configuration.
#[derive(Debug)]
pub(crate) struct Handle {
    pub http: reqwest::Client,
    /// Without a trailing `/`.
    pub endpoint: String,
    pub project_id: String,
    pub credentials: Credentials,
    pub operation_timeout: Option<Duration>,
}

impl Handle {
    /// The project id for `{project_id}` in paths.
    pub fn project_id(&self) -> &str {
        &self.project_id
    }

    /// Sends the request and reads the whole answer, inside a tracing span that names the
    /// operation and, once known, the status and the request id.
    pub async fn execute(
        &self,
        operation: &OperationInfo,
        request: HttpRequest,
    ) -> Result<HttpResponse, Error> {
        let span = tracing::debug_span!(
            "sdk_operation",
            operation = operation.name,
            method = %operation.method,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        self.execute_traced(operation, request, &span)
            .instrument(span.clone())
            .await
    }

    async fn execute_traced(
        &self,
        operation: &OperationInfo,
        request: HttpRequest,
        span: &tracing::Span,
    ) -> Result<HttpResponse, Error> {
        let send = self.send_once(operation, request);
        let response = match self.operation_timeout {
            Some(limit) => {
                tokio::time::timeout(limit, send)
                    .await
                    .map_err(|elapsed| Error::Timeout {
                        operation: operation.name,
                        source: Box::new(elapsed),
                    })?
            }
            None => send.await,
        }?;
        let request_id = response
            .headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        span.record("status", response.status);
        if let Some(id) = &request_id {
            span.record("request_id", id.as_str());
        }
        if response.status >= 400 {
            let error = ServiceError::from_response(
                operation.name,
                response.status,
                request_id,
                &response.body,
            );
            tracing::debug!(error = %error, "service error");
            return Err(Error::Service(Box::new(error)));
        }
        Ok(response)
    }

    async fn send_once(
        &self,
        operation: &OperationInfo,
        request: HttpRequest,
    ) -> Result<HttpResponse, Error> {
        let HttpRequest {
            path,
            mut query,
            headers,
            body,
        } = request;
        let mut url = String::with_capacity(self.endpoint.len() + path.len() + 64);
        url.push_str(&self.endpoint);
        url.push_str(&path);
        let query = query_string(&mut query);
        if !query.is_empty() {
            url.push('?');
            url.push_str(&query);
        }

        let mut header_map = HeaderMap::with_capacity(headers.len() + 5);
        header_map.insert(
            reqwest::header::USER_AGENT,
            HeaderValue::from_static(USER_AGENT),
        );
        // The official SDK sends this on every operation, GETs included.
        header_map.insert(
            reqwest::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        header_map.insert(
            "x-project-id",
            header_value(operation, "project_id", &self.project_id)?,
        );
        match &self.credentials {
            Credentials::Token(token) => {
                let mut value = header_value(operation, "auth_token", token.expose())?;
                value.set_sensitive(true);
                header_map.insert("x-auth-token", value);
            }
        }
        for &(name_text, ref value) in &headers {
            let name =
                HeaderName::from_bytes(name_text.as_bytes()).map_err(|e| Error::InvalidInput {
                    operation: operation.name,
                    input: name_text,
                    reason: e.to_string(),
                })?;
            header_map.insert(name, header_value(operation, name_text, value)?);
        }

        let mut builder = self
            .http
            .request(operation.method.clone(), url)
            .headers(header_map);
        match body {
            Some(body) => builder = builder.body(body),
            // Like the official SDK (through `requests`), a POST, PUT or PATCH without a body
            // still says `Content-Length: 0`; some proxies refuse such requests without it.
            // hyper leaves the header out for an empty body, so it is set here.
            None if expects_body(&operation.method) => {
                builder = builder.header(reqwest::header::CONTENT_LENGTH, "0");
            }
            None => {}
        }
        let response = builder
            .send()
            .await
            .map_err(|e| transport_error(operation, e))?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response
            .bytes()
            .await
            .map_err(|e| transport_error(operation, e))?;
        Ok(HttpResponse {
            operation: operation.name,
            status,
            headers,
            body,
        })
    }
}

/// A header value from caller input. CR, LF and other control characters are refused, so an
/// input can never add a header of its own; UTF-8 text is sent as its bytes, as the official
/// SDK sends it.
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

fn expects_body(method: &reqwest::Method) -> bool {
    [
        reqwest::Method::POST,
        reqwest::Method::PUT,
        reqwest::Method::PATCH,
    ]
    .contains(method)
}

fn transport_error(operation: &OperationInfo, error: reqwest::Error) -> Error {
    if error.is_timeout() {
        Error::Timeout {
            operation: operation.name,
            source: Box::new(error),
        }
    } else {
        Error::Connection {
            operation: operation.name,
            source: error,
        }
    }
}
