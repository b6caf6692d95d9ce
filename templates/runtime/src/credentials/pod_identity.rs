//! Temporary credentials of a pod's identity (CCE), from the agent the cluster runs, as the
//! official SDK's `PodIdentityAccessor` fetches them.

use std::time::Duration;

use super::fetch::{self, LazyTransport};
use super::{
    BoxFuture, CachingProvider, Credentials, CredentialsError, CredentialsProvider, env_value,
};
use crate::http::Method;

/// The full URL of the pod identity agent, read by [`PodIdentityProvider`].
pub const ENV_POD_IDENTITY_URI: &str = "HC_CONTAINER_CREDENTIALS_FULL_URI";
/// The file that holds the agent's authorization token, read by [`PodIdentityProvider`].
pub const ENV_POD_IDENTITY_TOKEN_FILE: &str = "HC_CONTAINER_AUTHORIZATION_TOKEN_FILE";

/// The official SDK's (5, 5) s.
const TIMEOUT: Duration = Duration::from_secs(5);
const POD_IDENTITY: &str = "the pod identity agent";

/// Temporary credentials from the pod identity agent: `POST` to
/// `HC_CONTAINER_CREDENTIALS_FULL_URI` with the JSON body `{}` and `Authorization:` the content
/// of `HC_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read afresh on each fetch, since the cluster
/// rotates it). Timeouts are 5 s, no proxy is used, and the credentials are cached and
/// refreshed by a [`CachingProvider`].
#[derive(Debug)]
pub struct PodIdentityProvider {
    cache: CachingProvider,
}

impl PodIdentityProvider {
    /// Reads both variables; the error says which is missing.
    pub fn from_env() -> Result<Self, CredentialsError> {
        match (
            env_value(ENV_POD_IDENTITY_URI),
            env_value(ENV_POD_IDENTITY_TOKEN_FILE),
        ) {
            (Some(uri), Some(token_file)) => Ok(Self::new(uri, token_file)),
            _ => Err(CredentialsError::new(format!(
                "{ENV_POD_IDENTITY_URI} and {ENV_POD_IDENTITY_TOKEN_FILE} are not both set in the environment"
            ))),
        }
    }

    /// The agent at `uri`, authorized by the token in `token_file`.
    pub fn new(uri: impl Into<String>, token_file: impl Into<String>) -> Self {
        PodIdentityProvider {
            cache: CachingProvider::new(PodIdentityFetcher {
                uri: uri.into(),
                token_file: token_file.into(),
                http: LazyTransport::new(TIMEOUT, TIMEOUT, false),
            }),
        }
    }
}

impl CredentialsProvider for PodIdentityProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        self.cache.provide_credentials()
    }
}

#[derive(Debug)]
struct PodIdentityFetcher {
    uri: String,
    token_file: String,
    http: LazyTransport,
}

impl PodIdentityFetcher {
    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let token = fetch::read_token_file("pod identity authorization token", &self.token_file)?;
        let url = fetch::full_url(POD_IDENTITY, &self.uri)?;
        let mut request = fetch::json_request(Method::POST, url, &serde_json::json!({}));
        fetch::set_secret_header(
            &mut request,
            "authorization",
            &token,
            "the pod identity token",
        )?;
        let response = self.http.send(POD_IDENTITY, request).await?;
        fetch::temporary_credentials(POD_IDENTITY, &response)
    }
}

impl CredentialsProvider for PodIdentityFetcher {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.fetch())
    }
}
