//! The client's cost: signing one request, and full round trips on loopback.
//!
//! For InvokeFunction and ListAsyncInvocations, three ways to make the same call are measured
//! in the same run against the same loopback server:
//! - `generated`: the generated client with AK/SK signing;
//! - `handwritten_signed`: a reqwest call written by hand that does the same work (URL, headers,
//!   SDK-HMAC-SHA256 with the same signer, JSON body, typed decoding);
//! - `handwritten_unsigned`: the same call without signing.
//!
//! Criterion measures each; then interleaved rounds of the three give the throughput ratios,
//! which are printed: the targets are generated ≥ 0.98 × signed hand-written, and ≥ 0.95 ×
//! unsigned hand-written.
//!
//! Run: `cargo bench -p functiongraph-tests --bench client`

use std::time::{Duration, Instant, SystemTime};

use criterion::{Criterion, criterion_group};
use functiongraph_tests::{
    ACCESS_KEY, CannedResponse, PROJECT_ID, SECRET_KEY, TestServer, URN, signing_client_for,
};
use huaweicloud_sdk_functiongraph::Client;
use huaweicloud_sdk_functiongraph::signing::{SignableRequest, sdk_date, sign};
use serde::Deserialize;

/// The official SDK's path encoding: all but `A-Z a-z 0-9 - _ . ~`.
const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

const INVOKE_ANSWER: &str = r#"{"request_id": "1cbe80f3-3c65-475e-ad88-76ac518d386x", "result": "{\"statusCode\": 200}", "log": "done", "status": 200}"#;
const LIST_ANSWER: &str = r#"{"invocations": [{"request_id": "403fcbd6-ec41-401f-9fa7-386f3d3d0001", "status": "SUCCESS", "error_message": "", "start_time": "2019-10-25T15:37:27", "end_time": "2019-10-25T15:37:27", "error_code": 0}], "count": 1, "next_marker": 1}"#;

/// What a hand-written caller would decode InvokeFunction's answer into.
#[derive(Deserialize)]
#[allow(dead_code)]
struct InvokeAnswer {
    request_id: Option<String>,
    result: Option<String>,
    log: Option<String>,
    status: Option<i32>,
}

/// What a hand-written caller would decode ListAsyncInvocations' answer into.
#[derive(Deserialize)]
#[allow(dead_code)]
struct ListAnswer {
    invocations: Option<Vec<serde_json::Value>>,
    count: Option<i32>,
    next_marker: Option<i32>,
}

/// A hand-written call: the URL, the official headers, optionally the signature, the body.
struct HandWritten {
    http: reqwest::Client,
    base: String,
    host: String,
}

impl HandWritten {
    fn new(server: &TestServer) -> Self {
        HandWritten {
            http: reqwest::Client::new(),
            host: server.url().trim_start_matches("http://").to_owned(),
            base: server.url(),
        }
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        query: &str,
        body: Option<&[u8]>,
        signed: bool,
    ) -> bytes::Bytes {
        let url = if query.is_empty() {
            format!("{}{path}", self.base)
        } else {
            format!("{}{path}?{query}", self.base)
        };
        let date = sdk_date(SystemTime::now());
        let mut headers = vec![
            ("Content-Type", "application/json"),
            ("User-Agent", "handwritten/1.0"),
            ("X-Project-Id", PROJECT_ID),
        ];
        let authorization;
        if signed {
            headers.push(("X-Sdk-Date", &date));
            headers.push(("Host", &self.host));
            let signable = SignableRequest {
                method: method.as_str(),
                path,
                query,
                headers: &headers,
                body: body.unwrap_or_default(),
            };
            authorization = sign(&signable, SECRET_KEY).authorization(ACCESS_KEY);
            headers.push(("Authorization", &authorization));
        }
        let mut request = self.http.request(method, url);
        for (name, value) in headers {
            request = request.header(name, value);
        }
        if let Some(body) = body {
            request = request.body(body.to_vec());
        }
        let response = request.send().await.expect("sent");
        assert!(response.status().is_success());
        response.bytes().await.expect("read")
    }

    async fn invoke(&self, path: &str, signed: bool) -> InvokeAnswer {
        let body = serde_json::to_vec(&serde_json::json!({"k": "v"})).unwrap();
        let bytes = self
            .call(reqwest::Method::POST, path, "", Some(&body), signed)
            .await;
        serde_json::from_slice(&bytes).expect("decoded")
    }

    async fn list(&self, path: &str, signed: bool) -> ListAnswer {
        let bytes = self
            .call(
                reqwest::Method::GET,
                path,
                "limit=100&marker=0",
                None,
                signed,
            )
            .await;
        serde_json::from_slice(&bytes).expect("decoded")
    }
}

fn function_path(suffix: &str) -> String {
    let urn = percent_encoding::utf8_percent_encode(URN, UNRESERVED);
    format!("/v2/{PROJECT_ID}/fgs/functions/{urn}/{suffix}")
}

fn signing(c: &mut Criterion) {
    let path = function_path("invocations");
    let date = "20261122T104300Z";
    let headers = [
        ("Content-Type", "application/json"),
        ("User-Agent", "huaweicloud-sdk-functiongraph/0.1.0"),
        ("X-Project-Id", PROJECT_ID),
        ("X-Cff-Log-Type", "tail"),
        ("X-Sdk-Date", date),
        ("Host", "functiongraph.cn-north-4.myhuaweicloud.com"),
    ];
    let body = br#"{"k": "v", "n": [1, 2, 3]}"#;
    c.bench_function("signing/invoke_function", |b| {
        b.iter(|| {
            let request = SignableRequest {
                method: "POST",
                path: &path,
                query: "",
                headers: &headers,
                body,
            };
            sign(&request, SECRET_KEY)
        })
    });
}

/// The three ways to make a call.
#[derive(Debug, Clone, Copy)]
enum Variant {
    Generated,
    HandwrittenSigned,
    HandwrittenUnsigned,
}

const VARIANTS: [Variant; 3] = [
    Variant::Generated,
    Variant::HandwrittenSigned,
    Variant::HandwrittenUnsigned,
];

impl Variant {
    fn name(self) -> &'static str {
        match self {
            Variant::Generated => "generated",
            Variant::HandwrittenSigned => "handwritten_signed",
            Variant::HandwrittenUnsigned => "handwritten_unsigned",
        }
    }
}

/// A loopback server on threads of its own, and the clients that call it.
struct Setup {
    operation: &'static str,
    client: Client,
    handwritten: HandWritten,
    path: String,
    // Dropped last: the server stops with its runtime.
    _server: TestServer,
}

impl Setup {
    fn new(
        operation: &'static str,
        runtime: &tokio::runtime::Runtime,
        server_runtime: &tokio::runtime::Runtime,
    ) -> Setup {
        let (answer, suffix) = match operation {
            "InvokeFunction" => (INVOKE_ANSWER, "invocations"),
            _ => (LIST_ANSWER, "async-invocations"),
        };
        // The server runs on a thread of its own, as a real server runs in a process of its own.
        let server =
            server_runtime.block_on(TestServer::answering(CannedResponse::json(200, answer)));
        server.stop_recording();
        let _guard = runtime.enter();
        Setup {
            operation,
            client: signing_client_for(&server),
            handwritten: HandWritten::new(&server),
            path: function_path(suffix),
            _server: server,
        }
    }

    async fn call(&self, variant: Variant) {
        match (self.operation, variant) {
            ("InvokeFunction", Variant::Generated) => {
                let output = self
                    .client
                    .invoke_function(URN)
                    .body(serde_json::json!({"k": "v"}))
                    .send()
                    .await
                    .unwrap();
                std::hint::black_box(output);
            }
            ("InvokeFunction", handwritten) => {
                let signed = matches!(handwritten, Variant::HandwrittenSigned);
                std::hint::black_box(self.handwritten.invoke(&self.path, signed).await);
            }
            (_, Variant::Generated) => {
                let output = self
                    .client
                    .list_async_invocations(URN)
                    .limit("100")
                    .marker("0")
                    .send()
                    .await
                    .unwrap();
                std::hint::black_box(output);
            }
            (_, handwritten) => {
                let signed = matches!(handwritten, Variant::HandwrittenSigned);
                std::hint::black_box(self.handwritten.list(&self.path, signed).await);
            }
        }
    }
}

fn runtimes() -> (tokio::runtime::Runtime, tokio::runtime::Runtime) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let server_runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    (runtime, server_runtime)
}

const OPERATIONS: [&str; 2] = ["InvokeFunction", "ListAsyncInvocations"];

fn round_trips(c: &mut Criterion) {
    let (runtime, server_runtime) = runtimes();
    for operation in OPERATIONS {
        let setup = Setup::new(operation, &runtime, &server_runtime);
        let mut group = c.benchmark_group(format!("round_trip/{operation}"));
        group.measurement_time(Duration::from_secs(8));
        for variant in VARIANTS {
            group.bench_function(variant.name(), |b| {
                b.to_async(&runtime).iter(|| setup.call(variant))
            });
        }
        group.finish();
    }
}

/// The ratios, measured in interleaved rounds: each round times a batch of every variant, in
/// an order that rotates from round to round, so that the machine's drift touches all three
/// alike. The ratio of the median throughputs is printed.
fn interleaved_ratios() {
    const ROUNDS: usize = 21;
    const BATCH: usize = 1_000;
    let (runtime, server_runtime) = runtimes();
    println!(
        "\nThroughput of the generated client relative to hand-written calls, {ROUNDS} interleaved rounds of {BATCH} calls:"
    );
    for operation in OPERATIONS {
        let setup = Setup::new(operation, &runtime, &server_runtime);
        let mut throughput: [Vec<f64>; 3] = Default::default();
        for round in 0..ROUNDS {
            for offset in 0..VARIANTS.len() {
                let index = (round + offset) % VARIANTS.len();
                let started = Instant::now();
                runtime.block_on(async {
                    for _ in 0..BATCH {
                        setup.call(VARIANTS[index]).await;
                    }
                });
                throughput[index].push(BATCH as f64 / started.elapsed().as_secs_f64());
            }
        }
        let [generated, signed, unsigned] = throughput.map(|mut samples| {
            samples.sort_by(f64::total_cmp);
            samples[samples.len() / 2]
        });
        println!(
            "  {operation}: {:.3} of signed (target 0.98), {:.3} of unsigned (target 0.95); median {:.0} calls/s generated, {:.0} signed, {:.0} unsigned",
            generated / signed,
            generated / unsigned,
            generated,
            signed,
            unsigned
        );
    }
}

criterion_group!(benches, signing, round_trips);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    interleaved_ratios();
}
