//! The desk's mirror of the hub for one signed-in agent.
//!
//! The hub is the source of truth: the desk changes only when a hub event says so
//! ([`Desk::ingest`]), never on its own. Ingesting is also where masking happens, once, for
//! every text that came from outside (customer names, emails, numbers, sources, messages),
//! so what the desk stores and hands on is already safe to show.

use std::collections::BTreeMap;

use hub_protocol::{
    AgentEvent, AgentEventBody, AgentProfile, Assignment, Author, Channel, ConferenceState,
    Conversation, ConversationState, Customer, Message, Offer, Role, StateSince, SystemEvent,
};
use masking::Masker;

use crate::clock::ClockSkew;
use crate::view::{
    AuthorKind, ConferenceView, CustomerView, DeliveryView, DeskChange, DeskView, HistoryView,
    InterruptionCause, InterruptionView, MessageView, OfferView, PresenceView, ReplyWindowView,
    SystemLine, TaskActions, TaskState, TaskView, TransferNoticeView,
};
use crate::LocalMillis;

/// How much of the last message a task row previews.
const PREVIEW_CHARS: usize = 120;
/// How many closed conversations the history keeps.
const HISTORY_LEN: usize = 50;

/// Masks customer text when the admin turned "Mask sensitive customer data" on.
#[derive(Debug, Default)]
pub struct Redactor {
    masker: Option<Masker>,
}

impl Redactor {
    pub fn new(enabled: bool) -> Self {
        Self { masker: enabled.then(Masker::new) }
    }

    pub fn enabled(&self) -> bool {
        self.masker.is_some()
    }

    pub fn text(&self, text: &str) -> String {
        match &self.masker {
            Some(masker) => masker.mask(text).into_owned(),
            None => text.to_owned(),
        }
    }

    fn customer(&self, customer: &mut Customer) {
        // The IP address goes through the masker too: the masking rules, not this list,
        // decide what is sensitive (today an address is shown as it is).
        for field in [Some(&mut customer.name), customer.email.as_mut(), customer.phone.as_mut()]
            .into_iter()
            .flatten()
            .chain(customer.source.as_mut())
            .chain(customer.account.as_mut())
            .chain(customer.case_number.as_mut())
            .chain(customer.ip.as_mut())
        {
            *field = self.text(field);
        }
    }

    fn conversation(&self, conversation: &mut Conversation) {
        self.customer(&mut conversation.customer);
    }

    fn message(&self, message: &mut Message) {
        message.text = self.text(&message.text);
    }
}

#[derive(Debug)]
struct Task {
    conversation: Conversation,
    messages: Vec<Message>,
    unread: u32,
    /// Owner, or conference guest.
    role: Role,
}

/// One agent's desk.
#[derive(Debug)]
pub struct Desk {
    me: AgentProfile,
    redactor: Redactor,
    skew: ClockSkew,
    presence: StateSince,
    offers: BTreeMap<String, Offer>,
    /// In the order the agent accepted them.
    tasks: Vec<Task>,
    /// Closed in this session, most recent first (already masked, like everything here).
    history: Vec<HistoryView>,
    last_event_id: Option<u64>,
}

impl Desk {
    /// A desk right after sign-in. `hub_now` is the hub's clock from the sign-in answer.
    pub fn new(
        me: AgentProfile,
        mask_sensitive_data: bool,
        state: StateSince,
        hub_now: hub_protocol::Millis,
        now: LocalMillis,
    ) -> Self {
        let mut skew = ClockSkew::default();
        skew.observe(hub_now, now);
        Self {
            me,
            redactor: Redactor::new(mask_sensitive_data),
            skew,
            presence: state,
            offers: BTreeMap::new(),
            tasks: Vec::new(),
            history: Vec::new(),
            last_event_id: None,
        }
    }

    pub fn me(&self) -> &AgentProfile {
        &self.me
    }

    pub fn redactor(&self) -> &Redactor {
        &self.redactor
    }

    /// The id to resume the hub's stream from (`Last-Event-ID`).
    pub fn last_event_id(&self) -> Option<u64> {
        self.last_event_id
    }

    pub fn skew(&self) -> ClockSkew {
        self.skew
    }

    /// The contact requests pending now.
    pub fn offer_ids(&self) -> Vec<String> {
        self.offers.keys().cloned().collect()
    }

    /// The channel of a conversation the agent holds (its compose rules depend on it).
    pub fn channel_of(&self, conversation_id: &str) -> Option<Channel> {
        self.task(conversation_id).map(|task| task.conversation.channel)
    }

    /// The most characters one message may hold in a conversation the agent holds: the
    /// queue's kind decides (a chat window takes 1940 whatever the channel), else the channel.
    pub fn max_message_chars_of(&self, conversation_id: &str) -> Option<usize> {
        self.task(conversation_id).map(|task| task.conversation.max_message_chars())
    }

    /// The FAQ answers for a conversation the agent holds that match `query`, filled in with
    /// its customer's name as the desk holds it (masked) and the agent's.
    pub fn faq_results(
        &self,
        book: &crate::faq::FaqBook,
        conversation_id: &str,
        query: &str,
    ) -> Option<Vec<crate::faq::FaqResultView>> {
        let task = self.task(conversation_id)?;
        Some(book.results_for(&task.conversation, &self.me.display_name, query))
    }

    /// Applies one hub event; returns what changed, for the UI. Masks on the way in.
    pub fn ingest(&mut self, event: AgentEvent, now: LocalMillis) -> Vec<DeskChange> {
        self.skew.observe(event.at, now);
        if event.id > 0 {
            if self.last_event_id.is_some_and(|last| event.id <= last) {
                return Vec::new(); // replayed after a resume: already applied
            }
            self.last_event_id = Some(event.id);
        }
        match event.body {
            AgentEventBody::Snapshot { snapshot } => {
                self.presence = snapshot.state;
                self.offers.clear();
                self.tasks.clear();
                for offer in snapshot.offers {
                    self.put_offer(offer);
                }
                for assignment in snapshot.assignments {
                    self.put_assignment(assignment);
                }
                vec![DeskChange::Reset(self.view())]
            }
            AgentEventBody::StateChanged { state } => {
                self.presence = state;
                vec![DeskChange::Presence(self.presence_view())]
            }
            AgentEventBody::Offered { offer } => {
                let id = offer.conversation.id.clone();
                self.put_offer(offer);
                self.offer_view(&id).map(DeskChange::Offered).into_iter().collect()
            }
            AgentEventBody::OfferWithdrawn { conversation_id, reason } => {
                self.offers.remove(&conversation_id);
                vec![DeskChange::OfferWithdrawn { conversation_id, reason }]
            }
            AgentEventBody::Assigned { assignment } => {
                let id = assignment.conversation.id.clone();
                self.offers.remove(&id);
                self.put_assignment(assignment);
                self.task_view_of(&id).map(DeskChange::Task).into_iter().collect()
            }
            AgentEventBody::MessageAdded { mut message } => {
                self.redactor.message(&mut message);
                self.add_message(message)
            }
            AgentEventBody::DeliveryChanged { conversation_id, message_id, delivery } => {
                let Some(task) = self.task_mut(&conversation_id) else { return Vec::new() };
                let Some(message) = task.messages.iter_mut().find(|m| m.id == message_id) else {
                    return Vec::new();
                };
                message.delivery = Some(delivery);
                let message = message.clone();
                vec![DeskChange::Message(self.message_view(&message))]
            }
            AgentEventBody::ConferenceChanged { conversation_id, conference } => {
                let Some(task) = self.task_mut(&conversation_id) else { return Vec::new() };
                task.conversation.conference = conference;
                self.task_view_of(&conversation_id).map(DeskChange::Task).into_iter().collect()
            }
            AgentEventBody::RecordLinked { conversation_id, record } => {
                let Some(task) = self.task_mut(&conversation_id) else { return Vec::new() };
                task.conversation.record = Some(record);
                self.task_view_of(&conversation_id).map(DeskChange::Task).into_iter().collect()
            }
            AgentEventBody::Interrupted { conversation_id, interruption } => {
                if let Some(offer) = self.offers.get_mut(&conversation_id) {
                    offer.conversation.interruption = Some(interruption.clone());
                }
                let Some(task) = self.task_mut(&conversation_id) else { return Vec::new() };
                task.conversation.interruption = Some(interruption);
                self.task_view_of(&conversation_id).map(DeskChange::Task).into_iter().collect()
            }
            // Ephemeral (id 0, never replayed): only worth showing for a conversation held.
            AgentEventBody::CustomerTyping { conversation_id } => {
                if self.task(&conversation_id).is_none() {
                    return Vec::new();
                }
                vec![DeskChange::CustomerTyping { conversation_id }]
            }
            AgentEventBody::Ended { conversation_id, handed_on } => {
                let Some(task) = self.task_mut(&conversation_id) else { return Vec::new() };
                task.conversation.state = ConversationState::WrapUp;
                // Transferred away: the conversation goes on without this agent, who owes
                // only a reason (it has no chat log until it ends under its last owner).
                if handed_on {
                    task.role = Role::HandedOn;
                }
                // The event's time is when the hub ended it (the snapshot carries `ended_at`).
                task.conversation.ended_at.get_or_insert(event.at);
                // A conference ends with its conversation (the guest is closed out).
                task.conversation.conference = None;
                self.task_view_of(&conversation_id).map(DeskChange::Task).into_iter().collect()
            }
            // The line in the thread arrives as its own message (if the agent still holds
            // the task); this is the notice, wherever the agent is.
            AgentEventBody::TransferNotAccepted { conversation_id, colleague, reason } => {
                vec![DeskChange::TransferNotAccepted(TransferNoticeView {
                    conversation_id,
                    colleague: colleague.display_name,
                    reason,
                })]
            }
            AgentEventBody::Closed { conversation_id } => {
                self.offers.remove(&conversation_id);
                let Some(at) =
                    self.tasks.iter().position(|task| task.conversation.id == conversation_id)
                else {
                    return Vec::new();
                };
                let task = self.tasks.remove(at);
                let entry = HistoryView {
                    conversation_id: conversation_id.clone(),
                    channel: task.conversation.channel,
                    queue_name: task.conversation.queue_name.clone(),
                    customer: customer_view(&task.conversation.customer),
                    last_message: last_message(&task.messages),
                    closed_at: self.skew.to_local(event.at),
                };
                self.history.insert(0, entry.clone());
                self.history.truncate(HISTORY_LEN);
                vec![DeskChange::TaskRemoved { conversation_id }, DeskChange::History(entry)]
            }
        }
    }

    /// The agent looked at the conversation: its unread count goes to zero.
    pub fn mark_read(&mut self, conversation_id: &str) -> Option<TaskView> {
        let task = self.task_mut(conversation_id)?;
        if task.unread == 0 {
            return None;
        }
        task.unread = 0;
        self.task_view_of(conversation_id)
    }

    pub fn view(&self) -> DeskView {
        DeskView {
            presence: self.presence_view(),
            offers: self.offers.keys().filter_map(|id| self.offer_view(id)).collect(),
            tasks: self.tasks.iter().map(|task| self.task_view(task)).collect(),
            history: self.history.clone(),
        }
    }

    /// The agent's state as the hub last said it, on the hub's clock.
    pub fn presence(&self) -> &StateSince {
        &self.presence
    }

    pub fn presence_view(&self) -> PresenceView {
        PresenceView {
            state: self.presence.state.clone(),
            since: self.skew.to_local(self.presence.since),
        }
    }

    /// The thread of a conversation the agent holds.
    pub fn messages(&self, conversation_id: &str) -> Option<Vec<MessageView>> {
        let task = self.task(conversation_id)?;
        Some(task.messages.iter().map(|message| self.message_view(message)).collect())
    }

    pub fn offer_view(&self, conversation_id: &str) -> Option<OfferView> {
        let offer = self.offers.get(conversation_id)?;
        let conversation = &offer.conversation;
        Some(OfferView {
            conversation_id: conversation.id.clone(),
            channel: conversation.channel,
            queue_name: conversation.queue_name.clone(),
            customer: customer_view(&conversation.customer),
            messages: offer.messages.iter().map(|message| self.message_view(message)).collect(),
            arrived_at: self.skew.to_local(conversation.created_at),
            offered_at: self.skew.to_local(offer.offered_at),
            expires_at: self.skew.to_local(offer.expires_at),
            can_reject: offer.can_reject,
            agent_name: self.me.display_name.clone(),
            // The WhatsApp documentation's masking table lists the popover's business number
            // with the customer's: masked here, readable in the accepted chat's header.
            account: conversation.account.as_ref().map(|a| self.redactor.text(&a.name)),
            kind: offer.kind.clone(),
            record: conversation.record.clone(),
        })
    }

    pub fn task_view_of(&self, conversation_id: &str) -> Option<TaskView> {
        self.task(conversation_id).map(|task| self.task_view(task))
    }

    fn put_offer(&mut self, mut offer: Offer) {
        self.redactor.conversation(&mut offer.conversation);
        offer.messages.iter_mut().for_each(|message| self.redactor.message(message));
        self.offers.insert(offer.conversation.id.clone(), offer);
    }

    fn put_assignment(&mut self, mut assignment: Assignment) {
        self.redactor.conversation(&mut assignment.conversation);
        assignment.messages.iter_mut().for_each(|message| self.redactor.message(message));
        let id = assignment.conversation.id.clone();
        self.tasks.retain(|task| task.conversation.id != id);
        self.tasks.push(Task {
            conversation: assignment.conversation,
            messages: assignment.messages,
            unread: 0,
            role: assignment.role,
        });
    }

    fn add_message(&mut self, message: Message) -> Vec<DeskChange> {
        let conversation_id = message.conversation_id.clone();
        if let Some(offer) = self.offers.get_mut(&conversation_id) {
            if !offer.messages.iter().any(|known| known.id == message.id) {
                offer.messages.push(message);
            }
            return self
                .offer_view(&conversation_id)
                .map(DeskChange::Offered)
                .into_iter()
                .collect();
        }
        let Some(task) = self.task_mut(&conversation_id) else { return Vec::new() };
        if task.messages.iter().any(|known| known.id == message.id) {
            return Vec::new();
        }
        if message.author == Author::Customer {
            task.unread += 1;
            // A customer's message reopens the reply window (platform channels only).
            if let Some(last) = &mut task.conversation.last_customer_message_at {
                *last = (*last).max(message.sent_at);
            }
        }
        task.messages.push(message.clone());
        let mut changes = vec![DeskChange::Message(self.message_view(&message))];
        changes.extend(self.task_view_of(&conversation_id).map(DeskChange::Task));
        changes
    }

    fn task(&self, conversation_id: &str) -> Option<&Task> {
        self.tasks.iter().find(|task| task.conversation.id == conversation_id)
    }

    fn task_mut(&mut self, conversation_id: &str) -> Option<&mut Task> {
        self.tasks.iter_mut().find(|task| task.conversation.id == conversation_id)
    }

    fn task_view(&self, task: &Task) -> TaskView {
        let conversation = &task.conversation;
        let last_message = last_message(&task.messages);
        // The oldest customer message after the agent's last reply.
        let waiting_since = task
            .messages
            .iter()
            .rev()
            .take_while(|message| !matches!(message.author, Author::Agent { .. }))
            .filter(|message| message.author == Author::Customer)
            .last()
            .map(|message| self.skew.to_local(message.sent_at));
        TaskView {
            conversation_id: conversation.id.clone(),
            channel: conversation.channel,
            queue_name: conversation.queue_name.clone(),
            customer: customer_view(&conversation.customer),
            state: match conversation.state {
                ConversationState::WrapUp | ConversationState::Closed => TaskState::WrapUp,
                _ => TaskState::Active,
            },
            last_message,
            unread: task.unread,
            waiting_since,
            arrived_at: self.skew.to_local(conversation.created_at),
            max_chars: conversation.max_message_chars(),
            account: conversation.account.as_ref().map(|a| a.name.clone()),
            reply_window: conversation
                .last_customer_message_at
                .and_then(|last| conversation.channel.reply_window(last))
                .map(|window| ReplyWindowView {
                    standard_until: self.skew.to_local(window.standard_until),
                    closes_at: self.skew.to_local(window.closes_at),
                }),
            role: task.role,
            conference: conversation.conference.as_ref().map(|conference| ConferenceView {
                guest: conference.guest.clone(),
                state: conference.state,
                since: self.skew.to_local(conference.since),
            }),
            interruption: conversation.interruption.as_ref().map(|interruption| InterruptionView {
                reason: interruption.reason,
                cause: InterruptionCause::of(interruption.reason, conversation.channel),
                at: self.skew.to_local(interruption.at),
            }),
            actions: actions(conversation, task.role),
            ended_at: conversation.ended_at.map(|at| self.skew.to_local(at)),
            disposition_required: conversation.disposition_required,
            chat_log: conversation.chat_log,
            chat_log_mode: conversation.chat_log_mode,
            record: conversation.record.clone(),
        }
    }

    fn message_view(&self, message: &Message) -> MessageView {
        let (author, author_name, mine) = match &message.author {
            Author::Customer => {
                let name =
                    self.customer_name(&message.conversation_id).unwrap_or_default().to_owned();
                (AuthorKind::Customer, name, false)
            }
            Author::Agent { agent_id, display_name } => {
                (AuthorKind::Agent, display_name.clone(), *agent_id == self.me.id)
            }
            Author::System => (AuthorKind::System, String::new(), false),
        };
        MessageView {
            id: message.id.clone(),
            conversation_id: message.conversation_id.clone(),
            author,
            initials: initials(&author_name),
            author_name,
            text: message.text.clone(),
            system: message.system.as_ref().map(|system| match system {
                SystemEvent::AgentJoined { display_name } => {
                    SystemLine::AgentJoined { display_name: display_name.clone() }
                }
                SystemEvent::Transferred { display_name } => {
                    SystemLine::Transferred { display_name: display_name.clone() }
                }
                SystemEvent::AgentLeft { display_name } => {
                    SystemLine::AgentLeft { display_name: display_name.clone() }
                }
                SystemEvent::TransferNotAccepted { display_name, reason } => {
                    SystemLine::TransferNotAccepted {
                        display_name: display_name.clone(),
                        reason: *reason,
                    }
                }
                SystemEvent::EndedByAgent => SystemLine::EndedByAgent,
                SystemEvent::EndedByCustomer => SystemLine::EndedByCustomer,
                SystemEvent::Expired => SystemLine::Expired,
                SystemEvent::UnsupportedContent { content } => {
                    SystemLine::UnsupportedContent { content: content.clone() }
                }
            }),
            sent_at: self.skew.to_local(message.sent_at),
            mine,
            delivery: message.delivery.as_ref().map(|delivery| DeliveryView {
                status: delivery.status,
                error: delivery.error,
                at: self.skew.to_local(delivery.at),
            }),
            client_id: message.client_id.clone().filter(|_| mine),
            outbox: None,
        }
    }

    fn customer_name(&self, conversation_id: &str) -> Option<&str> {
        self.task(conversation_id)
            .map(|task| &task.conversation)
            .or_else(|| self.offers.get(conversation_id).map(|offer| &offer.conversation))
            .map(|conversation| conversation.customer.name.as_str())
    }
}

/// What the agent may do in a conversation, by its state, the agent's role in it, its
/// conference and whether it was interrupted. The hub enforces the same rules; the desk
/// offers only what the hub would accept.
fn actions(conversation: &Conversation, role: Role) -> TaskActions {
    // As the task list shows it: anything not ended is live.
    let live = !matches!(conversation.state, ConversationState::WrapUp | ConversationState::Closed);
    let interrupted = conversation.interruption.is_some();
    let conference = conversation.conference.as_ref().map(|conference| conference.state);
    match role {
        Role::Guest => TaskActions {
            compose: live && !interrupted,
            exit_conference: live,
            ..TaskActions::default()
        },
        // Handed on: their part is over, only its wrap-up is left.
        Role::HandedOn | Role::Owner if !live => TaskActions {
            wrap_up: matches!(conversation.state, ConversationState::WrapUp),
            ..TaskActions::default()
        },
        // An interrupted conversation can only be ended (its queue is gone).
        Role::HandedOn => TaskActions::default(),
        Role::Owner if interrupted => TaskActions { end: true, ..TaskActions::default() },
        Role::Owner => TaskActions {
            compose: true,
            end: true,
            transfer: conference.is_none(),
            conference: conference.is_none(),
            remove_guest: matches!(
                conference,
                Some(ConferenceState::Requested | ConferenceState::Joined)
            ),
            exit_conference: false,
            wrap_up: false,
        },
    }
}

fn customer_view(customer: &Customer) -> CustomerView {
    CustomerView {
        name: customer.name.clone(),
        initials: initials(&customer.name),
        email: customer.email.clone(),
        phone: customer.phone.clone(),
        source: customer.source.clone(),
        account: customer.account.clone(),
        case_number: customer.case_number.clone(),
        ip: customer.ip.clone(),
    }
}

/// Up to two initials from the first and last words that start with a letter.
pub fn initials(name: &str) -> String {
    let firsts: Vec<char> = name
        .split_whitespace()
        .filter_map(|word| word.chars().next())
        .filter(|c| c.is_alphabetic())
        .collect();
    match firsts.as_slice() {
        [] => String::new(),
        [only] => only.to_uppercase().collect(),
        [first, .., last] => first.to_uppercase().chain(last.to_uppercase()).collect(),
    }
}

fn last_message(messages: &[Message]) -> Option<String> {
    messages.iter().rev().find(|message| message.author != Author::System).map(|m| preview(&m.text))
}

fn preview(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= PREVIEW_CHARS {
        return flat;
    }
    let mut cut: String = flat.chars().take(PREVIEW_CHARS - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests;
