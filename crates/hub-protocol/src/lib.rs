//! Wire types shared by the contact hub and Agent Desk.
//!
//! Everything that crosses the hub's HTTP surface (REST bodies and SSE event payloads) is
//! defined here once, so the server and the desk cannot drift apart. The crate is serde only:
//! no I/O, no HTTP types. Field names are camelCase on the wire.
//!
//! Times are milliseconds since the Unix epoch *as the hub's clock reads them* ([`Millis`]).
//! Every event carries the hub's clock at emission (`at`), which lets a desk whose clock is
//! skewed still show a correct "waiting for" timer.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// Milliseconds since the Unix epoch, on the hub's clock.
pub type Millis = i64;

/// The one error shape on the wire. The desk maps `code` to a Fluent message id and never
/// looks at `message`, which is an English explanation for logs and engineers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

/// Machine-readable error codes. Each has a Fluent id `error-<code>` in every locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ErrorCode {
    /// Missing, malformed or expired bearer token.
    Unauthorized,
    /// Wrong user name or password at sign-in.
    InvalidCredentials,
    /// The body could not be read or a field is out of range.
    InvalidRequest,
    /// No such conversation, queue, agent, reason or code.
    NotFound,
    /// The message is longer than the channel allows.
    MessageTooLong,
    /// The message is empty (only whitespace).
    MessageEmpty,
    /// The message contains `<` or `>`, reserved for template parameters.
    ReservedCharacters,
    /// The offer was withdrawn (timed out, or taken back) before it was accepted.
    OfferExpired,
    /// The admin does not allow agents to reject contact requests.
    RejectNotAllowed,
    /// The action does not fit the conversation's current state (e.g. wrap-up before end).
    InvalidState,
    /// The conversation belongs to another agent.
    NotYourConversation,
    /// The case (chat log) belongs to another agent's conversation: only its agent, an agent
    /// of the conversation or an admin may change it.
    NotYourCase,
    /// The agent state cannot be set that way (e.g. to RONA, which only the hub sets).
    InvalidAgentState,
    /// The conversation has ended; the customer can no longer write into it.
    ConversationEnded,
    /// A channel webhook's `X-Hub-Signature-256` is missing or does not match the body.
    InvalidSignature,
    /// WhatsApp or Messenger no longer allows a free-text reply: the customer last wrote too
    /// long ago (see [`Channel::reply_window`]).
    MessagingWindowClosed,
    /// The channel's platform refused the message for now: too many messages; retry later.
    ChannelRateLimited,
    /// The channel's platform refused the hub's access token (expired or revoked).
    ChannelAuthFailed,
    /// The channel's platform refused the message for another reason.
    ChannelRejected,
    /// The channel's platform could not be reached.
    ChannelUnreachable,
    /// The agent chosen for a transfer or conference is not Available with a free slot (or,
    /// for a queue, nobody in it is).
    AgentUnavailable,
    /// An admin deleted the queue the conversation belongs to, or took the channel asset it
    /// came through out of service: it can only be ended.
    ConversationInterrupted,
    /// The Livechat entry point the customer tried to start a chat in was taken out of
    /// service by an admin.
    EntryPointClosed,
    /// The action is for admins only (deleting a queue), or the admin keeps it for
    /// themselves (an agent changing their assigned queues when that is not allowed).
    Forbidden,
    /// The conversation's queue requires a disposition (wrap-up reason) and none was given.
    DispositionRequired,
    /// A chat log is saved on a customer's record: pick the customer first.
    CustomerRequired,
    /// Too many requests through this door (sign-in, a Livechat start, message or typing):
    /// retry after the `Retry-After` header's seconds.
    RateLimited,
    /// The hub failed; the message says why in its logs.
    Internal,
}

impl ErrorCode {
    /// Every code, for checks that each has its message (see `as_str`, whose match has no
    /// wildcard: a new variant does not compile until it is handled, and belongs here too).
    pub const ALL: [ErrorCode; 28] = [
        Self::Unauthorized,
        Self::InvalidCredentials,
        Self::InvalidRequest,
        Self::NotFound,
        Self::MessageTooLong,
        Self::MessageEmpty,
        Self::ReservedCharacters,
        Self::OfferExpired,
        Self::RejectNotAllowed,
        Self::InvalidState,
        Self::NotYourConversation,
        Self::NotYourCase,
        Self::InvalidAgentState,
        Self::ConversationEnded,
        Self::InvalidSignature,
        Self::MessagingWindowClosed,
        Self::ChannelRateLimited,
        Self::ChannelAuthFailed,
        Self::ChannelRejected,
        Self::ChannelUnreachable,
        Self::AgentUnavailable,
        Self::ConversationInterrupted,
        Self::EntryPointClosed,
        Self::Forbidden,
        Self::DispositionRequired,
        Self::CustomerRequired,
        Self::RateLimited,
        Self::Internal,
    ];

    /// The code as it appears on the wire (`"offer-expired"`), also the Fluent id suffix.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unauthorized => "unauthorized",
            Self::InvalidCredentials => "invalid-credentials",
            Self::InvalidRequest => "invalid-request",
            Self::NotFound => "not-found",
            Self::MessageTooLong => "message-too-long",
            Self::MessageEmpty => "message-empty",
            Self::ReservedCharacters => "reserved-characters",
            Self::OfferExpired => "offer-expired",
            Self::RejectNotAllowed => "reject-not-allowed",
            Self::InvalidState => "invalid-state",
            Self::NotYourConversation => "not-your-conversation",
            Self::NotYourCase => "not-your-case",
            Self::InvalidAgentState => "invalid-agent-state",
            Self::ConversationEnded => "conversation-ended",
            Self::InvalidSignature => "invalid-signature",
            Self::MessagingWindowClosed => "messaging-window-closed",
            Self::ChannelRateLimited => "channel-rate-limited",
            Self::ChannelAuthFailed => "channel-auth-failed",
            Self::ChannelRejected => "channel-rejected",
            Self::ChannelUnreachable => "channel-unreachable",
            Self::AgentUnavailable => "agent-unavailable",
            Self::ConversationInterrupted => "conversation-interrupted",
            Self::EntryPointClosed => "entry-point-closed",
            Self::Forbidden => "forbidden",
            Self::DispositionRequired => "disposition-required",
            Self::CustomerRequired => "customer-required",
            Self::RateLimited => "rate-limited",
            Self::Internal => "internal",
        }
    }
}

/// The channel a conversation came through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Livechat,
    Messenger,
    Whatsapp,
}

impl Channel {
    /// The most characters one message may hold on this channel (product documentation:
    /// Livechat 1000, Messenger 1000, WhatsApp 4096). Counted in Unicode scalar values.
    /// Each stays within its platform's own limit: the WhatsApp Cloud API takes a text body
    /// of at most 4096 characters, the Messenger Platform a text of at most 2000, so the
    /// product's stricter 1000 holds there.
    pub fn max_message_chars(self) -> usize {
        match self {
            Self::Livechat | Self::Messenger => 1000,
            Self::Whatsapp => 4096,
        }
    }

    /// How long after the customer's last message the agent may still write freely
    /// (platform policy): WhatsApp 24 hours; Messenger 24 hours, then up to 7 days with the
    /// `HUMAN_AGENT` tag. Livechat has no window. `last_customer_message_at` is when the
    /// customer last wrote, on the platform's clock.
    pub fn reply_window(self, last_customer_message_at: Millis) -> Option<ReplyWindow> {
        const HOUR: Millis = 60 * 60 * 1000;
        match self {
            Self::Livechat => None,
            Self::Whatsapp => Some(ReplyWindow {
                standard_until: last_customer_message_at + 24 * HOUR,
                closes_at: last_customer_message_at + 24 * HOUR,
            }),
            Self::Messenger => Some(ReplyWindow {
                standard_until: last_customer_message_at + 24 * HOUR,
                closes_at: last_customer_message_at + 7 * 24 * HOUR,
            }),
        }
    }
}

/// When an agent may still reply on a channel with a messaging window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReplyWindow {
    /// Until then a reply is an ordinary response.
    pub standard_until: Millis,
    /// After this no free text can reach the customer. Between `standard_until` and this
    /// (Messenger only) replies go out tagged `HUMAN_AGENT`.
    pub closes_at: Millis,
}

impl ReplyWindow {
    pub fn is_open(&self, now: Millis) -> bool {
        now < self.closes_at
    }

    /// Whether a reply sent at `now` needs the Messenger `HUMAN_AGENT` tag.
    pub fn needs_human_agent_tag(&self, now: Millis) -> bool {
        now >= self.standard_until && now < self.closes_at
    }
}

/// Characters the composer refuses: they delimit template parameters.
pub const RESERVED_CHARACTERS: [char; 2] = ['<', '>'];

/// An agent's state as the hub knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum AgentState {
    /// Ready for contact requests.
    Available,
    /// Not taking requests, with a reason from the configured idle codes.
    Idle {
        #[serde(rename = "code")]
        code: String,
    },
    /// Redirection on no answer: set by the hub when an offer was not accepted in time.
    /// Only the agent sets it back.
    Rona,
    /// Signed in but not taking requests, without an idle code.
    WorkingOffline,
    /// No session.
    LoggedOut,
}

/// What an agent may ask the hub to set: RONA and logged-out are the hub's to set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum RequestedState {
    Available,
    Idle { code: String },
    WorkingOffline,
}

/// `PUT /v1/agents/me/state` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SetStateRequest {
    pub state: RequestedState,
}

/// An agent state with the hub time it began.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct StateSince {
    pub state: AgentState,
    pub since: Millis,
}

/// `POST /v1/sessions` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct LoginRequest {
    pub username: String,
    /// Empty when signing in with `deviceToken`.
    #[serde(default)]
    pub password: String,
    /// A device token from an earlier sign-in ("remember me"), instead of the password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_token: Option<String>,
    /// Give this device a token to sign in with later (`LoginResponse::device_token`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remember_device: bool,
}

/// `POST /v1/sessions` answer: the bearer token and what the desk needs to start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct LoginResponse {
    pub token: String,
    /// With `rememberDevice` and a password: a token this device signs in with later
    /// instead of the password. It ends with a new password or
    /// `DELETE /v1/agents/me/devices`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_token: Option<String>,
    pub agent: AgentProfile,
    pub settings: HubSettings,
    pub state: StateSince,
    /// The hub's clock when it answered.
    pub now: Millis,
}

/// Who the signed-in agent is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AgentProfile {
    pub id: String,
    pub username: String,
    pub display_name: String,
    /// Queue ids the agent serves.
    pub queues: Vec<String>,
    pub capacity: u32,
    /// The agent's preferred UI language, if the admin set one (BCP 47).
    pub language: Option<String>,
}

/// Admin settings the desk must honour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct HubSettings {
    pub accept_timeout_secs: u32,
    pub agents_may_reject: bool,
    /// "Mask sensitive customer data".
    pub mask_sensitive_data: bool,
    /// Whether agents enable and disable their assigned queues themselves ("My assigned
    /// queues"); otherwise the list is read-only and every assigned queue offers chats.
    #[serde(default)]
    pub agents_may_choose_queues: bool,
}

/// A queue (`GET /v1/queues`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Queue {
    pub id: String,
    pub name: String,
    pub channel: Channel,
    /// The market's language (BCP 47), e.g. `fi` for the Finnish queue.
    pub language: String,
    #[serde(default)]
    pub kind: QueueKind,
    /// Conversations waiting in it now.
    pub waiting: u32,
    /// Agents of this queue who are Available with a free slot now.
    #[serde(default)]
    pub available_agents: u32,
}

/// How a queue's conversations are worked, which sets the compose box's capacity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum QueueKind {
    /// The channel's own limits ([`Channel::max_message_chars`]).
    #[default]
    Standard,
    /// An 8x8-style chat window: 1940 characters a message, whatever the channel.
    ChatWindow,
}

impl QueueKind {
    /// The chat window's capacity, from the product documentation.
    pub const CHAT_WINDOW_MAX_CHARS: usize = 1940;

    /// The most characters one message may hold in a conversation of this queue.
    pub fn max_message_chars(self, channel: Channel) -> usize {
        match self {
            Self::Standard => channel.max_message_chars(),
            Self::ChatWindow => Self::CHAT_WINDOW_MAX_CHARS,
        }
    }
}

/// Whether a queue's conversations get a chat log (a case) when they end: an admin setting
/// (`[[queues]] chat_log`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ChatLogPolicy {
    /// The hub writes the chat log when the conversation goes to wrap-up, and the wrap-up
    /// has two steps: the disposition, then the chat log.
    #[default]
    Automatic,
    /// No chat log: the wrap-up is one step, the disposition and "Submit wrap-up".
    None,
}

/// How the wrap-up shows the chat log: an admin setting (`[[queues]] chat_log_mode`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ChatLogMode {
    /// View mode when the chat log is already saved on the customer's record, edit mode
    /// otherwise.
    #[default]
    Auto,
    /// Always view mode first (the agent may still switch to editing).
    View,
    /// Always edit mode.
    Edit,
}

/// One of the agent's assigned queues and whether it offers them chats
/// (`GET /v1/agents/me/queues`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AssignedQueue {
    pub id: String,
    pub name: String,
    pub channel: Channel,
    pub language: String,
    pub enabled: bool,
}

/// "My assigned queues": the queues the admin assigned and which of them are enabled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AssignedQueues {
    /// False when the admin keeps the choice: the list is read-only, every queue enabled.
    pub may_change: bool,
    pub queues: Vec<AssignedQueue>,
}

/// `PUT /v1/agents/me/queues`: the assigned queues that offer chats from now on (the others
/// are disabled). Refused with `forbidden` unless the admin lets agents choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SetQueuesRequest {
    pub enabled: Vec<String>,
}

/// An agent as others see it (`GET /v1/agents`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AgentSummary {
    pub id: String,
    pub display_name: String,
    pub state: AgentState,
    /// Conversations counted against `capacity`: held (active, wrap-up, joined as guest, a
    /// transfer still to wrap up) and offered (an offer or conference invitation not yet
    /// answered), as routing and the transfer and conference checks count them.
    pub active_conversations: u32,
    pub capacity: u32,
}

/// A configured reason with its label in each language the admin gave
/// (`GET /v1/wrapup-reasons`, `GET /v1/idle-codes`). The desk picks the label for the
/// agent's language and falls back to `en-US`, then to the id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    pub id: String,
    /// Language tag → label, e.g. `{"en-US": "Lunch", "fi": "Lounas"}`.
    pub labels: std::collections::BTreeMap<String, String>,
}

/// Where a conversation is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum ConversationState {
    /// Waiting in its queue for an agent.
    Queued,
    /// Offered to an agent who has not answered yet.
    Offered,
    /// An agent accepted it; messages flow.
    Active,
    /// Ended (by agent or customer); the agent still owes a wrap-up.
    WrapUp,
    /// Wrapped up; nothing more happens to it.
    Closed,
}

/// The customer as the channel identified them. Texts here are raw on the hub and masked by
/// the desk before display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Where the contact came from: the page URL for Livechat, the number or page otherwise.
    pub source: Option<String>,
    /// The customer's language, if known (BCP 47).
    pub language: Option<String>,
    /// The account number the customer gave in the pre-chat form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The case number the customer gave in the pre-chat form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_number: Option<String>,
    /// The address the customer's chat window connected from (Livechat).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
}

/// A conversation's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Conversation {
    pub id: String,
    pub channel: Channel,
    pub queue_id: String,
    pub queue_name: String,
    pub customer: Customer,
    pub state: ConversationState,
    /// When the customer started it.
    pub created_at: Millis,
    /// The agent holding (or being offered) it.
    pub agent_id: Option<String>,
    /// When it ended (agent's End, the customer leaving, or a transfer away).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<Millis>,
    /// The business's own account the customer wrote to: the WhatsApp business number or the
    /// Facebook page. Not customer data: the desk masks it only on the contact request's
    /// popover, where the WhatsApp documentation's masking table lists it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<ChannelAccount>,
    /// When the customer last wrote (WhatsApp and Messenger: the platform's timestamp), which
    /// opens the reply window ([`Channel::reply_window`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_customer_message_at: Option<Millis>,
    /// A colleague invited into the conversation, or taking part in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conference: Option<Conference>,
    /// Set when an admin deleted the conversation's queue: nothing can be written into it
    /// any more, and the agent can only end it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interruption: Option<Interruption>,
    /// The queue's kind: with the channel, it sets the message limit.
    #[serde(default)]
    pub queue_kind: QueueKind,
    /// Whether wrap-up needs a disposition (a wrap-up reason) in this queue.
    #[serde(default = "yes")]
    pub disposition_required: bool,
    /// Whether the conversation gets a chat log when it ends (its queue's setting).
    #[serde(default)]
    pub chat_log: ChatLogPolicy,
    /// How the wrap-up shows the chat log (its queue's setting).
    #[serde(default)]
    pub chat_log_mode: ChatLogMode,
    /// The customer record the conversation is attached to: matched when it arrived, or
    /// saved by the agent from the new-record form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<RecordLink>,
}

fn yes() -> bool {
    true
}

impl Conversation {
    /// The most characters one message may hold in this conversation.
    pub fn max_message_chars(&self) -> usize {
        self.queue_kind.max_message_chars(self.channel)
    }
}

/// An agent, as named to other agents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AgentRef {
    pub id: String,
    pub display_name: String,
}

/// A conversation's conference: requested → joined, then gone when the guest exits, the
/// owner removes them or the conversation ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Conference {
    /// The invited agent.
    pub guest: AgentRef,
    pub state: ConferenceState,
    /// When it reached this state.
    pub since: Millis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum ConferenceState {
    /// Offered to the guest, who has not accepted yet.
    Requested,
    /// The guest accepted: owner, guest and customer see every message.
    Joined,
}

/// Why a live conversation was interrupted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Interruption {
    pub reason: InterruptionReason,
    pub at: Millis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum InterruptionReason {
    /// An admin deleted the queue (the entry point) the conversation came through.
    QueueDeleted,
    /// An admin took the channel asset the conversation came through out of service: the
    /// WhatsApp business number, the Facebook page, or the Livechat entry point (the queue
    /// the chat window starts chats in). The conversation's channel says which.
    AssetRemoved,
}

/// A WhatsApp business phone number or a Facebook page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ChannelAccount {
    /// The platform's id: `phone_number_id` or the page id.
    pub id: String,
    /// What people see: the display phone number, or the page's name.
    pub name: String,
}

/// Who wrote a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Author {
    Customer,
    Agent {
        #[serde(rename = "agentId")]
        agent_id: String,
        #[serde(rename = "displayName")]
        display_name: String,
    },
    /// A line from the hub itself (joined, ended…), described by `SystemEvent`.
    System,
}

/// What a system line says, as data: the desk and the widget word it in their language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum SystemEvent {
    AgentJoined {
        #[serde(rename = "displayName")]
        display_name: String,
    },
    /// An agent handed the conversation on (to a colleague or a queue); the next agent's
    /// `agentJoined` follows when they accept.
    Transferred {
        #[serde(rename = "displayName")]
        display_name: String,
    },
    /// A conference guest left; the conversation goes on with its owner.
    AgentLeft {
        #[serde(rename = "displayName")]
        display_name: String,
    },
    /// The colleague a conversation was transferred to did not accept it (`reason`: rejected
    /// or timed out): it went back to its queue. For the agents only: the customer's stream
    /// never carries it (who declined is the desk's business).
    TransferNotAccepted {
        #[serde(rename = "displayName")]
        display_name: String,
        reason: WithdrawReason,
    },
    EndedByAgent,
    EndedByCustomer,
    /// Nobody could answer in time (`[limits] waiting_chat_expiry_secs`): the hub ended the
    /// waiting chat and told the customer.
    Expired,
    /// The customer sent something the desk cannot show (an image, a location, a
    /// reaction…); `content` is the platform's type name, e.g. `image`.
    UnsupportedContent {
        content: String,
    },
}

/// One message in a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub id: String,
    pub conversation_id: String,
    /// The sender's own id for the message: a retry with the same id is the same message.
    pub client_id: Option<String>,
    pub author: Author,
    /// Empty for system lines.
    pub text: String,
    pub system: Option<SystemEvent>,
    pub sent_at: Millis,
    /// For an agent's message on WhatsApp or Messenger: how far it got.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Delivery>,
}

/// How far an agent's message got on its way to the customer's phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum DeliveryStatus {
    /// Stored by the hub, not yet accepted by the platform.
    Sending,
    /// Accepted by the platform.
    Sent,
    Delivered,
    Read,
    /// The platform refused it or could not deliver it; `Delivery::error` says why, and the
    /// agent may retry.
    Failed,
}

impl DeliveryStatus {
    /// Whether a status report `next` may replace this one. Receipts only move forward
    /// (read never goes back to delivered), whatever order the platform sends them in; a
    /// failure replaces only a message not yet delivered, and a retry (`Sending`) only a
    /// failure.
    pub fn may_become(self, next: DeliveryStatus) -> bool {
        use DeliveryStatus::*;
        match (self, next) {
            (Failed, Sending) => true,
            (Failed, _) | (_, Sending) => false,
            (Sending | Sent, Failed) => true,
            (_, Failed) => false,
            (current, next) => next > current,
        }
    }
}

/// A message's delivery state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    pub status: DeliveryStatus,
    /// Why it failed (`channel-…` or `messaging-window-closed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorCode>,
    /// When it reached this status.
    pub at: Millis,
}

/// A contact request offered to one agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Offer {
    pub conversation: Conversation,
    /// The thread so far.
    pub messages: Vec<Message>,
    pub offered_at: Millis,
    /// After this the hub withdraws the offer and sets the agent to RONA.
    pub expires_at: Millis,
    pub can_reject: bool,
    /// A new contact, a colleague's transfer, or a colleague's conference invitation.
    #[serde(default)]
    pub kind: OfferKind,
}

/// Why a conversation is offered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum OfferKind {
    /// Routed from its queue.
    #[default]
    Contact,
    /// A colleague transfers it to this agent: accepting takes it over.
    Transfer { from: AgentRef },
    /// A colleague invites this agent into it: accepting joins as a guest.
    Conference { from: AgentRef },
}

/// A conversation the agent holds, with its thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Assignment {
    pub conversation: Conversation,
    pub messages: Vec<Message>,
    /// Whether this agent owns the conversation or is a conference guest in it.
    #[serde(default)]
    pub role: Role,
}

/// An agent's part in a conversation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum Role {
    /// Holds it: ends, transfers, invites, wraps up.
    #[default]
    Owner,
    /// Invited into a conference: writes and reads, may exit.
    Guest,
    /// Transferred it to a colleague or a queue: the conversation goes on without this
    /// agent, who owes only the wrap-up of their part (a reason; the chat log is written
    /// when the conversation itself ends, under its last owner).
    HandedOn,
}

/// Why an offer went away without being accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum WithdrawReason {
    TimedOut,
    Rejected,
    /// The customer left before anyone accepted.
    CustomerLeft,
    /// The colleague who asked took it back, or the conversation ended first (a conference
    /// invitation).
    Cancelled,
    /// An admin deleted the conversation's queue.
    QueueDeleted,
    /// An admin took the conversation's WhatsApp number, Facebook page or Livechat entry
    /// point out of service.
    AssetRemoved,
}

/// Everything the agent holds, sent first on a fresh event stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    pub state: StateSince,
    pub offers: Vec<Offer>,
    pub assignments: Vec<Assignment>,
}

/// One event on an agent's stream (`GET /v1/events`, SSE). The SSE `id:` field carries
/// `id`; resume with `Last-Event-ID`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AgentEvent {
    /// Monotonically increasing across the hub, persisted: survives a hub restart.
    pub id: u64,
    /// The hub's clock at emission.
    pub at: Millis,
    pub body: AgentEventBody,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum AgentEventBody {
    /// First event of a stream opened without `Last-Event-ID` (id 0: not stored).
    Snapshot {
        snapshot: Snapshot,
    },
    StateChanged {
        state: StateSince,
    },
    Offered {
        offer: Offer,
    },
    OfferWithdrawn {
        conversation_id: String,
        reason: WithdrawReason,
    },
    Assigned {
        assignment: Assignment,
    },
    MessageAdded {
        message: Message,
    },
    /// The conversation ended, or this agent transferred it (`handedOn`): this agent's
    /// wrap-up is due.
    Ended {
        conversation_id: String,
        /// This agent handed it on: the conversation goes on without them, and their task's
        /// role becomes [`Role::HandedOn`].
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        handed_on: bool,
    },
    /// Wrap-up submitted (or, for a conference guest, the conference is over for them); the
    /// conversation is gone from the desk.
    Closed {
        conversation_id: String,
    },
    /// The conference was requested, joined, or ended (`None`).
    ConferenceChanged {
        conversation_id: String,
        conference: Option<Conference>,
    },
    /// An admin deleted the conversation's queue: only End is left.
    Interrupted {
        conversation_id: String,
        interruption: Interruption,
    },
    /// The conversation was attached to a customer record (the agent saved the new-record
    /// form).
    RecordLinked {
        conversation_id: String,
        record: RecordLink,
    },
    /// The customer is typing. Ephemeral: `id` is 0, never stored nor replayed, and the SSE
    /// event has no `id:` line, so `Last-Event-ID` is untouched.
    CustomerTyping {
        conversation_id: String,
    },
    /// A colleague this agent transferred the conversation to did not accept it (`reason`:
    /// rejected or timed out): the hub withdrew the offer and the conversation waits in its
    /// queue again. Sent to the transferring agent whether or not they still hold the task;
    /// stored and replayed like any event.
    TransferNotAccepted {
        conversation_id: String,
        colleague: AgentRef,
        reason: WithdrawReason,
    },
    /// An agent message on WhatsApp or Messenger was sent, delivered, read or failed.
    DeliveryChanged {
        conversation_id: String,
        message_id: String,
        delivery: Delivery,
    },
}

/// `POST /v1/conversations/{id}/messages` and the widget's equivalent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SendMessageRequest {
    /// Generated by the sender; a retry with the same id returns the first message.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 128, pattern = r"\S"))]
    pub client_id: String,
    /// Not blank; at most the conversation's limit (`Conversation::max_message_chars`).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, pattern = r"\S"))]
    pub text: String,
}

/// `POST /v1/conversations/{id}/wrapup`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct WrapupRequest {
    /// The disposition; may be left out where the queue does not require one.
    #[serde(default)]
    pub reason_id: Option<String>,
}

/// Whom a conversation goes to: a colleague, or a queue (routing picks the agent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
// Field renames spelled out: the OpenAPI derive does not read `rename_all_fields`, and the
// document must say `agentId` as the hub requires.
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum HandoffTarget {
    Agent {
        #[serde(rename = "agentId")]
        agent_id: String,
    },
    Queue {
        #[serde(rename = "queueId")]
        queue_id: String,
    },
}

/// `POST /v1/conversations/{id}/transfer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct TransferRequest {
    pub target: HandoffTarget,
}

/// `POST /v1/conversations/{id}/conference`: a queue target invites the agent of that queue
/// routing would pick now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ConferenceRequest {
    pub target: HandoffTarget,
}

/// `POST /widget/v1/conversations`: a customer starts a Livechat conversation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct StartChatRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub name: String,
    pub email: Option<String>,
    /// Any format: the hub compares numbers in E.164.
    #[serde(default)]
    pub phone: Option<String>,
    /// The customer's account number, to find their record.
    #[serde(default)]
    pub account: Option<String>,
    /// A case number the customer refers to.
    #[serde(default)]
    pub case_number: Option<String>,
    /// Queue id; the hub's default Livechat queue when absent.
    pub queue_id: Option<String>,
    pub language: Option<String>,
    /// The page the widget sits on.
    pub source: Option<String>,
    /// The first message: not blank, 1000 characters at most (1940 in a chat-window queue).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000, pattern = r"\S"))]
    pub text: String,
}

/// Answer to [`StartChatRequest`]: the customer's token for this conversation only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct StartChatResponse {
    pub conversation_id: String,
    pub customer_token: String,
}

/// Answer to `POST /widget/v1/conversations/{id}/stream-tickets`: what the customer's event
/// stream URL carries instead of the customer token (`…/events?ticket=…`). It opens that
/// conversation's stream once, within `expiresInSecs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct StreamTicket {
    /// 256 random bits, hex.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 64, max_length = 64, pattern = "^[0-9a-f]{64}$")
    )]
    pub ticket: String,
    /// Seconds the ticket stays valid.
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub expires_in_secs: u32,
}

/// One event on the customer's stream (`GET /widget/v1/conversations/{id}/events`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CustomerEvent {
    pub id: u64,
    pub at: Millis,
    pub body: CustomerEventBody,
}

/// What the customer sees happen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum CustomerEventBody {
    MessageAdded {
        message: Message,
    },
    Ended,
    /// An agent is typing. Ephemeral: `id` 0, not stored, no SSE `id:` line.
    AgentTyping {
        display_name: String,
    },
}

/// `GET /health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Health {
    pub status: String,
    pub version: String,
}

mod records;
pub use records::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_serialize_as_their_fluent_suffix() {
        for code in ErrorCode::ALL {
            let wire = serde_json::to_value(code).unwrap();
            assert_eq!(wire, serde_json::Value::String(code.as_str().to_owned()));
        }
    }

    #[test]
    fn agent_state_is_tagged_by_kind() {
        let idle = AgentState::Idle { code: "lunch".into() };
        let wire = serde_json::to_string(&idle).unwrap();
        assert_eq!(wire, r#"{"kind":"idle","code":"lunch"}"#);
        assert_eq!(serde_json::to_string(&AgentState::Rona).unwrap(), r#"{"kind":"rona"}"#);
    }

    #[test]
    fn event_fields_are_camel_case() {
        let body = AgentEventBody::Ended { conversation_id: "c1".into(), handed_on: false };
        let wire = serde_json::to_string(&body).unwrap();
        assert_eq!(wire, r#"{"type":"ended","conversationId":"c1"}"#);
    }

    #[test]
    fn events_round_trip() {
        let event = AgentEvent {
            id: 7,
            at: 1_700_000_000_000,
            body: AgentEventBody::OfferWithdrawn {
                conversation_id: "c1".into(),
                reason: WithdrawReason::TimedOut,
            },
        };
        let wire = serde_json::to_string(&event).unwrap();
        assert!(wire.contains(r#""type":"offerWithdrawn""#), "{wire}");
        assert_eq!(serde_json::from_str::<AgentEvent>(&wire).unwrap(), event);
    }

    #[test]
    fn receipts_only_move_forward() {
        use DeliveryStatus::*;
        assert!(Sending.may_become(Sent));
        assert!(Sent.may_become(Read), "a lost delivered report is skipped over");
        assert!(!Read.may_become(Delivered));
        assert!(!Delivered.may_become(Sent));
        assert!(Sent.may_become(Failed));
        assert!(!Read.may_become(Failed));
        assert!(Failed.may_become(Sending), "a retry");
        assert!(!Sent.may_become(Sending));
    }

    #[test]
    fn reply_windows_follow_the_platforms() {
        let h = 60 * 60 * 1000;
        assert_eq!(Channel::Livechat.reply_window(0), None);
        let wa = Channel::Whatsapp.reply_window(0).unwrap();
        assert!(wa.is_open(24 * h - 1) && !wa.is_open(24 * h));
        assert!(!wa.needs_human_agent_tag(23 * h));
        let ms = Channel::Messenger.reply_window(0).unwrap();
        assert!(!ms.needs_human_agent_tag(23 * h));
        assert!(ms.needs_human_agent_tag(25 * h));
        assert!(ms.is_open(7 * 24 * h - 1) && !ms.is_open(7 * 24 * h));
    }

    #[test]
    fn channel_limits_follow_the_product_documentation() {
        assert_eq!(Channel::Livechat.max_message_chars(), 1000);
        assert_eq!(Channel::Messenger.max_message_chars(), 1000);
        assert_eq!(Channel::Whatsapp.max_message_chars(), 4096);
    }
}
