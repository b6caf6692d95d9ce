//! Where the command stands: the workspace that holds the default spec, output and core crate,
//! found from the current directory rather than from where sdkgen was built.

use std::path::{Component, Path, PathBuf};

/// The core crate, relative to the workspace root.
pub const CORE_CRATE_DIR: &str = "templates/runtime";

/// The nearest directory at or above `start` whose `Cargo.toml` declares a `[workspace]`.
pub fn find_workspace_root(start: &Path) -> Option<PathBuf> {
    start.ancestors().find_map(|dir| {
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).ok()?;
        manifest
            .lines()
            .any(|line| line.trim() == "[workspace]")
            .then(|| dir.to_path_buf())
    })
}

/// The path that leads from directory `from` to `to`, both taken from the current directory
/// when relative, with `/` separators, for a `path =` dependency in a `Cargo.toml`.
pub fn relative_path(from: &Path, to: &Path) -> String {
    let from = normalized(from);
    let to = normalized(to);
    let common = from
        .components()
        .zip(to.components())
        .take_while(|(a, b)| a == b)
        .count();
    let ups = from.components().count() - common;
    let mut parts: Vec<String> = vec!["..".to_owned(); ups];
    parts.extend(
        to.components()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    }
}

/// An absolute path without `.` or `..`, worked out from the text alone: the directories need
/// not exist yet.
fn normalized(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .unwrap_or_else(|_| PathBuf::from("/"))
            .join(path)
    };
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_then_descend() {
        let path = |from: &str, to: &str| relative_path(Path::new(from), Path::new(to));
        assert_eq!(
            path("/w/generated", "/w/templates/runtime"),
            "../templates/runtime"
        );
        assert_eq!(
            path("/w/target/corpus-crates/names", "/w/templates/runtime"),
            "../../../templates/runtime"
        );
        assert_eq!(
            path("/w/x/../generated/.", "/w/templates/runtime"),
            "../templates/runtime"
        );
        assert_eq!(path("/w", "/w"), ".");
    }

    #[test]
    fn the_workspace_is_found_from_a_directory_inside_it() {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = find_workspace_root(&here.join("src")).expect("the workspace");
        assert!(root.join(CORE_CRATE_DIR).join("Cargo.toml").is_file());
        assert_eq!(find_workspace_root(Path::new("/")), None);
    }
}
