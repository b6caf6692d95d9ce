//! Temporary credentials through a client: cached between requests, refreshed 40 minutes before
//! they expire, one refresh however many requests wait, the old ones kept when a refresh fails
//! while they are valid, and never a request signed with expired ones. STS is a loopback server
//! whose requests are counted.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use functiongraph_tests::credentials::{TEMP_ACCESS_KEY, client_with_provider, sts_answer, within};
use functiongraph_tests::{CannedResponse, TestServer, URN};
use huaweicloud_sdk_functiongraph::huaweicloud_sdk_core::BoxFuture;
use huaweicloud_sdk_functiongraph::huaweicloud_sdk_core::credentials::{
    CachingProvider, OidcProvider, OidcSettings,
};
use huaweicloud_sdk_functiongraph::{
    Client, Credentials, CredentialsError, CredentialsProvider, Error,
};

const LIMIT: Duration = Duration::from_secs(20);
/// More than the 40-minute threshold: no refresh is due.
const LONG: Duration = Duration::from_secs(2 * 3600);
/// Less than the threshold, but still valid: a refresh is due.
const INSIDE_THRESHOLD: Duration = Duration::from_secs(39 * 60);

fn oidc_at(sts: &TestServer) -> OidcProvider {
    OidcProvider::new(
        OidcSettings::with_id_token("iam::1:oidcProvider:p", "iam::1:agency:a", "id-token")
            .sts_endpoint(sts.url()),
    )
}

async fn call(client: &Client) -> Result<(), Error> {
    client
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .map(drop)
}

/// The security tokens the service saw, in order.
fn tokens_seen(service: &TestServer) -> Vec<String> {
    service
        .requests()
        .iter()
        .map(|r| r.header("x-security-token").unwrap_or("none").to_owned())
        .collect()
}

#[tokio::test]
async fn many_waiting_requests_cause_exactly_one_fetch() {
    let sts =
        TestServer::answering(sts_answer("ST-1", LONG).stalled(Duration::from_millis(300))).await;
    let service = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let client = Arc::new(client_with_provider(&service, oidc_at(&sts)));

    let calls: Vec<_> = (0..32)
        .map(|_| {
            let client = Arc::clone(&client);
            tokio::spawn(async move { call(&client).await })
        })
        .collect();
    for handle in calls {
        within(LIMIT, handle).await.unwrap().unwrap();
    }
    assert_eq!(sts.requests().len(), 1, "one fetch for 32 waiting requests");
    let tokens = tokens_seen(&service);
    assert_eq!(tokens.len(), 32);
    assert!(tokens.iter().all(|t| t == "ST-1"), "{tokens:?}");
    for request in service.requests() {
        let authorization = request.header("authorization").unwrap();
        assert!(
            authorization.starts_with(&format!("SDK-HMAC-SHA256 Access={TEMP_ACCESS_KEY}")),
            "{authorization}"
        );
    }
}

#[tokio::test]
async fn credentials_are_refreshed_40_minutes_before_they_expire() {
    let sts = TestServer::answering_in_order(vec![
        sts_answer("ST-inside-threshold", INSIDE_THRESHOLD),
        sts_answer("ST-fresh", LONG),
    ])
    .await;
    let service = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let client = client_with_provider(&service, oidc_at(&sts));
    for _ in 0..3 {
        within(LIMIT, call(&client)).await.unwrap();
    }
    // The first answer was due for refresh at once; the second is kept.
    assert_eq!(sts.requests().len(), 2);
    assert_eq!(
        tokens_seen(&service),
        ["ST-inside-threshold", "ST-fresh", "ST-fresh"]
    );
}

#[tokio::test]
async fn a_failed_refresh_keeps_the_old_credentials_while_they_are_valid() {
    let sts = TestServer::answering_in_order(vec![
        sts_answer("ST-old", INSIDE_THRESHOLD),
        CannedResponse::json(503, r#"{"error_msg":"STS is down"}"#),
    ])
    .await;
    let service = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let client = client_with_provider(&service, oidc_at(&sts));
    for _ in 0..3 {
        within(LIMIT, call(&client)).await.unwrap();
    }
    assert_eq!(tokens_seen(&service), ["ST-old", "ST-old", "ST-old"]);
    // One refresh tried and failed; the failure is not retried on every request.
    assert_eq!(sts.requests().len(), 2);
}

#[tokio::test]
async fn once_they_expire_a_failed_refresh_fails_the_request_before_it_is_sent() {
    let sts = TestServer::answering_in_order(vec![
        sts_answer("ST-short", Duration::from_secs(2)),
        CannedResponse::json(503, r#"{"error_msg":"STS is down"}"#),
    ])
    .await;
    let service = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let client = client_with_provider(&service, oidc_at(&sts));
    within(LIMIT, call(&client)).await.unwrap();
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let error = within(LIMIT, call(&client)).await.unwrap_err();
    assert!(matches!(error, Error::Credentials { .. }), "{error:?}");
    assert!(
        error.to_string().contains("STS answered HTTP 503"),
        "{error}"
    );
    assert_eq!(
        tokens_seen(&service),
        ["ST-short"],
        "nothing sent after expiry"
    );
}

/// A provider that hands out credentials that have expired, as a buggy one might.
#[derive(Debug)]
struct HandsOutExpired;

impl CredentialsProvider for HandsOutExpired {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async {
            Ok(Credentials::temporary("AK", "SK", "ST")
                .with_expiry(SystemTime::now() - Duration::from_secs(1)))
        })
    }
}

#[tokio::test]
async fn no_request_is_ever_signed_with_expired_credentials() {
    let service = TestServer::answering(CannedResponse::json(200, "{}")).await;

    // A provider of its own that returns expired credentials: the client refuses them.
    let client = client_with_provider(&service, HandsOutExpired);
    let error = within(LIMIT, call(&client)).await.unwrap_err();
    assert!(
        matches!(&error, Error::Credentials { source, .. } if source.to_string().contains("expired")),
        "{error:?}"
    );

    // Behind the cache, too.
    let client = client_with_provider(&service, CachingProvider::new(HandsOutExpired));
    let error = within(LIMIT, call(&client)).await.unwrap_err();
    assert!(matches!(error, Error::Credentials { .. }), "{error:?}");

    // Static credentials given with an expiry that has passed.
    let expired = Credentials::temporary("AK", "SK", "ST")
        .with_expiry(SystemTime::now() - Duration::from_secs(1));
    let client = functiongraph_tests::builder_for(&service)
        .credentials(expired)
        .build()
        .unwrap();
    let error = within(LIMIT, call(&client)).await.unwrap_err();
    assert!(matches!(error, Error::Credentials { .. }), "{error:?}");

    assert!(service.requests().is_empty(), "{:#?}", service.requests());
}
