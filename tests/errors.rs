//! Every documented error status of every operation decodes into a typed service error that
//! carries the status, `error_code`, `error_msg` and the `X-Request-Id` header.

use functiongraph_tests::fixtures::{error_statuses, response, spec};
use functiongraph_tests::{CannedResponse, OPERATION_IDS, TestServer, call_operation, client_for};
use huaweicloud_sdk_functiongraph::Error;
use serde_json::Value;

const REQUEST_ID: &str = "d1f3e0c2-7b7e-4c55-9a0a-0c3f0b6c2e11";

/// The documented example body for an error, or one shaped like the documented schema.
fn error_body(spec: &Value, operation_id: &str, status: &str) -> (String, String, String) {
    let response = response(spec, operation_id, status);
    let example = &response["content"]["application/json"]["example"];
    let (code, message) = match (
        example["error_code"].as_str(),
        example["error_msg"].as_str(),
    ) {
        (Some(code), Some(message)) => (code.to_owned(), message.to_owned()),
        _ => (
            format!("FSS.0{status}"),
            format!("documented {status} of {operation_id}"),
        ),
    };
    let body = serde_json::json!({"error_code": code, "error_msg": message}).to_string();
    (body, code, message)
}

#[tokio::test]
async fn every_documented_error_status_is_a_typed_service_error() {
    let spec = spec();
    let mut checked = 0;
    for operation_id in OPERATION_IDS {
        let statuses = error_statuses(&spec, operation_id);
        assert!(
            !statuses.is_empty(),
            "{operation_id} documents no error status"
        );
        for status in statuses {
            let (body, code, message) = error_body(&spec, operation_id, &status);
            let status_code: u16 = status.parse().expect("numeric status");
            let server = TestServer::answering(
                CannedResponse::json(status_code, &body).with_header("X-Request-Id", REQUEST_ID),
            )
            .await;
            let error = call_operation(&client_for(&server), operation_id)
                .await
                .expect_err("an error status is an error");
            let Error::Service(service) = &error else {
                panic!("{operation_id} {status}: expected a service error, got {error:?}");
            };
            assert_eq!(service.operation(), operation_id);
            assert_eq!(service.status(), status_code);
            assert_eq!(service.error_code(), code);
            assert_eq!(service.error_msg(), message);
            assert_eq!(service.request_id(), Some(REQUEST_ID));
            assert_eq!(service.body(), body);
            assert_eq!(error.status(), Some(status_code));
            assert_eq!(
                error.to_string(),
                format!(
                    "{operation_id}: HTTP {status} {code}: {message} (request id {REQUEST_ID})"
                )
            );
            checked += 1;
        }
    }
    // 6 + 1 + 6 + 3 + 4 documented error statuses across the five pages.
    assert_eq!(checked, 20);
}

/// Error bodies in each shape the official SDK reads, in its order of preference.
#[tokio::test]
async fn error_bodies_are_read_like_the_official_sdk() {
    let cases: [(&str, &str, &str); 6] = [
        (
            r#"{"error_code":"FSS.0409","error_msg":"conflict"}"#,
            "FSS.0409",
            "conflict",
        ),
        (
            r#"{"errorCode":"FSS.1001","errorMsg":"camel"}"#,
            "FSS.1001",
            "camel",
        ),
        (
            r#"{"code":"APIGW.0101","message":"The API does not exist"}"#,
            "APIGW.0101",
            "The API does not exist",
        ),
        (
            r#"{"error":{"code":"APIGW.0301","message":"Incorrect IAM authentication information"}}"#,
            "APIGW.0301",
            "Incorrect IAM authentication information",
        ),
        // A pair counts only when both keys are there; then the next pair is tried.
        (r#"{"error_code":"X","code":"C","message":"M"}"#, "C", "M"),
        // JSON that is not an object keeps its text, and the status stands in for the code.
        (
            r#"["not", "an", "object"]"#,
            "409",
            r#"["not", "an", "object"]"#,
        ),
    ];
    for (body, code, message) in cases {
        let server = TestServer::answering(
            CannedResponse::json(409, body).with_header("X-Request-Id", REQUEST_ID),
        )
        .await;
        let error = call_operation(&client_for(&server), "ListAsyncInvocations")
            .await
            .unwrap_err();
        let service = error
            .as_service_error()
            .unwrap_or_else(|| panic!("{error:?}"));
        assert_eq!(
            (service.error_code(), service.error_msg()),
            (code, message),
            "{body}"
        );
        assert_eq!(service.body(), body);
    }
}

#[tokio::test]
async fn an_encoded_authorization_message_is_kept() {
    let body =
        r#"{"error_code":"FSS.0403","error_msg":"denied","encoded_authorization_message":"abc=="}"#;
    let server = TestServer::answering(CannedResponse::json(403, body)).await;
    let error = call_operation(&client_for(&server), "InvokeFunction")
        .await
        .unwrap_err();
    assert_eq!(
        error
            .as_service_error()
            .unwrap()
            .encoded_authorization_message(),
        Some("abc==")
    );
}

#[tokio::test]
async fn an_error_body_that_is_not_json_keeps_its_text() {
    let server = TestServer::answering(CannedResponse::with_content_type(
        502,
        "text/html",
        b"<html>Bad Gateway</html>",
    ))
    .await;
    let error = call_operation(&client_for(&server), "ShowFunctionAsyncInvokeConfig")
        .await
        .unwrap_err();
    let service = error.as_service_error().expect("a service error");
    assert_eq!(service.error_code(), "502");
    assert_eq!(service.error_msg(), "<html>Bad Gateway</html>");
    assert_eq!(service.request_id(), None);
}
