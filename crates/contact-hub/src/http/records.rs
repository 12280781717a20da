//! Customer records and cases for the agent's workspace (`/v1/customers`, `/v1/cases`, a
//! conversation's chat log). Thin like the rest of the agent API: each handler calls one
//! operation of the [`Hub`] (see `hub::records` for the rules).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use hub_protocol::{
    ApiError, Case, CaseSummary, CaseUpdate, CustomerFile, CustomerRecord, NewCustomerRequest,
    RecordLink,
};
use serde::Deserialize;

use super::error::HttpError;
use super::extract::{ConversationId, JsonBody};
use crate::error::HubError;
use crate::hub::{AgentSession, Hub};

/// `GET /v1/customers` query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Text in the name, email or account, or digits of the phone number; empty lists all.
    /// 100 characters at most (after trimming).
    #[serde(default)]
    #[param(max_length = 100)]
    q: String,
}

/// Finds customer records: up to 50, in name order (a bounded read; finding M3).
#[utoipa::path(
    get, path = "/v1/customers", tag = "agent",
    security(("bearer" = [])),
    params(SearchQuery),
    responses(
        (status = 200, description = "Matching records, 50 at most, in name order", body = Vec<CustomerRecord>),
        (status = 400, description = "invalid-request: `q` over 100 characters", body = ApiError),
    )
)]
pub async fn search_customers(
    State(hub): State<Hub>,
    _session: AgentSession,
    query: Result<Query<SearchQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<CustomerRecord>>, HttpError> {
    let Query(query) =
        query.map_err(|e| HubError::InvalidRequest(format!("bad search query: {e}")))?;
    Ok(Json(hub.search_customers(&query.q)?))
}

/// Creates a customer record; with `conversationId`, the conversation is attached to it.
#[utoipa::path(
    post, path = "/v1/customers", tag = "agent",
    security(("bearer" = [])),
    request_body = NewCustomerRequest,
    responses(
        (status = 201, description = "Created", body = CustomerRecord),
        (status = 400, description = "invalid-request", body = ApiError),
        (status = 403, description = "not-your-conversation", body = ApiError),
        (status = 404, description = "not-found: no such conversation", body = ApiError),
    )
)]
pub async fn create_customer(
    State(hub): State<Hub>,
    session: AgentSession,
    JsonBody(request): JsonBody<NewCustomerRequest>,
) -> Result<(StatusCode, Json<CustomerRecord>), HttpError> {
    Ok((StatusCode::CREATED, Json(hub.create_customer(&session.agent_id, request)?)))
}

/// A customer's file: the record and its saved cases, newest first, from every channel.
#[utoipa::path(
    get, path = "/v1/customers/{id}", tag = "agent",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Customer id")),
    responses(
        (status = 200, description = "The record and its cases", body = CustomerFile),
        (status = 404, description = "not-found", body = ApiError),
    )
)]
pub async fn customer_file(
    State(hub): State<Hub>,
    _session: AgentSession,
    Path(id): Path<String>,
) -> Result<Json<CustomerFile>, HttpError> {
    Ok(Json(hub.customer_file(&id)?))
}

/// A conversation's chat log, written when it ended.
#[utoipa::path(
    get, path = "/v1/conversations/{id}/chat-log", tag = "agent",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    responses(
        (status = 200, description = "The chat log", body = Case),
        (status = 401, description = "unauthorized", body = ApiError),
        (status = 404, description = "not-found: no such conversation, it has not ended, or it is another agent's draft", body = ApiError),
    )
)]
pub async fn chat_log(
    State(hub): State<Hub>,
    session: AgentSession,
    ConversationId(id): ConversationId,
) -> Result<Json<Case>, HttpError> {
    Ok(Json(hub.chat_log(&session.agent_id, &id)?))
}

/// The customer record a conversation is attached to, for an agent of the conversation or
/// the agent it is offered to (the contact request's preview, before Accept). A record the
/// customer only claimed comes without its cases.
#[utoipa::path(
    get, path = "/v1/conversations/{id}/record", tag = "agent",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    responses(
        (status = 200, description = "The record, with its saved cases unless it is only claimed", body = CustomerFile),
        (status = 401, description = "unauthorized", body = ApiError),
        (status = 403, description = "not-your-conversation: neither offered to the caller nor theirs", body = ApiError),
        (status = 404, description = "not-found: no such conversation, or no record attached to it", body = ApiError),
    )
)]
pub async fn conversation_record(
    State(hub): State<Hub>,
    session: AgentSession,
    ConversationId(id): ConversationId,
) -> Result<Json<CustomerFile>, HttpError> {
    Ok(Json(hub.conversation_record(&session.agent_id, &id)?))
}

/// The calling agent's draft chat logs, newest first.
#[utoipa::path(
    get, path = "/v1/cases/drafts", tag = "agent",
    security(("bearer" = [])),
    responses((status = 200, description = "Drafts", body = Vec<CaseSummary>))
)]
pub async fn draft_cases(
    State(hub): State<Hub>,
    session: AgentSession,
) -> Result<Json<Vec<CaseSummary>>, HttpError> {
    Ok(Json(hub.draft_cases(&session.agent_id)?))
}

/// A case with its transcript.
#[utoipa::path(
    get, path = "/v1/cases/{id}", tag = "agent",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Case id")),
    responses(
        (status = 200, description = "The case", body = Case),
        (status = 401, description = "unauthorized", body = ApiError),
        (status = 404, description = "not-found: no such case, or another agent's draft", body = ApiError),
    )
)]
pub async fn case(
    State(hub): State<Hub>,
    session: AgentSession,
    Path(id): Path<String>,
) -> Result<Json<Case>, HttpError> {
    Ok(Json(hub.case(&session.agent_id, &id)?))
}

/// Edits a case and saves it on a record (`customer-required` without one) or keeps it as a
/// draft.
#[utoipa::path(
    put, path = "/v1/cases/{id}", tag = "agent",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Case id")),
    request_body = CaseUpdate,
    responses(
        (status = 200, description = "The case now", body = Case),
        (status = 400, description = "invalid-request", body = ApiError),
        (status = 401, description = "unauthorized", body = ApiError),
        (status = 403, description = "not-your-case: only the case's agent, an agent of its conversation or an admin may change it", body = ApiError),
        (status = 404, description = "not-found: no such case or customer, or another agent's draft", body = ApiError),
        (status = 422, description = "customer-required", body = ApiError),
    )
)]
pub async fn update_case(
    State(hub): State<Hub>,
    session: AgentSession,
    Path(id): Path<String>,
    JsonBody(update): JsonBody<CaseUpdate>,
) -> Result<Json<Case>, HttpError> {
    Ok(Json(hub.update_case(&session.agent_id, &id, update)?))
}

/// An agent of the conversation confirms the record the customer claimed in the pre-chat
/// form: it becomes the conversation's record (`recordLinked` without `claimed`), its history
/// is shown, and the chat log is saved on it.
#[utoipa::path(
    post, path = "/v1/conversations/{id}/record/confirm", tag = "agent",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    responses(
        (status = 200, description = "The record link, confirmed", body = RecordLink),
        (status = 401, description = "unauthorized", body = ApiError),
        (status = 403, description = "not-your-conversation", body = ApiError),
        (status = 404, description = "not-found: no such conversation, or no claim to confirm", body = ApiError),
    )
)]
pub async fn confirm_record(
    State(hub): State<Hub>,
    session: AgentSession,
    ConversationId(id): ConversationId,
) -> Result<Json<RecordLink>, HttpError> {
    Ok(Json(hub.confirm_record(&session.agent_id, &id)?))
}

/// Erases a customer (admins only): the record, the conversations attached to it or whose
/// chat log is saved on it, their messages, chat logs and events.
#[utoipa::path(
    delete, path = "/v1/customers/{id}", tag = "agent",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Customer id")),
    responses(
        (status = 204, description = "Erased"),
        (status = 401, description = "unauthorized", body = ApiError),
        (status = 403, description = "forbidden: not an admin", body = ApiError),
        (status = 404, description = "not-found", body = ApiError),
        (status = 409, description = "invalid-state: one of the customer's conversations is still live", body = ApiError),
    )
)]
pub async fn erase_customer(
    State(hub): State<Hub>,
    session: AgentSession,
    Path(id): Path<String>,
) -> Result<StatusCode, HttpError> {
    hub.erase_customer(&session.agent_id, &id)?;
    Ok(StatusCode::NO_CONTENT)
}
