//! The bounds the client puts on what callers give it, so that an extreme value becomes a
//! clamped setting or a typed error instead of a panic deep in the HTTP stack or a request no
//! server accepts.

use std::time::Duration;

/// The longest duration any setting takes: a year. Longer ones (up to `Duration::MAX`) are
/// clamped to it, since adding them to the clock would overflow inside the HTTP stack; a year
/// still means "as long as it takes" for any request.
pub const MAX_DURATION: Duration = Duration::from_secs(365 * 24 * 60 * 60);

/// The longest path and query a request may have, in bytes, once percent-encoded: 32 KiB.
/// hyper refuses a URI of 64 KiB or more, and most servers and gateways a much shorter one; a
/// longer request is refused as invalid input before anything is sent.
pub const MAX_PATH_AND_QUERY: usize = 32 * 1024;

/// The longest value of one request header, in bytes: 16 KiB, already more than most servers
/// accept for a whole request head.
pub const MAX_HEADER_VALUE: usize = 16 * 1024;

/// `duration`, or [`MAX_DURATION`] when it is longer.
pub(crate) fn clamp_duration(duration: Duration) -> Duration {
    duration.min(MAX_DURATION)
}
