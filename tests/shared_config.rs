//! One `SdkConfig` for every service: a second service crate is generated from
//! `tests/corpus/services/ecs.yaml`, and a program (`shared_config/app.rs`) makes a FunctionGraph
//! client and an ECS client from one configuration and calls both. Each service finds its own
//! endpoint for the region through its own override variable, pointed here at a loopback server
//! of its own; both servers check that what they received is signed.

use std::fs;
use std::path::Path;
use std::process::Command;

use functiongraph_tests::fixtures::workspace_root;
use functiongraph_tests::signatures::verify_signature;
use functiongraph_tests::{CannedResponse, PROJECT_ID, TestServer};
use sdkgen::SettingsOverrides;
use sdkgen::run::{RunOptions, run};
use sdkgen::workspace::{CORE_CRATE_DIR, relative_path};

/// A path for a `Cargo.toml`, with `/` separators.
fn toml_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Generates the ECS crate and the program's package into `scratch`, as one workspace.
fn lay_out(scratch: &Path) {
    let root = workspace_root();
    let _ = fs::remove_dir_all(scratch);
    let ecs = scratch.join("ecs");
    let report = run(&RunOptions {
        spec: root.join("tests/corpus/services/ecs.yaml"),
        spec_name: "tests/corpus/services/ecs.yaml".to_owned(),
        out: ecs.clone(),
        out_name: "the ECS crate".to_owned(),
        check: false,
        overrides: SettingsOverrides {
            core_path: Some(relative_path(&ecs, &root.join(CORE_CRATE_DIR))),
            ..SettingsOverrides::default()
        },
    });
    assert!(report.success, "{}", report.stderr.join("\n"));
    assert!(report.stderr.is_empty(), "{}", report.stderr.join("\n"));
    let app = scratch.join("app");
    fs::create_dir_all(&app).unwrap();
    fs::write(
        app.join("Cargo.toml"),
        format!(
            r#"[package]
name = "shared-config-app"
version = "0.0.0"
edition = "2024"
publish = false

[[bin]]
name = "shared-config-app"
path = "{app_source}"

[dependencies]
huaweicloud-sdk-core = {{ path = "{core}" }}
huaweicloud-sdk-ecs = {{ path = "../ecs" }}
huaweicloud-sdk-functiongraph = {{ path = "{functiongraph}" }}
tokio = {{ version = "1", features = ["macros", "rt"] }}
"#,
            app_source = toml_path(&root.join("tests/shared_config/app.rs")),
            core = toml_path(&root.join(CORE_CRATE_DIR)),
            functiongraph = toml_path(&root.join("generated")),
        ),
    )
    .unwrap();
    fs::write(
        scratch.join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = [\"ecs\", \"app\"]\n",
    )
    .unwrap();
    // The project's own lock file, so the program builds with the versions everything else uses.
    fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_of_two_services_share_one_sdk_config() {
    let scratch = workspace_root().join("target/shared-config");
    lay_out(&scratch);

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
    let (functiongraph_url, ecs_url) = (functiongraph.url(), ecs.url());
    let output = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO"))
            .args(["run", "--quiet", "--manifest-path"])
            .arg(scratch.join("app/Cargo.toml"))
            .env("CARGO_TARGET_DIR", workspace_root().join("target/corpus"))
            .env(
                "HUAWEICLOUD_SDK_REGION_FUNCTIONGRAPH_CN_NORTH_4",
                functiongraph_url,
            )
            .env("HUAWEICLOUD_SDK_REGION_ECS_CN_NORTH_4", ecs_url)
            .output()
            .expect("cargo runs")
    })
    .await
    .unwrap();
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
