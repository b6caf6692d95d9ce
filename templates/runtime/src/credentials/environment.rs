//! Credentials from the environment variables of the official SDK's `EnvCredentialProvider`.

use super::{
    BoxFuture, Credentials, CredentialsError, CredentialsProvider, ENV_ACCESS_KEY, ENV_SECRET_KEY,
    FederationProvider, FixedOrFederated, env_pair_set, env_value,
};

/// The identity provider of federation by id token, read by [`EnvironmentProvider`].
pub const ENV_IDP_ID: &str = "HUAWEICLOUD_SDK_IDP_ID";
/// The file that holds the id token of federation, read by [`EnvironmentProvider`].
pub const ENV_ID_TOKEN_FILE: &str = "HUAWEICLOUD_SDK_ID_TOKEN_FILE";

/// Credentials from the environment, as the official SDK reads it:
///
/// - with `HUAWEICLOUD_SDK_IDP_ID` and `HUAWEICLOUD_SDK_ID_TOKEN_FILE` both set, federation
///   through IAM ([`FederationProvider`], at `HUAWEICLOUD_SDK_IAM_ENDPOINT` when set);
/// - otherwise `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK` and, when set,
///   `HUAWEICLOUD_SDK_SECURITY_TOKEN`, unchanging.
///
/// Federation comes first, as in the official SDK. The variables are read once, by
/// [`from_env`](Self::from_env).
#[derive(Debug)]
pub struct EnvironmentProvider {
    source: FixedOrFederated,
}

impl EnvironmentProvider {
    /// Reads the variables; the error says which are missing.
    pub fn from_env() -> Result<Self, CredentialsError> {
        let source = if let (Some(idp_id), Some(id_token_file)) =
            (env_value(ENV_IDP_ID), env_value(ENV_ID_TOKEN_FILE))
        {
            FixedOrFederated::Federated(FederationProvider::new(idp_id, id_token_file))
        } else if env_pair_set(ENV_ACCESS_KEY, ENV_SECRET_KEY) {
            FixedOrFederated::Fixed(Credentials::from_env()?)
        } else {
            return Err(CredentialsError::new(format!(
                "neither {ENV_ACCESS_KEY} and {ENV_SECRET_KEY} nor {ENV_IDP_ID} and {ENV_ID_TOKEN_FILE} are set in the environment"
            )));
        };
        Ok(EnvironmentProvider { source })
    }
}

impl CredentialsProvider for EnvironmentProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        self.source.provide_credentials()
    }
}
