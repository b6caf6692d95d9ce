//! When to send a request again, and how long to wait first.
//!
//! By default only what is safe is retried: an idempotent request (GET, PUT, DELETE, ...) after a
//! connection error, a timeout or a 429/500/502/503/504 answer, and any request whose
//! connection could not even be opened, since then the server never saw it. A POST is never
//! sent twice otherwise, because running a function twice is not harmless, unless the caller
//! opts in for that call.

use std::time::{Duration, SystemTime};

use crate::limits::clamp_duration;

/// How many times to try and how long to wait between tries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// Three attempts, backing off from 200 ms up to 20 s, honouring `Retry-After` up to 60 s.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(20),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// Never retry: every request is sent once.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The most attempts, the first included. At least 1.
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The wait before the second attempt; each later wait doubles, up to `max_backoff`.
    /// Each wait is jittered: a random time between half of it and all of it. At most
    /// [`MAX_DURATION`](crate::MAX_DURATION): a longer one is clamped to it.
    pub fn with_initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = clamp_duration(backoff);
        self
    }

    /// The longest wait between two attempts. At most [`MAX_DURATION`](crate::MAX_DURATION): a
    /// longer one is clamped to it.
    pub fn with_max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = clamp_duration(backoff);
        self
    }

    /// The longest `Retry-After` the client waits for. When the service asks for a longer
    /// wait, the error is returned at once instead. At most
    /// [`MAX_DURATION`](crate::MAX_DURATION): a longer one is clamped to it.
    pub fn with_max_retry_after(mut self, limit: Duration) -> Self {
        self.max_retry_after = clamp_duration(limit);
        self
    }

    /// The most attempts, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The jittered wait after failed attempt number `attempt` (1 for the first).
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let exponent = attempt.saturating_sub(1).min(30);
        let full = self
            .initial_backoff
            .saturating_mul(1u32 << exponent)
            .min(self.max_backoff);
        let half = full / 2;
        half + full.saturating_sub(half).mul_f64(fastrand::f64())
    }

    /// The wait a `Retry-After` value asks for, if it is one the policy honours.
    pub(crate) fn retry_after(&self, value: &str, now: SystemTime) -> RetryAfter {
        let wait = match value.trim().parse::<u64>() {
            Ok(seconds) => Duration::from_secs(seconds),
            Err(_) => match httpdate::parse_http_date(value.trim()) {
                Ok(at) => at.duration_since(now).unwrap_or(Duration::ZERO),
                Err(_) => return RetryAfter::Unparsed,
            },
        };
        if wait > self.max_retry_after {
            RetryAfter::TooLong(wait)
        } else {
            RetryAfter::Wait(wait)
        }
    }
}

/// What a `Retry-After` header means for the next attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RetryAfter {
    Wait(Duration),
    /// Longer than the policy's limit: do not retry.
    TooLong(Duration),
    /// Not a number of seconds or an HTTP date: use the normal backoff.
    Unparsed,
}

/// Statuses that say "try again later".
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let policy = RetryPolicy::default()
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(300));
        for _ in 0..100 {
            let first = policy.backoff(1);
            assert!(
                first >= Duration::from_millis(50) && first <= Duration::from_millis(100),
                "{first:?}"
            );
            let second = policy.backoff(2);
            assert!(
                second >= Duration::from_millis(100) && second <= Duration::from_millis(200),
                "{second:?}"
            );
            let capped = policy.backoff(10);
            assert!(
                capped >= Duration::from_millis(150) && capped <= Duration::from_millis(300),
                "{capped:?}"
            );
        }
    }

    #[test]
    fn retry_after_takes_seconds_or_an_http_date() {
        let policy = RetryPolicy::default().with_max_retry_after(Duration::from_secs(10));
        let now = httpdate::parse_http_date("Sun, 22 Nov 2026 10:43:00 GMT").unwrap();
        assert_eq!(
            policy.retry_after("2", now),
            RetryAfter::Wait(Duration::from_secs(2))
        );
        assert_eq!(
            policy.retry_after("Sun, 22 Nov 2026 10:43:05 GMT", now),
            RetryAfter::Wait(Duration::from_secs(5))
        );
        assert_eq!(
            policy.retry_after("3600", now),
            RetryAfter::TooLong(Duration::from_secs(3600))
        );
        assert_eq!(policy.retry_after("soon", now), RetryAfter::Unparsed);
    }

    #[test]
    fn extreme_durations_are_clamped_and_never_overflow() {
        let policy = RetryPolicy::default()
            .with_initial_backoff(Duration::MAX)
            .with_max_backoff(Duration::MAX)
            .with_max_retry_after(Duration::MAX);
        for attempt in [1, 2, 31, u32::MAX] {
            assert!(policy.backoff(attempt) <= crate::MAX_DURATION);
        }
        let now = SystemTime::UNIX_EPOCH;
        assert_eq!(
            policy.retry_after(&u64::MAX.to_string(), now),
            RetryAfter::TooLong(Duration::from_secs(u64::MAX))
        );
    }

    #[test]
    fn at_least_one_attempt() {
        assert_eq!(
            RetryPolicy::default().with_max_attempts(0).max_attempts(),
            1
        );
        assert_eq!(RetryPolicy::none().max_attempts(), 1);
    }
}
