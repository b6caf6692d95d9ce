//! The HTTP layer a user controls: an explicit proxy (which over https sees only a CONNECT),
//! a reqwest client of their own, and the connection pool's settings. Every "proxy" here is a
//! loopback server, and the endpoints behind it are never resolved.

use std::time::Duration;

use functiongraph_tests::{CannedResponse, PROJECT_ID, TOKEN, TestServer, URN, builder_for};
use huaweicloud_sdk_functiongraph::http::{Proxy, ReqwestTransport};
use huaweicloud_sdk_functiongraph::{Client, Error, RetryPolicy};

/// A client of an endpoint that only the proxy can reach: `.invalid` never resolves.
fn client_behind(proxy: Proxy, scheme: &str) -> Client {
    Client::builder()
        .endpoint(format!("{scheme}://functiongraph.cn-north-4.invalid"))
        .project_id(PROJECT_ID)
        .auth_token(TOKEN)
        .retry_policy(RetryPolicy::none())
        .proxy(proxy)
        .build()
        .unwrap()
}

#[tokio::test]
async fn an_explicit_proxy_carries_http_requests_with_its_credentials() {
    let proxy = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let client = client_behind(
        Proxy::new(proxy.url()).basic_auth("proxy-user", "proxy-secret"),
        "http",
    );
    assert!(!format!("{client:?}").contains("proxy-secret"));
    client
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap();
    let request = proxy.single_request();
    // Over http:// the proxy sees the whole request, token included.
    assert!(
        request
            .target
            .starts_with("http://functiongraph.cn-north-4.invalid/v2/"),
        "{}",
        request.target
    );
    assert_eq!(request.header("x-auth-token"), Some(TOKEN));
    // "proxy-user:proxy-secret", base64.
    assert_eq!(
        request.header("proxy-authorization"),
        Some("Basic cHJveHktdXNlcjpwcm94eS1zZWNyZXQ=")
    );
}

#[tokio::test]
async fn over_https_a_proxy_sees_only_a_connect() {
    let proxy = TestServer::answering(CannedResponse::json(403, "{}")).await;
    let client = client_behind(Proxy::new(proxy.url()), "https");
    let error = client
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Connection { .. }), "{error}");
    let request = proxy.single_request();
    assert_eq!(request.method, "CONNECT");
    assert_eq!(request.target, "functiongraph.cn-north-4.invalid:443");
    for header in ["x-auth-token", "authorization", "x-project-id"] {
        assert_eq!(request.header(header), None, "{header} went to the proxy");
    }
}

#[tokio::test]
async fn a_users_own_reqwest_client_sends_the_requests() {
    let server = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-from-users-client", "yes".parse().unwrap());
    let own = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap();
    builder_for(&server)
        .auth_token(TOKEN)
        .http_transport(ReqwestTransport::new(own))
        .build()
        .unwrap()
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap();
    assert_eq!(
        server.single_request().header("x-from-users-client"),
        Some("yes")
    );
}

async fn two_calls(client: &Client, pause: Duration) {
    for _ in 0..2 {
        client
            .show_function_async_invoke_config(URN)
            .send()
            .await
            .unwrap();
        tokio::time::sleep(pause).await;
    }
}

#[tokio::test]
async fn the_pool_keeps_connections_as_configured() {
    let server = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let pooled = builder_for(&server).auth_token(TOKEN).build().unwrap();
    two_calls(&pooled, Duration::ZERO).await;
    assert_eq!(
        server.connections(),
        1,
        "the default pool reuses the connection"
    );

    let server = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let unpooled = builder_for(&server)
        .auth_token(TOKEN)
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    two_calls(&unpooled, Duration::ZERO).await;
    assert_eq!(server.connections(), 2, "no idle connection is kept");

    let server = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let short_lived = builder_for(&server)
        .auth_token(TOKEN)
        .pool_idle_timeout(Duration::from_millis(50))
        .build()
        .unwrap();
    two_calls(&short_lived, Duration::from_millis(300)).await;
    assert_eq!(server.connections(), 2, "the idle connection expired");
}

#[test]
fn bad_tls_material_and_proxies_are_refused_by_build() {
    let builder = || {
        Client::builder()
            .endpoint("https://functiongraph.cn-north-4.invalid")
            .project_id(PROJECT_ID)
            .auth_token(TOKEN)
    };
    let error = builder().ca_bundle_pem("junk").build().unwrap_err();
    assert!(
        matches!(&error, Error::Config(m) if m.contains("CA bundle")),
        "{error}"
    );
    let error = builder().client_identity_pem("junk").build().unwrap_err();
    assert!(
        matches!(&error, Error::Config(m) if m.contains("client identity")),
        "{error}"
    );
    let error = builder()
        .proxy(Proxy::new("not a url"))
        .build()
        .unwrap_err();
    assert!(
        matches!(&error, Error::Config(m) if m.contains("proxy")),
        "{error}"
    );
}
