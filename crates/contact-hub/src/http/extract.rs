//! Extractors that fail in the wire error shape: bodies, path ids, bearer tokens and
//! `Last-Event-ID` (or the widget's `lastEventId`).

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use serde::de::DeserializeOwned;

use super::error::HttpError;
use crate::error::HubError;
use crate::hub::{AgentSession, Hub};

/// A JSON body; an unreadable one is answered with `invalid-request`.
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = HttpError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(Self(value)),
            Err(rejection) => {
                // axum answers a semantically wrong body with 422; the hub keeps 422 for
                // rule violations (message too long…) and calls any unreadable body a 400.
                let status = match rejection.status() {
                    StatusCode::UNPROCESSABLE_ENTITY => StatusCode::BAD_REQUEST,
                    other => other,
                };
                Err(HttpError::invalid_request(status, rejection.body_text()))
            }
        }
    }
}

/// The `{id}` of a conversation path.
#[derive(Debug)]
pub struct ConversationId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ConversationId {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|r| HttpError::invalid_request(StatusCode::BAD_REQUEST, r.body_text()))?;
        Ok(Self(id))
    }
}

/// The token of an `Authorization: Bearer …` header.
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// A signed-in agent, from the bearer token.
impl FromRequestParts<Hub> for AgentSession {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, hub: &Hub) -> Result<Self, Self::Rejection> {
        let token = bearer_token(&parts.headers).ok_or(HubError::Unauthorized)?;
        Ok(hub.authenticate(token)?)
    }
}

/// The client's address (finding H2/H3 limits are keyed by it): the TCP peer, or, when the
/// peer is one of `[limits] trusted_proxies`, the last address in `X-Forwarded-For` that is
/// not a trusted proxy. `None` only for in-process requests without a socket (tests).
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub Option<IpAddr>);

impl FromRequestParts<Hub> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, hub: &Hub) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        Ok(Self(
            peer.map(|peer| client_ip(peer, &parts.headers, &hub.config().limits.trusted_proxies)),
        ))
    }
}

/// The real client behind trusted proxies (see [`ClientIp`]).
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|hop| hop.trim().parse().ok())
        .collect();
    // Right to left: the first hop a trusted proxy did not add is the client (anything
    // further left was written by the client itself and proves nothing).
    hops.into_iter().rev().find(|hop| !trusted.contains(hop)).unwrap_or(peer)
}

/// Where an event stream resumes: `None` for a fresh start.
///
/// Missing, `null` and `0` all mean a fresh start: 0 is the id of the snapshot, which is
/// not stored, so a client that saw nothing after it has nothing to resume from. Anything
/// but an int64 event id (an empty value included) is refused, as the document says.
pub fn last_event_id(headers: &HeaderMap) -> Result<Option<u64>, HttpError> {
    let Some(value) = headers.get("last-event-id") else { return Ok(None) };
    let text = value.to_str().unwrap_or("").trim();
    // `null` is how a generated client writes "none" (the document's nullable int64).
    if text == "null" {
        return Ok(None);
    }
    // Event ids are SQLite rowids: int64, never negative.
    match text.parse::<i64>() {
        Ok(0) => Ok(None),
        Ok(id) if id > 0 => Ok(Some(id as u64)),
        _ => Err(HttpError::invalid_request(
            StatusCode::BAD_REQUEST,
            "Last-Event-ID must be an event id",
        )),
    }
}

/// Where the customer's stream resumes: `Last-Event-ID` when sent, else the `lastEventId`
/// query parameter (a new `EventSource`, which cannot set the header, reopened by the widget
/// with a fresh stream ticket). 0 or neither: a fresh start.
pub fn resume_after(headers: &HeaderMap, query: Option<i64>) -> Result<Option<u64>, HttpError> {
    if let Some(after) = last_event_id(headers)? {
        return Ok(Some(after));
    }
    match query {
        None | Some(0) => Ok(None),
        Some(after) if after > 0 => Ok(Some(after as u64)),
        Some(_) => Err(HttpError::invalid_request(
            StatusCode::BAD_REQUEST,
            "lastEventId must be an event id",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn bearer_tokens_are_read_case_insensitively() {
        let mut headers = HeaderMap::new();
        assert_eq!(bearer_token(&headers), None);
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("bearer abc"));
        assert_eq!(bearer_token(&headers), Some("abc"));
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(bearer_token(&headers), None);
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer "));
        assert_eq!(bearer_token(&headers), None);
    }

    #[test]
    fn the_client_is_the_peer_unless_it_is_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let client: IpAddr = "203.0.113.9".parse().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_static("1.1.1.1, 203.0.113.9"));
        assert_eq!(client_ip(client, &headers, &[proxy]), client, "untrusted peer: itself");
        assert_eq!(client_ip(proxy, &headers, &[]), proxy, "no proxy configured");
        assert_eq!(client_ip(proxy, &headers, &[proxy]), client, "the spoofed 1.1.1.1 is ignored");
        assert_eq!(client_ip(proxy, &HeaderMap::new(), &[proxy]), proxy);
    }

    #[test]
    fn last_event_id_zero_or_absent_means_fresh() {
        let mut headers = HeaderMap::new();
        assert_eq!(last_event_id(&headers).unwrap(), None);
        headers.insert("last-event-id", HeaderValue::from_static("0"));
        assert_eq!(last_event_id(&headers).unwrap(), None);
        headers.insert("last-event-id", HeaderValue::from_static("42"));
        assert_eq!(last_event_id(&headers).unwrap(), Some(42));
        headers.insert("last-event-id", HeaderValue::from_static("x"));
        assert!(last_event_id(&headers).is_err());
        headers.insert("last-event-id", HeaderValue::from_static("9223372036854775808"));
        assert!(last_event_id(&headers).is_err(), "beyond int64");
        headers.insert("last-event-id", HeaderValue::from_static(""));
        assert!(last_event_id(&headers).is_err(), "empty");
        headers.insert("last-event-id", HeaderValue::from_static("-1"));
        assert!(last_event_id(&headers).is_err());
    }

    #[test]
    fn the_header_wins_over_the_query_when_resuming() {
        let mut headers = HeaderMap::new();
        assert_eq!(resume_after(&headers, None).unwrap(), None);
        assert_eq!(resume_after(&headers, Some(0)).unwrap(), None);
        assert_eq!(resume_after(&headers, Some(7)).unwrap(), Some(7));
        assert!(resume_after(&headers, Some(-1)).is_err());
        headers.insert("last-event-id", HeaderValue::from_static("9"));
        assert_eq!(resume_after(&headers, Some(7)).unwrap(), Some(9));
    }
}
