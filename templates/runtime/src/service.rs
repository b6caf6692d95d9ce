//! What a generated service crate tells the runtime about its service.

use crate::region::Region;

/// A service, described by its generated crate: its name, where its endpoints are, and the
/// crate that calls it. The runtime knows no service of its own; everything service-specific
/// comes from here.
///
/// Each service crate has one, as `SERVICE` at its root.
#[derive(Debug)]
#[non_exhaustive]
pub struct ServiceInfo {
    /// The service's name, e.g. `FunctionGraph`.
    pub name: &'static str,
    /// The endpoint of a region: this pattern with `{region}` replaced by the region id, e.g.
    /// `https://functiongraph.{region}.myhuaweicloud.com`.
    pub endpoint_pattern: &'static str,
    /// The service's id, e.g. `functiongraph`: in upper case, it names the service in the
    /// endpoint-override variables (`HUAWEICLOUD_SDK_REGION_FUNCTIONGRAPH_<REGION>`) and in the
    /// regions file, as in the official SDKs.
    pub id: &'static str,
    /// The regions the official SDK knows for this service, in its order.
    pub regions: &'static [Region],
    /// The service crate's name, for the `User-Agent`.
    pub crate_name: &'static str,
    /// The service crate's version, for the `User-Agent`.
    pub crate_version: &'static str,
}

impl ServiceInfo {
    /// Describes a service. Generated crates call this; the fields say what each value is.
    pub const fn new(
        name: &'static str,
        endpoint_pattern: &'static str,
        id: &'static str,
        regions: &'static [Region],
        crate_name: &'static str,
        crate_version: &'static str,
    ) -> Self {
        ServiceInfo {
            name,
            endpoint_pattern,
            id,
            regions,
            crate_name,
            crate_version,
        }
    }

    /// A known region by its id.
    pub fn known_region(&self, id: &str) -> Option<&'static Region> {
        self.regions.iter().find(|region| region.id() == id)
    }

    /// The environment variable that overrides a region's endpoints, e.g.
    /// `HUAWEICLOUD_SDK_REGION_FUNCTIONGRAPH_CN_NORTH_4`.
    pub fn endpoint_env_var(&self, region: &Region) -> String {
        format!(
            "HUAWEICLOUD_SDK_REGION_{}_{}",
            env_name(self.id),
            env_name(region.id())
        )
    }

    /// The endpoint from [`endpoint_pattern`](Self::endpoint_pattern), ignoring the environment.
    pub fn default_endpoint(&self, region: &Region) -> String {
        self.endpoint_pattern.replace("{region}", region.id())
    }

    /// The region's endpoints, in the official SDKs' order of lookup: the comma-separated list
    /// of [`endpoint_env_var`](Self::endpoint_env_var) when it is set; else the regions file
    /// (`HUAWEICLOUD_SDK_REGIONS_FILE`, or `~/.huaweicloud/regions.yaml`) when it lists the
    /// region; else [`default_endpoint`](Self::default_endpoint). Unlike the official SDKs, a
    /// region none of them knows still gets the pattern's endpoint, so new regions work.
    ///
    /// A client tries them in order and moves on to the next one when a host cannot be
    /// resolved or its TLS handshake fails.
    ///
    /// # Errors
    ///
    /// [`Error::Config`](crate::Error::Config) when the regions file exists but cannot be read.
    pub fn endpoints(&self, region: &Region) -> Result<Vec<String>, crate::Error> {
        let from_env: Vec<String> = std::env::var(self.endpoint_env_var(region))
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(str::to_owned)
            .collect();
        if !from_env.is_empty() {
            return Ok(from_env);
        }
        let from_file = crate::regions_file::endpoints(&env_name(self.id), region.id())?;
        if !from_file.is_empty() {
            return Ok(from_file);
        }
        Ok(vec![self.default_endpoint(region)])
    }

    /// The `User-Agent` of the service crate's requests: its name and version.
    pub(crate) fn user_agent(&self) -> String {
        format!("{}/{}", self.crate_name, self.crate_version)
    }
}

/// A name as the official SDKs put it in variable names: upper case, `-` as `_`.
fn env_name(name: &str) -> String {
    name.to_ascii_uppercase().replace('-', "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    static REGIONS: [Region; 1] = [Region::from_static("cn-north-4")];
    static SERVICE: ServiceInfo = ServiceInfo::new(
        "Example",
        "https://example.{region}.myhuaweicloud.com",
        "example",
        &REGIONS,
        "huaweicloud-sdk-example",
        "1.2.3",
    );

    #[test]
    fn endpoints_follow_the_pattern() {
        let region = Region::new("ap-southeast-1");
        assert_eq!(
            SERVICE.default_endpoint(&region),
            "https://example.ap-southeast-1.myhuaweicloud.com"
        );
        assert_eq!(
            SERVICE.endpoint_env_var(&region),
            "HUAWEICLOUD_SDK_REGION_EXAMPLE_AP_SOUTHEAST_1"
        );
        assert_eq!(
            SERVICE.known_region("cn-north-4").map(Region::id),
            Some("cn-north-4")
        );
        assert_eq!(SERVICE.known_region("xx-new-1"), None);
        assert_eq!(SERVICE.user_agent(), "huaweicloud-sdk-example/1.2.3");
    }
}
