//! Is this an OpenAPI 3.0 document at all? Each other thing it may be (a Swagger 2.0 or
//! OpenAPI 3.1 document, a YAML list, a bare value) gets a message that says what it is.

use serde_yaml::Value;

use super::structure::describe;
use crate::diagnostics::Diagnostic;

const CONVERT: &str = "convert it first, e.g. with the swagger2openapi converter (`npx swagger2openapi old.yaml -o new.yaml`) or editor.swagger.io's Edit → Convert to OpenAPI 3";

/// `Ok` for an OpenAPI 3.0 document; otherwise the one error that says what it is instead.
pub fn check_version(value: &Value, file: &str) -> Result<(), Box<Diagnostic>> {
    let Some(map) = value.as_mapping() else {
        let found = match value {
            Value::Sequence(_) => "a YAML list (a sequence)".to_owned(),
            other => describe(other),
        };
        return Err(Box::new(Diagnostic::error(
            file,
            "",
            format!("the document is {found}, not a mapping, so it is not an OpenAPI 3.0 document"),
        )
        .with_hint("an OpenAPI document is a mapping that starts with `openapi: 3.0.3`, then `info:` and `paths:`")));
    };
    match map.get("openapi") {
        Some(Value::String(version)) if version.starts_with("3.0.") => Ok(()),
        Some(version) => {
            let version = super::rules::yaml_text(version);
            Err(Box::new(Diagnostic::error(
                file,
                "/openapi",
                format!("unsupported OpenAPI version `{version}`: sdkgen reads OpenAPI 3.0.x"),
            )
            .with_hint(if version.starts_with('3') {
                "set `openapi: 3.0.3` (quoted if YAML reads it as a number); OpenAPI 3.1 documents must be converted to 3.0 first".to_owned()
            } else {
                format!("set `openapi: 3.0.3`; {CONVERT}")
            })))
        }
        None => match map.get("swagger") {
            Some(version) => Err(Box::new(Diagnostic::error(
                file,
                "/swagger",
                format!(
                    "this is a Swagger {} document; sdkgen reads OpenAPI 3.0",
                    super::rules::yaml_text(version)
                ),
            )
            .with_hint(CONVERT))),
            None => Err(Box::new(Diagnostic::error(
                file,
                "/openapi",
                "the document has no `openapi` version field, so it is not an OpenAPI 3.0 document",
            )
            .with_hint("start the file with `openapi: 3.0.3`"))),
        },
    }
}
