//! What a user of the crate gets for testing their own code (feature `test-util`): a fake
//! transport that records the requests the client would send and answers from a queue, with
//! signing, decoding, errors, retries and pagination all running as they do against the service.

use futures_util::StreamExt;
use std::time::Duration;

use huaweicloud_sdk_functiongraph::operations::{InvokeFunctionOutput, ListAsyncInvocationsOutput};
use huaweicloud_sdk_functiongraph::test_util::{FakeFailure, FakeResponse, FakeTransport};
use huaweicloud_sdk_functiongraph::{Client, RetryPolicy};
use huaweicloud_sdk_functiongraph::{DecodeError, Error, ServiceError};

/// Code under test, as a user would write it: how many invocations of a function failed.
async fn failed_invocations(
    client: &Client,
    urn: &str,
) -> Result<usize, huaweicloud_sdk_functiongraph::Error> {
    let mut failed = 0;
    let mut items = std::pin::pin!(client.list_async_invocations(urn).limit("2").into_items());
    while let Some(invocation) = items.next().await {
        if invocation?.status.is_some_and(|s| s.as_str() == "FAIL") {
            failed += 1;
        }
    }
    Ok(failed)
}

fn client(fake: &std::sync::Arc<FakeTransport>) -> Client {
    Client::builder()
        // Never contacted: the fake answers.
        .endpoint("https://functiongraph.cn-north-4.myhuaweicloud.com")
        .project_id("0123456789abcdef0123456789abcdef")
        .access_key("AK", "SK")
        .retry_policy(
            RetryPolicy::default()
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_backoff(Duration::from_millis(1)),
        )
        .http_transport(fake.clone())
        .build()
        .unwrap()
}

#[tokio::test]
async fn code_that_uses_the_client_is_tested_without_a_network() {
    let fake = FakeTransport::new();
    fake.push_response(FakeResponse::json(
        200,
        r#"{"invocations": [{"status": "FAIL"}, {"status": "SUCCESS"}], "next_marker": 2}"#,
    ));
    fake.push_response(FakeResponse::json(
        503,
        r#"{"error_code": "FSS.0503", "error_msg": "busy"}"#,
    ));
    fake.push_response(FakeResponse::json(
        200,
        r#"{"invocations": [{"status": "FAIL"}], "next_marker": 3}"#,
    ));

    assert_eq!(
        failed_invocations(&client(&fake), "urn:fss:x:p:function:default:f:latest")
            .await
            .unwrap(),
        2
    );

    let sent = fake.requests();
    // The second page was asked for twice: the 503 was retried, as against the service.
    assert_eq!(sent.len(), 3);
    assert!(
        sent[0].url.ends_with("/async-invocations?limit=2"),
        "{}",
        sent[0].url
    );
    assert!(
        sent[2].url.ends_with("/async-invocations?limit=2&marker=2"),
        "{}",
        sent[2].url
    );
    for request in &sent {
        assert_eq!(request.method, "GET");
        assert!(
            request
                .header("authorization")
                .unwrap()
                .starts_with("SDK-HMAC-SHA256 Access=AK, ")
        );
        assert_eq!(
            request.header("x-project-id"),
            Some("0123456789abcdef0123456789abcdef")
        );
    }
}

#[tokio::test]
async fn canned_errors_reach_the_code_under_test_as_typed_errors() {
    let fake = FakeTransport::new();
    fake.push_response(
        FakeResponse::json(
            404,
            r#"{"error_code": "FSS.0404", "error_msg": "can not find function"}"#,
        )
        .with_header("X-Request-Id", "req-1"),
    );
    let error = failed_invocations(&client(&fake), "urn:missing")
        .await
        .unwrap_err();
    let service = error.as_service_error().unwrap();
    assert_eq!(
        (service.status(), service.error_code(), service.request_id()),
        (404, "FSS.0404", Some("req-1"))
    );
}

#[tokio::test]
async fn the_fake_fails_like_a_network_after_a_delay() {
    let fake = FakeTransport::new();
    // A GET is retried after a timeout and a broken connection, as against the service.
    fake.push_failure(FakeFailure::timeout().after(Duration::from_millis(50)));
    fake.push_failure(FakeFailure::connection_reset());
    fake.push_response(FakeResponse::json(
        200,
        r#"{"invocations": [], "count": 0}"#,
    ));
    let started = std::time::Instant::now();
    let output = client(&fake)
        .list_async_invocations("urn:a")
        .send()
        .await
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(50));
    assert_eq!(output.count, Some(0));
    assert_eq!(fake.requests().len(), 3);

    // A POST whose connection broke is not sent again; one that never connected is.
    fake.push_failure(FakeFailure::connection_reset());
    let error = client(&fake)
        .invoke_function("urn:a")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Connection { .. }), "{error}");
    assert_eq!(fake.requests().len(), 4);
    fake.push_failure(FakeFailure::connection_refused());
    client(&fake).invoke_function("urn:a").send().await.unwrap();
    assert_eq!(fake.requests().len(), 6);

    // A timeout that lasts past the operation's deadline is the caller's timeout.
    fake.push_response(FakeResponse::json(200, "{}").after(Duration::from_secs(5)));
    let error = Client::builder()
        .endpoint("https://functiongraph.cn-north-4.myhuaweicloud.com")
        .project_id("p")
        .auth_token("t")
        .operation_timeout(Duration::from_millis(20))
        .http_transport(fake.clone())
        .build()
        .unwrap()
        .invoke_function("urn:a")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout { .. }), "{error}");
}

/// Code under test that reads outputs and errors, as a user would write it.
fn describe(result: &Result<InvokeFunctionOutput, Error>) -> String {
    match result {
        Ok(output) => format!("ran: {}", output.raw_text()),
        Err(Error::Service(error)) if error.status() == 404 => "no such function".to_owned(),
        Err(error) => format!("failed: {error}"),
    }
}

#[test]
fn outputs_and_errors_can_be_built_in_a_users_tests() {
    let mut output = InvokeFunctionOutput::new();
    output.raw_body = bytes::Bytes::from_static(b"hello");
    output.x_request_id = Some("r-1".to_owned());
    assert_eq!(describe(&Ok(output)), "ran: hello");

    let missing = ServiceError::new("InvokeFunction", 404).with_error_code("FSS.0404");
    assert_eq!(
        describe(&Err(Error::Service(Box::new(missing)))),
        "no such function"
    );
    let garbled = DecodeError::new("InvokeFunction", 200, "not JSON", b"<html>");
    assert!(describe(&Err(Error::Decode(Box::new(garbled)))).contains("not JSON"));

    let mut page = ListAsyncInvocationsOutput::new();
    page.count = Some(0);
    assert_eq!(page.invocations, None);
    assert_eq!(page.count, Some(0));
}
