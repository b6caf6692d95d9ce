//! The `sdkgen` command: regenerate the client crate, or check that it is up to date.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use sdkgen::SettingsOverrides;
use sdkgen::run::{RunOptions, run};
use sdkgen::workspace::{CORE_CRATE_DIR, find_workspace_root, relative_path};

/// Generates the Rust client crate from an OpenAPI 3.0 spec.
#[derive(Debug, Parser)]
#[command(name = "sdkgen", version)]
struct Cli {
    /// The OpenAPI 3.0 spec to read [default: spec/functiongraph.yaml in the workspace that
    /// contains the current directory].
    #[arg(long)]
    spec: Option<PathBuf>,
    /// The directory of the generated crate [default: generated/ in the workspace that contains
    /// the current directory].
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
    /// The path from the generated crate to huaweicloud-sdk-core, for its `Cargo.toml`
    /// [default: the workspace's templates/runtime, relative to --out].
    #[arg(long)]
    core_path: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The defaults come from the workspace around the current directory, so a binary built in
    // one checkout never reads or writes another.
    let workspace = std::env::current_dir()
        .ok()
        .and_then(|cwd| find_workspace_root(&cwd));
    let default_in_workspace = |relative: &str| match &workspace {
        Some(root) => Ok(root.join(relative)),
        None => Err(format!(
            "sdkgen: no Cargo workspace contains the current directory, so there is no default {relative}; run sdkgen inside the workspace, or pass --spec and --out"
        )),
    };
    let (spec, spec_name) = match &cli.spec {
        Some(path) => (path.clone(), sdkgen::spec_display_name(path)),
        None => match default_in_workspace(sdkgen::DEFAULT_SPEC) {
            Ok(path) => (path, sdkgen::DEFAULT_SPEC.to_owned()),
            Err(message) => return fail(&message),
        },
    };
    let (out, out_name) = match &cli.out {
        Some(path) => (path.clone(), path.display().to_string()),
        None => match default_in_workspace(sdkgen::DEFAULT_OUT) {
            Ok(path) => (path, sdkgen::DEFAULT_OUT.to_owned()),
            Err(message) => return fail(&message),
        },
    };
    let core_path = cli.core_path.or_else(|| {
        let root = workspace.as_ref()?;
        Some(relative_path(&out, &root.join(CORE_CRATE_DIR)))
    });
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
            core_path,
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

fn fail(message: &str) -> ExitCode {
    eprintln!("{message}");
    ExitCode::FAILURE
}
