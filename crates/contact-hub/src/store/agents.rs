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

/// A stored session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SessionRow {
    pub agent_id: String,
    pub created_at: Millis,
    pub last_used_at: Millis,
    pub password_tag: Option<String>,
}

/// Agents' runtime state, sessions, devices and turned-off queues.
pub(crate) trait Agents {
    /// Makes sure every configured agent has a row (a new agent starts logged out).
    fn ensure_agents(&self, ids: &[&str], now: Millis) -> Result<(), HubError>;

    fn agent(&self, id: &str) -> Result<AgentRow, HubError>;

    fn set_agent_state(&self, id: &str, state: &AgentState, since: Millis) -> Result<(), HubError>;

    fn set_idle_since(&self, id: &str, at: Millis) -> Result<(), HubError>;

    fn insert_session(
        &self,
        token_hash: &str,
        agent_id: &str,
        now: Millis,
        password_tag: &str,
    ) -> Result<(), HubError>;

    fn session(&self, token_hash: &str) -> Result<Option<SessionRow>, HubError>;

    fn insert_device(
        &self,
        token_hash: &str,
        agent_id: &str,
        now: Millis,
        password_tag: &str,
    ) -> Result<(), HubError>;

    /// The agent and password tag of a device token.
    fn device(&self, token_hash: &str) -> Result<Option<(String, String)>, HubError>;

    fn delete_devices_of_agent(&self, agent_id: &str) -> Result<usize, HubError>;

    fn touch_session(&self, token_hash: &str, now: Millis) -> Result<(), HubError>;

    fn delete_session(&self, token_hash: &str) -> Result<(), HubError>;

    /// The assigned queues an agent turned off.
    fn disabled_queues(&self, agent_id: &str) -> Result<HashSet<String>, HubError>;

    /// Replaces the queues an agent turned off.
    fn set_disabled_queues(&self, agent_id: &str, queue_ids: &[&str]) -> Result<(), HubError>;
}

impl Agents for Connection {
    fn ensure_agents(&self, ids: &[&str], now: Millis) -> Result<(), HubError> {
        let logged_out = serde_json::to_string(&AgentState::LoggedOut)?;
        let mut insert = self.prepare(
            "INSERT OR IGNORE INTO agents (id, state, since, idle_since) VALUES (?1, ?2, ?3, NULL)",
        )?;
        for &id in ids {
            insert.execute(params![id, logged_out, now])?;
        }
        Ok(())
    }

    fn agent(&self, id: &str) -> Result<AgentRow, HubError> {
        let row = self
            .query_row("SELECT state, since, idle_since FROM agents WHERE id = ?1", [id], |r| {
                Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?
            .ok_or_else(|| HubError::not_found("agent", id))?;
        Ok(AgentRow { state: serde_json::from_str(&row.0)?, since: row.1, idle_since: row.2 })
    }

    fn set_agent_state(&self, id: &str, state: &AgentState, since: Millis) -> Result<(), HubError> {
        self.execute(
            "UPDATE agents SET state = ?2, since = ?3 WHERE id = ?1",
            params![id, serde_json::to_string(state)?, since],
        )?;
        Ok(())
    }

    fn set_idle_since(&self, id: &str, at: Millis) -> Result<(), HubError> {
        self.execute("UPDATE agents SET idle_since = ?2 WHERE id = ?1", params![id, at])?;
        Ok(())
    }

    fn insert_session(
        &self,
        token_hash: &str,
        agent_id: &str,
        now: Millis,
        password_tag: &str,
    ) -> Result<(), HubError> {
        self.execute(
            "INSERT INTO sessions (token_hash, agent_id, created_at, last_used_at, password_tag)
         VALUES (?1, ?2, ?3, ?3, ?4)",
            params![token_hash, agent_id, now, password_tag],
        )?;
        Ok(())
    }

    fn session(&self, token_hash: &str) -> Result<Option<SessionRow>, HubError> {
        Ok(self
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

    fn insert_device(
        &self,
        token_hash: &str,
        agent_id: &str,
        now: Millis,
        password_tag: &str,
    ) -> Result<(), HubError> {
        self.execute(
            "INSERT INTO devices (token_hash, agent_id, created_at, password_tag) VALUES (?1, ?2, ?3, ?4)",
            params![token_hash, agent_id, now, password_tag],
        )?;
        Ok(())
    }

    fn device(&self, token_hash: &str) -> Result<Option<(String, String)>, HubError> {
        Ok(self
            .query_row(
                "SELECT agent_id, password_tag FROM devices WHERE token_hash = ?1",
                [token_hash],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    fn delete_devices_of_agent(&self, agent_id: &str) -> Result<usize, HubError> {
        Ok(self.execute("DELETE FROM devices WHERE agent_id = ?1", [agent_id])?)
    }

    fn touch_session(&self, token_hash: &str, now: Millis) -> Result<(), HubError> {
        self.execute(
            "UPDATE sessions SET last_used_at = ?2 WHERE token_hash = ?1",
            params![token_hash, now],
        )?;
        Ok(())
    }

    fn delete_session(&self, token_hash: &str) -> Result<(), HubError> {
        self.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
        Ok(())
    }

    fn disabled_queues(&self, agent_id: &str) -> Result<HashSet<String>, HubError> {
        let mut stmt =
            self.prepare("SELECT queue_id FROM disabled_agent_queues WHERE agent_id = ?1")?;
        let rows = stmt.query_map([agent_id], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn set_disabled_queues(&self, agent_id: &str, queue_ids: &[&str]) -> Result<(), HubError> {
        self.execute("DELETE FROM disabled_agent_queues WHERE agent_id = ?1", [agent_id])?;
        let mut insert = self.prepare(
            "INSERT OR IGNORE INTO disabled_agent_queues (agent_id, queue_id) VALUES (?1, ?2)",
        )?;
        for &queue_id in queue_ids {
            insert.execute([agent_id, queue_id])?;
        }
        Ok(())
    }
}
