//! The platforms' webhooks: `GET` answers the verification handshake, `POST` takes event
//! bodies. The body is read as raw bytes because the signature covers those exact bytes;
//! anything re-serialised would not verify.

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use hub_protocol::{ApiError, Channel};
use serde::Deserialize;

use super::error::HttpError;
use super::extract::ClientIp;
use crate::hub::Hub;

/// The largest body taken: WhatsApp batches up to 1000 updates in one request.
pub const MAX_WEBHOOK_BYTES: usize = 8 * 1024 * 1024;

/// `?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`
#[derive(Debug, Deserialize)]
pub struct Handshake {
    #[serde(rename = "hub.mode")]
    mode: Option<String>,
    #[serde(rename = "hub.verify_token")]
    verify_token: Option<String>,
    #[serde(rename = "hub.challenge")]
    challenge: Option<String>,
}

/// The WhatsApp verification handshake: echoes `hub.challenge` when the token matches.
#[utoipa::path(
    get, path = "/webhooks/whatsapp", tag = "channels",
    params(
        ("hub.mode" = String, Query, description = "Always `subscribe`"),
        ("hub.verify_token" = String, Query, description = "The configured verify token"),
        ("hub.challenge" = String, Query, description = "Echoed back as the body"),
    ),
    responses(
        (status = 200, description = "The challenge, as text/plain"),
        (status = 403, description = "Wrong mode or token"),
        (status = 404, description = "not-found: WhatsApp is not configured", body = ApiError),
    )
)]
pub async fn whatsapp_handshake(
    State(hub): State<Hub>,
    Query(query): Query<Handshake>,
) -> Result<Response, HttpError> {
    handshake(&hub, Channel::Whatsapp, query)
}

/// The Messenger verification handshake.
#[utoipa::path(
    get, path = "/webhooks/messenger", tag = "channels",
    params(
        ("hub.mode" = String, Query, description = "Always `subscribe`"),
        ("hub.verify_token" = String, Query, description = "The configured verify token"),
        ("hub.challenge" = String, Query, description = "Echoed back as the body"),
    ),
    responses(
        (status = 200, description = "The challenge, as text/plain"),
        (status = 403, description = "Wrong mode or token"),
        (status = 404, description = "not-found: Messenger is not configured", body = ApiError),
    )
)]
pub async fn messenger_handshake(
    State(hub): State<Hub>,
    Query(query): Query<Handshake>,
) -> Result<Response, HttpError> {
    handshake(&hub, Channel::Messenger, query)
}

fn handshake(hub: &Hub, channel: Channel, query: Handshake) -> Result<Response, HttpError> {
    let challenge = hub.verify_webhook(
        channel,
        query.mode.as_deref(),
        query.verify_token.as_deref(),
        query.challenge.as_deref(),
    )?;
    Ok(match challenge {
        Some(challenge) => challenge.into_response(),
        None => StatusCode::FORBIDDEN.into_response(),
    })
}

/// WhatsApp Cloud API events (`whatsapp_business_account`): messages, statuses, errors.
#[utoipa::path(
    post, path = "/webhooks/whatsapp", tag = "channels",
    params(("X-Hub-Signature-256" = String, Header, description = "`sha256=` HMAC of the body with the app secret")),
    request_body(content = String, content_type = "application/json", description = "The platform's payload, as sent"),
    responses(
        (status = 200, description = "Taken; applied right after"),
        (status = 400, description = "invalid-request: not a WhatsApp payload", body = ApiError),
        (status = 401, description = "invalid-signature", body = ApiError),
        (status = 404, description = "not-found: WhatsApp is not configured", body = ApiError),
    )
)]
pub async fn whatsapp_events(
    State(hub): State<Hub>,
    ClientIp(peer): ClientIp,
    headers: HeaderMap,
    body: Body,
) -> Result<StatusCode, HttpError> {
    receive(&hub, Channel::Whatsapp, peer, &headers, body).await
}

/// Messenger Platform events (`page`): messages, postbacks, echoes, deliveries, reads.
#[utoipa::path(
    post, path = "/webhooks/messenger", tag = "channels",
    params(("X-Hub-Signature-256" = String, Header, description = "`sha256=` HMAC of the body with the app secret")),
    request_body(content = String, content_type = "application/json", description = "The platform's payload, as sent"),
    responses(
        (status = 200, description = "Taken; applied right after"),
        (status = 400, description = "invalid-request: not a Messenger payload", body = ApiError),
        (status = 401, description = "invalid-signature", body = ApiError),
        (status = 404, description = "not-found: Messenger is not configured", body = ApiError),
    )
)]
pub async fn messenger_events(
    State(hub): State<Hub>,
    ClientIp(peer): ClientIp,
    headers: HeaderMap,
    body: Body,
) -> Result<StatusCode, HttpError> {
    receive(&hub, Channel::Messenger, peer, &headers, body).await
}

/// Admits the request (configured channel, signed), then reads the body (at most
/// [`MAX_WEBHOOK_BYTES`]) and hands it to the hub. A refused signature is logged.
async fn receive(
    hub: &Hub,
    channel: Channel,
    peer: Option<std::net::IpAddr>,
    headers: &HeaderMap,
    body: Body,
) -> Result<StatusCode, HttpError> {
    let signature = headers.get("x-hub-signature-256").and_then(|v| v.to_str().ok());
    let logged = |error: crate::error::HubError| {
        if let crate::error::HubError::InvalidSignature(problem) = &error {
            tracing::warn!(?channel, ?peer, problem, "webhook refused: bad signature");
        }
        error
    };
    hub.admit_webhook(channel, signature).map_err(logged)?;
    let body = axum::body::to_bytes(body, MAX_WEBHOOK_BYTES).await.map_err(|_| {
        HttpError::invalid_request(StatusCode::PAYLOAD_TOO_LARGE, "the body is too large")
    })?;
    hub.receive_webhook(channel, &body, signature).map_err(logged)?;
    Ok(StatusCode::OK)
}
