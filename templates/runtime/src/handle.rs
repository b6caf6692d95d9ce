//! A service client's shared state, and the one path every operation's request takes: the URL,
//! the common headers, credentials and signing, retries, timeouts, error answers and tracing.

use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use tracing::Instrument;

use crate::auth::{Authentication, FixedHeader, SignedParts};
use crate::config::{CredentialSource, ENV_PROJECT_ID, ENV_REGION, SdkConfig};
use crate::credentials::{Credentials, CredentialsError, CredentialsProvider};
use crate::encoding::query_string;
use crate::endpoint::Endpoint;
use crate::error::{DecodeError, Error, ServiceError, UnexpectedStatusError};
use crate::http::{
    HeaderMap, HeaderName, HeaderValue, HttpRequest, HttpResponse, HttpTransport, Method,
    TransportError, TransportErrorKind,
};
use crate::interceptor::{AttemptOutcome, AttemptRequest, Interceptor};
use crate::limits::{MAX_HEADER_VALUE, MAX_PATH_AND_QUERY};
use crate::operation::{CallOptions, OperationInfo, OperationRequest, OperationResponse};
use crate::project::{self, ProjectId};
use crate::retry::{RetryAfter, RetryPolicy, is_retryable_status};
use crate::service::ServiceInfo;

/// The headers the client adds to requests. Names are lower case, as HTTP/1.1 sends them and as
/// the signature lists them. Built once, they are only cloned, which counts nothing.
static CONTENT_TYPE: HeaderName = HeaderName::from_static("content-type");
static CONTENT_LENGTH: HeaderName = HeaderName::from_static("content-length");
static USER_AGENT: HeaderName = HeaderName::from_static("user-agent");
static X_PROJECT_ID: HeaderName = HeaderName::from_static("x-project-id");
static RETRY_AFTER: HeaderName = HeaderName::from_static("retry-after");
static LOCATION: HeaderName = HeaderName::from_static("location");
static CONTENT_ENCODING: HeaderName = HeaderName::from_static("content-encoding");
/// The media type of JSON bodies, and of requests without a body.
const JSON: &str = "application/json";

/// The headers the client sets itself, which neither a call's customisation nor an
/// interceptor may set: the signature and the service rely on them.
const CLIENT_HEADERS: [&str; 9] = [
    "content-type",
    "content-length",
    "user-agent",
    "x-project-id",
    "x-sdk-date",
    "host",
    "x-security-token",
    "x-auth-token",
    "authorization",
];

/// The shared state of one service's client: the transport, the endpoint, and the
/// configuration, checked and converted once.
#[derive(Debug)]
pub struct ServiceHandle {
    service: &'static ServiceInfo,
    transport: Arc<dyn HttpTransport>,
    /// The region's endpoints, tried in order; at least one.
    endpoints: Vec<Endpoint>,
    /// The endpoint requests go to first. It moves on, for every later call too, when an
    /// endpoint's host cannot be resolved or its TLS handshake fails, as in the official SDKs.
    current_endpoint: AtomicUsize,
    /// The project id, for paths and for `X-Project-Id`.
    project_id: ProjectId,
    user_agent: FixedHeader,
    credentials: HandleCredentials,
    operation_timeout: Option<Duration>,
    retry_policy: RetryPolicy,
    /// The longest response body read, in bytes.
    max_response_body: usize,
    interceptors: Vec<Arc<dyn Interceptor>>,
}

/// Where the credentials of each attempt come from.
#[derive(Debug)]
enum HandleCredentials {
    Static(Arc<Authentication>),
    /// The provider, and the credentials it gave last with their conversion, so that
    /// unchanged credentials are not converted again.
    Provider {
        provider: Arc<dyn CredentialsProvider>,
        last: Mutex<Option<(Credentials, Arc<Authentication>)>>,
    },
}

/// Credentials ready to sign with: the client's own, or those a provider gave last.
enum AuthenticationRef<'a> {
    Static(&'a Authentication),
    Provided(Arc<Authentication>),
}

impl std::ops::Deref for AuthenticationRef<'_> {
    type Target = Authentication;

    fn deref(&self) -> &Authentication {
        match self {
            AuthenticationRef::Static(authentication) => authentication,
            AuthenticationRef::Provided(authentication) => authentication,
        }
    }
}

/// Everything one attempt is made of, whichever endpoint it goes to.
struct AttemptInput<'a> {
    request: &'a OperationRequest,
    /// The canonical query string.
    query: &'a str,
    authentication: &'a Authentication,
    project_id: &'a FixedHeader,
    extra: Extra<'a>,
}

/// What a call's customisation and the interceptors add to one attempt.
struct Extra<'a> {
    /// The call's own headers, then those the interceptors added.
    headers: [&'a [(String, String)]; 2],
    user_agent_suffix: Option<&'a str>,
}

/// How one attempt ended, before deciding whether to try again.
enum Attempt {
    Answered(OperationResponse),
    Failed {
        error: Error,
        reached_server: bool,
    },
    /// Sending again cannot help: the request or the credentials are at fault.
    Fatal(Error),
}

impl ServiceHandle {
    /// The state of a client of `service` made from `config`. It needs a project id, and a
    /// region or an endpoint.
    pub fn new(config: &SdkConfig, service: &'static ServiceInfo) -> Result<Self, Error> {
        let project_id = match (&config.project_id, &config.region) {
            (Some(project_id), _) => ProjectId::Known(project_id.clone()),
            (None, Some(region)) => ProjectId::FromIam {
                region: region.clone(),
                iam_endpoint: config.iam_endpoint.clone(),
                found: tokio::sync::OnceCell::new(),
            },
            (None, None) => {
                return Err(Error::Config(format!(
                    "no project id: call project_id on the builder or set {ENV_PROJECT_ID}, or give a region so that it is looked up in IAM"
                )));
            }
        };
        let endpoints = match (config.endpoints.is_empty(), &config.region) {
            (false, _) => config.endpoints.clone(),
            (true, Some(region)) => service.endpoints(region)?,
            (true, None) => {
                return Err(Error::Config(format!(
                    "no region or endpoint for {}: call region or endpoint on the builder, or set {ENV_REGION}",
                    service.name
                )));
            }
        };
        let endpoints = endpoints
            .iter()
            .map(|endpoint| Endpoint::parse(endpoint))
            .collect::<Result<Vec<_>, _>>()?;
        let credentials = match &config.credentials {
            CredentialSource::Static(authentication) => {
                HandleCredentials::Static(Arc::clone(authentication))
            }
            CredentialSource::Provider(provider) => HandleCredentials::Provider {
                provider: Arc::clone(provider),
                last: Mutex::new(None),
            },
        };
        Ok(ServiceHandle {
            service,
            transport: Arc::clone(&config.transport),
            endpoints,
            current_endpoint: AtomicUsize::new(0),
            project_id,
            user_agent: FixedHeader::new("the User-Agent", service.user_agent(), false)?,
            credentials,
            operation_timeout: config.operation_timeout,
            retry_policy: config.retry_policy.clone(),
            max_response_body: config.max_response_body,
            interceptors: config.interceptors.clone(),
        })
    }

    /// The service this client calls.
    pub fn service(&self) -> &'static ServiceInfo {
        self.service
    }

    /// The project id for `{project_id}` in paths: the configured one, or the one IAM names
    /// for the region, looked up on first use.
    pub async fn project_id(&self, operation: &OperationInfo) -> Result<&str, Error> {
        if let Some(project_id) = self.project_id.get() {
            return Ok(project_id.text());
        }
        match &self.project_id {
            ProjectId::Known(project_id) => Ok(project_id.text()),
            // Boxed, so that every call's future does not carry the lookup's state.
            ProjectId::FromIam {
                region,
                iam_endpoint,
                found,
            } => {
                let project_id = Box::pin(found.get_or_try_init(|| async {
                    let authentication = self.authentication(operation).await?;
                    let iam = project::iam_endpoint(iam_endpoint.as_deref(), region);
                    project::look_up(
                        &*self.transport,
                        &authentication,
                        region,
                        &iam,
                        self.max_response_body,
                    )
                    .await
                }))
                .await?;
                Ok(project_id.text())
            }
        }
    }

    /// The credentials of the next attempt, ready to sign with.
    async fn authentication(
        &self,
        operation: &OperationInfo,
    ) -> Result<AuthenticationRef<'_>, Error> {
        match &self.credentials {
            HandleCredentials::Static(authentication) => {
                Ok(AuthenticationRef::Static(authentication))
            }
            // Boxed, so that the static case's future does not carry the provider's.
            HandleCredentials::Provider { provider, last } => {
                Box::pin(self.provided_authentication(operation, provider, last))
                    .await
                    .map(AuthenticationRef::Provided)
            }
        }
    }

    /// Sends the request, retrying as the policy allows, and reads the whole answer, inside a
    /// tracing span that names the operation and, once known, the status and the request id.
    pub async fn execute(
        &self,
        operation: &OperationInfo,
        mut request: OperationRequest,
        options: CallOptions,
    ) -> Result<OperationResponse, Error> {
        // Known already on every call but a client's first with a project looked up in IAM:
        // checked without making the lookup's future.
        if self.project_id.get().is_none() {
            self.project_id(operation).await?;
        }
        // Every attempt sends the same query; it is also the signature's canonical query.
        let query = query_string(&mut request.query);
        let span = tracing::debug_span!(
            "sdk_operation",
            service = self.service.name,
            operation = operation.name,
            method = %operation.method,
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        // Boxed: the attempts' state is large, and the wrappers below would otherwise each move
        // a copy of it.
        let deadline = options.timeout().or(self.operation_timeout);
        let attempts = Box::pin(self.attempts(operation, &request, &query, &options, &span));
        let timed = async {
            match deadline {
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
        if !operation.is_success(response.status) {
            let error = UnexpectedStatusError::new(
                operation.name,
                response.status,
                response.headers.get(&LOCATION).map(HeaderValue::as_bytes),
                request_id(&response.headers),
            );
            tracing::debug!(parent: &span, error = %error, "unexpected status");
            return Err(Error::UnexpectedStatus(Box::new(error)));
        }
        check_not_encoded(&response)?;
        Ok(response)
    }

    /// Sends attempts until one succeeds, one fails in a way that must not be retried, or the
    /// policy's attempts are used up. An error answer is returned as a response, so that the
    /// caller turns the last one into a service error.
    async fn attempts(
        &self,
        operation: &OperationInfo,
        request: &OperationRequest,
        query: &str,
        options: &CallOptions,
        span: &tracing::Span,
    ) -> Result<OperationResponse, Error> {
        let retry_anything = operation.is_idempotent() || options.retries_as_idempotent();
        let policy = options.policy().unwrap_or(&self.retry_policy);
        let mut attempt = 1;
        loop {
            span.record("attempts", attempt);
            let outcome = self
                .send_once(operation, request, query, options, attempt)
                .await;
            let last = attempt >= policy.max_attempts();
            let wait = match &outcome {
                Attempt::Answered(response)
                    if is_retryable_status(response.status) && retry_anything =>
                {
                    match response
                        .headers
                        .get(&RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                    {
                        Some(value) => match policy.retry_after(value, SystemTime::now()) {
                            RetryAfter::Wait(wait) => Some(wait),
                            RetryAfter::TooLong(_) => None,
                            RetryAfter::Unparsed => Some(policy.backoff(attempt)),
                        },
                        None => Some(policy.backoff(attempt)),
                    }
                }
                Attempt::Answered(_) | Attempt::Fatal(_) => None,
                // A request that never reached the server can always be sent again.
                Attempt::Failed { reached_server, .. } if !reached_server || retry_anything => {
                    Some(policy.backoff(attempt))
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
                        Attempt::Failed { error, .. } | Attempt::Fatal(error) => Err(error),
                    };
                }
            }
        }
    }

    /// One attempt: a freshly signed request, sent, and its answer read to the end.
    async fn send_once(
        &self,
        operation: &OperationInfo,
        request: &OperationRequest,
        query: &str,
        options: &CallOptions,
        attempt: u32,
    ) -> Attempt {
        // Static credentials, the common case, are taken without making the provider's future.
        let authentication = match &self.credentials {
            HandleCredentials::Static(authentication) => AuthenticationRef::Static(authentication),
            HandleCredentials::Provider { .. } => match self.authentication(operation).await {
                Ok(authentication) => authentication,
                Err(error) => return Attempt::Fatal(error),
            },
        };
        let Some(project_id) = self.project_id.get() else {
            // `execute` looked the project up before the first attempt.
            return Attempt::Fatal(Error::Config("the project id is not known yet".to_owned()));
        };
        let mut added = Vec::new();
        for interceptor in &self.interceptors {
            interceptor.before_attempt(&mut AttemptRequest {
                service: self.service.name,
                operation: operation.name,
                attempt,
                method: &operation.method,
                path: &request.path,
                query,
                headers: &request.headers,
                added: &mut added,
            });
        }
        let input = AttemptInput {
            request,
            query,
            authentication: &authentication,
            project_id,
            extra: Extra {
                headers: [options.headers(), &added],
                user_agent_suffix: options.suffix(),
            },
        };
        // Timed only for the interceptors: a clock read per attempt is cheap, but not free.
        let started = (!self.interceptors.is_empty()).then(std::time::Instant::now);
        // With a single endpoint there is nowhere to fail over to: the attempt is sent without
        // the failover loop's state.
        let result = if self.endpoints.len() == 1 {
            match self.prepare(operation, &input, &self.endpoints[0]) {
                Ok(prepared) => Ok(self.transport.send(prepared).await),
                Err(error) => Err(error),
            }
        } else {
            self.send_to_endpoints(operation, &input).await
        };
        let result = match result {
            Ok(result) => result,
            Err(error) => return Attempt::Fatal(error),
        };
        if let Some(started) = started {
            let outcome = AttemptOutcome {
                service: self.service.name,
                operation: operation.name,
                attempt,
                elapsed: started.elapsed(),
                result: result.as_ref().map(|r| (r.status, &r.headers)),
            };
            for interceptor in &self.interceptors {
                interceptor.after_attempt(&outcome);
            }
        }
        match result {
            Ok(response) => Attempt::Answered(OperationResponse {
                operation: operation.name,
                status: response.status,
                headers: response.headers,
                body: response.body,
            }),
            Err(error) => self.transport_failure(operation, error),
        }
    }

    /// The name of a header that a call's customisation or an interceptor adds, refused when
    /// the client or the operation sets that header itself.
    fn extra_header_name(
        &self,
        operation: &OperationInfo,
        request: &OperationRequest,
        name: &str,
    ) -> Result<HeaderName, Error> {
        let invalid = |reason: String| Error::InvalidInput {
            operation: operation.name,
            input: "custom header",
            reason,
        };
        let header_name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|e| invalid(format!("`{name}`: {e}")))?;
        let taken = CLIENT_HEADERS.contains(&header_name.as_str())
            || request
                .headers
                .iter()
                .any(|(own, _)| own.eq_ignore_ascii_case(name));
        if taken {
            return Err(invalid(format!(
                "`{name}` is set by the client or the operation itself"
            )));
        }
        Ok(header_name)
    }

    /// A failed attempt, as an error of the operation.
    fn transport_failure(&self, operation: &OperationInfo, error: TransportError) -> Attempt {
        let reached_server = error.may_have_reached_server();
        let error = match error.kind() {
            TransportErrorKind::Timeout | TransportErrorKind::ConnectTimeout => Error::Timeout {
                operation: operation.name,
                source: error.into_source(),
            },
            // Another attempt would meet the same certificate.
            TransportErrorKind::Tls => {
                return Attempt::Fatal(Error::Connection {
                    operation: operation.name,
                    source: error.into_source(),
                });
            }
            // The same request would get the same answer.
            TransportErrorKind::ResponseTooLarge => {
                return Attempt::Fatal(Error::ResponseTooLarge {
                    operation: operation.name,
                    limit: self.max_response_body,
                });
            }
            _ => Error::Connection {
                operation: operation.name,
                source: error.into_source(),
            },
        };
        Attempt::Failed {
            error,
            reached_server,
        }
    }

    /// Sends one attempt to the current endpoint and, when its host cannot be resolved or its
    /// TLS handshake fails, to the next ones in turn; the one that last failed so is where
    /// later calls start. A refused connection does not move on: the official SDKs treat it as
    /// a server that is down, not a wrong address.
    async fn send_to_endpoints(
        &self,
        operation: &OperationInfo,
        input: &AttemptInput<'_>,
    ) -> Result<Result<HttpResponse, TransportError>, Error> {
        let count = self.endpoints.len();
        let mut index = self.current_endpoint.load(Ordering::Relaxed) % count;
        let mut unreachable = Vec::new();
        loop {
            let endpoint = &self.endpoints[index];
            let prepared = self.prepare(operation, input, endpoint)?;
            match self.transport.send(prepared).await {
                Err(error) if error.endpoint_unreachable() && unreachable.len() + 1 < count => {
                    tracing::debug!(endpoint = %endpoint.url, error = %error, "trying the next endpoint");
                    unreachable.push(format!("{}: {error}", endpoint.url));
                    index = (index + 1) % count;
                    self.current_endpoint.store(index, Ordering::Relaxed);
                }
                Err(error) if !unreachable.is_empty() => {
                    unreachable.push(format!("{}: {error}", endpoint.url));
                    let kind = error.kind();
                    return Ok(Err(TransportError::new(kind, unreachable.join("; "))));
                }
                result => return Ok(result),
            }
        }
    }

    /// The provider's current credentials, converted for signing; converted again only when
    /// they changed.
    async fn provided_authentication(
        &self,
        operation: &OperationInfo,
        provider: &Arc<dyn CredentialsProvider>,
        last: &Mutex<Option<(Credentials, Arc<Authentication>)>>,
    ) -> Result<Arc<Authentication>, Error> {
        let credentials =
            provider
                .provide_credentials()
                .await
                .map_err(|source| Error::Credentials {
                    operation: operation.name,
                    source,
                })?;
        // The provider should never hand out expired credentials; a request signed with them
        // would only be refused, so none is sent.
        if credentials.is_expired_at(SystemTime::now()) {
            return Err(Error::Credentials {
                operation: operation.name,
                source: CredentialsError::new(
                    "the credentials provider returned credentials that have expired",
                ),
            });
        }
        let mut last = last.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((cached, authentication)) = last.as_ref()
            && *cached == credentials
        {
            return Ok(Arc::clone(authentication));
        }
        let authentication = Arc::new(Authentication::new(credentials.clone())?);
        *last = Some((credentials, Arc::clone(&authentication)));
        Ok(authentication)
    }

    /// The URL and headers of one attempt, signed when the credentials are an access key.
    fn prepare(
        &self,
        operation: &OperationInfo,
        input: &AttemptInput<'_>,
        endpoint: &Endpoint,
    ) -> Result<HttpRequest, Error> {
        let AttemptInput {
            request,
            query,
            authentication,
            project_id,
            extra,
        } = input;
        // The path as sent, the endpoint's prefix included; the signature covers it.
        let path = if endpoint.path_prefix.is_empty() {
            Cow::Borrowed(request.path.as_str())
        } else {
            Cow::Owned(format!("{}{}", endpoint.path_prefix, request.path))
        };
        // A longer URL would be refused by hyper, or by the server, only once sent (and a GET
        // retried); it can only come from the caller's input.
        let path_and_query = path.len() + query.len();
        if path_and_query > MAX_PATH_AND_QUERY {
            return Err(Error::InvalidInput {
                operation: operation.name,
                input: "path and query",
                reason: format!(
                    "they are {path_and_query} bytes once encoded, longer than the limit of {MAX_PATH_AND_QUERY}"
                ),
            });
        }
        // Setting the path and query on the parsed endpoint spares parsing the scheme and host
        // again. Both are percent-encoded already, so the URL keeps them as they are.
        let mut url = endpoint.url.clone();
        url.set_path(&path);
        url.set_query((!query.is_empty()).then_some(query));

        // The headers of the official SDK, in its order: the operation's own, then these. The
        // signature needs them as text, the request as header values; both are built at once.
        let extra_headers = extra.headers.iter().flat_map(|list| list.iter());
        let capacity =
            request.headers.len() + 9 + extra.headers.iter().map(|l| l.len()).sum::<usize>();
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
        for (name, value) in extra_headers {
            let header_name = self.extra_header_name(operation, request, name)?;
            headers.insert(
                header_name,
                header_value(operation, "custom header", value)?,
            );
            signed.push((name, value));
        }
        // The operation's own media type (JSON for most, and for requests without a body):
        // core assumes none, the generator decided it from the spec.
        // JSON, by far the most common, costs no allocation.
        let content_type = match operation.content_type {
            JSON => HeaderValue::from_static(JSON),
            other => header_value(operation, "Content-Type", other)?,
        };
        headers.insert(CONTENT_TYPE.clone(), content_type);
        signed.push((CONTENT_TYPE.as_str(), operation.content_type));
        let user_agent_with_suffix = extra
            .user_agent_suffix
            .map(|suffix| format!("{} {suffix}", self.user_agent.text()));
        match &user_agent_with_suffix {
            Some(user_agent) => {
                headers.insert(
                    USER_AGENT.clone(),
                    header_value(operation, "User-Agent suffix", user_agent)?,
                );
                signed.push((USER_AGENT.as_str(), user_agent));
            }
            None => {
                headers.insert(USER_AGENT.clone(), self.user_agent.value());
                signed.push((USER_AGENT.as_str(), self.user_agent.text()));
            }
        }
        headers.insert(X_PROJECT_ID.clone(), project_id.value());
        signed.push((X_PROJECT_ID.as_str(), project_id.text()));
        let parts = SignedParts {
            method: operation.method.as_str(),
            path: &path,
            query,
            body: request.body.as_deref().unwrap_or_default(),
        };
        authentication
            .authenticate(&mut headers, signed, &endpoint.host, &parts)
            .map_err(|input| Error::InvalidInput {
                operation: operation.name,
                input,
                reason: "it must not contain control characters such as CR or LF".to_owned(),
            })?;
        let body = match &request.body {
            Some(body) => body.clone(),
            None => {
                // Like the official SDK (through `requests`), a POST, PUT or PATCH without a
                // body still says `Content-Length: 0`; some proxies refuse such requests
                // without it. hyper leaves the header out for an empty body, so it is set here.
                if expects_body(&operation.method) {
                    headers.insert(CONTENT_LENGTH.clone(), HeaderValue::from_static("0"));
                }
                bytes::Bytes::new()
            }
        };
        let mut prepared = HttpRequest::new(operation.method.clone(), url, self.max_response_body);
        prepared.headers = headers;
        prepared.body = body;
        Ok(prepared)
    }
}

/// A header value, or an invalid-input error naming where the value came from.
fn header_value(
    operation: &OperationInfo,
    input: &'static str,
    value: &str,
) -> Result<HeaderValue, Error> {
    if value.len() > MAX_HEADER_VALUE {
        return Err(Error::InvalidInput {
            operation: operation.name,
            input,
            reason: format!(
                "it is {} bytes, longer than the limit of {MAX_HEADER_VALUE} for a header value",
                value.len()
            ),
        });
    }
    HeaderValue::from_bytes(value.as_bytes()).map_err(|_| Error::InvalidInput {
        operation: operation.name,
        input,
        reason: "header values must not contain control characters such as CR or LF".to_owned(),
    })
}

/// Refuses a success answer whose body is still encoded (`Content-Encoding` other than
/// `identity`): the transport decodes gzip and deflate, and an encoding it does not know would
/// otherwise reach the output as compressed bytes.
fn check_not_encoded(response: &OperationResponse) -> Result<(), Error> {
    match response.headers.get(&CONTENT_ENCODING) {
        Some(encoding) if !encoding.as_bytes().eq_ignore_ascii_case(b"identity") => {
            Err(Error::Decode(Box::new(DecodeError::new(
                response.operation,
                response.status,
                format_args!(
                    "the body is encoded as `{}`, which the client cannot decode",
                    String::from_utf8_lossy(encoding.as_bytes())
                ),
                &response.body,
            ))))
        }
        _ => Ok(()),
    }
}

fn request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

fn expects_body(method: &Method) -> bool {
    [Method::POST, Method::PUT, Method::PATCH].contains(method)
}
