//! Rules for one Schema object: its `type` is one of OpenAPI 3.0's six, its `format` fits the
//! type, every `enum` value fits the type, and `required` is a list of names. The typed parse
//! turns any schema it cannot read into an untyped one, which the generator would make a
//! `serde_json::Value` without a word.

use serde_yaml::{Mapping, Value};

use super::rules::yaml_text;
use super::structure::{Checker, Place, describe};
use super::suggest::closest;

const TYPES: [&str; 6] = ["string", "integer", "number", "boolean", "array", "object"];

/// The formats OpenAPI 3.0 defines for each type, then the common JSON Schema string formats
/// and sdkgen's own `json`, all of which generate plainly. Formats are open-ended in OpenAPI, so
/// any other is a warning, not an error.
fn known_formats(schema_type: &str) -> &'static [&'static str] {
    match schema_type {
        "integer" => &["int32", "int64"],
        "number" => &["float", "double"],
        "string" => &[
            "byte",
            "binary",
            "date",
            "date-time",
            "password",
            "json",
            "email",
            "uuid",
            "uri",
            "uri-reference",
            "hostname",
            "ipv4",
            "ipv6",
            "url",
        ],
        _ => &[],
    }
}

pub fn check(checker: &mut Checker<'_>, map: &Mapping, at: &Place<'_>) {
    let schema_type = schema_type(checker, map, at);
    format(checker, map, schema_type, at);
    enumeration(checker, map, schema_type, at);
    required(checker, map, at);
    if let Some(schema_type) = schema_type {
        keywords_of_other_types(checker, map, schema_type, at);
    }
}

/// The types whose schemas a keyword constrains, for the keywords that constrain only some.
fn keyword_types(keyword: &str) -> Option<&'static [&'static str]> {
    Some(match keyword {
        "pattern" | "minLength" | "maxLength" => &["string"],
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" => {
            &["number", "integer"]
        }
        "items" | "minItems" | "maxItems" | "uniqueItems" => &["array"],
        "properties" | "required" | "additionalProperties" | "minProperties" | "maxProperties" => {
            &["object"]
        }
        _ => return None,
    })
}

/// JSON Schema allows a keyword of another type (it never applies), but it is a mistake, and
/// the typed parse then reads the schema as untyped.
fn keywords_of_other_types(
    checker: &mut Checker<'_>,
    map: &Mapping,
    schema_type: &str,
    at: &Place<'_>,
) {
    for (key, value) in map {
        let Some(key) = key.as_str() else {
            continue;
        };
        let Some(types) = keyword_types(key) else {
            continue;
        };
        // `required: true` on a property was reported as a misplaced `required` already.
        if key == "required" && !value.is_sequence() {
            continue;
        }
        if !types.contains(&schema_type) {
            checker.warning(
                &at.child(key),
                format!(
                    "`{key}` is a keyword of {} schemas, not of `type: {schema_type}`; remove it or fix the `type`",
                    types.join(" and ")
                ),
            );
        }
    }
}

/// The schema's type, when it is a valid one.
fn schema_type<'m>(checker: &mut Checker<'_>, map: &'m Mapping, at: &Place<'_>) -> Option<&'m str> {
    let value = map.get("type")?;
    let type_at = at.child("type");
    match value {
        Value::String(name) if TYPES.contains(&name.as_str()) => Some(name),
        Value::String(name) => {
            let hint = match closest(name, TYPES) {
                Some(found) => format!("did you mean `type: {found}`?"),
                None => "use one of string, integer, number, boolean, array, object".to_owned(),
            };
            checker.error(
                &type_at,
                format!("`type: {name}` is not an OpenAPI 3.0 type"),
                hint,
            );
            None
        }
        Value::Sequence(_) => {
            checker.error(
                &type_at,
                "`type` is a list, which OpenAPI 3.0 does not allow (that is OpenAPI 3.1)",
                "write one type; for a value that may be null, add `nullable: true`",
            );
            None
        }
        other => {
            checker.error(
                &type_at,
                format!("`type` is {}, not a type name", describe(other)),
                "use one of string, integer, number, boolean, array, object",
            );
            None
        }
    }
}

fn format(checker: &mut Checker<'_>, map: &Mapping, schema_type: Option<&str>, at: &Place<'_>) {
    let Some(format) = map.get("format") else {
        return;
    };
    let format_at = at.child("format");
    let Some(format) = format.as_str() else {
        checker.error(
            &format_at,
            format!("`format` is {}, not a format name", describe(format)),
            "write a format name such as `int32` or `date-time`",
        );
        return;
    };
    let Some(schema_type) = schema_type else {
        if !map.contains_key("type") {
            checker.warning(
                &format_at,
                format!("`format: {format}` without a `type` is ignored; the value is typed as serde_json::Value"),
            );
        }
        return;
    };
    let known = known_formats(schema_type);
    if known.contains(&format) {
        return;
    }
    if known.is_empty() {
        checker.warning(
            &format_at,
            format!(
                "`format: {format}` does not apply to `type: {schema_type}` schemas; remove it"
            ),
        );
        return;
    }
    let owner = TYPES.iter().find(|t| known_formats(t).contains(&format));
    let message = match (owner, closest(format, known.iter().copied())) {
        (Some(owner), _) => format!(
            "`format: {format}` is a format of `{owner}`, not of `{schema_type}`; it is ignored"
        ),
        (None, Some(near)) => format!(
            "`format: {format}` is not a format sdkgen knows for `{schema_type}` (did you mean `{near}`?); it is ignored"
        ),
        (None, None) => format!(
            "`format: {format}` is not a format sdkgen knows for `{schema_type}`; it is ignored"
        ),
    };
    checker.warning(&format_at, message);
}

fn enumeration(
    checker: &mut Checker<'_>,
    map: &Mapping,
    schema_type: Option<&str>,
    at: &Place<'_>,
) {
    let Some(values) = map.get("enum") else {
        return;
    };
    let enum_at = at.child("enum");
    let Some(values) = values.as_sequence().filter(|v| !v.is_empty()) else {
        checker.error(
            &enum_at,
            format!("`enum` is {}, not a list of values", describe(values)),
            "write `enum: [a, b]`",
        );
        return;
    };
    let Some(schema_type) = schema_type else {
        if !map.contains_key("type") {
            checker.warning(
                &enum_at,
                "`enum` without a `type`: the value is typed as serde_json::Value",
            );
        }
        return;
    };
    let nullable = map.get("nullable") == Some(&Value::Bool(true));
    for (index, value) in values.iter().enumerate() {
        if fits(value, schema_type) || (value.is_null() && nullable) {
            continue;
        }
        // JSON Schema allows enum values of any type (openapi-spec-validator accepts them), so
        // these are warnings; but the typed parse then drops the enum, or the null.
        let hint = match (schema_type, value) {
            ("string", Value::Number(_) | Value::Bool(_)) => {
                format!(
                    "quote it, `'{}'`, so YAML reads it as a string",
                    yaml_text(value)
                )
            }
            (_, Value::Null) => "add `nullable: true`, or remove the null".to_owned(),
            _ => format!("use {schema_type} values, or change the `type`"),
        };
        let article = if schema_type.starts_with(['a', 'i', 'o']) {
            "an"
        } else {
            "a"
        };
        let consequence = if value.is_null() {
            " and the schema is not `nullable`; sdkgen leaves it out"
        } else {
            ", so sdkgen types this value as serde_json::Value"
        };
        checker.warning_with_hint(
            &enum_at.child(&index.to_string()),
            format!(
                "enum value `{}` is not {article} {schema_type}{consequence}",
                yaml_text(value)
            ),
            hint,
        );
    }
}

/// Whether a YAML value is a valid instance of the type (as JSON Schema reads the type).
fn fits(value: &Value, schema_type: &str) -> bool {
    match schema_type {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_bool(),
        "array" => value.is_sequence(),
        "object" => value.is_mapping(),
        _ => true,
    }
}

/// In a schema, `required` lists property names. (`required: true` belongs on parameters; on a
/// property, the typed parse would fail with a message about untagged enums.)
fn required(checker: &mut Checker<'_>, map: &Mapping, at: &Place<'_>) {
    let Some(required) = map.get("required") else {
        return;
    };
    let all_names = required
        .as_sequence()
        .is_some_and(|names| !names.is_empty() && names.iter().all(Value::is_string));
    if !all_names {
        checker.error(
            &at.child("required"),
            format!(
                "`required` in a schema is a non-empty list of property names, not {}",
                describe(required)
            ),
            "list the property in its object's `required`, e.g. `required: [name]`",
        );
    }
}
