//! TLS to PostgreSQL: a team's database is often on another machine, or a managed service.
//!
//! The database URL says how, as libpq's do: `sslmode=disable`, `prefer` (the default: TLS
//! when the server offers it) or `require`; the server's certificate is always verified,
//! against the system's trusted roots and, when the URL names one, a CA file of the
//! database's own (`sslrootcert=/etc/contact-hub/db-ca.pem`, as managed databases hand out).
//! A certificate that does not verify fails the connection: it is never used unchecked.
//! Connections over a Unix socket use no TLS.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::error::HubError;

/// `url` without its `sslrootcert` (which tokio-postgres does not know), and that file.
pub(super) fn split_root_cert(url: &str) -> (String, Option<PathBuf>) {
    let Some((base, query)) = url.split_once('?') else { return (url.to_owned(), None) };
    let mut root = None;
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| match pair.strip_prefix("sslrootcert=") {
            Some(path) => {
                root = Some(PathBuf::from(percent_decoded(path)));
                false
            }
            None => true,
        })
        .collect();
    let url = if kept.is_empty() { base.to_owned() } else { format!("{base}?{}", kept.join("&")) };
    (url, root)
}

/// `%2F` and the like in a URL's query value.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The system's trusted roots, read once: every connection (the writer's, the readers',
/// the listener's, each reconnection) would otherwise read the whole store again. Roots
/// the store holds that rustls cannot read are skipped, as browsers do.
fn system_roots() -> &'static rustls::RootCertStore {
    static ROOTS: OnceLock<rustls::RootCertStore> = OnceLock::new();
    ROOTS.get_or_init(|| {
        let mut roots = rustls::RootCertStore::empty();
        roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
        roots
    })
}

/// The TLS connector: the system's roots, and the CA file `root_cert` when given.
pub(super) fn connector(root_cert: Option<&PathBuf>) -> Result<MakeRustlsConnect, HubError> {
    let mut roots = system_roots().clone();
    if let Some(path) = root_cert {
        let bad = |e: &dyn std::fmt::Display| {
            HubError::Internal(format!(
                "the database's CA file {} (sslrootcert): {e}",
                path.display()
            ))
        };
        let certs = CertificateDer::pem_file_iter(path)
            .map_err(|e| bad(&e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| bad(&e))?;
        if certs.is_empty() {
            return Err(bad(&"no certificate in it"));
        }
        for cert in certs {
            roots.add(cert).map_err(|e| bad(&e))?;
        }
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| HubError::Internal(format!("TLS to the database: {e}")))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ca_file_is_taken_out_of_the_url() {
        assert_eq!(
            split_root_cert("postgres://hub@db/desk?sslmode=require&sslrootcert=%2Fetc%2Fca.pem"),
            ("postgres://hub@db/desk?sslmode=require".to_owned(), Some("/etc/ca.pem".into()))
        );
        assert_eq!(
            split_root_cert("postgres://hub@db/desk?sslrootcert=/etc/ca.pem"),
            ("postgres://hub@db/desk".to_owned(), Some("/etc/ca.pem".into()))
        );
        assert_eq!(
            split_root_cert("postgresql://hub@/desk?host=/run/postgresql"),
            ("postgresql://hub@/desk?host=/run/postgresql".to_owned(), None)
        );
    }

    #[test]
    fn a_ca_file_without_a_certificate_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("ca.pem");
        std::fs::write(&empty, "not a certificate\n").unwrap();
        let error = connector(Some(&empty)).err().expect("refused").to_string();
        assert!(error.contains("sslrootcert"), "{error}");
    }
}
