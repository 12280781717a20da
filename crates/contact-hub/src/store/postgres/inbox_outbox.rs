//! Inbox and outbox on PostgreSQL: store::inbox_outbox's operations in PostgreSQL's SQL.
//! Webhook bodies are BYTEA.

use hub_protocol::{Channel, Delivery, Millis};

use super::{json, text, Pg};
use crate::error::HubError;
use crate::store::{to_text, InboxOutbox};

impl InboxOutbox for Pg {
    fn push_inbox(&self, channel: Channel, body: &[u8], now: Millis) -> Result<(), HubError> {
        self.execute(
            "INSERT INTO webhook_inbox (channel, body, received_at) VALUES ($1, $2, $3)",
            &[&to_text(&channel)?, &body, &now],
        )?;
        Ok(())
    }

    fn next_inbox(&self) -> Result<Option<(i64, Channel, Vec<u8>)>, HubError> {
        self.query_opt("SELECT seq, channel, body FROM webhook_inbox ORDER BY seq LIMIT 1", &[])?
            .map(|r| Ok((r.try_get(0)?, text(&r, 1)?, r.try_get(2)?)))
            .transpose()
    }

    fn delete_inbox(&self, seq: i64) -> Result<(), HubError> {
        self.execute("DELETE FROM webhook_inbox WHERE seq = $1", &[&seq])?;
        Ok(())
    }

    fn push_outbox(&self, message_id: &str) -> Result<(), HubError> {
        self.execute(
            "INSERT INTO outbox (message_id) VALUES ($1) ON CONFLICT DO NOTHING",
            &[&message_id],
        )?;
        Ok(())
    }

    fn next_outbox(&self) -> Result<Option<String>, HubError> {
        self.query_opt("SELECT message_id FROM outbox ORDER BY seq LIMIT 1", &[])?
            .map(|r| Ok(r.try_get(0)?))
            .transpose()
    }

    fn delete_outbox(&self, message_id: &str) -> Result<(), HubError> {
        self.execute("DELETE FROM outbox WHERE message_id = $1", &[&message_id])?;
        Ok(())
    }

    fn early_receipt(&self, platform_id: &str) -> Result<Option<Delivery>, HubError> {
        self.query_opt(
            "SELECT delivery FROM early_receipts WHERE platform_id = $1",
            &[&platform_id],
        )?
        .map(|r| json(&r, 0))
        .transpose()
    }

    fn put_early_receipt(&self, platform_id: &str, delivery: &Delivery) -> Result<(), HubError> {
        self.execute(
            "INSERT INTO early_receipts (platform_id, delivery) VALUES ($1, $2)
         ON CONFLICT (platform_id) DO UPDATE SET delivery = excluded.delivery",
            &[&platform_id, &serde_json::to_string(delivery)?],
        )?;
        Ok(())
    }

    fn delete_early_receipt(&self, platform_id: &str) -> Result<(), HubError> {
        self.execute("DELETE FROM early_receipts WHERE platform_id = $1", &[&platform_id])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use hub_protocol::{DeliveryStatus, ErrorCode};

    use super::*;
    use crate::store::postgres::test_support::{shown, Both};

    /// The agent messages the outbox refers to.
    const SETUP: &str = "INSERT INTO conversations
        (id, channel, queue_id, customer, customer_token_hash, state, created_at)
        VALUES ('c1', 'whatsapp', 'web', '{}', 'h', 'active', 1);
        INSERT INTO messages (id, conversation_id, author, text, sent_at)
        VALUES ('m1', 'c1', '{\"kind\":\"agent\"}', 'hello', 2),
               ('m2', 'c1', '{\"kind\":\"agent\"}', 'there', 3),
               ('m3', 'c1', '{\"kind\":\"agent\"}', 'again', 4)";

    fn exercise(store: &dyn InboxOutbox) -> Vec<String> {
        let mut out = Vec::new();
        out.push(shown(store.next_inbox()));
        out.push(shown(store.push_inbox(Channel::Whatsapp, br#"{"entry":[]}"#, 10)));
        out.push(shown(store.push_inbox(Channel::Messenger, &[0, 159, 255, b'\\', b'\''], 11)));
        out.push(shown(store.push_inbox(Channel::Whatsapp, b"", 12)));
        for _ in 0..3 {
            let next = store.next_inbox();
            let seq = next.as_ref().ok().and_then(|n| n.as_ref()).map(|(seq, _, _)| *seq);
            out.push(shown(next));
            out.push(shown(store.delete_inbox(seq.unwrap_or(-1))));
        }
        out.push(shown(store.next_inbox()));
        out.push(shown(store.delete_inbox(99)));
        out.push(shown(store.next_outbox()));
        out.push(shown(store.push_outbox("m2")));
        out.push(shown(store.push_outbox("m1")));
        out.push(shown(store.push_outbox("m2")));
        out.push(shown(store.push_outbox("m-unknown")));
        out.push(shown(store.next_outbox()));
        out.push(shown(store.delete_outbox("m2")));
        out.push(shown(store.push_outbox("m3")));
        out.push(shown(store.next_outbox()));
        out.push(shown(store.delete_outbox("m1")));
        out.push(shown(store.delete_outbox("m1")));
        out.push(shown(store.next_outbox()));
        out.push(shown(store.delete_outbox("m3")));
        out.push(shown(store.next_outbox()));
        let sent = Delivery { status: DeliveryStatus::Delivered, error: None, at: 20 };
        let failed = Delivery {
            status: DeliveryStatus::Failed,
            error: Some(ErrorCode::MessagingWindowClosed),
            at: 21,
        };
        out.push(shown(store.early_receipt("wamid.1")));
        out.push(shown(store.put_early_receipt("wamid.1", &sent)));
        out.push(shown(store.put_early_receipt("wamid.2", &sent)));
        out.push(shown(store.early_receipt("wamid.1")));
        out.push(shown(store.put_early_receipt("wamid.1", &failed)));
        out.push(shown(store.early_receipt("wamid.1")));
        out.push(shown(store.delete_early_receipt("wamid.1")));
        out.push(shown(store.delete_early_receipt("wamid.1")));
        out.push(shown(store.early_receipt("wamid.1")));
        out.push(shown(store.early_receipt("wamid.2")));
        out
    }

    #[test]
    fn inbox_and_outbox_on_postgres_do_what_they_do_on_sqlite() -> Result<(), HubError> {
        let both = Both::new(SETUP);
        let (conn, pg) = (&both.sqlite, &both.pg);
        let on_sqlite = exercise(conn);

        let on_postgres = exercise(pg);

        assert_eq!(on_postgres, on_sqlite);
        assert!(on_sqlite.contains(&"Ok(Some(\"m1\"))".to_owned()), "{on_sqlite:#?}");
        assert!(on_sqlite.iter().any(|r| r.starts_with("Ok(Some((1, Whatsapp")), "{on_sqlite:#?}");
        assert!(on_sqlite.contains(&"Err(database)".to_owned()));
        Ok(())
    }
}
