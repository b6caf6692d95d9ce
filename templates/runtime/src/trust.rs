//! The TLS configuration that trusts the system's root certificates, made once per process.
//!
//! Loading the trust store reads and parses every certificate of the system bundle, a few
//! milliseconds and about 100 million instructions, which reqwest would spend again for every
//! client it builds. The runtime builds the same configuration reqwest would (the platform
//! verifier over the system roots, the process's crypto provider, TLS 1.2 and 1.3, HTTP/1.1 by
//! ALPN) and keeps it: every further client shares it. Should `SSL_CERT_FILE` or
//! `SSL_CERT_DIR`, which say where the store is, change, the store is read again.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rustls::ClientConfig;
use rustls::crypto::CryptoProvider;

use crate::error::Error;

/// Where the system's store was read from, and the configuration made from it.
struct Loaded {
    sources: [Option<std::ffi::OsString>; 2],
    config: ClientConfig,
}

static LOADED: Mutex<Option<Loaded>> = Mutex::new(None);

/// How many times the store was read, for the test that it is read once.
static LOADS: AtomicUsize = AtomicUsize::new(0);

/// The configuration for a client that trusts the system's roots.
pub(crate) fn system_tls_config() -> Result<ClientConfig, Error> {
    let sources = [
        std::env::var_os("SSL_CERT_FILE"),
        std::env::var_os("SSL_CERT_DIR"),
    ];
    let mut loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(loaded) = loaded.as_ref().filter(|l| l.sources == sources) {
        return Ok(loaded.config.clone());
    }
    let config = load()?;
    *loaded = Some(Loaded {
        sources,
        config: config.clone(),
    });
    Ok(config)
}

fn load() -> Result<ClientConfig, Error> {
    LOADS.fetch_add(1, Ordering::Relaxed);
    let provider = crypto_provider();
    let unusable = |e: rustls::Error| Error::Config(format!("cannot set up TLS: {e}"));
    let verifier = rustls_platform_verifier::Verifier::new(provider.clone()).map_err(unusable)?;
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(rustls::ALL_VERSIONS)
        .map_err(unusable)?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    // The transport speaks HTTP/1.1 only, as the official SDK does.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// The provider the application installed, else the one of the enabled TLS feature, as
/// reqwest chooses it.
fn crypto_provider() -> Arc<CryptoProvider> {
    if let Some(installed) = CryptoProvider::get_default() {
        return Arc::clone(installed);
    }
    Arc::new(feature_provider())
}

#[cfg(feature = "rustls-aws-lc")]
fn feature_provider() -> CryptoProvider {
    rustls::crypto::aws_lc_rs::default_provider()
}

#[cfg(all(feature = "rustls-ring", not(feature = "rustls-aws-lc")))]
fn feature_provider() -> CryptoProvider {
    rustls::crypto::ring::default_provider()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_is_read_once_and_shared() {
        let first = system_tls_config().expect("the system trust store loads");
        let loads = LOADS.load(Ordering::Relaxed);
        let second = system_tls_config().unwrap();
        assert_eq!(LOADS.load(Ordering::Relaxed), loads, "the second is a copy");
        assert_eq!(first.alpn_protocols, [b"http/1.1".to_vec()]);
        assert_eq!(second.alpn_protocols, first.alpn_protocols);
    }
}
