//! Client configuration: where to send requests, as whom, and how patiently.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::auth::{Authentication, FixedHeader};
use crate::error::Error;
use crate::region::Region;
use crate::retry::RetryPolicy;
use crate::transport::Handle;

/// The official SDK's connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(60);
/// The official SDK's read timeout.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(120);
/// The longest response body read by default: 32 MiB, well above FunctionGraph's 6 MB limit
/// on a function's result.
pub const DEFAULT_MAX_RESPONSE_BODY: usize = 32 * 1024 * 1024;

/// The access key, read by [`Credentials::from_env`].
pub const ENV_ACCESS_KEY: &str = "HUAWEICLOUD_SDK_AK";
/// The secret key, read by [`Credentials::from_env`].
pub const ENV_SECRET_KEY: &str = "HUAWEICLOUD_SDK_SK";
/// The security token of temporary credentials, read by [`Credentials::from_env`].
pub const ENV_SECURITY_TOKEN: &str = "HUAWEICLOUD_SDK_SECURITY_TOKEN";
/// The project id, read by [`ClientBuilder::from_env`].
pub const ENV_PROJECT_ID: &str = "HUAWEICLOUD_SDK_PROJECT_ID";
/// The region id, read by [`ClientBuilder::from_env`].
pub const ENV_REGION: &str = "HUAWEICLOUD_SDK_REGION";

/// A secret string whose `Debug` and `Display` never show its value.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret value itself. Take care where it goes.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(\"** redacted **\")")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("** redacted **")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

/// How requests prove who sends them.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Credentials {
    /// An access key and secret key: every request is signed with SDK-HMAC-SHA256. Temporary
    /// credentials also carry a security token, sent as `X-Security-Token`.
    AccessKey {
        /// The access key id (AK). It is not secret and appears in every request.
        access_key: String,
        /// The secret access key (SK). It never leaves the process.
        secret_key: Secret,
        /// The security token of temporary credentials.
        security_token: Option<Secret>,
    },
    /// An IAM user token, sent as the `X-Auth-Token` header.
    Token(Secret),
}

impl Credentials {
    /// Permanent AK/SK credentials.
    pub fn access_key(access_key: impl Into<String>, secret_key: impl Into<Secret>) -> Self {
        Credentials::AccessKey {
            access_key: access_key.into(),
            secret_key: secret_key.into(),
            security_token: None,
        }
    }

    /// Temporary AK/SK credentials with their security token.
    pub fn temporary(
        access_key: impl Into<String>,
        secret_key: impl Into<Secret>,
        security_token: impl Into<Secret>,
    ) -> Self {
        Credentials::AccessKey {
            access_key: access_key.into(),
            secret_key: secret_key.into(),
            security_token: Some(security_token.into()),
        }
    }

    /// An IAM user token.
    pub fn token(token: impl Into<Secret>) -> Self {
        Credentials::Token(token.into())
    }

    /// Reads AK/SK credentials from `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK` and, when set,
    /// `HUAWEICLOUD_SDK_SECURITY_TOKEN`, as the official SDKs do.
    pub fn from_env() -> Result<Self, Error> {
        let access_key = env_value(ENV_ACCESS_KEY);
        let secret_key = env_value(ENV_SECRET_KEY);
        match (access_key, secret_key) {
            (Some(access_key), Some(secret_key)) => Ok(Credentials::AccessKey {
                access_key,
                secret_key: Secret(secret_key),
                security_token: env_value(ENV_SECURITY_TOKEN).map(Secret),
            }),
            (access_key, _) => {
                let missing = if access_key.is_none() {
                    ENV_ACCESS_KEY
                } else {
                    ENV_SECRET_KEY
                };
                Err(Error::Config(format!(
                    "no credentials: the environment variable {missing} is not set"
                )))
            }
        }
    }
}

/// A set, non-empty environment variable.
fn env_value(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Builds a [`Client`](crate::Client).
///
/// It needs credentials, a project id, and a region or an endpoint; everything else has the
/// official SDK's defaults, plus retries of what is safe to retry.
#[derive(Clone, Debug)]
#[must_use]
pub struct ClientBuilder {
    endpoint: Option<String>,
    region: Option<Region>,
    project_id: Option<String>,
    credentials: Option<Credentials>,
    connect_timeout: Duration,
    read_timeout: Duration,
    operation_timeout: Option<Duration>,
    retry_policy: RetryPolicy,
    max_response_body: usize,
    #[cfg(feature = "test-util")]
    fake: Option<Arc<crate::test_util::FakeTransport>>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            endpoint: None,
            region: None,
            project_id: None,
            credentials: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            read_timeout: DEFAULT_READ_TIMEOUT,
            operation_timeout: None,
            retry_policy: RetryPolicy::default(),
            max_response_body: DEFAULT_MAX_RESPONSE_BODY,
            #[cfg(feature = "test-util")]
            fake: None,
        }
    }
}

impl ClientBuilder {
    /// A builder with nothing configured yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder configured from the environment, as the official SDKs read it: credentials
    /// from `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK` and `HUAWEICLOUD_SDK_SECURITY_TOKEN`,
    /// the project id from `HUAWEICLOUD_SDK_PROJECT_ID`, and the region from
    /// `HUAWEICLOUD_SDK_REGION`. What is missing is reported by [`build`](Self::build), and can
    /// still be set in code.
    pub fn from_env() -> Self {
        let mut builder = ClientBuilder::new();
        builder.credentials = Credentials::from_env().ok();
        builder.project_id = env_value(ENV_PROJECT_ID);
        builder.region = env_value(ENV_REGION).map(Region::new);
        builder
    }

    /// The region, whose endpoint is [`Region::endpoint`]: the service's endpoint pattern
    /// filled with the region id, unless the environment overrides it.
    pub fn region(mut self, region: Region) -> Self {
        self.region = Some(region);
        self
    }

    /// An endpoint to use instead of the region's, e.g. a proxy. A path prefix is kept:
    /// `https://proxy.example.com/fg` sends requests to `https://proxy.example.com/fg/v2/...`.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// The project id that fills `{project_id}` in every path.
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
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

    /// Sets the credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// How long to wait for a connection. Defaults to 60 seconds.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long to wait between two reads of the answer. Defaults to 120 seconds.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = timeout;
        self
    }

    /// A limit on a whole operation, every attempt and wait included. There is none by default.
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation_timeout = Some(timeout);
        self
    }

    /// The longest response body to read, in bytes; a longer one is
    /// [`Error::ResponseTooLarge`]. Defaults to [`DEFAULT_MAX_RESPONSE_BODY`].
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.max_response_body = bytes;
        self
    }

    /// Sends every request to a [`FakeTransport`](crate::test_util::FakeTransport) instead of
    /// the network, for tests (feature `test-util`).
    #[cfg(feature = "test-util")]
    pub fn transport(mut self, fake: Arc<crate::test_util::FakeTransport>) -> Self {
        self.fake = Some(fake);
        self
    }

    /// When to retry; see [`RetryPolicy`]. [`RetryPolicy::none`] turns retries off.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = policy;
        self
    }

    /// Checks the configuration and builds the client. Nothing is sent until an operation is.
    pub fn build(self) -> Result<crate::Client, Error> {
        let credentials = self.credentials.ok_or_else(|| {
            Error::Config(format!(
                "no credentials: call ClientBuilder::access_key or ::auth_token, or set {ENV_ACCESS_KEY} and {ENV_SECRET_KEY}"
            ))
        })?;
        if let Credentials::AccessKey {
            access_key,
            secret_key,
            ..
        } = &credentials
            && (access_key.trim().is_empty() || secret_key.expose().trim().is_empty())
        {
            return Err(Error::Config(
                "the access key and the secret key must not be empty".to_owned(),
            ));
        }
        let project_id = match self.project_id {
            Some(id) if !id.trim().is_empty() => id,
            _ => {
                return Err(Error::Config(format!(
                    "no project id: call ClientBuilder::project_id or set {ENV_PROJECT_ID}"
                )));
            }
        };
        let endpoint = match (self.endpoint, &self.region) {
            (Some(endpoint), _) => endpoint,
            (None, Some(region)) => region.endpoint(),
            (None, None) => {
                return Err(Error::Config(format!(
                    "no region or endpoint: call ClientBuilder::region or ::endpoint, or set {ENV_REGION}"
                )));
            }
        };
        let endpoint = parse_endpoint(&endpoint)?;
        let http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .read_timeout(self.read_timeout)
            // The official SDK never follows redirects; a redirect would also carry the
            // credentials to another host.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
        let handle = Handle {
            http,
            host: FixedHeader::new("the endpoint's host", endpoint.authority(), false)?,
            path_prefix: endpoint.path_prefix().to_owned(),
            endpoint: endpoint.url,
            project_id: FixedHeader::new("the project id", project_id, false)?,
            authentication: Authentication::new(credentials)?,
            operation_timeout: self.operation_timeout,
            retry_policy: self.retry_policy,
            max_response_body: self.max_response_body,
            #[cfg(feature = "test-util")]
            fake: self.fake,
        };
        Ok(crate::Client::from_handle(Arc::new(handle)))
    }
}

/// A checked endpoint.
struct Endpoint {
    url: reqwest::Url,
}

impl Endpoint {
    /// The `Host` header value: the host, and the port when the endpoint names one.
    fn authority(&self) -> String {
        let host = self.url.host_str().unwrap_or_default();
        match self.url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        }
    }

    /// The endpoint's path, which every request path goes under, without a trailing `/`.
    fn path_prefix(&self) -> &str {
        self.url.path().trim_end_matches('/')
    }
}

fn parse_endpoint(endpoint: &str) -> Result<Endpoint, Error> {
    let url = reqwest::Url::parse(endpoint)
        .map_err(|e| Error::Config(format!("endpoint `{endpoint}` is not a valid URL: {e}")))?;
    if url.scheme() != "https" && url.scheme() != "http" {
        return Err(Error::Config(format!(
            "endpoint `{endpoint}` must start with https:// or http://"
        )));
    }
    if url.host_str().is_none() || url.query().is_some() || url.fragment().is_some() {
        return Err(Error::Config(format!(
            "endpoint `{endpoint}` must name a host and have no query or fragment"
        )));
    }
    Ok(Endpoint { url })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let secret = Secret::new("hunter2");
        assert!(!format!("{secret:?} {secret}").contains("hunter2"));
        let builder = ClientBuilder::new()
            .auth_token("hunter2")
            .credentials(Credentials::temporary("AK", "hunter3", "hunter4"));
        let printed = format!("{builder:?}");
        assert!(!printed.contains("hunter"), "{printed}");
        assert!(printed.contains("AK"), "{printed}");
    }

    #[test]
    fn endpoints_keep_their_path_prefix_and_port() {
        let endpoint = parse_endpoint("https://proxy.example.com/fg/").unwrap();
        assert_eq!(endpoint.path_prefix(), "/fg");
        assert_eq!(endpoint.authority(), "proxy.example.com");
        let local = parse_endpoint("http://127.0.0.1:8080").unwrap();
        assert_eq!(local.path_prefix(), "");
        assert_eq!(local.authority(), "127.0.0.1:8080");
        assert!(parse_endpoint("ftp://example.com").is_err());
        assert!(parse_endpoint("not a url").is_err());
    }

    #[test]
    fn missing_settings_are_named() {
        let err = ClientBuilder::new().build().unwrap_err();
        assert!(err.to_string().contains("no credentials"), "{err}");
        let err = ClientBuilder::new().auth_token("t").build().unwrap_err();
        assert!(err.to_string().contains("no project id"), "{err}");
        let err = ClientBuilder::new()
            .auth_token("t")
            .project_id("p")
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("no region or endpoint"), "{err}");
        let err = ClientBuilder::new()
            .access_key("AK", "")
            .project_id("p")
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("must not be empty"), "{err}");
    }
}
