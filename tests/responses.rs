//! The documented response examples of the API reference decode into the typed outputs.
//! Each example is read from the spec, where it is recorded from the reference pages.

use functiongraph_tests::fixtures::{response_example, spec};
use functiongraph_tests::{CannedResponse, TestServer, URN, client_for};
use huaweicloud_sdk_functiongraph::Timestamp;
use huaweicloud_sdk_functiongraph::models::{
    AsyncInvocationStatus, CancelAsyncInvocationRequestBody, DestinationType, RequestVersion,
};
use serde_json::Value;

fn text(value: &Value) -> Option<String> {
    value.as_str().map(str::to_owned)
}

fn timestamp_text(value: &Option<Timestamp>) -> Option<&str> {
    value.as_ref().map(Timestamp::as_str)
}

fn unix_seconds(value: &Option<Timestamp>) -> Option<u64> {
    let time = value.as_ref()?.to_system_time()?;
    Some(time.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs())
}

fn int(value: &Value) -> Option<i32> {
    value.as_i64().map(|v| i32::try_from(v).expect("fits i32"))
}

#[tokio::test]
async fn async_invoke_function_decodes_the_202_example() {
    let example = response_example(&spec(), "AsyncInvokeFunction", "202");
    let server = TestServer::answering(CannedResponse::json(202, &example.to_string())).await;
    let output = client_for(&server)
        .async_invoke_function(URN)
        .send()
        .await
        .expect("202 is success");
    assert_eq!(output.request_id, text(&example["request_id"]));
    assert!(output.request_id.is_some());
}

#[tokio::test]
async fn show_function_async_invoke_config_decodes_the_200_example() {
    let example = response_example(&spec(), "ShowFunctionAsyncInvokeConfig", "200");
    let server = TestServer::answering(CannedResponse::json(200, &example.to_string())).await;
    let output = client_for(&server)
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap();
    assert_eq!(output.func_urn, text(&example["func_urn"]));
    assert_eq!(
        output.max_async_event_age_in_seconds,
        int(&example["max_async_event_age_in_seconds"])
    );
    assert_eq!(
        output.max_async_retry_attempts,
        int(&example["max_async_retry_attempts"])
    );
    assert_eq!(
        timestamp_text(&output.created_time),
        example["created_time"].as_str()
    );
    assert_eq!(
        timestamp_text(&output.last_modified),
        example["last_modified"].as_str()
    );
    // The two documented forms read as times: with an offset, and without one (UTC).
    assert_eq!(unix_seconds(&output.created_time), Some(1_614_840_602)); // 2021-03-04T06:50:02Z
    assert_eq!(unix_seconds(&output.last_modified), Some(1_614_869_402)); // 2021-03-04T14:50:02Z
    assert_eq!(
        output.enable_async_status_log,
        example["enable_async_status_log"].as_bool()
    );
    let destinations = output.destination_config.expect("destination_config");
    for (decoded, documented) in [
        (
            destinations.on_success.expect("on_success"),
            &example["destination_config"]["on_success"],
        ),
        (
            destinations.on_failure.expect("on_failure"),
            &example["destination_config"]["on_failure"],
        ),
    ] {
        assert_eq!(decoded.destination, Some(DestinationType::FunctionGraph));
        assert_eq!(
            decoded.destination.as_ref().map(|d| d.as_str()),
            documented["destination"].as_str()
        );
        assert_eq!(decoded.param, text(&documented["param"]));
    }
}

#[tokio::test]
async fn invoke_function_decodes_the_200_example_and_all_seven_headers() {
    let example = response_example(&spec(), "InvokeFunction", "200");
    let response = CannedResponse::json(200, &example.to_string())
        .with_header(
            "X-Cff-Invoke-Summary",
            "{\"funcDigest\":\"d1\",\"duration\":65.8}",
        )
        .with_header("X-Cff-Request-Id", "1cbe80f3-3c65-475e-ad88-76ac518d386x")
        .with_header("X-Cff-Function-Log", "SGVsbG8sIFdvcmxkIQ==")
        .with_header("X-CFF-Billing-Duration", "66")
        .with_header("X-Cff-Response-Version", "v1")
        .with_header("X-Func-Err-Code", "0")
        .with_header("X-Is-Func-Err", "false");
    let server = TestServer::answering(response).await;
    let output = client_for(&server)
        .invoke_function(URN)
        .send()
        .await
        .unwrap();
    assert_eq!(
        output.result.as_ref().map(|r| r.as_str()),
        example["result"].as_str()
    );
    // The result is JSON text, decoded into a type of the caller's on request.
    let result: Value = output.result_as().unwrap().unwrap();
    assert_eq!(result["statusCode"], 200);
    assert_eq!(output.raw_body, example.to_string().as_bytes());
    assert_eq!(output.log, text(&example["log"]));
    assert_eq!(output.status, int(&example["status"]));
    assert_eq!(output.request_id, text(&example["request_id"]));
    assert_eq!(
        output.x_cff_invoke_summary.as_deref(),
        Some("{\"funcDigest\":\"d1\",\"duration\":65.8}")
    );
    assert_eq!(
        output.x_cff_request_id.as_deref(),
        Some("1cbe80f3-3c65-475e-ad88-76ac518d386x")
    );
    let log = output.x_cff_function_log.as_ref().unwrap();
    assert_eq!(log.as_str(), "SGVsbG8sIFdvcmxkIQ==");
    assert_eq!(log.decode_lossy().as_deref(), Some("Hello, World!"));
    assert_eq!(output.x_cff_billing_duration.as_deref(), Some("66"));
    assert_eq!(output.x_cff_response_version, Some(RequestVersion::V1));
    assert_eq!(output.x_func_err_code.as_deref(), Some("0"));
    assert_eq!(output.x_is_func_err.as_deref(), Some("false"));
}

#[tokio::test]
async fn a_v0_text_answer_is_kept_raw_instead_of_failing() {
    let server = TestServer::answering(
        CannedResponse::with_content_type(200, "text/plain", b"Hello, World!")
            .with_header("X-Cff-Response-Version", "v0"),
    )
    .await;
    let output = client_for(&server)
        .invoke_function(URN)
        .x_cff_request_version(RequestVersion::V0)
        .send()
        .await
        .unwrap();
    assert_eq!(output.raw_text(), "Hello, World!");
    assert_eq!(&output.raw_body[..], b"Hello, World!");
    assert_eq!((output.result.as_ref(), output.status), (None, None));
    assert_eq!(output.x_cff_response_version, Some(RequestVersion::V0));
}

#[tokio::test]
async fn a_result_sent_as_json_rather_than_text_still_decodes() {
    let body = r#"{"result": {"statusCode": 200, "body": "ok"}, "status": 200}"#;
    let server = TestServer::answering(CannedResponse::json(200, body)).await;
    let output = client_for(&server)
        .invoke_function(URN)
        .send()
        .await
        .unwrap();
    #[derive(serde::Deserialize)]
    struct Answer {
        #[serde(rename = "statusCode")]
        status_code: u16,
        body: String,
    }
    let answer: Answer = output.result_as().unwrap().unwrap();
    assert_eq!((answer.status_code, answer.body.as_str()), (200, "ok"));
    assert_eq!(
        output.result.unwrap().as_str(),
        r#"{"statusCode":200,"body":"ok"}"#
    );
}

#[tokio::test]
async fn invoke_function_without_headers_leaves_them_unset() {
    let server = TestServer::answering(CannedResponse::json(200, "{\"status\": 200}")).await;
    let output = client_for(&server)
        .invoke_function(URN)
        .send()
        .await
        .unwrap();
    assert_eq!(output.status, Some(200));
    assert_eq!(output.x_cff_request_id, None);
    assert_eq!(output.x_cff_response_version, None);
}

#[tokio::test]
async fn list_async_invocations_decodes_the_200_example() {
    let example = response_example(&spec(), "ListAsyncInvocations", "200");
    let server = TestServer::answering(CannedResponse::json(200, &example.to_string())).await;
    let output = client_for(&server)
        .list_async_invocations(URN)
        .send()
        .await
        .unwrap();
    let documented = example["invocations"].as_array().expect("invocations");
    let decoded = output.invocations.expect("invocations");
    assert_eq!(decoded.len(), documented.len());
    for (invocation, documented) in decoded.iter().zip(documented) {
        assert_eq!(invocation.request_id, text(&documented["request_id"]));
        assert_eq!(
            invocation.status.as_ref().map(|s| s.as_str()),
            documented["status"].as_str()
        );
        assert_eq!(invocation.error_message, text(&documented["error_message"]));
        assert_eq!(invocation.error_code, int(&documented["error_code"]));
        assert_eq!(
            timestamp_text(&invocation.start_time),
            documented["start_time"].as_str()
        );
        assert_eq!(
            timestamp_text(&invocation.end_time),
            documented["end_time"].as_str()
        );
    }
    assert_eq!(decoded[0].status, Some(AsyncInvocationStatus::Success));
    assert_eq!(unix_seconds(&decoded[0].start_time), Some(1_572_017_847)); // 2019-10-25T15:37:27Z
    assert_eq!(output.count, int(&example["count"]));
    assert_eq!(output.next_marker, int(&example["next_marker"]));
}

#[tokio::test]
async fn cancel_async_invocation_accepts_the_documented_null_body() {
    let example = response_example(&spec(), "CancelAsyncInvocation", "200");
    assert_eq!(example, Value::Null, "the page documents the body `null`");
    let server = TestServer::answering(CannedResponse::json(200, "null")).await;
    let body = CancelAsyncInvocationRequestBody::new("4e2a8f5c-1111-2222-3333-444455556666");
    client_for(&server)
        .cancel_async_invocation(URN, body)
        .send()
        .await
        .expect("null is success");
}

#[tokio::test]
async fn new_enum_values_and_new_fields_still_decode() {
    let body = r#"{"invocations":[{"request_id":"r","status":"PAUSED","a_new_field":{"x":1}}],"count":1,"brand_new":true}"#;
    let server = TestServer::answering(CannedResponse::json(200, body)).await;
    let output = client_for(&server)
        .list_async_invocations(URN)
        .send()
        .await
        .unwrap();
    let invocation = &output.invocations.unwrap()[0];
    assert_eq!(
        invocation.status,
        Some(AsyncInvocationStatus::Unknown("PAUSED".into()))
    );
    assert_eq!(invocation.status.as_ref().unwrap().as_str(), "PAUSED");
}

#[tokio::test]
async fn a_success_body_that_is_not_json_is_a_decode_error_with_a_snippet() {
    let server = TestServer::answering(CannedResponse::json(200, "<html>maintenance</html>")).await;
    let error = client_for(&server)
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap_err();
    let huaweicloud_sdk_functiongraph::Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert_eq!(decode.status(), 200);
    assert_eq!(decode.operation(), "ShowFunctionAsyncInvokeConfig");
    assert_eq!(decode.snippet(), "<html>maintenance</html>");
}
