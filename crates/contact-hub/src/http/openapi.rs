//! The OpenAPI document (`GET /openapi.json`), generated from the handlers' annotations and
//! the schemas of `hub-protocol`, so the description cannot drift from the code.

use axum::Json;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{agent, records, webhooks, widget};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Contact hub",
        description = "Receives customer conversations, keeps them, and routes each one to an \
                       agent. Errors are always `ApiError` ({code, message}); clients map `code`."
    ),
    paths(
        super::health,
        openapi_json,
        agent::login,
        agent::logout,
        agent::events,
        agent::set_state,
        agent::my_queues,
        agent::set_my_queues,
        agent::faq,
        agent::agents,
        agent::queues,
        agent::wrapup_reasons,
        agent::idle_codes,
        agent::accept,
        agent::reject,
        agent::send_message,
        agent::retry_message,
        agent::end,
        agent::wrapup,
        agent::transfer,
        agent::request_conference,
        agent::leave_conference,
        agent::typing,
        agent::delete_queue,
        records::search_customers,
        records::create_customer,
        records::customer_file,
        records::erase_customer,
        records::chat_log,
        records::confirm_record,
        records::draft_cases,
        records::case,
        records::update_case,
        widget::page,
        widget::script,
        widget::style,
        widget::start,
        widget::send_message,
        widget::end,
        widget::typing,
        widget::events,
        webhooks::whatsapp_handshake,
        webhooks::whatsapp_events,
        webhooks::messenger_handshake,
        webhooks::messenger_events,
    ),
    modifiers(&SecuritySchemes),
    tags(
        (name = "hub", description = "Health and this document"),
        (name = "agent", description = "The agent API, used by Agent Desk (bearer token)"),
        (name = "widget", description = "The customer's Livechat page and its API"),
        (name = "channels", description = "WhatsApp Cloud API and Messenger Platform webhooks"),
    )
)]
pub struct ApiDoc;

/// Declares the two bearer schemes: agents' session tokens and customers' chat tokens.
struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components
            .add_security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
        components.add_security_scheme(
            "customer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// This document.
#[utoipa::path(
    get, path = "/openapi.json", tag = "hub",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json"))
)]
pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
