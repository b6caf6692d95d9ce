//! The official SDK's default chain of providers.

use std::sync::{Arc, OnceLock};

use super::{
    BoxFuture, Credentials, CredentialsError, CredentialsProvider, EnvironmentProvider,
    MetadataProvider, OidcProvider, PodIdentityProvider, ProfileProvider,
};

/// The first line of the chain's error, as in the official SDK.
const CHAIN_FAILED: &str = "Failed to get credentials from provider chain";

/// The providers of the official SDK's default chain, in its order, asked until one gives
/// credentials:
///
/// 1. [`OidcProvider`] (`HUAWEICLOUD_OIDC_*`);
/// 2. [`EnvironmentProvider`] (`HUAWEICLOUD_SDK_AK`/`SK`, or `HUAWEICLOUD_SDK_IDP_ID` with
///    `HUAWEICLOUD_SDK_ID_TOKEN_FILE`);
/// 3. [`ProfileProvider`] (`HUAWEICLOUD_SDK_CREDENTIALS_FILE` or `~/.huaweicloud/credentials`);
/// 4. [`MetadataProvider`] (the ECS metadata service);
/// 5. [`PodIdentityProvider`] (`HC_CONTAINER_CREDENTIALS_FULL_URI`).
///
/// The first that gives credentials is used from then on, as the official SDK keeps the
/// credentials object the chain returned. When none does, the error is `Failed to get
/// credentials from provider chain` followed by one line per provider saying why it gave
/// nothing.
///
/// [`ConfigBuilder::from_env`](crate::ConfigBuilder::from_env) installs it when
/// `HUAWEICLOUD_SDK_AK` and `HUAWEICLOUD_SDK_SK` are not both set.
#[derive(Debug)]
pub struct DefaultChain {
    links: Vec<Link>,
    /// The link that gave credentials first.
    chosen: OnceLock<usize>,
}

/// One provider of the chain, or why it could not even be configured.
#[derive(Debug)]
struct Link {
    name: &'static str,
    provider: Result<Arc<dyn CredentialsProvider>, String>,
}

impl DefaultChain {
    /// Reads every provider's settings from the environment (and the profile file); nothing is
    /// fetched until credentials are first asked for.
    pub fn from_env() -> Self {
        fn link<P: CredentialsProvider + 'static>(
            name: &'static str,
            provider: Result<P, CredentialsError>,
        ) -> Link {
            Link {
                name,
                provider: provider
                    .map(|p| Arc::new(p) as Arc<dyn CredentialsProvider>)
                    .map_err(|e| e.to_string()),
            }
        }
        Self::of(vec![
            link("oidc", OidcProvider::from_env()),
            link("environment", EnvironmentProvider::from_env()),
            link("profile", ProfileProvider::from_env()),
            link("metadata", Ok(MetadataProvider::from_env())),
            link("pod identity", PodIdentityProvider::from_env()),
        ])
    }

    /// A chain of the given providers, each with the name its error line starts with.
    pub fn with_providers(
        providers: impl IntoIterator<Item = (&'static str, Arc<dyn CredentialsProvider>)>,
    ) -> Self {
        Self::of(
            providers
                .into_iter()
                .map(|(name, provider)| Link {
                    name,
                    provider: Ok(provider),
                })
                .collect(),
        )
    }

    fn of(links: Vec<Link>) -> Self {
        DefaultChain {
            links,
            chosen: OnceLock::new(),
        }
    }

    /// The names of the providers, in the order they are asked.
    pub fn provider_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.links.iter().map(|link| link.name)
    }

    async fn credentials(&self) -> Result<Credentials, CredentialsError> {
        if let Some(provider) = self
            .chosen
            .get()
            .and_then(|&i| self.links[i].provider.as_ref().ok())
        {
            return provider.provide_credentials().await;
        }
        let mut reasons = Vec::with_capacity(self.links.len());
        for (index, link) in self.links.iter().enumerate() {
            let outcome = match &link.provider {
                Ok(provider) => provider
                    .provide_credentials()
                    .await
                    .map_err(|e| error_chain(&e)),
                Err(reason) => Err(reason.clone()),
            };
            match outcome {
                Ok(credentials) => {
                    tracing::debug!(provider = link.name, "credentials from the default chain");
                    // Concurrent first calls may each pick one; the first pick stays.
                    let _ = self.chosen.set(index);
                    return Ok(credentials);
                }
                Err(reason) => reasons.push(format!("{}: {reason}", link.name)),
            }
        }
        Err(CredentialsError::new(format!(
            "{CHAIN_FAILED}\n{}",
            reasons.join("\n")
        )))
    }
}

/// An error and its causes on one line, so that each provider keeps to its own line.
fn error_chain(error: &CredentialsError) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string().replace('\n', " "));
        source = cause.source();
    }
    text
}

impl CredentialsProvider for DefaultChain {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.credentials())
    }
}
