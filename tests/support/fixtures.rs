//! The documents the tests compare against: the spec's documented examples, and the requests
//! recorded from the official Python SDK (`tests/fixtures/official_requests.json`).

use std::path::PathBuf;

use serde_json::Value;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The spec as JSON.
pub fn spec() -> Value {
    let path = workspace_root().join("spec/functiongraph.yaml");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_yaml::from_str(&text).expect("the spec is YAML")
}

/// The operation object whose operationId is `operation_id`.
pub fn operation(spec: &Value, operation_id: &str) -> Value {
    let paths = spec["paths"].as_object().expect("paths");
    for item in paths.values() {
        for operation in item.as_object().expect("path item").values() {
            if operation["operationId"] == operation_id {
                return operation.clone();
            }
        }
    }
    panic!("no operation {operation_id} in the spec")
}

/// A response object of an operation, following a `$ref` into components.responses.
pub fn response(spec: &Value, operation_id: &str, status: &str) -> Value {
    let response = operation(spec, operation_id)["responses"][status].clone();
    resolve(spec, response)
}

/// The documented JSON example of a response (the `example` of its `application/json` content,
/// or the first of its `examples`).
pub fn response_example(spec: &Value, operation_id: &str, status: &str) -> Value {
    let response = response(spec, operation_id, status);
    let content = &response["content"]["application/json"];
    if let Some(example) = content.get("example") {
        return example.clone();
    }
    if let Some(first) = content
        .get("examples")
        .and_then(Value::as_object)
        .and_then(|e| e.values().next())
    {
        return resolve(spec, first.clone())["value"].clone();
    }
    panic!("{operation_id} {status} has no documented example")
}

/// The documented error statuses of an operation (400 and above), in spec order.
pub fn error_statuses(spec: &Value, operation_id: &str) -> Vec<String> {
    operation(spec, operation_id)["responses"]
        .as_object()
        .expect("responses")
        .keys()
        .filter(|status| status.parse::<u16>().is_ok_and(|s| s >= 400))
        .cloned()
        .collect()
}

fn resolve(spec: &Value, value: Value) -> Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.trim_start_matches('#');
            resolve(
                spec,
                spec.pointer(pointer)
                    .unwrap_or_else(|| panic!("{reference} resolves"))
                    .clone(),
            )
        }
        None => value,
    }
}

/// The headers of a recorded request, as (name, value) pairs in arrival order.
pub fn recorded_headers(request: &Value) -> Vec<(String, String)> {
    let pairs = request["headers"].as_array().expect("recorded headers");
    pairs
        .iter()
        .map(|pair| {
            let text = |i: usize| pair[i].as_str().expect("a header name or value").to_owned();
            (text(0), text(1))
        })
        .collect()
}

/// The requests recorded from the official SDK.
pub fn official_requests() -> Value {
    let path = workspace_root().join("tests/fixtures/official_requests.json");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).expect("the fixture is JSON")
}
