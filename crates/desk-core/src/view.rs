//! What the UI is given: already masked, times on the local clock, camelCase.
//!
//! These are the only shapes that leave Rust for the webview. They are built from the desk's
//! masked mirror, never from raw hub data, so the webview cannot hold a raw value.

use hub_protocol::{
    AgentRef, AgentState, Channel, ChatLogMode, ChatLogPolicy, ConferenceState, DeliveryStatus,
    ErrorCode, InterruptionReason, OfferKind, RecordLink, Role, WithdrawReason,
};
use serde::Serialize;

use crate::LocalMillis;

/// Who wrote a message, as the UI styles it (grey customer, blue agent, system line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AuthorKind {
    Customer,
    Agent,
    System,
}

/// A system line's meaning; the UI words it through Fluent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum SystemLine {
    AgentJoined {
        display_name: String,
    },
    /// `display_name` handed the conversation on.
    Transferred {
        display_name: String,
    },
    /// A conference guest left.
    AgentLeft {
        display_name: String,
    },
    /// The colleague `display_name` did not accept the transfer (`reason`: rejected or timed
    /// out); the conversation went back to its queue.
    TransferNotAccepted {
        display_name: String,
        reason: WithdrawReason,
    },
    EndedByAgent,
    EndedByCustomer,
    /// Nobody answered in time: the hub ended the waiting chat.
    Expired,
    /// The customer sent something the desk does not show; `content` is the platform's type
    /// (image, location, reaction…), which the UI words.
    UnsupportedContent {
        content: String,
    },
}

/// How far an agent's WhatsApp or Messenger reply got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryView {
    pub status: DeliveryStatus,
    /// Why it failed; the UI shows `error-<code>` and offers a retry.
    pub error: Option<ErrorCode>,
    pub at: LocalMillis,
}

/// Until when the agent may reply on WhatsApp or Messenger (local clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplyWindowView {
    /// Messenger: after this, replies go out with the `HUMAN_AGENT` tag.
    pub standard_until: LocalMillis,
    /// After this the composer gives way to an explanation.
    pub closes_at: LocalMillis,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageView {
    pub id: String,
    pub conversation_id: String,
    pub author: AuthorKind,
    pub author_name: String,
    /// One or two letters for the customer's avatar; empty when the name has no letters
    /// (for instance a masked phone number).
    pub initials: String,
    pub text: String,
    pub system: Option<SystemLine>,
    pub sent_at: LocalMillis,
    /// Written by the signed-in agent.
    pub mine: bool,
    /// WhatsApp and Messenger replies: sent, delivered, read or failed.
    pub delivery: Option<DeliveryView>,
    /// The id the agent's desk gave its own message: the hub's copy of a message that
    /// waited in the outbox carries the same, so the thread replaces the waiting bubble.
    pub client_id: Option<String>,
    /// Set while the message is in the outbox (not on the hub yet).
    pub outbox: Option<OutboxView>,
}

/// An agent's message the hub does not have yet ([`crate::outbox`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum OutboxView {
    /// It goes out by itself when the hub can be reached again.
    Waiting,
    /// The hub refused it (`error-<error>` in the UI); it is not sent again.
    NotSent { error: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerView {
    pub name: String,
    pub initials: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub source: Option<String>,
    /// The account number from the Livechat pre-chat form.
    pub account: Option<String>,
    /// The case number from the Livechat pre-chat form.
    pub case_number: Option<String>,
    /// The address the customer's chat window connected from (Livechat).
    pub ip: Option<String>,
}

/// A contact request popover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OfferView {
    pub conversation_id: String,
    pub channel: Channel,
    pub queue_name: String,
    pub customer: CustomerView,
    pub messages: Vec<MessageView>,
    /// When the customer's request arrived at the hub (the popover's timer counts from it).
    pub arrived_at: LocalMillis,
    pub offered_at: LocalMillis,
    pub expires_at: LocalMillis,
    pub can_reject: bool,
    /// The agent it is offered to (the popover shows it, as the product documentation does).
    pub agent_name: String,
    /// The WhatsApp business number or Facebook page the customer wrote to.
    pub account: Option<String>,
    /// A new contact, or a colleague's transfer or conference invitation (with their name:
    /// agents' names are not customer data and are shown as the hub gives them).
    pub kind: OfferKind,
    /// The customer record the hub matched (ids only): the popover's "Preview record" reads
    /// it through the desk, masked, before Accept.
    pub record: Option<RecordLink>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TaskState {
    Active,
    /// Ended; the wrap-up reason is still due.
    WrapUp,
}

/// A row in the task list and the header of the interaction pane.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskView {
    pub conversation_id: String,
    pub channel: Channel,
    pub queue_name: String,
    pub customer: CustomerView,
    pub state: TaskState,
    pub last_message: Option<String>,
    pub unread: u32,
    /// The customer's oldest message the agent has not answered yet.
    pub waiting_since: Option<LocalMillis>,
    pub arrived_at: LocalMillis,
    /// The compose box's limit on this channel.
    pub max_chars: usize,
    /// The WhatsApp business number or Facebook page the customer wrote to.
    pub account: Option<String>,
    /// WhatsApp and Messenger: how long a reply is still allowed.
    pub reply_window: Option<ReplyWindowView>,
    /// Whether this agent owns the conversation or is a conference guest in it.
    pub role: Role,
    /// The colleague invited into it, or taking part in it.
    pub conference: Option<ConferenceView>,
    /// Set when an admin deleted the conversation's queue or took the number, page or
    /// Livechat entry point it came through out of service.
    pub interruption: Option<InterruptionView>,
    /// What the agent may do now; the pane shows exactly these controls.
    pub actions: TaskActions,
    /// When the conversation ended (local clock): the task row shows it instead of a timer.
    pub ended_at: Option<LocalMillis>,
    /// Whether the wrap-up needs a disposition in this conversation's queue.
    pub disposition_required: bool,
    /// Whether the conversation has a chat log (its queue's setting): without one, the
    /// wrap-up is the single "Submit wrap-up" step.
    pub chat_log: ChatLogPolicy,
    /// How the wrap-up opens the chat log (its queue's setting).
    pub chat_log_mode: ChatLogMode,
    /// The customer record the conversation is attached to (ids only, nothing to mask).
    pub record: Option<RecordLink>,
}

/// A conversation's conference, as the pane header shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConferenceView {
    pub guest: AgentRef,
    pub state: ConferenceState,
    /// When it reached this state (local clock).
    pub since: LocalMillis,
}

/// Why a conversation can only be ended now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InterruptionView {
    pub reason: InterruptionReason,
    /// What was taken away, in the agent's words: the pane's alert and the announcement
    /// are `pane-interrupted-<cause>` and `announce-interrupted-<cause>`.
    pub cause: InterruptionCause,
    pub at: LocalMillis,
}

/// What an admin took away from an interrupted conversation: its queue, or the channel
/// asset it came through (which one the reason and the conversation's channel say).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InterruptionCause {
    QueueDeleted,
    WhatsappNumberRemoved,
    MessengerPageRemoved,
    LivechatEntryPointRemoved,
}

impl InterruptionCause {
    pub fn of(reason: InterruptionReason, channel: Channel) -> Self {
        match (reason, channel) {
            (InterruptionReason::QueueDeleted, _) => Self::QueueDeleted,
            (InterruptionReason::AssetRemoved, Channel::Whatsapp) => Self::WhatsappNumberRemoved,
            (InterruptionReason::AssetRemoved, Channel::Messenger) => Self::MessengerPageRemoved,
            (InterruptionReason::AssetRemoved, Channel::Livechat) => {
                Self::LivechatEntryPointRemoved
            }
        }
    }
}

/// The controls of the interaction pane for one conversation. Decided here, from the hub's
/// state, so the rules (a guest cannot end, nothing but End in an interrupted chat, no
/// transfer during a conference) live in one tested place instead of in the webview.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskActions {
    /// The compose box takes messages.
    pub compose: bool,
    /// End (the owner's; during a joined conference it ends the conference and the chat).
    pub end: bool,
    pub transfer: bool,
    /// Invite a colleague (the owner, with no conference requested or joined).
    pub conference: bool,
    /// The owner removes the guest, or withdraws a pending invitation.
    pub remove_guest: bool,
    /// The guest leaves the conference.
    pub exit_conference: bool,
    /// The wrap-up reason is due (the owner once the conversation ended, or the agent who
    /// handed it on).
    pub wrap_up: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PresenceView {
    pub state: AgentState,
    pub since: LocalMillis,
}

/// A conversation the agent closed in this session (the agent's interaction history).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryView {
    pub conversation_id: String,
    pub channel: Channel,
    pub queue_name: String,
    pub customer: CustomerView,
    pub last_message: Option<String>,
    pub closed_at: LocalMillis,
}

/// Everything on the desk at once, for a (re)load of the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeskView {
    pub presence: PresenceView,
    pub offers: Vec<OfferView>,
    pub tasks: Vec<TaskView>,
    /// Most recent first.
    pub history: Vec<HistoryView>,
}

/// One change to the desk, as the UI hears of it (one Tauri event each).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskChange {
    /// The whole desk was replaced (a fresh stream after a reconnect without resume).
    Reset(DeskView),
    Presence(PresenceView),
    Offered(OfferView),
    OfferWithdrawn {
        conversation_id: String,
        reason: WithdrawReason,
    },
    Task(TaskView),
    TaskRemoved {
        conversation_id: String,
    },
    /// A closed conversation joined the agent's history.
    History(HistoryView),
    Message(MessageView),
    /// The customer is typing in this conversation (ephemeral: shown for a few seconds).
    CustomerTyping {
        conversation_id: String,
    },
    /// A transfer this agent made was not accepted: the desk shows a notice.
    TransferNotAccepted(TransferNoticeView),
}

/// A colleague did not accept this agent's transfer; the conversation is back in its queue.
/// The notice names the colleague only: the agent may no longer hold the conversation, so
/// the desk may have no customer name left to show (and never a raw one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TransferNoticeView {
    pub conversation_id: String,
    /// The colleague's display name (agents' names are not customer data).
    pub colleague: String,
    /// `rejected` (declined, or signed out) or `timedOut`.
    pub reason: WithdrawReason,
}

/// A queue a conversation can be handed to (`GET /v1/queues`, same channel only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueTargetView {
    pub id: String,
    pub name: String,
    pub language: String,
    /// Customers waiting in it now.
    pub waiting: u32,
    /// Its agents who are Available with a free slot now.
    pub available_agents: u32,
}

/// A colleague a conversation can be handed to (`GET /v1/agents`, without this agent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentTargetView {
    pub id: String,
    pub display_name: String,
    pub state: AgentState,
    pub active_conversations: u32,
    pub capacity: u32,
    /// Available with a free slot: the hub would accept a transfer or invitation to them.
    /// The others are listed (the agent sees why) but cannot be chosen.
    pub selectable: bool,
}

/// What the Transfer and Conference dialogs list, fetched fresh from the hub.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HandoffTargetsView {
    pub queues: Vec<QueueTargetView>,
    pub agents: Vec<AgentTargetView>,
}
