//! What goes on the wire for each operation: method, path, query string, headers and body,
//! as the official Python SDK sends them (huaweicloudsdkcore 3.1.219). The cases recorded from
//! the official SDK (`fixtures/official_requests.json`) are replayed through the generated
//! client and the two requests compared.

use functiongraph_tests::fixtures::{official_requests, recorded_headers};
use functiongraph_tests::{
    ACCESS_KEY, CannedResponse, PROJECT_ID, SECRET_KEY, TOKEN, TestServer, URN, builder_for,
    client_for, signing_client_for,
};
use huaweicloud_sdk_functiongraph::models::{
    AsyncInvocationStatus, CancelAsyncInvocationRequestBody,
};
use huaweicloud_sdk_functiongraph::{Client, Credentials};
use serde_json::Value;

/// The URN as the official SDK writes it into the path: `quote(urn, safe='')`.
const ENCODED_URN: &str = "urn%3Afss%3Acn-north-4%3A0123456789abcdef0123456789abcdef%3Afunction%3Adefault%3Ahello%3Alatest";

fn function_path(suffix: &str) -> String {
    format!("/v2/{PROJECT_ID}/fgs/functions/{ENCODED_URN}/{suffix}")
}

async fn ok_server() -> TestServer {
    TestServer::answering(CannedResponse::json(200, "{}")).await
}

/// Headers whose values legitimately differ from the official SDK's: the transport's own, the
/// User-Agent that names this crate, and the signing time, host and signature (checked in
/// `signing.rs`).
const NOT_COMPARED: [&str; 7] = [
    "user-agent",
    "accept-encoding",
    "accept",
    "connection",
    "host",
    "x-sdk-date",
    "authorization",
];

/// Sends a recorded case's inputs through the generated client.
async fn replay(client: &Client, case: &Value) {
    let input = &case["input"];
    let urn = input["function_urn"].as_str().expect("function_urn");
    let header = |name: &str| input["headers"][name].as_str().map(str::to_owned);
    let body = input.get("body").filter(|b| !b.is_null()).cloned();
    match case["operation"].as_str().expect("operation") {
        "AsyncInvokeFunction" => {
            let mut request = client.async_invoke_function(urn);
            if let Some(memory) = header("X-Cff-Instance-Memory") {
                request = request.x_cff_instance_memory(memory);
            }
            if let Some(body) = body {
                request = request.body(body);
            }
            request.send().await.map(drop)
        }
        "ShowFunctionAsyncInvokeConfig" => client
            .show_function_async_invoke_config(urn)
            .send()
            .await
            .map(drop),
        "InvokeFunction" => {
            let mut request = client.invoke_function(urn);
            if let Some(value) = header("X-Cff-Log-Type") {
                request = request.x_cff_log_type(value);
            }
            if let Some(value) = header("X-CFF-Request-Version") {
                request = request.x_cff_request_version(value);
            }
            if let Some(value) = header("X-Cff-Instance-Memory") {
                request = request.x_cff_instance_memory(value);
            }
            // Lent, not given: the caller keeps the event (AsyncInvokeFunction gives its own).
            if let Some(body) = &body {
                request = request.body(body);
            }
            request.send().await.map(drop)
        }
        "ListAsyncInvocations" => {
            let mut request = client.list_async_invocations(urn);
            for pair in input["query"].as_array().into_iter().flatten() {
                let (key, value) = (
                    pair[0].as_str().unwrap(),
                    pair[1].as_str().unwrap().to_owned(),
                );
                request = match key {
                    "request_id" => request.request_id(value),
                    "marker" => request.marker(value),
                    "limit" => request.limit(value),
                    "status" => request.status(value),
                    "query_begin_time" => request.query_begin_time(value),
                    "query_end_time" => request.query_end_time(value),
                    other => panic!("unknown query parameter {other}"),
                };
            }
            request.send().await.map(drop)
        }
        "CancelAsyncInvocation" => {
            let body: CancelAsyncInvocationRequestBody =
                serde_json::from_value(body.expect("a body")).expect("a cancel body");
            client
                .cancel_async_invocation(urn, &body)
                .send()
                .await
                .map(drop)
        }
        other => panic!("unknown operation {other}"),
    }
    .unwrap_or_else(|e| panic!("{}: {e}", case["name"]));
}

/// The headers of a request, lower-cased and sorted, without those that are not compared.
fn compared_headers(headers: impl Iterator<Item = (String, String)>) -> Vec<(String, String)> {
    let mut compared: Vec<(String, String)> = headers
        .map(|(name, value)| (name.to_ascii_lowercase(), value))
        .filter(|(name, _)| !NOT_COMPARED.contains(&name.as_str()))
        .collect();
    compared.sort();
    compared
}

/// How a replayed case authenticates.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Auth {
    Token,
    AccessKey,
}

fn client(server: &TestServer, auth: Auth, case: &Value) -> Client {
    let security_token = case["input"]["security_token"].as_str();
    match (auth, security_token) {
        (Auth::Token, _) => client_for(server),
        (Auth::AccessKey, None) => signing_client_for(server),
        (Auth::AccessKey, Some(token)) => builder_for(server)
            .credentials(Credentials::temporary(ACCESS_KEY, SECRET_KEY, token))
            .build()
            .unwrap(),
    }
}

#[tokio::test]
async fn every_operation_sends_what_the_official_sdk_sends() {
    let recorded = official_requests();
    let mut replayed = 0;
    for case in recorded["cases"].as_array().expect("cases") {
        if case["operation"].is_null() {
            continue; // The signer-only case; see signing.rs.
        }
        let name = case["name"].as_str().unwrap();
        let official = &case["request"];
        let official_headers = recorded_headers(official);
        for auth in [Auth::AccessKey, Auth::Token] {
            // Temporary credentials are AK/SK credentials.
            if auth == Auth::Token && !case["input"]["security_token"].is_null() {
                continue;
            }
            // Each operation's documented success: 202 for AsyncInvokeFunction, 200 otherwise.
            let status = if case["operation"] == "AsyncInvokeFunction" {
                202
            } else {
                200
            };
            let server = TestServer::answering(CannedResponse::json(status, "null")).await;
            replay(&client(&server, auth, case), case).await;
            let ours = server.single_request();

            assert_eq!(
                ours.method,
                official["method"].as_str().unwrap(),
                "{name}: method"
            );
            assert_eq!(
                ours.target,
                official["target"].as_str().unwrap(),
                "{name}: path and query"
            );
            let our_body = Some(ours.body_text()).filter(|b| !b.is_empty());
            assert_eq!(our_body, official["body"].as_str(), "{name}: body");

            let mut expected = compared_headers(official_headers.iter().cloned());
            if auth == Auth::Token {
                expected.push(("x-auth-token".to_owned(), TOKEN.to_owned()));
                expected.sort();
                assert!(
                    ours.header("authorization").is_none() && ours.header("x-sdk-date").is_none()
                );
            } else {
                for signing_header in ["authorization", "x-sdk-date", "host"] {
                    assert!(
                        ours.header(signing_header).is_some(),
                        "{name}: {signing_header}"
                    );
                }
            }
            assert_eq!(
                compared_headers(ours.headers.clone().into_iter()),
                expected,
                "{name} ({auth:?}): headers"
            );
            let user_agent = ours.header("user-agent").expect("a User-Agent");
            assert!(
                user_agent.starts_with("huaweicloud-sdk-functiongraph/"),
                "{user_agent}"
            );
            replayed += 1;
        }
    }
    // Eleven recorded operation cases with AK/SK, ten of them again with a token.
    assert_eq!(replayed, 21, "every recorded operation case was replayed");
}

#[tokio::test]
async fn list_async_invocations_request_sorts_and_encodes_the_query() {
    let server = ok_server().await;
    client_for(&server)
        .list_async_invocations(URN)
        .request_id("a b+c:d/e&f=g 值")
        .marker("0")
        .limit("100")
        .status(AsyncInvocationStatus::Success)
        .query_begin_time("2026-11-22T09:00:00")
        .query_end_time("2026-11-22T10:00:00")
        .send()
        .await
        .unwrap();
    let request = server.single_request();
    assert_eq!(request.method, "GET");
    assert_eq!(request.path(), function_path("async-invocations"));
    assert_eq!(request.header("x-project-id"), Some(PROJECT_ID));
    // Sorted by key, each key and value encoded with quote(safe='~'), as the official SDK does.
    assert_eq!(
        request.query(),
        Some(
            "limit=100&marker=0&query_begin_time=2026-11-22T09%3A00%3A00&query_end_time=2026-11-22T10%3A00%3A00\
             &request_id=a%20b%2Bc%3Ad%2Fe%26f%3Dg%20%E5%80%BC&status=SUCCESS"
        )
    );
}

#[tokio::test]
async fn query_times_are_sent_from_typed_times_in_the_documented_format() {
    let server = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let begin = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_795_344_180);
    let end = begin + std::time::Duration::from_secs(3600);
    client_for(&server)
        .list_async_invocations(URN)
        .query_begin_time(begin)
        .query_end_time(end)
        .send()
        .await
        .unwrap();
    // YYYY-MM-DD'T'HH:mm:ss in UTC, as the reference asks.
    assert_eq!(
        server.single_request().query(),
        Some("query_begin_time=2026-11-22T10%3A43%3A00&query_end_time=2026-11-22T11%3A43%3A00")
    );
}

#[tokio::test]
async fn list_async_invocations_without_query_sends_no_question_mark() {
    let server = ok_server().await;
    client_for(&server)
        .list_async_invocations(URN)
        .send()
        .await
        .unwrap();
    assert_eq!(
        server.single_request().target,
        function_path("async-invocations")
    );
}

#[tokio::test]
async fn a_urn_with_reserved_characters_is_percent_encoded_like_the_official_sdk() {
    let server = ok_server().await;
    let urn = "urn:fss:x:p:function:default:a b!#$&'()*+,/:;=?@[]%~函";
    client_for(&server)
        .show_function_async_invoke_config(urn)
        .send()
        .await
        .unwrap();
    let request = server.single_request();
    assert_eq!(
        request.target,
        format!(
            "/v2/{PROJECT_ID}/fgs/functions/urn%3Afss%3Ax%3Ap%3Afunction%3Adefault%3Aa%20b%21%23%24%26%27%28%29%2A%2B%2C%2F%3A%3B%3D%3F%40%5B%5D%25~%E5%87%BD/async-invoke-config"
        )
    );
}

/// A caller who sends one event many times lends it: nothing is cloned on the caller's behalf,
/// and every request carries the same bytes. Any `Serialize` value is a body, e.g. the caller's
/// own struct.
#[tokio::test]
async fn one_event_is_lent_to_many_calls_and_any_serialize_value_is_a_body() {
    #[derive(serde::Serialize)]
    struct Event<'a> {
        name: &'a str,
        count: u32,
    }
    let server = ok_server().await;
    let client = client_for(&server);
    let event = serde_json::json!({"name": "函数", "count": 3});
    for _ in 0..3 {
        client
            .invoke_function(URN)
            .body(&event)
            .send()
            .await
            .unwrap();
    }
    let typed = Event {
        name: "函数",
        count: 3,
    };
    client
        .invoke_function(URN)
        .body(&typed)
        .send()
        .await
        .unwrap();
    let bodies: Vec<Vec<u8>> = server.requests().into_iter().map(|r| r.body).collect();
    assert_eq!(bodies.len(), 4);
    for body in &bodies {
        assert_eq!(body, br#"{"name": "\u51fd\u6570", "count": 3}"#);
    }
    // Still the caller's.
    assert_eq!(event["count"], 3);
}
