//! The hub's HTTP surface (axum): the agent API, the customer's Livechat page and API, the
//! WhatsApp and Messenger webhooks, health and the OpenAPI document (with the `openapi`
//! feature, the standalone hub's). Handlers are thin: read the request, call one operation of
//! the [`Hub`], map the result; errors leave through [`error::HttpError`].

pub mod agent;
pub mod error;
pub mod extract;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod records;
pub mod sse;
pub mod webhooks;
pub mod widget;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use hub_protocol::Health;

use crate::hub::Hub;

/// The whole HTTP surface, ready to serve or to drive in tests with `tower::ServiceExt`.
pub fn router(hub: Hub) -> Router {
    let router = Router::new().route("/health", get(health));
    #[cfg(feature = "openapi")]
    let router = router.route("/openapi.json", get(openapi::openapi_json));
    router
        .route("/v1/sessions", post(agent::login))
        .route("/v1/sessions/current", delete(agent::logout))
        .route("/v1/events", get(agent::events))
        .route("/v1/agents/me/state", put(agent::set_state))
        .route("/v1/agents/me/devices", delete(agent::forget_devices))
        .route("/v1/agents/me/queues", get(agent::my_queues).put(agent::set_my_queues))
        .route("/v1/faq", get(agent::faq))
        .route("/v1/customers", get(records::search_customers).post(records::create_customer))
        .route("/v1/customers/{id}", get(records::customer_file).delete(records::erase_customer))
        .route("/v1/cases/drafts", get(records::draft_cases))
        .route("/v1/cases/{id}", get(records::case).put(records::update_case))
        .route("/v1/conversations/{id}/chat-log", get(records::chat_log))
        .route("/v1/conversations/{id}/record", get(records::conversation_record))
        .route("/v1/conversations/{id}/record/confirm", post(records::confirm_record))
        .route("/v1/agents", get(agent::agents))
        .route("/v1/queues", get(agent::queues))
        .route("/v1/queues/{id}", delete(agent::delete_queue))
        .route("/v1/channels/{channel}/assets/{id}", delete(agent::retire_asset))
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
        .route("/widget/v1/conversations/{id}/stream-tickets", post(widget::stream_ticket))
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
        .layer(axum::middleware::from_fn_with_state(hub.clone(), request_timeout))
        .layer(axum::middleware::from_fn_with_state(hub.clone(), allowed_host))
        .layer(axum::middleware::map_response_with_state(hub.clone(), security_headers))
        .with_state(hub)
}

/// Refuses a request whose `Host` is not in `[server] allowed_hosts`, when that is set
/// (finding L4).
async fn allowed_host(
    State(hub): State<Hub>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let allowed = &hub.config().server.allowed_hosts;
    if !allowed.is_empty() {
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .map(host_name)
            .unwrap_or_default();
        if !allowed.iter().any(|a| a.eq_ignore_ascii_case(&host)) {
            return axum::response::IntoResponse::into_response(error::HttpError::new(
                axum::http::StatusCode::MISDIRECTED_REQUEST,
                hub_protocol::ErrorCode::InvalidRequest,
                "this hub does not answer to that host name",
            ));
        }
    }
    next.run(request).await
}

/// The name in a `Host` value: `127.0.0.1:4780` → `127.0.0.1`, `[::1]:80` → `[::1]`.
fn host_name(host: &str) -> String {
    let host = host.trim();
    if host.starts_with('[') {
        return host.split_inclusive(']').next().unwrap_or(host).to_owned();
    }
    host.split(':').next().unwrap_or(host).to_owned()
}

/// Bounds the time from a request's first byte to its response's headers, reading the body
/// included (finding M2: a client trickling its body holds nothing for long). An event
/// stream's response is its headers, so the stream itself runs on.
async fn request_timeout(
    State(hub): State<Hub>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let limit = std::time::Duration::from_secs(hub.config().server.request_timeout_secs.into());
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => axum::response::IntoResponse::into_response(error::HttpError::new(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            hub_protocol::ErrorCode::InvalidRequest,
            "the request took too long",
        )),
    }
}

/// Headers on every response (findings H1, L5): `nosniff`; `no-store` on JSON (answers
/// carry customer data and tokens); `Strict-Transport-Security` when the hub serves TLS.
async fn security_headers(State(hub): State<Hub>, mut response: Response) -> Response {
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.entry(header::REFERRER_POLICY).or_insert(HeaderValue::from_static("no-referrer"));
    if json {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let server = &hub.config().server;
    if server.tls().is_some() {
        if let Ok(value) = HeaderValue::from_str(&format!("max-age={}", server.hsts_max_age_secs)) {
            headers.insert(header::STRICT_TRANSPORT_SECURITY, value);
        }
    }
    response
}

/// Whether the hub is up, and which version.
#[utoipa::path(
    get, path = "/health", tag = "hub",
    responses((status = 200, description = "The hub is up", body = Health))
)]
pub async fn health() -> Json<Health> {
    Json(Health { status: "ok".to_owned(), version: env!("CARGO_PKG_VERSION").to_owned() })
}
