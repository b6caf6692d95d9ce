//! The secret key, the IAM token and the security token never appear in `Debug` or `Display`
//! output, in error messages, or in tracing output; the tracing span names the operation and the
//! request id.

use std::time::Duration;

use functiongraph_tests::trace::capture;
use functiongraph_tests::{ACCESS_KEY, CannedResponse, TestServer, URN, builder_for, refused_url};
use huaweicloud_sdk_functiongraph::{Client, ClientBuilder, Credentials, RetryPolicy};

const SECRET_KEY: &str = "SECRET-KEY-must-not-leak";
const SECURITY_TOKEN: &str = "SECURITY-TOKEN-must-not-leak";
const IAM_TOKEN: &str = "IAM-TOKEN-must-not-leak";
const SECRETS: [&str; 3] = [SECRET_KEY, SECURITY_TOKEN, IAM_TOKEN];

fn assert_no_secret(text: &str, what: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{what} shows a secret:\n{text}");
    }
}

fn temporary() -> Credentials {
    Credentials::temporary(ACCESS_KEY, SECRET_KEY, SECURITY_TOKEN)
}

#[tokio::test]
async fn secrets_stay_out_of_debug_display_errors_and_tracing() {
    let captured = capture();
    let mut printed = Vec::new();

    let builder: ClientBuilder = Client::builder().credentials(temporary()).project_id("p");
    printed.push(format!("{builder:?}"));
    printed.push(format!(
        "{:?} {:?}",
        temporary(),
        Credentials::token(IAM_TOKEN)
    ));

    // A service error, a decode error and a timeout, each with AK/SK and with a token.
    for credentials in [temporary(), Credentials::token(IAM_TOKEN)] {
        for answer in [
            CannedResponse::json(
                401,
                r#"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}"#,
            ),
            CannedResponse::json(200, "<html>not json</html>"),
            CannedResponse::json(200, "{}").stalled(Duration::from_secs(2)),
        ] {
            let server = TestServer::answering(answer.with_header("X-Request-Id", "req-123")).await;
            let client = builder_for(&server)
                .credentials(credentials.clone())
                .read_timeout(Duration::from_millis(200))
                .build()
                .unwrap();
            printed.push(format!("{client:?}"));
            let error = client
                .show_function_async_invoke_config(URN)
                .send()
                .await
                .unwrap_err();
            printed.push(format!("{error} | {error:?}"));
            // The secrets did reach the wire, where they belong.
            let request = server.single_request();
            let sent: String = request
                .headers
                .iter()
                .map(|(n, v)| format!("{n}: {v}\n"))
                .collect();
            assert!(
                sent.contains(SECURITY_TOKEN) || sent.contains(IAM_TOKEN),
                "{sent}"
            );
        }
    }

    // A connection error.
    let client = Client::builder()
        .endpoint(refused_url())
        .project_id("p")
        .credentials(temporary())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let error = client.invoke_function(URN).send().await.unwrap_err();
    printed.push(format!("{error} | {error:?}"));

    for text in &printed {
        assert_no_secret(text, "Debug or Display");
    }
    let logged = captured.text();
    // The capture saw the requests (at TRACE, the HTTP stack's own events included).
    assert!(
        logged.contains("operation=\"ShowFunctionAsyncInvokeConfig\""),
        "{logged}"
    );
    assert!(logged.contains("operation=\"InvokeFunction\""), "{logged}");
    assert_no_secret(&logged, "tracing");
}

#[tokio::test]
async fn the_tracing_span_names_the_operation_and_the_request_id() {
    let captured = capture();
    let server = TestServer::answering(
        CannedResponse::json(200, "{}").with_header("X-Request-Id", "req-7f3a"),
    )
    .await;
    let output = builder_for(&server)
        .credentials(temporary())
        .build()
        .unwrap()
        .list_async_invocations(URN)
        .send()
        .await
        .unwrap();
    assert_eq!(output.x_request_id.as_deref(), Some("req-7f3a"));
    let logged = captured.text();
    // The buffer is shared by the tests of this binary; this test's line is the one with its id.
    let line = logged
        .lines()
        .find(|l| l.contains("answered") && l.contains("req-7f3a"))
        .unwrap_or_else(|| panic!("{logged}"));
    assert!(line.contains("sdk_operation{"), "{line}");
    assert!(
        line.contains("operation=\"ListAsyncInvocations\""),
        "{line}"
    );
    assert!(line.contains("request_id=\"req-7f3a\""), "{line}");
    assert!(line.contains("status=200"), "{line}");
}
