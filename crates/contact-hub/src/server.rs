//! The hub as a running server: what the `contact-hub` binary runs and what Agent Desk
//! embeds (on loopback, with an SQLite file next to the app's data).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::config::HubConfig;
use crate::error::HubError;
use crate::http::router;
use crate::hub::Hub;

/// How long shutdown waits for open requests to finish before dropping them.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);

/// A hub serving HTTP in the background on the current tokio runtime.
pub struct RunningHub {
    hub: Hub,
    addr: SocketAddr,
    stop: oneshot::Sender<()>,
    server: JoinHandle<std::io::Result<()>>,
}

impl std::fmt::Debug for RunningHub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunningHub").field("addr", &self.addr).finish_non_exhaustive()
    }
}

impl RunningHub {
    /// Binds `listen` (port 0 picks a free port), opens `database` (created if missing) and
    /// serves until [`RunningHub::shutdown`].
    pub async fn start(
        config: HubConfig,
        database: &Path,
        listen: SocketAddr,
    ) -> Result<RunningHub, HubError> {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|source| HubError::Bind { addr: listen, source })?;
        let addr = listener.local_addr()?;
        let hub = Hub::open(config, database)?;
        let app = router(hub.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            // With connect info, so a Livechat start knows the customer's address.
            axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
                .with_graceful_shutdown(async move {
                    let _ = stopped.await;
                })
                .await
        });
        tracing::info!(%addr, "contact hub listening");
        Ok(RunningHub { hub, addr, stop, server })
    }

    /// The address it listens on (with the real port when started on port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` (loopback when listening on all interfaces).
    pub fn base_url(&self) -> String {
        let mut addr = self.addr;
        if addr.ip().is_unspecified() {
            addr.set_ip(IpAddr::V4(Ipv4Addr::LOCALHOST));
        }
        format!("http://{addr}")
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
        let _ = stop.send(());
        match tokio::time::timeout(DRAIN_TIMEOUT, &mut server).await {
            Ok(Ok(Ok(()))) => {}
            Ok(Ok(Err(error))) => tracing::warn!(%error, "the server stopped with an error"),
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
