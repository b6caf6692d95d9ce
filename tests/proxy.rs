//! The default transport honours the proxy variables (`HTTP_PROXY`, `http_proxy`, `ALL_PROXY`,
//! and `NO_PROXY`), as reqwest does; `ConfigBuilder::no_proxy` turns every proxy off.
//! The "proxy" is a loopback server that records what it is sent: over an `http://` endpoint it
//! sees the whole request, token included. Environment variables belong to the whole process,
//! so this binary has this one test, which sets and clears them in order.

use functiongraph_tests::{CannedResponse, PROJECT_ID, TOKEN, TestServer, URN};
use huaweicloud_sdk_functiongraph::{Client, ClientBuilder, RetryPolicy};

const VARIABLES: [&str; 8] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
];

fn set(name: &str, value: &str) {
    // SAFETY: no other test in this binary reads or writes the environment.
    unsafe { std::env::set_var(name, value) }
}

fn clear_all() {
    for name in VARIABLES {
        // SAFETY: as in `set`.
        unsafe { std::env::remove_var(name) }
    }
}

fn builder(server: &TestServer) -> ClientBuilder {
    Client::builder()
        .endpoint(server.url())
        .project_id(PROJECT_ID)
        .auth_token(TOKEN)
        .retry_policy(RetryPolicy::none())
}

/// Sends one call from a client made now (the transport reads the variables when it is built),
/// and says how many requests the service and the proxy each received since the last call.
async fn call(builder: ClientBuilder, service: &TestServer, proxy: &TestServer) -> (usize, usize) {
    service.clear_requests();
    proxy.clear_requests();
    builder
        .build()
        .unwrap()
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap();
    (service.requests().len(), proxy.requests().len())
}

#[tokio::test]
async fn proxy_variables_are_honoured_unless_the_builder_says_no_proxy() {
    let service = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let proxy = TestServer::answering(CannedResponse::json(200, "{}")).await;
    clear_all();
    assert_eq!(call(builder(&service), &service, &proxy).await, (1, 0));

    for variable in ["HTTP_PROXY", "http_proxy", "ALL_PROXY"] {
        clear_all();
        set(variable, &proxy.url());
        assert_eq!(
            call(builder(&service), &service, &proxy).await,
            (0, 1),
            "{variable} is honoured"
        );
        // The proxy saw the request in clear: the absolute URL and the token.
        let seen = proxy.single_request();
        assert!(seen.target.starts_with(&service.url()), "{}", seen.target);
        assert_eq!(seen.header("x-auth-token"), Some(TOKEN));

        assert_eq!(
            call(builder(&service).no_proxy(), &service, &proxy).await,
            (1, 0),
            "no_proxy() ignores {variable}"
        );
    }

    clear_all();
    set("HTTP_PROXY", &proxy.url());
    set("NO_PROXY", "127.0.0.1");
    assert_eq!(
        call(builder(&service), &service, &proxy).await,
        (1, 0),
        "NO_PROXY is honoured"
    );
    clear_all();
}
