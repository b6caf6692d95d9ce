//! What making a client costs.
//!
//! - first: the first `SdkConfig` of the process, which builds the default transport and loads
//!   the system's trust store; timed once, before anything else, and printed.
//! - `reqwest_client`: building the same reqwest client alone, which loads the trust store on
//!   every build: what the first configuration must cost.
//! - `sdk_config`: a further `SdkConfig` (a client of its own, `Client::builder().build()`):
//!   its transport shares the trust store the first loaded.
//! - `client_from_config`: `Client::new(&config)`, a service client from a configuration that
//!   already has its transport: the cost of every further client, of any service.
//!
//! Run: `cargo bench -p functiongraph-tests --bench construction`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use huaweicloud_sdk_functiongraph::{
    Client, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, SdkConfig,
};

fn config() -> SdkConfig {
    SdkConfig::builder()
        .endpoint("https://functiongraph.cn-north-4.myhuaweicloud.com")
        .project_id("0123456789abcdef0123456789abcdef")
        .access_key("AK", "SK")
        .build()
        .expect("a configuration")
}

fn construction(c: &mut Criterion) {
    let started = std::time::Instant::now();
    black_box(config());
    println!(
        "construction/first_sdk_config (once, loading the trust store): {:.2} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    let mut group = c.benchmark_group("construction");
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("sdk_config", |b| b.iter(|| black_box(config())));
    group.bench_function("reqwest_client", |b| {
        b.iter(|| {
            black_box(
                reqwest::Client::builder()
                    .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
                    .read_timeout(DEFAULT_READ_TIMEOUT)
                    .redirect(reqwest::redirect::Policy::none())
                    .build()
                    .expect("a reqwest client"),
            )
        })
    });
    let shared = config();
    group.bench_function("client_from_config", |b| {
        b.iter(|| black_box(Client::new(&shared).expect("a client")))
    });
    group.finish();
}

criterion_group!(benches, construction);
criterion_main!(benches);
