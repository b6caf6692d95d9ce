//! Programs built beside crates generated for a test: a scratch workspace under `target/` holds
//! each generated crate and the program's package, which depends on them and on core, and is run
//! with `cargo run`, sharing `target/corpus` with the corpus crates so that core and the
//! dependencies build once.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sdkgen::SettingsOverrides;
use sdkgen::run::{RunOptions, run};
use sdkgen::workspace::{CORE_CRATE_DIR, relative_path};

use crate::fixtures::workspace_root;

/// A crate to generate for the program: its spec, relative to the workspace root, the folder it
/// goes to in the scratch workspace, and its package name.
pub struct GeneratedCrate<'a> {
    pub spec: &'a str,
    pub folder: &'a str,
    pub package: &'a str,
}

/// A program laid out in its scratch workspace, ready to run.
pub struct Program {
    manifest: PathBuf,
}

/// A path for a `Cargo.toml`, with `/` separators.
fn toml_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

impl Program {
    /// Generates `crates` into `target/<scratch>/`, and the program `source` (relative to the
    /// workspace root) as package `name`, which depends on core, on each crate, and on the
    /// `extra` dependency lines (which may name `{root}` for the workspace root).
    pub fn lay_out(
        scratch: &str,
        name: &str,
        source: &str,
        crates: &[GeneratedCrate<'_>],
        extra: &str,
    ) -> Program {
        let root = workspace_root();
        let scratch = root.join("target").join(scratch);
        let _ = fs::remove_dir_all(&scratch);
        let mut dependencies = format!(
            "huaweicloud-sdk-core = {{ path = \"{}\" }}\n",
            toml_path(&root.join(CORE_CRATE_DIR))
        );
        let mut members = Vec::new();
        for generated in crates {
            let out = scratch.join(generated.folder);
            let report = run(&RunOptions {
                spec: root.join(generated.spec),
                spec_name: generated.spec.to_owned(),
                out: out.clone(),
                out_name: format!("the crate of {}", generated.spec),
                check: false,
                overrides: SettingsOverrides {
                    core_path: Some(relative_path(&out, &root.join(CORE_CRATE_DIR))),
                    ..SettingsOverrides::default()
                },
            });
            assert!(report.success, "{}", report.stderr.join("\n"));
            dependencies.push_str(&format!(
                "{} = {{ path = \"../{}\" }}\n",
                generated.package, generated.folder
            ));
            members.push(format!("{:?}", generated.folder));
        }
        dependencies.push_str(&extra.replace("{root}", &toml_path(&root)));
        let app = scratch.join("app");
        fs::create_dir_all(&app).unwrap();
        fs::write(
            app.join("Cargo.toml"),
            format!(
                "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
                 [[bin]]\nname = \"{name}\"\npath = \"{}\"\n\n[dependencies]\n{dependencies}",
                toml_path(&root.join(source))
            ),
        )
        .unwrap();
        members.push("\"app\"".to_owned());
        fs::write(
            scratch.join("Cargo.toml"),
            format!(
                "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
                members.join(", ")
            ),
        )
        .unwrap();
        // The project's own lock file, so the program builds with the versions everything
        // else uses.
        fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();
        Program {
            manifest: app.join("Cargo.toml"),
        }
    }

    /// Builds and runs the program with these environment variables, off the async runtime so
    /// that the test's loopback servers keep answering meanwhile.
    pub async fn run(self, environment: Vec<(&'static str, String)>) -> Output {
        tokio::task::spawn_blocking(move || {
            Command::new(env!("CARGO"))
                .args(["run", "--quiet", "--manifest-path"])
                .arg(&self.manifest)
                .env("CARGO_TARGET_DIR", workspace_root().join("target/corpus"))
                .envs(environment)
                .output()
                .expect("cargo runs")
        })
        .await
        .expect("the program's runner")
    }
}
