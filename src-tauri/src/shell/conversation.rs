//! A conversation's flows: accept, reject, end, wrap-up, transfer and conference, the compose
//! box's check, sending, and what the agent has read.

use desk_core::compose::{self, DraftCheck};
use desk_core::view::{HandoffTargetsView, MessageView, TaskView};
use hub_protocol::HandoffTarget;
use tauri::{AppHandle, Runtime};

use super::{not_found, Shell};
use crate::error::{DeskError, DeskResult};
use crate::hub_client::ConversationAction;
use crate::session;

impl Shell {
    pub async fn act(&self, conversation_id: &str, action: ConversationAction) -> DeskResult<()> {
        self.client().await?.act(conversation_id, action).await
    }

    /// `reason_id` may be `None` where the queue does not require a disposition.
    pub async fn submit_wrapup(
        &self,
        conversation_id: &str,
        reason_id: Option<&str>,
    ) -> DeskResult<()> {
        self.typing.lock().expect("typing lock").forget(conversation_id);
        self.client().await?.wrapup(conversation_id, reason_id).await
    }

    pub async fn transfer(&self, conversation_id: &str, target: HandoffTarget) -> DeskResult<()> {
        self.client().await?.transfer(conversation_id, target).await
    }

    pub async fn request_conference(
        &self,
        conversation_id: &str,
        target: HandoffTarget,
    ) -> DeskResult<()> {
        self.client().await?.request_conference(conversation_id, target).await
    }

    pub async fn leave_conference(&self, conversation_id: &str) -> DeskResult<()> {
        self.client().await?.leave_conference(conversation_id).await
    }

    /// The queues and colleagues a conversation can go to, fresh from the hub (the dialogs
    /// show live availability, and their Refresh calls this again).
    pub async fn handoff_targets(&self, conversation_id: &str) -> DeskResult<HandoffTargetsView> {
        let desk = self.desk().await?;
        let (me, channel) = {
            let desk = desk.lock().await;
            let channel = desk
                .channel_of(conversation_id)
                .ok_or_else(|| DeskError::Hub(not_found(conversation_id)))?;
            (desk.me().id.clone(), channel)
        };
        let client = self.client().await?;
        let (queues, agents) = tokio::try_join!(client.queues(), client.agents())?;
        Ok(desk_core::handoff::targets(&me, channel, queues, agents))
    }

    /// The agent typed in the compose box. At most one signal per conversation every few
    /// seconds reaches the hub, sent in the background: typing must never wait on the
    /// network, and a lost signal only means the customer sees "typing…" a little later.
    pub async fn agent_typing(&self, conversation_id: &str) -> DeskResult<()> {
        let client = self.client().await?;
        if !self.typing.lock().expect("typing lock").should_send(conversation_id, session::now()) {
            return Ok(());
        }
        let conversation_id = conversation_id.to_owned();
        tauri::async_runtime::spawn(async move {
            if let Err(error) = client.typing(&conversation_id).await {
                tracing::debug!(%error, "typing signal not delivered");
            }
        });
        Ok(())
    }

    /// The compose box's count and problem for a draft of this conversation, by desk-core's
    /// rules (the webview never restates them).
    pub async fn check_draft(&self, conversation_id: &str, text: &str) -> DeskResult<DraftCheck> {
        let desk = self.desk().await?;
        let max_chars = desk
            .lock()
            .await
            .max_message_chars_of(conversation_id)
            .ok_or_else(|| DeskError::Hub(not_found(conversation_id)))?;
        Ok(compose::inspect(text, max_chars))
    }

    /// Checks the draft against the conversation's rules (and asks for confirmation before a card
    /// number or IBAN goes to a customer), then sends it under the agent's client id (a retry
    /// with the same id never duplicates the message). When the hub cannot be reached the
    /// message waits in the session's outbox and goes out by itself when the link is back:
    /// the answer is then its waiting bubble.
    pub async fn send_message<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        conversation_id: &str,
        text: &str,
        client_id: &str,
        payment_data_confirmed: bool,
    ) -> DeskResult<MessageView> {
        let desk = self.desk().await?;
        let max_chars = desk
            .lock()
            .await
            .max_message_chars_of(conversation_id)
            .ok_or_else(|| DeskError::Hub(not_found(conversation_id)))?;
        compose::check(text, max_chars)?;
        if !payment_data_confirmed && compose::holds_payment_data(&self.draft_check, text) {
            return Err(DeskError::PaymentDataUnconfirmed);
        }
        self.outgoing().await?.send(app, conversation_id, client_id, text.trim()).await
    }

    /// Sends a failed WhatsApp or Messenger reply again. The hub sets it back to sending and
    /// says so on the stream, like every later receipt.
    pub async fn retry_message(&self, conversation_id: &str, message_id: &str) -> DeskResult<()> {
        self.client().await?.retry_message(conversation_id, message_id).await.map(drop)
    }

    /// The conversation's thread, with the agent's messages still waiting for the hub last.
    pub async fn messages(&self, conversation_id: &str) -> DeskResult<Vec<MessageView>> {
        let messages = self.outgoing().await?.thread(conversation_id).await;
        messages.ok_or_else(|| DeskError::Hub(not_found(conversation_id)))
    }

    pub async fn mark_read(&self, conversation_id: &str) -> DeskResult<Option<TaskView>> {
        let desk = self.desk().await?;
        let task = desk.lock().await.mark_read(conversation_id);
        if let Some(task) = &task {
            self.tray.task_read(task);
        }
        Ok(task)
    }
}
