//! The `sdkgen` command: regenerate the client crate, or check that it is up to date.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use sdkgen::SettingsOverrides;
use sdkgen::run::{RunOptions, run};

/// Generates the Rust client crate from an OpenAPI 3.0 spec.
#[derive(Debug, Parser)]
#[command(name = "sdkgen", version)]
struct Cli {
    /// The OpenAPI 3.0 spec to read [default: spec/functiongraph.yaml in the workspace].
    #[arg(long)]
    spec: Option<PathBuf>,
    /// The directory of the generated crate [default: generated/ in the workspace].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Write nothing; exit with status 1 and list the files that differ from a fresh generation.
    #[arg(long)]
    check: bool,
    /// Overrides the crate name (`info.x-rust-crate.name`).
    #[arg(long)]
    crate_name: Option<String>,
    /// Overrides the crate version (`info.x-rust-crate.version`).
    #[arg(long)]
    crate_version: Option<String>,
    /// Overrides the endpoint pattern (`servers[0].url`), e.g. `https://ecs.{region}.myhuaweicloud.com`.
    #[arg(long)]
    endpoint: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The defaults are found from the workspace root, so the command works from any directory.
    let (spec, spec_name) = match &cli.spec {
        Some(path) => (path.clone(), sdkgen::spec_display_name(path)),
        None => (
            sdkgen::workspace_root().join(sdkgen::DEFAULT_SPEC),
            sdkgen::DEFAULT_SPEC.to_owned(),
        ),
    };
    let (out, out_name) = match &cli.out {
        Some(path) => (path.clone(), path.display().to_string()),
        None => (
            sdkgen::workspace_root().join(sdkgen::DEFAULT_OUT),
            sdkgen::DEFAULT_OUT.to_owned(),
        ),
    };
    let report = run(&RunOptions {
        spec,
        spec_name,
        out,
        out_name,
        check: cli.check,
        overrides: SettingsOverrides {
            crate_name: cli.crate_name,
            crate_version: cli.crate_version,
            endpoint_pattern: cli.endpoint,
        },
    });
    for line in &report.stderr {
        eprintln!("{line}");
    }
    for line in &report.stdout {
        println!("{line}");
    }
    if report.success {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
