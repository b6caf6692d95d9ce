//! Keeping temporary credentials between requests, and fetching them again before they expire.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use super::{BoxFuture, Credentials, CredentialsError, CredentialsProvider};

/// How long before expiry credentials are fetched again: the official SDK's 40 minutes
/// (`_DEFAULT_EXPIRATION_THRESHOLD_SECONDS`).
pub const DEFAULT_REFRESH_THRESHOLD: Duration = Duration::from_secs(40 * 60);

/// After a failed refresh, while the old credentials still work, how long to keep using them
/// before trying again, so that a failing service is not asked on every request.
const RETRY_AFTER_FAILED_REFRESH: Duration = Duration::from_secs(10);

/// Caches the credentials of another provider and asks it again only when they are about to
/// expire, like aws-config's `LazyCredentialsCache`.
///
/// - Credentials are handed out from the cache until less than the refresh threshold (40
///   minutes by default) remains before their expiry; credentials without an expiry are kept
///   for good.
/// - One refresh runs at a time: however many requests wait for credentials, the inner provider
///   is asked once, and every waiter gets its answer.
/// - A failed refresh keeps the old credentials while they are still valid (and tries again
///   10 seconds later); once they have expired, the failure is the answer.
/// - Expired credentials are never handed out, even if the inner provider returns them.
///
/// Every network provider of this crate is cached this way already; wrap a provider of your own
/// that fetches over the network.
#[derive(Debug)]
pub struct CachingProvider {
    inner: Arc<dyn CredentialsProvider>,
    refresh_threshold: Duration,
    state: Mutex<CacheState>,
    /// Held by the one task that is refreshing; the others wait for it here.
    refreshing: tokio::sync::Mutex<()>,
}

#[derive(Debug, Default)]
struct CacheState {
    credentials: Option<Credentials>,
    /// How many refreshes have finished, so that a waiter can tell that one finished while it
    /// waited and take its outcome instead of starting another.
    refreshes: u64,
    /// The last refresh's failure, while the old credentials are kept.
    failure: Option<Failure>,
}

#[derive(Debug)]
struct Failure {
    at: Instant,
    message: String,
}

impl CachingProvider {
    /// Caches the credentials of `inner`, refreshing them 40 minutes before they expire.
    pub fn new(inner: impl CredentialsProvider + 'static) -> Self {
        CachingProvider {
            inner: Arc::new(inner),
            refresh_threshold: DEFAULT_REFRESH_THRESHOLD,
            state: Mutex::new(CacheState::default()),
            refreshing: tokio::sync::Mutex::new(()),
        }
    }

    /// Refreshes credentials when less than `threshold` remains before their expiry.
    pub fn with_refresh_threshold(mut self, threshold: Duration) -> Self {
        self.refresh_threshold = threshold;
        self
    }

    fn state(&self) -> MutexGuard<'_, CacheState> {
        // The state is a plain value, consistent after every assignment: a panic elsewhere
        // while it was held leaves nothing half-done.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether `credentials` can be handed out without asking the inner provider.
    fn is_fresh(&self, credentials: &Credentials, now: SystemTime) -> bool {
        match credentials.expires_at() {
            None => true,
            Some(expires_at) => expires_at
                .duration_since(now)
                .is_ok_and(|left| left > self.refresh_threshold),
        }
    }

    async fn credentials(&self) -> Result<Credentials, CredentialsError> {
        let seen_refreshes = {
            let state = self.state();
            match &state.credentials {
                Some(credentials) if self.is_fresh(credentials, SystemTime::now()) => {
                    return Ok(credentials.clone());
                }
                _ => state.refreshes,
            }
        };
        let _refreshing = self.refreshing.lock().await;
        {
            let state = self.state();
            let now = SystemTime::now();
            if let Some(credentials) = &state.credentials
                && self.is_fresh(credentials, now)
            {
                return Ok(credentials.clone());
            }
            // A refresh finished while this task waited, and failed: its outcome is the answer
            // for every task that waited for it.
            let finished_meanwhile = state.refreshes != seen_refreshes;
            let failed_recently = state
                .failure
                .as_ref()
                .is_some_and(|f| finished_meanwhile || f.at.elapsed() < RETRY_AFTER_FAILED_REFRESH);
            if failed_recently || finished_meanwhile {
                return state.still_valid(now).ok_or_else(|| state.failure_error());
            }
        }
        let fetched = self.inner.provide_credentials().await;
        let mut state = self.state();
        state.refreshes += 1;
        let now = SystemTime::now();
        let error = match fetched {
            Ok(credentials) if !credentials.is_expired_at(now) => {
                tracing::debug!(expires_at = ?credentials.expires_at(), "credentials refreshed");
                state.credentials = Some(credentials.clone());
                state.failure = None;
                return Ok(credentials);
            }
            Ok(_) => CredentialsError::new("the provider returned credentials that have expired"),
            Err(error) => error,
        };
        state.failure = Some(Failure {
            at: Instant::now(),
            message: error.to_string(),
        });
        match state.still_valid(now) {
            Some(old) => {
                tracing::warn!(error = %error, "refreshing credentials failed; the current ones are still valid and stay in use");
                Ok(old)
            }
            None => Err(error),
        }
    }
}

impl CacheState {
    /// The cached credentials, if they have not expired yet.
    fn still_valid(&self, now: SystemTime) -> Option<Credentials> {
        self.credentials
            .as_ref()
            .filter(|credentials| !credentials.is_expired_at(now))
            .cloned()
    }

    fn failure_error(&self) -> CredentialsError {
        match &self.failure {
            Some(failure) => CredentialsError::new(failure.message.clone()),
            None => CredentialsError::new("the credentials have expired and were not refreshed"),
        }
    }
}

impl CredentialsProvider for CachingProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.credentials())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// Answers from a script, counting calls.
    #[derive(Debug)]
    struct Scripted {
        calls: AtomicUsize,
        answers: Mutex<Vec<Result<Credentials, String>>>,
    }

    impl Scripted {
        fn new(mut answers: Vec<Result<Credentials, String>>) -> Arc<Self> {
            answers.reverse();
            Arc::new(Scripted {
                calls: AtomicUsize::new(0),
                answers: Mutex::new(answers),
            })
        }
    }

    impl CredentialsProvider for Scripted {
        fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
            self.calls.fetch_add(1, Ordering::SeqCst);
            let answer = self
                .answers
                .lock()
                .unwrap()
                .pop()
                .expect("a scripted answer");
            Box::pin(async move { answer.map_err(CredentialsError::new) })
        }
    }

    fn expiring_in(seconds: u64) -> Credentials {
        Credentials::temporary("AK", "SK", "ST")
            .with_expiry(SystemTime::now() + Duration::from_secs(seconds))
    }

    #[tokio::test]
    async fn fresh_credentials_are_cached_and_stale_ones_refreshed() {
        let inner = Scripted::new(vec![Ok(expiring_in(3600)), Ok(expiring_in(7200))]);
        let cache = CachingProvider::new(Arc::clone(&inner));
        let first = cache.provide_credentials().await.unwrap();
        assert_eq!(cache.provide_credentials().await.unwrap(), first);
        assert_eq!(inner.calls.load(Ordering::SeqCst), 1);

        // Less than the threshold left: refreshed.
        let cache = cache.with_refresh_threshold(Duration::from_secs(3700));
        let second = cache.provide_credentials().await.unwrap();
        assert_ne!(second, first);
        assert_eq!(inner.calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_failed_refresh_keeps_valid_credentials_and_then_fails_once_they_expire() {
        let inner = Scripted::new(vec![
            Ok(expiring_in(2)),
            Err("STS is down".to_owned()),
            Err("STS is still down".to_owned()),
        ]);
        let cache = CachingProvider::new(Arc::clone(&inner));
        let first = cache.provide_credentials().await.unwrap();
        // Inside the 40 minutes: a refresh is due, fails, and the old credentials stay.
        assert_eq!(cache.provide_credentials().await.unwrap(), first);
        assert_eq!(inner.calls.load(Ordering::SeqCst), 2);
        // The failure is remembered: no new attempt for a while.
        assert_eq!(cache.provide_credentials().await.unwrap(), first);
        assert_eq!(inner.calls.load(Ordering::SeqCst), 2);
        // Once expired, the remembered failure is the answer, and nothing expired goes out.
        tokio::time::sleep(Duration::from_millis(2100)).await;
        let error = cache.provide_credentials().await.unwrap_err();
        assert!(error.to_string().contains("STS is down"), "{error}");
    }

    #[tokio::test]
    async fn expired_credentials_from_the_inner_provider_are_refused() {
        let expired = Credentials::temporary("AK", "SK", "ST")
            .with_expiry(SystemTime::now() - Duration::from_secs(1));
        let cache = CachingProvider::new(Scripted::new(vec![Ok(expired)]));
        let error = cache.provide_credentials().await.unwrap_err();
        assert!(error.to_string().contains("expired"), "{error}");
    }
}
