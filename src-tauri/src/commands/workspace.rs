//! "My assigned queues" and the FAQ.

use desk_core::faq::FaqResultView;
use hub_protocol::AssignedQueues;
use tauri::State;

use crate::error::DeskResult;
use crate::shell::Shell;

#[tauri::command]
pub async fn my_queues(shell: State<'_, Shell>) -> DeskResult<AssignedQueues> {
    shell.my_queues().await
}

#[tauri::command]
pub async fn set_my_queues(
    shell: State<'_, Shell>,
    enabled: Vec<String>,
) -> DeskResult<AssignedQueues> {
    shell.set_my_queues(enabled).await
}

#[tauri::command]
pub async fn faq_answers(
    shell: State<'_, Shell>,
    conversation_id: String,
    query: String,
) -> DeskResult<Vec<FaqResultView>> {
    shell.faq_answers(&conversation_id, &query).await
}
