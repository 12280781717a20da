//! The customer's side: the Livechat page and its API (`/chat`, `/widget/v1/…`).
//!
//! The page is rendered on the hub with its text resolved from Fluent (see [`crate::l10n`]);
//! the script and stylesheet are separate files so the CSP can forbid inline code.
//! Customers authenticate with the token they got when starting the chat, in `Authorization`.
//! A browser's `EventSource` cannot set headers, and a URL ends up in proxies' logs, so the
//! event stream takes a single-use, short-lived stream ticket in its URL instead
//! (`POST …/stream-tickets`, then `…/events?ticket=…`; finding L1) and refuses the token there.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use fluent_bundle::FluentValue;
use hub_protocol::{
    ApiError, Channel, ErrorCode, Message, SendMessageRequest, StartChatRequest, StartChatResponse,
    StreamTicket,
};
use serde::Deserialize;

use super::agent::message_response;
use super::error::HttpError;
use super::extract::{bearer_token, resume_after, ClientIp, ConversationId, JsonBody};
use super::sse;
use crate::error::HubError;
use crate::hub::Hub;
use crate::l10n::{args, WidgetText};
use crate::limits::Door;

const PAGE: &str = include_str!("../../widget/chat.html");
const SCRIPT: &str = include_str!("../../widget/widget.js");
const STYLE: &str = include_str!("../../widget/widget.css");

/// The only sources the page may use: its own origin. No inline script, no inline style.
/// The policy of the script, stylesheet and (with its `frame-ancestors`) the page: nothing
/// inline, nothing from elsewhere, no `<base>`, forms only to the hub (finding M5).
const CSP: &str = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Strings the page's script shows at run time. The `{name}` placeholder is filled by the
/// script (inside a `<bdi>`, as text).
const SCRIPT_STRINGS: &[&str] = &[
    "widget-you",
    "widget-waiting",
    "widget-agent-joined",
    "widget-transferred",
    "widget-agent-left",
    "widget-agent-typing",
    "widget-ended-by-agent",
    "widget-ended-by-customer",
    "widget-ended",
    "widget-expired",
    "widget-reconnecting",
    "widget-error-message-empty",
    "widget-error-message-too-long",
    "widget-error-conversation-ended",
    "widget-error-invalid-request",
    "widget-error-unauthorized",
    "widget-error-rate-limited",
    "widget-error-entry-point-closed",
    "widget-error-generic",
];

/// `GET /chat` query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page language (BCP 47); else `Accept-Language`; else en-US.
    lang: Option<String>,
    /// Queue id the chat starts in; else the default Livechat queue. Read by the script.
    #[allow(dead_code)]
    queue: Option<String>,
}

/// The Livechat page, in the customer's language.
#[utoipa::path(
    get, path = "/chat", tag = "widget",
    params(PageQuery),
    responses((status = 200, description = "The chat page", content_type = "text/html"))
)]
pub async fn page(
    State(hub): State<Hub>,
    query: Result<Query<PageQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    // A malformed query still gets the page, in the browser's language.
    let lang = query.as_ref().ok().and_then(|q| q.lang.as_deref());
    let accept_language = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    let text = WidgetText::negotiate(lang, accept_language);
    let mut response = asset("text/html; charset=utf-8", render_page(PAGE, text));
    // Only the customer sites in `[widget] frame_ancestors` may frame the chat (none by
    // default: the page opens on its own); validated origins, so the header cannot be
    // bent by the configuration.
    let origins = &hub.config().widget.frame_ancestors;
    let headers = response.headers_mut();
    if origins.is_empty() {
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    } else {
        let policy = format!(
            "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors {}",
            origins.join(" ")
        );
        if let Ok(value) = HeaderValue::from_str(&policy) {
            headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    response
}

/// The page's script.
#[utoipa::path(
    get, path = "/chat/widget.js", tag = "widget",
    responses((status = 200, description = "Script", content_type = "text/javascript"))
)]
pub async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT.to_owned())
}

/// The page's stylesheet.
#[utoipa::path(
    get, path = "/chat/widget.css", tag = "widget",
    responses((status = 200, description = "Stylesheet", content_type = "text/css"))
)]
pub async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE.to_owned())
}

fn asset(content_type: &'static str, body: String) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// Fills the page template: `{{message-id}}` with the escaped message, `{{@lang}}`,
/// `{{@dir}}` and `{{@strings}}` (the script's strings as a hidden list).
pub fn render_page(template: &str, text: WidgetText) -> String {
    let mut out = String::with_capacity(template.len() + 2048);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let key = after[..end].trim();
        match key {
            "@lang" => out.push_str(&escape(&text.lang())),
            "@dir" => out.push_str(text.dir()),
            "@strings" => out.push_str(&script_strings(text)),
            "@languages" => out.push_str(&language_links(text)),
            id => out.push_str(&escape(&text.message(id, None))),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The language switch: one link per language, each named in its own language.
fn language_links(current: WidgetText) -> String {
    WidgetText::all()
        .map(|language| {
            let tag = escape(&language.lang());
            let name = escape(&language.message("widget-language-name", None));
            let here = if tag == escape(&current.lang()) { " aria-current=\"true\"" } else { "" };
            format!(r#"<a href="?lang={tag}" hreflang="{tag}" lang="{tag}"{here}>{name}</a>"#)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn script_strings(text: WidgetText) -> String {
    let limit = Channel::Livechat.max_message_chars();
    let mut out = String::new();
    for id in SCRIPT_STRINGS {
        let resolved = match *id {
            "widget-agent-joined" | "widget-agent-left" | "widget-agent-typing" => {
                text.message(id, Some(&args(&[("name", FluentValue::from("{name}"))])))
            }
            "widget-error-message-too-long" => {
                text.message(id, Some(&args(&[("limit", FluentValue::from(limit))])))
            }
            _ => text.message(id, None),
        };
        out.push_str(&format!("    <li data-key=\"{id}\">{}</li>\n", escape(&resolved)));
    }
    out
}

/// HTML-escapes text for element content and quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A customer starts a chat; the first message is part of the request.
#[utoipa::path(
    post, path = "/widget/v1/conversations", tag = "widget",
    request_body = StartChatRequest,
    responses(
        (status = 201, description = "Started; the token authorizes this conversation only", body = StartChatResponse),
        (status = 400, description = "invalid-request", body = ApiError),
        (status = 404, description = "not-found: no such queue", body = ApiError),
        (status = 409, description = "entry-point-closed: an admin took this Livechat entry point out of service", body = ApiError),
        (status = 422, description = "message-empty, message-too-long", body = ApiError),
        (status = 429, description = "rate-limited: too many chats from this address, or the queue is full; see Retry-After", body = ApiError,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn start(
    State(hub): State<Hub>,
    ClientIp(ip): ClientIp,
    JsonBody(request): JsonBody<StartChatRequest>,
) -> Result<(StatusCode, Json<StartChatResponse>), HttpError> {
    // The peer is known when the server runs with connect info (it does); a router driven
    // without a socket has none.
    Ok((StatusCode::CREATED, Json(hub.start_chat(request, ip)?)))
}

/// The customer writes. 201 new, 200 when the client id was seen before.
#[utoipa::path(
    post, path = "/widget/v1/conversations/{id}/messages", tag = "widget",
    security(("customer" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    request_body = SendMessageRequest,
    responses(
        (status = 201, description = "Sent", body = Message),
        (status = 200, description = "Already sent with this client id", body = Message),
        (status = 409, description = "conversation-ended", body = ApiError),
        (status = 422, description = "message-empty, message-too-long", body = ApiError),
        (status = 429, description = "rate-limited: see Retry-After", body = ApiError,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn send_message(
    State(hub): State<Hub>,
    ClientIp(ip): ClientIp,
    ConversationId(id): ConversationId,
    headers: HeaderMap,
    JsonBody(request): JsonBody<SendMessageRequest>,
) -> Result<Response, HttpError> {
    limited(
        &hub,
        ip,
        &id,
        bearer_token(&headers),
        Door::WidgetMessageIp,
        Door::WidgetMessageConversation,
    )?;
    let (message, written) = hub.send_customer_message(&id, request)?;
    Ok(message_response(message, written))
}

/// The customer ends the chat.
#[utoipa::path(
    post, path = "/widget/v1/conversations/{id}/end", tag = "widget",
    security(("customer" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    responses(
        (status = 204, description = "Ended"),
        (status = 409, description = "conversation-ended", body = ApiError),
    )
)]
pub async fn end(
    State(hub): State<Hub>,
    ConversationId(id): ConversationId,
    headers: HeaderMap,
) -> Result<StatusCode, HttpError> {
    authenticate(&hub, &id, bearer_token(&headers))?;
    hub.end_by_customer(&id)?;
    Ok(StatusCode::NO_CONTENT)
}

/// The customer is typing; the agents see it. Best effort: relayed at most once a second,
/// never stored.
#[utoipa::path(
    post, path = "/widget/v1/conversations/{id}/typing", tag = "widget",
    security(("customer" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    responses(
        (status = 204, description = "Relayed, or nothing to relay"),
        (status = 409, description = "conversation-ended", body = ApiError),
        (status = 429, description = "rate-limited: see Retry-After", body = ApiError,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn typing(
    State(hub): State<Hub>,
    ClientIp(ip): ClientIp,
    ConversationId(id): ConversationId,
    headers: HeaderMap,
) -> Result<StatusCode, HttpError> {
    limited(
        &hub,
        ip,
        &id,
        bearer_token(&headers),
        Door::WidgetTypingIp,
        Door::WidgetTypingConversation,
    )?;
    hub.customer_typing(&id)?;
    Ok(StatusCode::NO_CONTENT)
}

/// A single-use ticket for the conversation's event stream (finding L1): the stream's URL
/// carries it instead of the customer token. Limited like the other widget calls.
#[utoipa::path(
    post, path = "/widget/v1/conversations/{id}/stream-tickets", tag = "widget",
    security(("customer" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    responses(
        (status = 201, description = "A ticket that opens this conversation's event stream once, within `expiresInSecs`", body = StreamTicket),
        (status = 401, description = "unauthorized", body = ApiError),
        (status = 429, description = "rate-limited: see Retry-After", body = ApiError,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn stream_ticket(
    State(hub): State<Hub>,
    ClientIp(ip): ClientIp,
    ConversationId(id): ConversationId,
    headers: HeaderMap,
) -> Result<(StatusCode, Json<StreamTicket>), HttpError> {
    limited(
        &hub,
        ip,
        &id,
        bearer_token(&headers),
        Door::WidgetTicketIp,
        Door::WidgetTicketConversation,
    )?;
    let (ticket, expires_in_secs) = hub.issue_stream_ticket(&id)?;
    Ok((StatusCode::CREATED, Json(StreamTicket { ticket, expires_in_secs })))
}

/// `GET …/events` query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase")]
pub struct EventsQuery {
    /// A stream ticket from `POST …/stream-tickets`: it opens this stream once, while valid.
    /// Needed unless `Authorization` carries the customer token.
    #[param(min_length = 1, max_length = 128)]
    ticket: Option<String>,
    /// Resume after this event id (0: from the first event). For a new `EventSource`, which
    /// cannot send `Last-Event-ID`; the header wins when both are sent.
    #[param(minimum = 0)]
    last_event_id: Option<i64>,
    /// The customer token is refused here: URLs are logged (finding L1).
    #[param(ignore)]
    token: Option<String>,
}

/// The customer's event stream (SSE): from the first event (or after `Last-Event-ID` or
/// `lastEventId`), then live. Opened with a stream ticket in the query (what `EventSource`
/// can send) or the customer token in `Authorization`; never the token in the query.
#[utoipa::path(
    get, path = "/widget/v1/conversations/{id}/events", tag = "widget",
    security(("customer" = []), ()),
    params(
        ("id" = String, Path, description = "Conversation id"),
        EventsQuery,
        ("Last-Event-ID" = Option<u64>, Header, description = "Resume after this event id"),
    ),
    responses(
        (status = 200, description = "SSE: `id:` event id, `data:` CustomerEvent", content_type = "text/event-stream", body = super::sse::ServerSentEvent),
        (status = 401, description = "unauthorized: no credential, the customer token in the query, or a ticket that is unknown, used, expired or for another conversation", body = ApiError),
    )
)]
pub async fn events(
    State(hub): State<Hub>,
    ConversationId(id): ConversationId,
    query: Result<Query<EventsQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    let Query(query) =
        query.map_err(|e| HttpError::invalid_request(StatusCode::BAD_REQUEST, e.body_text()))?;
    if query.token.is_some() {
        return Err(HttpError::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
            "the customer token is not accepted in the URL; open the stream with a ticket from \
             POST /widget/v1/conversations/{id}/stream-tickets",
        ));
    }
    let after = resume_after(&headers, query.last_event_id)?;
    // Read everything before a ticket is spent: a malformed request does not cost one.
    match (bearer_token(&headers), query.ticket.as_deref()) {
        (Some(token), _) => authenticate(&hub, &id, Some(token))?,
        (None, Some(ticket)) => hub.redeem_stream_ticket(&id, ticket)?,
        (None, None) => return Err(HubError::Unauthorized.into()),
    }
    let feed = hub.customer_feed(&id, after).await?;
    Ok(sse::respond(None, feed).into_response())
}

fn authenticate(hub: &Hub, conversation_id: &str, token: Option<&str>) -> Result<(), HubError> {
    hub.authenticate_customer(conversation_id, token.ok_or(HubError::Unauthorized)?)
}

/// Counts a customer's request against its address (before the token is checked, so
/// guessing tokens is limited too), then, once authenticated, against its conversation
/// (finding H3).
fn limited(
    hub: &Hub,
    ip: Option<std::net::IpAddr>,
    conversation_id: &str,
    token: Option<&str>,
    per_ip: Door,
    per_conversation: Door,
) -> Result<(), HubError> {
    hub.limits().check_ip(per_ip, ip)?;
    authenticate(hub, conversation_id, token)?;
    hub.limits().check(per_conversation, conversation_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_of_the_page_resolves_and_nothing_is_left_unescaped() {
        let text = WidgetText::negotiate(Some("en-US"), None);
        let page = render_page(PAGE, text);
        assert!(!page.contains("{{"), "an unfilled placeholder remains");
        // Every message id the template names exists in the source locale.
        let mut rest = PAGE;
        while let Some(start) = rest.find("{{") {
            let end = rest[start..].find("}}").unwrap() + start;
            let key = rest[start + 2..end].trim();
            if !key.starts_with('@') {
                assert!(text.has(key), "{key} is missing from locales/en-US/widget.ftl");
            }
            rest = &rest[end + 2..];
        }
        for id in SCRIPT_STRINGS {
            assert!(text.has(id), "{id} is missing from locales/en-US/widget.ftl");
        }
        assert!(page.contains(r#"<html lang="en-US" dir="ltr">"#));
        assert!(page.contains("<title>Chat with us</title>"));
        assert!(page.contains(r#"<li data-key="widget-agent-joined">{name} joined the chat</li>"#));
        assert!(page.contains(r#"<li data-key="widget-agent-left">{name} left the chat</li>"#));
        assert!(page.contains(r#"<li data-key="widget-agent-typing">{name} is typing…</li>"#));
        assert!(page.contains(r#"<li data-key="widget-transferred">You are being transferred"#));
        assert!(page.contains("1000 characters at most"));
        assert!(!page.contains("<script>"), "no inline script");
        assert!(!page.contains("style="), "no inline style");
    }

    #[test]
    fn the_script_opens_its_stream_with_a_ticket_never_the_token() {
        assert!(!SCRIPT.contains("?token="), "the customer token must not go in a URL (L1)");
        assert!(SCRIPT.contains(r#"conversationPath("stream-tickets")"#));
        assert!(SCRIPT.contains(r#""?ticket=""#));
        assert!(SCRIPT.contains(r#""&lastEventId=""#), "a reopened stream resumes");
    }

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(escape(r#"<b a="1">&'"#), "&lt;b a=&quot;1&quot;&gt;&amp;&#39;");
    }
}
