//! A real contact hub on a loopback socket with its own SQLite file, restartable in place;
//! and agents who work through the agent API (the desk's own hub client).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use agent_desk::hub_client::ConversationAction;
use agent_desk::hub_client::HubClient;
use contact_hub::{HubConfig, RunningHub};
use futures_util::StreamExt;
use hub_protocol::{
    AgentEvent, AgentEventBody, ApiError, CustomerRecord, LoginRequest, NewCustomerRequest,
    OfferKind, Queue, RequestedState, Role, SendMessageRequest,
};

use super::eventually;

pub struct TestHub {
    running: Option<RunningHub>,
    config: HubConfig,
    database: PathBuf,
    addr: SocketAddr,
    _dir: tempfile::TempDir,
}

impl TestHub {
    /// The demo configuration, changed by `edit`. Every customer of a test comes from
    /// 127.0.0.1, so the per-address widget limits are raised out of the way (the hub's own
    /// tests try them).
    pub fn config(edit: impl FnOnce(&mut HubConfig)) -> HubConfig {
        let mut config = HubConfig::demo();
        config.limits.widget_starts_per_ip_per_minute = 10_000;
        config.limits.widget_messages_per_ip_per_minute = 10_000;
        config.limits.widget_typing_per_ip_per_minute = 10_000;
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
        let scheme = if self.config.server.tls().is_some() { "https" } else { "http" };
        format!("{scheme}://{}", self.addr)
    }

    /// Every wrap-up the hub recorded for a conversation, `(agent, reason)`, in order.
    pub fn wrapups_of(&self, conversation_id: &str) -> Vec<(String, Option<String>)> {
        let running = self.running.as_ref().expect("the hub is running");
        running.hub().wrapups_of(conversation_id).unwrap()
    }

    /// The chat log the hub wrote for a conversation, as its agent reads it; `None` when it
    /// wrote none.
    pub fn chat_log_of(&self, agent_id: &str, conversation_id: &str) -> Option<hub_protocol::Case> {
        let running = self.running.as_ref().expect("the hub is running");
        match running.hub().chat_log(agent_id, conversation_id) {
            Ok(case) => Some(case),
            Err(error) if error.code() == hub_protocol::ErrorCode::NotFound => None,
            Err(error) => panic!("reading the chat log: {error}"),
        }
    }

    /// An agent's state as the hub has it now.
    pub fn state_of(&self, agent_id: &str) -> hub_protocol::AgentState {
        let running = self.running.as_ref().expect("the hub is running");
        running.hub().agent_state(agent_id).unwrap().state
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
    /// For the calls the desk itself never makes (an admin deleting a queue).
    http: reqwest::Client,
    base: String,
    token: String,
    events: Arc<Mutex<Vec<AgentEvent>>>,
    follower: tokio::task::JoinHandle<()>,
}

impl ApiAgent {
    pub async fn sign_in(hub: &TestHub, username: &str) -> Self {
        let client = HubClient::new(&hub.url()).unwrap();
        let login = client
            .login(&LoginRequest {
                username: username.into(),
                password: "demo".into(),
                device_token: None,
                remember_device: false,
            })
            .await
            .unwrap();
        let token = login.token.clone();
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
        Self { client, http: reqwest::Client::new(), base: hub.url(), token, events, follower }
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

    /// Why this conversation was offered to this agent, each time it was.
    pub fn offers_of(&self, conversation_id: &str) -> Vec<OfferKind> {
        self.events
            .lock()
            .unwrap()
            .iter()
            .filter_map(|event| match &event.body {
                AgentEventBody::Offered { offer } if offer.conversation.id == conversation_id => {
                    Some(offer.kind.clone())
                }
                _ => None,
            })
            .collect()
    }

    /// Waits for the `nth` (from 1) offer of this conversation; returns why it is offered.
    pub async fn wait_for_offer_of(&self, conversation_id: &str, nth: usize) -> OfferKind {
        eventually(&format!("offer #{nth} of {conversation_id} to the API agent"), || async {
            self.offers_of(conversation_id).get(nth - 1).cloned()
        })
        .await
    }

    /// Whether the hub took back its offer of this conversation.
    pub fn offer_withdrawn(&self, conversation_id: &str) -> bool {
        self.events.lock().unwrap().iter().any(|event| {
            matches!(&event.body, AgentEventBody::OfferWithdrawn { conversation_id: id, .. }
                if id == conversation_id)
        })
    }

    pub async fn accept(&self, conversation_id: &str) {
        self.client.act(conversation_id, ConversationAction::Accept).await.unwrap();
    }

    /// Turns the offer down (the hub allows it in the demo configuration).
    pub async fn reject(&self, conversation_id: &str) {
        self.client.act(conversation_id, ConversationAction::Reject).await.unwrap();
    }

    fn roles_assigned(&self, conversation_id: &str) -> Vec<Role> {
        self.events
            .lock()
            .unwrap()
            .iter()
            .filter_map(|event| match &event.body {
                AgentEventBody::Assigned { assignment }
                    if assignment.conversation.id == conversation_id =>
                {
                    Some(assignment.role)
                }
                _ => None,
            })
            .collect()
    }

    /// Accepts, then waits for the (new) assignment; returns this agent's role in it.
    pub async fn accept_and_wait(&self, conversation_id: &str) -> Role {
        let before = self.roles_assigned(conversation_id).len();
        self.accept(conversation_id).await;
        eventually(&format!("{conversation_id} to be assigned to the API agent"), || async {
            self.roles_assigned(conversation_id).get(before).copied()
        })
        .await
    }

    pub async fn say(&self, conversation_id: &str, text: &str) {
        let request =
            SendMessageRequest { client_id: uuid::Uuid::new_v4().to_string(), text: text.into() };
        self.client.send_message(conversation_id, &request).await.unwrap();
    }

    pub async fn leave_conference(&self, conversation_id: &str) {
        self.client.leave_conference(conversation_id).await.unwrap();
    }

    /// Waits until the hub closed the conversation for this agent `times` times in all.
    pub async fn wait_for_closed(&self, conversation_id: &str, times: usize) {
        eventually(&format!("{conversation_id} to be closed for the API agent"), || async {
            let closed = self
                .events
                .lock()
                .unwrap()
                .iter()
                .filter(|event| {
                    matches!(&event.body, AgentEventBody::Closed { conversation_id: id }
                        if id == conversation_id)
                })
                .count();
            (closed >= times).then_some(())
        })
        .await;
    }

    pub async fn queue(&self, queue_id: &str) -> Queue {
        let queues = self.client.queues().await.unwrap();
        queues.into_iter().find(|queue| queue.id == queue_id).expect("the queue exists")
    }

    /// A customer record, as a colleague saves one (no conversation attached).
    pub async fn create_customer(
        &self,
        name: &str,
        email: Option<&str>,
        phone: Option<&str>,
        account: Option<&str>,
        notes: &str,
    ) -> CustomerRecord {
        let request = NewCustomerRequest {
            conversation_id: None,
            name: name.into(),
            email: email.map(str::to_owned),
            phone: phone.map(str::to_owned),
            account: account.map(str::to_owned),
            notes: notes.into(),
        };
        self.client.create_customer(&request).await.unwrap()
    }

    /// `DELETE /v1/queues/{id}`: admins only.
    pub async fn delete_queue(&self, queue_id: &str) -> Result<(), ApiError> {
        self.delete(&format!("/v1/queues/{queue_id}")).await
    }

    /// `DELETE /v1/channels/{channel}/assets/{id}`: admins only. `channel` is `whatsapp`
    /// (a `phone_number_id`), `messenger` (a page id) or `livechat` (an entry point's queue).
    pub async fn retire_asset(&self, channel: &str, asset_id: &str) -> Result<(), ApiError> {
        self.delete(&format!("/v1/channels/{channel}/assets/{asset_id}")).await
    }

    async fn delete(&self, path: &str) -> Result<(), ApiError> {
        let response =
            self.http.delete(format!("{}{path}", self.base)).bearer_auth(&self.token).send().await;
        let response = response.unwrap();
        if response.status().is_success() {
            Ok(())
        } else {
            Err(response.json().await.unwrap())
        }
    }

    /// Waits until a message with this text reached this agent in the conversation (on
    /// the stream, or in the thread of an assignment).
    pub async fn wait_for_text(&self, conversation_id: &str, text: &str) {
        eventually(&format!("{text:?} to reach the API agent"), || async {
            let events = self.events.lock().unwrap();
            events
                .iter()
                .any(|event| match &event.body {
                    AgentEventBody::MessageAdded { message } => {
                        message.conversation_id == conversation_id && message.text == text
                    }
                    AgentEventBody::Assigned { assignment } => {
                        assignment.conversation.id == conversation_id
                            && assignment.messages.iter().any(|m| m.text == text)
                    }
                    _ => false,
                })
                .then_some(())
        })
        .await
    }
}

impl Drop for ApiAgent {
    fn drop(&mut self) {
        self.follower.abort();
    }
}
