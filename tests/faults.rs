//! Answers that are broken on purpose, and inputs that try to change the request: each gives
//! its documented typed error, never a panic, and never a request other than the one meant.
//! (Refused, reset, stalled and dripping connections, 503-then-success and 429 with Retry-After
//! are in `retries.rs`; error bodies in `errors.rs`; untrusted certificates in `tls.rs`;
//! extreme durations in `durations.rs`; proxies in `proxy.rs`.)

use std::io::Read;
use std::time::Duration;

use functiongraph_tests::{
    CannedResponse, PROJECT_ID, TOKEN, TestServer, URN, builder_for, client_for, refused_url,
    steady_retries,
};
use huaweicloud_sdk_functiongraph::http::{HttpRequest, HttpTransport, Method, ReqwestTransport};
use huaweicloud_sdk_functiongraph::models::CancelAsyncInvocationRequestBody;
use huaweicloud_sdk_functiongraph::{Client, Credentials, Error, SdkConfig};

#[tokio::test]
async fn truncated_json_is_a_decode_error_with_the_start_of_the_body() {
    let server =
        TestServer::answering(CannedResponse::json(200, r#"{"func_urn": "urn:fss:x"#)).await;
    let error = client_for(&server)
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap_err();
    let Error::Decode(decode) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(decode.status(), 200);
    assert_eq!(decode.snippet(), r#"{"func_urn": "urn:fss:x"#);
    assert!(decode.reason().contains("EOF"), "{}", decode.reason());
}

#[tokio::test]
async fn a_500_with_an_empty_body_is_a_service_error_named_by_its_status() {
    let server =
        TestServer::answering(CannedResponse::json(500, "").with_header("X-Request-Id", "r-500"))
            .await;
    let error = client_for(&server)
        .list_async_invocations(URN)
        .send()
        .await
        .unwrap_err();
    let service = error.as_service_error().expect("a service error");
    assert_eq!(
        (service.status(), service.error_code(), service.error_msg()),
        (500, "500", "")
    );
    assert_eq!(service.request_id(), Some("r-500"));
}

#[tokio::test]
async fn invalid_utf8_never_panics() {
    let bytes = b"{\"func_urn\": \"\xff\xfe\"}";
    let server = TestServer::answering(CannedResponse::with_content_type(
        200,
        "application/json",
        bytes,
    ))
    .await;
    let error = client_for(&server)
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Decode(_)), "{error:?}");

    let server = TestServer::answering(CannedResponse::with_content_type(
        400,
        "text/plain",
        b"bad \xff input",
    ))
    .await;
    let error = client_for(&server)
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap_err();
    let service = error.as_service_error().expect("a service error");
    assert_eq!(service.error_msg(), "bad \u{fffd} input");
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused() {
    let limit = 1024;
    let at_limit = format!(r#"{{"func_urn": "{}"}}"#, "u".repeat(limit - 16));
    assert_eq!(at_limit.len(), limit);
    let server = TestServer::answering(CannedResponse::json(200, &at_limit)).await;
    let client = builder_for(&server)
        .auth_token(TOKEN)
        .max_response_body(limit)
        .build()
        .unwrap();
    client
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .expect("a body at the limit is read");

    let over = format!(r#"{{"func_urn": "{}"}}"#, "u".repeat(limit));
    let server = TestServer::answering(CannedResponse::json(200, &over)).await;
    let client = builder_for(&server)
        .auth_token(TOKEN)
        .max_response_body(limit)
        .build()
        .unwrap();
    let error = client
        .show_function_async_invoke_config(URN)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::ResponseTooLarge {
                operation: "ShowFunctionAsyncInvokeConfig",
                limit: 1024
            }
        ),
        "{error:?}"
    );
}

/// Inputs with characters that could change a request if they were not encoded.
const HOSTILE: [&str; 8] = [
    "a/b",
    "a?b=c",
    "a#b",
    "100%",
    "../../x",
    "a b",
    "a\r\nX-Injected: 1",
    "函数:é",
];

#[tokio::test]
async fn hostile_urns_and_request_ids_stay_inside_their_place() {
    let server = TestServer::answering(CannedResponse::json(200, "null")).await;
    let client = client_for(&server);
    let prefix = format!("/v2/{PROJECT_ID}/fgs/functions/");
    for value in HOSTILE {
        client
            .show_function_async_invoke_config(value)
            .send()
            .await
            .unwrap();
        client
            .list_async_invocations(URN)
            .request_id(value)
            .send()
            .await
            .unwrap();
        let body = CancelAsyncInvocationRequestBody::new(value);
        client
            .cancel_async_invocation(value, body)
            .send()
            .await
            .unwrap();
    }
    let requests = server.requests();
    assert_eq!(requests.len(), HOSTILE.len() * 3);
    for (request, value) in requests.chunks(3).zip(HOSTILE) {
        let (show, list, cancel) = (&request[0], &request[1], &request[2]);
        // The value is one path segment: nothing but unreserved characters and %XX.
        let segment = show
            .path()
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix("/async-invoke-config"));
        let segment =
            segment.unwrap_or_else(|| panic!("{value:?} changed the path: {}", show.target));
        assert!(
            segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)),
            "{segment}"
        );
        assert!(
            show.query().is_none(),
            "{value:?} added a query: {}",
            show.target
        );
        assert!(cancel.path().ends_with("/cancel"), "{}", cancel.target);
        // The request id is one query value.
        let query = list.query().expect("a query");
        assert!(
            query.starts_with("request_id=") && !query[11..].contains(['&', '=', '#', ' ']),
            "{query}"
        );
        // No header was added, and the body says exactly the value.
        for request in [show, list, cancel] {
            assert!(
                request.header("x-injected").is_none(),
                "{value:?} added a header"
            );
        }
        let sent: serde_json::Value = serde_json::from_slice(&cancel.body).unwrap();
        assert_eq!(sent["request_id"], *value);
    }
}

#[tokio::test]
async fn values_that_cannot_be_sent_are_refused_before_sending() {
    let server = TestServer::answering(CannedResponse::json(200, "null")).await;
    let client = client_for(&server);
    for urn in ["", ".", ".."] {
        let error = client.invoke_function(urn).send().await.unwrap_err();
        assert!(
            matches!(
                error,
                Error::InvalidInput {
                    input: "function_urn",
                    ..
                }
            ),
            "{urn:?}: {error:?}"
        );
    }
    for header in ["512\r\nX-Injected: 1", "a\nb", "nul\0"] {
        let error = client
            .invoke_function(URN)
            .x_cff_instance_memory(header)
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(
                error,
                Error::InvalidInput {
                    input: "X-Cff-Instance-Memory",
                    ..
                }
            ),
            "{header:?}: {error:?}"
        );
    }
    assert!(server.requests().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn redirects_and_undocumented_statuses_are_errors_that_name_them() {
    // Where the redirects point: it must never be asked anything.
    let elsewhere = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let location = format!("{}/elsewhere", elsewhere.url());
    for status in [301, 302, 303, 307, 308] {
        let server = TestServer::answering(
            CannedResponse::json(status, "").with_header("Location", &location),
        )
        .await;
        let error = client_for(&server)
            .invoke_function(URN)
            .send()
            .await
            .unwrap_err();
        let Error::UnexpectedStatus(unexpected) = &error else {
            panic!("{status}: {error:?}")
        };
        assert_eq!(
            (unexpected.status(), unexpected.location()),
            (status, Some(location.as_str()))
        );
        let message = error.to_string();
        assert!(
            message.contains(&format!("HTTP {status}")) && message.contains(&location),
            "{message}"
        );
        assert_eq!(server.requests().len(), 1, "{status} is not retried");
    }
    // InvokeFunction documents only 200 as a success; AsyncInvokeFunction only 202.
    for status in [201, 204, 299, 300, 399] {
        let server = TestServer::answering(CannedResponse::json(status, "{}")).await;
        let error = client_for(&server)
            .invoke_function(URN)
            .send()
            .await
            .unwrap_err();
        assert!(matches!(error, Error::UnexpectedStatus(_)), "{error:?}");
        assert_eq!(error.status(), Some(status), "{error:?}");
        assert!(
            error.to_string().contains(&format!("HTTP {status}")),
            "{error}"
        );
    }
    let server = TestServer::answering(CannedResponse::json(200, "{}")).await;
    let error = client_for(&server)
        .async_invoke_function(URN)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::UnexpectedStatus(_)), "{error:?}");
    assert_eq!(error.status(), Some(200), "{error:?}");
    assert!(
        elsewhere.requests().is_empty(),
        "a redirect is never followed"
    );
}

#[test]
fn an_endpoint_with_a_user_name_or_password_is_refused_without_printing_it() {
    let endpoints = [
        "http://user:hunter2@127.0.0.1:1",
        "https://user:hunter2@127.0.0.1:1/fg",
        "http://:hunter2@127.0.0.1:1",
        "http://hunter2@127.0.0.1:1",
        // Not even a URL: the message still hides what looks like a password.
        "http://user:hunter2@127.0.0.1:99999",
    ];
    for endpoint in endpoints {
        let config = SdkConfig::builder()
            .endpoint(endpoint)
            .project_id(PROJECT_ID)
            .auth_token(TOKEN)
            .build();
        let client = Client::builder()
            .endpoint(endpoint)
            .project_id(PROJECT_ID)
            .auth_token(TOKEN)
            .build();
        for printed in [format!("{config:?}"), format!("{client:?}")] {
            assert!(printed.starts_with("Err(Config("), "{endpoint}: {printed}");
            assert!(!printed.contains("hunter2"), "{endpoint}: {printed}");
        }
    }
}

#[tokio::test]
async fn transport_errors_never_print_a_user_name_or_password() {
    let transport = ReqwestTransport::new(reqwest::Client::new());
    let url = format!("{}/v2/p?q=1", refused_url()).replace("http://", "http://user:hunter2@");
    let request = HttpRequest::new(Method::GET, url.parse().unwrap(), 1024);
    let error = transport.send(request).await.unwrap_err();
    let printed = format!("{error} {error:?}");
    assert!(!printed.contains("hunter2"), "{printed}");
    assert!(printed.contains("127.0.0.1"), "{printed}");
}

#[tokio::test]
async fn an_over_long_url_or_header_is_invalid_input_before_sending_and_never_retried() {
    let server = TestServer::answering(CannedResponse::json(200, "null")).await;
    let client = builder_for(&server)
        .auth_token(TOKEN)
        .retry_policy(steady_retries(3, Duration::from_millis(10)))
        .build()
        .unwrap();
    let long = "x".repeat(1 << 20);
    // Short enough as text, but each `é` is 6 bytes once percent-encoded.
    let long_once_encoded = "é".repeat(6_000);
    let errors = [
        client
            .show_function_async_invoke_config(long.as_str())
            .send()
            .await
            .map(drop),
        client
            .list_async_invocations(URN)
            .request_id(long.as_str())
            .send()
            .await
            .map(drop),
        client
            .list_async_invocations(URN)
            .request_id(long_once_encoded.as_str())
            .send()
            .await
            .map(drop),
        client
            .invoke_function(URN)
            .x_cff_instance_memory(long.as_str())
            .send()
            .await
            .map(drop),
    ]
    .map(Result::unwrap_err);
    for error in errors {
        assert!(matches!(error, Error::InvalidInput { .. }), "{error:.300}");
        assert!(error.to_string().len() < 512, "{error:.300}");
    }
    assert!(server.requests().is_empty(), "nothing was sent");
    // Long, but within the limits: sent as usual.
    let fits = "x".repeat(16 * 1024);
    client
        .show_function_async_invoke_config(fits.as_str())
        .send()
        .await
        .unwrap();
    client
        .invoke_function(URN)
        .x_cff_instance_memory(fits.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn blank_credentials_and_dot_project_ids_are_configuration_errors() {
    let builder = || {
        Client::builder()
            .endpoint("http://127.0.0.1:1")
            .project_id(PROJECT_ID)
    };
    let cases = [
        ("an empty token", builder().auth_token("")),
        ("a blank token", builder().auth_token(" \t")),
        (
            "an empty security token",
            builder().credentials(Credentials::temporary("AK", "SK", "")),
        ),
        (
            "a blank security token",
            builder().credentials(Credentials::temporary("AK", "SK", "  ")),
        ),
        (
            "the project id .",
            builder().auth_token(TOKEN).project_id("."),
        ),
        (
            "the project id ..",
            builder().auth_token(TOKEN).project_id(".."),
        ),
    ];
    for (case, builder) in cases {
        let result = builder.build();
        assert!(
            matches!(result, Err(Error::Config(_))),
            "{case}: {result:?}"
        );
    }
}

fn compressed(encoding: &str, body: &[u8]) -> Vec<u8> {
    let level = flate2::Compression::default();
    let mut out = Vec::new();
    match encoding {
        "gzip" => flate2::read::GzEncoder::new(body, level).read_to_end(&mut out),
        // HTTP's `deflate` is the zlib format.
        "deflate" => flate2::read::ZlibEncoder::new(body, level).read_to_end(&mut out),
        other => panic!("no encoder for {other}"),
    }
    .unwrap();
    out
}

#[tokio::test]
async fn a_compressed_answer_is_decoded_or_refused_never_returned_compressed() {
    let body = br#"{"request_id": "r-1", "result": "{\"k\": 1}", "status": 200}"#;
    for encoding in ["gzip", "deflate"] {
        let server = TestServer::answering(
            CannedResponse::with_content_type(200, "application/json", &compressed(encoding, body))
                .with_header("Content-Encoding", encoding),
        )
        .await;
        let output = client_for(&server)
            .invoke_function(URN)
            .send()
            .await
            .unwrap();
        assert_eq!(&output.raw_body[..], &body[..], "{encoding}");
        assert_eq!(output.status, Some(200), "{encoding}");
    }
    // An encoding the client cannot decode is named in a decode error.
    let server = TestServer::answering(
        CannedResponse::with_content_type(200, "application/json", b"\x8b\x01\x80{}\x03")
            .with_header("Content-Encoding", "br"),
    )
    .await;
    let error = client_for(&server)
        .invoke_function(URN)
        .send()
        .await
        .unwrap_err();
    let Error::Decode(decode) = &error else {
        panic!("{error:?}")
    };
    assert!(decode.reason().contains("`br`"), "{}", decode.reason());
}
