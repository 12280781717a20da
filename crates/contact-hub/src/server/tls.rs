//! HTTPS served by the hub itself (`[server] tls_cert_file`/`tls_key_file`, rustls), behind
//! the `tls` feature: the standalone hub has it; the hub embedded in Agent Desk listens on
//! loopback only and goes without, so the desk does not carry a TLS server. A build without
//! it refuses a configuration that names a certificate, rather than serve it in clear text.

#[cfg(feature = "tls")]
mod enabled {
    use std::net::SocketAddr;
    use std::path::Path;
    use std::sync::Arc;

    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    use tokio::net::TcpStream;

    use crate::error::HubError;

    pub type Acceptor = tokio_rustls::TlsAcceptor;
    pub type Stream = tokio_rustls::server::TlsStream<TcpStream>;

    /// The TLS side of the server from PEM files.
    pub fn acceptor(cert: &Path, key: &Path) -> Result<Acceptor, HubError> {
        let bad = |what: &str, path: &Path, error: &dyn std::fmt::Display| {
            HubError::Internal(format!("TLS {what} {}: {error}", path.display()))
        };
        let chain = CertificateDer::pem_file_iter(cert)
            .map_err(|e| bad("certificate", cert, &e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| bad("certificate", cert, &e))?;
        if chain.is_empty() {
            return Err(bad("certificate", cert, &"no certificate in the file"));
        }
        let key_der = PrivateKeyDer::from_pem_file(key).map_err(|e| bad("key", key, &e))?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| bad("setup", cert, &e))?
            .with_no_client_auth()
            .with_single_cert(chain, key_der)
            .map_err(|e| bad("certificate or key", cert, &e))?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Acceptor::from(Arc::new(config)))
    }

    /// The handshake; a failed one is logged and ends the connection.
    pub async fn accept(
        acceptor: &Acceptor,
        stream: TcpStream,
        peer: SocketAddr,
    ) -> Option<Stream> {
        match acceptor.accept(stream).await {
            Ok(stream) => Some(stream),
            Err(error) => {
                tracing::debug!(%peer, %error, "TLS handshake failed");
                None
            }
        }
    }
}

#[cfg(not(feature = "tls"))]
mod disabled {
    use std::net::SocketAddr;
    use std::path::Path;

    use tokio::net::TcpStream;

    use crate::error::HubError;

    /// No acceptor can exist in a build without TLS.
    #[derive(Clone)]
    pub enum Acceptor {}
    pub type Stream = TcpStream;

    pub fn acceptor(cert: &Path, _key: &Path) -> Result<Acceptor, HubError> {
        Err(HubError::Internal(format!(
            "[server] names a TLS certificate ({}), but this build of the hub has no TLS \
             (the contact-hub crate's `tls` feature)",
            cert.display()
        )))
    }

    pub async fn accept(acceptor: &Acceptor, _: TcpStream, _: SocketAddr) -> Option<Stream> {
        match *acceptor {}
    }
}

// What the server uses: `Acceptor` (turns accepted TCP connections into TLS ones; a type
// with no value without the feature), `acceptor` (reads the certificate chain and key named
// by `[server]`) and `accept` (completes a handshake, or logs why it failed).
#[cfg(not(feature = "tls"))]
pub(super) use disabled::{accept, acceptor, Acceptor};
#[cfg(feature = "tls")]
pub(super) use enabled::{accept, acceptor, Acceptor};
