//! `sdkgen`: generates a Rust client crate from an OpenAPI 3.0 description of a Huawei Cloud
//! service.
//!
//! The pipeline runs one way, one module per step:
//!
//! 1. [`load`]: read the YAML and parse it into `openapiv3::OpenAPI`;
//! 2. [`lower`]: validate it and lower it into the neutral model of [`ir`];
//! 3. [`render`]: render the askama templates under `templates/`;
//! 4. format every Rust file with `syn` + `prettyplease` (part of `render`);
//! 5. [`output`]: write the crate, or compare it with the checked-in one.
//!
//! Nothing is written unless every step succeeded.

pub mod diagnostics;
pub mod ir;
pub mod load;
pub mod lower;
pub mod output;
pub mod render;
pub mod run;
pub mod workspace;

use std::path::{Path, PathBuf};

pub use diagnostics::{Diagnostic, Diagnostics};
pub use lower::SettingsOverrides;
pub use render::GeneratedFile;

/// The default spec, relative to the workspace root.
pub const DEFAULT_SPEC: &str = "spec/functiongraph.yaml";
/// The default output directory, relative to the workspace root.
pub const DEFAULT_OUT: &str = "generated";

/// A successful generation, held in memory.
#[derive(Debug)]
pub struct Generation {
    pub operations: usize,
    pub types: usize,
    pub files: Vec<GeneratedFile>,
    /// Warnings found on the way; generation succeeded despite them.
    pub warnings: Vec<Diagnostic>,
}

/// Runs steps 1–4 on a spec file. On failure, every error found is returned.
pub fn generate(spec: &Path, overrides: &SettingsOverrides) -> Result<Generation, Diagnostics> {
    generate_named(spec, &spec_display_name(spec), overrides)
}

/// Like [`generate`], naming the spec `name` in messages and file headers.
pub fn generate_named(
    spec: &Path,
    name: &str,
    overrides: &SettingsOverrides,
) -> Result<Generation, Diagnostics> {
    let loaded = load::load(spec, name)?;
    generate_loaded(&loaded, overrides)
}

/// Runs steps 1–4 on spec text, reported under `name`.
pub fn generate_from_str(
    text: &str,
    name: &str,
    overrides: &SettingsOverrides,
) -> Result<Generation, Diagnostics> {
    let loaded = load::parse(text, name)?;
    generate_loaded(&loaded, overrides)
}

fn generate_loaded(
    loaded: &load::LoadedSpec,
    overrides: &SettingsOverrides,
) -> Result<Generation, Diagnostics> {
    let (api, mut diagnostics) = lower::lower(loaded, overrides, &loaded.file);
    loaded.locate(&mut diagnostics);
    let Some(api) = api else {
        return Err(diagnostics);
    };
    let mut files = render::render(&api)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Generation {
        operations: api.operations.len(),
        types: api.models.len(),
        files,
        warnings: diagnostics.warnings().cloned().collect(),
    })
}

/// How a spec path is named in messages and file headers: relative to the current directory
/// when it is inside it, with `/` separators, so the output does not depend on where the
/// repository is checked out.
pub fn spec_display_name(spec: &Path) -> String {
    let relative: PathBuf = match std::env::current_dir() {
        Ok(cwd) if spec.is_absolute() => spec
            .strip_prefix(&cwd)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| spec.to_path_buf()),
        _ => spec.to_path_buf(),
    };
    let relative: PathBuf = relative
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    relative.to_string_lossy().replace('\\', "/")
}
