//! Wire views: the store's rows as the protocol's types (a conversation, an offer, an
//! assignment, an agent stream's first snapshot), with what the configuration adds to them
//! (display names, queue names and kinds, whether a disposition is required).

use hub_protocol::{
    AgentRef, Assignment, Conference, ConferenceState, Conversation, ConversationState, Offer,
    OfferKind, QueueKind, Role, Snapshot, StateSince,
};

use crate::config::HubConfig;
use crate::error::HubError;
use crate::store::{ConversationRow, OfferReason, OfferRow, Store};

pub(super) fn agent_ref(config: &HubConfig, agent_id: &str) -> AgentRef {
    AgentRef {
        id: agent_id.to_owned(),
        display_name: config
            .agent(agent_id)
            .map_or_else(|| agent_id.to_owned(), |a| a.display_name.clone()),
    }
}

pub(super) fn conversation_wire(
    config: &HubConfig,
    conn: &dyn Store,
    row: &ConversationRow,
) -> Result<Conversation, HubError> {
    let conference = match &row.guest {
        Some((guest, since)) => Some(Conference {
            guest: agent_ref(config, guest),
            state: ConferenceState::Joined,
            since: *since,
        }),
        None => conn
            .offer(&row.id)?
            .filter(|offer| matches!(offer.kind, OfferReason::Conference { .. }))
            .map(|offer| Conference {
                guest: agent_ref(config, &offer.agent_id),
                state: ConferenceState::Requested,
                since: offer.offered_at,
            }),
    };
    Ok(Conversation {
        id: row.id.clone(),
        channel: row.channel,
        queue_id: row.queue_id.clone(),
        queue_name: config
            .queue(&row.queue_id)
            .map_or_else(|| row.queue_id.clone(), |q| q.name.clone()),
        customer: row.customer.clone(),
        state: row.state,
        created_at: row.created_at,
        agent_id: row.agent_id.clone(),
        account: row.platform.as_ref().map(|p| p.account.clone()),
        last_customer_message_at: row.last_customer_message_at,
        conference,
        interruption: row.interruption.clone(),
        ended_at: row.ended_at,
        queue_kind: queue_kind(config, row),
        disposition_required: disposition_required(config, row),
        chat_log: config.chat_log(&row.queue_id),
        chat_log_mode: config.chat_log_mode(&row.queue_id),
        record: row.record.clone(),
    })
}

/// The kind of the conversation's queue (standard if it is no longer configured).
pub(super) fn queue_kind(config: &HubConfig, row: &ConversationRow) -> QueueKind {
    config.queue(&row.queue_id).map_or(QueueKind::Standard, |q| q.kind)
}

/// Whether wrap-up needs a disposition in the conversation's queue (yes if it is no longer
/// configured).
pub(super) fn disposition_required(config: &HubConfig, row: &ConversationRow) -> bool {
    config.queue(&row.queue_id).is_none_or(|q| q.disposition_required)
}

pub(super) fn offer_wire(
    config: &HubConfig,
    conn: &dyn Store,
    conversation: &ConversationRow,
    offer: &OfferRow,
) -> Result<Offer, HubError> {
    Ok(Offer {
        conversation: conversation_wire(config, conn, conversation)?,
        messages: conn.messages(&conversation.id)?,
        offered_at: offer.offered_at,
        expires_at: offer.expires_at,
        can_reject: config.settings.agents_may_reject,
        kind: match &offer.kind {
            OfferReason::Contact => OfferKind::Contact,
            OfferReason::Transfer { from } => OfferKind::Transfer { from: agent_ref(config, from) },
            OfferReason::Conference { from } => {
                OfferKind::Conference { from: agent_ref(config, from) }
            }
        },
    })
}

/// A conversation as `agent_id` holds it: as owner or conference guest.
pub(super) fn assignment_wire(
    config: &HubConfig,
    conn: &dyn Store,
    conversation: &ConversationRow,
    agent_id: &str,
) -> Result<Assignment, HubError> {
    let guest = conversation.guest.as_ref().is_some_and(|(guest, _)| guest == agent_id);
    Ok(Assignment {
        conversation: conversation_wire(config, conn, conversation)?,
        messages: conn.messages(&conversation.id)?,
        role: if guest { Role::Guest } else { Role::Owner },
    })
}

/// What the agent holds right now: the first event of a fresh stream.
pub(super) fn snapshot(
    config: &HubConfig,
    conn: &dyn Store,
    agent_id: &str,
) -> Result<Snapshot, HubError> {
    let agent = conn.agent(agent_id)?;
    let mut offers = Vec::new();
    for offer in conn.offers_of_agent(agent_id)? {
        let conversation = conn.conversation(&offer.conversation_id)?;
        offers.push(offer_wire(config, conn, &conversation, &offer)?);
    }
    let mut assignments = Vec::new();
    for conversation in conn
        .conversations_of_agent(agent_id, &[ConversationState::Active, ConversationState::WrapUp])?
    {
        assignments.push(assignment_wire(config, conn, &conversation, agent_id)?);
    }
    for conversation in conn.conversations_as_guest(agent_id)? {
        assignments.push(assignment_wire(config, conn, &conversation, agent_id)?);
    }
    // Transferred away, wrap-up still owed: for this agent the conversation is in wrap-up.
    for conversation in conn.handoffs_of_agent(agent_id)? {
        let mut assignment = assignment_wire(config, conn, &conversation, agent_id)?;
        assignment.conversation.state = ConversationState::WrapUp;
        assignment.conversation.agent_id = Some(agent_id.to_owned());
        assignment.conversation.conference = None;
        assignment.role = Role::HandedOn;
        assignments.push(assignment);
    }
    Ok(Snapshot {
        state: StateSince { state: agent.state, since: agent.since },
        offers,
        assignments,
    })
}
