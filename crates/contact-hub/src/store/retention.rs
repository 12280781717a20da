//! Erasure and retention: a conversation deleted with everything of it (messages, offers,
//! declines, wrap-ups, handoffs, its case, the events that name it), a customer record
//! deleted, and what the retention sweep reads and prunes (closed conversations past their
//! time, old events).

use hub_protocol::{ConversationState, Millis};
use rusqlite::{params, Connection};

use super::from_text;
use crate::error::HubError;

/// Erasure and pruning.
pub(crate) trait Retention {
    /// The conversations of a customer record: attached to it, or whose case is saved on it.
    fn conversations_of_customer(
        &self,
        customer_id: &str,
    ) -> Result<Vec<(String, ConversationState)>, HubError>;

    /// Deletes a conversation and everything of it: messages (and their outbox rows), offers,
    /// declines, wrap-ups, handoffs, its case, the customer's events and the agents' events
    /// that name it (offers embed the thread).
    fn erase_conversation(&self, id: &str) -> Result<(), HubError>;

    fn delete_customer(&self, customer_id: &str) -> Result<bool, HubError>;

    /// Closed conversations that closed before `cutoff`, at most `limit`.
    fn closed_before(&self, cutoff: Millis, limit: u32) -> Result<Vec<String>, HubError>;

    /// Deletes events older than `cutoff` (a desk resuming from before it starts afresh).
    fn prune_events(&self, cutoff: Millis) -> Result<usize, HubError>;
}

impl Retention for Connection {
    fn conversations_of_customer(
        &self,
        customer_id: &str,
    ) -> Result<Vec<(String, ConversationState)>, HubError> {
        let mut statement = self.prepare(
            "SELECT id, state FROM conversations WHERE customer_id = ?1
         UNION SELECT c.id, c.state FROM conversations c JOIN cases k ON k.conversation_id = c.id
               WHERE k.customer_id = ?1",
        )?;
        let rows = statement.query_map([customer_id], |r| Ok((r.get(0)?, from_text(r, 1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn erase_conversation(&self, id: &str) -> Result<(), HubError> {
        self.execute(
            "DELETE FROM outbox WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = ?1)",
            [id],
        )?;
        for table in ["messages", "offers", "declines", "wrapups", "handoffs", "cases"] {
            self.execute(&format!("DELETE FROM {table} WHERE conversation_id = ?1"), [id])?;
        }
        self.execute("DELETE FROM events WHERE audience = 'customer' AND recipient = ?1", [id])?;
        // Conversation ids are UUIDs: no LIKE wildcard in them.
        self.execute("DELETE FROM events WHERE audience = 'agent' AND instr(body, ?1) > 0", [id])?;
        self.execute("DELETE FROM conversations WHERE id = ?1", [id])?;
        Ok(())
    }

    fn delete_customer(&self, customer_id: &str) -> Result<bool, HubError> {
        Ok(self.execute("DELETE FROM customers WHERE id = ?1", [customer_id])? > 0)
    }

    fn closed_before(&self, cutoff: Millis, limit: u32) -> Result<Vec<String>, HubError> {
        let mut statement = self.prepare(
            "SELECT id FROM conversations WHERE state = 'closed' AND closed_at < ?1 LIMIT ?2",
        )?;
        let rows = statement.query_map(params![cutoff, limit], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn prune_events(&self, cutoff: Millis) -> Result<usize, HubError> {
        Ok(self.execute("DELETE FROM events WHERE at < ?1", [cutoff])?)
    }
}
