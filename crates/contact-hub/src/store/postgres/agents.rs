//! Agents on PostgreSQL: store::agents's operations in PostgreSQL's SQL.

use std::collections::HashSet;

use hub_protocol::{AgentState, Millis};

use super::Pg;
use crate::error::HubError;
use crate::store::{AgentRow, Agents, SessionRow};

impl Agents for Pg {
    fn ensure_agents(&self, ids: &[&str], now: Millis) -> Result<(), HubError> {
        let logged_out = serde_json::to_string(&AgentState::LoggedOut)?;
        for &id in ids {
            self.execute(
                "INSERT INTO agents (id, state, since, idle_since) VALUES ($1, $2, $3, NULL)
                 ON CONFLICT DO NOTHING",
                &[&id, &logged_out, &now],
            )?;
        }
        Ok(())
    }

    fn agent(&self, id: &str) -> Result<AgentRow, HubError> {
        let row = self
            .query_opt("SELECT state, since, idle_since FROM agents WHERE id = $1", &[&id])?
            .ok_or_else(|| HubError::not_found("agent", id))?;
        let state: String = row.try_get(0)?;
        Ok(AgentRow {
            state: serde_json::from_str(&state)?,
            since: row.try_get(1)?,
            idle_since: row.try_get(2)?,
        })
    }

    fn set_agent_state(&self, id: &str, state: &AgentState, since: Millis) -> Result<(), HubError> {
        self.execute(
            "UPDATE agents SET state = $2, since = $3 WHERE id = $1",
            &[&id, &serde_json::to_string(state)?, &since],
        )?;
        Ok(())
    }

    fn set_idle_since(&self, id: &str, at: Millis) -> Result<(), HubError> {
        self.execute("UPDATE agents SET idle_since = $2 WHERE id = $1", &[&id, &at])?;
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
         VALUES ($1, $2, $3, $3, $4)",
            &[&token_hash, &agent_id, &now, &password_tag],
        )?;
        Ok(())
    }

    fn session(&self, token_hash: &str) -> Result<Option<SessionRow>, HubError> {
        self.query_opt(
            "SELECT agent_id, created_at, last_used_at, password_tag FROM sessions
             WHERE token_hash = $1",
            &[&token_hash],
        )?
        .map(|r| {
            Ok(SessionRow {
                agent_id: r.try_get(0)?,
                created_at: r.try_get(1)?,
                last_used_at: r.try_get(2)?,
                password_tag: r.try_get(3)?,
            })
        })
        .transpose()
    }

    fn insert_device(
        &self,
        token_hash: &str,
        agent_id: &str,
        now: Millis,
        password_tag: &str,
    ) -> Result<(), HubError> {
        self.execute(
            "INSERT INTO devices (token_hash, agent_id, created_at, password_tag) VALUES ($1, $2, $3, $4)",
            &[&token_hash, &agent_id, &now, &password_tag],
        )?;
        Ok(())
    }

    fn device(&self, token_hash: &str) -> Result<Option<(String, String)>, HubError> {
        self.query_opt(
            "SELECT agent_id, password_tag FROM devices WHERE token_hash = $1",
            &[&token_hash],
        )?
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .transpose()
    }

    fn delete_devices_of_agent(&self, agent_id: &str) -> Result<usize, HubError> {
        self.execute("DELETE FROM devices WHERE agent_id = $1", &[&agent_id])
    }

    fn touch_session(&self, token_hash: &str, now: Millis) -> Result<(), HubError> {
        self.execute(
            "UPDATE sessions SET last_used_at = $2 WHERE token_hash = $1",
            &[&token_hash, &now],
        )?;
        Ok(())
    }

    fn delete_session(&self, token_hash: &str) -> Result<(), HubError> {
        self.execute("DELETE FROM sessions WHERE token_hash = $1", &[&token_hash])?;
        Ok(())
    }

    fn disabled_queues(&self, agent_id: &str) -> Result<HashSet<String>, HubError> {
        self.query("SELECT queue_id FROM disabled_agent_queues WHERE agent_id = $1", &[&agent_id])?
            .iter()
            .map(|r| Ok(r.try_get(0)?))
            .collect()
    }

    fn set_disabled_queues(&self, agent_id: &str, queue_ids: &[&str]) -> Result<(), HubError> {
        self.execute("DELETE FROM disabled_agent_queues WHERE agent_id = $1", &[&agent_id])?;
        for &queue_id in queue_ids {
            self.execute(
                "INSERT INTO disabled_agent_queues (agent_id, queue_id) VALUES ($1, $2)
                 ON CONFLICT DO NOTHING",
                &[&agent_id, &queue_id],
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::store::postgres::test_support::{shown, Both};

    fn exercise(store: &dyn Agents) -> Vec<String> {
        let mut out = Vec::new();
        out.push(shown(store.ensure_agents(&["ada", "bo"], 10)));
        out.push(shown(store.ensure_agents(&["ada", "cy", "cy"], 20)));
        out.push(shown(store.ensure_agents(&[], 25)));
        for id in ["ada", "bo", "cy", "zed"] {
            out.push(shown(store.agent(id)));
        }
        out.push(shown(store.set_agent_state(
            "ada",
            &AgentState::Idle { code: "lunch".into() },
            30,
        )));
        out.push(shown(store.set_agent_state("bo", &AgentState::Available, 31)));
        out.push(shown(store.set_agent_state("zed", &AgentState::Available, 32)));
        out.push(shown(store.set_idle_since("bo", 31)));
        out.push(shown(store.set_idle_since("zed", 33)));
        out.push(shown(store.agent("ada")));
        out.push(shown(store.agent("bo")));
        out.push(shown(store.agent("zed")));
        out.push(shown(store.insert_session("s1", "ada", 40, "tag-a")));
        out.push(shown(store.insert_session("s2", "bo", 41, "tag-b")));
        out.push(shown(store.insert_session("s1", "bo", 42, "tag-b")));
        out.push(shown(store.session("s1")));
        out.push(shown(store.session("nope")));
        out.push(shown(store.touch_session("s1", 50)));
        out.push(shown(store.touch_session("nope", 50)));
        out.push(shown(store.session("s1")));
        out.push(shown(store.delete_session("s1")));
        out.push(shown(store.delete_session("s1")));
        out.push(shown(store.session("s1")));
        out.push(shown(store.session("s2")));
        out.push(shown(store.insert_device("d1", "ada", 60, "tag-a")));
        out.push(shown(store.insert_device("d2", "ada", 61, "tag-a2")));
        out.push(shown(store.insert_device("d3", "bo", 62, "tag-b")));
        out.push(shown(store.insert_device("d3", "ada", 63, "tag-a")));
        out.push(shown(store.device("d2")));
        out.push(shown(store.device("nope")));
        out.push(shown(store.delete_devices_of_agent("ada")));
        out.push(shown(store.delete_devices_of_agent("ada")));
        out.push(shown(store.device("d1")));
        out.push(shown(store.device("d3")));
        // A set's Debug order is its hasher's: compare them sorted.
        let sorted =
            |agent| store.disabled_queues(agent).map(|q| q.into_iter().collect::<BTreeSet<_>>());
        out.push(shown(store.set_disabled_queues("ada", &["web", "fi", "web"])));
        out.push(shown(store.set_disabled_queues("bo", &["vip"])));
        out.push(shown(sorted("ada")));
        out.push(shown(store.set_disabled_queues("ada", &["sales"])));
        out.push(shown(sorted("ada")));
        out.push(shown(store.set_disabled_queues("bo", &[])));
        out.push(shown(sorted("bo")));
        out.push(shown(sorted("zed")));
        out
    }

    #[test]
    fn agents_on_postgres_do_what_they_do_on_sqlite() -> Result<(), HubError> {
        let both = Both::new("");
        let (conn, pg) = (&both.sqlite, &both.pg);
        let on_sqlite = exercise(conn);

        let on_postgres = exercise(pg);

        assert_eq!(on_postgres, on_sqlite);
        assert!(on_sqlite.iter().any(|r| r.starts_with("Ok(AgentRow")), "{on_sqlite:#?}");
        assert!(on_sqlite.contains(&"Ok({\"fi\", \"web\"})".to_owned()), "{on_sqlite:#?}");
        assert!(on_sqlite.contains(&"Err(database)".to_owned()));
        Ok(())
    }
}
