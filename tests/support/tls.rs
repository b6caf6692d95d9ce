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
        let config = ServerConfig::builder_with_provider(server_provider())
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(vec![certified.cert.der().clone()], key)
            .expect("a TLS server configuration");
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let (listener, url) = bind_loopback().await;
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

/// A small public-key infrastructure made for one test: a CA, a server certificate for
/// `127.0.0.1` and a client certificate, both issued by the CA.
pub struct TestPki {
    ca_pem: String,
    server_chain: Vec<tokio_rustls::rustls::pki_types::CertificateDer<'static>>,
    server_key: PrivateKeyDer<'static>,
    client_identity_pem: String,
    ca_der: tokio_rustls::rustls::pki_types::CertificateDer<'static>,
}

impl TestPki {
    pub fn new() -> TestPki {
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "sdkgen test CA");
        let ca_key = rcgen::KeyPair::generate().expect("a CA key");
        let ca = ca_params.self_signed(&ca_key).expect("the CA certificate");
        let issuer = rcgen::Issuer::new(ca_params, ca_key);

        let server_key = rcgen::KeyPair::generate().expect("a server key");
        let server = rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned()])
            .expect("server params")
            .signed_by(&server_key, &issuer)
            .expect("the server certificate");
        let client_key = rcgen::KeyPair::generate().expect("a client key");
        let mut client_params =
            rcgen::CertificateParams::new(Vec::<String>::new()).expect("client params");
        client_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "sdkgen test client");
        let client = client_params
            .signed_by(&client_key, &issuer)
            .expect("the client certificate");
        TestPki {
            ca_pem: ca.pem(),
            ca_der: ca.der().clone(),
            server_chain: vec![server.der().clone()],
            server_key: PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der())),
            client_identity_pem: format!("{}{}", client.pem(), client_key.serialize_pem()),
        }
    }

    /// The CA certificate, PEM, for a client's trust store.
    pub fn ca_pem(&self) -> &str {
        &self.ca_pem
    }

    /// The client certificate followed by its private key, PEM.
    pub fn client_identity_pem(&self) -> &str {
        &self.client_identity_pem
    }
}

impl Default for TestPki {
    fn default() -> Self {
        Self::new()
    }
}

/// A TLS server on 127.0.0.1 with a certificate of a [`TestPki`], that answers every request
/// `200 {}` and counts them; it may require a client certificate of the same CA.
pub struct TrustedTlsServer {
    url: String,
    answered: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl TrustedTlsServer {
    pub async fn start(pki: &TestPki, require_client_certificate: bool) -> TrustedTlsServer {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let provider = server_provider();
        let builder = ServerConfig::builder_with_provider(Arc::clone(&provider))
            .with_safe_default_protocol_versions()
            .expect("TLS versions");
        let builder = if require_client_certificate {
            let mut roots = tokio_rustls::rustls::RootCertStore::empty();
            roots.add(pki.ca_der.clone()).expect("the CA as a root");
            let verifier =
                tokio_rustls::rustls::server::WebPkiClientVerifier::builder_with_provider(
                    Arc::new(roots),
                    provider,
                )
                .build()
                .expect("a client verifier");
            builder.with_client_cert_verifier(verifier)
        } else {
            builder.with_no_client_auth()
        };
        let config = builder
            .with_single_cert(pki.server_chain.clone(), pki.server_key.clone_key())
            .expect("a TLS server configuration");
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let (listener, url) = bind_loopback().await;
        let answered = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&answered);
        let task = tokio::spawn(async move {
            for _ in 0..MAX_CONNECTIONS {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let Ok(mut tls) = acceptor.accept(stream).await else {
                    continue;
                };
                // One request per connection: read its head (the test requests have no body),
                // answer, and close.
                let mut head = Vec::new();
                let mut chunk = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 65536 {
                    match tls.read(&mut chunk).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => head.extend_from_slice(&chunk[..n]),
                    }
                }
                counted.fetch_add(1, Ordering::SeqCst);
                let answer = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}";
                let _ = tls.write_all(answer).await;
                let _ = tls.shutdown().await;
            }
        });
        TrustedTlsServer {
            url,
            answered,
            task,
        }
    }

    /// The base URL, e.g. `https://127.0.0.1:41234`.
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// How many requests were answered.
    pub fn answered(&self) -> usize {
        self.answered.load(Ordering::SeqCst)
    }
}

impl Drop for TrustedTlsServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The TLS provider of the test servers.
fn server_provider() -> Arc<tokio_rustls::rustls::crypto::CryptoProvider> {
    Arc::new(tokio_rustls::rustls::crypto::aws_lc_rs::default_provider())
}

/// A listener on a free loopback port, and its `https://` URL.
async fn bind_loopback() -> (TcpListener, String) {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let url = format!(
        "https://{}",
        listener.local_addr().expect("a local address")
    );
    (listener, url)
}
