//! Queues on PostgreSQL: store::queues's operations in PostgreSQL's SQL.

use std::collections::{HashMap, HashSet};

use hub_protocol::Millis;

use super::conversations::conversation_from_row;
use super::Pg;
use crate::error::HubError;
use crate::store::conversations::CONVERSATION_COLUMNS;
use crate::store::{ConversationRow, Queues};

/// A count read as i64, as the `u32` SQLite's reader would give (an error if out of range).
pub(super) fn count_u32(count: i64) -> Result<u32, HubError> {
    u32::try_from(count).map_err(|_| HubError::Internal(format!("{count} is not a count")))
}

impl Queues for Pg {
    fn waiting_in_queue(&self, queue_id: &str) -> Result<u64, HubError> {
        // The count the schema's triggers keep: one row whatever the queue's length.
        let waiting: Option<i64> = self
            .query_opt("SELECT waiting FROM queue_waiting WHERE queue_id = $1", &[&queue_id])?
            .map(|row| row.try_get(0))
            .transpose()?;
        Ok(waiting.unwrap_or(0).max(0) as u64)
    }

    fn open_conversations_in_queue(
        &self,
        queue_id: &str,
    ) -> Result<Vec<ConversationRow>, HubError> {
        self.query(
            &format!(
                "SELECT {CONVERSATION_COLUMNS} FROM conversations
                 WHERE queue_id = $1 AND state IN ('queued', 'offered', 'active', 'wrapUp') ORDER BY seq"
            ),
            &[&queue_id],
        )?
        .iter()
        .map(conversation_from_row)
        .collect()
    }

    fn queues_in_use(&self) -> Result<HashSet<String>, HubError> {
        self.query(
            "SELECT DISTINCT queue_id FROM conversations
             WHERE state IN ('queued', 'offered', 'active', 'wrapUp')",
            &[],
        )?
        .iter()
        .map(|row| Ok(row.try_get(0)?))
        .collect()
    }

    fn delete_queue(&self, queue_id: &str, now: Millis) -> Result<(), HubError> {
        self.execute(
            "INSERT INTO deleted_queues (queue_id, at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[&queue_id, &now],
        )?;
        Ok(())
    }

    fn deleted_queues(&self) -> Result<HashSet<String>, HubError> {
        self.query("SELECT queue_id FROM deleted_queues", &[])?
            .iter()
            .map(|row| Ok(row.try_get(0)?))
            .collect()
    }

    fn any_queued(&self) -> Result<bool, HubError> {
        Ok(self
            .query_one("SELECT EXISTS (SELECT 1 FROM conversations WHERE state = 'queued')", &[])?
            .try_get(0)?)
    }

    fn queued_conversations(&self) -> Result<Vec<(String, String)>, HubError> {
        self.query(
            "SELECT id, queue_id FROM conversations WHERE state = 'queued' ORDER BY seq",
            &[],
        )?
        .iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
        .collect()
    }

    fn agent_loads(&self, with_offers: bool) -> Result<HashMap<String, u32>, HubError> {
        self.query(
            "SELECT agent_id, COUNT(*) FROM (
                 SELECT agent_id FROM conversations
                  WHERE agent_id IS NOT NULL
                    AND (state IN ('active', 'wrapUp') OR ($1::boolean AND state = 'offered'))
                 UNION ALL
                 SELECT guest_agent_id FROM conversations
                  WHERE guest_agent_id IS NOT NULL AND state = 'active'
                 UNION ALL
                 SELECT agent_id FROM handoffs
                 UNION ALL
                 SELECT agent_id FROM offers WHERE $1::boolean AND kind = 'conference'
             ) AS held GROUP BY agent_id",
            &[&with_offers],
        )?
        .iter()
        .map(|row| Ok((row.try_get(0)?, count_u32(row.try_get(1)?)?)))
        .collect()
    }

    fn waiting_counts(&self) -> Result<HashMap<String, u32>, HubError> {
        // The counts the schema's triggers keep.
        self.query("SELECT queue_id, waiting FROM queue_waiting", &[])?
            .iter()
            .map(|row| Ok((row.try_get(0)?, count_u32(row.try_get(1)?)?)))
            .collect()
    }

    fn livechat_waiting_since(
        &self,
        cutoff: Millis,
        limit: u32,
    ) -> Result<Vec<ConversationRow>, HubError> {
        self.query(
            &format!(
                "SELECT {CONVERSATION_COLUMNS} FROM conversations
                 WHERE channel = 'livechat' AND state IN ('queued', 'offered') AND queued_at <= $1
                 ORDER BY queued_at LIMIT $2"
            ),
            &[&cutoff, &i64::from(limit)],
        )?
        .iter()
        .map(conversation_from_row)
        .collect()
    }

    fn oldest_livechat_waiting(&self) -> Result<Option<Millis>, HubError> {
        Ok(self
            .query_one(
                // One indexed MIN per state: an IN over both would read every waiting chat.
                "SELECT MIN(at) FROM (
                     SELECT MIN(queued_at) AS at FROM conversations
                      WHERE channel = 'livechat' AND state = 'queued'
                     UNION ALL
                     SELECT MIN(queued_at) FROM conversations
                      WHERE channel = 'livechat' AND state = 'offered') AS oldest",
                &[],
            )?
            .try_get(0)?)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::super::test_support::{shown, TEST_CONVERSATIONS};
    use super::*;

    /// A conference guest, a conference invitation and a handoff, for the loads.
    const MORE: &str = "
        UPDATE conversations SET guest_agent_id = 'cy', guest_since = 25 WHERE id = 'c2';
        INSERT INTO offers (conversation_id, agent_id, offered_at, expires_at, kind, from_agent_id)
        VALUES ('c2', 'bo', 26, 56, 'conference', 'ada');
        INSERT INTO handoffs (conversation_id, agent_id, at) VALUES ('c3', 'di', 31);";

    fn sorted<K: Ord, V>(map: Result<HashMap<K, V>, HubError>) -> Result<BTreeMap<K, V>, HubError> {
        map.map(|map| map.into_iter().collect())
    }

    fn set(set: Result<HashSet<String>, HubError>) -> Result<BTreeSet<String>, HubError> {
        set.map(|set| set.into_iter().collect())
    }

    fn exercise(store: &dyn Queues) -> Vec<String> {
        let mut out = Vec::new();
        out.push(shown(store.waiting_in_queue("web")));
        out.push(shown(store.waiting_in_queue("sales")));
        out.push(shown(store.waiting_in_queue("nowhere")));
        out.push(shown(store.open_conversations_in_queue("web")));
        out.push(shown(store.open_conversations_in_queue("sales")));
        out.push(shown(set(store.queues_in_use())));
        out.push(shown(set(store.deleted_queues())));
        out.push(shown(store.delete_queue("sales", 1_000)));
        out.push(shown(store.delete_queue("sales", 2_000)));
        out.push(shown(store.delete_queue("old", 2_000)));
        out.push(shown(set(store.deleted_queues())));
        out.push(shown(store.any_queued()));
        out.push(shown(store.queued_conversations()));
        out.push(shown(sorted(store.agent_loads(true))));
        out.push(shown(sorted(store.agent_loads(false))));
        out.push(shown(sorted(store.waiting_counts())));
        out.push(shown(store.livechat_waiting_since(40, 10)));
        out.push(shown(store.livechat_waiting_since(60, 1)));
        out.push(shown(store.livechat_waiting_since(5, 10)));
        out.push(shown(store.oldest_livechat_waiting()));
        out
    }

    #[test]
    fn queues_behave_as_on_sqlite() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::store::open(&dir.path().join("hub.sqlite3")).unwrap();
        conn.execute_batch(TEST_CONVERSATIONS).unwrap();
        conn.execute_batch(MORE).unwrap();
        let db = crate::testing::TestDatabase::create();
        let pg = Pg::connect(db.url()).unwrap();
        super::super::migrate(&pg).unwrap();
        pg.batch(TEST_CONVERSATIONS).unwrap();
        pg.batch(MORE).unwrap();

        let on_sqlite = exercise(&conn);
        assert_eq!(exercise(&pg), on_sqlite);
        assert_eq!(on_sqlite[0], "Ok(3)");
        assert_eq!(on_sqlite[13], r#"Ok({"ada": 1, "bo": 2, "cy": 2, "di": 1})"#);
        assert_eq!(on_sqlite[19], "Ok(Some(10))");

        // Nothing waits: no oldest.
        let none = "UPDATE conversations SET state = 'closed'";
        conn.execute_batch(none).unwrap();
        pg.batch(none).unwrap();
        assert_eq!(shown(pg.oldest_livechat_waiting()), shown(conn.oldest_livechat_waiting()));
        assert_eq!(shown(pg.any_queued()), "Ok(false)");
    }
}
