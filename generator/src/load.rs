//! Step 1: read the spec file and parse it into `openapiv3::OpenAPI`.

use std::path::Path;

use openapiv3::OpenAPI;

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
        diagnostics.locate(|pointer| locate::nearest_line_column(&self.text, pointer));
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
        diagnostics.locate(|pointer| locate::nearest_line_column(text, pointer));
        diagnostics
    })?;
    let findings = structure::check(&value, file);
    match serde_yaml::from_str::<OpenAPI>(text) {
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
            findings.locate(|pointer| locate::nearest_line_column(text, pointer));
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

    #[test]
    fn openapi_three_one_is_rejected() {
        let err = only(parse("openapi: 3.1.0\n", "new.yaml").err().unwrap());
        assert!(err.message.contains("`3.1.0`"), "{err}");
    }
}
