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
        agent::forget_devices,
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
        agent::retire_asset,
        records::search_customers,
        records::create_customer,
        records::customer_file,
        records::erase_customer,
        records::chat_log,
        records::conversation_record,
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
        widget::stream_ticket,
        widget::events,
        webhooks::whatsapp_handshake,
        webhooks::whatsapp_events,
        webhooks::messenger_handshake,
        webhooks::messenger_events,
    ),
    // The JSON inside the event streams' `data`, described alongside.
    components(schemas(hub_protocol::AgentEvent, hub_protocol::CustomerEvent)),
    modifiers(&SecuritySchemes, &ErrorAnswers, &CaseUpdateRule, &NewCustomerRule),
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

/// The error answers every operation can give by its shape, documented where the handlers'
/// annotations do not name them already (so a client, or schemathesis, meets no status the
/// document does not list): `400` for a path, query or body it cannot read, `413` and `415`
/// for a body too large or not JSON, `401` behind a bearer token, `404` for an id in the path.
struct ErrorAnswers;

impl Modify for ErrorAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let answer = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new().schema(Some(Ref::from_schema_name("ApiError"))).build(),
                )
                .build()
        };
        for (path, item) in openapi.paths.paths.iter_mut() {
            let operations = [
                item.get.as_mut(),
                item.put.as_mut(),
                item.post.as_mut(),
                item.delete.as_mut(),
                item.patch.as_mut(),
            ];
            for operation in operations.into_iter().flatten() {
                let has_body = operation.request_body.is_some();
                let has_params = operation.parameters.as_ref().is_some_and(|p| !p.is_empty())
                    || path.contains('{');
                let secured = operation.security.as_ref().is_some_and(|s| !s.is_empty());
                let mut add = |status: &str, description: &str| {
                    operation
                        .responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| answer(description).into());
                };
                if has_body || has_params {
                    add("400", "invalid-request: the request could not be read");
                }
                if has_body {
                    add("413", "invalid-request: the body is too large");
                    add("415", "invalid-request: the body is not JSON");
                }
                if secured {
                    add("401", "unauthorized: missing, unknown, expired or revoked token");
                }
                if path.contains('{') {
                    add("404", "not-found");
                }
            }
        }
    }
}

/// `CaseUpdate` as the hub reads it: a draft may have no customer, a saved case must
/// (`customer-required` otherwise). The derive cannot say that; this schema does.
struct CaseUpdateRule;

impl Modify for CaseUpdateRule {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let variant = |status: &str, customer: serde_json::Value, required: &[&str]| {
            serde_json::json!({
                "type": "object",
                "required": required,
                "properties": {
                    "customerId": customer,
                    "subject": {"type": "string", "maxLength": 200},
                    "notes": {"type": "string", "maxLength": 20000},
                    "status": {"type": "string", "enum": [status]},
                },
            })
        };
        let schema = serde_json::json!({
            "description": "`PUT /v1/cases/{id}`: the agent edits a chat log and keeps it as a \
                            draft, or saves it on a customer's record (then `customerId` is \
                            required).",
            "oneOf": [
                variant("draft", serde_json::json!({"type": ["string", "null"]}), &["subject", "notes", "status"]),
                variant("saved", serde_json::json!({"type": "string"}), &["customerId", "subject", "notes", "status"]),
            ],
        });
        match serde_json::from_value(schema) {
            Ok(schema) => {
                let components = openapi.components.get_or_insert_with(Default::default);
                components.schemas.insert("CaseUpdate".to_owned(), schema);
            }
            Err(error) => tracing::error!(%error, "the CaseUpdate schema does not read"),
        }
    }
}

/// `NewCustomerRequest` as the hub reads it: without a conversation the record needs a
/// name (not blank); with one, a name left empty is the conversation's. The derive cannot
/// say that either.
struct NewCustomerRule;

impl Modify for NewCustomerRule {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let variant =
            |conversation: serde_json::Value, name: serde_json::Value, required: &[&str]| {
                let field = serde_json::json!({"type": ["string", "null"], "maxLength": 2048});
                serde_json::json!({
                    "type": "object",
                    "required": required,
                    "properties": {
                        "conversationId": conversation,
                        "name": name,
                        "email": field,
                        "phone": field,
                        "account": field,
                        "notes": {"type": "string", "maxLength": 20000},
                    },
                })
            };
        let schema = serde_json::json!({
            "description": "`POST /v1/customers`: a new record. With `conversationId`, the \
                            conversation is attached to it, and a name, email, phone or account \
                            left out is taken from the conversation; without, `name` is required.",
            "oneOf": [
                variant(
                    serde_json::json!({"type": "string"}),
                    serde_json::json!({"type": "string", "maxLength": 200}),
                    &["conversationId"],
                ),
                variant(
                    serde_json::json!({"type": "null"}),
                    serde_json::json!({"type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\S"}),
                    &["name"],
                ),
            ],
        });
        match serde_json::from_value(schema) {
            Ok(schema) => {
                let components = openapi.components.get_or_insert_with(Default::default);
                components.schemas.insert("NewCustomerRequest".to_owned(), schema);
            }
            Err(error) => tracing::error!(%error, "the NewCustomerRequest schema does not read"),
        }
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
