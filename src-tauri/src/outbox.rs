//! Sending the agent's messages, and keeping the ones the hub could not take yet.
//!
//! Every message goes through the session's outbox ([`desk_core::outbox`], which holds the
//! rules: order per conversation, one sender at a time, a client id per message). The
//! compose box's send tries at once when the link is up and nothing of that conversation is
//! ahead of it; when the hub cannot be reached the message stays, shown in the thread as
//! waiting, and the compose box is free again. A background sender sends what waits as soon
//! as the event stream is back (the follower wakes it), and every few seconds while anything
//! waits, in case a request failed while the stream stayed up.
//!
//! A waiting message leaves the outbox when the hub confirms it: the answer to the send, or
//! its copy on the event stream, whichever comes first. Both carry its client id, and the
//! thread replaces the waiting bubble with the hub's message. The outbox lives in the
//! session, so switching conversations or reloading the webview loses nothing.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use desk_core::desk::Desk;
use desk_core::outbox::{Claim, Outbox};
use desk_core::view::{DeskChange, MessageView};
use hub_protocol::{AgentEvent, AgentEventBody, SendMessageRequest};
use tauri::{AppHandle, Runtime};
use tokio::sync::{Mutex, Notify};

use crate::error::{DeskError, DeskResult};
use crate::events;
use crate::hub_client::HubClient;
use crate::session::now;

/// How often the sender tries again while messages wait and the stream says nothing.
const RETRY_EVERY: Duration = Duration::from_secs(5);

/// A session's outgoing messages.
pub struct Outgoing {
    client: HubClient,
    desk: Arc<Mutex<Desk>>,
    /// Never held across an await.
    outbox: std::sync::Mutex<Outbox>,
    /// Whether the event stream is connected: while it is not, a send waits in the outbox
    /// at once instead of spending the agent's time on attempts bound to fail.
    online: AtomicBool,
    wake: Notify,
}

impl Outgoing {
    pub fn new(client: HubClient, desk: Arc<Mutex<Desk>>) -> Self {
        Self {
            client,
            desk,
            outbox: std::sync::Mutex::new(Outbox::default()),
            online: AtomicBool::new(true),
            wake: Notify::new(),
        }
    }

    /// Sends a checked message, or keeps it for later. Returns the hub's message when it was
    /// sent, else the waiting bubble. An error means the hub refused it: nothing is kept and
    /// the compose box says why (the draft is still there).
    pub async fn send<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        conversation_id: &str,
        client_id: &str,
        text: &str,
    ) -> DeskResult<MessageView> {
        let claim = {
            let mut outbox = self.outbox();
            outbox.push(conversation_id, client_id, text, now());
            let online = self.online.load(Ordering::SeqCst);
            match outbox.claim(conversation_id) {
                Some(claim) if online && claim.client_id == client_id => Some(claim),
                // Offline, or others of this conversation go first: the sender sends them
                // all in order.
                Some(other) => {
                    outbox.release(&other.client_id);
                    None
                }
                None => None,
            }
        };
        let Some(claim) = claim else {
            self.wake.notify_one();
            return self.pending_view(conversation_id, client_id).await;
        };
        match self.deliver(app, &claim).await {
            Ok(message) => {
                if self.outbox().has_waiting() {
                    self.wake.notify_one();
                }
                Ok(message)
            }
            Err(DeskError::Unreachable(error)) => {
                tracing::info!(%error, "the hub cannot be reached: the message waits");
                self.outbox().release(client_id);
                self.pending_view(conversation_id, client_id).await
            }
            Err(error) => {
                self.outbox().confirm(client_id);
                Err(error)
            }
        }
    }

    /// The conversation's thread: the hub's messages, then the ones still on their way (read
    /// under the desk's lock, so a message confirmed meanwhile is in one list or the other).
    pub async fn thread(&self, conversation_id: &str) -> Option<Vec<MessageView>> {
        let desk = self.desk.lock().await;
        let mut messages = desk.messages(conversation_id)?;
        let outbox = self.outbox();
        messages.extend(
            outbox
                .of(conversation_id)
                .map(|pending| pending.view(&desk.me().display_name, desk.redactor())),
        );
        Some(messages)
    }

    /// The event stream is connected again (`true`) or lost (`false`).
    pub fn link(&self, up: bool) {
        self.online.store(up, Ordering::SeqCst);
        if up {
            self.wake.notify_one();
        }
    }

    /// The desk took in the hub's copy of a message sent with this client id (call it under
    /// the desk's lock): it is confirmed.
    pub fn on_stream(&self, client_id: &str) {
        self.outbox().confirm(client_id);
    }

    /// What the desk changed: a conversation that left takes its messages along.
    pub fn desk_changed(&self, change: &DeskChange) {
        if let DeskChange::TaskRemoved { conversation_id } = change {
            self.outbox().forget_conversation(conversation_id);
        }
    }

    /// The background sender, for the session's life.
    pub async fn run<R: Runtime>(self: Arc<Self>, app: AppHandle<R>) {
        loop {
            if self.outbox().has_waiting() {
                let _ = tokio::time::timeout(RETRY_EVERY, self.wake.notified()).await;
            } else {
                self.wake.notified().await;
            }
            self.flush(&app).await;
        }
    }

    /// Sends what waits, each conversation in its order, until the hub cannot be reached.
    async fn flush<R: Runtime>(&self, app: &AppHandle<R>) {
        let ready = self.outbox().ready();
        for conversation_id in ready {
            loop {
                let claim = self.outbox().claim(&conversation_id);
                let Some(claim) = claim else { break };
                match self.deliver(app, &claim).await {
                    Ok(_) => {}
                    Err(DeskError::Unreachable(error)) => {
                        tracing::info!(%error, "the hub cannot be reached yet");
                        self.outbox().release(&claim.client_id);
                        return;
                    }
                    Err(error) => {
                        tracing::info!(%error, "the hub refused a waiting message");
                        self.outbox().refuse(&claim.client_id, error.code());
                        let view = self.pending_view(&conversation_id, &claim.client_id).await;
                        if let Ok(view) = view {
                            events::desk_change(app, &DeskChange::Message(view));
                        }
                    }
                }
            }
        }
    }

    /// Sends a claimed message (the hub client retries a failure in transit with the same
    /// client id); the hub's answer confirms it, and the desk shows it from here (the
    /// stream's copy, same id, then changes nothing).
    async fn deliver<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        claim: &Claim,
    ) -> DeskResult<MessageView> {
        let request =
            SendMessageRequest { client_id: claim.client_id.clone(), text: claim.text.clone() };
        let sent = self.client.send_message(&claim.conversation_id, &request).await?;
        let message_id = sent.id.clone();
        let event = AgentEvent {
            id: 0,
            at: sent.sent_at,
            body: AgentEventBody::MessageAdded { message: sent },
        };
        let mut desk = self.desk.lock().await;
        self.outbox().confirm(&claim.client_id);
        // So the task row hears of it from here too (its waiting time ends with this reply),
        // whichever copy came first.
        for change in desk.ingest(event, now()) {
            events::desk_change(app, &change);
        }
        desk.messages(&claim.conversation_id)
            .and_then(|messages| messages.into_iter().find(|message| message.id == message_id))
            .ok_or_else(|| DeskError::Protocol("sent message missing".into()))
    }

    /// The message's bubble as it stands: waiting (or not sent), or the hub's message when
    /// its copy on the stream confirmed it meanwhile.
    async fn pending_view(
        &self,
        conversation_id: &str,
        client_id: &str,
    ) -> DeskResult<MessageView> {
        let desk = self.desk.lock().await;
        if let Some(pending) = self.outbox().find(client_id) {
            return Ok(pending.view(&desk.me().display_name, desk.redactor()));
        }
        desk.messages(conversation_id)
            .and_then(|messages| {
                messages.into_iter().find(|message| message.client_id.as_deref() == Some(client_id))
            })
            .ok_or_else(|| DeskError::Protocol("waiting message missing".into()))
    }

    fn outbox(&self) -> std::sync::MutexGuard<'_, Outbox> {
        self.outbox.lock().expect("outbox lock")
    }
}
