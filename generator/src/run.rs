//! One run of the command: generate, then write the crate or check it, and report.
//!
//! The command-line parsing lives in `main.rs`; everything else is here, so tests can run the
//! command's exact behaviour without a process.

use std::path::PathBuf;
use std::time::Instant;

use crate::{SettingsOverrides, generate_named, output};

/// What to do.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub spec: PathBuf,
    /// How the spec is named in messages and headers.
    pub spec_name: String,
    pub out: PathBuf,
    /// How the output directory is named in messages.
    pub out_name: String,
    /// Compare instead of writing.
    pub check: bool,
    pub overrides: SettingsOverrides,
}

/// What happened, as the lines the command prints.
#[derive(Debug, Default)]
pub struct Report {
    pub success: bool,
    /// The summary line.
    pub stdout: Vec<String>,
    /// Errors, warnings and differences.
    pub stderr: Vec<String>,
}

/// Runs the generator. Nothing is written unless generation succeeded.
pub fn run(options: &RunOptions) -> Report {
    let started = Instant::now();
    let mut report = Report::default();
    let out_name = &options.out_name;
    let generation = match generate_named(&options.spec, &options.spec_name, &options.overrides) {
        Ok(generation) => generation,
        Err(diagnostics) => {
            report
                .stderr
                .extend(diagnostics.iter().map(ToString::to_string));
            let count = diagnostics.errors().count();
            report.stderr.push(format!(
                "sdkgen: {count} error(s); nothing was written to {out_name}"
            ));
            return report;
        }
    };
    report
        .stderr
        .extend(generation.warnings.iter().map(ToString::to_string));
    let summary = |action: String| {
        format!(
            "sdkgen: {} operations, {} types, {} files {action} in {} ms",
            generation.operations,
            generation.types,
            generation.files.len(),
            started.elapsed().as_millis()
        )
    };
    if options.check {
        match output::check(&options.out, &generation.files) {
            Ok(drift) if drift.is_clean() => {
                report.success = true;
                report.stdout.push(summary(format!("match {out_name}")));
            }
            Ok(drift) => {
                report.stderr.extend(drift.lines());
                report.stderr.push(format!(
                    "sdkgen: {out_name} is stale; run `cargo run -p sdkgen` and commit the result"
                ));
            }
            Err(e) => report
                .stderr
                .push(format!("sdkgen: cannot read {out_name}: {e}")),
        }
        return report;
    }
    match output::write(&options.out, &generation.files) {
        Ok(written) => {
            report.success = true;
            for path in &written.kept_foreign {
                report.stderr.push(format!(
                    "warning: {out_name} holds {path}, which sdkgen did not write; it was left alone"
                ));
            }
            report.stdout.push(format!(
                "{} ({} written, {} removed)",
                summary(format!("generated into {out_name}")),
                written.written,
                written.removed.len()
            ));
        }
        Err(e) => report
            .stderr
            .push(format!("sdkgen: writing {out_name} failed: {e}")),
    }
    report
}
