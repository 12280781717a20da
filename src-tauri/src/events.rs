//! The only place that emits events to the webview. Names are `domain://event`, payloads
//! camelCase; `ui/ipc.js` is the only file that listens to them.

use desk_core::view::DeskChange;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime};

use crate::error::DeskError;

pub const DESK_RESET: &str = "desk://reset";
pub const PRESENCE_CHANGED: &str = "presence://changed";
pub const TASK_OFFERED: &str = "task://offered";
pub const TASK_WITHDRAWN: &str = "task://withdrawn";
pub const TASK_UPDATED: &str = "task://updated";
pub const TASK_REMOVED: &str = "task://removed";
pub const TASK_FOCUS: &str = "task://focus";
pub const TASK_ACCEPTING: &str = "task://accepting";
pub const TASK_ACCEPT_FAILED: &str = "task://accept-failed";
pub const TASK_TRANSFER_NOT_ACCEPTED: &str = "task://transfer-not-accepted";
pub const HISTORY_ADDED: &str = "history://added";
pub const CHAT_MESSAGE: &str = "chat://message";
pub const CHAT_CUSTOMER_TYPING: &str = "chat://customer-typing";
pub const HUB_CONNECTION: &str = "hub://connection";
pub const SESSION_ENDED: &str = "session://ended";

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Connection {
    Connected,
    Reconnecting,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ConversationRef<'a, T: Serialize> {
    conversation_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<T>,
}

/// One desk change, as one event.
pub fn desk_change<R: Runtime>(app: &AppHandle<R>, change: &DeskChange) {
    let sent = match change {
        DeskChange::Reset(view) => app.emit(DESK_RESET, view),
        DeskChange::Presence(presence) => app.emit(PRESENCE_CHANGED, presence),
        DeskChange::Offered(offer) => app.emit(TASK_OFFERED, offer),
        DeskChange::OfferWithdrawn { conversation_id, reason } => {
            app.emit(TASK_WITHDRAWN, ConversationRef { conversation_id, reason: Some(reason) })
        }
        DeskChange::Task(task) => app.emit(TASK_UPDATED, task),
        DeskChange::TaskRemoved { conversation_id } => {
            app.emit(TASK_REMOVED, ConversationRef::<()> { conversation_id, reason: None })
        }
        DeskChange::Message(message) => app.emit(CHAT_MESSAGE, message),
        DeskChange::History(entry) => app.emit(HISTORY_ADDED, entry),
        DeskChange::CustomerTyping { conversation_id } => {
            app.emit(CHAT_CUSTOMER_TYPING, ConversationRef::<()> { conversation_id, reason: None })
        }
        DeskChange::TransferNotAccepted(notice) => app.emit(TASK_TRANSFER_NOT_ACCEPTED, notice),
    };
    log_failure(sent);
}

pub fn connection<R: Runtime>(app: &AppHandle<R>, status: Connection) {
    log_failure(app.emit(HUB_CONNECTION, status));
}

/// The agent clicked a notification: show that request.
pub fn focus_task<R: Runtime>(app: &AppHandle<R>, conversation_id: &str) {
    log_failure(app.emit(TASK_FOCUS, ConversationRef::<()> { conversation_id, reason: None }));
}

/// The agent accepted a request from its notification: the desk asks the hub now, and the
/// webview opens the chat once the hub assigns it (as after its own Accept).
pub fn accepting<R: Runtime>(app: &AppHandle<R>, conversation_id: &str) {
    log_failure(app.emit(TASK_ACCEPTING, ConversationRef::<()> { conversation_id, reason: None }));
}

/// The hub refused an Accept from the notification: the webview says why.
pub fn accept_failed<R: Runtime>(app: &AppHandle<R>, conversation_id: &str, error: &DeskError) {
    log_failure(app.emit(TASK_ACCEPT_FAILED, AcceptFailed { conversation_id, error }));
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct AcceptFailed<'a> {
    conversation_id: &'a str,
    error: &'a DeskError,
}

/// The hub ended the session (token refused): back to sign-in.
pub fn session_ended<R: Runtime>(app: &AppHandle<R>) {
    log_failure(app.emit(SESSION_ENDED, ()));
}

fn log_failure(result: tauri::Result<()>) {
    if let Err(error) = result {
        tracing::warn!(%error, "event not delivered to the webview");
    }
}
