//! Streams over the pages of a paginated operation (`x-pagination` in the spec).

use std::future::Future;

use futures_util::Stream;

use crate::error::Error;

/// One page, and the request for the next when there is one.
pub struct Page<O, R> {
    /// The answer of this page's request.
    pub output: O,
    /// The request of the next page, if there is one.
    pub next: Option<R>,
}

/// The pages from `first` on: `fetch` sends a request and says what comes next. The stream
/// ends after the last page, or right after an error.
pub fn pages<R, O, F, Fut>(first: R, fetch: F) -> impl Stream<Item = Result<O, Error>>
where
    F: FnMut(R) -> Fut,
    Fut: Future<Output = Result<Page<O, R>, Error>>,
{
    futures_util::stream::unfold((Some(first), fetch), |(request, mut fetch)| async move {
        let request = request?;
        match fetch(request).await {
            Ok(Page { output, next }) => Some((Ok(output), (next, fetch))),
            Err(error) => Some((Err(error), (None, fetch))),
        }
    })
}

/// The marker of the next page, if there is one: the answer names a next marker, the page is
/// not empty, not shorter than the page size asked for, and the marker moves on (a service that
/// repeats a marker would otherwise be asked for the same page forever).
pub fn next_marker(
    current: Option<String>,
    next: Option<String>,
    items: usize,
    page_size: Option<String>,
) -> Option<String> {
    let next = next?;
    let short = page_size
        .and_then(|size| size.trim().parse::<usize>().ok())
        .is_some_and(|size| items < size);
    if items == 0 || short || current.as_deref() == Some(next.as_str()) {
        None
    } else {
        Some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::next_marker;

    #[test]
    fn pages_end_when_short_empty_unmarked_or_stuck() {
        let page = |current: Option<&str>, next: Option<&str>, items, size: Option<&str>| {
            next_marker(
                current.map(Into::into),
                next.map(Into::into),
                items,
                size.map(Into::into),
            )
        };
        assert_eq!(page(None, Some("2"), 2, Some("2")), Some("2".to_owned()));
        assert_eq!(page(Some("2"), Some("4"), 2, None), Some("4".to_owned()));
        assert_eq!(page(Some("2"), Some("3"), 1, Some("2")), None);
        assert_eq!(page(None, None, 2, Some("2")), None);
        assert_eq!(page(None, Some("2"), 0, None), None);
        assert_eq!(page(Some("2"), Some("2"), 2, None), None);
    }
}
