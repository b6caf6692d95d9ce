//! Credentials, project and region from the environment, as the official SDKs read them, and
//! the per-region endpoint override. Environment variables belong to the whole process, so only
//! one test in this binary touches them, setting and clearing them in order.

use functiongraph_tests::{ACCESS_KEY, CannedResponse, PROJECT_ID, SECRET_KEY, TestServer, URN};
use huaweicloud_sdk_functiongraph::{Client, Credentials, Error, Region, SERVICE, Secret, regions};

const VARIABLES: [&str; 7] = [
    "HUAWEICLOUD_SDK_CREDENTIALS_FILE",
    "HUAWEICLOUD_SDK_AK",
    "HUAWEICLOUD_SDK_SK",
    "HUAWEICLOUD_SDK_SECURITY_TOKEN",
    "HUAWEICLOUD_SDK_PROJECT_ID",
    "HUAWEICLOUD_SDK_REGION",
    "HUAWEICLOUD_SDK_REGION_FUNCTIONGRAPH_CN_NORTH_4",
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

#[tokio::test]
async fn configuration_comes_from_the_environment_like_the_official_sdk() {
    clear_all();

    // Never the developer's own ~/.huaweicloud/credentials.
    set(
        "HUAWEICLOUD_SDK_CREDENTIALS_FILE",
        "/nonexistent/credentials",
    );

    // Nothing set: the default chain stands in for the credentials (it may find some later,
    // e.g. from the metadata service), so build() names the next missing piece...
    let error = Client::builder_from_env().build().unwrap_err();
    assert!(
        matches!(&error, Error::Config(m) if m.contains("HUAWEICLOUD_SDK_PROJECT_ID")),
        "{error}"
    );
    // ...and the first call fails before anything is sent, with the chain's reasons, among them
    // the variables it read (tests/credentials_chain.rs covers every provider).
    let unused = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let client = Client::builder_from_env()
        .endpoint(unused.url())
        .project_id(PROJECT_ID)
        .build()
        .unwrap();
    let error = client
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Credentials { .. })
            && error
                .to_string()
                .contains("HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK"),
        "{error}"
    );
    assert!(unused.requests().is_empty());
    set("HUAWEICLOUD_SDK_AK", ACCESS_KEY);
    let error = Credentials::from_env().unwrap_err();
    assert!(
        error.to_string().contains("HUAWEICLOUD_SDK_SK is not set"),
        "{error}"
    );
    set("HUAWEICLOUD_SDK_SK", SECRET_KEY);
    let error = Client::builder_from_env().build().unwrap_err();
    assert!(
        error.to_string().contains("HUAWEICLOUD_SDK_PROJECT_ID"),
        "{error}"
    );
    set("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT_ID);
    let error = Client::builder_from_env().build().unwrap_err();
    assert!(
        error.to_string().contains("HUAWEICLOUD_SDK_REGION"),
        "{error}"
    );

    // Credentials with a security token.
    set("HUAWEICLOUD_SDK_SECURITY_TOKEN", "FAKE-SECURITY-TOKEN");
    assert_eq!(
        Credentials::from_env().unwrap(),
        Credentials::temporary(
            ACCESS_KEY,
            Secret::new(SECRET_KEY),
            Secret::new("FAKE-SECURITY-TOKEN")
        )
    );

    // The region's endpoint, overridden per region as in the official SDK, points at a
    // loopback server: the request goes there, signed, with the project from the environment.
    let server = TestServer::answering(CannedResponse::json(200, "{}")).await;
    assert_eq!(
        SERVICE.endpoint_env_var(&regions::CN_NORTH_4),
        "HUAWEICLOUD_SDK_REGION_FUNCTIONGRAPH_CN_NORTH_4"
    );
    assert_eq!(
        SERVICE.endpoints(&regions::CN_NORTH_4).unwrap(),
        ["https://functiongraph.cn-north-4.myhuaweicloud.com"]
    );
    set("HUAWEICLOUD_SDK_REGION", "cn-north-4");
    set(
        "HUAWEICLOUD_SDK_REGION_FUNCTIONGRAPH_CN_NORTH_4",
        &format!("{}, https://unused.example.com", server.url()),
    );
    let client = Client::builder_from_env().build().unwrap();
    client
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap();
    let request = server.single_request();
    assert!(
        request.target.starts_with(&format!("/v2/{PROJECT_ID}/")),
        "{}",
        request.target
    );
    assert_eq!(request.header("x-project-id"), Some(PROJECT_ID));
    assert_eq!(
        request.header("x-security-token"),
        Some("FAKE-SECURITY-TOKEN")
    );
    assert!(
        request
            .header("authorization")
            .unwrap()
            .starts_with(&format!("SDK-HMAC-SHA256 Access={ACCESS_KEY}"))
    );

    // Code wins over the environment.
    let other = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let client = Client::builder_from_env()
        .endpoint(other.url())
        .project_id("p2")
        .build()
        .unwrap();
    client
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap();
    assert!(other.single_request().target.starts_with("/v2/p2/"));

    // An override with a password in it is refused, and the password is never printed.
    set(
        "HUAWEICLOUD_SDK_REGION_FUNCTIONGRAPH_CN_NORTH_4",
        "http://user:hunter2@127.0.0.1:1",
    );
    let error = Client::builder_from_env().build().unwrap_err();
    assert!(matches!(error, Error::Config(_)), "{error:?}");
    let printed = format!("{error} {error:?}");
    assert!(
        printed.contains("user name or password") && !printed.contains("hunter2"),
        "{printed}"
    );

    clear_all();
}

#[test]
fn the_official_regions_are_typed_constants() {
    assert_eq!(regions::KNOWN.len(), 27);
    assert_eq!(regions::KNOWN[0], regions::CN_NORTH_4);
    assert_eq!(SERVICE.regions.len(), 27);
    for region in SERVICE.regions {
        assert_eq!(
            SERVICE.default_endpoint(region),
            format!("https://functiongraph.{}.myhuaweicloud.com", region.id())
        );
        assert_eq!(SERVICE.known_region(region.id()), Some(region));
    }
    assert_eq!(regions::AP_SOUTHEAST_1.id(), "ap-southeast-1");
    assert_eq!(
        SERVICE.default_endpoint(&Region::new("xx-new-1")),
        "https://functiongraph.xx-new-1.myhuaweicloud.com"
    );
    assert_eq!(SERVICE.known_region("xx-new-1"), None);
}
