//! The generated crate's example program, run against a loopback server once per operation
//! (its first argument names the operation): credentials, project and region come from the
//! environment, the region's endpoint is overridden to point at the server, and each call
//! prints the output or the error.
//!
//! `cargo test --workspace` builds the examples before it runs any test.

use std::path::PathBuf;
use std::process::{Command, Output};

use functiongraph_tests::{ACCESS_KEY, CannedResponse, PROJECT_ID, SECRET_KEY, TestServer, URN};

const EXAMPLES: [(&str, &str); 5] = [
    ("async_invoke_function", "/invocations-async"),
    ("show_function_async_invoke_config", "/async-invoke-config"),
    ("invoke_function", "/invocations"),
    ("list_async_invocations", "/async-invocations"),
    ("cancel_async_invocation", "/cancel"),
];

/// The example program of the crate: `examples/functiongraph.rs`.
const EXAMPLE: &str = "functiongraph";

fn example_binary() -> PathBuf {
    // The test binary is target/<profile>/deps/examples-<hash>; examples are in
    // target/<profile>/examples.
    let profile_dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent()?.parent().map(PathBuf::from))
        .expect("the target directory");
    let binary = profile_dir.join("examples").join(EXAMPLE);
    assert!(
        binary.exists(),
        "{} is not built; run `cargo test --workspace`, which builds the examples",
        binary.display()
    );
    binary
}

/// Runs the example for one operation with the official SDK's environment variables, pointed
/// at the server.
async fn run(operation: &'static str, server_url: String, args: Vec<&'static str>) -> Output {
    tokio::task::spawn_blocking(move || {
        Command::new(example_binary())
            .arg(operation)
            .args(args)
            .env_clear()
            .env("HUAWEICLOUD_SDK_AK", ACCESS_KEY)
            .env("HUAWEICLOUD_SDK_SK", SECRET_KEY)
            .env("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT_ID)
            .env(
                "HUAWEICLOUD_SDK_REGION_FUNCTIONGRAPH_CN_NORTH_4",
                server_url,
            )
            .output()
            .expect("the example runs")
    })
    .await
    .expect("the example finished")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_example_calls_its_operation_and_prints_the_output() {
    for (name, suffix) in EXAMPLES {
        // Each operation's documented success: 202 for AsyncInvokeFunction, 200 otherwise.
        let status = if name == "async_invoke_function" {
            202
        } else {
            200
        };
        let server = TestServer::answering(
            CannedResponse::json(
                status,
                r#"{"request_id": "4e2a8f5c-1111-2222-3333-444455556666"}"#,
            )
            .with_header("X-Request-Id", "req-example"),
        )
        .await;
        let args = if name == "cancel_async_invocation" {
            vec![URN, "4e2a8f5c-1111-2222-3333-444455556666"]
        } else {
            vec![URN]
        };
        let output = run(name, server.url(), args).await;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "{name} failed:\n{stdout}\n{stderr}"
        );
        assert!(
            stdout.contains("x_request_id: Some(\n        \"req-example\""),
            "{name} printed:\n{stdout}"
        );

        let request = server.single_request();
        assert!(
            request.path().ends_with(suffix),
            "{name}: {}",
            request.target
        );
        assert!(
            request
                .target
                .starts_with(&format!("/v2/{PROJECT_ID}/fgs/functions/urn%3Afss%3A"))
        );
        let authorization = request.header("authorization").expect("signed");
        assert!(
            authorization.starts_with(&format!("SDK-HMAC-SHA256 Access={ACCESS_KEY}, ")),
            "{authorization}"
        );
        match name {
            "cancel_async_invocation" => {
                assert_eq!(
                    request.body_text(),
                    r#"{"request_id": "4e2a8f5c-1111-2222-3333-444455556666"}"#
                )
            }
            // The example event of the API reference page.
            "async_invoke_function" => assert_eq!(request.body_text(), r#"{"body": {"k": "v"}}"#),
            "invoke_function" => assert!(
                request
                    .body_text()
                    .contains(r#""path": "/apig-event-template""#)
            ),
            _ => assert!(request.body.is_empty()),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_example_prints_the_service_error_and_fails() {
    let server = TestServer::answering(
        CannedResponse::json(
            404,
            r#"{"error_code":"FSS.0404","error_msg":"can not find function"}"#,
        )
        .with_header("X-Request-Id", "req-404"),
    )
    .await;
    let output = run("show_function_async_invoke_config", server.url(), vec![URN]).await;
    assert!(!output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim(),
        "ShowFunctionAsyncInvokeConfig: HTTP 404 FSS.0404: can not find function (request id req-404)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_example_without_its_arguments_prints_its_usage() {
    let output = run(
        "cancel_async_invocation",
        "http://127.0.0.1:9".to_owned(),
        vec![URN],
    )
    .await;
    assert!(!output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim(),
        "usage: functiongraph cancel_async_invocation <function_urn> <request_id>"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_example_names_its_operations_when_it_is_given_none_it_knows() {
    let output = run("no_such_operation", "http://127.0.0.1:9".to_owned(), vec![]).await;
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).starts_with("usage: functiongraph <operation>"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
