//! Several endpoints for a region, with the official failover rules: move on when a host name
//! does not resolve (or a TLS handshake fails), never on a refused connection, and start later
//! calls from the endpoint that worked. Name resolution is played by a transport that fails
//! like a resolver for one host, so no test ever asks a real DNS server.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use functiongraph_tests::signatures::verify_signature;
use functiongraph_tests::{
    ACCESS_KEY, CannedResponse, PROJECT_ID, SECRET_KEY, TestServer, URN, refused_url,
};
use huaweicloud_sdk_functiongraph::http::{
    HttpRequest, HttpResponse, HttpTransport, ReqwestTransport, TransportError, TransportErrorKind,
};
use huaweicloud_sdk_functiongraph::{BoxFuture, Client, Error, RetryPolicy};

/// The host that never resolves.
const UNRESOLVABLE: &str = "functiongraph.unresolvable.test";

/// Sends requests with reqwest, except those for [`UNRESOLVABLE`], which fail as a resolver
/// fails; counts those.
#[derive(Debug)]
struct ResolverFails {
    inner: ReqwestTransport,
    failed: AtomicUsize,
}

impl ResolverFails {
    fn new() -> Arc<Self> {
        Arc::new(ResolverFails {
            inner: ReqwestTransport::new(reqwest::Client::new()),
            failed: AtomicUsize::new(0),
        })
    }
}

impl HttpTransport for ResolverFails {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        if request.url.host_str() == Some(UNRESOLVABLE) {
            self.failed.fetch_add(1, Ordering::SeqCst);
            return Box::pin(async {
                Err(TransportError::new(
                    TransportErrorKind::Dns,
                    "dns error: failed to lookup address information",
                ))
            });
        }
        self.inner.send(request)
    }
}

fn client(endpoints: &[String], transport: &Arc<ResolverFails>) -> Client {
    Client::builder()
        .endpoints(endpoints)
        .project_id(PROJECT_ID)
        .access_key(ACCESS_KEY, SECRET_KEY)
        .retry_policy(RetryPolicy::none())
        .http_transport(Arc::clone(transport))
        .build()
        .unwrap()
}

#[tokio::test]
async fn an_unresolvable_endpoint_is_passed_over_for_this_and_later_calls() {
    let server = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let transport = ResolverFails::new();
    let client = client(
        &[format!("http://{UNRESOLVABLE}"), server.url()],
        &transport,
    );
    for _ in 0..3 {
        client
            .show_function_async_invoke_config(URN)
            .send()
            .await
            .unwrap();
    }
    // Asked once; then the working endpoint is where every call starts.
    assert_eq!(transport.failed.load(Ordering::SeqCst), 1);
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    // Signed for the endpoint it went to.
    let host = server.url().trim_start_matches("http://").to_owned();
    for request in &requests {
        assert_eq!(request.header("host"), Some(host.as_str()));
        verify_signature(request);
    }
}

#[tokio::test]
async fn a_refused_connection_does_not_move_on() {
    let server = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let transport = ResolverFails::new();
    let client = client(&[refused_url(), server.url()], &transport);
    let error = client
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Connection { .. }), "{error}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn when_every_endpoint_is_unreachable_the_error_names_each() {
    let transport = ResolverFails::new();
    let endpoints = [
        format!("http://{UNRESOLVABLE}"),
        format!("https://{UNRESOLVABLE}:8443"),
    ];
    let error = client(&endpoints, &transport)
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, Error::Connection { .. }), "{message}");
    assert!(
        message.contains(&format!("http://{UNRESOLVABLE}/"))
            && message.contains(&format!("https://{UNRESOLVABLE}:8443/")),
        "{message}"
    );
    assert_eq!(transport.failed.load(Ordering::SeqCst), 2);
}
