//! The hub as a running server: what the `contact-hub` binary runs and what Agent Desk
//! embeds (on loopback, with an SQLite file next to the app's data).
//!
//! The accept loop is the hub's own (hyper's HTTP/1 connection builder under it) so that
//! what the security review asked of the transport holds in one place (findings H1, M2):
//!
//! - **TLS** (rustls, `[server] tls_cert_file`/`tls_key_file`): every connection is
//!   handshaken before a byte of HTTP is read; the router adds `Strict-Transport-Security`.
//! - **A connection limit** (`max_connections`): a connection is accepted only with a free
//!   slot; the rest wait in the kernel's backlog.
//! - **A header-read timeout** (`header_read_timeout_secs`, hyper's own, with a timer): a
//!   client that trickles its headers (or its TLS handshake) is dropped. Request and body
//!   timeouts are the router's (`http::router`), outside the event streams.
//! - The peer address is given to the router as `ConnectInfo<SocketAddr>` on every request.

mod tls;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tokio::task::JoinHandle;
use tower::ServiceExt;

use crate::config::{HubConfig, ServerConfig};
use crate::error::HubError;
use crate::http::router;
use crate::hub::Hub;

/// How long shutdown waits for open requests to finish before dropping them.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);

/// A hub serving HTTP (or HTTPS) in the background on the current tokio runtime.
pub struct RunningHub {
    hub: Hub,
    addr: SocketAddr,
    tls: bool,
    stop: watch::Sender<bool>,
    server: JoinHandle<()>,
}

impl std::fmt::Debug for RunningHub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunningHub").field("addr", &self.addr).finish_non_exhaustive()
    }
}

impl RunningHub {
    /// Binds `listen` (port 0 picks a free port), opens `database` (created if missing) and
    /// serves until [`RunningHub::shutdown`]: HTTPS when the configuration names a
    /// certificate and key, else HTTP.
    pub async fn start(
        config: HubConfig,
        database: impl Into<crate::Database>,
        listen: SocketAddr,
    ) -> Result<RunningHub, HubError> {
        config.check_demo_passwords(listen)?;
        let server_config = config.server.clone();
        let tls = match server_config.tls() {
            Some((cert, key)) => Some(tls::acceptor(cert, key)?),
            None => None,
        };
        let listener = TcpListener::bind(listen)
            .await
            .map_err(|source| HubError::Bind { addr: listen, source })?;
        let addr = listener.local_addr()?;
        let hub = Hub::open(config, database)?;
        let app = router(hub.clone());
        let (stop, stopped) = watch::channel(false);
        let secure = tls.is_some();
        let server = tokio::spawn(serve(listener, app, tls, server_config, stopped));
        tracing::info!(%addr, tls = secure, "contact hub listening");
        Ok(RunningHub { hub, addr, tls: secure, stop, server })
    }

    /// The address it listens on (with the real port when started on port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, or `https://…` with TLS (loopback when listening on all
    /// interfaces).
    pub fn base_url(&self) -> String {
        let mut addr = self.addr;
        if addr.ip().is_unspecified() {
            addr.set_ip(IpAddr::V4(Ipv4Addr::LOCALHOST));
        }
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://{addr}")
    }

    /// The hub behind the server.
    pub fn hub(&self) -> &Hub {
        &self.hub
    }

    /// Stops gracefully: event streams end, the offer clock stops, open requests finish
    /// (for up to ten seconds), then the database is closed.
    pub async fn shutdown(self) {
        let RunningHub { hub, stop, mut server, .. } = self;
        // Streams end first, so the server's drain does not wait on them forever.
        hub.begin_shutdown();
        let _ = stop.send(true);
        match tokio::time::timeout(DRAIN_TIMEOUT, &mut server).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::warn!(%error, "the server task failed"),
            Err(_) => {
                tracing::warn!("open requests did not finish in time; dropping them");
                server.abort();
            }
        }
        hub.shutdown().await;
        tracing::info!("contact hub stopped");
    }
}

/// Accepts connections until `stopped`, then lets open ones finish their request.
async fn serve(
    listener: TcpListener,
    app: axum::Router,
    tls: Option<tls::Acceptor>,
    config: ServerConfig,
    mut stopped: watch::Receiver<bool>,
) {
    let max = config.max_connections.max(1) as usize;
    let slots = Arc::new(Semaphore::new(max));
    let header_timeout = Duration::from_secs(config.header_read_timeout_secs.max(1).into());
    loop {
        let permit = tokio::select! {
            permit = slots.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            _ = stop_signal(&mut stopped) => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: wait a little, keep serving.
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = stop_signal(&mut stopped) => break,
        };
        let app = app.clone();
        let tls = tls.clone();
        let stopped = stopped.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let _ = stream.set_nodelay(true);
            match tls {
                Some(acceptor) => {
                    // The handshake shares the header-read budget: a client that stalls it
                    // holds a slot no longer than one that stalls its headers.
                    let handshake = tls::accept(&acceptor, stream, peer);
                    match tokio::time::timeout(header_timeout, handshake).await {
                        Ok(Some(stream)) => {
                            serve_connection(stream, peer, app, header_timeout, stopped).await
                        }
                        Ok(None) => {}
                        Err(_) => tracing::debug!(%peer, "TLS handshake timed out"),
                    }
                }
                None => serve_connection(stream, peer, app, header_timeout, stopped).await,
            }
        });
    }
    // Wait for open connections (each holds a slot) to finish; the caller bounds the wait.
    let _all = slots.acquire_many(max as u32).await;
}

async fn serve_connection<I>(
    io: I,
    peer: SocketAddr,
    app: axum::Router,
    header_timeout: Duration,
    mut stopped: watch::Receiver<bool>,
) where
    I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let service = app.map_request(move |mut request: axum::http::Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        request
    });
    let service = TowerToHyperService::new(service);
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(header_timeout);
    let connection = builder.serve_connection(TokioIo::new(io), service).with_upgrades();
    tokio::pin!(connection);
    tokio::select! {
        result = connection.as_mut() => {
            if let Err(error) = result {
                tracing::debug!(%peer, %error, "connection ended with an error");
            }
            return;
        }
        _ = stop_signal(&mut stopped) => {}
    }
    // Shutting down: finish the request in flight, take no new one.
    connection.as_mut().graceful_shutdown();
    let _ = connection.await;
}

/// Resolves once the server is told to stop (the watch's guard is not held across awaits).
async fn stop_signal(stopped: &mut watch::Receiver<bool>) {
    let _ = stopped.wait_for(|stop| *stop).await;
}
