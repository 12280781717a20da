//! The agent's conversation work and the thread: accepting or rejecting an offer, writing to
//! the customer, ending, wrap-up; reading a conversation and its messages; and the
//! transition steps every side shares (a message written and announced, a conversation
//! ended into wrap-up).

use hub_protocol::{
    AgentEventBody, Assignment, Author, Channel, Conversation, ConversationState,
    CustomerEventBody, Delivery, DeliveryStatus, Message, SendMessageRequest, SystemEvent,
    WithdrawReason,
};

use super::checks::{check_client_id, check_text, client_id_taken, invalid_state};
use super::transition::Transition;
use super::wire::{assignment_wire, conversation_wire, disposition_required};
use super::{Hub, Written};
use crate::error::HubError;
use crate::store::{ConversationRow, OfferReason};

impl Hub {
    /// Accepts an offer. Accepting a conversation the agent already holds returns it again,
    /// so a retried request is harmless.
    pub fn accept(&self, agent_id: &str, conversation_id: &str) -> Result<Assignment, HubError> {
        self.transact(|t| {
            let conversation = t.store.conversation(conversation_id)?;
            if let Some(offer) = t.store.offer(conversation_id)? {
                if offer.agent_id == agent_id
                    && matches!(offer.kind, OfferReason::Conference { .. })
                {
                    return t.join_conference(&conversation, &offer);
                }
            }
            if conversation.guest.as_ref().is_some_and(|(guest, _)| guest == agent_id) {
                return t.assignment(&conversation, agent_id);
            }
            let mine = conversation.agent_id.as_deref() == Some(agent_id);
            match conversation.state {
                ConversationState::Offered if mine => {}
                ConversationState::Active | ConversationState::WrapUp if mine => {
                    return t.assignment(&conversation, agent_id);
                }
                ConversationState::Active
                | ConversationState::WrapUp
                | ConversationState::Closed
                    if conversation.agent_id.is_some() && !mine =>
                {
                    return Err(HubError::NotYourConversation(conversation.id));
                }
                ConversationState::Closed if mine => {
                    return Err(invalid_state(&conversation, "accepted"));
                }
                _ => return Err(HubError::OfferExpired(conversation.id)),
            }
            t.store.delete_offer(conversation_id)?;
            t.store.set_conversation_state(
                conversation_id,
                ConversationState::Active,
                Some(agent_id),
                t.now,
            )?;
            t.offers_changed = true;
            let conversation = t.store.conversation(conversation_id)?;
            let display_name = t.display_name(agent_id);
            // The agent learns of the joined line through the assignment's thread; the
            // customer through a message event.
            let joined = t.write_message(
                &conversation,
                Author::System,
                String::new(),
                Some(SystemEvent::AgentJoined { display_name }),
                None,
            )?;
            t.emit_customer(conversation_id, CustomerEventBody::MessageAdded { message: joined })?;
            let assignment = t.assignment(&conversation, agent_id)?;
            t.emit_agent(agent_id, AgentEventBody::Assigned { assignment: assignment.clone() })?;
            Ok(assignment)
        })
    }

    /// Turns an offer down: it goes to the next agent, and this agent is not asked again.
    pub fn reject(&self, agent_id: &str, conversation_id: &str) -> Result<(), HubError> {
        if !self.config().settings.agents_may_reject {
            return Err(HubError::RejectNotAllowed);
        }
        self.transact(|t| {
            let conversation = t.store.conversation(conversation_id)?;
            if let Some(offer) = t.store.offer(conversation_id)? {
                if offer.agent_id == agent_id
                    && matches!(offer.kind, OfferReason::Conference { .. })
                {
                    return t.withdraw(&offer, WithdrawReason::Rejected, None);
                }
            }
            let mine = conversation.agent_id.as_deref() == Some(agent_id);
            match conversation.state {
                ConversationState::Offered if mine => {
                    let offer = t
                        .store
                        .offer(conversation_id)?
                        .ok_or_else(|| HubError::OfferExpired(conversation.id.clone()))?;
                    t.withdraw(&offer, WithdrawReason::Rejected, Some("rejected"))?;
                    // The admin may take an agent who turns chats down out of routing.
                    if let Some(state) = t.rejected_offer_state.to_agent_state() {
                        t.set_agent_state(agent_id, state)?;
                    }
                    t.route()
                }
                ConversationState::Active | ConversationState::WrapUp if mine => {
                    Err(invalid_state(&conversation, "rejected"))
                }
                ConversationState::Active
                | ConversationState::WrapUp
                | ConversationState::Closed
                    if conversation.agent_id.is_some() && !mine =>
                {
                    Err(HubError::NotYourConversation(conversation.id))
                }
                _ => Err(HubError::OfferExpired(conversation.id)),
            }
        })
    }

    /// An agent writes to the customer. A retry with the same client id returns the first
    /// message and writes nothing.
    pub fn send_agent_message(
        &self,
        agent_id: &str,
        conversation_id: &str,
        request: SendMessageRequest,
    ) -> Result<(Message, Written), HubError> {
        check_client_id(&request.client_id)?;
        self.transact(|t| {
            let conversation = t.store.conversation(conversation_id)?;
            let guest = conversation.guest.as_ref().is_some_and(|(g, _)| g == agent_id);
            if conversation.agent_id.as_deref() != Some(agent_id) && !guest {
                return Err(HubError::NotYourConversation(conversation.id));
            }
            if let Some(existing) =
                t.store.message_by_client_id(conversation_id, &request.client_id)?
            {
                return match &existing.author {
                    Author::Agent { agent_id: author, .. } if author == agent_id => {
                        Ok((existing, Written::Existing))
                    }
                    _ => Err(client_id_taken(&request.client_id)),
                };
            }
            if conversation.state != ConversationState::Active {
                return Err(invalid_state(&conversation, "written to by the agent"));
            }
            if conversation.interruption.is_some() {
                return Err(HubError::ConversationInterrupted(conversation.id));
            }
            check_text(&request.text, t.message_limit(&conversation), true)?;
            t.check_reply_window(&conversation)?;
            let author = Author::Agent {
                agent_id: agent_id.to_owned(),
                display_name: t.display_name(agent_id),
            };
            let message = t.write_message(
                &conversation,
                author,
                request.text,
                None,
                Some(request.client_id),
            )?;
            if message.delivery.is_some() {
                t.store.push_outbox(&message.id)?;
                t.outbox_changed = true;
            }
            t.announce_message(&conversation, &message)?;
            Ok((message, Written::New))
        })
    }

    /// The agent ends the conversation; wrap-up is due. Ending one already in wrap-up is a
    /// no-op, so a retried request is harmless.
    pub fn end_by_agent(&self, agent_id: &str, conversation_id: &str) -> Result<(), HubError> {
        self.transact(|t| {
            let conversation = t.store.conversation(conversation_id)?;
            if conversation.agent_id.as_deref() != Some(agent_id) {
                return Err(HubError::NotYourConversation(conversation.id));
            }
            match conversation.state {
                ConversationState::Active => t.end(&conversation, SystemEvent::EndedByAgent),
                ConversationState::WrapUp => Ok(()),
                _ => Err(invalid_state(&conversation, "ended")),
            }
        })
    }

    /// Submits the wrap-up: the conversation closes, the agent's capacity frees up and their
    /// idle time starts now.
    pub fn wrap_up(
        &self,
        agent_id: &str,
        conversation_id: &str,
        reason_id: Option<&str>,
    ) -> Result<(), HubError> {
        self.transact(|t| {
            let conversation = t.store.conversation(conversation_id)?;
            // An agent who transferred the conversation away wraps up their part of it while
            // it goes on with someone else.
            let handed_off = t.store.has_handoff(conversation_id, agent_id)?;
            if conversation.agent_id.as_deref() != Some(agent_id) && !handed_off {
                return Err(HubError::NotYourConversation(conversation.id));
            }
            match reason_id {
                Some(reason_id) if t.config.wrapup_reason(reason_id).is_none() => {
                    return Err(HubError::not_found("wrap-up reason", reason_id));
                }
                None if disposition_required(t.config, &conversation) => {
                    return Err(HubError::DispositionRequired(conversation.id));
                }
                _ => {}
            }
            if handed_off {
                t.store.delete_handoff(conversation_id, agent_id)?;
            } else if conversation.state != ConversationState::WrapUp {
                return Err(invalid_state(&conversation, "wrapped up"));
            } else {
                t.store.set_conversation_state(
                    conversation_id,
                    ConversationState::Closed,
                    Some(agent_id),
                    t.now,
                )?;
                t.set_disposition(conversation_id, reason_id)?;
            }
            t.store.insert_wrapup(conversation_id, agent_id, reason_id, t.now)?;
            t.store.set_idle_since(agent_id, t.now)?;
            t.emit_agent(
                agent_id,
                AgentEventBody::Closed { conversation_id: conversation_id.to_owned() },
            )?;
            t.route()
        })
    }

    /// The wrap-up reason the conversation's last owner recorded, once it closed.
    pub fn wrapup_of(&self, conversation_id: &str) -> Result<Option<String>, HubError> {
        let wrapups = self.wrapups_of(conversation_id)?;
        Ok(wrapups.into_iter().last().and_then(|(_, reason)| reason))
    }

    /// Every wrap-up of a conversation, `(agent_id, reason_id)`, in the order given: one per
    /// agent who held it (no reason where the queue requires none and none was given).
    pub fn wrapups_of(
        &self,
        conversation_id: &str,
    ) -> Result<Vec<(String, Option<String>)>, HubError> {
        self.read(|conn| conn.wrapups(conversation_id))
    }

    /// A conversation's header.
    pub fn conversation(&self, conversation_id: &str) -> Result<Conversation, HubError> {
        self.read(|conn| {
            let row = conn.conversation(conversation_id)?;
            conversation_wire(self.config(), conn, &row)
        })
    }

    /// Conversations waiting in a queue for an offer, oldest first.
    pub fn queued_conversations(&self) -> Result<Vec<String>, HubError> {
        let queued = self.read(|conn| conn.queued_conversations())?;
        Ok(queued.into_iter().map(|(id, _)| id).collect())
    }

    /// A conversation's thread.
    pub fn messages(&self, conversation_id: &str) -> Result<Vec<Message>, HubError> {
        self.read(|conn| {
            conn.conversation(conversation_id)?;
            conn.messages(conversation_id)
        })
    }
}

impl Transition<'_> {
    /// Stores a message in the thread.
    pub(super) fn write_message(
        &mut self,
        conversation: &ConversationRow,
        author: Author,
        text: String,
        system: Option<SystemEvent>,
        client_id: Option<String>,
    ) -> Result<Message, HubError> {
        let message = self.new_message(conversation, author, text, system, client_id);
        self.store.insert_message(&message, None)?;
        Ok(message)
    }

    /// A message as it will be stored: card numbers redacted when masking is on, and an
    /// agent's reply on WhatsApp or Messenger starts as `Sending`.
    pub(super) fn new_message(
        &self,
        conversation: &ConversationRow,
        author: Author,
        text: String,
        system: Option<SystemEvent>,
        client_id: Option<String>,
    ) -> Message {
        let delivery = (matches!(author, Author::Agent { .. })
            && conversation.channel != Channel::Livechat)
            .then_some(Delivery { status: DeliveryStatus::Sending, error: None, at: self.now });
        let text = match self.pan_redactor {
            Some(redactor) => redactor.mask_kinds(&text, &[masking::Kind::Card]).into_owned(),
            None => text,
        };
        Message {
            id: uuid::Uuid::new_v4().to_string(),
            conversation_id: conversation.id.clone(),
            client_id,
            author,
            text,
            system,
            sent_at: self.now,
            delivery,
        }
    }

    /// Tells the customer and the agent holding (or being offered) the conversation.
    pub(super) fn announce_message(
        &mut self,
        conversation: &ConversationRow,
        message: &Message,
    ) -> Result<(), HubError> {
        if let Some(agent_id) = &conversation.agent_id {
            if matches!(
                conversation.state,
                ConversationState::Offered | ConversationState::Active | ConversationState::WrapUp
            ) {
                self.emit_agent(
                    agent_id,
                    AgentEventBody::MessageAdded { message: message.clone() },
                )?;
            }
        }
        if let Some((guest, _)) = &conversation.guest {
            if conversation.state == ConversationState::Active {
                self.emit_agent(guest, AgentEventBody::MessageAdded { message: message.clone() })?;
            }
        }
        self.emit_customer(
            &conversation.id,
            CustomerEventBody::MessageAdded { message: message.clone() },
        )
    }

    /// Active → WrapUp, with the system line saying who ended it, and the chat log written
    /// (see [`super::records`]). This is the only way into wrap-up: the agent's End, the customer
    /// leaving.
    /// A conference ends with it: a pending invitation is withdrawn, and a guest's part is
    /// over (a guest owes no wrap-up).
    pub(super) fn end(
        &mut self,
        conversation: &ConversationRow,
        why: SystemEvent,
    ) -> Result<(), HubError> {
        let agent_id = conversation.agent_id.clone();
        let line =
            self.write_message(conversation, Author::System, String::new(), Some(why), None)?;
        self.announce_message(conversation, &line)?;
        if let Some(offer) = self.store.offer(&conversation.id)? {
            self.withdraw(&offer, WithdrawReason::Cancelled, None)?;
        }
        if let Some((guest, _)) = &conversation.guest {
            self.store.set_guest(&conversation.id, None)?;
            self.store.set_idle_since(guest, self.now)?;
            self.emit_agent(
                guest,
                AgentEventBody::Closed { conversation_id: conversation.id.clone() },
            )?;
        }
        self.store.set_conversation_state(
            &conversation.id,
            ConversationState::WrapUp,
            agent_id.as_deref(),
            self.now,
        )?;
        self.write_chat_log(conversation)?;
        if let Some(agent_id) = agent_id {
            self.emit_agent(
                &agent_id,
                AgentEventBody::Ended {
                    conversation_id: conversation.id.clone(),
                    handed_on: false,
                },
            )?;
        }
        self.emit_customer(&conversation.id, CustomerEventBody::Ended)
    }

    pub(super) fn assignment(
        &self,
        conversation: &ConversationRow,
        agent_id: &str,
    ) -> Result<Assignment, HubError> {
        assignment_wire(self.config, &*self.store, conversation, agent_id)
    }
}
