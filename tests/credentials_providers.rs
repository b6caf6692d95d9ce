//! Each credentials provider, on its own, against a loopback server that plays STS, IAM, the
//! ECS metadata service or the pod identity agent: what it sends (as the official SDK sends
//! it), what it reads back, how it fails, and that no secret shows in `Debug`, errors or
//! tracing. No test here writes the environment.

use std::time::{Duration, SystemTime};

use functiongraph_tests::credentials::{
    TEMP_ACCESS_KEY, TEMP_SECRET_KEY, TEMP_SECURITY_TOKEN, TempFile, iam_answer, sts_answer, within,
};
use functiongraph_tests::trace::capture;
use functiongraph_tests::{CannedResponse, TestServer};
use huaweicloud_sdk_functiongraph::huaweicloud_sdk_core::credentials::{
    ENV_METADATA_ENDPOINT, FederationProvider, MetadataProvider, OidcProvider, OidcSettings,
    PodIdentityProvider, ProfileProvider,
};
use huaweicloud_sdk_functiongraph::{Credentials, CredentialsProvider};
use serde_json::json;

const PROVIDER_URN: &str = "iam::123456789:oidcProvider:test";
const AGENCY_URN: &str = "iam::123456789:agency:demo";
const ID_TOKEN: &str = "ID-TOKEN-must-not-leak";
const SUBJECT_TOKEN: &str = "IAM-SUBJECT-TOKEN-must-not-leak";
const METADATA_TOKEN: &str = "METADATA-SESSION-TOKEN-must-not-leak";
const POD_TOKEN: &str = "POD-AUTHORIZATION-TOKEN-must-not-leak";
const SECRETS: [&str; 6] = [
    TEMP_SECRET_KEY,
    TEMP_SECURITY_TOKEN,
    ID_TOKEN,
    SUBJECT_TOKEN,
    METADATA_TOKEN,
    POD_TOKEN,
];
const LIMIT: Duration = Duration::from_secs(10);

fn assert_no_secret(text: &str, what: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{what} shows {secret}:\n{text}");
    }
}

fn body_json(request: &functiongraph_tests::RecordedRequest) -> serde_json::Value {
    serde_json::from_slice(&request.body).expect("a JSON body")
}

/// The credentials every loopback service hands out, with `token`.
fn assert_temporary(credentials: &Credentials, token: &str, lifetime: Duration) {
    let expires_at = credentials
        .expires_at()
        .expect("temporary credentials expire");
    let expected = SystemTime::now() + lifetime;
    let off = expires_at
        .duration_since(expected)
        .or_else(|e| Ok::<_, ()>(e.duration()))
        .unwrap();
    assert!(off < Duration::from_secs(5), "expiry off by {off:?}");
    assert_eq!(
        *credentials,
        Credentials::temporary(TEMP_ACCESS_KEY, TEMP_SECRET_KEY, token).with_expiry(expires_at)
    );
}

#[tokio::test]
async fn oidc_asks_sts_as_the_official_sdk_does_and_caches_the_answer() {
    let sts = TestServer::answering(sts_answer("ST-oidc", Duration::from_secs(7200))).await;
    let id_token = TempFile::with_content(&format!("{ID_TOKEN}\n"));
    let settings = OidcSettings::with_id_token_file(PROVIDER_URN, AGENCY_URN, id_token.path_text())
        .session_name("ci-job")
        .duration_seconds(900)
        .policy(r#"{"Version":"5.0"}"#)
        .policy_ids(["policy-1", "policy-2"])
        .sts_endpoint(format!("{}/", sts.url()));
    let provider = OidcProvider::new(settings);

    let credentials = within(LIMIT, provider.provide_credentials()).await.unwrap();
    assert_temporary(&credentials, "ST-oidc", Duration::from_secs(7200));
    // Cached: a second call asks nobody.
    assert_eq!(
        within(LIMIT, provider.provide_credentials()).await.unwrap(),
        credentials
    );

    let request = sts.single_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, "/v5/agencies/assume-with-oidc");
    assert_eq!(
        request.header("content-type"),
        Some("application/json;charset=UTF-8")
    );
    // STS takes the id token as the proof: the request is not signed.
    assert_eq!(request.header("authorization"), None);
    assert_eq!(request.header("x-security-token"), None);
    assert_eq!(
        body_json(&request),
        json!({
            "provider_urn": PROVIDER_URN,
            "agency_urn": AGENCY_URN,
            "agency_session_name": "ci-job",
            "id_token": ID_TOKEN,
            "duration_seconds": 900,
            "policy": r#"{"Version":"5.0"}"#,
            "policy_ids": ["policy-1", "policy-2"],
        })
    );
}

#[tokio::test]
async fn oidc_defaults_are_the_official_session_name_and_an_hour() {
    let sts = TestServer::answering(sts_answer("ST", Duration::from_secs(7200))).await;
    let provider = OidcProvider::new(
        OidcSettings::with_id_token(PROVIDER_URN, AGENCY_URN, ID_TOKEN).sts_endpoint(sts.url()),
    );
    within(LIMIT, provider.provide_credentials()).await.unwrap();
    let body = body_json(&sts.single_request());
    assert_eq!(body["agency_session_name"], "oidc-sts-session");
    assert_eq!(body["duration_seconds"], 3600);
    assert!(
        body.get("policy").is_none() && body.get("policy_ids").is_none(),
        "{body}"
    );
}

#[tokio::test]
async fn sts_refusals_are_errors_that_name_sts_its_status_and_its_message() {
    let sts = TestServer::answering(CannedResponse::json(
        400,
        r#"{"error_code":"IAM.0001","error_msg":"Invalid id_token"}"#,
    ))
    .await;
    let provider = OidcProvider::new(
        OidcSettings::with_id_token(PROVIDER_URN, AGENCY_URN, ID_TOKEN).sts_endpoint(sts.url()),
    );
    let error = within(LIMIT, provider.provide_credentials())
        .await
        .unwrap_err();
    let message = error.to_string();
    assert!(message.contains("STS answered HTTP 400"), "{message}");
    assert!(message.contains("Invalid id_token"), "{message}");
    assert_no_secret(&format!("{message} {error:?}"), "the error");
}

#[tokio::test]
async fn federation_trades_the_id_token_for_a_token_and_the_token_for_credentials() {
    let iam = TestServer::answering_in_order(vec![
        CannedResponse::json(201, r#"{"token":{}}"#).with_header("X-Subject-Token", SUBJECT_TOKEN),
        iam_answer("ST-federation", Duration::from_secs(6 * 3600)),
    ])
    .await;
    let id_token = TempFile::with_content(ID_TOKEN);
    let provider = FederationProvider::with_iam_endpoint("idp-1", id_token.path_text(), iam.url());

    let credentials = within(LIMIT, provider.provide_credentials()).await.unwrap();
    assert_temporary(&credentials, "ST-federation", Duration::from_secs(6 * 3600));

    let requests = iam.requests();
    assert_eq!(requests.len(), 2, "{requests:#?}");
    assert_eq!(requests[0].method, "POST");
    assert_eq!(requests[0].target, "/v3.0/OS-AUTH/id-token/tokens");
    assert_eq!(requests[0].header("x-idp-id"), Some("idp-1"));
    assert_eq!(
        body_json(&requests[0]),
        json!({"auth": {"id_token": {"id": ID_TOKEN}}})
    );
    assert_eq!(requests[1].method, "POST");
    assert_eq!(requests[1].target, "/v3.0/OS-CREDENTIAL/securitytokens");
    assert_eq!(
        body_json(&requests[1]),
        json!({"auth": {"identity": {
            "methods": ["token"],
            "token": {"id": SUBJECT_TOKEN, "duration_seconds": 21600},
        }}})
    );
}

#[tokio::test]
async fn federation_without_a_subject_token_or_token_file_fails_with_the_reason() {
    let iam = TestServer::answering(CannedResponse::json(201, "{}")).await;
    let id_token = TempFile::with_content(ID_TOKEN);
    let provider = FederationProvider::with_iam_endpoint("idp-1", id_token.path_text(), iam.url());
    let error = within(LIMIT, provider.provide_credentials())
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("without an X-Subject-Token"),
        "{error}"
    );

    let missing =
        FederationProvider::with_iam_endpoint("idp-1", "/nonexistent/id-token", iam.url());
    let error = within(LIMIT, missing.provide_credentials())
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("cannot read id token file '/nonexistent/id-token'"),
        "{error}"
    );
}

#[tokio::test]
async fn the_metadata_service_is_asked_with_a_session_token() {
    let metadata = TestServer::answering_in_order(vec![
        CannedResponse::with_content_type(200, "text/plain", METADATA_TOKEN.as_bytes()),
        iam_answer("ST-metadata", Duration::from_secs(3600 * 24)),
    ])
    .await;
    let provider = MetadataProvider::with_endpoint(metadata.url());
    let credentials = within(LIMIT, provider.provide_credentials()).await.unwrap();
    assert_temporary(&credentials, "ST-metadata", Duration::from_secs(3600 * 24));

    let requests = metadata.requests();
    assert_eq!(requests.len(), 2, "{requests:#?}");
    assert_eq!(requests[0].method, "PUT");
    assert_eq!(requests[0].target, "/meta-data/latest/api/token");
    assert_eq!(
        requests[0].header("x-metadata-token-ttl-seconds"),
        Some("21600")
    );
    assert_eq!(requests[1].method, "GET");
    assert_eq!(requests[1].target, "/openstack/latest/securitykey");
    assert_eq!(requests[1].header("x-metadata-token"), Some(METADATA_TOKEN));
}

#[tokio::test]
async fn a_401_renews_the_metadata_token_and_asks_once_more() {
    let metadata = TestServer::answering_in_order(vec![
        CannedResponse::with_content_type(200, "text/plain", b"stale-token"),
        CannedResponse::json(401, r#"{"error":"token expired"}"#),
        CannedResponse::with_content_type(200, "text/plain", METADATA_TOKEN.as_bytes()),
        iam_answer("ST-renewed", Duration::from_secs(3600 * 24)),
    ])
    .await;
    let provider = MetadataProvider::with_endpoint(metadata.url());
    let credentials = within(LIMIT, provider.provide_credentials()).await.unwrap();
    assert_temporary(&credentials, "ST-renewed", Duration::from_secs(3600 * 24));
    let requests = metadata.requests();
    let lines: Vec<_> = requests
        .iter()
        .map(|r| {
            format!(
                "{} {} {:?}",
                r.method,
                r.target,
                r.header("x-metadata-token")
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            "PUT /meta-data/latest/api/token None".to_owned(),
            "GET /openstack/latest/securitykey Some(\"stale-token\")".to_owned(),
            "PUT /meta-data/latest/api/token None".to_owned(),
            format!("GET /openstack/latest/securitykey Some(\"{METADATA_TOKEN}\")"),
        ]
    );
}

#[tokio::test]
async fn a_401_for_a_missing_agency_is_final() {
    let metadata = TestServer::answering_in_order(vec![
        CannedResponse::with_content_type(200, "text/plain", METADATA_TOKEN.as_bytes()),
        CannedResponse::json(
            401,
            r#"{"error":"Please configure Cloud Service Agency first"}"#,
        ),
    ])
    .await;
    let provider = MetadataProvider::with_endpoint(metadata.url());
    let error = within(LIMIT, provider.provide_credentials())
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("the ECS metadata service answered HTTP 401"),
        "{error}"
    );
    assert_eq!(metadata.requests().len(), 2);
}

#[tokio::test]
async fn an_old_metadata_service_without_tokens_is_asked_without_one() {
    let metadata = TestServer::answering_in_order(vec![
        CannedResponse::json(404, "{}"),
        iam_answer("ST-old", Duration::from_secs(3600 * 24)),
    ])
    .await;
    let provider = MetadataProvider::with_endpoint(metadata.url());
    within(LIMIT, provider.provide_credentials()).await.unwrap();
    let requests = metadata.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].header("x-metadata-token"), None);
}

#[tokio::test]
async fn tests_can_never_reach_the_real_metadata_address() {
    assert!(
        std::env::var_os(ENV_METADATA_ENDPOINT).is_none(),
        "run the tests without {ENV_METADATA_ENDPOINT}"
    );
    let started = std::time::Instant::now();
    let error = MetadataProvider::from_env()
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains(
            "is not asked at http://169.254.169.254 in a build with the test-util feature"
        ),
        "{error}"
    );
    // Refused before any connection is tried.
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[tokio::test]
async fn pod_identity_posts_with_the_token_file_as_authorization() {
    let agent = TestServer::answering(CannedResponse::json(
        200,
        &json!({
            "accessKeyId": TEMP_ACCESS_KEY,
            "secretAccessKey": TEMP_SECRET_KEY,
            "securityToken": "ST-pod",
            "expiration": functiongraph_tests::credentials::official_time(
                SystemTime::now() + Duration::from_secs(7200)
            ),
        })
        .to_string(),
    ))
    .await;
    let token = TempFile::with_content(&format!("{POD_TOKEN}\n"));
    let provider = PodIdentityProvider::new(
        format!("{}/v1/credentials?role=app", agent.url()),
        token.path_text(),
    );
    let credentials = within(LIMIT, provider.provide_credentials()).await.unwrap();
    assert_temporary(&credentials, "ST-pod", Duration::from_secs(7200));
    let request = agent.single_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, "/v1/credentials?role=app");
    assert_eq!(request.header("authorization"), Some(POD_TOKEN));
    assert_eq!(request.body_text(), "{}");

    let without_file = PodIdentityProvider::new(agent.url(), "/nonexistent/pod-token");
    let error = within(LIMIT, without_file.provide_credentials())
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("'/nonexistent/pod-token'"),
        "{error}"
    );
}

#[tokio::test]
async fn the_profile_file_gives_ak_sk_and_the_security_token() {
    let file = TempFile::with_content(
        "# credentials of the official SDK\n[global]\nak = OTHER\nsk = OTHER\n\n[basic]\n; keys in any case, spaces around =\nAK = PROFILEAK\nsk=PROFILE-SK\nsecurity_token = PROFILE-ST\nproject_id = ignored\n",
    );
    let provider = ProfileProvider::from_file(file.path()).unwrap();
    assert_eq!(
        provider.provide_credentials().await.unwrap(),
        Credentials::temporary("PROFILEAK", "PROFILE-SK", "PROFILE-ST")
    );

    let file = TempFile::with_content("[basic]\nak = PROFILEAK\nsk = PROFILE-SK\n");
    let provider = ProfileProvider::from_file(file.path()).unwrap();
    assert_eq!(
        provider.provide_credentials().await.unwrap(),
        Credentials::access_key("PROFILEAK", "PROFILE-SK")
    );
}

#[tokio::test]
async fn a_profile_with_an_identity_provider_federates_at_its_iam_endpoint() {
    let iam = TestServer::answering_in_order(vec![
        CannedResponse::json(201, "{}").with_header("X-Subject-Token", SUBJECT_TOKEN),
        iam_answer("ST-profile", Duration::from_secs(6 * 3600)),
    ])
    .await;
    let id_token = TempFile::with_content(ID_TOKEN);
    let file = TempFile::with_content(&format!(
        "[basic]\nak = IGNORED\nsk = IGNORED\nidp_id = idp-profile\nid_token_file = {}\niam_endpoint = {}\n",
        id_token.path_text(),
        iam.url()
    ));
    let provider = ProfileProvider::from_file(file.path()).unwrap();
    let credentials = within(LIMIT, provider.provide_credentials()).await.unwrap();
    assert_temporary(&credentials, "ST-profile", Duration::from_secs(6 * 3600));
    assert_eq!(iam.requests()[0].header("x-idp-id"), Some("idp-profile"));
}

#[test]
fn profile_errors_name_the_file_and_what_is_missing() {
    let error = ProfileProvider::from_file("/nonexistent/credentials".as_ref()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "credentials file '/nonexistent/credentials' does not exist"
    );
    let file = TempFile::with_content("[global]\nak = A\nsk = S\n");
    let error = ProfileProvider::from_file(file.path()).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "credential type 'basic' does not exist in credentials file '{}'",
            file.path_text()
        )
    );
    let file = TempFile::with_content("[basic]\nak = A\nidp_id = only-half\n");
    let error = ProfileProvider::from_file(file.path()).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "ak&sk or idp_id&id_token_file does not exist in credentials file '{}'",
            file.path_text()
        )
    );
}

#[tokio::test]
async fn providers_never_show_their_secrets_in_debug_errors_or_tracing() {
    let captured = capture();
    let mut printed = Vec::new();

    let sts =
        TestServer::answering(sts_answer(TEMP_SECURITY_TOKEN, Duration::from_secs(7200))).await;
    let settings =
        OidcSettings::with_id_token(PROVIDER_URN, AGENCY_URN, ID_TOKEN).sts_endpoint(sts.url());
    printed.push(format!("{settings:?}"));
    let oidc = OidcProvider::new(settings);
    let credentials = within(LIMIT, oidc.provide_credentials()).await.unwrap();
    printed.push(format!("{oidc:?} {credentials:?}"));

    let metadata = TestServer::answering_in_order(vec![
        CannedResponse::with_content_type(200, "text/plain", METADATA_TOKEN.as_bytes()),
        iam_answer(TEMP_SECURITY_TOKEN, Duration::from_secs(7200)),
    ])
    .await;
    let provider = MetadataProvider::with_endpoint(metadata.url());
    within(LIMIT, provider.provide_credentials()).await.unwrap();
    printed.push(format!("{provider:?}"));

    // A failed answer that echoes the credentials back must not be quoted.
    let leaky = TestServer::answering(CannedResponse::json(
        200,
        &format!(r#"{{"credential":{{"access":"AK","secret":"{TEMP_SECRET_KEY}","securitytoken":"{TEMP_SECURITY_TOKEN}","expires_at":"never"}}}}"#),
    ))
    .await;
    let token = TempFile::with_content(POD_TOKEN);
    let pod = PodIdentityProvider::new(leaky.url(), token.path_text());
    let error = within(LIMIT, pod.provide_credentials()).await.unwrap_err();
    assert!(error.to_string().contains("not a UTC time"), "{error}");
    printed.push(format!("{pod:?} {error} {error:?}"));

    let id_token = TempFile::with_content(ID_TOKEN);
    let iam = TestServer::answering(
        CannedResponse::json(500, r#"{"error_msg":"down"}"#)
            .with_header("X-Subject-Token", SUBJECT_TOKEN),
    )
    .await;
    let federation = FederationProvider::with_iam_endpoint("idp", id_token.path_text(), iam.url());
    let error = within(LIMIT, federation.provide_credentials())
        .await
        .unwrap_err();
    printed.push(format!("{federation:?} {error} {error:?}"));

    for text in &printed {
        assert_no_secret(text, "Debug or an error");
    }
    assert_no_secret(&captured.text(), "tracing");
}
