//! Conversations: the stored header of each chat (channel, queue, state, owner, conference
//! guest, platform party, the customer record it is attached to) and the reads and writes
//! of it one transition needs.
//!
//! `CONVERSATION_COLUMNS` and `conversation_from_row` are shared with the other files that
//! return whole conversations (queues, assets, wrap-ups), so a column is decoded in one place.

use hub_protocol::{
    Channel, ChannelAccount, ConversationState, Customer, Interruption, Millis, RecordLink,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{from_json, from_text, parse_json, to_text};
use crate::error::HubError;

/// A stored conversation header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ConversationRow {
    pub id: String,
    pub channel: Channel,
    pub queue_id: String,
    pub customer: Customer,
    pub customer_token_hash: String,
    pub state: ConversationState,
    pub agent_id: Option<String>,
    pub created_at: Millis,
    /// When it went to wrap-up (or closed without an agent).
    pub ended_at: Option<Millis>,
    /// WhatsApp and Messenger: the business number or page, and the customer's address there.
    pub platform: Option<PlatformParty>,
    pub last_customer_message_at: Option<Millis>,
    /// The conference guest who joined, and when.
    pub guest: Option<(String, Millis)>,
    pub interruption: Option<Interruption>,
    /// The customer record it is attached to.
    pub record: Option<RecordLink>,
}

impl ConversationRow {
    /// The agents on it: the owner, and the conference guest who joined.
    pub fn agents(&self) -> impl Iterator<Item = &String> {
        self.agent_id.iter().chain(self.guest.as_ref().map(|(guest, _)| guest))
    }
}

/// Who a platform conversation is between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlatformParty {
    pub account: ChannelAccount,
    /// wa_id or PSID.
    pub customer: String,
}

pub(super) const CONVERSATION_COLUMNS: &str =
    "id, channel, queue_id, customer, customer_token_hash, state, \
     agent_id, created_at, account, platform_customer, last_customer_message_at, guest_agent_id, \
     guest_since, interruption, ended_at, customer_id, matched_by, matched_case_id, \
     matched_claimed";

pub(super) fn conversation_from_row(r: &Row) -> rusqlite::Result<ConversationRow> {
    Ok(ConversationRow {
        id: r.get(0)?,
        channel: from_text(r, 1)?,
        queue_id: r.get(2)?,
        customer: from_json(r, 3)?,
        customer_token_hash: r.get(4)?,
        state: from_text(r, 5)?,
        agent_id: r.get(6)?,
        created_at: r.get(7)?,
        platform: match (r.get::<_, Option<String>>(8)?, r.get::<_, Option<String>>(9)?) {
            (Some(account), Some(customer)) => {
                Some(PlatformParty { account: parse_json(&account, 8)?, customer })
            }
            _ => None,
        },
        last_customer_message_at: r.get(10)?,
        guest: match (r.get::<_, Option<String>>(11)?, r.get::<_, Option<Millis>>(12)?) {
            (Some(agent), Some(since)) => Some((agent, since)),
            _ => None,
        },
        interruption: r
            .get::<_, Option<String>>(13)?
            .map(|text| parse_json(&text, 13))
            .transpose()?,
        ended_at: r.get(14)?,
        record: match r.get::<_, Option<String>>(15)? {
            Some(customer_id) => Some(RecordLink {
                customer_id,
                matched_by: from_text(r, 16)?,
                case_id: r.get(17)?,
                claimed: r.get(18)?,
            }),
            None => None,
        },
    })
}

/// Conversation headers and their transitions' writes.
pub(crate) trait Conversations {
    fn insert_conversation(&self, c: &ConversationRow) -> Result<(), HubError>;

    /// Attaches a conversation to a customer record.
    fn set_conversation_record(&self, id: &str, record: &RecordLink) -> Result<(), HubError>;

    /// The conversation a platform customer is in now (queued, offered or active), if any.
    fn open_platform_conversation(
        &self,
        channel: Channel,
        account_id: &str,
        customer: &str,
    ) -> Result<Option<ConversationRow>, HubError>;

    /// Every conversation (any state) with a platform customer on one account, newest first.
    fn platform_conversations(
        &self,
        channel: Channel,
        account_id: &str,
        customer: &str,
    ) -> Result<Vec<ConversationRow>, HubError>;

    fn set_last_customer_message_at(&self, id: &str, at: Millis) -> Result<(), HubError>;

    fn conversation(&self, id: &str) -> Result<ConversationRow, HubError>;

    /// Moves a conversation to `state`, held by `agent_id` (or nobody), stamping the end and
    /// close times the first time they happen.
    fn set_conversation_state(
        &self,
        id: &str,
        state: ConversationState,
        agent_id: Option<&str>,
        now: Millis,
    ) -> Result<(), HubError>;

    /// Moves a conversation to another queue (a transfer to a queue).
    fn set_conversation_queue(&self, id: &str, queue_id: &str) -> Result<(), HubError>;

    /// Sets (or, with `None`, clears) a conversation's conference guest.
    fn set_guest(&self, id: &str, guest: Option<(&str, Millis)>) -> Result<(), HubError>;

    fn set_interruption(&self, id: &str, interruption: &Interruption) -> Result<(), HubError>;

    /// Active conversations in which an agent is the conference guest, oldest first.
    fn conversations_as_guest(&self, agent_id: &str) -> Result<Vec<ConversationRow>, HubError>;

    /// Conversations in `states` held by (or offered to) one agent, oldest first.
    fn conversations_of_agent(
        &self,
        agent_id: &str,
        states: &[ConversationState],
    ) -> Result<Vec<ConversationRow>, HubError>;
}

impl Conversations for Connection {
    fn insert_conversation(&self, c: &ConversationRow) -> Result<(), HubError> {
        self.execute(
            "INSERT INTO conversations
             (id, channel, queue_id, customer, customer_token_hash, state, agent_id, created_at,
              account, platform_customer, last_customer_message_at, customer_id, matched_by,
              matched_case_id, matched_claimed, queued_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?8)",
            params![
                c.id,
                to_text(&c.channel)?,
                c.queue_id,
                serde_json::to_string(&c.customer)?,
                c.customer_token_hash,
                to_text(&c.state)?,
                c.agent_id,
                c.created_at,
                c.platform.as_ref().map(|p| serde_json::to_string(&p.account)).transpose()?,
                c.platform.as_ref().map(|p| p.customer.as_str()),
                c.last_customer_message_at,
                c.record.as_ref().map(|r| r.customer_id.as_str()),
                c.record.as_ref().map(|r| to_text(&r.matched_by)).transpose()?,
                c.record.as_ref().and_then(|r| r.case_id.as_deref()),
                c.record.as_ref().is_some_and(|r| r.claimed),
            ],
        )?;
        Ok(())
    }

    fn set_conversation_record(&self, id: &str, record: &RecordLink) -> Result<(), HubError> {
        self.execute(
            "UPDATE conversations SET customer_id = ?2, matched_by = ?3, matched_case_id = ?4,
             matched_claimed = ?5
         WHERE id = ?1",
            params![
                id,
                record.customer_id,
                to_text(&record.matched_by)?,
                record.case_id,
                record.claimed
            ],
        )?;
        Ok(())
    }

    fn open_platform_conversation(
        &self,
        channel: Channel,
        account_id: &str,
        customer: &str,
    ) -> Result<Option<ConversationRow>, HubError> {
        let mut stmt = self.prepare(&format!(
            "SELECT {CONVERSATION_COLUMNS} FROM conversations
         WHERE channel = ?1 AND platform_customer = ?2
           AND state IN ('queued', 'offered', 'active') ORDER BY seq DESC"
        ))?;
        let rows = stmt.query_map(params![to_text(&channel)?, customer], conversation_from_row)?;
        for row in rows {
            let row = row?;
            if row.platform.as_ref().is_some_and(|p| p.account.id == account_id) {
                return Ok(Some(row));
            }
        }
        Ok(None)
    }

    fn platform_conversations(
        &self,
        channel: Channel,
        account_id: &str,
        customer: &str,
    ) -> Result<Vec<ConversationRow>, HubError> {
        let mut stmt = self.prepare(&format!(
            "SELECT {CONVERSATION_COLUMNS} FROM conversations
         WHERE channel = ?1 AND platform_customer = ?2 ORDER BY seq DESC"
        ))?;
        let rows = stmt.query_map(params![to_text(&channel)?, customer], conversation_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            let row = row?;
            if row.platform.as_ref().is_some_and(|p| p.account.id == account_id) {
                out.push(row);
            }
        }
        Ok(out)
    }

    fn set_last_customer_message_at(&self, id: &str, at: Millis) -> Result<(), HubError> {
        self.execute(
            "UPDATE conversations SET last_customer_message_at = MAX(COALESCE(last_customer_message_at, ?2), ?2)
         WHERE id = ?1",
            params![id, at],
        )?;
        Ok(())
    }

    fn conversation(&self, id: &str) -> Result<ConversationRow, HubError> {
        self.query_row(
            &format!("SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE id = ?1"),
            [id],
            conversation_from_row,
        )
        .optional()?
        .ok_or_else(|| HubError::not_found("conversation", id))
    }

    fn set_conversation_state(
        &self,
        id: &str,
        state: ConversationState,
        agent_id: Option<&str>,
        now: Millis,
    ) -> Result<(), HubError> {
        self.execute(
            "UPDATE conversations SET
             queued_at = CASE WHEN ?2 = 'queued' AND state NOT IN ('queued', 'offered')
                              THEN ?4 ELSE queued_at END,
             state = ?2, agent_id = ?3,
             ended_at = CASE WHEN ?2 IN ('wrapUp', 'closed') THEN COALESCE(ended_at, ?4) END,
             closed_at = CASE WHEN ?2 = 'closed' THEN COALESCE(closed_at, ?4) END
         WHERE id = ?1",
            params![id, to_text(&state)?, agent_id, now],
        )?;
        Ok(())
    }

    fn set_conversation_queue(&self, id: &str, queue_id: &str) -> Result<(), HubError> {
        self.execute(
            "UPDATE conversations SET queue_id = ?2 WHERE id = ?1",
            params![id, queue_id],
        )?;
        Ok(())
    }

    fn set_guest(&self, id: &str, guest: Option<(&str, Millis)>) -> Result<(), HubError> {
        self.execute(
            "UPDATE conversations SET guest_agent_id = ?2, guest_since = ?3 WHERE id = ?1",
            params![id, guest.map(|g| g.0), guest.map(|g| g.1)],
        )?;
        Ok(())
    }

    fn set_interruption(&self, id: &str, interruption: &Interruption) -> Result<(), HubError> {
        self.execute(
            "UPDATE conversations SET interruption = ?2 WHERE id = ?1",
            params![id, serde_json::to_string(interruption)?],
        )?;
        Ok(())
    }

    fn conversations_as_guest(&self, agent_id: &str) -> Result<Vec<ConversationRow>, HubError> {
        let mut stmt = self.prepare(&format!(
            "SELECT {CONVERSATION_COLUMNS} FROM conversations
         WHERE guest_agent_id = ?1 AND state = 'active' ORDER BY seq"
        ))?;
        let rows = stmt.query_map([agent_id], conversation_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn conversations_of_agent(
        &self,
        agent_id: &str,
        states: &[ConversationState],
    ) -> Result<Vec<ConversationRow>, HubError> {
        let mut stmt = self.prepare(&format!(
            "SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE agent_id = ?1 ORDER BY seq"
        ))?;
        let rows = stmt.query_map([agent_id], conversation_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            let row = row?;
            if states.contains(&row.state) {
                out.push(row);
            }
        }
        Ok(out)
    }
}
