//! Random specs, with names drawn from the ones most likely to break generated code (Rust
//! keywords, the generated code's own identifiers, case and underscore variants of each other,
//! names that start with a digit, non-ASCII names) in shapes of every kind the generator reads:
//! each spec is either rejected with located errors, or yields a crate that compiles without a
//! warning. All accepted crates are checked at once, in one scratch workspace that shares
//! `target/corpus` with the corpus test, and the number of specs and the seed are fixed, so the
//! test stays fast and gives the same specs on every run.

#[path = "generation.rs"]
mod generation;

use std::fs;

use generation::{ScratchWorkspace, generate};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use sdkgen::SettingsOverrides;
use serde_json::{Map, Value, json};

/// How many specs; 48 keep clippy on their crates at a few seconds once the corpus test has
/// built the dependencies (200 take about 15 s).
const SPECS: usize = 48;
const SEED: [u8; 32] = *b"sdkgen: no spec breaks a crate..";

/// Names that mean something to Rust or to the generated code, and variants of each other.
const AWKWARD_NAMES: &[&str] = &[
    // Rust keywords and names that cannot even be raw identifiers.
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "fn",
    "match",
    "async",
    "r#type",
    "_",
    // What the generated code calls its own items, fields, locals and modules.
    "handle",
    "options",
    "send",
    "new",
    "retry_as_idempotent",
    "customize",
    "http_request",
    "into_pages",
    "into_items",
    "from_response",
    "raw_body",
    "raw_text",
    "body",
    "Builder",
    "FromHandle",
    "Handle",
    "Arc",
    "CallOptions",
    "Error",
    "Client",
    "Region",
    "ClientBuilder",
    "OPERATION",
    "KNOWN",
    "SERVICE",
    "models",
    "operations",
    "regions",
    "std",
    "serde",
    "args",
    "client",
    "region",
    "request",
    "response",
    "output",
    "path",
    "query",
    "headers",
    "value",
    "Unknown",
    "Option",
    "String",
    // Case and underscore variants of each other.
    "fooBar",
    "foo_bar",
    "FooBar",
    "foo-bar",
    "__foo_bar",
    "X-Foo",
    "x_foo",
    "x-foo",
    // Digits first, punctuation only, non-ASCII.
    "2fa",
    "3dModel",
    "1",
    "-",
    "获取",
    "名前",
    "Ünïcode",
];

/// Plain names, so that most specs have only a few awkward ones and many are accepted.
const PLAIN_NAMES: &[&str] = &[
    "name", "limit", "marker", "id", "count", "kind", "state", "label", "owner", "size",
];

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => prop::sample::select(AWKWARD_NAMES),
        1 => prop::sample::select(PLAIN_NAMES),
    ]
    .prop_map(str::to_owned)
}

/// An `x-rust-name`: mostly good ones, some that land on generated names or are in the wrong
/// case.
fn rust_name() -> impl Strategy<Value = String> {
    prop::sample::select(
        &[
            "renamed",
            "other_name",
            "type",
            "send",
            "handle",
            "body",
            "fooBar",
            "__x",
        ][..],
    )
    .prop_map(str::to_owned)
}

/// What a header usually is, and sometimes what it cannot be.
fn header_schema() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => Just(json!({"type": "string"})),
        1 => Just(json!({"type": "integer"})),
        1 => Just(json!({"type": "boolean"})),
        1 => Just(json!({"type": "string", "format": "date-time"})),
        1 => schema(),
    ]
}

/// A schema of any kind a parameter, property or header may have, some that sdkgen rejects in
/// some places (objects in a query, arrays in a path), with a reference to `components` at
/// `Model0`.
fn schema() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => Just(json!({"type": "string"})),
        1 => Just(json!({"type": "integer", "format": "int32"})),
        1 => Just(json!({"type": "number"})),
        1 => Just(json!({"type": "boolean"})),
        1 => Just(json!({"type": "string", "format": "date-time"})),
        1 => prop::collection::vec(name(), 1..3).prop_map(|values| json!({"type": "string", "enum": values})),
        1 => Just(json!({"type": "array", "items": {"type": "string"}})),
        1 => Just(json!({"type": "array", "items": {"type": "array", "items": {"type": "integer"}}})),
        1 => Just(json!({"type": "object", "additionalProperties": {"type": "string"}})),
        1 => Just(json!({"$ref": "#/components/schemas/Model0"})),
    ]
}

/// An object schema whose properties have awkward names, some with an `x-rust-name`.
fn object() -> impl Strategy<Value = Value> {
    prop::collection::vec(
        (
            name(),
            schema(),
            any::<bool>(),
            prop::option::weighted(0.2, rust_name()),
        ),
        1..4,
    )
    .prop_map(|properties| {
        let mut map = Map::new();
        let mut required = Vec::new();
        for (name, mut schema, is_required, rust_name) in properties {
            // Beside a `$ref`, OpenAPI 3.0 ignores every key.
            if let (Some(rust_name), Some(object)) = (rust_name, schema.as_object_mut())
                && !object.contains_key("$ref")
            {
                object.insert("x-rust-name".to_owned(), json!(rust_name));
            }
            if is_required {
                required.push(json!(name));
            }
            map.insert(name, schema);
        }
        let mut object = json!({"type": "object", "properties": map});
        if !required.is_empty() {
            object["required"] = json!(required);
        }
        object
    })
}

fn parameter() -> impl Strategy<Value = Value> {
    (name(), prop::sample::select(&["query", "query", "header", "path"][..]), any::<bool>(), schema())
        .prop_map(|(name, location, required, schema)| {
            json!({"name": name, "in": location, "required": required || location == "path", "schema": schema})
        })
}

fn operation() -> impl Strategy<Value = (String, Value)> {
    (
        name(),
        prop::sample::select(&["get", "post", "put", "delete"][..]),
        prop::collection::vec(parameter(), 0..4),
        prop::option::of(object()),
        prop::option::of(prop_oneof![object(), schema()]),
        prop::collection::vec((name(), header_schema()), 0..3),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(id, method, parameters, body, answer, headers, text)| {
            let mut operation = json!({
                "operationId": id,
                "parameters": parameters,
                "responses": {"200": {"description": "ok"}},
            });
            if let Some(body) = body {
                operation["requestBody"] =
                    json!({"content": {"application/json": {"schema": body}}});
            }
            let response = &mut operation["responses"]["200"];
            if let Some(answer) = answer {
                response["content"] = json!({"application/json": {"schema": answer}});
                if text {
                    response["content"]["text/plain"] = json!({"schema": {"type": "string"}});
                }
            }
            let headers: Map<String, Value> = headers
                .into_iter()
                .map(|(name, schema)| (name, json!({"schema": schema})))
                .collect();
            if !headers.is_empty() {
                response["headers"] = Value::Object(headers);
            }
            (method.to_owned(), operation)
        })
}

/// A whole spec: operations on paths that hold their path parameters, and component schemas
/// with awkward names, the first of which (`Model0`) the others may reference.
fn spec() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(operation(), 0..4),
        prop::collection::vec((name(), prop_oneof![object(), schema()]), 0..3),
    )
        .prop_map(|(operations, schemas)| {
            let mut paths = Map::new();
            for (index, (method, operation)) in operations.into_iter().enumerate() {
                let mut path = format!("/v1/op{index}");
                for parameter in operation["parameters"].as_array().into_iter().flatten() {
                    if parameter["in"] == "path" {
                        path.push_str(&format!("/{{{}}}", parameter["name"].as_str().unwrap_or_default()));
                    }
                }
                let mut item = Map::new();
                item.insert(method, operation);
                paths.insert(path, Value::Object(item));
            }
            let mut components = Map::new();
            components.insert("Model0".to_owned(), json!({"type": "object", "properties": {"id": {"type": "string"}}}));
            for (name, schema) in schemas {
                components.entry(name).or_insert(schema);
            }
            json!({
                "openapi": "3.0.3",
                "info": {"title": "Random", "version": "v1"},
                "servers": [{"url": "https://random.{region}.example.com", "variables": {"region": {"default": "cn-north-4", "enum": ["cn-north-4"]}}}],
                "paths": paths,
                "components": {"schemas": components},
            })
        })
}

#[test]
fn random_specs_are_rejected_with_located_errors_or_compile() {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &SEED),
    );
    let strategy = spec();
    let scratch = ScratchWorkspace::fresh("random-crates");
    let mut members = Vec::new();
    let mut rejected = 0;
    for index in 0..SPECS {
        let document = strategy.new_tree(&mut runner).unwrap().current();
        let name = format!("random-{index}");
        let spec = scratch.member(&format!("{name}.json"));
        fs::write(&spec, serde_json::to_string_pretty(&document).unwrap()).unwrap();
        let overrides = SettingsOverrides {
            crate_name: Some(name.clone()),
            ..SettingsOverrides::default()
        };
        let report = generate(
            &spec,
            format!("{name}.json"),
            &scratch.member(&name),
            overrides,
        );
        if report.success {
            members.push(name);
            continue;
        }
        rejected += 1;
        let errors: Vec<&String> = report
            .stderr
            .iter()
            .filter(|l| l.starts_with("error:"))
            .collect();
        assert!(
            !errors.is_empty(),
            "{name} failed without an error:\n{}",
            report.stderr.join("\n")
        );
        for error in errors {
            // Every error names the file, its line and the JSON pointer of the place.
            let located =
                error.starts_with(&format!("error: {name}.json:")) && error.contains(" at /");
            assert!(located, "{name}: an error without its place: {error}");
        }
    }
    // The seed gives both outcomes plenty of times; a change that rejects everything, or
    // nothing, is a change of this test's meaning.
    assert!(
        members.len() >= 6 && rejected >= 6,
        "{} accepted, {rejected} rejected",
        members.len()
    );
    scratch.write_manifest(&members);
    // Clippy rather than a plain check: what clippy says is what users of the crates see.
    let output = scratch.cargo(generation::CLIPPY);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && !stderr.contains("warning"),
        "the crates of accepted random specs (target/random-crates) do not compile cleanly:\n{stderr}"
    );
}
