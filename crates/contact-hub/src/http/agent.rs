//! The agent API (`/v1/…`, bearer token). Each handler reads its input, calls one operation
//! of the [`Hub`], and maps the result.

use axum::extract::rejection::PathRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use hub_protocol::{
    AgentSummary, ApiError, AssignedQueues, Assignment, Channel, ConferenceRequest, FaqAnswer,
    LoginRequest, LoginResponse, Message, Queue, Reason, SendMessageRequest, SetQueuesRequest,
    SetStateRequest, StateSince, TransferRequest, WrapupRequest,
};

use super::error::HttpError;
use super::extract::{last_event_id, ClientIp, ConversationId, JsonBody};
use super::sse;
use crate::error::HubError;
use crate::hub::{AgentSession, Hub, Written};

/// Signs an agent in. Each sign-in gets a new token; earlier ones stay valid. Attempts are
/// limited per client address and per user name (`[limits]`).
#[utoipa::path(
    post, path = "/v1/sessions", tag = "agent",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = LoginResponse),
        (status = 401, description = "invalid-credentials", body = ApiError),
        (status = 400, description = "invalid-request", body = ApiError),
        (status = 429, description = "rate-limited: too many attempts; see Retry-After", body = ApiError,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn login(
    State(hub): State<Hub>,
    ClientIp(ip): ClientIp,
    JsonBody(request): JsonBody<LoginRequest>,
) -> Result<Json<LoginResponse>, HttpError> {
    Ok(Json(hub.login(request, ip).await?))
}

/// Revokes every device token of the signed-in agent: each remembered desk needs the
/// password again.
#[utoipa::path(
    delete, path = "/v1/agents/me/devices", tag = "agent",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Every remembered device forgotten"),
        (status = 401, description = "unauthorized", body = ApiError),
    )
)]
pub async fn forget_devices(
    State(hub): State<Hub>,
    session: AgentSession,
) -> Result<StatusCode, HttpError> {
    hub.forget_devices(&session)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Signs this session out: the token stops working, the agent is logged out and their
/// open offers go to other agents.
#[utoipa::path(
    delete, path = "/v1/sessions/current", tag = "agent",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "unauthorized", body = ApiError),
    )
)]
pub async fn logout(
    State(hub): State<Hub>,
    session: AgentSession,
) -> Result<StatusCode, HttpError> {
    hub.logout(&session)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sets the agent's own state: available, idle with a code, or working offline. RONA and
/// logged-out are the hub's to set (`invalid-agent-state`).
#[utoipa::path(
    put, path = "/v1/agents/me/state", tag = "agent",
    security(("bearer" = [])),
    request_body = SetStateRequest,
    responses(
        (status = 200, description = "The state now", body = StateSince),
        (status = 404, description = "not-found: no such idle code", body = ApiError),
        (status = 422, description = "invalid-agent-state", body = ApiError),
    )
)]
pub async fn set_state(
    State(hub): State<Hub>,
    session: AgentSession,
    JsonBody(body): JsonBody<serde_json::Value>,
) -> Result<Json<StateSince>, HttpError> {
    // Read loosely first: `{"kind":"rona"}` is a well-formed request for a state the agent
    // may not set, which deserves its own code rather than a generic parse error.
    let kind = body.pointer("/state/kind").and_then(|k| k.as_str()).unwrap_or_default();
    if matches!(kind, "rona" | "loggedOut") {
        return Err(HubError::InvalidAgentState(kind.to_owned()).into());
    }
    let request: SetStateRequest = serde_json::from_value(body)
        .map_err(|e| HubError::InvalidRequest(format!("not a state request: {e}")))?;
    Ok(Json(hub.set_state(&session.agent_id, request.state)?))
}

/// Every agent with their state and how many conversations they hold.
#[utoipa::path(
    get, path = "/v1/agents", tag = "agent",
    security(("bearer" = [])),
    responses((status = 200, description = "All agents", body = Vec<AgentSummary>))
)]
pub async fn agents(
    State(hub): State<Hub>,
    _session: AgentSession,
) -> Result<Json<Vec<AgentSummary>>, HttpError> {
    Ok(Json(hub.agents()?))
}

/// Every queue with the number of customers waiting in it.
#[utoipa::path(
    get, path = "/v1/queues", tag = "agent",
    security(("bearer" = [])),
    responses((status = 200, description = "All queues", body = Vec<Queue>))
)]
pub async fn queues(
    State(hub): State<Hub>,
    _session: AgentSession,
) -> Result<Json<Vec<Queue>>, HttpError> {
    Ok(Json(hub.queues()?))
}

/// The configured wrap-up reasons with their labels.
#[utoipa::path(
    get, path = "/v1/wrapup-reasons", tag = "agent",
    security(("bearer" = [])),
    responses((status = 200, description = "Wrap-up reasons", body = Vec<Reason>))
)]
pub async fn wrapup_reasons(State(hub): State<Hub>, _session: AgentSession) -> Json<Vec<Reason>> {
    Json(hub.wrapup_reasons())
}

/// The configured idle codes with their labels.
#[utoipa::path(
    get, path = "/v1/idle-codes", tag = "agent",
    security(("bearer" = [])),
    responses((status = 200, description = "Idle codes", body = Vec<Reason>))
)]
pub async fn idle_codes(State(hub): State<Hub>, _session: AgentSession) -> Json<Vec<Reason>> {
    Json(hub.idle_codes())
}

/// "My assigned queues": the agent's queues and which of them offer chats, and whether the
/// agent may change that.
#[utoipa::path(
    get, path = "/v1/agents/me/queues", tag = "agent",
    security(("bearer" = [])),
    responses((status = 200, description = "The assigned queues", body = AssignedQueues))
)]
pub async fn my_queues(
    State(hub): State<Hub>,
    session: AgentSession,
) -> Result<Json<AssignedQueues>, HttpError> {
    Ok(Json(hub.assigned_queues(&session.agent_id)?))
}

/// Turns the agent's assigned queues on and off (where the admin lets agents choose):
/// `enabled` offer chats from now on, the others not.
#[utoipa::path(
    put, path = "/v1/agents/me/queues", tag = "agent",
    security(("bearer" = [])),
    request_body = SetQueuesRequest,
    responses(
        (status = 200, description = "The assigned queues now", body = AssignedQueues),
        (status = 400, description = "invalid-request", body = ApiError),
        (status = 404, description = "not-found: a queue not assigned to the agent", body = ApiError),
        (status = 403, description = "forbidden: the admin keeps the choice", body = ApiError),
    )
)]
pub async fn set_my_queues(
    State(hub): State<Hub>,
    session: AgentSession,
    JsonBody(request): JsonBody<SetQueuesRequest>,
) -> Result<Json<AssignedQueues>, HttpError> {
    Ok(Json(hub.set_assigned_queues(&session.agent_id, &request.enabled)?))
}

/// The FAQ answers in every configured language.
#[utoipa::path(
    get, path = "/v1/faq", tag = "agent",
    security(("bearer" = [])),
    responses((status = 200, description = "FAQ answers", body = Vec<FaqAnswer>))
)]
pub async fn faq(State(hub): State<Hub>, _session: AgentSession) -> Json<Vec<FaqAnswer>> {
    Json(hub.faq())
}

/// Accepts an offer; the conversation becomes the agent's.
#[utoipa::path(
    post, path = "/v1/conversations/{id}/accept", tag = "agent",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    responses(
        (status = 200, description = "Accepted", body = Assignment),
        (status = 409, description = "offer-expired", body = ApiError),
        (status = 403, description = "not-your-conversation", body = ApiError),
        (status = 404, description = "not-found", body = ApiError),
    )
)]
pub async fn accept(
    State(hub): State<Hub>,
    session: AgentSession,
    ConversationId(id): ConversationId,
) -> Result<Json<Assignment>, HttpError> {
    Ok(Json(hub.accept(&session.agent_id, &id)?))
}

/// Rejects an offer (where the admin allows it); it goes to the next agent.
#[utoipa::path(
    post, path = "/v1/conversations/{id}/reject", tag = "agent",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    responses(
        (status = 204, description = "Rejected"),
        (status = 403, description = "reject-not-allowed", body = ApiError),
        (status = 409, description = "offer-expired", body = ApiError),
    )
)]
pub async fn reject(
    State(hub): State<Hub>,
    session: AgentSession,
    ConversationId(id): ConversationId,
) -> Result<StatusCode, HttpError> {
    hub.reject(&session.agent_id, &id)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Writes to the customer. 201 for a new message, 200 when the client id was seen before
/// (the first message is returned and nothing is written).
#[utoipa::path(
    post, path = "/v1/conversations/{id}/messages", tag = "agent",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    request_body = SendMessageRequest,
    responses(
        (status = 201, description = "Sent", body = Message),
        (status = 200, description = "Already sent with this client id", body = Message),
        (status = 422, description = "message-empty, message-too-long, reserved-characters", body = ApiError),
        (status = 409, description = "invalid-state", body = ApiError),
        (status = 403, description = "not-your-conversation", body = ApiError),
    )
)]
pub async fn send_message(
    State(hub): State<Hub>,
    session: AgentSession,
    ConversationId(id): ConversationId,
    JsonBody(request): JsonBody<SendMessageRequest>,
) -> Result<Response, HttpError> {
    let (message, written) = hub.send_agent_message(&session.agent_id, &id, request)?;
    Ok(message_response(message, written))
}

/// Sends a failed WhatsApp or Messenger reply again: the same message, back to `sending`.
#[utoipa::path(
    post, path = "/v1/conversations/{id}/messages/{message_id}/retry", tag = "agent",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Conversation id"),
        ("message_id" = String, Path, description = "The failed message's id"),
    ),
    responses(
        (status = 200, description = "Queued again (or already on its way)", body = Message),
        (status = 409, description = "messaging-window-closed, invalid-state", body = ApiError),
        (status = 403, description = "not-your-conversation", body = ApiError),
        (status = 404, description = "not-found", body = ApiError),
    )
)]
pub async fn retry_message(
    State(hub): State<Hub>,
    session: AgentSession,
    axum::extract::Path((id, message_id)): axum::extract::Path<(String, String)>,
) -> Result<Json<Message>, HttpError> {
    Ok(Json(hub.retry_message(&session.agent_id, &id, &message_id)?))
}

/// Ends the conversation; wrap-up is due.
#[utoipa::path(
    post, path = "/v1/conversations/{id}/end", tag = "agent",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    responses(
        (status = 204, description = "Ended (or already in wrap-up)"),
        (status = 409, description = "invalid-state", body = ApiError),
        (status = 403, description = "not-your-conversation", body = ApiError),
    )
)]
pub async fn end(
    State(hub): State<Hub>,
    session: AgentSession,
    ConversationId(id): ConversationId,
) -> Result<StatusCode, HttpError> {
    hub.end_by_agent(&session.agent_id, &id)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Submits the wrap-up reason; the conversation closes.
#[utoipa::path(
    post, path = "/v1/conversations/{id}/wrapup", tag = "agent",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    request_body = WrapupRequest,
    responses(
        (status = 204, description = "Closed"),
        (status = 404, description = "not-found: no such reason or conversation", body = ApiError),
        (status = 409, description = "invalid-state", body = ApiError),
        (status = 422, description = "disposition-required: the queue requires a reason and none was given", body = ApiError),
    )
)]
pub async fn wrapup(
    State(hub): State<Hub>,
    session: AgentSession,
    ConversationId(id): ConversationId,
    JsonBody(request): JsonBody<WrapupRequest>,
) -> Result<StatusCode, HttpError> {
    hub.wrap_up(&session.agent_id, &id, request.reason_id.as_deref())?;
    Ok(StatusCode::NO_CONTENT)
}

/// Transfers the conversation to a colleague (offered to them) or a queue (routed again);
/// the transferring agent's wrap-up is due at once.
#[utoipa::path(
    post, path = "/v1/conversations/{id}/transfer", tag = "agent",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    request_body = TransferRequest,
    responses(
        (status = 204, description = "Handed on"),
        (status = 409, description = "agent-unavailable, invalid-state (not active, or in a conference), conversation-interrupted", body = ApiError),
        (status = 403, description = "not-your-conversation", body = ApiError),
        (status = 404, description = "not-found: no such agent or queue", body = ApiError),
        (status = 400, description = "invalid-request: yourself, or a queue of another channel", body = ApiError),
    )
)]
pub async fn transfer(
    State(hub): State<Hub>,
    session: AgentSession,
    ConversationId(id): ConversationId,
    JsonBody(request): JsonBody<TransferRequest>,
) -> Result<StatusCode, HttpError> {
    hub.transfer(&session.agent_id, &id, request.target)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Invites a colleague, or the agent routing would pick in a queue, into the conversation.
#[utoipa::path(
    post, path = "/v1/conversations/{id}/conference", tag = "agent",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    request_body = ConferenceRequest,
    responses(
        (status = 204, description = "Requested: the guest has an offer"),
        (status = 409, description = "agent-unavailable, invalid-state (already a conference), conversation-interrupted", body = ApiError),
        (status = 403, description = "not-your-conversation", body = ApiError),
        (status = 404, description = "not-found: no such agent or queue", body = ApiError),
    )
)]
pub async fn request_conference(
    State(hub): State<Hub>,
    session: AgentSession,
    ConversationId(id): ConversationId,
    JsonBody(request): JsonBody<ConferenceRequest>,
) -> Result<StatusCode, HttpError> {
    hub.request_conference(&session.agent_id, &id, request.target)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends the conference, not the conversation: the guest exits, or the owner withdraws the
/// invitation or removes the guest.
#[utoipa::path(
    delete, path = "/v1/conversations/{id}/conference", tag = "agent",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    responses(
        (status = 204, description = "The conference is over; the conversation goes on"),
        (status = 409, description = "invalid-state: no conference", body = ApiError),
        (status = 403, description = "not-your-conversation", body = ApiError),
    )
)]
pub async fn leave_conference(
    State(hub): State<Hub>,
    session: AgentSession,
    ConversationId(id): ConversationId,
) -> Result<StatusCode, HttpError> {
    hub.leave_conference(&session.agent_id, &id)?;
    Ok(StatusCode::NO_CONTENT)
}

/// The agent is typing; the customer's widget shows it. Best effort: relayed at most once a
/// second, never stored.
#[utoipa::path(
    post, path = "/v1/conversations/{id}/typing", tag = "agent",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    responses(
        (status = 204, description = "Relayed, or nothing to relay"),
        (status = 403, description = "not-your-conversation", body = ApiError),
    )
)]
pub async fn typing(
    State(hub): State<Hub>,
    session: AgentSession,
    ConversationId(id): ConversationId,
) -> Result<StatusCode, HttpError> {
    hub.agent_typing(&session.agent_id, &id)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes a queue (admins only): it is no longer listed nor takes new conversations; its
/// waiting conversations close and its live ones are interrupted (only End is left).
#[utoipa::path(
    delete, path = "/v1/queues/{id}", tag = "agent",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Queue id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "forbidden: not an admin", body = ApiError),
        (status = 404, description = "not-found", body = ApiError),
    )
)]
pub async fn delete_queue(
    State(hub): State<Hub>,
    session: AgentSession,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<StatusCode, HttpError> {
    hub.delete_queue(&session.agent_id, &id)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Takes a channel asset out of service (admins only): `whatsapp` and a business number's
/// `phone_number_id`, `messenger` and a page id, or `livechat` and a Livechat entry point
/// (the queue the chat window starts chats in). Its waiting conversations close, its live
/// ones are interrupted (only End is left), and it starts no new conversation: a Livechat
/// start is refused with `entry-point-closed`, a WhatsApp or Messenger message starts none.
#[utoipa::path(
    delete, path = "/v1/channels/{channel}/assets/{id}", tag = "agent",
    security(("bearer" = [])),
    params(
        ("channel" = Channel, Path, description = "The asset's channel"),
        ("id" = String, Path, description = "`phone_number_id`, page id, or Livechat queue id"),
    ),
    responses(
        (status = 204, description = "Taken out of service"),
        (status = 403, description = "forbidden: not an admin", body = ApiError),
        (status = 404, description = "not-found: the hub does not know this asset, its channel is not configured, or it was already taken out of service", body = ApiError),
    )
)]
pub async fn retire_asset(
    State(hub): State<Hub>,
    session: AgentSession,
    path: Result<axum::extract::Path<(Channel, String)>, PathRejection>,
) -> Result<StatusCode, HttpError> {
    let axum::extract::Path((channel, id)) =
        path.map_err(|r| HttpError::invalid_request(StatusCode::BAD_REQUEST, r.body_text()))?;
    hub.retire_asset(&session.agent_id, channel, &id)?;
    Ok(StatusCode::NO_CONTENT)
}

/// The agent's event stream (SSE). Without `Last-Event-ID` (or with 0) it opens with a
/// snapshot (id 0); with one it replays the stored events after it. Then live events.
#[utoipa::path(
    get, path = "/v1/events", tag = "agent",
    security(("bearer" = [])),
    params(("Last-Event-ID" = Option<u64>, Header, description = "Resume after this event id")),
    responses(
        (status = 200, description = "SSE: `id:` event id, `data:` AgentEvent (JSON)", content_type = "text/event-stream", body = super::sse::ServerSentEvent),
        (status = 401, description = "unauthorized", body = ApiError),
        (status = 429, description = "rate-limited: the session holds its most event streams already", body = ApiError,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn events(
    State(hub): State<Hub>,
    session: AgentSession,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    let after = last_event_id(&headers)?;
    let (snapshot, feed) = hub.agent_feed(&session, after).await?;
    Ok(sse::respond(snapshot, feed).into_response())
}

/// 201 for a message written now, 200 for one found by its client id.
pub(super) fn message_response(message: Message, written: Written) -> Response {
    let status = match written {
        Written::New => StatusCode::CREATED,
        Written::Existing => StatusCode::OK,
    };
    (status, Json(message)).into_response()
}
