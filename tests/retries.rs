//! Retries and timeouts against a loopback server that misbehaves on purpose.
//!
//! By default an idempotent request (GET) is retried after 429/500/502/503/504, a broken
//! connection or a timeout; a POST only when its connection could not be opened, unless the
//! call opts in with `retry_as_idempotent`. Every wait honours `Retry-After`.

use std::time::{Duration, Instant};

use functiongraph_tests::{
    BUSY, CannedResponse, TOKEN, TestServer, URN, builder_for, refused_url, steady_retries,
};
use huaweicloud_sdk_functiongraph::{Client, Error, RetryPolicy};

/// Three attempts with short waits, so the tests stay fast.
fn fast_retries() -> RetryPolicy {
    steady_retries(3, Duration::from_millis(40))
}

fn retrying_client(server: &TestServer) -> Client {
    builder_for(server)
        .auth_token(TOKEN)
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_get_is_retried_after_each_retryable_status_then_succeeds() {
    for status in [429, 500, 502, 503, 504] {
        let server = TestServer::answering_in_order(vec![
            CannedResponse::json(status, BUSY),
            CannedResponse::json(200, r#"{"max_async_retry_attempts": 2}"#),
        ])
        .await;
        let output = retrying_client(&server)
            .show_function_async_invoke_config(URN)
            .send()
            .await
            .unwrap();
        assert_eq!(output.max_async_retry_attempts, Some(2), "after {status}");
        assert_eq!(server.requests().len(), 2, "after {status}");
    }
}

#[tokio::test]
async fn other_error_statuses_are_not_retried() {
    for status in [400, 401, 403, 404, 501] {
        let server = TestServer::answering(CannedResponse::json(status, BUSY)).await;
        let error = retrying_client(&server)
            .list_async_invocations(URN)
            .send()
            .await
            .unwrap_err();
        assert_eq!(error.status(), Some(status));
        assert_eq!(server.requests().len(), 1, "{status}");
    }
}

#[tokio::test]
async fn retries_stop_after_the_last_attempt_with_the_last_error() {
    let server = TestServer::answering(CannedResponse::json(503, BUSY)).await;
    let error = retrying_client(&server)
        .list_async_invocations(URN)
        .send()
        .await
        .unwrap_err();
    let service = error.as_service_error().expect("a service error");
    assert_eq!((service.status(), service.error_code()), (503, "FSS.0503"));
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = TestServer::answering_in_order(vec![
        CannedResponse::json(429, BUSY).with_header("Retry-After", "1"),
        CannedResponse::json(200, "{}"),
    ])
    .await;
    let started = Instant::now();
    retrying_client(&server)
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_retry_after_beyond_the_limit_returns_the_error_at_once() {
    let server =
        TestServer::answering(CannedResponse::json(429, BUSY).with_header("Retry-After", "3600"))
            .await;
    let started = Instant::now();
    let error = retrying_client(&server)
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(429));
    assert_eq!(server.requests().len(), 1);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_post_is_not_retried_after_an_error_status() {
    let server = TestServer::answering(CannedResponse::json(503, BUSY)).await;
    let error = retrying_client(&server)
        .invoke_function(URN)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(503));
    assert_eq!(
        server.requests().len(),
        1,
        "a POST must never be sent twice"
    );
}

#[tokio::test]
async fn a_post_is_retried_when_the_call_opts_in() {
    let server = TestServer::answering_in_order(vec![
        CannedResponse::json(503, BUSY),
        CannedResponse::json(200, r#"{"status": 200}"#),
    ])
    .await;
    let output = retrying_client(&server)
        .invoke_function(URN)
        .retry_as_idempotent()
        .send()
        .await
        .unwrap();
    assert_eq!(output.status, Some(200));
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_connection_reset_before_the_answer_retries_a_get_but_not_a_post() {
    let server = TestServer::answering_in_order(vec![
        CannedResponse::close(),
        CannedResponse::json(200, "{}"),
    ])
    .await;
    retrying_client(&server)
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 2);

    let server = TestServer::answering(CannedResponse::close()).await;
    let error = retrying_client(&server)
        .cancel_async_invocation(
            URN,
            huaweicloud_sdk_functiongraph::models::CancelAsyncInvocationRequestBody::new("r"),
        )
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Connection {
                operation: "CancelAsyncInvocation",
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        server.requests().len(),
        1,
        "the POST reached the server, so it is not sent again"
    );
}

#[tokio::test]
async fn a_refused_connection_is_retried_even_for_a_post() {
    // Each wait is between 100 and 200 ms, so more than 200 ms in all means two waits: all three
    // attempts were made. Nothing listens, so no server can count them.
    let policy = steady_retries(3, Duration::from_millis(200));
    let client = Client::builder()
        .endpoint(refused_url())
        .project_id("p")
        .auth_token(TOKEN)
        .retry_policy(policy)
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client.invoke_function(URN).send().await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Connection {
                operation: "InvokeFunction",
                ..
            }
        ),
        "{error:?}"
    );
    let elapsed = started.elapsed();
    assert!(
        elapsed > Duration::from_millis(200) && elapsed < Duration::from_secs(5),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn a_stalled_answer_is_a_read_timeout_and_a_get_is_retried() {
    let server = TestServer::answering_in_order(vec![
        CannedResponse::json(200, "{}").stalled(Duration::from_secs(3)),
        CannedResponse::json(200, r#"{"func_urn": "u"}"#),
    ])
    .await;
    let client = builder_for(&server)
        .auth_token(TOKEN)
        .read_timeout(Duration::from_millis(300))
        .retry_policy(fast_retries())
        .build()
        .unwrap();
    let output = client
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap();
    assert_eq!(output.func_urn.as_deref(), Some("u"));
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_stalled_post_is_a_timeout_error_and_is_sent_once() {
    let server =
        TestServer::answering(CannedResponse::json(200, "{}").stalled(Duration::from_secs(3)))
            .await;
    let client = builder_for(&server)
        .auth_token(TOKEN)
        .read_timeout(Duration::from_millis(300))
        .retry_policy(fast_retries())
        .build()
        .unwrap();
    let error = client.invoke_function(URN).send().await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout {
                operation: "InvokeFunction",
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn the_operation_timeout_bounds_every_attempt_and_wait() {
    let server = TestServer::answering(CannedResponse::json(503, BUSY)).await;
    let client = builder_for(&server)
        .auth_token(TOKEN)
        .retry_policy(steady_retries(10, Duration::from_millis(200)))
        .operation_timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client.list_async_invocations(URN).send().await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout {
                operation: "ListAsyncInvocations",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert!(server.requests().len() < 10);
}

#[test]
fn the_default_timeouts_are_the_official_sdks() {
    assert_eq!(
        huaweicloud_sdk_functiongraph::DEFAULT_CONNECT_TIMEOUT,
        Duration::from_secs(60)
    );
    assert_eq!(
        huaweicloud_sdk_functiongraph::DEFAULT_READ_TIMEOUT,
        Duration::from_secs(120)
    );
    assert_eq!(RetryPolicy::default().max_attempts(), 3);
}

#[tokio::test]
async fn a_connection_that_cannot_be_opened_in_time_is_a_timeout_error() {
    // A listener that never accepts, with a backlog of one, already full: the kernel leaves
    // further handshakes unanswered, so connecting hangs until the connect timeout.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(1).unwrap();
    let address = listener.local_addr().unwrap();
    let mut fillers = Vec::new();
    for _ in 0..8 {
        match tokio::time::timeout(
            Duration::from_millis(100),
            tokio::net::TcpStream::connect(address),
        )
        .await
        {
            Ok(Ok(stream)) => fillers.push(stream),
            _ => break,
        }
    }
    let client = Client::builder()
        .endpoint(format!("http://{address}"))
        .project_id("p")
        .auth_token(TOKEN)
        .connect_timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout {
                operation: "ShowFunctionAsyncInvokeConfig",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    drop((listener, fillers));
}

/// A server that drips a body of 100 bytes a byte every 200 ms, and a client of it whose read
/// timeout is a second: each read is well within it, yet the whole body would take 20 s.
async fn dripping(operation_timeout: Option<Duration>) -> (TestServer, Client) {
    let body = format!(r#"{{"func_urn": "{}"}}"#, "u".repeat(84));
    let server =
        TestServer::answering(CannedResponse::json(200, &body).dripped(Duration::from_millis(200)))
            .await;
    let mut builder = builder_for(&server)
        .auth_token(TOKEN)
        .read_timeout(Duration::from_secs(1));
    if let Some(limit) = operation_timeout {
        builder = builder.operation_timeout(limit);
    }
    let client = builder.build().unwrap();
    (server, client)
}

#[tokio::test]
async fn an_operation_timeout_bounds_a_dripping_body() {
    let (_server, client) = dripping(Some(Duration::from_millis(800))).await;
    let started = Instant::now();
    let error = client
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn without_an_operation_timeout_a_dripping_body_outlasts_the_read_timeout() {
    let (_server, client) = dripping(None).await;
    let call = client.show_function_async_invoke_config(URN).send();
    // Still reading after twice the read timeout: the read timeout bounds each read, not the
    // whole answer (as documented on `read_timeout` and `operation_timeout`).
    let still_reading = tokio::time::timeout(Duration::from_secs(2), call).await;
    assert!(still_reading.is_err(), "{still_reading:?}");
}
