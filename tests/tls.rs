//! TLS on loopback, with certificates made for each test: a server the client does not trust
//! (the error says why, and the call is not retried, since another attempt would meet the same
//! certificate, but the next endpoint is tried), a private CA trusted through a CA bundle, and
//! mutual TLS with a client identity.

use std::time::Duration;

use functiongraph_tests::tls::{TestPki, TrustedTlsServer, UntrustedTlsServer};
use functiongraph_tests::{CannedResponse, PROJECT_ID, TOKEN, TestServer, URN, steady_retries};
use huaweicloud_sdk_functiongraph::{Client, ClientBuilder, Error, RetryPolicy};

fn client_of(server: &UntrustedTlsServer) -> Client {
    Client::builder()
        .endpoint(server.url())
        .project_id(PROJECT_ID)
        .auth_token(TOKEN)
        .retry_policy(steady_retries(3, Duration::from_millis(20)))
        .build()
        .unwrap()
}

#[tokio::test]
async fn an_untrusted_certificate_is_named_in_the_message_and_never_retried() {
    let server = UntrustedTlsServer::start().await;
    let client = client_of(&server);
    let get = client
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap_err();
    let post = client.invoke_function(URN).send().await.unwrap_err();
    for error in [get, post] {
        assert!(matches!(error, Error::Connection { .. }), "{error:?}");
        let message = error.to_string();
        assert!(
            message.contains("invalid peer certificate") && message.contains("UnknownIssuer"),
            "{message}"
        );
    }
    assert_eq!(server.handshakes(), 2, "one handshake for each call");
}

/// A client of the server, without retries, to finish configuring.
fn builder_of(server: &TrustedTlsServer) -> ClientBuilder {
    Client::builder()
        .endpoint(server.url())
        .project_id(PROJECT_ID)
        .auth_token(TOKEN)
        .retry_policy(RetryPolicy::none())
}

/// Builds the client and makes one call with it.
async fn call(builder: ClientBuilder) -> Result<(), Error> {
    builder
        .build()?
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .map(drop)
}

#[tokio::test]
async fn a_ca_bundle_makes_a_private_ca_trusted() {
    let pki = TestPki::new();
    let server = TrustedTlsServer::start(&pki, false).await;
    let untrusted = call(builder_of(&server)).await.unwrap_err();
    assert!(
        untrusted.to_string().contains("UnknownIssuer"),
        "{untrusted}"
    );
    call(builder_of(&server).ca_bundle_pem(pki.ca_pem()))
        .await
        .unwrap();
    assert_eq!(server.answered(), 1);
}

#[tokio::test]
async fn a_client_identity_passes_mutual_tls() {
    let pki = TestPki::new();
    let server = TrustedTlsServer::start(&pki, true).await;
    let trusting = || builder_of(&server).ca_bundle_pem(pki.ca_pem());
    assert!(
        call(trusting()).await.is_err(),
        "the server requires a client certificate"
    );
    call(trusting().client_identity_pem(pki.client_identity_pem()))
        .await
        .unwrap();
    assert_eq!(server.answered(), 1);
}

#[tokio::test]
async fn a_failed_handshake_moves_on_to_the_next_endpoint_and_stays_there() {
    let untrusted = UntrustedTlsServer::start().await;
    let working = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let client = Client::builder()
        .endpoints([untrusted.url(), working.url()])
        .project_id(PROJECT_ID)
        .auth_token(TOKEN)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    for _ in 0..3 {
        client
            .show_function_async_invoke_config(URN)
            .send()
            .await
            .unwrap();
    }
    assert_eq!(untrusted.handshakes(), 1);
    assert_eq!(working.requests().len(), 3);
}
