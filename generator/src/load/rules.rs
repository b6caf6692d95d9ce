//! Rules of the OpenAPI 3.0 specification that its object table cannot express: where a
//! parameter is, that a path parameter is required, that one list declares a parameter once,
//! and the shape of path and status-code keys.

use serde_yaml::{Mapping, Sequence, Value};

use super::structure::{Checker, Place};
use super::suggest::closest;

const PARAMETER_LOCATIONS: [&str; 4] = ["query", "header", "path", "cookie"];

/// One Parameter object (not a `$ref`).
pub fn parameter(checker: &mut Checker<'_>, map: &Mapping, at: &Place<'_>) {
    let name = map.get("name").and_then(Value::as_str).unwrap_or("?");
    match map.get("in") {
        None => {}
        Some(Value::String(location))
            if location == "path" && map.get("required") != Some(&Value::Bool(true)) =>
        {
            checker.error(
                &at.child("required"),
                format!("path parameter `{name}` must be declared with `required: true`"),
                "add `required: true`; a path parameter is always required (OpenAPI 3.0 §4.7.12)",
            );
        }
        Some(Value::String(location)) if PARAMETER_LOCATIONS.contains(&location.as_str()) => {}
        Some(Value::String(location)) if location == "body" || location == "formData" => {
            checker.error(
                &at.child("in"),
                format!("`in: {location}` is Swagger 2.0; OpenAPI 3.0 has no such parameter"),
                "describe the body with the operation's `requestBody` instead",
            );
        }
        Some(other) => {
            let text = other.as_str().unwrap_or_default();
            let hint = match closest(text, PARAMETER_LOCATIONS) {
                Some(found) => format!("did you mean `in: {found}`?"),
                None => "use `query`, `header`, `path` or `cookie`".to_owned(),
            };
            checker.error(
                &at.child("in"),
                format!(
                    "parameter `{name}` has `in: {}`, which is not a parameter location",
                    yaml_text(other)
                ),
                hint,
            );
        }
    }
    match (map.contains_key("schema"), map.contains_key("content")) {
        (false, false) => checker.error(
            at,
            format!("parameter `{name}` has neither `schema` nor `content`"),
            "add `schema`, e.g. `schema: {type: string}`",
        ),
        (true, true) => checker.error(
            at,
            format!("parameter `{name}` has both `schema` and `content`; OpenAPI 3.0 allows one"),
            "keep `schema`",
        ),
        _ => {}
    }
}

/// One `parameters` list may not declare the same name and location twice. (An operation's own
/// parameter may override a path-level one of the same name and location; that is two lists.)
pub fn duplicate_parameters(checker: &mut Checker<'_>, list: &Sequence, at: &Place<'_>) {
    let mut seen: Vec<(String, String, usize)> = Vec::new();
    for (index, entry) in list.iter().enumerate() {
        // A `$ref` counts as the parameter it points to.
        let parameter = match entry.get("$ref").and_then(Value::as_str) {
            Some(reference) => match checker.resolve_local(reference) {
                Some(target) => target,
                None => continue,
            },
            None => entry,
        };
        let (Some(name), Some(location)) = (
            parameter.get("name").and_then(Value::as_str),
            parameter.get("in").and_then(Value::as_str),
        ) else {
            continue;
        };
        if let Some((_, _, first)) = seen.iter().find(|(n, l, _)| n == name && l == location) {
            checker.error(
                &at.item(index),
                format!(
                    "parameter `{name}` in {location} is declared twice in this list (first at {}/{first})",
                    at.pointer()
                ),
                "remove one; a name and location may appear once per list (an operation's parameter may override a path-level one)",
            );
            continue;
        }
        seen.push((name.to_owned(), location.to_owned(), index));
    }
}

/// A key of `paths`. The typed parse drops keys without a leading `/`, and with them every
/// operation of the path, so this is an error rather than a quiet omission.
pub fn path_key(checker: &mut Checker<'_>, key: &str, at: &Place<'_>) -> bool {
    if key.starts_with('/') {
        return true;
    }
    checker.error(
        at,
        format!("path `{key}` does not start with `/`, so its operations would be ignored"),
        format!("write `/{key}`"),
    );
    false
}

/// A key of `responses`: `default`, a status code from 100 to 599, or a range such as `2XX`.
pub fn status_key(checker: &mut Checker<'_>, key: &str, at: &Place<'_>) -> bool {
    let bytes = key.as_bytes();
    let is_code =
        key.len() == 3 && bytes.iter().all(u8::is_ascii_digit) && (b'1'..=b'5').contains(&bytes[0]);
    let is_range = key.len() == 3 && (b'1'..=b'5').contains(&bytes[0]) && &bytes[1..] == b"XX";
    if key == "default" || is_code || is_range {
        return true;
    }
    checker.error(
        at,
        format!("`{key}` is not an HTTP status code"),
        "use a code from 100 to 599, a range such as `2XX` (capital X), or `default`",
    );
    false
}

/// A scalar as it was written, for messages.
pub fn yaml_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_owned(),
        _ => super::structure::describe(value),
    }
}
