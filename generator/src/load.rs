//! Step 1: read the spec file and parse it into `openapiv3::OpenAPI`.

use std::path::Path;

use openapiv3::OpenAPI;
use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics};

mod keywords;
mod locate;
mod objects;
mod rules;
mod schema_rules;
mod structure;
mod suggest;
mod version;

/// A parsed spec with the name it is reported under.
pub struct LoadedSpec {
    pub file: String,
    /// The text, to find the line of each finding.
    pub text: String,
    pub document: OpenAPI,
    /// What the checks of the raw YAML found (the typed parse succeeded despite it). Lowering
    /// adds its own findings to these, so one run reports everything.
    pub findings: Diagnostics,
}

impl LoadedSpec {
    /// Gives every finding that has no position yet the line and column of its pointer.
    pub fn locate(&self, diagnostics: &mut Diagnostics) {
        diagnostics.locate(|pointers| locate::nearest_line_columns(&self.text, pointers));
    }
}

/// Reads and parses the spec. YAML and structural errors carry the line and column.
pub fn load(path: &Path, file: &str) -> Result<LoadedSpec, Diagnostics> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| {
            Diagnostic::error(file, "", format!("cannot read the spec: {e}"))
                .with_hint("check the --spec path")
        })
        .map_err(Diagnostics::from)?;
    parse(&text, file)
}

/// Parses spec text. Split from `load` so tests and benchmarks can parse in memory.
pub fn parse(text: &str, file: &str) -> Result<LoadedSpec, Diagnostics> {
    // Parse as plain YAML first so that a syntax error is reported as one, not as a schema error.
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        located(
            Diagnostic::error(
                file,
                "",
                format!("YAML syntax error: {}", strip_location(&e)),
            )
            .with_hint("fix the YAML syntax at that line"),
            &e,
        )
    })?;
    version::check_version(&value, file).map_err(|wrong| {
        let mut diagnostics = Diagnostics::from(*wrong);
        diagnostics.locate(|pointers| locate::nearest_line_columns(text, pointers));
        diagnostics
    })?;
    let findings = structure::check(&value, file);
    // The typed document is read from the tree already parsed rather than by parsing the text a
    // second time. Where the two could differ, the text decides: a YAML tag (`!name`), which the
    // tree drops when it is read as a string, or a value the tree cannot give the typed parse
    // (`version: 1.0` read from the text is the string `1.0`, read from the tree the number 1),
    // and then the text is parsed as before, with its error's line and column.
    let from_tree = if has_tag(&value) {
        None
    } else {
        OpenAPI::deserialize(&value).ok()
    };
    drop(value);
    match from_tree.map_or_else(|| serde_yaml::from_str::<OpenAPI>(text), Ok) {
        Ok(document) => Ok(LoadedSpec {
            file: file.to_owned(),
            text: text.to_owned(),
            document,
            findings,
        }),
        // The raw checks know every field the typed parse requires, so when they found an
        // error the typed parse's own message (serde's, about the same mistake) adds nothing.
        Err(_) if findings.has_errors() => {
            let mut findings = findings;
            findings.locate(|pointers| locate::nearest_line_columns(text, pointers));
            Err(findings)
        }
        Err(e) => Err(located(
            Diagnostic::error(
                file,
                "",
                format!("not a valid OpenAPI 3.0 document: {}", strip_location(&e)),
            )
            .with_hint("compare the named field with the OpenAPI 3.0.3 specification"),
            &e,
        )),
    }
}

/// Whether a YAML tag (`!name value`) is anywhere in the tree.
fn has_tag(value: &serde_yaml::Value) -> bool {
    match value {
        serde_yaml::Value::Tagged(_) => true,
        serde_yaml::Value::Sequence(items) => items.iter().any(has_tag),
        serde_yaml::Value::Mapping(map) => map
            .iter()
            .any(|(key, value)| has_tag(key) || has_tag(value)),
        _ => false,
    }
}

fn located(diagnostic: Diagnostic, error: &serde_yaml::Error) -> Diagnostics {
    Diagnostics::from(match error.location() {
        Some(location) => diagnostic.at_line_column(location.line(), location.column()),
        None => diagnostic,
    })
}

/// serde_yaml appends " at line L column C" to its messages; the diagnostic prints that itself.
fn strip_location(error: &serde_yaml::Error) -> String {
    let message = error.to_string();
    match message.find(" at line ") {
        Some(index) => message[..index].to_owned(),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only(diagnostics: Diagnostics) -> Diagnostic {
        let all: Vec<Diagnostic> = diagnostics.iter().cloned().collect();
        assert_eq!(all.len(), 1, "{all:?}");
        all.into_iter().next().unwrap()
    }

    #[test]
    fn yaml_syntax_error_has_line_and_column() {
        let err = only(
            parse("openapi: 3.0.3\ninfo: [unclosed\n", "bad.yaml")
                .err()
                .unwrap(),
        );
        assert!(err.message.starts_with("YAML syntax error"), "{err}");
        assert!(err.line_column.is_some(), "{err}");
    }

    #[test]
    fn swagger_two_is_named_and_the_hint_says_how_to_convert() {
        let err = only(parse("swagger: '2.0'\n", "old.yaml").err().unwrap());
        assert_eq!(err.pointer, "/swagger");
        assert!(err.message.contains("Swagger 2.0 document"), "{err}");
        assert!(err.hint.unwrap().contains("swagger2openapi"));
    }

    #[test]
    fn a_list_is_not_a_document() {
        let err = only(parse("- a\n- b\n", "list.yaml").err().unwrap());
        assert!(err.message.contains("a YAML list"), "{err}");
    }

    /// The typed document read from the tree is the one read from the text, or none at all.
    fn tree_agrees_with_text(text: &str, name: &str) {
        let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(text) else {
            return;
        };
        if has_tag(&value) {
            return;
        }
        if let Ok(from_tree) = OpenAPI::deserialize(&value) {
            let from_text = serde_yaml::from_str::<OpenAPI>(text);
            assert_eq!(from_text.ok(), Some(from_tree), "{name}");
        }
    }

    #[test]
    fn every_spec_of_the_repository_reads_the_same_from_the_tree() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut dirs = vec![root.join("spec"), root.join("tests")];
        let mut specs = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "yaml") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    tree_agrees_with_text(&text, &path.display().to_string());
                    specs += 1;
                }
            }
        }
        assert!(specs > 20, "{specs} specs");
    }

    #[test]
    fn values_the_tree_reads_otherwise_are_read_from_the_text() {
        let head = "openapi: 3.0.3\npaths: {}\n";
        for (info, version) in [
            ("{title: T, version: 1.0}", "1.0"),
            ("{title: T, version: 2}", "2"),
            ("{title: T, version: true}", "true"),
            ("{title: T, version: null}", "null"),
            ("{title: T, version: !custom v1}", "v1"),
            ("{title: T, version: 'v1'}", "v1"),
        ] {
            let text = format!("{head}info: {info}\n");
            tree_agrees_with_text(&text, &text);
            let spec = parse(&text, "v.yaml").unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(spec.document.info.version, version, "{text}");
        }
        let text = format!(
            "{head}info: {{title: T, version: v1}}\ncomponents:\n  responses:\n    R: {{description: }}\n"
        );
        tree_agrees_with_text(&text, &text);
    }

    #[test]
    fn openapi_three_one_is_rejected() {
        let err = only(parse("openapi: 3.1.0\n", "new.yaml").err().unwrap());
        assert!(err.message.contains("`3.1.0`"), "{err}");
    }
}
