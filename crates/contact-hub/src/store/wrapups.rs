//! Wrap-ups, owed and given: the handoffs of agents who transferred a conversation away and
//! still owe its wrap-up, and the wrap-up reasons recorded (one per agent who held it).

use hub_protocol::Millis;
use rusqlite::{params, Connection, OptionalExtension};

use super::conversations::{conversation_from_row, ConversationRow, CONVERSATION_COLUMNS};
use crate::error::HubError;

pub(crate) fn insert_handoff(
    conn: &Connection,
    conversation_id: &str,
    agent_id: &str,
    now: Millis,
) -> Result<(), HubError> {
    conn.execute(
        "INSERT OR IGNORE INTO handoffs (conversation_id, agent_id, at) VALUES (?1, ?2, ?3)",
        params![conversation_id, agent_id, now],
    )?;
    Ok(())
}

/// Deletes an agent's handoff of a conversation; whether there was one.
pub(crate) fn delete_handoff(
    conn: &Connection,
    conversation_id: &str,
    agent_id: &str,
) -> Result<bool, HubError> {
    Ok(conn.execute(
        "DELETE FROM handoffs WHERE conversation_id = ?1 AND agent_id = ?2",
        params![conversation_id, agent_id],
    )? > 0)
}

pub(crate) fn has_handoff(
    conn: &Connection,
    conversation_id: &str,
    agent_id: &str,
) -> Result<bool, HubError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM handoffs WHERE conversation_id = ?1 AND agent_id = ?2",
            params![conversation_id, agent_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Conversations an agent transferred away and still owes the wrap-up of, oldest first.
pub(crate) fn handoffs_of_agent(
    conn: &Connection,
    agent_id: &str,
) -> Result<Vec<ConversationRow>, HubError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {CONVERSATION_COLUMNS} FROM conversations
         WHERE id IN (SELECT conversation_id FROM handoffs WHERE agent_id = ?1) ORDER BY seq"
    ))?;
    let rows = stmt.query_map([agent_id], conversation_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn insert_wrapup(
    conn: &Connection,
    conversation_id: &str,
    agent_id: &str,
    reason_id: Option<&str>,
    now: Millis,
) -> Result<(), HubError> {
    conn.execute(
        "INSERT INTO wrapups (conversation_id, agent_id, reason_id, at) VALUES (?1, ?2, ?3, ?4)",
        params![conversation_id, agent_id, reason_id, now],
    )?;
    Ok(())
}

/// The wrap-up reasons recorded for a conversation, `(agent_id, reason_id)` in the order
/// they were given (`None` where the queue let the agent wrap up without one).
pub(crate) fn wrapups(
    conn: &Connection,
    conversation_id: &str,
) -> Result<Vec<(String, Option<String>)>, HubError> {
    let mut stmt = conn.prepare(
        "SELECT agent_id, reason_id FROM wrapups WHERE conversation_id = ?1 ORDER BY at, rowid",
    )?;
    let rows = stmt.query_map([conversation_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
