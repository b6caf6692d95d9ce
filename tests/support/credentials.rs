//! Pieces of the credentials tests: the answers the loopback servers give as STS, IAM, the
//! metadata service and the pod identity agent, files that remove themselves, and a client that
//! takes its credentials from a provider.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use huaweicloud_sdk_functiongraph::{Client, CredentialsProvider, RetryPolicy};
use time::OffsetDateTime;
use time::format_description::BorrowedFormatItem;

use crate::{CannedResponse, PROJECT_ID, TestServer};

/// The temporary access key every credentials service of the tests hands out.
pub const TEMP_ACCESS_KEY: &str = "TEMPAKEXAMPLE0000000";
/// Their secret key. It must never be printed.
pub const TEMP_SECRET_KEY: &str = "TEMP-SECRET-KEY-must-not-leak";
/// Their security token. It must never be printed.
pub const TEMP_SECURITY_TOKEN: &str = "TEMP-SECURITY-TOKEN-must-not-leak";

/// `time`, in the official format `%Y-%m-%dT%H:%M:%S.%fZ` (UTC, microseconds).
pub fn official_time(time: SystemTime) -> String {
    const FORMAT: &[BorrowedFormatItem<'_>] = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"
    );
    OffsetDateTime::from(time)
        .format(FORMAT)
        .expect("a time in range")
}

/// An answer of STS `assume-with-oidc`: credentials wrapped in `credentials`, STS's own names.
pub fn sts_answer(security_token: &str, lifetime: Duration) -> CannedResponse {
    let body = serde_json::json!({
        "credentials": {
            "access_key_id": TEMP_ACCESS_KEY,
            "secret_access_key": TEMP_SECRET_KEY,
            "security_token": security_token,
            "expiration": official_time(SystemTime::now() + lifetime),
        },
        "assumed_agency": {"urn": "sts::123:assumed-agency:demo/session", "id": "123:session"},
    });
    CannedResponse::json(200, &body.to_string())
}

/// An answer of IAM `securitytokens`, or of the metadata service: wrapped in `credential`,
/// IAM's names.
pub fn iam_answer(security_token: &str, lifetime: Duration) -> CannedResponse {
    let body = serde_json::json!({
        "credential": {
            "access": TEMP_ACCESS_KEY,
            "secret": TEMP_SECRET_KEY,
            "securitytoken": security_token,
            "expires_at": official_time(SystemTime::now() + lifetime),
        }
    });
    CannedResponse::json(200, &body.to_string())
}

/// A file in the temporary directory, removed when dropped.
pub struct TempFile {
    path: PathBuf,
}

impl TempFile {
    /// A new file holding `content`.
    pub fn with_content(content: &str) -> TempFile {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "sdk-credentials-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        std::fs::write(&path, content).expect("write a temporary file");
        TempFile { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The path as text, as the providers take it.
    pub fn path_text(&self) -> String {
        self.path.display().to_string()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// A client of the service at `server` that takes its credentials from `provider`, without
/// retries.
pub fn client_with_provider(
    server: &TestServer,
    provider: impl CredentialsProvider + 'static,
) -> Client {
    Client::builder()
        .endpoint(server.url())
        .project_id(PROJECT_ID)
        .retry_policy(RetryPolicy::none())
        .credentials_provider(provider)
        .build()
        .expect("a valid test client")
}

/// Bounds a test step: a step that hangs fails instead.
pub async fn within<T>(limit: Duration, step: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(limit, step)
        .await
        .expect("the step finished in time")
}
