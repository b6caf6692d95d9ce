//! Generation time: the five-operation FunctionGraph crate end to end and per stage (parse,
//! lower, render, format), and how the time grows with the size of the spec.
//!
//! For growth, a synthetic spec in the style of the FunctionGraph one, with `n` operations and
//! `2n` schemas, is generated end to end in memory, for n = 50 to 500. Linear growth shows as a
//! constant time per operation across the sizes.
//!
//! Run: `cargo bench -p sdkgen --bench generation`

use std::fmt::Write;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sdkgen::load::{LoadedSpec, parse};
use sdkgen::lower::lower;
use sdkgen::render::{format_files, render_templates};
use sdkgen::{SettingsOverrides, generate_from_str};

/// A spec with `operations` operations and two schemas per operation: a request body with an
/// enum and a nested reference, and a response item.
fn synthetic_spec(operations: usize) -> String {
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

fn functiongraph_stages(c: &mut Criterion) {
    let name = sdkgen::DEFAULT_SPEC;
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(name),
    )
    .expect("the spec");
    let overrides = SettingsOverrides::default();
    let spec: LoadedSpec = parse(&text, name).expect("the spec parses");
    let api = lower(&spec, &overrides, name).0.expect("the spec lowers");
    let rendered = render_templates(&api).expect("the templates render");

    let mut group = c.benchmark_group("functiongraph");
    group.bench_function("end_to_end", |b| {
        b.iter(|| generate_from_str(&text, name, &overrides).unwrap())
    });
    group.bench_function("parse", |b| b.iter(|| parse(&text, name).unwrap()));
    group.bench_function("lower", |b| {
        b.iter(|| lower(&spec, &overrides, name).0.unwrap())
    });
    group.bench_function("render", |b| b.iter(|| render_templates(&api).unwrap()));
    group.bench_function("format", |b| {
        b.iter(|| format_files(name, rendered.clone()).unwrap())
    });
    group.finish();
}

fn generation(c: &mut Criterion) {
    let mut group = c.benchmark_group("generate");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for operations in [50, 100, 250, 500] {
        let spec = synthetic_spec(operations);
        let check = generate_from_str(&spec, "synthetic.yaml", &SettingsOverrides::default())
            .expect("the synthetic spec generates");
        // Each operation brings two named schemas and one inline enum.
        assert_eq!(check.operations, operations);
        assert_eq!(check.types, operations * 3);
        group.throughput(Throughput::Elements(operations as u64));
        group.bench_with_input(
            BenchmarkId::new("operations", operations),
            &spec,
            |b, spec| {
                b.iter(|| {
                    generate_from_str(spec, "synthetic.yaml", &SettingsOverrides::default())
                        .unwrap()
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, functiongraph_stages, generation);
criterion_main!(benches);
