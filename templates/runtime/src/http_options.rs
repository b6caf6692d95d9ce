//! How the default transport connects: proxies, TLS trust and identity, and its connection
//! pool. The builder's settings land here, and [`ReqwestTransport`] is built from them.

use std::fmt;
use std::time::Duration;

use crate::error::Error;
use crate::http::ReqwestTransport;
use crate::secret::Secret;

/// A proxy that every request goes through, whatever the environment says.
///
/// Over an `https://` endpoint the proxy sees only a `CONNECT` to the endpoint's host; over
/// `http://` it sees every request in clear, signature and tokens included. The password never
/// prints.
#[derive(Clone, PartialEq, Eq)]
pub struct Proxy {
    url: String,
    credentials: Option<(String, Secret)>,
}

impl Proxy {
    /// A proxy at `url`, e.g. `http://proxy.example.com:3128`. A user name and password in the
    /// URL are taken out of it and used as [`basic_auth`](Self::basic_auth).
    pub fn new(url: impl Into<String>) -> Self {
        let url = url.into();
        match reqwest::Url::parse(&url) {
            Ok(mut parsed) if !parsed.username().is_empty() => {
                let user = percent_decoded(parsed.username());
                let password = percent_decoded(parsed.password().unwrap_or_default());
                // Both setters only fail for URLs that cannot have a user, which a URL with one
                // is not.
                let _ = parsed.set_username("");
                let _ = parsed.set_password(None);
                Proxy {
                    url: parsed.to_string(),
                    credentials: Some((user, Secret::new(password))),
                }
            }
            _ => Proxy {
                url,
                credentials: None,
            },
        }
    }

    /// Authenticates to the proxy with a user name and password (`Proxy-Authorization: Basic`).
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<Secret>) -> Self {
        self.credentials = Some((user.into(), password.into()));
        self
    }

    /// The proxy's URL, without credentials.
    pub fn url(&self) -> &str {
        &self.url
    }

    fn to_reqwest(&self) -> Result<reqwest::Proxy, Error> {
        let proxy = reqwest::Proxy::all(&self.url)
            .map_err(|e| Error::Config(format!("proxy `{}` is not a valid URL: {e}", self.url)))?;
        Ok(match &self.credentials {
            Some((user, password)) => proxy.basic_auth(user, password.expose()),
            None => proxy,
        })
    }
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Proxy")
            .field("url", &self.url)
            .field("user", &self.credentials.as_ref().map(|(user, _)| user))
            .field(
                "password",
                &self.credentials.as_ref().map(|(_, password)| password),
            )
            .finish()
    }
}

fn percent_decoded(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// Where the default transport sends requests through.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) enum ProxySetting {
    /// `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY`, in either case, as reqwest reads
    /// them.
    #[default]
    FromEnvironment,
    /// No proxy at all.
    Disabled,
    /// This one, and the environment ignored.
    Explicit(Proxy),
}

/// The default transport's settings.
#[derive(Clone, Debug)]
pub(crate) struct HttpOptions {
    pub(crate) connect_timeout: Duration,
    pub(crate) read_timeout: Duration,
    pub(crate) proxy: ProxySetting,
    /// PEM certificates trusted besides the system's roots.
    pub(crate) extra_roots_pem: Option<Vec<u8>>,
    /// PEM certificate chain and private key for mutual TLS.
    pub(crate) identity_pem: Option<Secret>,
    pub(crate) pool_idle_timeout: Option<Duration>,
    pub(crate) pool_max_idle_per_host: Option<usize>,
}

impl HttpOptions {
    pub(crate) fn new(connect_timeout: Duration, read_timeout: Duration) -> Self {
        HttpOptions {
            connect_timeout,
            read_timeout,
            proxy: ProxySetting::default(),
            extra_roots_pem: None,
            identity_pem: None,
            pool_idle_timeout: None,
            pool_max_idle_per_host: None,
        }
    }

    /// The default transport, configured as the official SDK's (no redirects followed) plus
    /// these settings.
    pub(crate) fn build_transport(&self) -> Result<ReqwestTransport, Error> {
        install_crypto_provider();
        let mut builder = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .read_timeout(self.read_timeout)
            // A redirect would carry the credentials to another host.
            .redirect(reqwest::redirect::Policy::none());
        // The system's trust store is read once per process (while the variables that point at
        // it stay as they are); a CA bundle or a client identity of one's own needs reqwest to
        // build the TLS configuration.
        if self.extra_roots_pem.is_none() && self.identity_pem.is_none() {
            builder = builder.use_preconfigured_tls(crate::trust::system_tls_config()?);
        }
        builder = match &self.proxy {
            ProxySetting::FromEnvironment => builder,
            ProxySetting::Disabled => builder.no_proxy(),
            ProxySetting::Explicit(proxy) => builder.proxy(proxy.to_reqwest()?),
        };
        if let Some(pem) = &self.extra_roots_pem {
            let certificates = reqwest::Certificate::from_pem_bundle(pem).map_err(|e| {
                Error::Config(format!("the CA bundle is not PEM certificates: {e}"))
            })?;
            if certificates.is_empty() {
                return Err(Error::Config(
                    "the CA bundle holds no PEM certificate".to_owned(),
                ));
            }
            for certificate in certificates {
                builder = builder.add_root_certificate(certificate);
            }
        }
        if let Some(pem) = &self.identity_pem {
            let identity = reqwest::Identity::from_pem(pem.expose().as_bytes()).map_err(|e| {
                Error::Config(format!(
                    "the client identity is not a PEM certificate chain with its private key: {e}"
                ))
            })?;
            builder = builder.identity(identity);
        }
        if let Some(timeout) = self.pool_idle_timeout {
            builder = builder.pool_idle_timeout(timeout);
        }
        if let Some(max) = self.pool_max_idle_per_host {
            builder = builder.pool_max_idle_per_host(max);
        }
        builder
            .build()
            .map(ReqwestTransport::new)
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))
    }
}

/// With the `rustls-ring` feature alone, reqwest has no TLS provider of its own: ring's is
/// installed as the process default, unless the application installed one already.
#[cfg(all(feature = "rustls-ring", not(feature = "rustls-aws-lc")))]
fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

#[cfg(not(all(feature = "rustls-ring", not(feature = "rustls-aws-lc"))))]
fn install_crypto_provider() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_credentials_come_out_of_the_url_and_never_print() {
        let proxy = Proxy::new("http://user:p%40ss@127.0.0.1:3128");
        assert_eq!(proxy.url(), "http://127.0.0.1:3128/");
        let printed = format!("{proxy:?}");
        assert!(
            !printed.contains("p@ss") && !printed.contains("p%40ss"),
            "{printed}"
        );
        assert!(printed.contains("user"), "{printed}");
        assert_eq!(
            proxy,
            Proxy::new("http://127.0.0.1:3128/").basic_auth("user", "p@ss")
        );
    }

    #[test]
    fn bad_tls_material_is_a_configuration_error() {
        let mut options = HttpOptions::new(Duration::from_secs(1), Duration::from_secs(1));
        options.extra_roots_pem = Some(b"not a certificate".to_vec());
        let error = options.build_transport().unwrap_err();
        assert!(error.to_string().contains("CA bundle"), "{error}");
        options.extra_roots_pem = None;
        options.identity_pem = Some(Secret::new("-----BEGIN NOTHING-----"));
        let error = options.build_transport().unwrap_err();
        assert!(error.to_string().contains("client identity"), "{error}");
    }
}
