//! ListAsyncInvocations as a stream of pages and of invocations, declared in the spec with
//! `x-pagination`: each next request carries the previous answer's `next_marker` as `marker`,
//! and the stream ends on a short page, a missing `next_marker`, an error, or with an error
//! when a marker comes back.

use functiongraph_tests::{CannedResponse, TestServer, URN, client_for};
use futures_util::StreamExt;
use huaweicloud_sdk_functiongraph::Error;

fn page(ids: &[&str], next_marker: Option<i32>) -> CannedResponse {
    let invocations: Vec<_> = ids
        .iter()
        .map(|id| serde_json::json!({"request_id": id, "status": "SUCCESS"}))
        .collect();
    let mut body = serde_json::json!({"invocations": invocations, "count": 5});
    if let Some(next) = next_marker {
        body["next_marker"] = next.into();
    }
    CannedResponse::json(200, &body.to_string())
}

#[tokio::test]
async fn items_stream_across_pages_until_a_short_page() {
    let server = TestServer::answering_in_order(vec![
        page(&["a", "b"], Some(2)),
        page(&["c", "d"], Some(4)),
        page(&["e"], Some(5)),
    ])
    .await;
    let items: Vec<String> = client_for(&server)
        .list_async_invocations(URN)
        .limit("2")
        .into_items()
        .map(|item| item.unwrap().request_id.unwrap())
        .collect()
        .await;
    assert_eq!(items, ["a", "b", "c", "d", "e"]);
    let markers: Vec<Option<String>> = server
        .requests()
        .iter()
        .map(|r| {
            r.query()
                .unwrap()
                .split('&')
                .find_map(|p| p.strip_prefix("marker="))
                .map(str::to_owned)
        })
        .collect();
    assert_eq!(markers, [None, Some("2".to_owned()), Some("4".to_owned())]);
}

#[tokio::test]
async fn pages_end_when_no_next_marker_is_given() {
    let server =
        TestServer::answering_in_order(vec![page(&["a", "b"], Some(2)), page(&["c", "d"], None)])
            .await;
    let pages: Vec<_> = client_for(&server)
        .list_async_invocations(URN)
        .into_pages()
        .collect()
        .await;
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[1].as_ref().unwrap().next_marker, None);
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn an_error_ends_the_stream_after_yielding_it() {
    let server = TestServer::answering_in_order(vec![
        page(&["a"], Some(1)),
        CannedResponse::json(500, r#"{"error_code":"FSS.0500","error_msg":"xxx"}"#),
    ])
    .await;
    let items: Vec<Result<_, Error>> = client_for(&server)
        .list_async_invocations(URN)
        .into_items()
        .collect()
        .await;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap().request_id.as_deref(), Some("a"));
    assert_eq!(items[1].as_ref().unwrap_err().status(), Some(500));
    assert_eq!(server.requests().len(), 2);
}

/// The first ten pages at most, from a server answering `answers` in order.
async fn at_most_ten_pages(
    answers: Vec<CannedResponse>,
) -> (TestServer, Vec<Result<usize, Error>>) {
    let server = TestServer::answering_in_order(answers).await;
    let pages = client_for(&server)
        .list_async_invocations(URN)
        .into_pages()
        .take(10)
        .map(|page| page.map(|output| output.invocations.map_or(0, |items| items.len())))
        .collect()
        .await;
    (server, pages)
}

#[tokio::test]
async fn a_marker_seen_before_ends_the_stream_with_an_error() {
    // Markers 1, 2, 1, 2, ...: a service that would be asked for the same pages forever.
    let answers = (0..12).map(|i| page(&["x"], Some(1 + i % 2))).collect();
    let (server, pages) = at_most_ten_pages(answers).await;
    assert_eq!(pages.len(), 4, "{pages:?}");
    assert!(pages[..3].iter().all(Result::is_ok), "{pages:?}");
    let error = pages[3].as_ref().unwrap_err();
    assert!(
        matches!(error, Error::PaginationLoop { marker, .. } if marker == "1"),
        "{error:?}"
    );
    assert!(error.to_string().contains("seen before"), "{error}");
    assert_eq!(server.requests().len(), 3);

    // A marker repeated at once is seen before too.
    let (server, pages) = at_most_ten_pages(vec![page(&["x"], Some(7))]).await;
    assert_eq!(pages.len(), 3, "{pages:?}");
    assert!(pages[2].is_err(), "{pages:?}");
    assert_eq!(server.requests().len(), 2);
}
