//! Endpoints: the URL every request of a client goes under.

use std::borrow::Cow;

use crate::auth::FixedHeader;
use crate::error::Error;

/// A checked endpoint, with what every request to it needs.
#[derive(Debug)]
pub(crate) struct Endpoint {
    /// The parsed URL; each request's URL is this one with its path and query set.
    pub(crate) url: reqwest::Url,
    /// The `Host` header value, which the signature covers.
    pub(crate) host: FixedHeader,
    /// The endpoint's path, which every request path goes under, without a trailing `/`;
    /// usually empty.
    pub(crate) path_prefix: String,
}

impl Endpoint {
    /// Parses an endpoint: an absolute http(s) URL with a host, no user name or password, and
    /// no query or fragment. Error messages never show what looks like a user name or password.
    pub(crate) fn parse(endpoint: &str) -> Result<Endpoint, Error> {
        let shown = without_userinfo(endpoint);
        let url = reqwest::Url::parse(endpoint)
            .map_err(|e| Error::Config(format!("endpoint `{shown}` is not a valid URL: {e}")))?;
        if url.scheme() != "https" && url.scheme() != "http" {
            return Err(Error::Config(format!(
                "endpoint `{shown}` must start with https:// or http://"
            )));
        }
        // Credentials in the URL would be printed wherever the URL is (the client's `Debug`,
        // every transport error), and the client sends its own credentials anyway.
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::Config(format!(
                "endpoint `{shown}` must not contain a user name or password"
            )));
        }
        if url.host_str().is_none() || url.query().is_some() || url.fragment().is_some() {
            return Err(Error::Config(format!(
                "endpoint `{shown}` must name a host and have no query or fragment"
            )));
        }
        let host = FixedHeader::new("the endpoint's host", authority(&url), false)?;
        let path_prefix = url.path().trim_end_matches('/').to_owned();
        Ok(Endpoint {
            url,
            host,
            path_prefix,
        })
    }
}

/// The `Host` header value: the host, and the port when the URL names one.
fn authority(url: &reqwest::Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

/// The endpoint as text with anything before an `@` in its authority replaced by `***`, so
/// that even text that does not parse as a URL never shows a password.
fn without_userinfo(endpoint: &str) -> Cow<'_, str> {
    let authority_start = endpoint.find("://").map_or(0, |at| at + 3);
    let rest = &endpoint[authority_start..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => Cow::Owned(format!(
            "{}***{}",
            &endpoint[..authority_start],
            &rest[at..]
        )),
        None => Cow::Borrowed(endpoint),
    }
}

#[cfg(test)]
mod tests {
    use super::{Endpoint, without_userinfo};

    #[test]
    fn endpoints_keep_their_path_prefix_and_port() {
        let endpoint = Endpoint::parse("https://proxy.example.com/fg/").unwrap();
        assert_eq!(endpoint.path_prefix, "/fg");
        assert_eq!(endpoint.host.text(), "proxy.example.com");
        let local = Endpoint::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!(local.path_prefix, "");
        assert_eq!(local.host.text(), "127.0.0.1:8080");
        assert!(Endpoint::parse("ftp://example.com").is_err());
        assert!(Endpoint::parse("not a url").is_err());
        assert!(Endpoint::parse("https://example.com/?q=1").is_err());
    }

    #[test]
    fn userinfo_is_refused_and_never_shown() {
        for endpoint in [
            "https://user:pw@example.com",
            "https://user@example.com/fg",
            "https://:pw@example.com",
            "https://user:pw@example.com:99999",
        ] {
            let error = Endpoint::parse(endpoint).unwrap_err().to_string();
            assert!(
                !error.contains("pw") && !error.contains("user@") && !error.contains("user:"),
                "{error}"
            );
            assert!(error.contains("***@example.com"), "{error}");
        }
        assert_eq!(
            without_userinfo("https://example.com/a@b"),
            "https://example.com/a@b"
        );
    }
}
