//! 10,000 requests at a concurrency of 256 against a loopback server all succeed, each with its
//! own answer, and the process's memory does not grow from batch to batch.

use std::sync::Arc;
use std::time::{Duration, Instant};

use functiongraph_tests::{CannedResponse, TestServer, URN, client_for, resident_bytes};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

const BATCHES: usize = 5;
const PER_BATCH: usize = 2_000;
const CONCURRENCY: usize = 256;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_requests_at_256_in_flight_all_succeed_in_bounded_memory() {
    let server = TestServer::answering(CannedResponse::echo_target()).await;
    let client = client_for(&server);
    let permits = Arc::new(Semaphore::new(CONCURRENCY));
    let started = Instant::now();
    let mut resident_after_batch = Vec::new();
    for batch in 0..BATCHES {
        let mut tasks = JoinSet::new();
        for i in 0..PER_BATCH {
            let client = client.clone();
            let permit = Arc::clone(&permits).acquire_owned().await.unwrap();
            tasks.spawn(async move {
                let id = format!("{batch}-{i}");
                let output = client
                    .list_async_invocations(URN)
                    .request_id(id.as_str())
                    .send()
                    .await;
                drop(permit);
                (id, output)
            });
        }
        let mut answered = 0;
        while let Some(joined) = tasks.join_next().await {
            let (id, output) = joined.expect("the task finished");
            let output = output.unwrap_or_else(|e| panic!("request {id} failed: {e}"));
            // The echoed target carries this request's own id: no answer went to another caller.
            let echoed = output.invocations.unwrap()[0].request_id.clone().unwrap();
            assert!(
                echoed.ends_with(&format!("?request_id={id}")),
                "{id} got {echoed}"
            );
            answered += 1;
        }
        assert_eq!(answered, PER_BATCH);
        assert_eq!(server.requests().len(), PER_BATCH);
        server.clear_requests();
        resident_after_batch.push(resident_bytes());
    }
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(120), "{elapsed:?}");
    // After the first batches warm the pools up, memory stays flat.
    let growth = resident_after_batch[BATCHES - 1].saturating_sub(resident_after_batch[1]);
    assert!(
        growth < 16 * 1024 * 1024,
        "resident memory grew by {growth} bytes: {resident_after_batch:?}"
    );
    println!(
        "{} requests in {elapsed:?} ({:.0}/s); resident MiB after each batch: {:?}",
        BATCHES * PER_BATCH,
        (BATCHES * PER_BATCH) as f64 / elapsed.as_secs_f64(),
        resident_after_batch
            .iter()
            .map(|b| b / (1024 * 1024))
            .collect::<Vec<_>>()
    );
}
