//! The hub built into the app: the same `contact-hub` library a team runs standalone, on
//! loopback with an SQLite file in the app's data directory, so one command gives a
//! working desk.
//!
//! `AGENT_DESK_HUB_CONFIG` points it at another configuration than the demo one;
//! `AGENT_DESK_EMBEDDED_LISTEN` sets its address (default `127.0.0.1:4780`, a free port if
//! that one is taken).

use std::net::SocketAddr;
use std::path::Path;

use contact_hub::{HubConfig, RunningHub};

use crate::error::{DeskError, DeskResult};

const DEFAULT_LISTEN: &str = "127.0.0.1:4780";

pub async fn start(data_dir: &Path) -> DeskResult<RunningHub> {
    let mut config = match std::env::var_os("AGENT_DESK_HUB_CONFIG") {
        Some(path) => HubConfig::load(Path::new(&path))
            .map_err(|error| DeskError::EmbeddedHub(error.to_string()))?,
        None => HubConfig::demo(),
    };
    // Only this computer's own names: a web page that rebinds its name to 127.0.0.1 (DNS
    // rebinding) reaches nothing.
    if config.server.allowed_hosts.is_empty() {
        config.server.allowed_hosts =
            ["127.0.0.1", "localhost", "[::1]"].map(str::to_owned).to_vec();
    }
    let listen: SocketAddr = std::env::var("AGENT_DESK_EMBEDDED_LISTEN")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or_else(|| DEFAULT_LISTEN.parse().expect("valid default address"));
    std::fs::create_dir_all(data_dir).map_err(|error| DeskError::EmbeddedHub(error.to_string()))?;
    let database = data_dir.join("hub.sqlite3");
    match RunningHub::start(config.clone(), &database, listen).await {
        Ok(hub) => Ok(hub),
        Err(error) => {
            tracing::info!(%listen, %error, "embedded hub address taken; using a free port");
            let any_port = SocketAddr::new(listen.ip(), 0);
            RunningHub::start(config, &database, any_port)
                .await
                .map_err(|error| DeskError::EmbeddedHub(error.to_string()))
        }
    }
}
