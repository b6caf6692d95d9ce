//! Decoding never panics: arbitrary bytes, arbitrary JSON and broken versions of the documented
//! examples go through every operation's response decoder and through the error-body parser
//! (as error statuses), over loopback. Each answer must be an output or a typed error.

use functiongraph_tests::fixtures::{response_example, spec};
use functiongraph_tests::{CannedResponse, OPERATION_IDS, TestServer, call_operation, client_for};
use huaweicloud_sdk_functiongraph::Error;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;

/// Any JSON value, a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,16}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{1,12}", inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// The documented examples, cut short at some byte, or with a field's type swapped.
fn broken_examples() -> impl Strategy<Value = Vec<u8>> {
    let spec = spec();
    let examples: Vec<String> = [
        ("AsyncInvokeFunction", "202"),
        ("ShowFunctionAsyncInvokeConfig", "200"),
        ("InvokeFunction", "200"),
        ("ListAsyncInvocations", "200"),
    ]
    .iter()
    .map(|(operation, status)| response_example(&spec, operation, status).to_string())
    .collect();
    (
        prop::sample::select(examples),
        any::<prop::sample::Index>(),
        json_value(),
    )
        .prop_map(|(example, cut, replacement)| {
            let mut value: Value = serde_json::from_str(&example).unwrap();
            if let Some((_, field)) = value.as_object_mut().and_then(|o| o.iter_mut().next()) {
                *field = replacement;
            }
            let text = value.to_string();
            text.as_bytes()[..cut.index(text.len() + 1)].to_vec()
        })
}

fn bodies() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        json_value().prop_map(|v| v.to_string().into_bytes()),
        broken_examples(),
    ]
}

#[test]
fn no_answer_makes_a_decoder_panic() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(TestServer::answering(CannedResponse::json(200, "{}")));
    let client = runtime.block_on(async { client_for(&server) });
    let mut runner = TestRunner::new(Config {
        cases: 96,
        failure_persistence: None,
        ..Config::default()
    });
    let statuses = prop::sample::select(vec![200u16, 202, 400, 404, 429, 500, 503]);
    runner
        .run(&(bodies(), statuses), |(body, status)| {
            server.set_response(CannedResponse::with_content_type(
                status,
                "application/json",
                &body,
            ));
            for operation in OPERATION_IDS {
                let result = runtime.block_on(call_operation(&client, operation));
                // AsyncInvokeFunction documents 202 alone, the others 200 alone.
                let success = if operation == "AsyncInvokeFunction" {
                    202
                } else {
                    200
                };
                match (status, result) {
                    (200 | 202, Ok(_) | Err(Error::Decode(_))) if status == success => {}
                    (200 | 202, Err(Error::UnexpectedStatus(e))) if status != success => {
                        prop_assert_eq!(e.status(), status);
                    }
                    (400.., Err(Error::Service(e))) => {
                        prop_assert_eq!(e.status(), status);
                        prop_assert!(!e.error_code().is_empty());
                    }
                    (_, other) => {
                        prop_assert!(false, "{} {}: unexpected {:?}", operation, status, other)
                    }
                }
            }
            server.clear_requests();
            Ok(())
        })
        .unwrap();
}
