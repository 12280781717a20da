//! Wrap-ups, owed and given: the handoffs of agents who transferred a conversation away and
//! still owe its wrap-up, and the wrap-up reasons recorded (one per agent who held it).

use hub_protocol::Millis;
use rusqlite::{params, Connection, OptionalExtension};

use super::conversations::{conversation_from_row, ConversationRow, CONVERSATION_COLUMNS};
use crate::error::HubError;

/// Wrap-ups and the handoffs that owe one.
pub(crate) trait Wrapups {
    fn insert_handoff(
        &self,
        conversation_id: &str,
        agent_id: &str,
        now: Millis,
    ) -> Result<(), HubError>;

    /// Deletes an agent's handoff of a conversation; whether there was one.
    fn delete_handoff(&self, conversation_id: &str, agent_id: &str) -> Result<bool, HubError>;

    fn has_handoff(&self, conversation_id: &str, agent_id: &str) -> Result<bool, HubError>;

    /// Conversations an agent transferred away and still owes the wrap-up of, oldest first.
    fn handoffs_of_agent(&self, agent_id: &str) -> Result<Vec<ConversationRow>, HubError>;

    fn insert_wrapup(
        &self,
        conversation_id: &str,
        agent_id: &str,
        reason_id: Option<&str>,
        now: Millis,
    ) -> Result<(), HubError>;

    /// The wrap-up reasons recorded for a conversation, `(agent_id, reason_id)` in the order
    /// they were given (`None` where the queue let the agent wrap up without one).
    fn wrapups(&self, conversation_id: &str) -> Result<Vec<(String, Option<String>)>, HubError>;
}

impl Wrapups for Connection {
    fn insert_handoff(
        &self,
        conversation_id: &str,
        agent_id: &str,
        now: Millis,
    ) -> Result<(), HubError> {
        self.execute(
            "INSERT OR IGNORE INTO handoffs (conversation_id, agent_id, at) VALUES (?1, ?2, ?3)",
            params![conversation_id, agent_id, now],
        )?;
        Ok(())
    }

    fn delete_handoff(&self, conversation_id: &str, agent_id: &str) -> Result<bool, HubError> {
        Ok(self.execute(
            "DELETE FROM handoffs WHERE conversation_id = ?1 AND agent_id = ?2",
            params![conversation_id, agent_id],
        )? > 0)
    }

    fn has_handoff(&self, conversation_id: &str, agent_id: &str) -> Result<bool, HubError> {
        Ok(self
            .query_row(
                "SELECT 1 FROM handoffs WHERE conversation_id = ?1 AND agent_id = ?2",
                params![conversation_id, agent_id],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    fn handoffs_of_agent(&self, agent_id: &str) -> Result<Vec<ConversationRow>, HubError> {
        let mut stmt = self.prepare(&format!(
            "SELECT {CONVERSATION_COLUMNS} FROM conversations
         WHERE id IN (SELECT conversation_id FROM handoffs WHERE agent_id = ?1) ORDER BY seq"
        ))?;
        let rows = stmt.query_map([agent_id], conversation_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn insert_wrapup(
        &self,
        conversation_id: &str,
        agent_id: &str,
        reason_id: Option<&str>,
        now: Millis,
    ) -> Result<(), HubError> {
        self.execute(
            "INSERT INTO wrapups (conversation_id, agent_id, reason_id, at) VALUES (?1, ?2, ?3, ?4)",
            params![conversation_id, agent_id, reason_id, now],
        )?;
        Ok(())
    }

    fn wrapups(&self, conversation_id: &str) -> Result<Vec<(String, Option<String>)>, HubError> {
        let mut stmt = self.prepare(
            "SELECT agent_id, reason_id FROM wrapups WHERE conversation_id = ?1 ORDER BY at, rowid",
        )?;
        let rows = stmt.query_map([conversation_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
