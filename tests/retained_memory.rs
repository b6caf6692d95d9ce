//! What a kept output costs: 20,000 `InvokeFunctionOutput`s with bodies of about 200 bytes,
//! kept at once, hold about as much memory as their own bytes, not the buffers the bodies were
//! read into. Alone in its binary, so that no other test moves the resident memory it measures.

use functiongraph_tests::{CannedResponse, TestServer, URN, client_for, resident_bytes};

const KEPT: usize = 20_000;

#[tokio::test(flavor = "current_thread")]
async fn a_kept_output_holds_little_more_than_its_body() {
    let body = serde_json::json!({
        "request_id": "4e2a8f5c-1111-2222-3333-444455556666",
        "result": "{\"statusCode\":200,\"body\":\"hello\"}",
        "log": "",
        "status": 200,
        "message": "function invoked successfully, nothing to report, every field small",
    })
    .to_string();
    let server = TestServer::answering(CannedResponse::json(200, &body)).await;
    server.stop_recording();
    let client = client_for(&server);
    // Warm the connection pool, the allocator and the tracing machinery up first.
    for _ in 0..1_000 {
        client.invoke_function(URN).send().await.unwrap();
    }
    let before = resident_bytes();
    let mut kept = Vec::with_capacity(KEPT);
    for _ in 0..KEPT {
        kept.push(client.invoke_function(URN).send().await.unwrap());
    }
    let after = resident_bytes();
    let per_output = after.saturating_sub(before) / KEPT as u64;
    println!(
        "{KEPT} outputs with {}-byte bodies: {per_output} bytes of resident memory each",
        body.len()
    );
    assert_eq!(kept[KEPT - 1].raw_body.len(), body.len());
    // An output is a struct of a few hundred bytes, its decoded strings and its body; the body's
    // read buffer (8 KiB or more) must not stay with it.
    assert!(per_output < 2_000, "{per_output} bytes per kept output");
}
