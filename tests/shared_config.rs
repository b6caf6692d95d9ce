//! One `SdkConfig` for every service: a second service crate is generated from
//! `tests/corpus/services/ecs.yaml`, and a program (`shared_config/app.rs`) makes a FunctionGraph
//! client and an ECS client from one configuration and calls both. Each service finds its own
//! endpoint for the region through its own override variable, pointed here at a loopback server
//! of its own; both servers check that what they received is signed.

use functiongraph_tests::programs::{GeneratedCrate, Program};
use functiongraph_tests::signatures::verify_signature;
use functiongraph_tests::{CannedResponse, PROJECT_ID, TestServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_of_two_services_share_one_sdk_config() {
    let program = Program::lay_out(
        "shared-config",
        "shared-config-app",
        "tests/shared_config/app.rs",
        &[GeneratedCrate {
            spec: "tests/corpus/services/ecs.yaml",
            folder: "ecs",
            package: "huaweicloud-sdk-ecs",
        }],
        "huaweicloud-sdk-functiongraph = { path = \"{root}/generated\" }\n\
         tokio = { version = \"1\", features = [\"macros\", \"rt\"] }\n",
    );

    let functiongraph = TestServer::answering(CannedResponse::json(
        200,
        r#"{"request_id": "r-1", "result": "{}"}"#,
    ))
    .await;
    let ecs = TestServer::answering_in_order(vec![
        CannedResponse::json(200, r#"{"server": {"id": "server-1", "name": "web"}}"#),
        CannedResponse::json(200, r#"{"job_id": "job-1"}"#),
    ])
    .await;
    let output = program
        .run(vec![
            (
                "HUAWEICLOUD_SDK_REGION_FUNCTIONGRAPH_CN_NORTH_4",
                functiongraph.url(),
            ),
            ("HUAWEICLOUD_SDK_REGION_ECS_CN_NORTH_4", ecs.url()),
        ])
        .await;
    assert!(
        output.status.success(),
        "the program failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("ecs server: Some(\"web\")"),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );

    let invoked = functiongraph.single_request();
    assert_eq!(invoked.method, "POST");
    assert!(
        invoked
            .target
            .starts_with(&format!("/v2/{PROJECT_ID}/fgs/functions/")),
        "{}",
        invoked.target
    );
    assert_eq!(
        invoked.header("user-agent"),
        Some("huaweicloud-sdk-functiongraph/0.1.0")
    );
    verify_signature(&invoked);

    let calls = ecs.requests();
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert_eq!(
        (calls[0].method.as_str(), calls[0].target.as_str()),
        ("GET", &*format!("/v1/{PROJECT_ID}/cloudservers/server-1"))
    );
    assert_eq!(
        (calls[1].method.as_str(), calls[1].target.as_str()),
        ("POST", &*format!("/v1/{PROJECT_ID}/cloudservers/action"))
    );
    assert_eq!(
        calls[1].body_text(),
        r#"{"os-stop": {"servers": [{"id": "server-1"}]}}"#
    );
    for call in &calls {
        assert_eq!(call.header("user-agent"), Some("huaweicloud-sdk-ecs/0.1.0"));
        assert_eq!(call.header("x-project-id"), Some(PROJECT_ID));
        verify_signature(call);
    }
}
