//! A TLS server on 127.0.0.1 with a self-signed certificate, made fresh for each test, that no
//! client trusts: it counts the connections that try a handshake with it, so a test can tell
//! how often a client tried.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

/// The most connections the server accepts, so that a runaway retry loop cannot spin forever.
const MAX_CONNECTIONS: usize = 64;

/// The server. It stops when dropped.
pub struct UntrustedTlsServer {
    url: String,
    handshakes: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl UntrustedTlsServer {
    /// Starts a server whose certificate, for `127.0.0.1`, is signed by itself.
    pub async fn start() -> UntrustedTlsServer {
        let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()])
            .expect("a self-signed certificate");
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
            certified.signing_key.serialize_der(),
        ));
        let provider = Arc::new(tokio_rustls::rustls::crypto::aws_lc_rs::default_provider());
        let config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(vec![certified.cert.der().clone()], key)
            .expect("a TLS server configuration");
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let url = format!(
            "https://{}",
            listener.local_addr().expect("a local address")
        );
        let handshakes = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&handshakes);
        let task = tokio::spawn(async move {
            for _ in 0..MAX_CONNECTIONS {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                counted.fetch_add(1, Ordering::SeqCst);
                // The client refuses the certificate, so the handshake fails; nothing follows.
                let _ = acceptor.accept(stream).await;
            }
        });
        UntrustedTlsServer {
            url,
            handshakes,
            task,
        }
    }

    /// The base URL, e.g. `https://127.0.0.1:41234`.
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// How many connections tried a handshake.
    pub fn handshakes(&self) -> usize {
        self.handshakes.load(Ordering::SeqCst)
    }
}

impl Drop for UntrustedTlsServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
