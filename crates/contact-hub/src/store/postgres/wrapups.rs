//! Wrap-ups on PostgreSQL: store::wrapups's operations in PostgreSQL's SQL.
//!
//! `wrapups` has no arrival column and PostgreSQL no rowid: reasons given in the same
//! millisecond come in physical order (`ctid`), which is insertion order for these
//! never-updated rows unless space freed by erased conversations is reused.

use hub_protocol::Millis;

use super::conversations::conversation_from_row;
use super::Pg;
use crate::error::HubError;
use crate::store::conversations::CONVERSATION_COLUMNS;
use crate::store::{ConversationRow, Wrapups};

impl Wrapups for Pg {
    fn insert_handoff(
        &self,
        conversation_id: &str,
        agent_id: &str,
        now: Millis,
    ) -> Result<(), HubError> {
        self.execute(
            "INSERT INTO handoffs (conversation_id, agent_id, at) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
            &[&conversation_id, &agent_id, &now],
        )?;
        Ok(())
    }

    fn delete_handoff(&self, conversation_id: &str, agent_id: &str) -> Result<bool, HubError> {
        Ok(self.execute(
            "DELETE FROM handoffs WHERE conversation_id = $1 AND agent_id = $2",
            &[&conversation_id, &agent_id],
        )? > 0)
    }

    fn has_handoff(&self, conversation_id: &str, agent_id: &str) -> Result<bool, HubError> {
        Ok(self
            .query_opt(
                "SELECT 1 FROM handoffs WHERE conversation_id = $1 AND agent_id = $2",
                &[&conversation_id, &agent_id],
            )?
            .is_some())
    }

    fn handoffs_of_agent(&self, agent_id: &str) -> Result<Vec<ConversationRow>, HubError> {
        self.query(
            &format!(
                "SELECT {CONVERSATION_COLUMNS} FROM conversations
                 WHERE id IN (SELECT conversation_id FROM handoffs WHERE agent_id = $1) ORDER BY seq"
            ),
            &[&agent_id],
        )?
        .iter()
        .map(conversation_from_row)
        .collect()
    }

    fn insert_wrapup(
        &self,
        conversation_id: &str,
        agent_id: &str,
        reason_id: Option<&str>,
        now: Millis,
    ) -> Result<(), HubError> {
        self.execute(
            "INSERT INTO wrapups (conversation_id, agent_id, reason_id, at) VALUES ($1, $2, $3, $4)",
            &[&conversation_id, &agent_id, &reason_id, &now],
        )?;
        Ok(())
    }

    fn wrapups(&self, conversation_id: &str) -> Result<Vec<(String, Option<String>)>, HubError> {
        self.query(
            "SELECT agent_id, reason_id FROM wrapups WHERE conversation_id = $1 ORDER BY at, ctid",
            &[&conversation_id],
        )?
        .iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{shown, Both, TEST_CONVERSATIONS};
    use super::*;

    fn exercise(store: &dyn Wrapups) -> Vec<String> {
        let mut out = Vec::new();
        out.push(shown(store.handoffs_of_agent("ada")));
        out.push(shown(store.insert_handoff("c5", "ada", 1_000)));
        out.push(shown(store.insert_handoff("c2", "ada", 1_100)));
        out.push(shown(store.insert_handoff("c2", "ada", 1_200)));
        out.push(shown(store.insert_handoff("c3", "bo", 1_300)));
        out.push(shown(store.insert_handoff("c9", "bo", 1_300)));
        out.push(shown(store.has_handoff("c2", "ada")));
        out.push(shown(store.has_handoff("c2", "bo")));
        out.push(shown(store.handoffs_of_agent("ada")));
        out.push(shown(store.handoffs_of_agent("cy")));
        out.push(shown(store.delete_handoff("c2", "ada")));
        out.push(shown(store.delete_handoff("c2", "ada")));
        out.push(shown(store.has_handoff("c2", "ada")));
        out.push(shown(store.handoffs_of_agent("ada")));
        // Given in this order: two in the same millisecond keep it.
        out.push(shown(store.insert_wrapup("c5", "di", Some("sale"), 2_000)));
        out.push(shown(store.insert_wrapup("c5", "ada", None, 2_000)));
        out.push(shown(store.insert_wrapup("c5", "bo", Some("refund"), 1_500)));
        out.push(shown(store.insert_wrapup("c5", "ada", Some("sale"), 2_500)));
        out.push(shown(store.insert_wrapup("c9", "ada", Some("sale"), 2_500)));
        out.push(shown(store.wrapups("c5")));
        out.push(shown(store.wrapups("c2")));
        out
    }

    #[test]
    fn wrapups_behave_as_on_sqlite() {
        let both = Both::new(TEST_CONVERSATIONS);
        let (conn, pg) = (&both.sqlite, &both.pg);

        let on_sqlite = exercise(conn);
        assert_eq!(exercise(pg), on_sqlite);
        assert!(
            on_sqlite[8].contains("\"c2\"") && on_sqlite[8].contains("\"c5\""),
            "{on_sqlite:?}"
        );
        assert_eq!(
            on_sqlite[19],
            r#"Ok([("bo", Some("refund")), ("di", Some("sale")), ("ada", None)])"#
        );
    }
}
