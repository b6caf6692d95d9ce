//! A server whose certificate the client does not trust: the error says why in its message,
//! and the call is not retried, since another attempt would meet the same certificate.

use std::time::Duration;

use functiongraph_tests::tls::UntrustedTlsServer;
use functiongraph_tests::{PROJECT_ID, TOKEN, URN, steady_retries};
use huaweicloud_sdk_functiongraph::{Client, Error};

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
