//! Agents as the store knows them: their runtime state (`agents`), their sign-in sessions
//! and remembered devices (both stored as SHA-256 of the token), and the assigned queues
//! each one turned off for themselves.
//!
//! Who may sign in and what they may do is the configuration's and `hub`'s business; this
//! keeps only what must survive a restart.

use std::collections::HashSet;

use hub_protocol::{AgentState, Millis};
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::HubError;

/// An agent's stored runtime state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AgentRow {
    pub state: AgentState,
    pub since: Millis,
    /// When the agent's wait began: their last offer, their last conversation closed, or
    /// their first Available (routing's "waited longest" prefers the smallest).
    pub idle_since: Option<Millis>,
}

/// Makes sure every configured agent has a row (a new agent starts logged out).
pub(crate) fn ensure_agents<'a>(
    conn: &Connection,
    ids: impl Iterator<Item = &'a str>,
    now: Millis,
) -> Result<(), HubError> {
    let logged_out = serde_json::to_string(&AgentState::LoggedOut)?;
    let mut insert = conn.prepare(
        "INSERT OR IGNORE INTO agents (id, state, since, idle_since) VALUES (?1, ?2, ?3, NULL)",
    )?;
    for id in ids {
        insert.execute(params![id, logged_out, now])?;
    }
    Ok(())
}

pub(crate) fn agent(conn: &Connection, id: &str) -> Result<AgentRow, HubError> {
    let row = conn
        .query_row("SELECT state, since, idle_since FROM agents WHERE id = ?1", [id], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?
        .ok_or_else(|| HubError::not_found("agent", id))?;
    Ok(AgentRow { state: serde_json::from_str(&row.0)?, since: row.1, idle_since: row.2 })
}

pub(crate) fn set_agent_state(
    conn: &Connection,
    id: &str,
    state: &AgentState,
    since: Millis,
) -> Result<(), HubError> {
    conn.execute(
        "UPDATE agents SET state = ?2, since = ?3 WHERE id = ?1",
        params![id, serde_json::to_string(state)?, since],
    )?;
    Ok(())
}

pub(crate) fn set_idle_since(conn: &Connection, id: &str, at: Millis) -> Result<(), HubError> {
    conn.execute("UPDATE agents SET idle_since = ?2 WHERE id = ?1", params![id, at])?;
    Ok(())
}

pub(crate) fn insert_session(
    conn: &Connection,
    token_hash: &str,
    agent_id: &str,
    now: Millis,
    password_tag: &str,
) -> Result<(), HubError> {
    conn.execute(
        "INSERT INTO sessions (token_hash, agent_id, created_at, last_used_at, password_tag)
         VALUES (?1, ?2, ?3, ?3, ?4)",
        params![token_hash, agent_id, now, password_tag],
    )?;
    Ok(())
}

/// A stored session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SessionRow {
    pub agent_id: String,
    pub created_at: Millis,
    pub last_used_at: Millis,
    pub password_tag: Option<String>,
}

pub(crate) fn session(conn: &Connection, token_hash: &str) -> Result<Option<SessionRow>, HubError> {
    Ok(conn
        .query_row(
            "SELECT agent_id, created_at, last_used_at, password_tag FROM sessions
             WHERE token_hash = ?1",
            [token_hash],
            |r| {
                Ok(SessionRow {
                    agent_id: r.get(0)?,
                    created_at: r.get(1)?,
                    last_used_at: r.get(2)?,
                    password_tag: r.get(3)?,
                })
            },
        )
        .optional()?)
}

pub(crate) fn insert_device(
    conn: &Connection,
    token_hash: &str,
    agent_id: &str,
    now: Millis,
    password_tag: &str,
) -> Result<(), HubError> {
    conn.execute(
        "INSERT INTO devices (token_hash, agent_id, created_at, password_tag) VALUES (?1, ?2, ?3, ?4)",
        params![token_hash, agent_id, now, password_tag],
    )?;
    Ok(())
}

/// The agent and password tag of a device token.
pub(crate) fn device(
    conn: &Connection,
    token_hash: &str,
) -> Result<Option<(String, String)>, HubError> {
    Ok(conn
        .query_row(
            "SELECT agent_id, password_tag FROM devices WHERE token_hash = ?1",
            [token_hash],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

pub(crate) fn delete_devices_of_agent(
    conn: &Connection,
    agent_id: &str,
) -> Result<usize, HubError> {
    Ok(conn.execute("DELETE FROM devices WHERE agent_id = ?1", [agent_id])?)
}

pub(crate) fn touch_session(
    conn: &Connection,
    token_hash: &str,
    now: Millis,
) -> Result<(), HubError> {
    conn.execute(
        "UPDATE sessions SET last_used_at = ?2 WHERE token_hash = ?1",
        params![token_hash, now],
    )?;
    Ok(())
}

pub(crate) fn delete_session(conn: &Connection, token_hash: &str) -> Result<(), HubError> {
    conn.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
    Ok(())
}

/// The assigned queues an agent turned off.
pub(crate) fn disabled_queues(
    conn: &Connection,
    agent_id: &str,
) -> Result<HashSet<String>, HubError> {
    let mut stmt =
        conn.prepare("SELECT queue_id FROM disabled_agent_queues WHERE agent_id = ?1")?;
    let rows = stmt.query_map([agent_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Replaces the queues an agent turned off.
pub(crate) fn set_disabled_queues<'a>(
    conn: &Connection,
    agent_id: &str,
    queue_ids: impl Iterator<Item = &'a str>,
) -> Result<(), HubError> {
    conn.execute("DELETE FROM disabled_agent_queues WHERE agent_id = ?1", [agent_id])?;
    let mut insert = conn.prepare(
        "INSERT OR IGNORE INTO disabled_agent_queues (agent_id, queue_id) VALUES (?1, ?2)",
    )?;
    for queue_id in queue_ids {
        insert.execute([agent_id, queue_id])?;
    }
    Ok(())
}
