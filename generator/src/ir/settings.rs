//! The generated crate's package metadata and service description.

/// Package metadata of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateSettings {
    /// The Cargo package name, e.g. `huaweicloud-sdk-functiongraph`.
    pub crate_name: String,
    pub crate_version: String,
    /// The service's short name, used in the User-Agent and in tracing, e.g. `functiongraph`.
    pub service: String,
    /// The service title from `info.title`, e.g. `FunctionGraph`.
    pub title: String,
    /// The endpoint pattern with a `{region}` placeholder.
    pub endpoint_pattern: String,
    /// The known regions: the `enum` of the server's `region` variable.
    pub regions: Vec<RegionConstant>,
    /// The version of `huaweicloud-sdk-core` the crate depends on: sdkgen's own, since the
    /// templates are written against the core of the same release.
    pub core_version: String,
    /// The path from the crate to `huaweicloud-sdk-core`, with `/` separators.
    pub core_path: String,
}

/// Text as a TOML basic string with its quotes; control characters become spaces.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A known region, generated as a `Region` constant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionConstant {
    /// The region id, e.g. `cn-north-4`.
    pub id: String,
    /// The constant's name, e.g. `CN_NORTH_4`.
    pub const_name: String,
}

impl CrateSettings {
    /// The package description, as a TOML basic string with its quotes.
    pub fn description_toml(&self) -> String {
        toml_string(&format!(
            "Rust client for Huawei Cloud {}, generated from its OpenAPI description",
            self.title
        ))
    }

    /// An example endpoint: the pattern with its first region, for docs.
    pub fn example_endpoint(&self) -> String {
        self.endpoint_pattern
            .replace("{region}", &self.example_region())
    }

    /// An expression for the first known region, for docs: its constant in the crate's
    /// `regions` module, e.g. `huaweicloud_sdk_functiongraph::regions::CN_NORTH_4`.
    pub fn example_region_expr(&self) -> String {
        match self.regions.first() {
            Some(region) => format!("{}::regions::{}", self.crate_ident(), region.const_name),
            None => format!("{}::Region::new(\"cn-north-4\")", self.crate_ident()),
        }
    }

    /// A crates.io keyword naming the service: at most 20 ASCII letters, digits, `-` or `_`.
    pub fn service_keyword(&self) -> String {
        let keyword: String = self
            .service
            .to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .take(20)
            .collect();
        if keyword.starts_with(|c: char| c.is_ascii_alphabetic()) {
            keyword
        } else {
            "api".to_owned()
        }
    }

    /// The name of the example program, after the service: `functiongraph`.
    pub fn example_name(&self) -> String {
        let name: String = self
            .service
            .to_ascii_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            name
        } else {
            "operations".to_owned()
        }
    }

    /// The first known region, for docs and examples.
    pub fn example_region(&self) -> String {
        self.regions
            .first()
            .map_or_else(|| "cn-north-4".to_owned(), |r| r.id.clone())
    }

    /// The prefix of the environment variables that override a region's endpoint, as the
    /// official SDKs name them: `HUAWEICLOUD_SDK_REGION_FUNCTIONGRAPH_`.
    pub fn region_env_prefix(&self) -> String {
        format!(
            "HUAWEICLOUD_SDK_REGION_{}_",
            self.service.to_ascii_uppercase().replace('-', "_")
        )
    }

    /// The `[dependencies]` entry of `huaweicloud-sdk-core`, as a TOML inline table.
    pub fn core_dependency_toml(&self) -> String {
        format!(
            "{{ version = {}, path = {}, default-features = false }}",
            toml_string(&self.core_version),
            toml_string(&self.core_path)
        )
    }

    /// The crate name as a Rust identifier (`huaweicloud_sdk_functiongraph`), for doc examples.
    pub fn crate_ident(&self) -> String {
        self.crate_name.replace('-', "_")
    }
}
