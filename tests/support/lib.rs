//! Shared pieces of the loopback tests: a recording HTTP server, clients that point at it, and
//! the spec and fixtures the tests compare against.

pub mod credentials;
pub mod fixtures;
pub mod programs;
pub mod server;
pub mod signatures;
pub mod tls;
pub mod trace;

use huaweicloud_sdk_functiongraph::{Client, ClientBuilder, RetryPolicy};

pub use server::{Behaviour, CannedResponse, RecordedRequest, TestServer, refused_url};

/// The project id every test client uses.
pub const PROJECT_ID: &str = "0123456789abcdef0123456789abcdef";
/// The token every test client sends.
pub const TOKEN: &str = "test-token-not-a-secret";
/// A function URN in the official format.
pub const URN: &str =
    "urn:fss:cn-north-4:0123456789abcdef0123456789abcdef:function:default:hello:latest";

/// The body of a 503 answer that asks to retry.
pub const BUSY: &str = r#"{"error_code":"FSS.0503","error_msg":"busy"}"#;

/// The access key of the AK/SK test clients.
pub const ACCESS_KEY: &str = "FAKEAKEXAMPLE0000000";
/// The secret key of the AK/SK test clients.
pub const SECRET_KEY: &str = "FAKESKEXAMPLE0000000000000000000000000000";

/// A policy of `attempts` attempts whose every wait is between `wait / 2` and `wait`.
pub fn steady_retries(attempts: u32, wait: std::time::Duration) -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(attempts)
        .with_initial_backoff(wait)
        .with_max_backoff(wait)
}

/// A builder pointed at the test server, with the test project and without retries, so that
/// each test sees exactly the attempts it asks for.
pub fn builder_for(server: &TestServer) -> ClientBuilder {
    Client::builder()
        .endpoint(server.url())
        .project_id(PROJECT_ID)
        .retry_policy(RetryPolicy::none())
}

/// A client that talks to the test server with token authentication.
pub fn client_for(server: &TestServer) -> Client {
    builder_for(server)
        .auth_token(TOKEN)
        .build()
        .expect("a valid test client")
}

/// A client that talks to the test server with AK/SK signing.
pub fn signing_client_for(server: &TestServer) -> Client {
    builder_for(server)
        .access_key(ACCESS_KEY, SECRET_KEY)
        .build()
        .expect("a valid test client")
}

/// The resident set size of this process, from /proc (Linux).
pub fn resident_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("/proc/self/statm");
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .expect("resident pages");
    pages * 4096
}

/// The five operations, by operationId.
pub const OPERATION_IDS: [&str; 5] = [
    "AsyncInvokeFunction",
    "ShowFunctionAsyncInvokeConfig",
    "InvokeFunction",
    "ListAsyncInvocations",
    "CancelAsyncInvocation",
];

/// Calls an operation by its operationId with only its required inputs, returning the output's
/// `Debug` text. Lets one test walk every operation.
pub async fn call_operation(
    client: &Client,
    operation_id: &str,
) -> Result<String, huaweicloud_sdk_functiongraph::Error> {
    use huaweicloud_sdk_functiongraph::models::CancelAsyncInvocationRequestBody;
    Ok(match operation_id {
        "AsyncInvokeFunction" => format!("{:?}", client.async_invoke_function(URN).send().await?),
        "ShowFunctionAsyncInvokeConfig" => format!(
            "{:?}",
            client.show_function_async_invoke_config(URN).send().await?
        ),
        "InvokeFunction" => format!("{:?}", client.invoke_function(URN).send().await?),
        "ListAsyncInvocations" => format!("{:?}", client.list_async_invocations(URN).send().await?),
        "CancelAsyncInvocation" => {
            let body =
                CancelAsyncInvocationRequestBody::new("4e2a8f5c-1111-2222-3333-444455556666");
            format!(
                "{:?}",
                client.cancel_async_invocation(URN, body).send().await?
            )
        }
        other => panic!("unknown operation {other}"),
    })
}
