//! The region's endpoints from the environment and from the regions file, in the official
//! order: `HUAWEICLOUD_SDK_REGION_FUNCTIONGRAPH_<REGION>` first, then the file named by
//! `HUAWEICLOUD_SDK_REGIONS_FILE`, then the endpoint pattern. The environment belongs to the
//! whole process, so this binary has one test, which sets and clears it in order.

use functiongraph_tests::{CannedResponse, PROJECT_ID, TOKEN, TestServer, URN};
use huaweicloud_sdk_functiongraph::{Client, Error, Region, RetryPolicy, SERVICE};

const OVERRIDE: &str = "HUAWEICLOUD_SDK_REGION_FUNCTIONGRAPH_CN_NORTH_7";
const FILE: &str = "HUAWEICLOUD_SDK_REGIONS_FILE";

fn set(name: &str, value: &str) {
    // SAFETY: this binary's only test is the only code that reads or writes the environment.
    unsafe { std::env::set_var(name, value) }
}

fn clear(name: &str) {
    // SAFETY: as in `set`.
    unsafe { std::env::remove_var(name) }
}

fn client() -> Result<Client, Error> {
    Client::builder()
        .region("cn-north-7")
        .project_id(PROJECT_ID)
        .auth_token(TOKEN)
        .retry_policy(RetryPolicy::none())
        .build()
}

#[tokio::test]
async fn endpoints_come_from_the_environment_then_the_regions_file_then_the_pattern() {
    clear(OVERRIDE);
    let region = Region::new("cn-north-7");
    let dir = std::env::temp_dir().join(format!("sdkgen-regions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("regions.yaml");
    set(FILE, file.to_str().unwrap());

    // No file: the pattern.
    assert_eq!(
        SERVICE.endpoints(&region).unwrap(),
        ["https://functiongraph.cn-north-7.myhuaweicloud.com"]
    );

    // The file lists the region for this service (the key is case-insensitive), with two
    // endpoints; other services' entries are not ours.
    let from_file = TestServer::answering(CannedResponse::json(200, "{}")).await;
    std::fs::write(
        &file,
        format!(
            "ECS:\n  - id: cn-north-7\n    endpoint: http://127.0.0.1:1\nFunctionGraph:\n  - id: cn-north-7\n    endpoints: [{}, 'https://second.example.com']\n",
            from_file.url()
        ),
    )
    .unwrap();
    assert_eq!(
        SERVICE.endpoints(&region).unwrap(),
        [from_file.url(), "https://second.example.com".to_owned()]
    );
    client()
        .unwrap()
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap();
    assert_eq!(from_file.requests().len(), 1);

    // The variable wins over the file.
    let from_env = TestServer::answering(CannedResponse::json(200, "{}")).await;
    set(OVERRIDE, &from_env.url());
    client()
        .unwrap()
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap();
    assert_eq!(from_env.requests().len(), 1);
    assert_eq!(from_file.requests().len(), 1);
    clear(OVERRIDE);

    // A file that is not a map of services is an error that names it, when the client is made.
    std::fs::write(&file, "- just a list\n").unwrap();
    let error = client().unwrap_err();
    assert!(
        matches!(&error, Error::Config(m) if m.contains("regions file") && m.contains("regions.yaml")),
        "{error}"
    );

    clear(FILE);
    let _ = std::fs::remove_dir_all(&dir);
}
