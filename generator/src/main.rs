//! The `sdkgen` command: regenerate the client crate, or check that it is up to date.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use sdkgen::{SettingsOverrides, output};

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
    let started = Instant::now();
    let overrides = SettingsOverrides {
        crate_name: cli.crate_name.clone(),
        crate_version: cli.crate_version.clone(),
        endpoint_pattern: cli.endpoint.clone(),
    };
    // The defaults are found from the workspace root, so the command works from any directory.
    let (spec, spec_name) = match &cli.spec {
        Some(path) => (path.clone(), sdkgen::spec_display_name(path)),
        None => (
            sdkgen::workspace_root().join(sdkgen::DEFAULT_SPEC),
            sdkgen::DEFAULT_SPEC.to_owned(),
        ),
    };
    let out = cli
        .out
        .clone()
        .unwrap_or_else(|| sdkgen::workspace_root().join(sdkgen::DEFAULT_OUT));
    let out_name = match &cli.out {
        Some(path) => path.display().to_string(),
        None => sdkgen::DEFAULT_OUT.to_owned(),
    };
    let generation = match sdkgen::generate_named(&spec, &spec_name, &overrides) {
        Ok(generation) => generation,
        Err(diagnostics) => {
            eprint!("{diagnostics}");
            let count = diagnostics.errors().count();
            eprintln!(
                "sdkgen: {count} error(s); nothing was written to {}",
                out_name
            );
            return ExitCode::FAILURE;
        }
    };
    for warning in &generation.warnings {
        eprintln!("{warning}");
    }
    let summary = |action: &str| {
        format!(
            "sdkgen: {} operations, {} types, {} files {action} in {} ms",
            generation.operations,
            generation.types,
            generation.files.len(),
            started.elapsed().as_millis()
        )
    };
    if cli.check {
        return match output::check(&out, &generation.files) {
            Ok(drift) if drift.is_clean() => {
                println!("{}", summary(&format!("match {}", out_name)));
                ExitCode::SUCCESS
            }
            Ok(drift) => {
                for line in drift.lines() {
                    eprintln!("{line}");
                }
                eprintln!(
                    "sdkgen: {} is stale; run `cargo run -p sdkgen` and commit the result",
                    out_name
                );
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("sdkgen: cannot read {}: {e}", out_name);
                ExitCode::FAILURE
            }
        };
    }
    match output::write(&out, &generation.files) {
        Ok(written) => {
            for path in &written.kept_foreign {
                eprintln!(
                    "warning: {} holds {path}, which sdkgen did not write; it was left alone",
                    out_name
                );
            }
            println!(
                "{} ({} written, {} removed)",
                summary(&format!("generated into {}", out_name)),
                written.written,
                written.removed.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("sdkgen: writing {} failed: {e}", out_name);
            ExitCode::FAILURE
        }
    }
}
