//! Generation time: the five-operation FunctionGraph crate end to end and per stage (parse,
//! lower, render, format), and how the time grows with the size of the spec.
//!
//! For growth, a synthetic spec in the style of the FunctionGraph one, with `n` operations and
//! `2n` schemas, is generated end to end in memory, for n = 50 to 500. Linear growth shows as a
//! constant time per operation across the sizes.
//!
//! Run: `cargo bench -p sdkgen --bench generation`

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sdkgen::load::{LoadedSpec, parse};
use sdkgen::lower::lower;
use sdkgen::render::{format_files, render_templates};
use sdkgen::{SettingsOverrides, generate_from_str};

#[path = "support/synthetic.rs"]
mod synthetic;
use synthetic::synthetic_spec;

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
