//! One configuration for every service: [`SdkConfig`], and the builder of it and of every
//! service client.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use crate::auth::{Authentication, FixedHeader};
use crate::credentials::{
    Credentials, CredentialsProvider, DefaultChain, ENV_ACCESS_KEY, ENV_ID_TOKEN_FILE, ENV_IDP_ID,
    ENV_SECRET_KEY, env_pair_set, env_value,
};
use crate::encoding::check_path_value;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::http::HttpTransport;
use crate::http_options::{HttpOptions, Proxy, ProxySetting};
use crate::interceptor::Interceptor;
use crate::limits::clamp_duration;
use crate::region::Region;
use crate::retry::RetryPolicy;
use crate::secret::Secret;

/// The official SDK's connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(60);
/// The official SDK's read timeout.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(120);
/// The longest response body read by default: 32 MiB, well above FunctionGraph's 6 MB limit
/// on a function's result.
pub const DEFAULT_MAX_RESPONSE_BODY: usize = 32 * 1024 * 1024;

/// The project id, read by [`ConfigBuilder::from_env`].
pub const ENV_PROJECT_ID: &str = "HUAWEICLOUD_SDK_PROJECT_ID";
/// The region id, read by [`ConfigBuilder::from_env`].
pub const ENV_REGION: &str = "HUAWEICLOUD_SDK_REGION";
/// Set, it puts OIDC first in the chain, before the AK/SK of the environment.
const OIDC_PROVIDER_URN: &str = "HUAWEICLOUD_OIDC_PROVIDER_URN";

/// The configuration that every service client is made from: credentials, region, project,
/// timeouts, retries and the HTTP transport.
///
/// Build it once and make each service's client from it; the clients then share one
/// connection pool and one credentials provider.
///
/// ```no_run
/// use huaweicloud_sdk_core::{Region, SdkConfig};
///
/// let config = SdkConfig::builder_from_env()
///     .region(Region::new("cn-north-4"))
///     .build()?;
/// // let functiongraph = huaweicloud_sdk_functiongraph::Client::new(&config)?;
/// # Ok::<(), huaweicloud_sdk_core::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct SdkConfig {
    pub(crate) credentials: CredentialSource,
    pub(crate) region: Option<Region>,
    /// Endpoints that replace every service's regional ones; empty when none are set.
    pub(crate) endpoints: Vec<String>,
    pub(crate) project_id: Option<FixedHeader>,
    pub(crate) iam_endpoint: Option<String>,
    pub(crate) operation_timeout: Option<Duration>,
    pub(crate) retry_policy: RetryPolicy,
    pub(crate) max_response_body: usize,
    pub(crate) transport: Arc<dyn HttpTransport>,
    pub(crate) interceptors: Vec<Arc<dyn Interceptor>>,
}

impl SdkConfig {
    /// Starts configuring, with nothing set yet.
    pub fn builder() -> ConfigBuilder<SdkConfig> {
        ConfigBuilder::new()
    }

    /// Starts configuring from the environment; see [`ConfigBuilder::from_env`].
    pub fn builder_from_env() -> ConfigBuilder<SdkConfig> {
        ConfigBuilder::from_env()
    }

    /// The region, when one is set.
    pub fn region(&self) -> Option<&Region> {
        self.region.as_ref()
    }

    /// The endpoints that replace every service's regional ones; empty when none are set.
    pub fn endpoints(&self) -> &[String] {
        &self.endpoints
    }

    /// The project id, when one is set.
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_ref().map(FixedHeader::text)
    }

    /// When to retry.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry_policy
    }

    /// The limit on a whole operation, when one is set.
    pub fn operation_timeout(&self) -> Option<Duration> {
        self.operation_timeout
    }
}

/// Where the credentials of requests come from, ready to use.
#[derive(Clone, Debug)]
pub(crate) enum CredentialSource {
    /// Credentials that never change, converted once for every request.
    Static(Arc<Authentication>),
    /// A provider, asked before every attempt.
    Provider(Arc<dyn CredentialsProvider>),
}

/// What a builder makes: an [`SdkConfig`], or a service client made from one.
///
/// Every generated service client implements it, so that `Client::builder()` and
/// `Client::new(&config)` check the same things.
pub trait FromSdkConfig: Sized {
    /// Makes the value from a configuration that [`ConfigBuilder::build`] has checked.
    fn from_sdk_config(config: &SdkConfig) -> Result<Self, Error>;
}

impl FromSdkConfig for SdkConfig {
    fn from_sdk_config(config: &SdkConfig) -> Result<Self, Error> {
        Ok(config.clone())
    }
}

/// Builds an [`SdkConfig`] (`SdkConfig::builder()`), or a service client directly
/// (`Client::builder()`, which is `ConfigBuilder<Client>`).
///
/// It needs credentials, a project id, and a region or an endpoint; everything else has the
/// official SDK's defaults, plus retries of what is safe to retry.
///
/// # Proxies
///
/// The default transport, reqwest, honours the `HTTPS_PROXY`, `HTTP_PROXY` and `ALL_PROXY`
/// environment variables (in either case) and `NO_PROXY`. Over an `http://` endpoint a proxy
/// sees every request in clear, signature and tokens included; over `https://` it sees only a
/// `CONNECT` tunnel. [`no_proxy`](Self::no_proxy) ignores the environment and sends requests
/// directly; [`proxy`](Self::proxy) sends them through one proxy of your choice.
///
/// # Durations
///
/// Every duration (the timeouts here, the waits of a [`RetryPolicy`]) is clamped to
/// [`MAX_DURATION`](crate::MAX_DURATION), a year, so that `Duration::MAX` means "no limit to
/// speak of" rather than an overflow inside the HTTP stack.
#[must_use]
pub struct ConfigBuilder<T> {
    endpoints: Vec<String>,
    region: Option<Region>,
    project_id: Option<String>,
    iam_endpoint: Option<String>,
    credentials: Option<CredentialsSetting>,
    http: HttpOptions,
    operation_timeout: Option<Duration>,
    retry_policy: RetryPolicy,
    max_response_body: usize,
    transport: Option<Arc<dyn HttpTransport>>,
    interceptors: Vec<Arc<dyn Interceptor>>,
    /// What `build` makes; `fn() -> T` keeps the builder `Send` and `Sync` whatever `T` is.
    target: PhantomData<fn() -> T>,
}

/// Credentials as the builder was given them.
#[derive(Clone, Debug)]
enum CredentialsSetting {
    Static(Credentials),
    Provider(Arc<dyn CredentialsProvider>),
}

impl<T> Clone for ConfigBuilder<T> {
    fn clone(&self) -> Self {
        ConfigBuilder {
            endpoints: self.endpoints.clone(),
            region: self.region.clone(),
            project_id: self.project_id.clone(),
            iam_endpoint: self.iam_endpoint.clone(),
            credentials: self.credentials.clone(),
            http: self.http.clone(),
            operation_timeout: self.operation_timeout,
            retry_policy: self.retry_policy.clone(),
            max_response_body: self.max_response_body,
            transport: self.transport.clone(),
            interceptors: self.interceptors.clone(),
            target: PhantomData,
        }
    }
}

impl<T> fmt::Debug for ConfigBuilder<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigBuilder")
            .field("endpoints", &self.endpoints)
            .field("region", &self.region)
            .field("project_id", &self.project_id)
            .field("iam_endpoint", &self.iam_endpoint)
            .field("credentials", &self.credentials)
            .field("http", &self.http)
            .field("operation_timeout", &self.operation_timeout)
            .field("retry_policy", &self.retry_policy)
            .field("max_response_body", &self.max_response_body)
            .field("transport", &self.transport)
            .field("interceptors", &self.interceptors)
            .finish()
    }
}

impl<T> Default for ConfigBuilder<T> {
    fn default() -> Self {
        ConfigBuilder {
            endpoints: Vec::new(),
            region: None,
            project_id: None,
            iam_endpoint: None,
            credentials: None,
            http: HttpOptions::new(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT),
            operation_timeout: None,
            retry_policy: RetryPolicy::default(),
            max_response_body: DEFAULT_MAX_RESPONSE_BODY,
            transport: None,
            interceptors: Vec::new(),
            target: PhantomData,
        }
    }
}

impl<T> ConfigBuilder<T> {
    /// A builder with nothing configured yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder configured from the environment, as the official SDKs read it: the project id
    /// from `HUAWEICLOUD_SDK_PROJECT_ID` (else the profile file's `project_id`), the region from `HUAWEICLOUD_SDK_REGION`, and the
    /// credentials from the official default chain ([`DefaultChain`]: OIDC, environment
    /// variables, profile file, ECS metadata, pod identity), asked at the first request.
    ///
    /// When `HUAWEICLOUD_SDK_AK` and `HUAWEICLOUD_SDK_SK` are both set (and neither OIDC nor
    /// federation is configured, which the chain would put first), they are read here, once,
    /// with `HUAWEICLOUD_SDK_SECURITY_TOKEN`: requests then cost no provider call at all.
    ///
    /// A missing project id or region is reported by [`build`](Self::build), and can still be
    /// set in code, as can credentials. When the chain finds no credentials, the first request
    /// fails with [`Error::Credentials`] naming every provider and why it gave nothing.
    pub fn from_env() -> Self {
        let mut builder = Self::new();
        builder.credentials = Some(match Self::static_env_credentials() {
            Some(credentials) => CredentialsSetting::Static(credentials),
            None => CredentialsSetting::Provider(Arc::new(DefaultChain::from_env())),
        });
        // As in the official SDK, the profile file's `project_id` stands in for the variable.
        builder.project_id =
            env_value(ENV_PROJECT_ID).or_else(crate::credentials::profile_project_id);
        builder.region = env_value(ENV_REGION).map(Region::new);
        builder
    }

    /// The AK/SK of the environment, when the chain would choose them, as it does unless OIDC
    /// or federation is configured too.
    fn static_env_credentials() -> Option<Credentials> {
        let chain_prefers_another =
            env_value(OIDC_PROVIDER_URN).is_some() || env_pair_set(ENV_IDP_ID, ENV_ID_TOKEN_FILE);
        if chain_prefers_another {
            return None;
        }
        Credentials::from_env().ok()
    }

    /// The region. Each service's endpoint in it is the service's endpoint pattern filled with
    /// the region id, unless the environment overrides it.
    pub fn region(mut self, region: impl Into<Region>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// An endpoint to use instead of the region's, e.g. a proxy. A path prefix is kept:
    /// `https://proxy.example.com/fg` sends requests to `https://proxy.example.com/fg/v2/...`.
    /// An endpoint with a user name or password in it is refused by [`build`](Self::build):
    /// it would be printed wherever the URL is.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoints = vec![endpoint.into()];
        self
    }

    /// Endpoints to use instead of the region's, tried in order as the official SDKs try them:
    /// a request moves on to the next when a host name does not resolve or a TLS handshake
    /// fails, and later calls start from the endpoint that worked. A refused connection does
    /// not move on. An empty list sets none.
    pub fn endpoints<E: Into<String>>(mut self, endpoints: impl IntoIterator<Item = E>) -> Self {
        self.endpoints = endpoints.into_iter().map(Into::into).collect();
        self
    }

    /// The project id that fills `{project_id}` in every path. Without one, a client of a
    /// region looks the region's project up in IAM on its first call, as the official SDKs do.
    /// `.` and `..`, which would change the path, are refused by [`build`](Self::build).
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// The IAM endpoint that the project id is looked up at, instead of
    /// `HUAWEICLOUD_SDK_IAM_ENDPOINT` or the region's IAM endpoint.
    pub fn iam_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.iam_endpoint = Some(endpoint.into());
        self
    }

    /// Signs requests with an access key and secret key.
    pub fn access_key(self, access_key: impl Into<String>, secret_key: impl Into<Secret>) -> Self {
        self.credentials(Credentials::access_key(access_key, secret_key))
    }

    /// Authenticates with an IAM user token (the `X-Auth-Token` header).
    pub fn auth_token(self, token: impl Into<Secret>) -> Self {
        self.credentials(Credentials::token(token))
    }

    /// Sets credentials that never change.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(CredentialsSetting::Static(credentials));
        self
    }

    /// Takes the credentials of every request from a provider, asked before each attempt.
    pub fn credentials_provider(mut self, provider: impl CredentialsProvider + 'static) -> Self {
        self.credentials = Some(CredentialsSetting::Provider(Arc::new(provider)));
        self
    }

    /// How long to wait for a connection. Defaults to 60 seconds; at most
    /// [`MAX_DURATION`](crate::MAX_DURATION), to which a longer one is clamped. It configures the
    /// default transport; a transport given with [`http_transport`](Self::http_transport) has
    /// its own.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.http.connect_timeout = clamp_duration(timeout);
        self
    }

    /// How long to wait between two reads of the answer. Defaults to 120 seconds; at most
    /// [`MAX_DURATION`](crate::MAX_DURATION), to which a longer one is clamped. Like
    /// [`connect_timeout`](Self::connect_timeout), it configures the default transport.
    ///
    /// It bounds each wait, not the whole answer: a server that sends a byte at a time, each
    /// within the read timeout, holds a call for as long as it likes. Set an
    /// [`operation_timeout`](Self::operation_timeout) to bound the whole call.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.http.read_timeout = clamp_duration(timeout);
        self
    }

    /// A limit on a whole operation, every attempt and wait included; at most
    /// [`MAX_DURATION`](crate::MAX_DURATION), to which a longer one is clamped.
    ///
    /// There is none by default, as in the official SDKs, so by default nothing bounds a whole
    /// call: the [`connect_timeout`](Self::connect_timeout) and
    /// [`read_timeout`](Self::read_timeout) bound each wait, but a server that drips its answer a
    /// byte at a time, each within the read timeout, holds the call as long as it keeps
    /// dripping. Set an operation timeout wherever a call must end in a known time.
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation_timeout = Some(clamp_duration(timeout));
        self
    }

    /// Sends requests straight to the endpoint, ignoring the proxy environment variables
    /// (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, in either case) that the default transport
    /// otherwise honours; see [Proxies](Self#proxies). A transport given with
    /// [`http_transport`](Self::http_transport) has its own proxy settings.
    pub fn no_proxy(mut self) -> Self {
        self.http.proxy = ProxySetting::Disabled;
        self
    }

    /// The longest response body to read, in bytes; a longer one is
    /// [`Error::ResponseTooLarge`]. Defaults to [`DEFAULT_MAX_RESPONSE_BODY`].
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.max_response_body = bytes;
        self
    }

    /// When to retry; see [`RetryPolicy`]. [`RetryPolicy::none`] turns retries off.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = policy;
        self
    }

    /// Sends every request through `proxy`, whatever the environment says. Like the other
    /// HTTP settings, it configures the default transport.
    pub fn proxy(mut self, proxy: Proxy) -> Self {
        self.http.proxy = ProxySetting::Explicit(proxy);
        self
    }

    /// Trusts the certificates of a PEM bundle besides the system's roots, e.g. a company CA
    /// in front of the endpoint. A bundle that holds no certificate is refused by `build`.
    pub fn ca_bundle_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.http.extra_roots_pem = Some(pem.into());
        self
    }

    /// Presents a client certificate for mutual TLS: a PEM certificate chain followed by its
    /// private key (PKCS#8, PKCS#1 or SEC1). It never prints.
    pub fn client_identity_pem(mut self, pem: impl Into<Secret>) -> Self {
        self.http.identity_pem = Some(pem.into());
        self
    }

    /// How long an unused connection stays open in the pool. reqwest's default is 90 s.
    pub fn pool_idle_timeout(mut self, timeout: Duration) -> Self {
        self.http.pool_idle_timeout = Some(timeout);
        self
    }

    /// How many unused connections to each host the pool keeps. Unlimited by default.
    pub fn pool_max_idle_per_host(mut self, connections: usize) -> Self {
        self.http.pool_max_idle_per_host = Some(connections);
        self
    }

    /// Sends every request through this transport instead of the default reqwest one: one with
    /// middleware of yours, a `reqwest::Client` of yours in a
    /// [`ReqwestTransport`](crate::http::ReqwestTransport), or the fake of the `test-util`
    /// feature. The HTTP settings of this builder (timeouts, proxy, TLS, pool) then do not
    /// apply: the transport has its own.
    pub fn http_transport(mut self, transport: impl HttpTransport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Adds an interceptor, which sees every attempt of every call before it is signed and
    /// when it has ended; see [`Interceptor`]. Interceptors run in the order they were added.
    pub fn interceptor(mut self, interceptor: impl Interceptor + 'static) -> Self {
        self.interceptors.push(Arc::new(interceptor));
        self
    }

    /// Checks the configuration and builds what this builder makes: an [`SdkConfig`], or a
    /// service client. Nothing is sent until an operation is.
    pub fn build(self) -> Result<T, Error>
    where
        T: FromSdkConfig,
    {
        T::from_sdk_config(&self.into_sdk_config()?)
    }

    fn into_sdk_config(self) -> Result<SdkConfig, Error> {
        let credentials = match self.credentials {
            // Credentials that expire are checked before every request, so that none goes out
            // signed with them once they have.
            Some(CredentialsSetting::Static(credentials)) if credentials.expires_at().is_some() => {
                Authentication::new(credentials.clone())?;
                CredentialSource::Provider(Arc::new(credentials))
            }
            Some(CredentialsSetting::Static(credentials)) => {
                CredentialSource::Static(Arc::new(Authentication::new(credentials)?))
            }
            Some(CredentialsSetting::Provider(provider)) => CredentialSource::Provider(provider),
            None => {
                return Err(Error::Config(format!(
                    "no credentials: call access_key, auth_token, credentials or credentials_provider on the builder, or start from builder_from_env() to use the default chain ({ENV_ACCESS_KEY} and {ENV_SECRET_KEY}, among others)"
                )));
            }
        };
        let project_id = self
            .project_id
            .filter(|id| !id.trim().is_empty())
            .map(|id| {
                check_path_value(&id).map_err(|reason| {
                    Error::Config(format!("the project id cannot fill a path: {reason}"))
                })?;
                FixedHeader::new("the project id", id, false)
            })
            .transpose()?;
        // Checked here as well as when a client is made, so that a bad endpoint is refused
        // before it is kept (and printed by `Debug`).
        for endpoint in &self.endpoints {
            Endpoint::parse(endpoint)?;
        }
        if let Some(region) = &self.region
            && !region.is_host_label()
        {
            return Err(Error::Config(format!(
                "region `{region}` is not a region id: use ASCII letters, digits and `-`"
            )));
        }
        let transport: Arc<dyn HttpTransport> = match self.transport {
            Some(transport) => transport,
            None => Arc::new(self.http.build_transport()?),
        };
        Ok(SdkConfig {
            credentials,
            region: self.region,
            endpoints: self.endpoints,
            project_id,
            iam_endpoint: self.iam_endpoint,
            operation_timeout: self.operation_timeout,
            retry_policy: self.retry_policy,
            max_response_body: self.max_response_body,
            transport,
            interceptors: self.interceptors,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builders_never_print_secrets() {
        let builder = SdkConfig::builder()
            .auth_token("hunter2")
            .credentials(Credentials::temporary("AK", "hunter3", "hunter4"));
        let printed = format!("{builder:?}");
        assert!(!printed.contains("hunter"), "{printed}");
        assert!(printed.contains("AK"), "{printed}");
        let config = builder.project_id("p").build().unwrap();
        let printed = format!("{config:?}");
        assert!(!printed.contains("hunter"), "{printed}");
    }

    #[test]
    fn missing_and_empty_credentials_are_named() {
        let err = SdkConfig::builder().build().unwrap_err();
        assert!(err.to_string().contains("no credentials"), "{err}");
        let err = SdkConfig::builder()
            .access_key("AK", "")
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("must not be empty"), "{err}");
    }

    #[test]
    fn region_ids_must_fit_a_host_name() {
        let err = SdkConfig::builder()
            .auth_token("t")
            .region("evil.example.com/")
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("is not a region id"), "{err}");
    }

    #[test]
    fn a_project_id_with_a_line_break_is_refused() {
        let err = SdkConfig::builder()
            .auth_token("t")
            .project_id("p\r\nX-Evil: 1")
            .build()
            .unwrap_err();
        assert!(
            err.to_string().contains("the project id cannot be sent"),
            "{err}"
        );
    }
}
