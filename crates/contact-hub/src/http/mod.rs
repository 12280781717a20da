//! The hub's HTTP surface (axum): the agent API, the customer's Livechat page and API, the
//! WhatsApp and Messenger webhooks, health and the OpenAPI document. Handlers are thin: read the request, call one
//! operation of the [`Hub`], map the result; errors leave through [`error::HttpError`].

pub mod agent;
pub mod error;
pub mod extract;
pub mod openapi;
pub mod records;
mod sse;
pub mod webhooks;
pub mod widget;

use axum::extract::DefaultBodyLimit;
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use hub_protocol::Health;

use crate::hub::Hub;

/// The whole HTTP surface, ready to serve or to drive in tests with `tower::ServiceExt`.
pub fn router(hub: Hub) -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/openapi.json", get(openapi::openapi_json))
        .route("/v1/sessions", post(agent::login))
        .route("/v1/sessions/current", delete(agent::logout))
        .route("/v1/events", get(agent::events))
        .route("/v1/agents/me/state", put(agent::set_state))
        .route("/v1/agents/me/queues", get(agent::my_queues).put(agent::set_my_queues))
        .route("/v1/faq", get(agent::faq))
        .route("/v1/customers", get(records::search_customers).post(records::create_customer))
        .route("/v1/customers/{id}", get(records::customer_file))
        .route("/v1/cases/drafts", get(records::draft_cases))
        .route("/v1/cases/{id}", get(records::case).put(records::update_case))
        .route("/v1/conversations/{id}/chat-log", get(records::chat_log))
        .route("/v1/agents", get(agent::agents))
        .route("/v1/queues", get(agent::queues))
        .route("/v1/queues/{id}", delete(agent::delete_queue))
        .route("/v1/wrapup-reasons", get(agent::wrapup_reasons))
        .route("/v1/idle-codes", get(agent::idle_codes))
        .route("/v1/conversations/{id}/accept", post(agent::accept))
        .route("/v1/conversations/{id}/reject", post(agent::reject))
        .route("/v1/conversations/{id}/messages", post(agent::send_message))
        .route("/v1/conversations/{id}/messages/{message_id}/retry", post(agent::retry_message))
        .route("/v1/conversations/{id}/end", post(agent::end))
        .route("/v1/conversations/{id}/wrapup", post(agent::wrapup))
        .route("/v1/conversations/{id}/transfer", post(agent::transfer))
        .route(
            "/v1/conversations/{id}/conference",
            post(agent::request_conference).delete(agent::leave_conference),
        )
        .route("/v1/conversations/{id}/typing", post(agent::typing))
        .route("/chat", get(widget::page))
        .route("/chat/widget.js", get(widget::script))
        .route("/chat/widget.css", get(widget::style))
        .route("/widget/v1/conversations", post(widget::start))
        .route("/widget/v1/conversations/{id}/messages", post(widget::send_message))
        .route("/widget/v1/conversations/{id}/end", post(widget::end))
        .route("/widget/v1/conversations/{id}/typing", post(widget::typing))
        .route("/widget/v1/conversations/{id}/events", get(widget::events))
        .route(
            "/webhooks/whatsapp",
            get(webhooks::whatsapp_handshake)
                .post(webhooks::whatsapp_events)
                .layer(DefaultBodyLimit::max(webhooks::MAX_WEBHOOK_BYTES)),
        )
        .route(
            "/webhooks/messenger",
            get(webhooks::messenger_handshake)
                .post(webhooks::messenger_events)
                .layer(DefaultBodyLimit::max(webhooks::MAX_WEBHOOK_BYTES)),
        )
        .fallback(error::no_such_path)
        .method_not_allowed_fallback(error::no_such_method)
        .with_state(hub)
}

/// Whether the hub is up, and which version.
#[utoipa::path(
    get, path = "/health", tag = "hub",
    responses((status = 200, description = "The hub is up", body = Health))
)]
pub async fn health() -> Json<Health> {
    Json(Health { status: "ok".to_owned(), version: env!("CARGO_PKG_VERSION").to_owned() })
}
