//! What goes on the wire for each operation: method, path, query string, headers and body,
//! as the official Python SDK sends them (huaweicloudsdkcore 3.1.219; see
//! `../shared/reference/official-sdk-core.md` §1 and §3).

use functiongraph_tests::{
    CannedResponse, PROJECT_ID, RecordedRequest, TOKEN, TestServer, URN, client_for,
};
use huaweicloud_sdk_functiongraph::models::{
    AsyncInvocationStatus, CancelAsyncInvocationRequestBody, CancelType, InstanceMemory, LogType,
    RequestVersion,
};
use serde_json::json;

/// The URN as the official SDK writes it into the path: `quote(urn, safe='')`.
const ENCODED_URN: &str = "urn%3Afss%3Acn-north-4%3A0123456789abcdef0123456789abcdef%3Afunction%3Adefault%3Ahello%3Alatest";

fn function_path(suffix: &str) -> String {
    format!("/v2/{PROJECT_ID}/fgs/functions/{ENCODED_URN}/{suffix}")
}

async fn ok_server() -> TestServer {
    TestServer::answering(CannedResponse::json(200, "{}")).await
}

/// The headers the client sets on every operation, and only those besides `extra` and the
/// transport's own (`host`, `accept`, `content-length`).
fn assert_headers(request: &RecordedRequest, extra: &[(&str, &str)]) {
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("x-project-id"), Some(PROJECT_ID));
    assert_eq!(request.header("x-auth-token"), Some(TOKEN));
    let user_agent = request.header("user-agent").expect("a User-Agent");
    assert!(
        user_agent.starts_with("huaweicloud-sdk-functiongraph/"),
        "{user_agent}"
    );
    for (name, value) in extra {
        assert_eq!(request.header(name), Some(*value), "header {name}");
    }
    let mut expected: Vec<String> = [
        "content-type",
        "x-project-id",
        "x-auth-token",
        "user-agent",
        "host",
        "accept",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(extra.iter().map(|(name, _)| name.to_ascii_lowercase()))
    .collect();
    if !request.body.is_empty() {
        expected.push("content-length".to_owned());
    }
    let mut sent: Vec<String> = request
        .headers
        .iter()
        .map(|(n, _)| n.to_ascii_lowercase())
        .collect();
    expected.sort();
    sent.sort();
    assert_eq!(sent, expected, "the set of headers sent");
}

#[tokio::test]
async fn async_invoke_function_request() {
    let server = ok_server().await;
    client_for(&server)
        .async_invoke_function(URN)
        .x_cff_instance_memory(InstanceMemory::V512)
        .body(json!({"k": "v"}))
        .send()
        .await
        .unwrap();
    let request = server.single_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, function_path("invocations-async"));
    assert_headers(&request, &[("X-Cff-Instance-Memory", "512")]);
    assert_eq!(request.body_text(), r#"{"k": "v"}"#);
}

#[tokio::test]
async fn show_function_async_invoke_config_request() {
    let server = ok_server().await;
    client_for(&server)
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap();
    let request = server.single_request();
    assert_eq!(request.method, "GET");
    assert_eq!(request.target, function_path("async-invoke-config"));
    // The official SDK sends Content-Type: application/json on GETs too, with no body.
    assert_headers(&request, &[]);
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn invoke_function_request_with_every_header() {
    let server = ok_server().await;
    client_for(&server)
        .invoke_function(URN)
        .x_cff_log_type(LogType::Tail)
        .x_cff_request_version(RequestVersion::V1)
        .x_cff_instance_memory("512")
        .body(json!({"k": "v", "n": [1, 2, 3]}))
        .send()
        .await
        .unwrap();
    let request = server.single_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, function_path("invocations"));
    assert_headers(
        &request,
        &[
            ("X-Cff-Log-Type", "tail"),
            ("X-CFF-Request-Version", "v1"),
            ("X-Cff-Instance-Memory", "512"),
        ],
    );
    assert_eq!(request.body_text(), r#"{"k": "v", "n": [1, 2, 3]}"#);
}

#[tokio::test]
async fn invoke_function_request_without_options_has_no_body() {
    let server = ok_server().await;
    client_for(&server)
        .invoke_function(URN)
        .send()
        .await
        .unwrap();
    let request = server.single_request();
    assert_eq!(request.target, function_path("invocations"));
    assert_headers(&request, &[]);
    assert!(request.body.is_empty());
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
    // Sorted by key, each key and value encoded with quote(safe='~'), as the official SDK does.
    assert_eq!(
        request.query(),
        Some(
            "limit=100&marker=0&query_begin_time=2026-11-22T09%3A00%3A00&query_end_time=2026-11-22T10%3A00%3A00\
             &request_id=a%20b%2Bc%3Ad%2Fe%26f%3Dg%20%E5%80%BC&status=SUCCESS"
        )
    );
    assert_headers(&request, &[]);
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
async fn cancel_async_invocation_request() {
    let server = TestServer::answering(CannedResponse::json(200, "null")).await;
    let body = CancelAsyncInvocationRequestBody::new("4e2a8f5c-1111-2222-3333-444455556666")
        .with_type(CancelType::Force);
    client_for(&server)
        .cancel_async_invocation(URN, body)
        .send()
        .await
        .unwrap();
    let request = server.single_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, function_path("cancel"));
    assert_headers(&request, &[]);
    // The official SDK's separators and attribute order.
    assert_eq!(
        request.body_text(),
        r#"{"request_id": "4e2a8f5c-1111-2222-3333-444455556666", "type": "force"}"#
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

#[tokio::test]
async fn non_ascii_body_text_is_escaped_like_the_official_sdk() {
    let server = ok_server().await;
    client_for(&server)
        .invoke_function(URN)
        .body(json!({"name": "函数 é", "ctl": "a\u{1}\n", "nested": {"z": 1, "a": [true, null]}}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        server.single_request().body_text(),
        r#"{"name": "\u51fd\u6570 \u00e9", "ctl": "a\u0001\n", "nested": {"z": 1, "a": [true, null]}}"#
    );
}

#[tokio::test]
async fn inputs_that_would_change_the_path_or_headers_are_refused_before_sending() {
    let server = ok_server().await;
    let client = client_for(&server);
    for urn in ["", ".", ".."] {
        let error = client
            .show_function_async_invoke_config(urn)
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(
                error,
                huaweicloud_sdk_functiongraph::Error::InvalidInput {
                    input: "function_urn",
                    ..
                }
            ),
            "{error:?}"
        );
    }
    let error = client
        .invoke_function(URN)
        .x_cff_instance_memory("512\r\nX-Injected: 1")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            huaweicloud_sdk_functiongraph::Error::InvalidInput {
                input: "X-Cff-Instance-Memory",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(server.requests().is_empty(), "nothing was sent");
}
