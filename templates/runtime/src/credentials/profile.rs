//! Credentials from the profile file of the official SDK's `ProfileCredentialProvider`.

use std::path::{Path, PathBuf};

use ini::{Ini, ParseOption, Properties};

use super::{
    BoxFuture, Credentials, CredentialsError, CredentialsProvider, FederationProvider,
    FixedOrFederated, env_value,
};
use crate::secret::Secret;

/// The profile file, read by [`ProfileProvider`]; `~/.huaweicloud/credentials` when unset.
pub const ENV_CREDENTIALS_FILE: &str = "HUAWEICLOUD_SDK_CREDENTIALS_FILE";

/// The section of AK/SK credentials (`BasicCredentials` in the official SDK).
const SECTION: &str = "basic";

/// Credentials from an INI file, `HUAWEICLOUD_SDK_CREDENTIALS_FILE` or
/// `~/.huaweicloud/credentials`, section `[basic]`, with the official SDK's keys:
///
/// ```ini
/// [basic]
/// ak = ...
/// sk = ...
/// security_token = ...     ; optional
/// # or, for federation through IAM:
/// idp_id = ...
/// id_token_file = /path/to/id_token
/// iam_endpoint = https://iam.cn-north-4.myhuaweicloud.com   ; optional
/// ```
///
/// As in the official SDK, `idp_id` with `id_token_file` come first, and lines starting with
/// `#` or `;` are comments. Keys are matched without regard to case, as Python's
/// `configparser` does. The file is read once, by [`from_env`](Self::from_env) or
/// [`from_file`](Self::from_file). Its `project_id`, when it has one, is the project of
/// `builder_from_env()` when `HUAWEICLOUD_SDK_PROJECT_ID` is not set, as in the official SDK.
#[derive(Debug)]
pub struct ProfileProvider {
    source: FixedOrFederated,
}

impl ProfileProvider {
    /// Reads the file named by `HUAWEICLOUD_SDK_CREDENTIALS_FILE`, or
    /// `~/.huaweicloud/credentials`.
    pub fn from_env() -> Result<Self, CredentialsError> {
        Self::from_file(&location()?)
    }

    /// Reads the given file.
    pub fn from_file(path: &Path) -> Result<Self, CredentialsError> {
        let (section, shown) = basic_section(path)?;
        let key = |name: &str| value(&section, name);
        let source =
            if let (Some(idp_id), Some(id_token_file)) = (key("idp_id"), key("id_token_file")) {
                FixedOrFederated::Federated(match key("iam_endpoint") {
                    Some(endpoint) => {
                        FederationProvider::with_iam_endpoint(idp_id, id_token_file, endpoint)
                    }
                    None => FederationProvider::new(idp_id, id_token_file),
                })
            } else if let (Some(ak), Some(sk)) = (key("ak"), key("sk")) {
                FixedOrFederated::Fixed(match key("security_token") {
                    Some(token) => Credentials::temporary(ak, Secret::new(sk), Secret::new(token)),
                    None => Credentials::access_key(ak, Secret::new(sk)),
                })
            } else {
                return Err(CredentialsError::new(format!(
                    "ak&sk or idp_id&id_token_file does not exist in credentials file '{shown}'"
                )));
            };
        Ok(ProfileProvider { source })
    }
}

/// The `project_id` of the profile file's `[basic]` section, when the file and the key exist.
pub(crate) fn project_id_from_env() -> Option<String> {
    let (section, _) = basic_section(&location().ok()?).ok()?;
    value(&section, "project_id")
}

/// `HUAWEICLOUD_SDK_CREDENTIALS_FILE`, else `~/.huaweicloud/credentials`.
fn location() -> Result<PathBuf, CredentialsError> {
    match env_value(ENV_CREDENTIALS_FILE) {
        Some(path) => Ok(PathBuf::from(path)),
        None => std::env::home_dir()
            .map(|home| home.join(".huaweicloud").join("credentials"))
            .ok_or_else(|| {
                CredentialsError::new(format!(
                    "{ENV_CREDENTIALS_FILE} is not set and there is no home directory"
                ))
            }),
    }
}

/// The `[basic]` section of the profile file at `path`, and the path as errors show it.
fn basic_section(path: &Path) -> Result<(Properties, String), CredentialsError> {
    let shown = path.display();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(CredentialsError::new(format!(
                "credentials file '{shown}' does not exist"
            )));
        }
        Err(e) => {
            return Err(CredentialsError::with_source(
                format!("cannot read credentials file '{shown}'"),
                e,
            ));
        }
    };
    // Values are taken as written, quotes and backslashes included, as configparser does.
    let options = ParseOption {
        enabled_quote: false,
        enabled_escape: false,
        ..ParseOption::default()
    };
    let ini = Ini::load_from_str_opt(&text, options).map_err(|e| {
        CredentialsError::new(format!(
            "credentials file '{shown}' is not an INI file: {e}"
        ))
    })?;
    let section = ini.section(Some(SECTION)).ok_or_else(|| {
        CredentialsError::new(format!(
            "credential type '{SECTION}' does not exist in credentials file '{shown}'"
        ))
    })?;
    Ok((section.clone(), shown.to_string()))
}

/// A key's non-empty value, the key matched without regard to case.
fn value(section: &Properties, name: &str) -> Option<String> {
    section
        .iter()
        .find(|(key, _)| key.trim().eq_ignore_ascii_case(name))
        .map(|(_, value)| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

impl CredentialsProvider for ProfileProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        self.source.provide_credentials()
    }
}
