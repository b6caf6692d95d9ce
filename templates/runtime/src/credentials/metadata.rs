//! Temporary credentials of an ECS instance's agency, from the metadata service, as the
//! official SDK's `MetadataAccessor` fetches them.

use std::time::{Duration, Instant};

use super::fetch::{self, LazyTransport};
use super::{
    BoxFuture, CachingProvider, Credentials, CredentialsError, CredentialsProvider, env_value,
};
use crate::http::{HeaderValue, HttpResponse, Method};
use crate::secret::Secret;

/// This SDK's own setting (the official SDK has none): the metadata service's endpoint.
pub const ENV_METADATA_ENDPOINT: &str = "HUAWEICLOUD_SDK_METADATA_ENDPOINT";
/// The metadata service of every ECS instance, as in the official SDK.
pub const DEFAULT_METADATA_ENDPOINT: &str = "http://169.254.169.254";

const TOKEN_PATH: &str = "/meta-data/latest/api/token";
const SECURITY_KEY_PATH: &str = "/openstack/latest/securitykey";
const TOKEN_TTL_HEADER: &str = "x-metadata-token-ttl-seconds";
const TOKEN_HEADER: &str = "x-metadata-token";
/// The session token's lifetime asked for: 6 hours.
const TOKEN_TTL_SECONDS: &str = "21600";
/// A 401 with this text means the instance has no agency: a new token would not help.
const NO_AGENCY: &str = "Please configure Cloud Service Agency first";
/// Without a session token (an older metadata service), how long before asking for one again.
const TOKEN_RETRY: Duration = Duration::from_secs(24 * 60 * 60);
/// The official SDK's (3, 3) s: a machine that is not an ECS instance should not wait long.
const TIMEOUT: Duration = Duration::from_secs(3);
const METADATA: &str = "the ECS metadata service";

/// Temporary credentials of the ECS instance's agency (a "cloud service agency"), from the
/// metadata service: a session token from `PUT /meta-data/latest/api/token`, then
/// `GET /openstack/latest/securitykey` with `X-Metadata-Token`. A 401 renews the session token
/// and asks once more; an old metadata service without tokens (404, 405 or 503 to the `PUT`)
/// is asked without one. Timeouts are 3 s, no proxy is used, and the credentials are cached
/// and refreshed by a [`CachingProvider`].
///
/// The endpoint is `http://169.254.169.254`, or `HUAWEICLOUD_SDK_METADATA_ENDPOINT`, or the
/// one given to [`with_endpoint`](Self::with_endpoint). Built with the `test-util` feature (as
/// every test of this workspace is), the provider refuses the real address unless it is given
/// explicitly with `with_endpoint`: tests can only reach a metadata service they started.
#[derive(Debug)]
pub struct MetadataProvider {
    cache: CachingProvider,
}

impl MetadataProvider {
    /// The metadata service at `HUAWEICLOUD_SDK_METADATA_ENDPOINT`, or `http://169.254.169.254`.
    pub fn from_env() -> Self {
        match env_value(ENV_METADATA_ENDPOINT) {
            Some(endpoint) => Self::at(endpoint, true),
            None => Self::at(DEFAULT_METADATA_ENDPOINT.to_owned(), false),
        }
    }

    /// The metadata service at `endpoint`.
    pub fn with_endpoint(endpoint: impl Into<String>) -> Self {
        Self::at(endpoint.into(), true)
    }

    fn at(endpoint: String, explicit: bool) -> Self {
        MetadataProvider {
            cache: CachingProvider::new(MetadataFetcher {
                endpoint,
                explicit,
                http: LazyTransport::new(TIMEOUT, TIMEOUT, false),
                session: tokio::sync::Mutex::new(Session::default()),
            }),
        }
    }
}

impl CredentialsProvider for MetadataProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        self.cache.provide_credentials()
    }
}

#[derive(Debug)]
struct MetadataFetcher {
    endpoint: String,
    /// Whether the endpoint was chosen, by code or by the environment, rather than defaulted.
    explicit: bool,
    http: LazyTransport,
    session: tokio::sync::Mutex<Session>,
}

/// The metadata session token, and when one was last asked for.
#[derive(Debug, Default)]
struct Session {
    token: Option<Secret>,
    last_asked: Option<Instant>,
}

impl MetadataFetcher {
    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        self.refuse_the_real_service_in_tests()?;
        let mut session = self.session.lock().await;
        let ask_again = session
            .last_asked
            .is_none_or(|at| at.elapsed() > TOKEN_RETRY);
        if session.token.is_none() && ask_again {
            self.renew_token(&mut session, false).await?;
        }
        let mut response = self.security_key(session.token.as_ref()).await?;
        if response.status == 401 && !String::from_utf8_lossy(&response.body).contains(NO_AGENCY) {
            self.renew_token(&mut session, true).await?;
            response = self.security_key(session.token.as_ref()).await?;
        }
        if response.status >= 400 {
            return Err(fetch::unexpected_answer(METADATA, &response));
        }
        super::temporary::parse(METADATA, &response.body)
    }

    /// The guarantee that no test reaches 169.254.169.254: see the type's documentation.
    fn refuse_the_real_service_in_tests(&self) -> Result<(), CredentialsError> {
        if cfg!(any(test, feature = "test-util")) && !self.explicit {
            return Err(CredentialsError::new(format!(
                "{METADATA} is not asked at {DEFAULT_METADATA_ENDPOINT} in a build with the test-util feature: set {ENV_METADATA_ENDPOINT} or use MetadataProvider::with_endpoint"
            )));
        }
        Ok(())
    }

    /// Asks for a new session token. An old metadata service has none to give (404, 405,
    /// 503): then requests go without one, unless `required`, after a 401.
    async fn renew_token(
        &self,
        session: &mut Session,
        required: bool,
    ) -> Result<(), CredentialsError> {
        session.last_asked = Some(Instant::now());
        let url = fetch::endpoint_url(METADATA, &self.endpoint, TOKEN_PATH)?;
        let mut request = fetch::request(Method::PUT, url);
        request.headers.insert(
            TOKEN_TTL_HEADER,
            HeaderValue::from_static(TOKEN_TTL_SECONDS),
        );
        request.headers.insert(
            reqwest::header::CONTENT_LENGTH,
            HeaderValue::from_static("0"),
        );
        let response = self.http.send(METADATA, request).await?;
        match response.status {
            200 => {
                let token = String::from_utf8_lossy(&response.body).trim().to_owned();
                session.token = Some(Secret::new(token)).filter(|t| !t.expose().is_empty());
                Ok(())
            }
            404 | 405 | 503 if !required => {
                session.token = None;
                Ok(())
            }
            _ => Err(fetch::unexpected_answer(METADATA, &response)),
        }
    }

    async fn security_key(&self, token: Option<&Secret>) -> Result<HttpResponse, CredentialsError> {
        let url = fetch::endpoint_url(METADATA, &self.endpoint, SECURITY_KEY_PATH)?;
        let mut request = fetch::request(Method::GET, url);
        if let Some(token) = token {
            fetch::set_secret_header(&mut request, TOKEN_HEADER, token, "the metadata token")?;
        }
        self.http.send(METADATA, request).await
    }
}

impl CredentialsProvider for MetadataFetcher {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.fetch())
    }
}
