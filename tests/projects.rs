//! The project id looked up in IAM when a region is given without one, as the official SDKs
//! do: a signed `GET /v3/projects?name={region}`, once per access key and region, and the
//! official errors for zero or several projects. IAM is a loopback server.

use functiongraph_tests::signatures::verify_signature;
use functiongraph_tests::{ACCESS_KEY, CannedResponse, SECRET_KEY, TestServer, URN};
use huaweicloud_sdk_functiongraph::{Client, Error, RetryPolicy};

/// A client of `region` with no project id, whose IAM and FunctionGraph are loopback servers.
fn client(region: &str, iam: &TestServer, functiongraph: &TestServer) -> Client {
    Client::builder()
        .region(region)
        .endpoint(functiongraph.url())
        .iam_endpoint(iam.url())
        .access_key(ACCESS_KEY, SECRET_KEY)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_project_is_looked_up_once_and_used_in_every_request() {
    let iam = TestServer::answering(CannedResponse::json(
        200,
        r#"{"projects": [{"id": "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "name": "cn-north-4"}], "links": {}}"#,
    ))
    .await;
    let functiongraph = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let first = client("cn-north-4", &iam, &functiongraph);
    // Calls at once share one lookup.
    let calls = (0..8).map(|_| first.show_function_async_invoke_config(URN).send());
    for result in futures_util::future::join_all(calls).await {
        result.unwrap();
    }
    // Another client of the same key and region asks nobody: the process remembers.
    let second = client("cn-north-4", &iam, &functiongraph);
    second
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap();

    let lookup = iam.single_request();
    assert_eq!(
        (lookup.method.as_str(), lookup.target.as_str()),
        ("GET", "/v3/projects?name=cn-north-4")
    );
    assert_eq!(lookup.header("x-project-id"), None);
    verify_signature(&lookup);

    let requests = functiongraph.requests();
    assert_eq!(requests.len(), 9);
    for request in &requests {
        assert!(
            request
                .target
                .starts_with("/v2/0a1b2c3d4e5f60718293a4b5c6d7e8f9/fgs/"),
            "{}",
            request.target
        );
        assert_eq!(
            request.header("x-project-id"),
            Some("0a1b2c3d4e5f60718293a4b5c6d7e8f9")
        );
    }
}

#[tokio::test]
async fn zero_or_several_projects_are_the_official_errors() {
    let functiongraph = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let none = TestServer::answering(CannedResponse::json(200, r#"{"projects": []}"#)).await;
    let error = client("ap-southeast-1", &none, &functiongraph)
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Config(m) if m.contains("no project id found for region ap-southeast-1")),
        "{error}"
    );
    let two = TestServer::answering(CannedResponse::json(
        200,
        r#"{"projects": [{"id": "p1", "name": "cn-east-3"}, {"id": "p2", "name": "cn-east-3"}]}"#,
    ))
    .await;
    let error = client("cn-east-3", &two, &functiongraph)
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Config(m) if m.contains("multiple project ids found for region cn-east-3 in IAM: [p1,p2]")),
        "{error}"
    );
    // IAM's own refusal is a service error of the lookup.
    let refused = TestServer::answering(CannedResponse::json(
        403,
        r#"{"error": {"code": "IAM.0003", "message": "Policy doesn't allow"}}"#,
    ))
    .await;
    let error = client("cn-south-1", &refused, &functiongraph)
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap_err();
    let service = error.as_service_error().expect("a service error");
    assert_eq!(
        (service.operation(), service.error_code()),
        ("KeystoneListProjects", "IAM.0003")
    );
    assert!(functiongraph.requests().is_empty());
}

#[test]
fn without_a_region_or_a_project_id_build_says_what_is_missing() {
    let error = Client::builder()
        .endpoint("http://127.0.0.1:1")
        .auth_token("t")
        .build()
        .unwrap_err();
    assert!(
        matches!(&error, Error::Config(m) if m.contains("no project id") && m.contains("HUAWEICLOUD_SDK_PROJECT_ID")),
        "{error}"
    );
}
