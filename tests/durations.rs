//! Every duration the builder and the retry policy take, across the whole `Duration` range,
//! gives an answer or a typed error: never a panic. Durations beyond a year are clamped to a
//! year (`huaweicloud_sdk_core::MAX_DURATION`), so `Duration::MAX` means "as long as it takes".

use std::time::Duration;

use functiongraph_tests::{BUSY, CannedResponse, TOKEN, TestServer, URN, builder_for};
use huaweicloud_sdk_functiongraph::{ClientBuilder, Error, RetryPolicy};
use proptest::prelude::*;

/// Any duration: the extremes, short ones a test can wait for, and the whole range.
fn durations() -> impl Strategy<Value = Duration> {
    prop_oneof![
        Just(Duration::MAX),
        Just(Duration::from_secs(u64::MAX)),
        Just(Duration::ZERO),
        (0u64..2_000_000).prop_map(Duration::from_micros),
        (any::<u64>(), 0u32..1_000_000_000).prop_map(|(s, n)| Duration::new(s, n)),
    ]
}

/// Runs `cases` calls on a fresh runtime, each against `server_answer`, with the builder set up
/// by `configure` for one generated duration. `check` judges each result.
fn each_duration(
    server_answers: Vec<CannedResponse>,
    configure: impl Fn(ClientBuilder, Duration) -> ClientBuilder,
    check: impl Fn(Duration, Result<(), Error>) -> Result<(), TestCaseError>,
) {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let server = runtime.block_on(TestServer::answering_in_order(server_answers));
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(48));
    runner
        .run(&durations(), |duration| {
            let outcome = runtime.block_on(async {
                let client = configure(builder_for(&server).auth_token(TOKEN), duration).build()?;
                client
                    .show_function_async_invoke_config(URN)
                    .send()
                    .await
                    .map(drop)
            });
            check(duration, outcome)
        })
        .unwrap();
}

/// A timeout of a second or more is never reached by a loopback answer; a shorter one may be.
fn answered_unless_too_short(
    duration: Duration,
    outcome: Result<(), Error>,
) -> Result<(), TestCaseError> {
    match outcome {
        Ok(()) => Ok(()),
        Err(Error::Timeout { .. }) if duration < Duration::from_secs(1) => Ok(()),
        Err(other) => Err(TestCaseError::fail(format!("{duration:?}: {other:?}"))),
    }
}

#[test]
fn any_connect_timeout_gives_an_answer() {
    each_duration(
        vec![CannedResponse::json(200, "{}")],
        ClientBuilder::connect_timeout,
        answered_unless_too_short,
    );
}

#[test]
fn any_read_timeout_gives_an_answer() {
    each_duration(
        vec![CannedResponse::json(200, "{}")],
        ClientBuilder::read_timeout,
        answered_unless_too_short,
    );
}

#[test]
fn any_operation_timeout_gives_an_answer() {
    each_duration(
        vec![CannedResponse::json(200, "{}")],
        ClientBuilder::operation_timeout,
        answered_unless_too_short,
    );
}

/// A policy whose backoffs, or `Retry-After` limit, are the generated duration, against a
/// server that always asks to retry (in a second, where the answer has a `Retry-After`). An
/// operation timeout bounds the waits, so each case ends within it.
fn retries_with(policy: impl Fn(Duration) -> RetryPolicy, retry_after: Option<&str>) {
    let mut busy = CannedResponse::json(503, BUSY);
    if let Some(seconds) = retry_after {
        busy = busy.with_header("Retry-After", seconds);
    }
    each_duration(
        vec![busy],
        |builder, duration| {
            builder
                .retry_policy(policy(duration))
                .operation_timeout(Duration::from_millis(100))
        },
        |duration, outcome| match outcome {
            Err(Error::Timeout { .. }) => Ok(()),
            Err(error) if error.status() == Some(503) => Ok(()),
            other => Err(TestCaseError::fail(format!("{duration:?}: {other:?}"))),
        },
    );
}

#[test]
fn any_backoff_gives_an_answer() {
    retries_with(
        |d| {
            RetryPolicy::default()
                .with_initial_backoff(d)
                .with_max_backoff(d)
        },
        None,
    );
    retries_with(|d| RetryPolicy::default().with_initial_backoff(d), None);
    retries_with(|d| RetryPolicy::default().with_max_backoff(d), None);
}

#[test]
fn any_retry_after_limit_gives_an_answer() {
    retries_with(
        |d| RetryPolicy::default().with_max_retry_after(d),
        Some("18446744073709551615"),
    );
    retries_with(
        |d| RetryPolicy::default().with_max_retry_after(d),
        Some("1"),
    );
}
