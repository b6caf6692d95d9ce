//! The regions file of the official SDKs: endpoints of regions, per service, that the
//! environment or the built-in table do not know.
//!
//! `HUAWEICLOUD_SDK_REGIONS_FILE`, else `~/.huaweicloud/regions.yaml`:
//!
//! ```yaml
//! FUNCTIONGRAPH:
//!   - id: cn-north-7
//!     endpoint: https://functiongraph.cn-north-7.example.com
//!   - id: cn-north-8
//!     endpoints: [https://a.example.com, https://b.example.com]
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use crate::error::Error;

/// The variable that names the regions file.
pub const ENV_REGIONS_FILE: &str = "HUAWEICLOUD_SDK_REGIONS_FILE";

/// One region's entry.
#[derive(Debug, Deserialize)]
struct Entry {
    id: String,
    #[serde(default)]
    endpoint: Option<String>,
    #[serde(default)]
    endpoints: Vec<String>,
}

/// Where the regions file is: the variable when set, else `~/.huaweicloud/regions.yaml`.
fn location() -> Option<PathBuf> {
    match std::env::var_os(ENV_REGIONS_FILE) {
        Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ => home_dir().map(|home| home.join(".huaweicloud").join("regions.yaml")),
    }
}

fn home_dir() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .filter(|home| !home.is_empty())
        .map(PathBuf::from)
}

/// The endpoints the regions file lists for `service` (its id in upper case, e.g.
/// `FUNCTIONGRAPH`) in `region`: empty when there is no file, or it does not list them. A file
/// that exists but cannot be read is an error that names it.
pub(crate) fn endpoints(service: &str, region: &str) -> Result<Vec<String>, Error> {
    let Some(path) = location() else {
        return Ok(Vec::new());
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => {
            return Err(Error::Config(format!(
                "cannot read the regions file {}: {error}",
                path.display()
            )));
        }
    };
    let services: BTreeMap<String, Vec<Entry>> = serde_yaml::from_str(&text).map_err(|error| {
        Error::Config(format!(
            "the regions file {} is not a map of services to lists of {{id, endpoint}}: {error}",
            path.display()
        ))
    })?;
    let entry = services
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(service))
        .and_then(|(_, entries)| entries.iter().find(|entry| entry.id == region));
    Ok(entry
        .map(|entry| {
            entry
                .endpoint
                .iter()
                .chain(&entry.endpoints)
                .map(|endpoint| endpoint.trim().to_owned())
                .filter(|endpoint| !endpoint.is_empty())
                .collect()
        })
        .unwrap_or_default())
}
