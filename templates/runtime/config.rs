//! Client configuration: endpoint, project, credentials and timeouts.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::error::Error;
use crate::transport::Handle;

/// The official SDK's connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(60);
/// The official SDK's read timeout.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(120);

/// A secret string whose `Debug` and `Display` never show its value.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret value itself. Take care where it goes.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(\"** redacted **\")")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("** redacted **")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

/// How requests prove who sends them.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Credentials {
    /// An IAM user token, sent as the `X-Auth-Token` header.
    Token(Secret),
}

/// Builds a [`Client`](crate::Client).
///
/// An endpoint, a project id and credentials are required; everything else has the official
/// SDK's defaults.
#[derive(Clone, Debug)]
#[must_use]
pub struct ClientBuilder {
    endpoint: Option<String>,
    project_id: Option<String>,
    credentials: Option<Credentials>,
    connect_timeout: Duration,
    read_timeout: Duration,
    operation_timeout: Option<Duration>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            endpoint: None,
            project_id: None,
            credentials: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            read_timeout: DEFAULT_READ_TIMEOUT,
            operation_timeout: None,
        }
    }
}

impl ClientBuilder {
    /// A builder with no endpoint, project or credentials yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The service endpoint, e.g. `https://functiongraph.cn-north-4.myhuaweicloud.com`.
    ///
    /// A path prefix is kept: `https://proxy.example.com/fg` sends requests to
    /// `https://proxy.example.com/fg/v2/...`.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// The project id that fills `{project_id}` in every path.
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// Authenticates with an IAM user token (the `X-Auth-Token` header).
    pub fn auth_token(self, token: impl Into<Secret>) -> Self {
        self.credentials(Credentials::Token(token.into()))
    }

    /// Sets the credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// How long to wait for a connection. Defaults to 60 seconds.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long to wait between two reads of the answer. Defaults to 120 seconds.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = timeout;
        self
    }

    /// A limit on a whole operation, from the first byte sent to the last byte read.
    /// There is none by default.
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation_timeout = Some(timeout);
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<crate::Client, Error> {
        let endpoint = self
            .endpoint
            .ok_or_else(|| Error::Config("no endpoint: call ClientBuilder::endpoint".to_owned()))?;
        let endpoint = parse_endpoint(&endpoint)?;
        let credentials = self.credentials.ok_or_else(|| {
            Error::Config("no credentials: call ClientBuilder::auth_token".to_owned())
        })?;
        let project_id = match self.project_id {
            Some(id) if !id.trim().is_empty() => id,
            _ => {
                return Err(Error::Config(
                    "no project id: call ClientBuilder::project_id".to_owned(),
                ));
            }
        };
        let http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .read_timeout(self.read_timeout)
            // The official SDK never follows redirects; a redirect would also carry the
            // credentials to another host.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
        let handle = Handle {
            http,
            endpoint,
            project_id,
            credentials,
            operation_timeout: self.operation_timeout,
        };
        Ok(crate::Client::from_handle(Arc::new(handle)))
    }
}

/// Checks an endpoint and returns it without a trailing `/`.
fn parse_endpoint(endpoint: &str) -> Result<String, Error> {
    let url = reqwest::Url::parse(endpoint)
        .map_err(|e| Error::Config(format!("endpoint `{endpoint}` is not a valid URL: {e}")))?;
    if url.scheme() != "https" && url.scheme() != "http" {
        return Err(Error::Config(format!(
            "endpoint `{endpoint}` must start with https:// or http://"
        )));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::Config(format!(
            "endpoint `{endpoint}` must not have a query or fragment"
        )));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let secret = Secret::new("hunter2");
        assert!(!format!("{secret:?} {secret}").contains("hunter2"));
        let builder = ClientBuilder::new().auth_token("hunter2");
        assert!(!format!("{builder:?}").contains("hunter2"));
    }

    #[test]
    fn endpoints_keep_their_path_prefix() {
        assert_eq!(
            parse_endpoint("https://proxy.example.com/fg/").unwrap(),
            "https://proxy.example.com/fg"
        );
        assert_eq!(
            parse_endpoint("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert!(parse_endpoint("ftp://example.com").is_err());
        assert!(parse_endpoint("not a url").is_err());
    }

    #[test]
    fn missing_settings_are_named() {
        let err = ClientBuilder::new().build().unwrap_err();
        assert!(err.to_string().contains("no endpoint"), "{err}");
        let err = ClientBuilder::new()
            .endpoint("http://127.0.0.1:1")
            .auth_token("t")
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("no project id"), "{err}");
    }
}
