//! Keys that are no field of their object: misspellings (`requried`), JSON Schema or Swagger 2.0
//! keywords that OpenAPI 3.0 does not have, or fields of a neighbouring object. The typed parse
//! drops all of them silently; here each is an error with the likely fix.

use super::objects::Kind;
use super::structure::{Checker, Place};
use super::suggest::closest;

/// Reports `key`, a key that `kind` objects do not have. Returns the field it suggests instead,
/// so that a required field spelled wrong is not reported a second time as missing.
pub fn unknown_key(
    checker: &mut Checker<'_>,
    kind: Kind,
    key: &str,
    at: &Place<'_>,
) -> Option<&'static str> {
    let mut candidates: Vec<&'static str> = kind.fields().iter().map(|(name, _)| *name).collect();
    if kind.may_be_reference() {
        candidates.push("$ref");
    }
    let suggestion = closest(key, candidates);
    let hint = match (known_mistake(kind, key), suggestion) {
        (Some(hint), _) => hint.to_owned(),
        (None, Some(found)) if kind.required().contains(&found) => {
            format!(
                "did you mean `{found}`? {} object requires it",
                kind.a_name()
            )
        }
        (None, Some(found)) => format!("did you mean `{found}`?"),
        (None, None) => format!(
            "{} object has only the fields {}; vendor extensions start with `x-`",
            kind.a_name(),
            field_list(kind)
        ),
    };
    checker.error(
        at,
        format!("unknown key `{key}` in {} object", kind.a_name()),
        hint,
    );
    suggestion
}

/// Hints for keys that come from another specification or another object, where an edit
/// distance would suggest nothing useful.
fn known_mistake(kind: Kind, key: &str) -> Option<&'static str> {
    Some(match (kind, key) {
        (Kind::Schema, "const") => "`const` is JSON Schema, not OpenAPI 3.0: write `enum: [value]`",
        (Kind::Schema, "examples") => {
            "OpenAPI 3.0 schemas take one `example`; lists of `examples` belong to media types and parameters"
        }
        (
            Kind::Schema,
            "$schema" | "$id" | "$defs" | "definitions" | "patternProperties" | "dependencies"
            | "propertyNames" | "contains" | "if" | "then" | "else",
        ) => "this JSON Schema keyword does not exist in OpenAPI 3.0 schemas",
        (Kind::Header, "name" | "in") => {
            "a header takes its name from its key under `headers`; remove `name` and `in`"
        }
        (Kind::Parameter | Kind::Header, "type" | "format" | "items" | "enum" | "default") => {
            "in OpenAPI 3.0 a parameter's type goes under `schema`, e.g. `schema: {type: string}`"
        }
        (Kind::Response, "schema") => {
            "in OpenAPI 3.0 a response body goes under `content: {application/json: {schema: ...}}`"
        }
        (Kind::Operation, "consumes" | "produces") => {
            "Swagger 2.0's media types are the keys of `content` in OpenAPI 3.0"
        }
        _ => return None,
    })
}

fn field_list(kind: Kind) -> String {
    let fields: Vec<String> = kind
        .fields()
        .iter()
        .map(|(name, _)| format!("`{name}`"))
        .collect();
    fields.join(", ")
}
