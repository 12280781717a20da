//! Tauri's build step: reads `tauri.conf.json` and `capabilities/` from the package root,
//! generates the app's context, and declares the app's commands so the capability in
//! `capabilities/main.json` can allow exactly these and nothing else.

/// Every command in `src-tauri/src/commands/` (and in `ui/ipc.js`).
const COMMANDS: &[&str] = &[
    "sign_in_defaults",
    "sign_in",
    "sign_out",
    "session_view",
    "masking_state",
    "set_presence",
    "accept_offer",
    "reject_offer",
    "end_conversation",
    "submit_wrapup",
    "search_customers",
    "create_customer",
    "customer_file",
    "offer_record",
    "chat_log",
    "confirm_record",
    "open_case",
    "save_case",
    "draft_cases",
    "check_draft",
    "send_message",
    "retry_message",
    "conversation_messages",
    "mark_read",
    "transfer_conversation",
    "request_conference",
    "leave_conference",
    "list_transfer_targets",
    "agent_typing",
    "locale_info",
    "set_locale",
    "localize",
    // Queues, readiness and FAQ.
    "my_queues",
    "set_my_queues",
    "faq_answers",
    // Settings and what the desktop shows.
    "preferences",
    "set_preferences",
    "viewing_conversation",
];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build step");
}
