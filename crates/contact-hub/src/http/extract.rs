//! Extractors that fail in the wire error shape: bodies, path ids, bearer tokens and
//! `Last-Event-ID`.

use axum::extract::{FromRequest, FromRequestParts, Path, Request};
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

/// Where an event stream resumes: `None` for a fresh start.
///
/// Missing, empty and `0` all mean a fresh start: 0 is the id of the snapshot, which is
/// not stored, so a client that saw nothing after it has nothing to resume from.
pub fn last_event_id(headers: &HeaderMap) -> Result<Option<u64>, HttpError> {
    let Some(value) = headers.get("last-event-id") else { return Ok(None) };
    let text = value.to_str().unwrap_or("").trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u64>() {
        Ok(0) => Ok(None),
        Ok(id) => Ok(Some(id)),
        Err(_) => Err(HttpError::invalid_request(
            StatusCode::BAD_REQUEST,
            "Last-Event-ID must be an event id",
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
    fn last_event_id_zero_or_absent_means_fresh() {
        let mut headers = HeaderMap::new();
        assert_eq!(last_event_id(&headers).unwrap(), None);
        headers.insert("last-event-id", HeaderValue::from_static("0"));
        assert_eq!(last_event_id(&headers).unwrap(), None);
        headers.insert("last-event-id", HeaderValue::from_static("42"));
        assert_eq!(last_event_id(&headers).unwrap(), Some(42));
        headers.insert("last-event-id", HeaderValue::from_static("x"));
        assert!(last_event_id(&headers).is_err());
    }
}
