//! Endpoints: the URL every request of a client goes under.

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
    /// Parses an endpoint: an absolute http(s) URL with a host and no query or fragment.
    pub(crate) fn parse(endpoint: &str) -> Result<Endpoint, Error> {
        let url = reqwest::Url::parse(endpoint)
            .map_err(|e| Error::Config(format!("endpoint `{endpoint}` is not a valid URL: {e}")))?;
        if url.scheme() != "https" && url.scheme() != "http" {
            return Err(Error::Config(format!(
                "endpoint `{endpoint}` must start with https:// or http://"
            )));
        }
        if url.host_str().is_none() || url.query().is_some() || url.fragment().is_some() {
            return Err(Error::Config(format!(
                "endpoint `{endpoint}` must name a host and have no query or fragment"
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

#[cfg(test)]
mod tests {
    use super::Endpoint;

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
}
