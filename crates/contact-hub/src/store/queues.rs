//! Queues: what waits where (counts, the queued conversations, the Livechat chats waiting
//! longest), how much each agent holds, and the queues an admin deleted.
//!
//! The reads of one routing pass, which must not grow with the crowd, are in `routing.rs`.

use std::collections::{HashMap, HashSet};

use hub_protocol::Millis;
use rusqlite::{params, Connection, OptionalExtension};

use super::conversations::{conversation_from_row, ConversationRow, CONVERSATION_COLUMNS};
use crate::error::HubError;

/// What waits where, agents' loads, deleted queues.
pub(crate) trait Queues {
    /// How many conversations wait in a queue (queued or offered, nobody accepted yet).
    fn waiting_in_queue(&self, queue_id: &str) -> Result<u64, HubError>;

    /// Conversations of a queue that are not closed, oldest first.
    fn open_conversations_in_queue(&self, queue_id: &str)
        -> Result<Vec<ConversationRow>, HubError>;

    /// Queue ids of conversations that are not closed.
    fn queues_in_use(&self) -> Result<HashSet<String>, HubError>;

    fn delete_queue(&self, queue_id: &str, now: Millis) -> Result<(), HubError>;

    fn deleted_queues(&self) -> Result<HashSet<String>, HubError>;

    /// Whether any conversation waits in a queue.
    fn any_queued(&self) -> Result<bool, HubError>;

    /// Conversations waiting in a queue with no offer out, oldest first: `(id, queue_id)`.
    fn queued_conversations(&self) -> Result<Vec<(String, String)>, HubError>;

    /// Per agent: conversations counted against capacity. `with_offers`: offered ones too, and
    /// conference invitations (routing's view); without, only what the agent holds (active,
    /// wrap-up, a conference joined as guest, a transfer still to wrap up).
    fn agent_loads(&self, with_offers: bool) -> Result<HashMap<String, u32>, HubError>;

    /// Per queue: conversations whose customer is still waiting for an agent (queued or offered).
    fn waiting_counts(&self) -> Result<HashMap<String, u32>, HubError>;

    /// Livechat conversations waiting (queued or offered) since `cutoff` or before, oldest
    /// first, at most `limit`.
    fn livechat_waiting_since(
        &self,
        cutoff: Millis,
        limit: u32,
    ) -> Result<Vec<ConversationRow>, HubError>;

    /// When the Livechat conversation waiting longest began to wait.
    fn oldest_livechat_waiting(&self) -> Result<Option<Millis>, HubError>;
}

impl Queues for Connection {
    fn waiting_in_queue(&self, queue_id: &str) -> Result<u64, HubError> {
        // The count the schema's triggers keep: one row whatever the queue's length.
        let waiting: Option<i64> = self
            .prepare_cached("SELECT waiting FROM queue_waiting WHERE queue_id = ?1")?
            .query_row([queue_id], |r| r.get(0))
            .optional()?;
        Ok(waiting.unwrap_or(0).max(0) as u64)
    }

    fn open_conversations_in_queue(
        &self,
        queue_id: &str,
    ) -> Result<Vec<ConversationRow>, HubError> {
        let mut stmt = self.prepare(&format!(
            "SELECT {CONVERSATION_COLUMNS} FROM conversations
         WHERE queue_id = ?1 AND state IN ('queued', 'offered', 'active', 'wrapUp') ORDER BY seq"
        ))?;
        let rows = stmt.query_map([queue_id], conversation_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn queues_in_use(&self) -> Result<HashSet<String>, HubError> {
        let mut stmt = self.prepare(
            "SELECT DISTINCT queue_id FROM conversations
         WHERE state IN ('queued', 'offered', 'active', 'wrapUp')",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn delete_queue(&self, queue_id: &str, now: Millis) -> Result<(), HubError> {
        self.execute(
            "INSERT OR IGNORE INTO deleted_queues (queue_id, at) VALUES (?1, ?2)",
            params![queue_id, now],
        )?;
        Ok(())
    }

    fn deleted_queues(&self) -> Result<HashSet<String>, HubError> {
        let mut stmt = self.prepare("SELECT queue_id FROM deleted_queues")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn any_queued(&self) -> Result<bool, HubError> {
        Ok(self.query_row(
            "SELECT EXISTS (SELECT 1 FROM conversations WHERE state = 'queued')",
            [],
            |r| r.get(0),
        )?)
    }

    fn queued_conversations(&self) -> Result<Vec<(String, String)>, HubError> {
        let mut stmt = self.prepare(
            "SELECT id, queue_id FROM conversations WHERE state = 'queued' ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn agent_loads(&self, with_offers: bool) -> Result<HashMap<String, u32>, HubError> {
        let mut stmt = self.prepare(
            "SELECT agent_id, COUNT(*) FROM (
             SELECT agent_id FROM conversations
              WHERE agent_id IS NOT NULL
                AND (state IN ('active', 'wrapUp') OR (?1 AND state = 'offered'))
             UNION ALL
             SELECT guest_agent_id FROM conversations
              WHERE guest_agent_id IS NOT NULL AND state = 'active'
             UNION ALL
             SELECT agent_id FROM handoffs
             UNION ALL
             SELECT agent_id FROM offers WHERE ?1 AND kind = 'conference'
         ) GROUP BY agent_id",
        )?;
        let rows = stmt.query_map([with_offers], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn waiting_counts(&self) -> Result<HashMap<String, u32>, HubError> {
        // The counts the schema's triggers keep.
        let mut stmt = self.prepare_cached("SELECT queue_id, waiting FROM queue_waiting")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn livechat_waiting_since(
        &self,
        cutoff: Millis,
        limit: u32,
    ) -> Result<Vec<ConversationRow>, HubError> {
        let mut statement = self.prepare(&format!(
            "SELECT {CONVERSATION_COLUMNS} FROM conversations
         WHERE channel = 'livechat' AND state IN ('queued', 'offered') AND queued_at <= ?1
         ORDER BY queued_at LIMIT ?2"
        ))?;
        let rows = statement.query_map(params![cutoff, limit], conversation_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn oldest_livechat_waiting(&self) -> Result<Option<Millis>, HubError> {
        Ok(self.query_row(
            // One indexed MIN per state: an IN over both would read every waiting chat.
            "SELECT MIN(at) FROM (
             SELECT MIN(queued_at) AS at FROM conversations
              WHERE channel = 'livechat' AND state = 'queued'
             UNION ALL
             SELECT MIN(queued_at) FROM conversations
              WHERE channel = 'livechat' AND state = 'offered')",
            [],
            |r| r.get(0),
        )?)
    }
}
