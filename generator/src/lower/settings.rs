//! Crate settings: from `info` and the `x-rust-crate` extension, overridden by CLI flags.

use heck::{ToKebabCase, ToShoutySnakeCase};
use openapiv3::OpenAPI;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{CrateSettings, RegionConstant};

/// The vendor extension under `info` that names the generated crate.
const CRATE_EXTENSION: &str = "x-rust-crate";

/// Settings given on the command line, which win over the spec.
#[derive(Debug, Clone, Default)]
pub struct SettingsOverrides {
    pub crate_name: Option<String>,
    pub crate_version: Option<String>,
    pub endpoint_pattern: Option<String>,
    /// The path from the generated crate to `huaweicloud-sdk-core`, written into its
    /// `Cargo.toml` beside the version.
    pub core_path: Option<String>,
}

/// Where `huaweicloud-sdk-core` is, from `generated/` in this workspace.
pub const DEFAULT_CORE_PATH: &str = "../templates/runtime";

pub fn crate_settings(
    document: &OpenAPI,
    overrides: &SettingsOverrides,
    file: &str,
    diagnostics: &mut Diagnostics,
) -> Option<CrateSettings> {
    let extension = document.info.extensions.get(CRATE_EXTENSION);
    let from_extension = |key: &str| {
        extension
            .and_then(|e| e.get(key))
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    };
    let title = document.info.title.clone();
    let service = from_extension("service").unwrap_or_else(|| title.to_kebab_case());
    let crate_name = overrides
        .crate_name
        .clone()
        .or_else(|| from_extension("name"))
        .unwrap_or_else(|| format!("huaweicloud-sdk-{service}"));
    let crate_version = overrides
        .crate_version
        .clone()
        .or_else(|| from_extension("version"))
        .unwrap_or_else(|| "0.1.0".to_owned());
    let endpoint_pattern = overrides
        .endpoint_pattern
        .clone()
        .or_else(|| document.servers.first().map(|s| s.url.clone()));

    let mut ok = true;
    if !is_package_name(&crate_name) {
        ok = false;
        // Blame the place the name came from: `--crate-name`, `x-rust-crate.name`, or (through
        // the service name) `x-rust-crate.service` or `info.title`.
        let (place, origin) = if overrides.crate_name.is_some() {
            ("", "given with --crate-name")
        } else if from_extension("name").is_some() {
            ("/info/x-rust-crate/name", "from `x-rust-crate.name`")
        } else if from_extension("service").is_some() {
            (
                "/info/x-rust-crate/service",
                "derived from `x-rust-crate.service`",
            )
        } else {
            ("/info/title", "derived from `info.title`")
        };
        diagnostics.push(
            Diagnostic::error(
                file,
                place,
                format!("the crate name `{crate_name}`, {origin}, is not a valid Cargo package name"),
            )
            .with_hint("name the crate with ASCII letters, digits, `-` and `_`, starting with a letter: set `x-rust-crate: {name: huaweicloud-sdk-<service>}` under `info`, or pass --crate-name"),
        );
    }
    if !is_semver(&crate_version) {
        ok = false;
        diagnostics.push(
            Diagnostic::error(
                file,
                "/info/x-rust-crate/version",
                format!("`{crate_version}` is not a semantic version"),
            )
            .with_hint("use MAJOR.MINOR.PATCH, e.g. 0.1.0"),
        );
    }
    let Some(endpoint_pattern) = endpoint_pattern else {
        diagnostics.push(
            Diagnostic::error(file, "/servers", "the spec has no server, so the endpoint pattern is unknown")
                .with_hint("add `servers: [{url: 'https://service.{region}.myhuaweicloud.com'}]`, or pass --endpoint"),
        );
        return None;
    };
    if !endpoint_pattern.starts_with("https://") && !endpoint_pattern.starts_with("http://") {
        ok = false;
        diagnostics.push(
            Diagnostic::error(
                file,
                "/servers/0/url",
                format!("endpoint `{endpoint_pattern}` is not an absolute http(s) URL"),
            )
            .with_hint("write the full URL, e.g. https://functiongraph.{region}.myhuaweicloud.com"),
        );
    }
    let regions = regions(document, file, diagnostics);
    ok.then_some(CrateSettings {
        crate_name,
        crate_version,
        service,
        title,
        endpoint_pattern,
        regions,
        core_version: env!("CARGO_PKG_VERSION").to_owned(),
        core_path: overrides
            .core_path
            .clone()
            .unwrap_or_else(|| DEFAULT_CORE_PATH.to_owned()),
    })
}

/// The `enum` of the first server's `region` variable.
fn regions(document: &OpenAPI, file: &str, diagnostics: &mut Diagnostics) -> Vec<RegionConstant> {
    let Some(variable) = document
        .servers
        .first()
        .and_then(|s| s.variables.as_ref()?.get("region"))
    else {
        return Vec::new();
    };
    let mut regions: Vec<RegionConstant> = Vec::new();
    let mut constants = super::names::Namespace::new("region constant")
        .reserve("KNOWN", "it lists every region")
        .reserve("SERVICE", "it describes the service");
    for id in &variable.enumeration {
        let const_name = id.to_shouty_snake_case();
        if let Err(clash) = constants.claim(&const_name, format!("region `{id}`")) {
            diagnostics.push(
                Diagnostic::error(file, "/servers/0/variables/region/enum", clash.message)
                    .with_hint("region ids differ from `known` and `service`, and from each other in more than case and punctuation"),
            );
            continue;
        }
        let starts_well = const_name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic());
        if !starts_well || regions.iter().any(|r| r.const_name == const_name) {
            diagnostics.push(
                Diagnostic::error(
                    file,
                    "/servers/0/variables/region/enum",
                    format!("region `{id}` cannot be a distinct Rust constant"),
                )
                .with_hint(
                    "region ids start with a letter and differ in more than case and punctuation",
                ),
            );
            continue;
        }
        regions.push(RegionConstant {
            id: id.clone(),
            const_name,
        });
    }
    regions
}

fn is_package_name(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn is_semver(version: &str) -> bool {
    let core = version.split(['-', '+']).next().unwrap_or_default();
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}
