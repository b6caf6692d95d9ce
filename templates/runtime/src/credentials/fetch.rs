//! The few HTTP calls credentials providers make, over the crate's own [`HttpTransport`], with
//! errors that say which service failed and how, and never what secret was sent.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crate::credentials::{Credentials, CredentialsError};
use crate::http::{
    HeaderName, HeaderValue, HttpRequest, HttpResponse, HttpTransport, Method, ReqwestTransport,
    Url,
};
use crate::secret::Secret;

/// The longest answer a credentials service may send: its JSON is a few kilobytes.
const ANSWER_LIMIT: usize = 64 * 1024;
/// How much of an error answer an error message quotes.
const ERROR_SNIPPET: usize = 256;

const USER_AGENT: &str = concat!("huaweicloud-sdk-rust-core/", env!("CARGO_PKG_VERSION"));

/// A transport made on first use: building a reqwest client loads the TLS roots, which a
/// provider that is never asked (most of a chain) should not pay for.
pub(crate) struct LazyTransport {
    connect_timeout: Duration,
    read_timeout: Duration,
    /// Whether the `HTTPS_PROXY`-style variables apply. A local agent (the metadata service,
    /// the pod identity agent) is reached directly: a proxy would see its tokens.
    through_proxy: bool,
    transport: OnceLock<Arc<dyn HttpTransport>>,
}

impl LazyTransport {
    pub(crate) fn new(
        connect_timeout: Duration,
        read_timeout: Duration,
        through_proxy: bool,
    ) -> Self {
        LazyTransport {
            connect_timeout,
            read_timeout,
            through_proxy,
            transport: OnceLock::new(),
        }
    }

    fn get(&self) -> Result<&Arc<dyn HttpTransport>, CredentialsError> {
        if let Some(transport) = self.transport.get() {
            return Ok(transport);
        }
        let mut builder = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .read_timeout(self.read_timeout)
            // A redirect would carry the id token or the authorization token elsewhere.
            .redirect(reqwest::redirect::Policy::none());
        if !self.through_proxy {
            builder = builder.no_proxy();
        }
        let client = builder.build().map_err(|e| {
            CredentialsError::with_source("cannot build the HTTP client for credentials", e)
        })?;
        let transport: Arc<dyn HttpTransport> = Arc::new(ReqwestTransport::new(client));
        Ok(self.transport.get_or_init(|| transport))
    }

    /// Sends `request` to `service` (named in errors) and returns its whole answer, whatever
    /// its status.
    pub(crate) async fn send(
        &self,
        service: &str,
        request: HttpRequest,
    ) -> Result<HttpResponse, CredentialsError> {
        let url = request.url.clone();
        self.get()?.send(request).await.map_err(|e| {
            CredentialsError::with_source(format!("cannot reach {service} at {}", origin(&url)), e)
        })
    }
}

impl std::fmt::Debug for LazyTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LazyTransport")
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("through_proxy", &self.through_proxy)
            .finish()
    }
}

/// `base` (an endpoint, perhaps with a path prefix and a trailing slash) joined with `path`.
pub(crate) fn endpoint_url(service: &str, base: &str, path: &str) -> Result<Url, CredentialsError> {
    let joined = format!("{}{path}", base.trim_end_matches('/'));
    let url = Url::parse(&joined).map_err(|e| {
        CredentialsError::new(format!("the {service} endpoint `{base}` is not a URL: {e}"))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(CredentialsError::new(format!(
            "the {service} endpoint `{base}` is not an http or https URL"
        )));
    }
    Ok(url)
}

/// A full URL as given (the pod identity agent's), checked.
pub(crate) fn full_url(service: &str, text: &str) -> Result<Url, CredentialsError> {
    endpoint_url(service, text, "")
}

/// A request with the SDK's `User-Agent`.
pub(crate) fn request(method: Method, url: Url) -> HttpRequest {
    let mut request = HttpRequest::new(method, url, ANSWER_LIMIT);
    request.headers.insert(
        reqwest::header::USER_AGENT,
        HeaderValue::from_static(USER_AGENT),
    );
    request
}

/// A request with a JSON body, as the official SDK sends it to IAM and STS.
pub(crate) fn json_request(method: Method, url: Url, body: &serde_json::Value) -> HttpRequest {
    let mut request = request(method, url);
    request.headers.insert(
        reqwest::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=UTF-8"),
    );
    request.body = bytes::Bytes::from(body.to_string());
    request
}

/// Adds a header whose value is a secret: marked sensitive, so that it never prints.
pub(crate) fn set_secret_header(
    request: &mut HttpRequest,
    name: &'static str,
    value: &Secret,
    what: &str,
) -> Result<(), CredentialsError> {
    let mut header = HeaderValue::from_str(value.expose()).map_err(|_| {
        CredentialsError::new(format!(
            "{what} cannot be sent in an HTTP header: it contains a control character"
        ))
    })?;
    header.set_sensitive(true);
    request
        .headers
        .insert(HeaderName::from_static(name), header);
    Ok(())
}

/// The error for an answer that is not a success: its status and the start of its body, which
/// for these services is an error document, never credentials.
pub(crate) fn unexpected_answer(service: &str, response: &HttpResponse) -> CredentialsError {
    let text = String::from_utf8_lossy(&response.body);
    let snippet: String = text.chars().take(ERROR_SNIPPET).collect();
    let ellipsis = if snippet.len() < text.len() {
        "..."
    } else {
        ""
    };
    CredentialsError::new(format!(
        "{service} answered HTTP {}: {}{ellipsis}",
        response.status,
        snippet.trim()
    ))
}

/// Whether the answer is a success (2xx).
pub(crate) fn is_success(response: &HttpResponse) -> bool {
    (200..300).contains(&response.status)
}

/// The temporary credentials of a success answer, or the error an answer that is not one says.
pub(crate) fn temporary_credentials(
    service: &str,
    response: &HttpResponse,
) -> Result<Credentials, CredentialsError> {
    if !is_success(response) {
        return Err(unexpected_answer(service, response));
    }
    super::temporary::parse(service, &response.body)
}

/// The trimmed content of a token file, read afresh on every fetch because such files are
/// rotated (Kubernetes projects a new service-account token every hour).
pub(crate) fn read_token_file(what: &str, path: &str) -> Result<Secret, CredentialsError> {
    let content = std::fs::read_to_string(path).map_err(|e| {
        CredentialsError::with_source(format!("cannot read {what} file '{path}'"), e)
    })?;
    let token = content.trim();
    if token.is_empty() {
        return Err(CredentialsError::new(format!(
            "empty content in {what} file '{path}'"
        )));
    }
    Ok(Secret::new(token))
}

/// The scheme, host and port of a URL: enough to say where a call went, never a query.
fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}
