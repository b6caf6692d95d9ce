//! SDK-HMAC-SHA256 signatures, byte for byte those of the official Python SDK.
//!
//! `fixtures/official_requests.json` holds requests the official SDK signed and sent (recorded by
//! `fixtures/record_official_requests.py`): every operation, a query with repeated keys and
//! awkward values, empty bodies, a URN with every reserved character, and a security token.
//! The signer must reproduce each canonical request, string to sign and signature; and the
//! client must sign exactly what it sends, afresh on every attempt.

use std::time::Duration;

use functiongraph_tests::fixtures::{official_requests, recorded_headers};
use functiongraph_tests::signatures::{signed_headers, verify_signature};
use functiongraph_tests::{
    ACCESS_KEY, CannedResponse, SECRET_KEY, TestServer, URN, builder_for, signing_client_for,
    steady_retries,
};
use huaweicloud_sdk_functiongraph::Credentials;
use huaweicloud_sdk_functiongraph::signing::{SignableRequest, sign};

#[test]
fn signatures_match_the_official_sdk_for_every_recorded_request() {
    let recorded = official_requests();
    assert_eq!(recorded["credentials"]["ak"], ACCESS_KEY);
    assert_eq!(recorded["credentials"]["sk"], SECRET_KEY);
    let cases = recorded["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 12);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let request = &case["request"];
        let target = request["target"].as_str().unwrap();
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let headers = recorded_headers(request);
        let body = request["body"].as_str().unwrap_or_default();
        let signable = SignableRequest {
            method: request["method"].as_str().unwrap(),
            path,
            query,
            headers: &signed_headers(&headers),
            body: body.as_bytes(),
        };
        let ours = sign(&signable, SECRET_KEY);
        let official = &case["signature"];
        assert_eq!(
            ours.canonical_request,
            official["canonical_request"].as_str().unwrap(),
            "{name}: canonical request"
        );
        assert_eq!(
            ours.string_to_sign,
            official["string_to_sign"].as_str().unwrap(),
            "{name}: string to sign"
        );
        assert_eq!(
            ours.signed_headers,
            official["signed_headers"].as_str().unwrap(),
            "{name}: signed headers"
        );
        assert_eq!(
            ours.signature,
            official["signature"].as_str().unwrap(),
            "{name}: signature"
        );
        assert_eq!(
            ours.authorization(ACCESS_KEY),
            official["authorization"].as_str().unwrap(),
            "{name}: Authorization"
        );
    }
}

#[tokio::test]
async fn the_client_signs_exactly_what_it_sends() {
    let server = TestServer::answering(CannedResponse::json(200, "{}")).await;
    signing_client_for(&server)
        .invoke_function(URN)
        .x_cff_log_type("tail")
        .body(serde_json::json!({"k": "v", "函": [1, 2]}))
        .send()
        .await
        .unwrap();
    let request = server.single_request();
    verify_signature(&request);
    let authorization = request.header("authorization").unwrap();
    assert!(
        authorization.starts_with(&format!(
            "SDK-HMAC-SHA256 Access={ACCESS_KEY}, SignedHeaders=content-type;host;user-agent;x-cff-log-type;x-project-id;x-sdk-date, Signature="
        )),
        "{authorization}"
    );
    let date = request.header("x-sdk-date").expect("X-Sdk-Date");
    assert_eq!(date.len(), 16, "{date}");
    assert!(date.as_bytes()[8] == b'T' && date.ends_with('Z'), "{date}");
    assert_eq!(
        request.header("host"),
        Some(server.url().trim_start_matches("http://"))
    );
    assert!(request.header("x-auth-token").is_none());
}

#[tokio::test]
async fn a_security_token_is_sent_and_signed() {
    let server = TestServer::answering(CannedResponse::json(200, "{}")).await;
    builder_for(&server)
        .credentials(Credentials::temporary(
            ACCESS_KEY,
            SECRET_KEY,
            "FAKE-SECURITY-TOKEN",
        ))
        .build()
        .unwrap()
        .list_async_invocations(URN)
        .limit("10")
        .send()
        .await
        .unwrap();
    let request = server.single_request();
    assert_eq!(
        request.header("x-security-token"),
        Some("FAKE-SECURITY-TOKEN")
    );
    assert!(
        request
            .header("authorization")
            .unwrap()
            .contains("x-sdk-date;x-security-token")
    );
    verify_signature(&request);
}

#[tokio::test]
async fn an_endpoint_path_prefix_is_kept_and_signed() {
    let server = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let client = huaweicloud_sdk_functiongraph::Client::builder()
        .endpoint(format!("{}/proxy/fg/", server.url()))
        .project_id("p")
        .access_key(ACCESS_KEY, SECRET_KEY)
        .build()
        .unwrap();
    client
        .show_function_async_invoke_config("urn:a")
        .send()
        .await
        .unwrap();
    let request = server.single_request();
    assert_eq!(
        request.target,
        "/proxy/fg/v2/p/fgs/functions/urn%3Aa/async-invoke-config"
    );
    verify_signature(&request);
}

#[tokio::test]
async fn every_attempt_is_signed_again_with_a_fresh_date() {
    let server = TestServer::answering_in_order(vec![
        CannedResponse::json(503, r#"{"error_code":"FSS.0503","error_msg":"busy"}"#),
        CannedResponse::json(200, "{}"),
    ])
    .await;
    // A wait of at least 1.1 s, so the second attempt's X-Sdk-Date (whole seconds) is later.
    let policy = steady_retries(2, Duration::from_millis(2200));
    builder_for(&server)
        .access_key(ACCESS_KEY, SECRET_KEY)
        .retry_policy(policy)
        .build()
        .unwrap()
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        verify_signature(request);
    }
    let dates: Vec<&str> = requests
        .iter()
        .map(|r| r.header("x-sdk-date").unwrap())
        .collect();
    assert!(dates[1] > dates[0], "{dates:?}");
    assert_ne!(
        requests[0].header("authorization"),
        requests[1].header("authorization")
    );
}

/// The official SDK's canonical URI, step by step: decode the whole path (invalid UTF-8
/// replaced), split it on `/`, encode each segment with `quote(segment, safe='~')`, join them
/// with `/`, and end with `/`.
fn official_canonical_uri(path: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut uri = decoded
        .split('/')
        .map(|segment| percent_encoding::utf8_percent_encode(segment, KEEP).to_string())
        .collect::<Vec<_>>()
        .join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

#[test]
fn any_path_is_canonicalised_as_the_official_sdk_does() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    // Paths made of the pieces that matter: plain and reserved characters, escapes of ASCII
    // and of non-ASCII bytes (valid UTF-8 or not), malformed escapes and literal non-ASCII.
    let piece = prop::sample::select(vec![
        "a",
        "Z",
        "0",
        "-",
        "_",
        ".",
        "~",
        "/",
        " ",
        ":",
        "%",
        "%2F",
        "%2f",
        "%41",
        "%7E",
        "%3A",
        "%20",
        "%25",
        "%E5%87%BD",
        "%e5%87",
        "%FF",
        "%zz",
        "%4",
        "函",
        "é",
        "?",
        "#",
    ]);
    let mut runner = TestRunner::new(Config {
        cases: 512,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&prop::collection::vec(piece, 0..24), |pieces| {
            let path = format!("/{}", pieces.concat());
            let request = SignableRequest {
                method: "GET",
                path: &path,
                query: "",
                headers: &[("X-Sdk-Date", "20261122T104300Z")],
                body: b"",
            };
            let signature = sign(&request, SECRET_KEY);
            let canonical_uri = signature
                .canonical_request
                .lines()
                .nth(1)
                .unwrap_or_default();
            prop_assert_eq!(
                canonical_uri,
                official_canonical_uri(&path),
                "path {}",
                path
            );
            Ok(())
        })
        .unwrap();
}
