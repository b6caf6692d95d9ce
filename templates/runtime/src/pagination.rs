//! Streams over the pages of a paginated operation (`x-pagination` in the spec).

use std::collections::HashSet;
use std::future::Future;

use futures_util::Stream;

use crate::error::{Error, snippet};

/// One page, and the request for the next when there is one.
pub struct Page<O, R> {
    /// The answer of this page's request.
    pub output: O,
    /// The marker of the next page, and the request that carries it, if there is one.
    pub next: Option<(String, R)>,
}

/// What the stream still has to do.
struct State<R, F> {
    request: Option<R>,
    fetch: F,
    /// Every marker followed so far: a service that names one again would be asked for the
    /// same pages forever.
    seen: HashSet<String>,
    /// The error that ends the stream after the page that caused it.
    pending: Option<Error>,
}

/// The pages from `first` on (whose own marker, if the caller set one, is `first_marker`):
/// `fetch` sends a request and says what comes next. The stream ends after the last page, right
/// after an error, or, when a page names a marker already followed, after that page with
/// [`Error::PaginationLoop`].
pub fn pages<R, O, F, Fut>(
    operation: &'static str,
    first_marker: Option<String>,
    first: R,
    fetch: F,
) -> impl Stream<Item = Result<O, Error>>
where
    F: FnMut(R) -> Fut,
    Fut: Future<Output = Result<Page<O, R>, Error>>,
{
    let state = State {
        request: Some(first),
        fetch,
        seen: first_marker.into_iter().collect(),
        pending: None,
    };
    futures_util::stream::unfold(state, move |mut state| async move {
        if let Some(error) = state.pending.take() {
            return Some((Err(error), state));
        }
        let request = state.request.take()?;
        match (state.fetch)(request).await {
            Ok(Page { output, next }) => {
                if let Some((marker, request)) = next {
                    if state.seen.insert(marker.clone()) {
                        state.request = Some(request);
                    } else {
                        state.pending = Some(Error::PaginationLoop {
                            operation,
                            marker: snippet(marker.as_bytes()),
                        });
                    }
                }
                Some((Ok(output), state))
            }
            Err(error) => Some((Err(error), state)),
        }
    })
}

/// The marker of the next page, if there is one: the answer names a next marker, and the page
/// is neither empty nor shorter than the page size asked for. (A marker seen before is caught
/// by [`pages`].)
pub fn next_marker(
    next: Option<String>,
    items: usize,
    page_size: Option<String>,
) -> Option<String> {
    let next = next?;
    let short = page_size
        .and_then(|size| size.trim().parse::<usize>().ok())
        .is_some_and(|size| items < size);
    if items == 0 || short {
        None
    } else {
        Some(next)
    }
}

#[cfg(test)]
mod tests {
    use futures_util::StreamExt;

    use super::*;

    #[test]
    fn pages_end_when_short_empty_or_unmarked() {
        let page = |next: Option<&str>, items, size: Option<&str>| {
            next_marker(next.map(Into::into), items, size.map(Into::into))
        };
        assert_eq!(page(Some("2"), 2, Some("2")), Some("2".to_owned()));
        assert_eq!(page(Some("4"), 2, None), Some("4".to_owned()));
        assert_eq!(page(Some("3"), 1, Some("2")), None);
        assert_eq!(page(None, 2, Some("2")), None);
        assert_eq!(page(Some("2"), 0, None), None);
    }

    /// Pages whose answers name the markers of `cycle` in turn, forever.
    async fn pages_of(
        first_marker: Option<&str>,
        cycle: &'static [&'static str],
    ) -> Vec<Result<usize, Error>> {
        let fetch = |page: usize| async move {
            let marker = cycle[page % cycle.len()].to_owned();
            Ok(Page {
                output: page,
                next: Some((marker, page + 1)),
            })
        };
        pages("Op", first_marker.map(Into::into), 0, fetch)
            .take(10)
            .collect()
            .await
    }

    #[tokio::test]
    async fn a_marker_seen_before_ends_the_stream_with_an_error() {
        let alternating = pages_of(None, &["1", "2"]).await;
        assert_eq!(alternating.len(), 4);
        assert!(alternating[..3].iter().all(Result::is_ok));
        let error = alternating[3].as_ref().unwrap_err().to_string();
        assert_eq!(
            error,
            "Op: the next marker `1` was seen before; the pages would repeat forever"
        );
        // The caller's own first marker counts as followed.
        let back_to_the_start = pages_of(Some("a"), &["b", "a"]).await;
        assert_eq!(back_to_the_start.len(), 3);
        assert!(back_to_the_start[2].is_err());
    }
}
