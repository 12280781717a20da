//! Retention on PostgreSQL: store::retention's operations in PostgreSQL's SQL.
//!
//! Where SQLite's order is its plan's (a UNION's sorted result, `closed_before` walking
//! `conversations_by_state`), the same order is asked for by name.

use hub_protocol::{ConversationState, Millis};

use super::{text, Pg};
use crate::error::HubError;
use crate::store::Retention;

impl Retention for Pg {
    fn conversations_of_customer(
        &self,
        customer_id: &str,
    ) -> Result<Vec<(String, ConversationState)>, HubError> {
        self.query(
            r#"SELECT id, state FROM (
                   SELECT id, state FROM conversations WHERE customer_id = $1
                   UNION SELECT c.id, c.state FROM conversations c
                          JOIN cases k ON k.conversation_id = c.id
                         WHERE k.customer_id = $1) AS found
                ORDER BY id COLLATE "C", state COLLATE "C""#,
            &[&customer_id],
        )?
        .iter()
        .map(|row| Ok((row.try_get(0)?, text(row, 1)?)))
        .collect()
    }

    fn erase_conversation(&self, id: &str) -> Result<(), HubError> {
        self.execute(
            "DELETE FROM outbox WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = $1)",
            &[&id],
        )?;
        for table in ["messages", "offers", "declines", "wrapups", "handoffs", "cases"] {
            self.execute(&format!("DELETE FROM {table} WHERE conversation_id = $1"), &[&id])?;
        }
        self.execute("DELETE FROM events WHERE audience = 'customer' AND recipient = $1", &[&id])?;
        // Conversation ids are UUIDs: no LIKE wildcard in them.
        self.execute(
            "DELETE FROM events WHERE audience = 'agent' AND strpos(body, $1) > 0",
            &[&id],
        )?;
        self.execute("DELETE FROM conversations WHERE id = $1", &[&id])?;
        Ok(())
    }

    fn delete_customer(&self, customer_id: &str) -> Result<bool, HubError> {
        Ok(self.execute("DELETE FROM customers WHERE id = $1", &[&customer_id])? > 0)
    }

    fn closed_before(&self, cutoff: Millis, limit: u32) -> Result<Vec<String>, HubError> {
        self.query(
            "SELECT id FROM conversations WHERE state = 'closed' AND closed_at < $1
              ORDER BY seq LIMIT $2",
            &[&cutoff, &i64::from(limit)],
        )?
        .iter()
        .map(|row| Ok(row.try_get(0)?))
        .collect()
    }

    fn prune_events(&self, cutoff: Millis) -> Result<usize, HubError> {
        self.execute("DELETE FROM events WHERE at < $1", &[&cutoff])
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{shown, TEST_CONVERSATIONS};
    use super::*;

    /// More of everything a conversation has, the same on both backends.
    const MORE: &str = r#"
        INSERT INTO customers (id, name, notes, created_at) VALUES ('k2', 'Ben', '', 2);
        INSERT INTO conversations (id, channel, queue_id, customer, customer_token_hash, state,
                                   created_at, closed_at)
        VALUES ('c7', 'livechat', 'web', '{"name":"Ben"}', 'h7', 'closed', 70, 75),
               ('c8', 'livechat', 'web', '{"name":"Ben"}', 'h8', 'closed', 80, 120);
        INSERT INTO cases (id, conversation_id, customer_id, status, subject, notes, agent_id,
                           created_at, updated_at)
        VALUES ('case-1', 'c2', 'k1', 'saved', 'Late order', '', 'ada', 21, 22),
               ('case-2', 'c5', 'k1', 'saved', 'Refund', '', 'ada', 51, 52),
               ('case-3', 'c7', 'k2', 'draft', 'Hello', '', 'bo', 71, 72);
        INSERT INTO messages (id, conversation_id, author, text, sent_at)
        VALUES ('m1', 'c5', '{"kind":"customer"}', 'hi', 50),
               ('m2', 'c5', '{"kind":"customer"}', 'again', 51),
               ('m3', 'c2', '{"kind":"customer"}', 'hello', 52);
        INSERT INTO outbox (message_id) VALUES ('m2'), ('m3');
        INSERT INTO offers (conversation_id, agent_id, offered_at, expires_at)
        VALUES ('c5', 'bo', 50, 80);
        INSERT INTO declines (conversation_id, agent_id, reason, at) VALUES ('c5', 'cy', 'missed', 50);
        INSERT INTO wrapups (conversation_id, agent_id, reason_id, at) VALUES ('c5', 'ada', 'sale', 55);
        INSERT INTO handoffs (conversation_id, agent_id, at) VALUES ('c5', 'di', 53);
        INSERT INTO events (audience, recipient, at, body)
        VALUES ('customer', 'c5', 50, '{"kind":"message"}'),
               ('agent', 'ada', 51, '{"kind":"offer","conversationId":"c5"}'),
               ('agent', 'ada', 52, '{"kind":"offer","conversationId":"c2"}'),
               ('customer', 'c2', 10, '{"kind":"message"}'),
               ('agent', 'bo', 200, '{"kind":"stateChanged"}');
    "#;

    /// What is left of everything, one line a row, in a fixed order.
    const LEFT: &str = "
        SELECT 'conversation ' || id FROM conversations
        UNION ALL SELECT 'message ' || id FROM messages
        UNION ALL SELECT 'outbox ' || message_id FROM outbox
        UNION ALL SELECT 'offer ' || conversation_id FROM offers
        UNION ALL SELECT 'decline ' || conversation_id FROM declines
        UNION ALL SELECT 'wrapup ' || conversation_id FROM wrapups
        UNION ALL SELECT 'handoff ' || conversation_id FROM handoffs
        UNION ALL SELECT 'case ' || id FROM cases
        UNION ALL SELECT 'customer ' || id FROM customers
        UNION ALL SELECT 'event ' || audience || ' ' || recipient || ' ' || body FROM events
        ORDER BY 1";

    fn exercise(store: &dyn Retention) -> Vec<String> {
        let mut out = Vec::new();
        out.push(shown(store.conversations_of_customer("k1")));
        out.push(shown(store.conversations_of_customer("k2")));
        out.push(shown(store.conversations_of_customer("k9")));
        out.push(shown(store.closed_before(100, 10)));
        out.push(shown(store.closed_before(100, 1)));
        out.push(shown(store.closed_before(1_000, 10)));
        out.push(shown(store.closed_before(55, 10)));
        out.push(shown(store.erase_conversation("c5")));
        out.push(shown(store.erase_conversation("c9")));
        out.push(shown(store.conversations_of_customer("k1")));
        // Still named by a conversation: refused.
        out.push(shown(store.delete_customer("k1")));
        out.push(shown(store.erase_conversation("c7")));
        out.push(shown(store.delete_customer("k2")));
        out.push(shown(store.delete_customer("k2")));
        out.push(shown(store.prune_events(52)));
        out.push(shown(store.prune_events(52)));
        out
    }

    #[test]
    fn retention_behaves_as_on_sqlite() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::store::open(&dir.path().join("hub.sqlite3")).unwrap();
        conn.execute_batch(TEST_CONVERSATIONS).unwrap();
        conn.execute_batch(MORE).unwrap();
        let db = crate::testing::TestDatabase::create();
        let pg = Pg::connect(db.url()).unwrap();
        super::super::migrate(&pg).unwrap();
        pg.batch(TEST_CONVERSATIONS).unwrap();
        pg.batch(MORE).unwrap();

        let mut on_sqlite = exercise(&conn);
        let mut on_postgres = exercise(&pg);
        let mut left = conn.prepare(LEFT).unwrap();
        on_sqlite
            .extend(left.query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap));
        on_postgres.extend(pg.query(LEFT, &[]).unwrap().iter().map(|r| r.get::<_, String>(0)));
        assert_eq!(on_postgres, on_sqlite);
        assert_eq!(
            on_sqlite[0], r#"Ok([("c1", Queued), ("c2", Active), ("c5", Closed)])"#,
            "{on_sqlite:?}"
        );
        assert_eq!(on_sqlite[12], "Ok(true)");
        assert!(!on_sqlite.iter().any(|line| line.contains("c5")
            && (line.starts_with("message") || line.starts_with("event"))));
    }
}
