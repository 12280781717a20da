//! Customer records and chat logs: the context panel, the chat log dialog and the drafts.

use desk_core::records::{CaseSummaryView, CaseView, CustomerFileView, RecordView};
use hub_protocol::{CaseUpdate, NewCustomerRequest};
use tauri::State;

use crate::error::DeskResult;
use crate::shell::Shell;

#[tauri::command]
pub async fn search_customers(
    shell: State<'_, Shell>,
    query: String,
) -> DeskResult<Vec<RecordView>> {
    shell.search_customers(&query).await
}

#[tauri::command]
pub async fn create_customer(
    shell: State<'_, Shell>,
    request: NewCustomerRequest,
) -> DeskResult<RecordView> {
    shell.create_customer(request).await
}

#[tauri::command]
pub async fn customer_file(
    shell: State<'_, Shell>,
    customer_id: String,
) -> DeskResult<CustomerFileView> {
    shell.customer_file(&customer_id).await
}

/// The contact request's record preview, before Accept.
#[tauri::command]
pub async fn offer_record(
    shell: State<'_, Shell>,
    conversation_id: String,
) -> DeskResult<CustomerFileView> {
    shell.offer_record(&conversation_id).await
}

#[tauri::command]
pub async fn chat_log(shell: State<'_, Shell>, conversation_id: String) -> DeskResult<CaseView> {
    shell.chat_log(&conversation_id).await
}

#[tauri::command]
pub async fn confirm_record(shell: State<'_, Shell>, conversation_id: String) -> DeskResult<()> {
    shell.confirm_record(&conversation_id).await
}

#[tauri::command]
pub async fn open_case(shell: State<'_, Shell>, case_id: String) -> DeskResult<CaseView> {
    shell.case(&case_id).await
}

#[tauri::command]
pub async fn save_case(
    shell: State<'_, Shell>,
    case_id: String,
    update: CaseUpdate,
) -> DeskResult<CaseView> {
    shell.save_case(&case_id, update).await
}

#[tauri::command]
pub async fn draft_cases(shell: State<'_, Shell>) -> DeskResult<Vec<CaseSummaryView>> {
    shell.draft_cases().await
}
