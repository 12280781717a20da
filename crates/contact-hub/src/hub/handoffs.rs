//! A conversation changing hands: transfer, conference, typing between the parties, and an
//! admin deleting the queue a conversation belongs to.
//!
//! The states, as the hub keeps them:
//!
//! - **Transfer** to an agent: the conversation becomes `Offered` to the target with an offer
//!   of kind `transfer`; to a queue: it moves to that queue, `Queued`, and routing runs. Either
//!   way the transferring agent's part ends at once: a `handoffs` row says they still owe the
//!   wrap-up (their desk gets `ended` with `handedOn`: a reason only, since the conversation
//!   has no chat log until it ends under its last owner), and a decline keeps routing from
//!   offering it straight back to them. An offer the target lets pass is withdrawn like any
//!   other: the conversation returns to its queue, so the customer is never dropped, and the
//!   transferring agent is told (`transferNotAccepted`: a system line for the agents and an
//!   event for their desk; `Transition::tell_transfer_not_accepted`).
//! - **Conference**: an offer of kind `conference` to the guest while the conversation stays
//!   `Active` with its owner (requested); accepting sets `guest_agent_id` (joined); the guest
//!   exiting, the owner removing them, or the conversation ending clears it. A guest reads and
//!   writes but does not end, transfer or wrap up.
//! - **Interrupted**: an admin deleted the conversation's queue (or took the number, page or
//!   entry point it came through out of service: see [`super::assets`]). Queued and offered
//!   conversations in it close (their customer is told the chat ended); live ones keep their
//!   agent but take no more agent messages, transfers or conferences: the agent can only end
//!   them and wrap up.
//!
//! Typing indicators are ephemeral: they are not stored, carry event id 0 and are relayed
//! at most once a second per side of a conversation, whatever a client sends.

use hub_protocol::{
    AgentEventBody, AgentState, Author, ConversationState, CustomerEventBody, HandoffTarget,
    InterruptionReason, Millis, SystemEvent, WithdrawReason,
};

use super::checks::invalid_state;
use super::transition::{lock, Transition};
use super::wire::conversation_wire;
use super::{now_millis, Hub};
use crate::config::QueueConfig;
use crate::error::HubError;
use crate::store::{Audience, ConversationRow, OfferReason, OfferRow, StoredEvent};

/// The shortest interval between two typing events relayed for one side of a conversation.
const TYPING_RELAY_INTERVAL: Millis = 1000;

impl Hub {
    /// The owner hands the conversation to a colleague (offered to them) or a queue (routed
    /// again); their own wrap-up is due at once.
    pub fn transfer(
        &self,
        agent_id: &str,
        conversation_id: &str,
        target: HandoffTarget,
    ) -> Result<(), HubError> {
        self.transact(|t| {
            let conversation = t.owned_active(agent_id, conversation_id, "transferred")?;
            if t.has_conference(&conversation)? {
                return Err(invalid_state(&conversation, "transferred during a conference"));
            }
            // Check the target before anything is written.
            match &target {
                HandoffTarget::Agent { agent_id: target } => {
                    if t.store.has_handoff(conversation_id, target)? {
                        // They handed it on themselves and still owe its wrap-up.
                        return Err(HubError::AgentUnavailable(target.clone()));
                    }
                    t.check_free_colleague(agent_id, target)?;
                }
                HandoffTarget::Queue { queue_id } => {
                    let queue = t.live_queue(queue_id)?;
                    if queue.channel != conversation.channel {
                        return Err(HubError::InvalidRequest(format!(
                            "queue {queue_id} serves another channel"
                        )));
                    }
                }
            }
            let line = t.write_message(
                &conversation,
                Author::System,
                String::new(),
                Some(SystemEvent::Transferred { display_name: t.display_name(agent_id) }),
                None,
            )?;
            t.announce_message(&conversation, &line)?;
            t.store.insert_handoff(conversation_id, agent_id, t.now)?;
            t.store.insert_decline(conversation_id, agent_id, "transferred", t.now)?;
            t.emit_agent(
                agent_id,
                AgentEventBody::Ended {
                    conversation_id: conversation_id.to_owned(),
                    handed_on: true,
                },
            )?;
            match target {
                HandoffTarget::Agent { agent_id: target } => t.offer_as(
                    conversation_id,
                    &target,
                    OfferReason::Transfer { from: agent_id.to_owned() },
                ),
                HandoffTarget::Queue { queue_id } => {
                    t.store.set_conversation_queue(conversation_id, &queue_id)?;
                    t.store.set_conversation_state(
                        conversation_id,
                        ConversationState::Queued,
                        None,
                        t.now,
                    )?;
                    t.route()
                }
            }
        })
    }

    /// The owner invites a colleague, or the agent routing would pick in a queue, into the
    /// conversation.
    pub fn request_conference(
        &self,
        agent_id: &str,
        conversation_id: &str,
        target: HandoffTarget,
    ) -> Result<(), HubError> {
        self.transact(|t| {
            let conversation = t.owned_active(agent_id, conversation_id, "given a conference")?;
            if t.has_conference(&conversation)? {
                return Err(invalid_state(&conversation, "given a second conference"));
            }
            let guest = match target {
                HandoffTarget::Agent { agent_id: guest } => {
                    t.check_free_colleague(agent_id, &guest)?;
                    guest
                }
                HandoffTarget::Queue { queue_id } => {
                    t.live_queue(&queue_id)?;
                    t.first_taker(&queue_id, agent_id)?
                        .ok_or_else(|| HubError::AgentUnavailable(format!("queue {queue_id}")))?
                }
            };
            t.offer_as(
                conversation_id,
                &guest,
                OfferReason::Conference { from: agent_id.to_owned() },
            )?;
            let conversation = t.store.conversation(conversation_id)?;
            let conference = t.conversation(&conversation)?.conference;
            t.emit_agent(
                agent_id,
                AgentEventBody::ConferenceChanged {
                    conversation_id: conversation_id.to_owned(),
                    conference,
                },
            )
        })
    }

    /// Ends a conference without ending the conversation: the guest exits, or the owner
    /// withdraws the invitation or removes the guest.
    pub fn leave_conference(&self, agent_id: &str, conversation_id: &str) -> Result<(), HubError> {
        self.transact(|t| {
            let conversation = t.store.conversation(conversation_id)?;
            let invitation = t.conference_invitation(conversation_id)?;
            let is_guest = conversation.guest.as_ref().is_some_and(|(g, _)| g == agent_id);
            let is_owner = conversation.agent_id.as_deref() == Some(agent_id)
                && conversation.state == ConversationState::Active;
            if !is_guest && !is_owner {
                return Err(HubError::NotYourConversation(conversation.id));
            }
            if conversation.guest.is_some() {
                return t.remove_guest(&conversation);
            }
            match invitation {
                Some(offer) if is_owner => t.withdraw(&offer, WithdrawReason::Cancelled, None),
                _ => Err(invalid_state(&conversation, "left: it has no conference")),
            }
        })
    }

    /// The agent (owner or guest) is typing: the customer's widget says so.
    pub fn agent_typing(&self, agent_id: &str, conversation_id: &str) -> Result<(), HubError> {
        let conversation = self.read(|conn| conn.conversation(conversation_id))?;
        let guest = conversation.guest.as_ref().is_some_and(|(g, _)| g == agent_id);
        if conversation.agent_id.as_deref() != Some(agent_id) && !guest {
            return Err(HubError::NotYourConversation(conversation.id));
        }
        if conversation.state != ConversationState::Active || conversation.interruption.is_some() {
            return Ok(()); // nothing to show anyone; typing is best effort
        }
        if !self.may_relay_typing(conversation_id, true) {
            return Ok(());
        }
        let display_name =
            self.config().agent(agent_id).map_or_else(String::new, |a| a.display_name.clone());
        self.publish_ephemeral(
            Audience::Customer,
            conversation_id,
            &CustomerEventBody::AgentTyping { display_name },
        )
    }

    /// The customer is typing: the agents in the conversation see it.
    pub fn customer_typing(&self, conversation_id: &str) -> Result<(), HubError> {
        let conversation = self.read(|conn| conn.conversation(conversation_id))?;
        if conversation.state == ConversationState::Closed
            || conversation.state == ConversationState::WrapUp
        {
            return Err(HubError::ConversationEnded(conversation.id));
        }
        if conversation.state != ConversationState::Active
            || !self.may_relay_typing(conversation_id, false)
        {
            return Ok(());
        }
        let body = AgentEventBody::CustomerTyping { conversation_id: conversation_id.to_owned() };
        for agent_id in conversation.agents() {
            self.publish_ephemeral(Audience::Agent, agent_id, &body)?;
        }
        Ok(())
    }

    /// An admin deletes a queue: it takes no new conversation, is no longer listed, and its
    /// conversations are closed (not yet answered) or interrupted (live).
    pub fn delete_queue(&self, admin_id: &str, queue_id: &str) -> Result<(), HubError> {
        if !self.config().agent(admin_id).is_some_and(|a| a.admin) {
            return Err(HubError::Forbidden("delete a queue"));
        }
        self.transact(|t| {
            t.live_queue(queue_id)?;
            t.store.delete_queue(queue_id, t.now)?;
            t.retire_queue(queue_id)
        })
    }

    /// Whether a typing event for this side may go out now (and, if so, notes that it did).
    fn may_relay_typing(&self, conversation_id: &str, agent_side: bool) -> bool {
        let now = now_millis();
        let mut relayed = lock(&self.inner.typing_relayed);
        // Forget conversations nobody typed in for a minute, so the map stays small.
        relayed.retain(|_, at| now - *at < 60_000);
        let key = (conversation_id.to_owned(), agent_side);
        match relayed.get(&key) {
            Some(at) if now - *at < TYPING_RELAY_INTERVAL => false,
            _ => {
                relayed.insert(key, now);
                true
            }
        }
    }

    /// Sends an event to the live feeds only: id 0, never stored nor replayed.
    fn publish_ephemeral<T: serde::Serialize>(
        &self,
        audience: Audience,
        recipient: &str,
        body: &T,
    ) -> Result<(), HubError> {
        let event = StoredEvent { id: 0, at: now_millis(), body: serde_json::to_string(body)? };
        // Nobody listening is fine: an indicator nobody sees needs no keeping.
        self.inner.live.publish(audience, recipient, event);
        Ok(())
    }
}

impl Transition<'_> {
    /// The conversation, if `agent_id` owns it and it is live and not interrupted.
    fn owned_active(
        &self,
        agent_id: &str,
        conversation_id: &str,
        action: &'static str,
    ) -> Result<ConversationRow, HubError> {
        let conversation = self.store.conversation(conversation_id)?;
        if conversation.agent_id.as_deref() != Some(agent_id) {
            return Err(HubError::NotYourConversation(conversation.id));
        }
        if conversation.state != ConversationState::Active {
            return Err(invalid_state(&conversation, action));
        }
        if conversation.interruption.is_some() {
            return Err(HubError::ConversationInterrupted(conversation.id));
        }
        Ok(conversation)
    }

    /// Whether a conference is requested or joined.
    fn has_conference(&self, conversation: &ConversationRow) -> Result<bool, HubError> {
        Ok(conversation.guest.is_some() || self.conference_invitation(&conversation.id)?.is_some())
    }

    /// The open conference invitation of a conversation, if any.
    fn conference_invitation(&self, conversation_id: &str) -> Result<Option<OfferRow>, HubError> {
        Ok(self
            .store
            .offer(conversation_id)?
            .filter(|offer| matches!(offer.kind, OfferReason::Conference { .. })))
    }

    /// A queue that exists and that no admin deleted.
    pub(super) fn live_queue(&self, queue_id: &str) -> Result<&QueueConfig, HubError> {
        let queue =
            self.config.queue(queue_id).ok_or_else(|| HubError::not_found("queue", queue_id))?;
        if self.store.deleted_queues()?.contains(queue_id) {
            return Err(HubError::not_found("queue", queue_id));
        }
        Ok(queue)
    }

    /// A colleague can take one more conversation now: another agent, Available, with a
    /// free slot.
    fn check_free_colleague(&self, me: &str, colleague: &str) -> Result<(), HubError> {
        let agent =
            self.config.agent(colleague).ok_or_else(|| HubError::not_found("agent", colleague))?;
        if colleague == me {
            return Err(HubError::InvalidRequest(
                "an agent cannot hand a chat to themselves".into(),
            ));
        }
        let row = self.store.agent(colleague)?;
        let load = self.store.held_by(colleague)?;
        if row.state != AgentState::Available || load >= self.config.capacity_of(agent) {
            return Err(HubError::AgentUnavailable(colleague.to_owned()));
        }
        Ok(())
    }

    /// The invited agent accepts: they join as guest and everyone is told.
    pub(super) fn join_conference(
        &mut self,
        conversation: &ConversationRow,
        offer: &OfferRow,
    ) -> Result<hub_protocol::Assignment, HubError> {
        let guest = offer.agent_id.as_str();
        self.store.delete_offer(&conversation.id)?;
        self.offers_changed = true;
        // The line goes out before the guest is in, so they get it once: in their thread.
        let joined = self.write_message(
            conversation,
            Author::System,
            String::new(),
            Some(SystemEvent::AgentJoined { display_name: self.display_name(guest) }),
            None,
        )?;
        self.announce_message(conversation, &joined)?;
        self.store.set_guest(&conversation.id, Some((guest, self.now)))?;
        let conversation = self.store.conversation(&conversation.id)?;
        let assignment = self.assignment(&conversation, guest)?;
        self.emit_agent(guest, AgentEventBody::Assigned { assignment: assignment.clone() })?;
        if let Some(owner) = &conversation.agent_id {
            self.emit_agent(
                owner,
                AgentEventBody::ConferenceChanged {
                    conversation_id: conversation.id.clone(),
                    conference: assignment.conversation.conference.clone(),
                },
            )?;
        }
        Ok(assignment)
    }

    /// The guest leaves (or is removed); the conversation goes on with its owner.
    pub(super) fn remove_guest(&mut self, conversation: &ConversationRow) -> Result<(), HubError> {
        let Some((guest, _)) = &conversation.guest else { return Ok(()) };
        self.store.set_guest(&conversation.id, None)?;
        let conversation_now = self.store.conversation(&conversation.id)?;
        let left = self.write_message(
            &conversation_now,
            Author::System,
            String::new(),
            Some(SystemEvent::AgentLeft { display_name: self.display_name(guest) }),
            None,
        )?;
        self.announce_message(&conversation_now, &left)?;
        self.store.set_idle_since(guest, self.now)?;
        self.emit_agent(
            guest,
            AgentEventBody::Closed { conversation_id: conversation.id.clone() },
        )?;
        if let Some(owner) = &conversation.agent_id {
            self.emit_agent(
                owner,
                AgentEventBody::ConferenceChanged {
                    conversation_id: conversation.id.clone(),
                    conference: None,
                },
            )?;
        }
        // The guest has a free slot again.
        self.route()
    }

    /// Closes or interrupts every conversation of a queue that is gone (see the module docs).
    pub(super) fn retire_queue(&mut self, queue_id: &str) -> Result<(), HubError> {
        let conversations = self.store.open_conversations_in_queue(queue_id)?;
        self.take_out_of_service(
            conversations,
            WithdrawReason::QueueDeleted,
            InterruptionReason::QueueDeleted,
        )
    }

    /// The wire view of a conversation, as of this transition.
    fn conversation(&self, row: &ConversationRow) -> Result<hub_protocol::Conversation, HubError> {
        conversation_wire(self.config, &*self.store, row)
    }
}
