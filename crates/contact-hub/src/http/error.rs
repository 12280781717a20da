//! The HTTP boundary of errors: a [`HubError`] becomes the one wire shape
//! `{ "code", "message" }` with a fitting status. Axum's own rejections (a malformed body,
//! a bad path) are mapped here too, so a client never sees any other error shape.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use hub_protocol::{ApiError, ErrorCode};

use crate::error::HubError;

/// An error on its way out of a handler.
#[derive(Debug)]
pub struct HttpError {
    status: StatusCode,
    body: ApiError,
    /// Seconds for `Retry-After` (a `429`).
    retry_after: Option<u64>,
}

impl HttpError {
    pub fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        Self { status, body: ApiError { code, message: message.into() }, retry_after: None }
    }

    /// A request the hub could not read; `status` keeps what axum found (400, 413, 415…).
    pub fn invalid_request(status: StatusCode, message: impl Into<String>) -> Self {
        Self::new(status, ErrorCode::InvalidRequest, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, message)
    }
}

/// The status each error code is answered with.
pub fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::Unauthorized | ErrorCode::InvalidCredentials | ErrorCode::InvalidSignature => {
            StatusCode::UNAUTHORIZED
        }
        ErrorCode::InvalidRequest => StatusCode::BAD_REQUEST,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::MessageTooLong
        | ErrorCode::MessageEmpty
        | ErrorCode::ReservedCharacters
        | ErrorCode::InvalidAgentState
        | ErrorCode::DispositionRequired
        | ErrorCode::CustomerRequired => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::RejectNotAllowed
        | ErrorCode::NotYourConversation
        | ErrorCode::NotYourCase
        | ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::OfferExpired
        | ErrorCode::InvalidState
        | ErrorCode::AgentUnavailable
        | ErrorCode::ConversationInterrupted
        | ErrorCode::EntryPointClosed
        | ErrorCode::ConversationEnded
        | ErrorCode::MessagingWindowClosed => StatusCode::CONFLICT,
        ErrorCode::ChannelRateLimited
        | ErrorCode::ChannelAuthFailed
        | ErrorCode::ChannelRejected
        | ErrorCode::ChannelUnreachable => StatusCode::BAD_GATEWAY,
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl From<HubError> for HttpError {
    fn from(error: HubError) -> Self {
        let code = error.code();
        if let HubError::RateLimited { retry_after_secs } = error {
            let mut http = Self::new(status_of(code), code, error.to_string());
            http.retry_after = Some(retry_after_secs);
            return http;
        }
        let status = match error {
            HubError::ShuttingDown => StatusCode::SERVICE_UNAVAILABLE,
            _ => status_of(code),
        };
        if code == ErrorCode::Internal {
            // The client gets a generic line; the details go to the log only.
            tracing::error!(%error, "request failed");
            return Self::new(status, code, "the hub failed; see its log");
        }
        Self::new(status, code, error.to_string())
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let unauthorized =
            self.status == StatusCode::UNAUTHORIZED && self.body.code == ErrorCode::Unauthorized;
        let mut response = (self.status, Json(self.body)).into_response();
        if let Some(secs) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if unauthorized {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// Answers unknown paths in the wire shape.
pub async fn no_such_path() -> HttpError {
    HttpError::not_found("no such path")
}

/// Answers a known path with the wrong method in the wire shape.
pub async fn no_such_method() -> HttpError {
    HttpError::new(StatusCode::METHOD_NOT_ALLOWED, ErrorCode::InvalidRequest, "method not allowed")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_code_has_a_client_or_server_status() {
        for (code, status) in [
            (ErrorCode::Unauthorized, 401),
            (ErrorCode::InvalidCredentials, 401),
            (ErrorCode::InvalidRequest, 400),
            (ErrorCode::NotFound, 404),
            (ErrorCode::MessageTooLong, 422),
            (ErrorCode::MessageEmpty, 422),
            (ErrorCode::ReservedCharacters, 422),
            (ErrorCode::OfferExpired, 409),
            (ErrorCode::RejectNotAllowed, 403),
            (ErrorCode::InvalidState, 409),
            (ErrorCode::NotYourConversation, 403),
            (ErrorCode::InvalidAgentState, 422),
            (ErrorCode::ConversationEnded, 409),
            (ErrorCode::Internal, 500),
        ] {
            assert_eq!(status_of(code).as_u16(), status, "{code:?}");
        }
    }

    #[test]
    fn internal_details_stay_in_the_log() {
        let error = HttpError::from(HubError::Internal("secret path /var/lib/x".into()));
        assert_eq!(error.body.code, ErrorCode::Internal);
        assert!(!error.body.message.contains("/var/lib"));
    }
}
