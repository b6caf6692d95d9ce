//! The synthetic spec of the generation benchmark, shared with `examples/synthetic_spec.rs`,
//! which writes it out for `tests/benches/side_by_side.sh`.

use std::fmt::Write;

/// A spec with `operations` operations and two schemas per operation: a request body with an
/// enum and a nested reference, and a response item.
pub fn synthetic_spec(operations: usize) -> String {
    let mut spec = String::from(
        "openapi: 3.0.3\ninfo: {title: Synthetic, version: v1, x-rust-crate: {name: synthetic, version: 0.1.0}}\n\
         servers: [{url: 'https://synthetic.{region}.example.com'}]\npaths:\n",
    );
    for i in 0..operations {
        let _ = write!(
            spec,
            "  /v2/{{project_id}}/things{i}/{{thing_id}}:\n    post:\n      operationId: CreateThing{i}\n      summary: Creates thing {i}.\n      parameters:\n        - {{name: project_id, in: path, required: true, schema: {{type: string}}, x-client-field: project_id}}\n        - {{name: thing_id, in: path, required: true, schema: {{type: string}}}}\n        - {{name: limit, in: query, schema: {{type: integer, format: int32}}}}\n        - {{name: X-Trace-Id, in: header, schema: {{type: string}}}}\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema: {{$ref: '#/components/schemas/Thing{i}Input'}}\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  items: {{type: array, items: {{$ref: '#/components/schemas/Thing{i}Item'}}}}\n                  count: {{type: integer, format: int32}}\n        '404':\n          description: Not found\n"
        );
    }
    spec.push_str("components:\n  schemas:\n");
    for i in 0..operations {
        let _ = write!(
            spec,
            "    Thing{i}Input:\n      type: object\n      required: [name]\n      description: The input of operation {i}.\n      properties:\n        name: {{type: string, description: A name.}}\n        mode: {{type: string, enum: [fast, safe]}}\n        item: {{$ref: '#/components/schemas/Thing{i}Item'}}\n    Thing{i}Item:\n      type: object\n      properties:\n        id: {{type: string}}\n        size: {{type: integer, format: int64}}\n        tags: {{type: object, additionalProperties: {{type: string}}}}\n"
        );
    }
    spec
}
