//! The official default chain behind `builder_from_env()`: its order (OIDC, environment,
//! profile file, ECS metadata, pod identity), each provider configured the official way, and
//! the error that names every provider when none gives credentials. Environment variables
//! belong to the whole process, so only the one test in this binary touches them.

use std::time::Duration;

use functiongraph_tests::credentials::{TempFile, iam_answer, sts_answer, within};
use functiongraph_tests::{
    ACCESS_KEY, CannedResponse, PROJECT_ID, SECRET_KEY, TestServer, URN, refused_url,
};
use huaweicloud_sdk_functiongraph::huaweicloud_sdk_core::credentials::DefaultChain;
use huaweicloud_sdk_functiongraph::{Client, Error, RetryPolicy};

const VARIABLES: [&str; 14] = [
    "HUAWEICLOUD_OIDC_PROVIDER_URN",
    "HUAWEICLOUD_OIDC_AGENCY_URN",
    "HUAWEICLOUD_OIDC_ID_TOKEN",
    "HUAWEICLOUD_SDK_STS_ENDPOINT",
    "HUAWEICLOUD_SDK_AK",
    "HUAWEICLOUD_SDK_SK",
    "HUAWEICLOUD_SDK_SECURITY_TOKEN",
    "HUAWEICLOUD_SDK_IDP_ID",
    "HUAWEICLOUD_SDK_ID_TOKEN_FILE",
    "HUAWEICLOUD_SDK_IAM_ENDPOINT",
    "HUAWEICLOUD_SDK_CREDENTIALS_FILE",
    "HUAWEICLOUD_SDK_METADATA_ENDPOINT",
    "HC_CONTAINER_CREDENTIALS_FULL_URI",
    "HC_CONTAINER_AUTHORIZATION_TOKEN_FILE",
];
const LIMIT: Duration = Duration::from_secs(20);
const LONG: Duration = Duration::from_secs(6 * 3600);

fn set(name: &str, value: &str) {
    // SAFETY: no other test in this binary reads or writes the environment.
    unsafe { std::env::set_var(name, value) }
}

fn unset(name: &str) {
    // SAFETY: as in `set`.
    unsafe { std::env::remove_var(name) }
}

/// Makes a client from the environment, as an application would, and calls the service; returns
/// the security token (or `AK=...`) the service saw, or the error.
async fn call_from_env(service: &TestServer) -> Result<String, Error> {
    let client = Client::builder_from_env()
        .endpoint(service.url())
        .project_id(PROJECT_ID)
        .retry_policy(RetryPolicy::none())
        .build()?;
    let before = service.requests().len();
    within(LIMIT, client.show_function_async_invoke_config(URN).send()).await?;
    let requests = service.requests();
    let request = requests.get(before).expect("the call reached the service");
    Ok(match request.header("x-security-token") {
        Some(token) => token.to_owned(),
        None => {
            let authorization = request.header("authorization").unwrap_or_default();
            authorization
                .split(['=', ','])
                .nth(1)
                .map(|ak| format!("AK={ak}"))
                .unwrap_or_default()
        }
    })
}

#[tokio::test]
async fn the_default_chain_follows_the_official_order_and_names_every_provider_it_tried() {
    for name in VARIABLES {
        unset(name);
    }
    assert_eq!(
        DefaultChain::from_env()
            .provider_names()
            .collect::<Vec<_>>(),
        ["oidc", "environment", "profile", "metadata", "pod identity"]
    );
    let service = TestServer::answering(CannedResponse::json(200, "{}")).await;
    // Never the developer's own ~/.huaweicloud/credentials.
    set(
        "HUAWEICLOUD_SDK_CREDENTIALS_FILE",
        "/nonexistent/credentials",
    );

    // Nothing anywhere: build() succeeds (a chain may find credentials later, e.g. once the
    // metadata service is up), and the first call fails before sending, naming every provider.
    let error = call_from_env(&service).await.unwrap_err();
    let Error::Credentials { source, .. } = &error else {
        panic!("expected a credentials error, got {error:?}");
    };
    let message = source.to_string();
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(
        lines[0], "Failed to get credentials from provider chain",
        "{message}"
    );
    let names: Vec<&str> = lines[1..]
        .iter()
        .map(|line| line.split(':').next().unwrap_or_default())
        .collect();
    assert_eq!(
        names,
        ["oidc", "environment", "profile", "metadata", "pod identity"],
        "{message}"
    );
    for expected in [
        "HUAWEICLOUD_OIDC_PROVIDER_URN",
        "HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK",
        "credentials file '/nonexistent/credentials' does not exist",
        "HUAWEICLOUD_SDK_METADATA_ENDPOINT",
        "HC_CONTAINER_CREDENTIALS_FULL_URI",
    ] {
        assert!(
            message.contains(expected),
            "{expected} missing from:\n{message}"
        );
    }
    assert!(service.requests().is_empty());

    // A metadata endpoint where nothing listens: its line says it could not be reached.
    set("HUAWEICLOUD_SDK_METADATA_ENDPOINT", &refused_url());
    let error = call_from_env(&service).await.unwrap_err();
    assert!(
        error
            .to_string()
            .contains("metadata: cannot reach the ECS metadata service at http://127.0.0.1:"),
        "{error}"
    );

    // 5. Pod identity, when everything before it gives nothing.
    let agent = TestServer::answering(iam_answer("ST-pod", LONG)).await;
    let pod_token = TempFile::with_content("pod-token");
    set("HC_CONTAINER_CREDENTIALS_FULL_URI", &agent.url());
    set(
        "HC_CONTAINER_AUTHORIZATION_TOKEN_FILE",
        &pod_token.path_text(),
    );
    assert_eq!(call_from_env(&service).await.unwrap(), "ST-pod");

    // 4. The metadata service comes before pod identity.
    let metadata = TestServer::answering_in_order(vec![
        CannedResponse::with_content_type(200, "text/plain", b"session"),
        iam_answer("ST-metadata", LONG),
    ])
    .await;
    set("HUAWEICLOUD_SDK_METADATA_ENDPOINT", &metadata.url());
    assert_eq!(call_from_env(&service).await.unwrap(), "ST-metadata");

    // 3. The profile file comes before the metadata service, which is not even asked.
    let profile = TempFile::with_content(
        "[basic]\nak = PROFILEAK\nsk = PROFILE-SK\nsecurity_token = ST-profile\nproject_id = profile-project\n",
    );
    set("HUAWEICLOUD_SDK_CREDENTIALS_FILE", &profile.path_text());
    let metadata_requests = metadata.requests().len();
    assert_eq!(call_from_env(&service).await.unwrap(), "ST-profile");
    assert_eq!(metadata.requests().len(), metadata_requests);
    // Its project_id is the project when HUAWEICLOUD_SDK_PROJECT_ID is not set.
    Client::builder_from_env()
        .endpoint(service.url())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap();
    let last = service.requests().pop().expect("a request");
    assert!(
        last.target.starts_with("/v2/profile-project/"),
        "{}",
        last.target
    );

    // 2. The environment comes before the profile: federation by id token through IAM...
    let iam = TestServer::answering_in_order(vec![
        CannedResponse::json(201, "{}").with_header("X-Subject-Token", "subject"),
        iam_answer("ST-federation", LONG),
    ])
    .await;
    let id_token = TempFile::with_content("id-token");
    set("HUAWEICLOUD_SDK_IDP_ID", "idp-env");
    set("HUAWEICLOUD_SDK_ID_TOKEN_FILE", &id_token.path_text());
    set("HUAWEICLOUD_SDK_IAM_ENDPOINT", &iam.url());
    set("HUAWEICLOUD_SDK_AK", ACCESS_KEY);
    set("HUAWEICLOUD_SDK_SK", SECRET_KEY);
    // ...which, as in the official SDK, wins over AK/SK set beside it...
    assert_eq!(call_from_env(&service).await.unwrap(), "ST-federation");
    assert_eq!(iam.requests()[0].header("x-idp-id"), Some("idp-env"));
    // ...and AK/SK alone.
    unset("HUAWEICLOUD_SDK_IDP_ID");
    assert_eq!(
        call_from_env(&service).await.unwrap(),
        format!("AK={ACCESS_KEY}")
    );

    // 1. OIDC comes first of all, even before AK/SK.
    let sts = TestServer::answering(sts_answer("ST-oidc", LONG)).await;
    set("HUAWEICLOUD_OIDC_PROVIDER_URN", "iam::1:oidcProvider:p");
    set("HUAWEICLOUD_OIDC_AGENCY_URN", "iam::1:agency:a");
    set("HUAWEICLOUD_OIDC_ID_TOKEN", "oidc-id-token");
    set("HUAWEICLOUD_SDK_STS_ENDPOINT", &sts.url());
    assert_eq!(call_from_env(&service).await.unwrap(), "ST-oidc");
    assert_eq!(sts.requests().len(), 1);
    // The chain, printed with the builder, shows none of the secrets it read.
    let printed = format!("{:?}", Client::builder_from_env());
    assert!(printed.contains("oidc"), "{printed}");
    for secret in ["oidc-id-token", SECRET_KEY] {
        assert!(!printed.contains(secret), "{secret} in {printed}");
    }

    // Credentials in code win over the whole chain.
    let client = Client::builder_from_env()
        .endpoint(service.url())
        .project_id(PROJECT_ID)
        .access_key("CODEAK", "CODE-SK")
        .build()
        .unwrap();
    within(LIMIT, client.show_function_async_invoke_config(URN).send())
        .await
        .unwrap();
    let last = service.requests().pop().unwrap();
    assert!(
        last.header("authorization")
            .unwrap()
            .starts_with("SDK-HMAC-SHA256 Access=CODEAK,"),
        "{last:?}"
    );
    assert_eq!(sts.requests().len(), 1, "the chain was not asked");

    for name in VARIABLES {
        unset(name);
    }
}
