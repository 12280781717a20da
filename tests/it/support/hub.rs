//! A real contact hub on a loopback socket with its own SQLite file, restartable in place;
//! and agents who work through the agent API (the desk's own hub client).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use agent_desk::hub_client::HubClient;
use contact_hub::{HubConfig, RunningHub};
use futures_util::StreamExt;
use hub_protocol::{AgentEvent, AgentEventBody, LoginRequest, RequestedState};

use super::eventually;

pub struct TestHub {
    running: Option<RunningHub>,
    config: HubConfig,
    database: PathBuf,
    addr: SocketAddr,
    _dir: tempfile::TempDir,
}

impl TestHub {
    /// The demo configuration, changed by `edit`.
    pub fn config(edit: impl FnOnce(&mut HubConfig)) -> HubConfig {
        let mut config = HubConfig::demo();
        edit(&mut config);
        config
    }

    pub async fn start(config: HubConfig) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("hub.sqlite3");
        let running = RunningHub::start(config.clone(), &database, "127.0.0.1:0".parse().unwrap())
            .await
            .unwrap();
        let addr = running.addr();
        Self { running: Some(running), config, database, addr, _dir: dir }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Takes the hub away (the desk sees the connection drop).
    pub async fn stop(&mut self) {
        if let Some(running) = self.running.take() {
            running.shutdown().await;
        }
    }

    /// Starts it again on the same address and database.
    pub async fn restart(&mut self) {
        self.stop().await;
        let running =
            RunningHub::start(self.config.clone(), &self.database, self.addr).await.unwrap();
        self.running = Some(running);
    }
}

/// An agent working through the agent API, recording every event they receive.
pub struct ApiAgent {
    pub client: HubClient,
    events: Arc<Mutex<Vec<AgentEvent>>>,
    follower: tokio::task::JoinHandle<()>,
}

impl ApiAgent {
    pub async fn sign_in(hub: &TestHub, username: &str) -> Self {
        let client = HubClient::new(&hub.url()).unwrap();
        let login = client
            .login(&LoginRequest { username: username.into(), password: "demo".into() })
            .await
            .unwrap();
        let client = client.with_token(login.token);
        let events = Arc::new(Mutex::new(Vec::new()));
        let stream_client = client.clone();
        let sink = Arc::clone(&events);
        let follower = tokio::spawn(async move {
            let mut stream = Box::pin(stream_client.events(None).await.unwrap());
            while let Some(Ok(event)) = stream.next().await {
                sink.lock().unwrap().push(event);
            }
        });
        Self { client, events, follower }
    }

    pub async fn go_available(&self) {
        self.client.set_state(RequestedState::Available).await.unwrap();
    }

    /// The conversations offered to this agent so far.
    pub fn offered(&self) -> Vec<String> {
        self.events
            .lock()
            .unwrap()
            .iter()
            .filter_map(|event| match &event.body {
                AgentEventBody::Offered { offer } => Some(offer.conversation.id.clone()),
                _ => None,
            })
            .collect()
    }

    pub async fn wait_for_offer(&self) -> String {
        eventually("an offer to the API agent", || async { self.offered().last().cloned() }).await
    }
}

impl Drop for ApiAgent {
    fn drop(&mut self) {
        self.follower.abort();
    }
}
