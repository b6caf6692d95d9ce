//! Adjusting one call without a new client (`customize`), and interceptors that see every
//! attempt: what a user adds reaches the wire signed, and what the client owns stays the
//! client's.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use functiongraph_tests::signatures::verify_signature;
use functiongraph_tests::{
    ACCESS_KEY, CannedResponse, SECRET_KEY, TestServer, URN, builder_for, signing_client_for,
    steady_retries,
};
use huaweicloud_sdk_functiongraph::{AttemptOutcome, AttemptRequest, Error, Interceptor};

#[tokio::test]
async fn a_call_adds_signed_headers_and_a_user_agent_suffix() {
    let server = TestServer::answering(CannedResponse::json(200, "{}")).await;
    signing_client_for(&server)
        .show_function_async_invoke_config(URN)
        .customize(|call| {
            call.header("X-Trace-Id", "trace-1")
                .user_agent_suffix("billing-job/2.1")
        })
        .send()
        .await
        .unwrap();
    let request = server.single_request();
    assert_eq!(request.header("x-trace-id"), Some("trace-1"));
    assert_eq!(
        request.header("user-agent"),
        Some("huaweicloud-sdk-functiongraph/0.1.0 billing-job/2.1")
    );
    assert!(
        request
            .header("authorization")
            .unwrap()
            .contains("x-trace-id"),
        "the added header is signed"
    );
    verify_signature(&request);
}

#[tokio::test]
async fn a_call_has_its_own_timeout_and_retry_policy() {
    let server =
        TestServer::answering(CannedResponse::json(200, "{}").stalled(Duration::from_secs(5)))
            .await;
    // The client waits as long as it likes; this call does not.
    let client = signing_client_for(&server);
    let error = client
        .show_function_async_invoke_config(URN)
        .customize(|call| call.operation_timeout(Duration::from_millis(100)))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout { .. }), "{error}");

    // The client never retries (builder_for); this call does.
    let busy = TestServer::answering_in_order(vec![
        CannedResponse::json(503, r#"{"error_code": "FSS.0503", "error_msg": "busy"}"#),
        CannedResponse::json(200, "{}"),
    ])
    .await;
    signing_client_for(&busy)
        .show_function_async_invoke_config(URN)
        .customize(|call| call.retry_policy(steady_retries(2, Duration::from_millis(10))))
        .send()
        .await
        .unwrap();
    assert_eq!(busy.requests().len(), 2);
}

#[tokio::test]
async fn headers_the_client_or_the_operation_owns_are_refused_before_sending() {
    let server = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let client = signing_client_for(&server);
    for name in [
        "Authorization",
        "host",
        "X-Sdk-Date",
        "X-Cff-Log-Type",
        "bad name",
    ] {
        let error = client
            .invoke_function(URN)
            .x_cff_log_type("tail")
            .customize(|call| call.header(name, "x"))
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(
                &error,
                Error::InvalidInput {
                    input: "custom header",
                    ..
                }
            ),
            "{name}: {error}"
        );
    }
    assert!(server.requests().is_empty());
}

/// Adds a header to every attempt and remembers how each ended.
#[derive(Debug, Default)]
struct Recording {
    seen: Mutex<Vec<(String, u32, Option<u16>)>>,
}

impl Interceptor for Recording {
    fn before_attempt(&self, request: &mut AttemptRequest<'_>) {
        let tag = format!("{}-{}", request.operation(), request.attempt());
        request.add_header("X-Attempt", tag);
    }

    fn after_attempt(&self, outcome: &AttemptOutcome<'_>) {
        self.seen.lock().unwrap().push((
            outcome.operation().to_owned(),
            outcome.attempt(),
            outcome.status(),
        ));
    }
}

#[tokio::test]
async fn interceptors_see_every_attempt_before_signing_and_after_it_ends() {
    let server = TestServer::answering_in_order(vec![
        CannedResponse::json(503, r#"{"error_code": "FSS.0503", "error_msg": "busy"}"#),
        CannedResponse::json(200, "{}"),
    ])
    .await;
    let recording = Arc::new(Recording::default());
    let client = builder_for(&server)
        .access_key(ACCESS_KEY, SECRET_KEY)
        .retry_policy(steady_retries(2, Duration::from_millis(10)))
        .interceptor(Arc::clone(&recording))
        .build()
        .unwrap();
    client.list_async_invocations(URN).send().await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for (request, tag) in requests
        .iter()
        .zip(["ListAsyncInvocations-1", "ListAsyncInvocations-2"])
    {
        assert_eq!(request.header("x-attempt"), Some(tag));
        verify_signature(request);
    }
    assert_eq!(
        *recording.seen.lock().unwrap(),
        vec![
            ("ListAsyncInvocations".to_owned(), 1, Some(503)),
            ("ListAsyncInvocations".to_owned(), 2, Some(200)),
        ]
    );
}
