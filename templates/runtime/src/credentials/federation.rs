//! Federation by an OpenID Connect id token through IAM, as the official SDK's `FederalAccessor`
//! does: the id token buys an unscoped IAM token, which buys temporary AK/SK credentials.

use std::time::Duration;

use serde_json::json;

use super::fetch::{self, LazyTransport};
use super::{
    BoxFuture, CachingProvider, Credentials, CredentialsError, CredentialsProvider, env_value,
};
use crate::http::Method;
use crate::secret::Secret;

/// The IAM endpoint, read by [`FederationProvider`] and by the official SDK.
pub const ENV_IAM_ENDPOINT: &str = "HUAWEICLOUD_SDK_IAM_ENDPOINT";
/// The IAM endpoint when none is set, as in the official SDK.
pub const DEFAULT_IAM_ENDPOINT: &str = "https://iam.myhuaweicloud.com";

const TOKEN_BY_ID_TOKEN_PATH: &str = "/v3.0/OS-AUTH/id-token/tokens";
const SECURITY_TOKENS_PATH: &str = "/v3.0/OS-CREDENTIAL/securitytokens";
/// How long the temporary credentials last: the official SDK asks for 6 hours.
const DURATION_SECONDS: u64 = 6 * 60 * 60;
/// The official SDK's default HTTP timeouts.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(60);
const READ_TIMEOUT: Duration = Duration::from_secs(120);
const IAM: &str = "IAM";

/// Temporary credentials for a federated identity: the id token in a file (read afresh on each
/// fetch) is exchanged at IAM for an unscoped token (`POST /v3.0/OS-AUTH/id-token/tokens` with
/// `X-Idp-Id`), and that token for temporary AK/SK credentials lasting 6 hours (`POST
/// /v3.0/OS-CREDENTIAL/securitytokens`). Cached and refreshed by a [`CachingProvider`].
///
/// [`EnvironmentProvider`](super::EnvironmentProvider) and
/// [`ProfileProvider`](super::ProfileProvider) use it when they find an identity provider id
/// and an id-token file.
#[derive(Debug)]
pub struct FederationProvider {
    cache: CachingProvider,
}

impl FederationProvider {
    /// Federates as `idp_id` with the id token in `id_token_file`, at the IAM endpoint of
    /// `HUAWEICLOUD_SDK_IAM_ENDPOINT`, or `https://iam.myhuaweicloud.com`.
    pub fn new(idp_id: impl Into<String>, id_token_file: impl Into<String>) -> Self {
        Self::with_iam_endpoint(
            idp_id,
            id_token_file,
            env_value(ENV_IAM_ENDPOINT).unwrap_or_else(|| DEFAULT_IAM_ENDPOINT.to_owned()),
        )
    }

    /// Federates at the given IAM endpoint.
    pub fn with_iam_endpoint(
        idp_id: impl Into<String>,
        id_token_file: impl Into<String>,
        iam_endpoint: impl Into<String>,
    ) -> Self {
        FederationProvider {
            cache: CachingProvider::new(FederationFetcher {
                idp_id: idp_id.into(),
                id_token_file: id_token_file.into(),
                iam_endpoint: iam_endpoint.into(),
                http: LazyTransport::new(CONNECT_TIMEOUT, READ_TIMEOUT, true),
            }),
        }
    }
}

impl CredentialsProvider for FederationProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        self.cache.provide_credentials()
    }
}

#[derive(Debug)]
struct FederationFetcher {
    idp_id: String,
    id_token_file: String,
    iam_endpoint: String,
    http: LazyTransport,
}

impl FederationFetcher {
    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let id_token = fetch::read_token_file("id token", &self.id_token_file)?;
        let token = self.unscoped_token(&id_token).await?;
        let url = fetch::endpoint_url(IAM, &self.iam_endpoint, SECURITY_TOKENS_PATH)?;
        let body = json!({"auth": {"identity": {
            "methods": ["token"],
            "token": {"id": token.expose(), "duration_seconds": DURATION_SECONDS},
        }}});
        let response = self
            .http
            .send(IAM, fetch::json_request(Method::POST, url, &body))
            .await?;
        fetch::temporary_credentials(IAM, &response)
    }

    /// The unscoped IAM token that the id token buys, from the `X-Subject-Token` header.
    async fn unscoped_token(&self, id_token: &Secret) -> Result<Secret, CredentialsError> {
        let url = fetch::endpoint_url(IAM, &self.iam_endpoint, TOKEN_BY_ID_TOKEN_PATH)?;
        let body = json!({"auth": {"id_token": {"id": id_token.expose()}}});
        let mut request = fetch::json_request(Method::POST, url, &body);
        let idp_id = crate::http::HeaderValue::from_str(&self.idp_id).map_err(|_| {
            CredentialsError::new("the identity provider id contains a control character")
        })?;
        request.headers.insert("x-idp-id", idp_id);
        let response = self.http.send(IAM, request).await?;
        if !fetch::is_success(&response) {
            return Err(fetch::unexpected_answer(IAM, &response));
        }
        response
            .headers
            .get("x-subject-token")
            .and_then(|value| value.to_str().ok())
            .filter(|value| !value.is_empty())
            .map(Secret::new)
            .ok_or_else(|| {
                CredentialsError::new("IAM answered the id token without an X-Subject-Token header")
            })
    }
}

impl CredentialsProvider for FederationFetcher {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.fetch())
    }
}

/// What the environment or a profile file configures: fixed credentials, or federation.
#[derive(Debug)]
pub(crate) enum FixedOrFederated {
    Fixed(Credentials),
    Federated(FederationProvider),
}

impl CredentialsProvider for FixedOrFederated {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        match self {
            FixedOrFederated::Fixed(credentials) => credentials.provide_credentials(),
            FixedOrFederated::Federated(federation) => federation.provide_credentials(),
        }
    }
}
