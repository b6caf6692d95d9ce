//! Temporary credentials for an OpenID Connect identity, from STS `AssumeAgencyWithOIDC`, as
//! the official SDK's `OidcStsCredentialProvider` gets them.

use std::time::Duration;

use serde_json::json;

use super::fetch::{self, LazyTransport};
use super::{
    BoxFuture, CachingProvider, Credentials, CredentialsError, CredentialsProvider, env_value,
};
use crate::http::Method;
use crate::secret::Secret;

/// The STS endpoint, read by [`OidcProvider`] and by the official SDK.
pub const ENV_STS_ENDPOINT: &str = "HUAWEICLOUD_SDK_STS_ENDPOINT";
/// The STS endpoint when none is set, as in the official SDK.
pub const DEFAULT_STS_ENDPOINT: &str = "https://sts.cn-north-4.myhuaweicloud.com";

const ENV_PROVIDER_URN: &str = "HUAWEICLOUD_OIDC_PROVIDER_URN";
const ENV_AGENCY_URN: &str = "HUAWEICLOUD_OIDC_AGENCY_URN";
const ENV_ID_TOKEN: &str = "HUAWEICLOUD_OIDC_ID_TOKEN";
const ENV_TOKEN_FILE: &str = "HUAWEICLOUD_OIDC_TOKEN_FILE";
const ENV_SESSION_NAME: &str = "HUAWEICLOUD_OIDC_SESSION_NAME";
const ENV_DURATION_SECONDS: &str = "HUAWEICLOUD_OIDC_DURATION_SECONDS";
const ENV_POLICY: &str = "HUAWEICLOUD_OIDC_POLICY";
const ENV_POLICY_IDS: &str = "HUAWEICLOUD_OIDC_POLICY_IDS";

const ASSUME_WITH_OIDC_PATH: &str = "/v5/agencies/assume-with-oidc";
const DEFAULT_SESSION_NAME: &str = "oidc-sts-session";
const DEFAULT_DURATION_SECONDS: u32 = 3600;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(60);
const READ_TIMEOUT: Duration = Duration::from_secs(120);
const STS: &str = "STS";

/// What [`OidcProvider`] asks STS for.
#[derive(Debug, Clone)]
pub struct OidcSettings {
    provider_urn: String,
    agency_urn: String,
    id_token: IdToken,
    session_name: String,
    duration_seconds: u32,
    policy: Option<String>,
    policy_ids: Vec<String>,
    sts_endpoint: String,
}

/// Where the id token comes from.
#[derive(Debug, Clone)]
enum IdToken {
    Value(Secret),
    /// A file, read afresh on each fetch since issuers rotate it.
    File(String),
}

impl OidcSettings {
    /// Assumes `agency_urn` as the identity of `provider_urn`, proven by the id token in
    /// `id_token_file`. The session name defaults to `oidc-sts-session`, the duration to 3600 s,
    /// the STS endpoint to `HUAWEICLOUD_SDK_STS_ENDPOINT` or `https://sts.cn-north-4.myhuaweicloud.com`.
    pub fn with_id_token_file(
        provider_urn: impl Into<String>,
        agency_urn: impl Into<String>,
        id_token_file: impl Into<String>,
    ) -> Self {
        Self::new(
            provider_urn.into(),
            agency_urn.into(),
            IdToken::File(id_token_file.into()),
        )
    }

    /// The same, with the id token itself.
    pub fn with_id_token(
        provider_urn: impl Into<String>,
        agency_urn: impl Into<String>,
        id_token: impl Into<Secret>,
    ) -> Self {
        Self::new(
            provider_urn.into(),
            agency_urn.into(),
            IdToken::Value(id_token.into()),
        )
    }

    fn new(provider_urn: String, agency_urn: String, id_token: IdToken) -> Self {
        OidcSettings {
            provider_urn,
            agency_urn,
            id_token,
            session_name: DEFAULT_SESSION_NAME.to_owned(),
            duration_seconds: DEFAULT_DURATION_SECONDS,
            policy: None,
            policy_ids: Vec::new(),
            sts_endpoint: env_value(ENV_STS_ENDPOINT)
                .unwrap_or_else(|| DEFAULT_STS_ENDPOINT.to_owned()),
        }
    }

    /// Reads the official SDK's variables: `HUAWEICLOUD_OIDC_PROVIDER_URN`,
    /// `HUAWEICLOUD_OIDC_AGENCY_URN`, `HUAWEICLOUD_OIDC_ID_TOKEN` or
    /// `HUAWEICLOUD_OIDC_TOKEN_FILE`, and optionally `HUAWEICLOUD_OIDC_SESSION_NAME`,
    /// `HUAWEICLOUD_OIDC_DURATION_SECONDS`, `HUAWEICLOUD_OIDC_POLICY` (a policy document, sent
    /// as it is) and `HUAWEICLOUD_OIDC_POLICY_IDS` (comma-separated), and
    /// `HUAWEICLOUD_SDK_STS_ENDPOINT`. The error names what is missing or wrong.
    pub fn from_env() -> Result<Self, CredentialsError> {
        let (Some(provider_urn), Some(agency_urn)) =
            (env_value(ENV_PROVIDER_URN), env_value(ENV_AGENCY_URN))
        else {
            return Err(CredentialsError::new(format!(
                "{ENV_PROVIDER_URN} and {ENV_AGENCY_URN} are not both set in the environment"
            )));
        };
        let id_token = match (env_value(ENV_ID_TOKEN), env_value(ENV_TOKEN_FILE)) {
            (Some(token), _) => IdToken::Value(Secret::new(token)),
            (None, Some(file)) => IdToken::File(file),
            (None, None) => {
                return Err(CredentialsError::new(format!(
                    "{ENV_PROVIDER_URN} is set but neither {ENV_ID_TOKEN} nor {ENV_TOKEN_FILE} is"
                )));
            }
        };
        let mut settings = Self::new(provider_urn, agency_urn, id_token);
        if let Some(name) = env_value(ENV_SESSION_NAME) {
            settings.session_name = name;
        }
        if let Some(text) = env_value(ENV_DURATION_SECONDS) {
            settings.duration_seconds = text.trim().parse().map_err(|_| {
                CredentialsError::new(format!(
                    "{ENV_DURATION_SECONDS} `{text}` is not a number of seconds"
                ))
            })?;
        }
        settings.policy = env_value(ENV_POLICY);
        if let Some(ids) = env_value(ENV_POLICY_IDS) {
            settings.policy_ids = ids
                .split(',')
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(str::to_owned)
                .collect();
        }
        Ok(settings)
    }

    /// The session name STS records (`agency_session_name`).
    pub fn session_name(mut self, name: impl Into<String>) -> Self {
        self.session_name = name.into();
        self
    }

    /// How long the credentials last, in seconds (900 to 43200).
    pub fn duration_seconds(mut self, seconds: u32) -> Self {
        self.duration_seconds = seconds;
        self
    }

    /// A policy document that narrows the session's permissions.
    pub fn policy(mut self, policy: impl Into<String>) -> Self {
        self.policy = Some(policy.into());
        self
    }

    /// Ids of system policies that narrow the session's permissions.
    pub fn policy_ids(mut self, ids: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.policy_ids = ids.into_iter().map(Into::into).collect();
        self
    }

    /// The STS endpoint, e.g. `https://sts.ap-southeast-1.myhuaweicloud.com`.
    pub fn sts_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.sts_endpoint = endpoint.into();
        self
    }
}

/// Temporary credentials for an OpenID Connect identity (a CI job's, a workload's): an
/// unsigned `POST /v5/agencies/assume-with-oidc` to STS with the id token, the identity
/// provider and the agency to assume. Cached and refreshed by a [`CachingProvider`].
#[derive(Debug)]
pub struct OidcProvider {
    cache: CachingProvider,
}

impl OidcProvider {
    /// Asks STS as `settings` say.
    pub fn new(settings: OidcSettings) -> Self {
        OidcProvider {
            cache: CachingProvider::new(OidcFetcher {
                settings,
                http: LazyTransport::new(CONNECT_TIMEOUT, READ_TIMEOUT, true),
            }),
        }
    }

    /// Reads the settings from the environment; see [`OidcSettings::from_env`].
    pub fn from_env() -> Result<Self, CredentialsError> {
        OidcSettings::from_env().map(Self::new)
    }
}

impl CredentialsProvider for OidcProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        self.cache.provide_credentials()
    }
}

#[derive(Debug)]
struct OidcFetcher {
    settings: OidcSettings,
    http: LazyTransport,
}

impl OidcFetcher {
    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let settings = &self.settings;
        let id_token = match &settings.id_token {
            IdToken::Value(token) => token.clone(),
            IdToken::File(path) => fetch::read_token_file("OIDC id token", path)?,
        };
        let mut body = json!({
            "provider_urn": settings.provider_urn,
            "agency_urn": settings.agency_urn,
            "agency_session_name": settings.session_name,
            "id_token": id_token.expose(),
            "duration_seconds": settings.duration_seconds,
        });
        if let Some(policy) = &settings.policy {
            body["policy"] = json!(policy);
        }
        if !settings.policy_ids.is_empty() {
            body["policy_ids"] = json!(settings.policy_ids);
        }
        let url = fetch::endpoint_url(STS, &settings.sts_endpoint, ASSUME_WITH_OIDC_PATH)?;
        let response = self
            .http
            .send(STS, fetch::json_request(Method::POST, url, &body))
            .await?;
        fetch::temporary_credentials(STS, &response)
    }
}

impl CredentialsProvider for OidcFetcher {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.fetch())
    }
}
