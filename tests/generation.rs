//! Generating crates from specs in a test, and checking them all in one scratch workspace:
//! shared by the corpus (`tests/corpus.rs`) and the random specs (`tests/random_specs.rs`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use functiongraph_tests::fixtures::workspace_root;
use sdkgen::SettingsOverrides;
use sdkgen::run::{Report, RunOptions, run};
use sdkgen::workspace::{CORE_CRATE_DIR, relative_path};

/// Generates the crate of `spec` into `out`, depending on this workspace's core, as
/// `spec_name` names it in messages.
pub fn generate(
    spec: &Path,
    spec_name: String,
    out: &Path,
    overrides: SettingsOverrides,
) -> Report {
    run(&RunOptions {
        spec: spec.to_path_buf(),
        spec_name,
        out: out.to_path_buf(),
        out_name: "the output directory".to_owned(),
        check: false,
        overrides: SettingsOverrides {
            core_path: Some(core_path_from(out)),
            ..overrides
        },
    })
}

/// The `path` of the generated crate's dependency on huaweicloud-sdk-core, from `out`.
pub fn core_path_from(out: &Path) -> String {
    relative_path(out, &workspace_root().join(CORE_CRATE_DIR))
}

/// Clippy on every crate and target of a scratch workspace, warnings denied.
pub const CLIPPY: &[&str] = &[
    "clippy",
    "--quiet",
    "--workspace",
    "--all-targets",
    "--all-features",
    "--",
    "-D",
    "warnings",
];

/// A workspace under `target/` that holds generated crates, so that their dependencies are
/// compiled once for all of them, in the versions of the project's own lock file.
pub struct ScratchWorkspace {
    dir: PathBuf,
}

impl ScratchWorkspace {
    /// An empty one at `target/<name>`.
    pub fn fresh(name: &str) -> Self {
        let dir = workspace_root().join("target").join(name);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        ScratchWorkspace { dir }
    }

    /// Where the member `name` goes.
    pub fn member(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Writes the manifest listing `members`, and the project's lock file beside it.
    pub fn write_manifest(&self, members: &[String]) {
        let quoted: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
        fs::write(
            self.dir.join("Cargo.toml"),
            format!(
                "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
                quoted.join(", ")
            ),
        )
        .unwrap();
        fs::copy(
            workspace_root().join("Cargo.lock"),
            self.dir.join("Cargo.lock"),
        )
        .unwrap();
    }

    /// Runs cargo with `args` in the workspace. Every scratch workspace shares one target
    /// directory, `target/corpus`, so the dependencies are built once for all of them.
    pub fn cargo(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO"))
            .args(args)
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", workspace_root().join("target/corpus"))
            .env("RUSTDOCFLAGS", "-D warnings")
            .output()
            .expect("cargo runs")
    }
}
