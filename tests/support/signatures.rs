//! Signatures checked the way the service checks them: recomputed from the request as it
//! arrived.

use huaweicloud_sdk_functiongraph::signing::{SignableRequest, sign};

use crate::{ACCESS_KEY, RecordedRequest, SECRET_KEY};

/// Headers that the HTTP stack adds or that carry the signature itself: the official SDK signs
/// none of them.
const UNSIGNED: [&str; 5] = [
    "accept-encoding",
    "accept",
    "connection",
    "content-length",
    "authorization",
];

/// The headers a signature covers, in arrival order.
pub fn signed_headers(headers: &[(String, String)]) -> Vec<(&str, &str)> {
    headers
        .iter()
        .filter(|(name, _)| !UNSIGNED.contains(&name.to_ascii_lowercase().as_str()))
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect()
}

/// Recomputes the signature of a request as the server received it, with the test access key,
/// and asserts that its `Authorization` is that signature.
pub fn verify_signature(request: &RecordedRequest) {
    let (path, query) = request
        .target
        .split_once('?')
        .unwrap_or((&request.target, ""));
    let signable = SignableRequest {
        method: &request.method,
        path,
        query,
        headers: &signed_headers(&request.headers),
        body: &request.body,
    };
    let expected = sign(&signable, SECRET_KEY).authorization(ACCESS_KEY);
    assert_eq!(request.header("authorization"), Some(expected.as_str()));
}
