//! The project id: given, or looked up in IAM on first use, as the official SDKs do when a
//! region is given without one.
//!
//! The lookup is a signed `GET {iam}/v3/projects?name={region}`. `{iam}` is
//! `HUAWEICLOUD_SDK_IAM_ENDPOINT` when it is set, else the region's IAM endpoint for a region
//! the official SDK's table knows, else `https://iam.myhuaweicloud.com`. The answer must name
//! exactly one project. It is cached for the process, per access key and region.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use serde::Deserialize;

use crate::auth::{Authentication, FixedHeader, SignedParts};
use crate::encoding::query_string;
use crate::endpoint::Endpoint;
use crate::error::{Error, ServiceError};
use crate::http::{HeaderMap, HeaderName, HeaderValue, HttpRequest, HttpTransport, Method};
use crate::region::Region;

/// The variable that names the IAM endpoint, as in the official SDKs.
pub const ENV_IAM_ENDPOINT: &str = "HUAWEICLOUD_SDK_IAM_ENDPOINT";

/// IAM's global endpoint, for regions the table does not know.
const GLOBAL_IAM_ENDPOINT: &str = "https://iam.myhuaweicloud.com";

/// The regions whose IAM endpoint is `https://iam.{region}.myhuaweicloud.com` in the official
/// SDK's table (`auth/endpoint.py`).
const REGIONAL_IAM: [&str; 27] = [
    "cn-north-4",
    "cn-north-1",
    "cn-east-2",
    "cn-east-3",
    "cn-south-1",
    "ap-southeast-2",
    "ap-southeast-1",
    "ap-southeast-3",
    "af-south-1",
    "cn-southwest-2",
    "sa-brazil-1",
    "la-south-2",
    "na-mexico-1",
    "la-north-2",
    "ap-southeast-4",
    "eu-west-101",
    "tr-west-1",
    "cn-north-9",
    "cn-north-11",
    "me-east-1",
    "my-kualalumpur-1",
    "cn-south-4",
    "ru-moscow-1",
    "cn-east-4",
    "ae-ad-1",
    "ap-southeast-5",
    "cn-southwest-3",
];

/// The operation named in errors of the lookup, IAM's own name for it.
const OPERATION: &str = "KeystoneListProjects";

/// Projects found so far in this process, by (who asked, region).
static FOUND: LazyLock<Mutex<HashMap<(String, String), String>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// A client's project id.
#[derive(Debug)]
pub(crate) enum ProjectId {
    Known(FixedHeader),
    /// To be looked up in IAM for this region, once.
    FromIam {
        region: Region,
        /// The IAM endpoint the configuration names, if it names one.
        iam_endpoint: Option<String>,
        found: tokio::sync::OnceCell<FixedHeader>,
    },
}

impl ProjectId {
    /// The project id when it is known without asking IAM (given, or found already).
    pub(crate) fn get(&self) -> Option<&FixedHeader> {
        match self {
            ProjectId::Known(header) => Some(header),
            ProjectId::FromIam { found, .. } => found.get(),
        }
    }
}

/// The IAM endpoint for `region`: the configured one, else the variable's, else the region's.
pub(crate) fn iam_endpoint(configured: Option<&str>, region: &Region) -> String {
    if let Some(endpoint) = configured {
        return endpoint.to_owned();
    }
    match std::env::var(ENV_IAM_ENDPOINT) {
        Ok(endpoint) if !endpoint.trim().is_empty() => endpoint.trim().to_owned(),
        _ if REGIONAL_IAM.contains(&region.id()) => {
            format!("https://iam.{}.myhuaweicloud.com", region.id())
        }
        _ => GLOBAL_IAM_ENDPOINT.to_owned(),
    }
}

/// The answer of the lookup.
#[derive(Deserialize)]
struct Projects {
    #[serde(default)]
    projects: Vec<Project>,
}

#[derive(Deserialize)]
struct Project {
    id: String,
}

/// Looks the project of `region` up in IAM, or in what this process found before.
pub(crate) async fn look_up(
    transport: &dyn HttpTransport,
    authentication: &Authentication,
    region: &Region,
    iam: &str,
    max_response_body: usize,
) -> Result<FixedHeader, Error> {
    // Per IAM endpoint too: a test's loopback IAM must not answer for the real one.
    let key = (authentication.identity(), format!("{} {iam}", region.id()));
    let cached = FOUND
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .get(&key)
        .cloned();
    let id = match cached {
        Some(id) => id,
        None => {
            let id = ask_iam(transport, authentication, region, iam, max_response_body).await?;
            FOUND
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .insert(key, id.clone());
            id
        }
    };
    FixedHeader::new("the project id IAM named", id, false)
}

async fn ask_iam(
    transport: &dyn HttpTransport,
    authentication: &Authentication,
    region: &Region,
    iam: &str,
    max_response_body: usize,
) -> Result<String, Error> {
    let endpoint = Endpoint::parse(iam)?;
    let path = format!("{}/v3/projects", endpoint.path_prefix);
    let query = query_string(&mut [("name", region.id().to_owned())]);
    let mut url = endpoint.url.clone();
    url.set_path(&path);
    url.set_query(Some(&query));
    let mut request = HttpRequest::new(Method::GET, url, max_response_body);
    request.headers = signed_headers(authentication, &endpoint, &path, &query)?;
    let response = transport
        .send(request)
        .await
        .map_err(|error| Error::Connection {
            operation: OPERATION,
            source: format!("looking up the project of {region} at {iam}: {error}").into(),
        })?;
    if response.status >= 300 {
        let request_id = response
            .headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let error =
            ServiceError::from_response(OPERATION, response.status, request_id, &response.body);
        return Err(Error::Service(Box::new(error)));
    }
    let projects: Projects = serde_json::from_slice(&response.body).map_err(|e| {
        Error::Decode(Box::new(crate::DecodeError::new(
            OPERATION,
            response.status,
            e,
            &response.body,
        )))
    })?;
    match projects.projects.as_slice() {
        [project] => Ok(project.id.clone()),
        [] => Err(Error::Config(format!(
            "no project id found for region {region} in IAM; set the project id on the builder or in HUAWEICLOUD_SDK_PROJECT_ID"
        ))),
        many => Err(Error::Config(format!(
            "multiple project ids found for region {region} in IAM: [{}]; set one on the builder or in HUAWEICLOUD_SDK_PROJECT_ID",
            many.iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join(",")
        ))),
    }
}

/// The headers of the lookup, signed when the credentials are an access key.
fn signed_headers(
    authentication: &Authentication,
    endpoint: &Endpoint,
    path: &str,
    query: &str,
) -> Result<HeaderMap, Error> {
    let mut headers = HeaderMap::new();
    headers.insert(
        HeaderName::from_static("content-type"),
        HeaderValue::from_static("application/json"),
    );
    let parts = SignedParts {
        method: "GET",
        path,
        query,
        body: b"",
    };
    authentication
        .authenticate(
            &mut headers,
            vec![("content-type", "application/json")],
            &endpoint.host,
            &parts,
        )
        .map_err(|what| Error::Config(format!("{what} cannot be sent to IAM")))?;
    Ok(headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_regions_have_their_own_iam_endpoint() {
        // The variable is not set in unit tests; the loopback tests set it in a binary of
        // their own.
        if std::env::var_os(ENV_IAM_ENDPOINT).is_some() {
            return;
        }
        assert_eq!(
            iam_endpoint(None, &Region::new("ap-southeast-1")),
            "https://iam.ap-southeast-1.myhuaweicloud.com"
        );
        assert_eq!(
            iam_endpoint(None, &Region::new("xx-unknown-1")),
            "https://iam.myhuaweicloud.com"
        );
        assert_eq!(
            iam_endpoint(Some("http://127.0.0.1:1"), &Region::new("cn-north-4")),
            "http://127.0.0.1:1"
        );
    }
}
