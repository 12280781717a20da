use desk_core::compose::DraftCheck;
use desk_core::view::{HandoffTargetsView, MessageView, TaskView};
use hub_protocol::HandoffTarget;
use tauri::{AppHandle, Runtime, State};

use crate::error::DeskResult;
use crate::hub_client::ConversationAction;
use crate::shell::Shell;

#[tauri::command]
pub async fn accept_offer(shell: State<'_, Shell>, conversation_id: String) -> DeskResult<()> {
    shell.act(&conversation_id, ConversationAction::Accept).await
}

#[tauri::command]
pub async fn reject_offer(shell: State<'_, Shell>, conversation_id: String) -> DeskResult<()> {
    shell.act(&conversation_id, ConversationAction::Reject).await
}

#[tauri::command]
pub async fn end_conversation(shell: State<'_, Shell>, conversation_id: String) -> DeskResult<()> {
    shell.act(&conversation_id, ConversationAction::End).await
}

#[tauri::command]
pub async fn submit_wrapup(
    shell: State<'_, Shell>,
    conversation_id: String,
    reason_id: Option<String>,
) -> DeskResult<()> {
    shell.submit_wrapup(&conversation_id, reason_id.as_deref()).await
}

#[tauri::command]
pub async fn check_draft(
    shell: State<'_, Shell>,
    conversation_id: String,
    text: String,
) -> DeskResult<DraftCheck> {
    shell.check_draft(&conversation_id, &text).await
}

#[tauri::command]
pub async fn send_message<R: Runtime>(
    app: AppHandle<R>,
    shell: State<'_, Shell>,
    conversation_id: String,
    text: String,
    client_id: String,
    payment_data_confirmed: bool,
) -> DeskResult<MessageView> {
    shell.send_message(&app, &conversation_id, &text, &client_id, payment_data_confirmed).await
}

#[tauri::command]
pub async fn retry_message(
    shell: State<'_, Shell>,
    conversation_id: String,
    message_id: String,
) -> DeskResult<()> {
    shell.retry_message(&conversation_id, &message_id).await
}

#[tauri::command]
pub async fn conversation_messages(
    shell: State<'_, Shell>,
    conversation_id: String,
) -> DeskResult<Vec<MessageView>> {
    shell.messages(&conversation_id).await
}

#[tauri::command]
pub async fn mark_read(
    shell: State<'_, Shell>,
    conversation_id: String,
) -> DeskResult<Option<TaskView>> {
    shell.mark_read(&conversation_id).await
}

#[tauri::command]
pub async fn transfer_conversation(
    shell: State<'_, Shell>,
    conversation_id: String,
    target: HandoffTarget,
) -> DeskResult<()> {
    shell.transfer(&conversation_id, target).await
}

#[tauri::command]
pub async fn request_conference(
    shell: State<'_, Shell>,
    conversation_id: String,
    target: HandoffTarget,
) -> DeskResult<()> {
    shell.request_conference(&conversation_id, target).await
}

#[tauri::command]
pub async fn leave_conference(shell: State<'_, Shell>, conversation_id: String) -> DeskResult<()> {
    shell.leave_conference(&conversation_id).await
}

#[tauri::command]
pub async fn list_transfer_targets(
    shell: State<'_, Shell>,
    conversation_id: String,
) -> DeskResult<HandoffTargetsView> {
    shell.handoff_targets(&conversation_id).await
}

#[tauri::command]
pub async fn agent_typing(shell: State<'_, Shell>, conversation_id: String) -> DeskResult<()> {
    shell.agent_typing(&conversation_id).await
}
