//! Step 1: read the spec file and parse it into `openapiv3::OpenAPI`.

use std::path::Path;

use openapiv3::OpenAPI;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// A parsed spec with the name it is reported under.
pub struct LoadedSpec {
    pub file: String,
    pub document: OpenAPI,
}

/// Reads and parses the spec. YAML and structural errors carry the line and column.
pub fn load(path: &Path, file: &str) -> Result<LoadedSpec, Diagnostics> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| {
            Diagnostic::error(file, "", format!("cannot read the spec: {e}"))
                .with_hint("check the --spec path")
        })
        .map_err(Diagnostics::from)?;
    parse(&text, file).map(|document| LoadedSpec {
        file: file.to_owned(),
        document,
    })
}

/// Parses spec text. Split from `load` so tests and benchmarks can parse in memory.
pub fn parse(text: &str, file: &str) -> Result<OpenAPI, Diagnostics> {
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
    check_version(&value, file)?;
    serde_yaml::from_str::<OpenAPI>(text).map_err(|e| {
        located(
            Diagnostic::error(
                file,
                "",
                format!("not a valid OpenAPI 3.0 document: {}", strip_location(&e)),
            )
            .with_hint("compare the named field with the OpenAPI 3.0.3 specification"),
            &e,
        )
    })
}

fn check_version(value: &serde_yaml::Value, file: &str) -> Result<(), Diagnostics> {
    let version = value.get("openapi").and_then(serde_yaml::Value::as_str);
    match version {
        Some(v) if v.starts_with("3.0.") => Ok(()),
        Some(v) => Err(Diagnostics::from(Diagnostic::error(
            file,
            "/openapi",
            format!("unsupported OpenAPI version `{v}`: sdkgen reads OpenAPI 3.0.x"),
        )
        .with_hint(
            "set `openapi: 3.0.3`; Swagger 2.0 and OpenAPI 3.1 documents must be converted first",
        ))),
        None => Err(Diagnostics::from(Diagnostic::error(
            file,
            "/openapi",
            "the document has no `openapi` version field, so it is not an OpenAPI 3.0 document",
        )
        .with_hint("start the file with `openapi: 3.0.3`"))),
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
        let err = only(parse("openapi: 3.0.3\ninfo: [unclosed\n", "bad.yaml").unwrap_err());
        assert!(err.message.starts_with("YAML syntax error"), "{err}");
        assert!(err.line_column.is_some(), "{err}");
    }

    #[test]
    fn swagger_two_is_rejected_with_a_hint() {
        let err = only(parse("swagger: '2.0'\n", "old.yaml").unwrap_err());
        assert_eq!(err.pointer, "/openapi");
        assert!(err.message.contains("no `openapi` version"), "{err}");
    }

    #[test]
    fn openapi_three_one_is_rejected() {
        let err = only(parse("openapi: 3.1.0\n", "new.yaml").unwrap_err());
        assert!(err.message.contains("`3.1.0`"), "{err}");
    }
}
