//! The client's cost: signing one request, and full round trips on loopback.
//!
//! For each of the five operations, three ways to make the same call are measured in the same
//! run against the same loopback server, which answers with the spec's example:
//! - `generated`: the generated client with AK/SK signing;
//! - `handwritten_signed`: a reqwest call written by hand that does the same work (URL with the
//!   URN encoded, headers, SDK-HMAC-SHA256 with the crate's public signer, JSON body, typed
//!   decoding, and what else the generated output keeps: the request id, and for
//!   InvokeFunction its documented response headers and the body as received), on a reqwest
//!   client configured like the generated one (same timeouts, no redirects);
//! - `handwritten_unsigned`: the same call without signing.
//!
//! Criterion measures each with client and server sharing one core. Then interleaved rounds of
//! the three give the throughput ratios, for both placements of client and server (see
//! [`Placement`]), which are printed. The target: the generated call costs at most the
//! hand-written signed call, which holds the signature's own cost, so a ratio of at least 1.00.
//! The ratio to the unsigned call shows what signing costs.
//!
//! Instructions per call are counted with an IAM token instead (`generated_token` and
//! `handwritten_token`, through `ROUND_TRIP_PROFILE`; `tests/benches/side_by_side.sh` runs them
//! under valgrind), because valgrind computes SHA-256 without the CPU's instructions for it and
//! would overstate signing.
//!
//! Run: `cargo bench -p functiongraph-tests --bench client`. Only the ratios:
//! `cargo bench -p functiongraph-tests --bench client -- ratios-only` (a filter no benchmark
//! matches); `ROUND_TRIP_PLACEMENT=shared-core` or `own-cores` keeps one placement.

use std::time::{Duration, Instant, SystemTime};

use criterion::{Criterion, criterion_group};
use functiongraph_tests::{
    ACCESS_KEY, CannedResponse, PROJECT_ID, SECRET_KEY, TOKEN, TestServer, URN, client_for,
    signing_client_for,
};
use huaweicloud_sdk_functiongraph::models::CancelAsyncInvocationRequestBody;
use huaweicloud_sdk_functiongraph::signing::{SignableRequest, sdk_date, sign};
use huaweicloud_sdk_functiongraph::{Client, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT};
use serde::Deserialize;

/// The official SDK's path encoding: all but `A-Z a-z 0-9 - _ . ~`.
const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The spec's examples of the five operations' success answers, shortened where they are long.
const ASYNC_INVOKE_ANSWER: &str = r#"{"request_id": "1167bf8c-87b0-43ab-8f5f-26b16c64f252"}"#;
const ASYNC_CONFIG_ANSWER: &str = r#"{"func_urn": "urn:fss:cn-north-4:7aad83af3e8d42e99ac194e8419e2c9b:function:default:test:latest", "max_async_event_age_in_seconds": 60, "max_async_retry_attempts": 1, "destination_config": {"on_success": {"destination": "FunctionGraph", "param": "{\"func_urn\":\"urn:fss:cn-north-4:5691ba790e2b46ceb38316bfe1b4b1b7:function:default:testPython:latest\"}"}, "on_failure": {"destination": "FunctionGraph", "param": "{\"func_urn\":\"urn:fss:cn-north-4:5691ba790e2b46ceb38316bfe1b4b1b7:function:default:testPython:latest\"}"}}, "created_time": "2021-03-04T14:50:02+08:00", "last_modified": "2021-03-04 14:50:02"}"#;
const INVOKE_ANSWER: &str = r#"{"request_id": "1cbe80f3-3c65-475e-ad88-76ac518d386x", "result": "{\"statusCode\": 200}", "log": "done", "status": 200}"#;
const LIST_ANSWER: &str = r#"{"invocations": [{"request_id": "403fcbd6-ec41-401f-9fa7-386f3d3d0001", "status": "SUCCESS", "error_message": "", "start_time": "2019-10-25T15:37:27", "end_time": "2019-10-25T15:37:27", "error_code": 0}], "count": 1, "next_marker": 1}"#;
const CANCEL_ANSWER: &str = "null";
/// The asynchronous invocation that CancelAsyncInvocation stops.
const REQUEST_ID: &str = "403fcbd6-ec41-401f-9fa7-386f3d3d0001";

/// The five operations, each called the way a caller of the generated client and a hand-written
/// caller would call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Operation {
    AsyncInvokeFunction,
    ShowFunctionAsyncInvokeConfig,
    InvokeFunction,
    ListAsyncInvocations,
    CancelAsyncInvocation,
}

const OPERATIONS: [Operation; 5] = [
    Operation::AsyncInvokeFunction,
    Operation::ShowFunctionAsyncInvokeConfig,
    Operation::InvokeFunction,
    Operation::ListAsyncInvocations,
    Operation::CancelAsyncInvocation,
];

impl Operation {
    fn name(self) -> &'static str {
        match self {
            Operation::AsyncInvokeFunction => "AsyncInvokeFunction",
            Operation::ShowFunctionAsyncInvokeConfig => "ShowFunctionAsyncInvokeConfig",
            Operation::InvokeFunction => "InvokeFunction",
            Operation::ListAsyncInvocations => "ListAsyncInvocations",
            Operation::CancelAsyncInvocation => "CancelAsyncInvocation",
        }
    }

    /// What the loopback server answers to every call.
    fn answer(self) -> CannedResponse {
        match self {
            Operation::AsyncInvokeFunction => CannedResponse::json(202, ASYNC_INVOKE_ANSWER),
            Operation::ShowFunctionAsyncInvokeConfig => {
                CannedResponse::json(200, ASYNC_CONFIG_ANSWER)
            }
            Operation::InvokeFunction => CannedResponse::json(200, INVOKE_ANSWER),
            Operation::ListAsyncInvocations => CannedResponse::json(200, LIST_ANSWER),
            Operation::CancelAsyncInvocation => CannedResponse::json(200, CANCEL_ANSWER),
        }
    }

    /// One call with the generated client, its output decoded.
    async fn call_generated(self, client: &Client) {
        match self {
            Operation::AsyncInvokeFunction => {
                let output = client
                    .async_invoke_function(URN)
                    .body(serde_json::json!({"k": "v"}))
                    .send()
                    .await;
                std::hint::black_box(output.unwrap());
            }
            Operation::ShowFunctionAsyncInvokeConfig => {
                let output = client.show_function_async_invoke_config(URN).send().await;
                std::hint::black_box(output.unwrap());
            }
            Operation::InvokeFunction => {
                let output = client
                    .invoke_function(URN)
                    .body(serde_json::json!({"k": "v"}))
                    .send()
                    .await;
                std::hint::black_box(output.unwrap());
            }
            Operation::ListAsyncInvocations => {
                let output = client
                    .list_async_invocations(URN)
                    .limit("100")
                    .marker("0")
                    .send()
                    .await;
                std::hint::black_box(output.unwrap());
            }
            Operation::CancelAsyncInvocation => {
                let body = CancelAsyncInvocationRequestBody::new(REQUEST_ID);
                let output = client.cancel_async_invocation(URN, body).send().await;
                std::hint::black_box(output.unwrap());
            }
        }
    }

    /// The same call written by hand, its answer decoded into the struct such a caller writes.
    async fn call_handwritten(self, handwritten: &HandWritten, auth: Auth) {
        use reqwest::Method;
        match self {
            Operation::AsyncInvokeFunction => {
                let answer = handwritten.send_event("invocations-async", auth).await;
                std::hint::black_box(answer.decode::<AsyncInvokeAnswer>());
            }
            Operation::ShowFunctionAsyncInvokeConfig => {
                let path = function_path(URN, "async-invoke-config");
                let answer = handwritten.call(Method::GET, &path, "", None, auth).await;
                std::hint::black_box(answer.decode::<AsyncConfigAnswer>());
            }
            Operation::InvokeFunction => {
                let answer = handwritten.send_event("invocations", auth).await;
                std::hint::black_box(InvokeResult::from_answer(answer));
            }
            Operation::ListAsyncInvocations => {
                let path = function_path(URN, "async-invocations");
                let query = "limit=100&marker=0";
                let answer = handwritten
                    .call(Method::GET, &path, query, None, auth)
                    .await;
                std::hint::black_box(answer.decode::<ListAnswer>());
            }
            Operation::CancelAsyncInvocation => {
                let path = function_path(URN, "cancel");
                let body = serde_json::to_vec(&CancelBody {
                    request_id: REQUEST_ID.to_owned(),
                })
                .unwrap();
                let answer = handwritten
                    .call(Method::POST, &path, "", Some(&body), auth)
                    .await;
                // The answer is always `null`: a caller checks the status and keeps the request
                // id, as the generated output does.
                std::hint::black_box(answer.header("x-request-id"));
            }
        }
    }
}

/// An answer as a hand-written call receives it.
struct Answer {
    headers: reqwest::header::HeaderMap,
    body: bytes::Bytes,
}

impl Answer {
    /// The JSON body decoded, with the request id that the generated outputs also keep.
    fn decode<T: serde::de::DeserializeOwned>(&self) -> (T, Option<String>) {
        let body = serde_json::from_slice(&self.body).expect("decoded");
        (body, self.header("x-request-id"))
    }

    /// A response header as text, when the answer has it.
    fn header(&self, name: &str) -> Option<String> {
        let value = self.headers.get(name)?;
        Some(value.to_str().expect("text").to_owned())
    }
}

/// What a hand-written caller would decode AsyncInvokeFunction's answer into.
#[derive(Deserialize)]
#[allow(dead_code)]
struct AsyncInvokeAnswer {
    request_id: Option<String>,
}

/// What a hand-written caller would decode ShowFunctionAsyncInvokeConfig's answer into.
#[derive(Deserialize)]
#[allow(dead_code)]
struct AsyncConfigAnswer {
    func_urn: Option<String>,
    max_async_event_age_in_seconds: Option<i32>,
    max_async_retry_attempts: Option<i32>,
    destination_config: Option<serde_json::Value>,
    created_time: Option<String>,
    last_modified: Option<String>,
    enable_async_status_log: Option<bool>,
}

/// What a hand-written caller would decode InvokeFunction's JSON answer into.
#[derive(Deserialize)]
#[allow(dead_code)]
struct InvokeAnswer {
    request_id: Option<String>,
    result: Option<String>,
    log: Option<String>,
    status: Option<i32>,
}

/// The response headers of InvokeFunction that its spec documents and the generated output
/// holds: the invocation's summary, request id, log, billing, format and error.
const INVOKE_HEADERS: [&str; 8] = [
    "x-cff-invoke-summary",
    "x-cff-request-id",
    "x-cff-function-log",
    "x-cff-billing-duration",
    "x-cff-response-version",
    "x-func-err-code",
    "x-is-func-err",
    "x-request-id",
];

/// What a hand-written caller keeps of InvokeFunction's answer to give what the generated
/// output gives: the JSON fields, the documented headers, and the body as it came, which a `v0`
/// answer (plain text) needs.
#[allow(dead_code)]
struct InvokeResult {
    body: Option<InvokeAnswer>,
    headers: [Option<String>; 8],
    raw_body: bytes::Bytes,
}

impl InvokeResult {
    fn from_answer(answer: Answer) -> Self {
        InvokeResult {
            body: serde_json::from_slice(&answer.body).ok(),
            headers: INVOKE_HEADERS.map(|name| answer.header(name)),
            raw_body: answer.body,
        }
    }
}

/// What a hand-written caller would decode ListAsyncInvocations' answer into.
#[derive(Deserialize)]
#[allow(dead_code)]
struct ListAnswer {
    invocations: Option<Vec<serde_json::Value>>,
    count: Option<i32>,
    next_marker: Option<i32>,
}

/// The body a hand-written caller would send to CancelAsyncInvocation.
#[derive(serde::Serialize)]
struct CancelBody {
    request_id: String,
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
            // Configured as the generated client configures reqwest, so that the ratio measures
            // the code around the call and not different settings: the official SDK's timeouts,
            // which a careful hand-written caller sets too, and no redirects.
            http: reqwest::Client::builder()
                .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
                .read_timeout(DEFAULT_READ_TIMEOUT)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("an HTTP client"),
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
        auth: Auth,
    ) -> Answer {
        let url = if query.is_empty() {
            format!("{}{path}", self.base)
        } else {
            format!("{}{path}?{query}", self.base)
        };
        let mut headers = vec![
            ("Content-Type", "application/json"),
            ("User-Agent", "handwritten/1.0"),
            ("X-Project-Id", PROJECT_ID),
        ];
        let date;
        let authorization;
        if auth == Auth::Token {
            headers.push(("X-Auth-Token", TOKEN));
        }
        if auth == Auth::Signed {
            date = sdk_date(SystemTime::now());
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
        let mut response = request.send().await.expect("sent");
        assert!(response.status().is_success());
        let headers = std::mem::take(response.headers_mut());
        let body = response.bytes().await.expect("read");
        Answer { headers, body }
    }

    /// POSTs the event `{"k": "v"}` to one of the function's invocation paths.
    async fn send_event(&self, suffix: &str, auth: Auth) -> Answer {
        let path = function_path(URN, suffix);
        let body = serde_json::to_vec(&serde_json::json!({"k": "v"})).unwrap();
        self.call(reqwest::Method::POST, &path, "", Some(&body), auth)
            .await
    }
}

/// How a hand-written call authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Auth {
    Signed,
    Token,
    None,
}

/// The path of a function's operation, with the URN encoded as the official SDK encodes it.
fn function_path(urn: &str, suffix: &str) -> String {
    let urn = percent_encoding::utf8_percent_encode(urn, UNRESERVED);
    format!("/v2/{PROJECT_ID}/fgs/functions/{urn}/{suffix}")
}

fn signing(c: &mut Criterion) {
    let path = function_path(URN, "invocations");
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Variant {
    Generated,
    HandwrittenSigned,
    HandwrittenUnsigned,
    /// The generated client with an IAM token, and a hand-written call that sends the same
    /// token: for instruction counts per call (`ROUND_TRIP_PROFILE` alone), where the
    /// signature, which valgrind computes without the CPU's SHA instructions, stays out.
    GeneratedToken,
    HandwrittenToken,
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
            Variant::GeneratedToken => "generated_token",
            Variant::HandwrittenToken => "handwritten_token",
        }
    }
}

/// A loopback server on threads of its own, and the clients that call it.
struct Setup {
    operation: Operation,
    client: Client,
    token_client: Client,
    handwritten: HandWritten,
    // Dropped last: the server stops with its runtime.
    _server: TestServer,
}

impl Setup {
    fn new(
        operation: Operation,
        runtime: &tokio::runtime::Runtime,
        server_runtime: &tokio::runtime::Runtime,
    ) -> Setup {
        // The server runs on a thread of its own, as a real server runs in a process of its own.
        let server = server_runtime.block_on(TestServer::answering(operation.answer()));
        server.stop_recording();
        let _guard = runtime.enter();
        Setup {
            operation,
            client: signing_client_for(&server),
            token_client: client_for(&server),
            handwritten: HandWritten::new(&server),
            _server: server,
        }
    }

    async fn call(&self, variant: Variant) {
        let handwritten = &self.handwritten;
        match variant {
            Variant::Generated => self.operation.call_generated(&self.client).await,
            Variant::GeneratedToken => self.operation.call_generated(&self.token_client).await,
            Variant::HandwrittenSigned => {
                self.operation
                    .call_handwritten(handwritten, Auth::Signed)
                    .await
            }
            Variant::HandwrittenUnsigned => {
                self.operation
                    .call_handwritten(handwritten, Auth::None)
                    .await
            }
            Variant::HandwrittenToken => {
                self.operation
                    .call_handwritten(handwritten, Auth::Token)
                    .await
            }
        }
    }

    /// Makes `count` calls one after the other, and says how long they took.
    fn run_batch(
        &self,
        runtime: &tokio::runtime::Runtime,
        variant: Variant,
        count: usize,
    ) -> Duration {
        let started = Instant::now();
        runtime.block_on(async {
            for _ in 0..count {
                self.call(variant).await;
            }
        });
        started.elapsed()
    }
}

/// Where the client and the server run.
#[derive(Debug, Clone, Copy)]
enum Placement {
    /// Both on one core. A round trip then costs exactly the CPU time of the client, the server
    /// and the kernel between them, so every microsecond the client spends shows, and the
    /// figures hold steady from run to run.
    SharedCore,
    /// Each on a core of its own, as a client and a server on two hosts would be. Each round
    /// trip then also waits for the other core to wake up, which a virtual machine makes long
    /// and variable.
    OwnCores,
}

impl Placement {
    fn describe(self) -> &'static str {
        match self {
            Placement::SharedCore => "client and server sharing one core",
            Placement::OwnCores => "client and server on a core each",
        }
    }
}

/// The client's runtime on this thread, and the server's on a thread of its own, placed as
/// asked. Pinning keeps the scheduler from moving them around mid-measurement, which otherwise
/// costs more than the differences being measured. With a single core, both share it anyway.
fn runtimes(placement: Placement) -> (tokio::runtime::Runtime, tokio::runtime::Runtime) {
    // Counted before pinning: once pinned, this thread sees only its own core.
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let cores = *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from));
    let server_core = match placement {
        Placement::OwnCores if cores >= 2 => 1,
        _ => 0,
    };
    pin_current_thread_to(0);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let server_runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .on_thread_start(move || pin_current_thread_to(server_core))
        .enable_all()
        .build()
        .unwrap();
    (runtime, server_runtime)
}

/// Restricts the calling thread to one CPU. Best effort: where the call is refused (a container
/// limiting the CPU set, say), the thread simply stays where the scheduler puts it.
fn pin_current_thread_to(cpu: usize) {
    // SAFETY: `set` is a plain bitmask owned by this frame, and its size is passed with it.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(cpu, &mut set);
        libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set);
    }
}

fn round_trips(c: &mut Criterion) {
    let (runtime, server_runtime) = runtimes(Placement::SharedCore);
    for operation in OPERATIONS {
        let setup = Setup::new(operation, &runtime, &server_runtime);
        let mut group = c.benchmark_group(format!("round_trip/{}", operation.name()));
        group.measurement_time(Duration::from_secs(8));
        for variant in VARIANTS {
            group.bench_function(variant.name(), |b| {
                b.to_async(&runtime).iter(|| setup.call(variant))
            });
        }
        group.finish();
    }
}

/// The ratios, measured in interleaved rounds: each round times a batch of every variant, back
/// to back, in each of the six orders in turn. Each round gives the generated client's
/// throughput relative to each hand-written call; the median over the rounds is printed, with
/// the middle half of the rounds' ratios. Comparing within a round, a fraction of a second
/// apart, keeps the machine's drift (other processes, frequency changes) out of the ratio.
fn interleaved_ratios(placement: Placement) {
    const ROUNDS: usize = 102;
    // Every order of the three, in turn, so that no variant always runs after the same other
    // one (and inherits its caches).
    const ORDERS: [[usize; 3]; 6] = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    const BATCH: usize = 200;
    let (runtime, server_runtime) = runtimes(placement);
    println!(
        "\nThroughput of the generated client relative to hand-written calls, {}: median of {ROUNDS} interleaved rounds of {BATCH} calls each",
        placement.describe()
    );
    for operation in OPERATIONS {
        let setup = Setup::new(operation, &runtime, &server_runtime);
        // Warm the connection pool and the caches of all three.
        for variant in VARIANTS {
            setup.run_batch(&runtime, variant, BATCH);
        }
        let mut of_signed = Vec::with_capacity(ROUNDS);
        let mut of_unsigned = Vec::with_capacity(ROUNDS);
        let mut calls_per_second: [Vec<f64>; 3] = Default::default();
        for round in 0..ROUNDS {
            let mut throughput = [0.0; 3];
            for index in ORDERS[round % ORDERS.len()] {
                throughput[index] = BATCH as f64
                    / setup
                        .run_batch(&runtime, VARIANTS[index], BATCH)
                        .as_secs_f64();
                calls_per_second[index].push(throughput[index]);
            }
            of_signed.push(throughput[0] / throughput[1]);
            of_unsigned.push(throughput[0] / throughput[2]);
        }
        let [generated, signed, unsigned] = calls_per_second.map(|samples| quartiles(samples).1);
        println!(
            "  {}: {} of signed (target 1.00), {} of unsigned; median {generated:.0} calls/s generated, {signed:.0} signed, {unsigned:.0} unsigned",
            operation.name(),
            describe(of_signed),
            describe(of_unsigned),
        );
    }
}

/// The first quartile, the median and the third quartile.
fn quartiles(mut samples: Vec<f64>) -> (f64, f64, f64) {
    samples.sort_by(f64::total_cmp);
    let at = |fraction: f64| samples[((samples.len() - 1) as f64 * fraction).round() as usize];
    (at(0.25), at(0.5), at(0.75))
}

/// A ratio's median, with its interquartile range to show how much the rounds disagree.
fn describe(ratios: Vec<f64>) -> String {
    let (low, median, high) = quartiles(ratios);
    format!("{median:.3} (middle half {low:.3}–{high:.3})")
}

criterion_group!(benches, signing, round_trips);

/// The placements to measure: both, or only the one `ROUND_TRIP_PLACEMENT` names
/// (`shared-core` or `own-cores`).
fn placements() -> Vec<Placement> {
    match std::env::var("ROUND_TRIP_PLACEMENT").as_deref() {
        Ok("shared-core") => vec![Placement::SharedCore],
        Ok("own-cores") => vec![Placement::OwnCores],
        _ => vec![Placement::SharedCore, Placement::OwnCores],
    }
}

/// `ROUND_TRIP_PROFILE=InvokeFunction,generated,1000` runs only five batches of that many calls
/// of one variant, printing the time per call of each, for a profiler such as
/// `valgrind --tool=callgrind`.
fn profile_only() -> bool {
    let Ok(spec) = std::env::var("ROUND_TRIP_PROFILE") else {
        return false;
    };
    let parts: Vec<&str> = spec.split(',').collect();
    let [operation, variant, count] = parts[..] else {
        panic!("ROUND_TRIP_PROFILE is operation,variant,count");
    };
    let operation = OPERATIONS
        .into_iter()
        .find(|o| o.name() == operation)
        .expect("an operation");
    let variant = VARIANTS
        .into_iter()
        .chain([Variant::GeneratedToken, Variant::HandwrittenToken])
        .find(|v| v.name() == variant)
        .expect("a variant");
    let count: usize = count.parse().expect("a count");
    let (runtime, server_runtime) = runtimes(placements()[0]);
    let setup = Setup::new(operation, &runtime, &server_runtime);
    for _ in 0..5 {
        let elapsed = setup.run_batch(&runtime, variant, count);
        eprintln!(
            "{:.1} µs per call",
            elapsed.as_secs_f64() * 1e6 / count as f64
        );
    }
    true
}

fn main() {
    if profile_only() {
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
    // Profiling one benchmark (`--profile-time`) needs nothing else to run.
    if !std::env::args().any(|arg| arg == "--profile-time") {
        for placement in placements() {
            interleaved_ratios(placement);
        }
    }
}
