//! The HTTP layer under every client: a trait, and its reqwest implementation.
//!
//! A client hands each attempt, signed and complete, to its [`HttpTransport`] and gets the whole
//! answer back. [`ReqwestTransport`] is the default. Another implementation can wrap it, to add
//! middleware, or replace it, as the fake transport of the `test-util` feature does.

use std::fmt;
use std::sync::Arc;

use crate::credentials::BoxFuture;
use crate::error::{BoxError, ErrorChain};

pub use crate::http_options::Proxy;
pub use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
pub use reqwest::{Method, Url};

/// One attempt of a request, signed and ready to send.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The full URL: endpoint, path and query.
    pub url: Url,
    /// Every header to send, `Host` and `Authorization` included when the request is signed.
    /// Secret values are marked sensitive.
    pub headers: HeaderMap,
    /// The body; empty when there is none.
    pub body: bytes::Bytes,
    /// The longest answer body to accept, in bytes. A longer one is
    /// [`TransportErrorKind::ResponseTooLarge`].
    pub response_body_limit: usize,
}

impl HttpRequest {
    /// A request without headers or body, accepting answers up to `response_body_limit` bytes.
    pub fn new(method: Method, url: Url, response_body_limit: usize) -> Self {
        HttpRequest {
            method,
            url,
            headers: HeaderMap::new(),
            body: bytes::Bytes::new(),
            response_body_limit,
        }
    }
}

/// A whole answer: status, headers and body.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: u16,
    /// The headers.
    pub headers: HeaderMap,
    /// The body, read to the end.
    pub body: bytes::Bytes,
}

impl HttpResponse {
    /// An answer from its parts.
    pub fn new(status: u16, headers: HeaderMap, body: bytes::Bytes) -> Self {
        HttpResponse {
            status,
            headers,
            body,
        }
    }
}

/// Sends requests over HTTP.
///
/// Implement it to put middleware around [`ReqwestTransport`], or to send requests some other
/// way; give it to a client with `http_transport` on its builder.
///
/// ```
/// use huaweicloud_sdk_core::BoxFuture;
/// use huaweicloud_sdk_core::http::{HttpRequest, HttpResponse, HttpTransport, ReqwestTransport, TransportError};
///
/// /// Counts the requests it passes on.
/// #[derive(Debug)]
/// struct Counting {
///     inner: ReqwestTransport,
///     sent: std::sync::atomic::AtomicUsize,
/// }
///
/// impl HttpTransport for Counting {
///     fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
///         self.sent.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
///         self.inner.send(request)
///     }
/// }
/// ```
pub trait HttpTransport: Send + Sync + fmt::Debug {
    /// Sends one request and reads its whole answer, refusing a body longer than the request's
    /// `response_body_limit`.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

impl<T: HttpTransport + ?Sized> HttpTransport for Arc<T> {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        (**self).send(request)
    }
}

/// What kind of failure a [`TransportError`] is. It decides whether a request may be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be opened: the server never saw the request, so any request may be
    /// sent again.
    Connect,
    /// No connection could be opened in time; as with [`Connect`](Self::Connect), the server
    /// never saw the request.
    ConnectTimeout,
    /// The endpoint's host name could not be resolved: the server never saw the request.
    Dns,
    /// No complete answer arrived in time.
    Timeout,
    /// The answer's body is longer than the request's limit.
    ResponseTooLarge,
    /// The server's certificate was refused (untrusted issuer, wrong name, expired, ...), or
    /// the server cannot speak TLS as the client does. The server never saw the request, but
    /// another attempt would meet the same certificate, so it is not retried; another
    /// endpoint of the region is tried, as the official SDKs try it.
    Tls,
    /// The connection broke, or anything else went wrong after the request may have been sent.
    Other,
}

/// An attempt that got no whole answer.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    source: BoxError,
}

impl TransportError {
    /// A failure of the given kind, caused by `source`.
    pub fn new(kind: TransportErrorKind, source: impl Into<BoxError>) -> Self {
        TransportError {
            kind,
            source: source.into(),
        }
    }

    /// What kind of failure it is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether the server may have seen the request: true unless no connection was opened.
    pub fn may_have_reached_server(&self) -> bool {
        !matches!(
            self.kind,
            TransportErrorKind::Connect
                | TransportErrorKind::ConnectTimeout
                | TransportErrorKind::Dns
                | TransportErrorKind::Tls
        )
    }

    /// Whether the endpoint itself is out of reach, so that another endpoint of the region may
    /// do: its name did not resolve, or its TLS handshake failed.
    pub fn endpoint_unreachable(&self) -> bool {
        matches!(self.kind, TransportErrorKind::Dns | TransportErrorKind::Tls)
    }

    /// The underlying error.
    pub fn into_source(self) -> BoxError {
        self.source
    }
}

impl fmt::Display for TransportError {
    /// The source and every cause under it: the HTTP stack's own message ("error sending
    /// request") names no cause, which sits deep in the chain.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&ErrorChain(&*self.source), f)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// The default transport: a `reqwest` client with rustls.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// A transport over a `reqwest` client of the caller's. Its own settings (timeouts,
    /// redirects, proxies) apply; the client never follows redirects only if it is built so.
    pub fn new(client: reqwest::Client) -> Self {
        ReqwestTransport { client }
    }

    /// Sends the request and reads its whole answer.
    ///
    /// The request is handed to reqwest before the future is made, so that the future holds
    /// only reqwest's pending answer and then the answer being read: a transport future is
    /// boxed for every attempt, and one that also kept the request's parts would be three
    /// times as large.
    fn send_request(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send + 'static {
        let limit = request.response_body_limit;
        let mut prepared = reqwest::Request::new(request.method, request.url);
        *prepared.headers_mut() = request.headers;
        if !request.body.is_empty() {
            *prepared.body_mut() = Some(request.body.into());
        }
        let pending = self.client.execute(prepared);
        async move {
            let mut response = pending.await.map_err(failure)?;
            let status = response.status().as_u16();
            let headers = std::mem::take(response.headers_mut());
            let body = match declared_length(&headers) {
                Some(length) if length > limit as u64 => return Err(too_large(limit)),
                // The length is known and allowed: read it in one go, without copying chunks.
                Some(_) => response.bytes().await.map_err(failure)?,
                // Boxed: the chunk-by-chunk read is the rarer one, and its state would
                // otherwise make every attempt's future larger.
                None => Box::pin(read_chunks(response, limit)).await?,
            };
            Ok(HttpResponse {
                status,
                headers,
                body,
            })
        }
    }
}

impl HttpTransport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(self.send_request(request))
    }
}

/// The body's length as its `Content-Length` declares it, when that is the length of what is
/// read: reqwest's decoder hides the length of every body (so `content_length()` says
/// nothing), and a compressed body's length says nothing of what it decodes to.
fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(reqwest::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
        .filter(|_| !headers.contains_key(reqwest::header::CONTENT_ENCODING))
}

/// The failure of a body longer than `limit`.
fn too_large(limit: usize) -> TransportError {
    TransportError::new(
        TransportErrorKind::ResponseTooLarge,
        format!("the answer is longer than the limit of {limit} bytes"),
    )
}

/// Reads a body of unknown length chunk by chunk, so that one longer than `limit` is refused
/// before it is all in memory; a body of one chunk is kept as it came, without a copy.
async fn read_chunks(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<bytes::Bytes, TransportError> {
    let Some(first) = response.chunk().await.map_err(failure)? else {
        return Ok(bytes::Bytes::new());
    };
    if first.len() > limit {
        return Err(too_large(limit));
    }
    let Some(second) = response.chunk().await.map_err(failure)? else {
        return Ok(first);
    };
    let mut body = bytes::BytesMut::from(&first[..]);
    let mut next = Some(second);
    while let Some(chunk) = next {
        if body.len() + chunk.len() > limit {
            return Err(too_large(limit));
        }
        body.extend_from_slice(&chunk);
        next = response.chunk().await.map_err(failure)?;
    }
    Ok(body.freeze())
}

/// A reqwest error, classified, with its URL cut down to the scheme, host and port. Only a
/// failure to connect proves the server never saw the request; a refused certificate is a
/// failure to connect that no retry mends.
fn failure(mut error: reqwest::Error) -> TransportError {
    if let Some(url) = error.url_mut() {
        redact(url);
    }
    let kind = if is_tls_failure(&error) {
        TransportErrorKind::Tls
    } else if error.is_connect() && error.is_timeout() {
        TransportErrorKind::ConnectTimeout
    } else if error.is_connect() && caused_by_dns(&error) {
        TransportErrorKind::Dns
    } else if error.is_connect() {
        TransportErrorKind::Connect
    } else if error.is_timeout() {
        TransportErrorKind::Timeout
    } else {
        TransportErrorKind::Other
    };
    TransportError::new(kind, error)
}

/// Every error in the chain under `error`, looking inside I/O errors too: an `io::Error`'s
/// `source` skips the error it wraps, which is where TLS failures sit.
fn causes<'a>(
    error: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    let mut next = Some(error);
    std::iter::from_fn(move || {
        let current = next?;
        let wrapped = current
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .map(|inner| inner as &(dyn std::error::Error + 'static));
        next = wrapped.or_else(|| current.source());
        Some(current)
    })
}

/// Whether the host name did not resolve. hyper names such failures "dns error"; its error
/// type is private, so the text is what can be read.
fn caused_by_dns(error: &reqwest::Error) -> bool {
    causes(error).any(|cause| cause.to_string().starts_with("dns error"))
}

/// Keeps only the scheme, host and port of a URL for an error message: a user name or password
/// must never be printed, and the path and query (a function URN, up to 32 KiB) tell nothing
/// about a transport failure.
fn redact(url: &mut Url) {
    // These fail only for URLs that cannot have them, which then have nothing to remove.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.set_path("");
    url.set_query(None);
    url.set_fragment(None);
}

/// Whether rustls refused the server's certificate, or found no TLS version or cipher suite in
/// common with it, somewhere down the error's source chain. Other TLS errors (a corrupt
/// record, a reset handshake) may be the network's and stay connection errors. rustls' error
/// reaches reqwest inside `io::Error`s (nested: hyper-rustls wraps tokio-rustls' one), and an
/// `io::Error`'s `source()` skips the error it wraps, so the walk goes into it instead.
fn is_tls_failure(error: &(dyn std::error::Error + 'static)) -> bool {
    causes(error).any(|cause| {
        matches!(
            cause.downcast_ref::<rustls::Error>(),
            Some(
                rustls::Error::InvalidCertificate(_)
                    | rustls::Error::NoCertificatesPresented
                    | rustls::Error::InvalidCertRevocationList(_)
                    | rustls::Error::PeerIncompatible(_)
            )
        )
    })
}
