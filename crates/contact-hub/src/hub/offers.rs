//! Offers made and taken back: an offer to one agent (a contact, a transfer, a conference
//! invitation), its withdrawal (rejected, timed out, cancelled; a transfer not accepted is
//! told to the agent who handed it on), and a waiting conversation closed with its offer.
//! Accepting and rejecting, the agent's answers, are in [`super::conversations`].

use hub_protocol::{
    AgentEventBody, Author, ConversationState, CustomerEventBody, Millis, SystemEvent,
    WithdrawReason,
};

use super::transition::Transition;
use super::wire::{agent_ref, offer_wire};
use crate::error::HubError;
use crate::store::{ConversationRow, OfferReason, OfferRow};

impl Transition<'_> {
    /// Closes a conversation nobody accepted yet (the customer left, or it waited too long):
    /// an open offer is withdrawn, the customer gets `line` and the end. Routing is the
    /// caller's.
    pub(super) fn close_waiting(
        &mut self,
        conversation: &ConversationRow,
        reason: WithdrawReason,
        line: SystemEvent,
    ) -> Result<(), HubError> {
        let conversation_id = conversation.id.as_str();
        if let Some(offer) = self.store.offer(conversation_id)? {
            self.store.delete_offer(conversation_id)?;
            self.offers_changed = true;
            self.emit_agent(
                &offer.agent_id,
                AgentEventBody::OfferWithdrawn {
                    conversation_id: conversation_id.to_owned(),
                    reason,
                },
            )?;
        }
        self.store.set_conversation_state(
            conversation_id,
            ConversationState::Closed,
            None,
            self.now,
        )?;
        let line =
            self.write_message(conversation, Author::System, String::new(), Some(line), None)?;
        self.emit_customer(conversation_id, CustomerEventBody::MessageAdded { message: line })?;
        self.emit_customer(conversation_id, CustomerEventBody::Ended)?;
        Ok(())
    }

    /// Takes an offer back: the conversation returns to its queue. `decline` records why the
    /// agent must not be asked again (rejected, missed); `None` leaves them eligible.
    pub(super) fn withdraw(
        &mut self,
        offer: &OfferRow,
        reason: WithdrawReason,
        decline: Option<&str>,
    ) -> Result<(), HubError> {
        self.store.delete_offer(&offer.conversation_id)?;
        self.offers_changed = true;
        if let OfferReason::Conference { from } = &offer.kind {
            // Only the invitation goes: the conversation stays with its owner.
            self.emit_agent(
                from,
                AgentEventBody::ConferenceChanged {
                    conversation_id: offer.conversation_id.clone(),
                    conference: None,
                },
            )?;
            return self.emit_agent(
                &offer.agent_id,
                AgentEventBody::OfferWithdrawn {
                    conversation_id: offer.conversation_id.clone(),
                    reason,
                },
            );
        }
        self.store.set_conversation_state(
            &offer.conversation_id,
            ConversationState::Queued,
            None,
            self.now,
        )?;
        if let Some(decline) = decline {
            self.store.insert_decline(
                &offer.conversation_id,
                &offer.agent_id,
                decline,
                self.now,
            )?;
        }
        self.emit_agent(
            &offer.agent_id,
            AgentEventBody::OfferWithdrawn {
                conversation_id: offer.conversation_id.clone(),
                reason,
            },
        )?;
        match &offer.kind {
            OfferReason::Transfer { from }
                if matches!(reason, WithdrawReason::Rejected | WithdrawReason::TimedOut) =>
            {
                self.tell_transfer_not_accepted(offer, from, reason)
            }
            _ => Ok(()),
        }
    }

    /// The colleague a transfer was offered to let it pass (rejected, timed out, signed out)
    /// and the conversation is back in its queue: the agent who handed it on is told, with a
    /// system line in the conversation (stored, so the agent who takes it next reads it too,
    /// and the transferring agent's wrap-up task shows it) and an event for their desk's
    /// notice. The customer is not told: who declined is the agents' business.
    fn tell_transfer_not_accepted(
        &mut self,
        offer: &OfferRow,
        from: &str,
        reason: WithdrawReason,
    ) -> Result<(), HubError> {
        let conversation = self.store.conversation(&offer.conversation_id)?;
        let line = self.write_message(
            &conversation,
            Author::System,
            String::new(),
            Some(SystemEvent::TransferNotAccepted {
                display_name: self.display_name(&offer.agent_id),
                reason,
            }),
            None,
        )?;
        // Their wrap-up task still holds the conversation until they submit it.
        if self.store.has_handoff(&offer.conversation_id, from)? {
            self.emit_agent(from, AgentEventBody::MessageAdded { message: line })?;
        }
        self.emit_agent(
            from,
            AgentEventBody::TransferNotAccepted {
                conversation_id: offer.conversation_id.clone(),
                colleague: agent_ref(self.config, &offer.agent_id),
                reason,
            },
        )
    }

    pub(super) fn offer(&mut self, conversation_id: &str, agent_id: &str) -> Result<(), HubError> {
        self.offer_as(conversation_id, agent_id, OfferReason::Contact)
    }

    /// Offers a conversation to one agent. A conference invitation leaves the conversation
    /// as it is (active, with its owner); the others make it `Offered` to that agent.
    pub(super) fn offer_as(
        &mut self,
        conversation_id: &str,
        agent_id: &str,
        kind: OfferReason,
    ) -> Result<(), HubError> {
        let conference = matches!(kind, OfferReason::Conference { .. });
        let offer = OfferRow {
            conversation_id: conversation_id.to_owned(),
            agent_id: agent_id.to_owned(),
            offered_at: self.now,
            expires_at: self.now + Millis::from(self.config.settings.accept_timeout_secs) * 1000,
            kind,
        };
        self.store.insert_offer(&offer)?;
        if !conference {
            self.store.set_conversation_state(
                conversation_id,
                ConversationState::Offered,
                Some(agent_id),
                self.now,
            )?;
            // Handed work: the agent's wait starts again (routing's "waited longest").
            self.store.set_idle_since(agent_id, self.now)?;
        }
        self.offers_changed = true;
        let conversation = self.store.conversation(conversation_id)?;
        let offer = offer_wire(self.config, &*self.store, &conversation, &offer)?;
        self.emit_agent(agent_id, AgentEventBody::Offered { offer })
    }
}
