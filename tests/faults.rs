//! Answers that are broken on purpose, and inputs that try to change the request: each gives
//! its documented typed error, never a panic, and never a request other than the one meant.
//! (Refused, reset and stalled connections, 503-then-success and 429 with Retry-After are in
//! `retries.rs`; error bodies in `errors.rs`.)

use functiongraph_tests::{
    CannedResponse, PROJECT_ID, TOKEN, TestServer, URN, builder_for, client_for,
};
use huaweicloud_sdk_functiongraph::Error;
use huaweicloud_sdk_functiongraph::models::CancelAsyncInvocationRequestBody;

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
