//! Who sends the requests: credentials, the trait of everything that provides them, and the
//! providers of the official SDKs.
//!
//! [`Credentials`] are the values themselves. A [`CredentialsProvider`] hands out credentials
//! when a request needs them, so that credentials that expire can be fetched and refreshed
//! behind it. `Credentials` is a provider of itself: static credentials need nothing more.
//!
//! The providers, each usable on its own, in the order of the official [`DefaultChain`]:
//!
//! | provider | reads | fetches |
//! |---|---|---|
//! | [`OidcProvider`] | `HUAWEICLOUD_OIDC_*` | STS `POST /v5/agencies/assume-with-oidc` |
//! | [`EnvironmentProvider`] | `HUAWEICLOUD_SDK_AK`/`SK`/`SECURITY_TOKEN`, or `HUAWEICLOUD_SDK_IDP_ID` + `HUAWEICLOUD_SDK_ID_TOKEN_FILE` | nothing, or IAM federation ([`FederationProvider`]) |
//! | [`ProfileProvider`] | `HUAWEICLOUD_SDK_CREDENTIALS_FILE` or `~/.huaweicloud/credentials`, section `[basic]` | nothing, or IAM federation |
//! | [`MetadataProvider`] | `HUAWEICLOUD_SDK_METADATA_ENDPOINT` (this SDK's own) | the ECS metadata service |
//! | [`PodIdentityProvider`] | `HC_CONTAINER_CREDENTIALS_FULL_URI`, `HC_CONTAINER_AUTHORIZATION_TOKEN_FILE` | the pod identity agent |
//!
//! Every provider that fetches temporary credentials keeps them in a [`CachingProvider`], which
//! fetches them again 40 minutes before they expire, one fetch at a time.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::SystemTime;

mod cache;
mod chain;
mod environment;
mod federation;
mod fetch;
mod metadata;
mod oidc;
mod pod_identity;
mod profile;
mod temporary;

pub use cache::{CachingProvider, DEFAULT_REFRESH_THRESHOLD};
pub use chain::DefaultChain;
pub use environment::{ENV_ID_TOKEN_FILE, ENV_IDP_ID, EnvironmentProvider};
use federation::FixedOrFederated;
pub use federation::{DEFAULT_IAM_ENDPOINT, ENV_IAM_ENDPOINT, FederationProvider};
pub use metadata::{DEFAULT_METADATA_ENDPOINT, ENV_METADATA_ENDPOINT, MetadataProvider};
pub use oidc::{DEFAULT_STS_ENDPOINT, ENV_STS_ENDPOINT, OidcProvider, OidcSettings};
pub use pod_identity::{ENV_POD_IDENTITY_TOKEN_FILE, ENV_POD_IDENTITY_URI, PodIdentityProvider};
pub(crate) use profile::project_id_from_env as profile_project_id;
pub use profile::{ENV_CREDENTIALS_FILE, ProfileProvider};

use crate::error::BoxError;
use crate::secret::Secret;

/// The access key, read by [`Credentials::from_env`].
pub const ENV_ACCESS_KEY: &str = "HUAWEICLOUD_SDK_AK";
/// The secret key, read by [`Credentials::from_env`].
pub const ENV_SECRET_KEY: &str = "HUAWEICLOUD_SDK_SK";
/// The security token of temporary credentials, read by [`Credentials::from_env`].
pub const ENV_SECURITY_TOKEN: &str = "HUAWEICLOUD_SDK_SECURITY_TOKEN";

/// How requests prove who sends them.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Credentials {
    /// An access key and secret key: every request is signed with SDK-HMAC-SHA256. Temporary
    /// credentials also carry a security token, sent as `X-Security-Token`.
    ///
    /// Made with [`Credentials::access_key`] or [`Credentials::temporary`].
    #[non_exhaustive]
    AccessKey {
        /// The access key id (AK). It is not secret and appears in every request.
        access_key: String,
        /// The secret access key (SK). It never leaves the process.
        secret_key: Secret,
        /// The security token of temporary credentials.
        security_token: Option<Secret>,
        /// When temporary credentials stop working; `None` for permanent ones.
        expires_at: Option<SystemTime>,
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
            expires_at: None,
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
            expires_at: None,
        }
    }

    /// The same AK/SK credentials, valid until `expires_at`. A client never signs a request with
    /// credentials past their expiry. A token keeps no expiry and is returned unchanged.
    pub fn with_expiry(mut self, expires_at: SystemTime) -> Self {
        if let Credentials::AccessKey { expires_at: at, .. } = &mut self {
            *at = Some(expires_at);
        }
        self
    }

    /// When these credentials stop working, if they are temporary and the provider said so.
    pub fn expires_at(&self) -> Option<SystemTime> {
        match self {
            Credentials::AccessKey { expires_at, .. } => *expires_at,
            Credentials::Token(_) => None,
        }
    }

    /// Whether these credentials have expired by `now`.
    pub fn is_expired_at(&self, now: SystemTime) -> bool {
        self.expires_at()
            .is_some_and(|expires_at| expires_at <= now)
    }

    /// An IAM user token.
    pub fn token(token: impl Into<Secret>) -> Self {
        Credentials::Token(token.into())
    }

    /// Reads AK/SK credentials from `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK` and, when set,
    /// `HUAWEICLOUD_SDK_SECURITY_TOKEN`, as the official SDKs do.
    pub fn from_env() -> Result<Self, CredentialsError> {
        let access_key = env_value(ENV_ACCESS_KEY);
        let secret_key = env_value(ENV_SECRET_KEY);
        match (access_key, secret_key) {
            (Some(access_key), Some(secret_key)) => Ok(Credentials::AccessKey {
                access_key,
                secret_key: Secret::new(secret_key),
                security_token: env_value(ENV_SECURITY_TOKEN).map(Secret::new),
                expires_at: None,
            }),
            (access_key, _) => {
                let missing = if access_key.is_none() {
                    ENV_ACCESS_KEY
                } else {
                    ENV_SECRET_KEY
                };
                Err(CredentialsError::new(format!(
                    "the environment variable {missing} is not set"
                )))
            }
        }
    }
}

/// A set, non-empty environment variable.
pub(crate) fn env_value(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Whether both of two environment variables are set, as the official SDK requires of a pair
/// (AK and SK, or the identity provider and its id-token file).
pub(crate) fn env_pair_set(first: &str, second: &str) -> bool {
    env_value(first).is_some() && env_value(second).is_some()
}

/// A boxed, sendable future, the return type of the crate's asynchronous traits.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Hands out the credentials that sign a request.
///
/// A client asks its provider before every attempt, so a provider whose credentials expire
/// refreshes them behind this call; one that fetches them over the network should cache them.
/// [`Credentials`] provide themselves.
///
/// ```
/// use huaweicloud_sdk_core::{BoxFuture, Credentials, CredentialsError, CredentialsProvider};
///
/// /// Reads the access key from a vault of the application's.
/// #[derive(Debug)]
/// struct FromVault;
///
/// impl CredentialsProvider for FromVault {
///     fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
///         Box::pin(async { Ok(Credentials::access_key("AK", "SK")) })
///     }
/// }
///
/// let config = huaweicloud_sdk_core::SdkConfig::builder()
///     .credentials_provider(FromVault)
///     .project_id("0123456789abcdef0123456789abcdef")
///     .build()
///     .unwrap();
/// # let _ = config;
/// ```
pub trait CredentialsProvider: Send + Sync + fmt::Debug {
    /// The credentials to sign the next request with.
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>>;
}

impl CredentialsProvider for Credentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        let credentials = self.clone();
        Box::pin(async move { Ok(credentials) })
    }
}

impl<P: CredentialsProvider + ?Sized> CredentialsProvider for Arc<P> {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        (**self).provide_credentials()
    }
}

/// Why a provider has no credentials to give.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct CredentialsError {
    message: String,
    #[source]
    source: Option<BoxError>,
}

impl CredentialsError {
    /// An error that says what is missing or wrong.
    pub fn new(message: impl Into<String>) -> Self {
        CredentialsError {
            message: message.into(),
            source: None,
        }
    }

    /// An error caused by another, e.g. the failed request to a credentials endpoint.
    pub fn with_source(message: impl Into<String>, source: impl Into<BoxError>) -> Self {
        CredentialsError {
            message: message.into(),
            source: Some(source.into()),
        }
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_never_print_their_secrets() {
        let printed = format!(
            "{:?} {:?}",
            Credentials::temporary("AK", "hunter3", "hunter4"),
            Credentials::token("hunter5")
        );
        assert!(!printed.contains("hunter"), "{printed}");
        assert!(printed.contains("AK"), "{printed}");
    }

    #[tokio::test]
    async fn credentials_provide_themselves() {
        let credentials = Credentials::access_key("AK", "SK");
        let provided = credentials.provide_credentials().await.unwrap();
        assert_eq!(provided, credentials);
        let shared: Arc<dyn CredentialsProvider> = Arc::new(Credentials::token("t"));
        assert_eq!(
            shared.provide_credentials().await.unwrap(),
            Credentials::token("t")
        );
    }
}
