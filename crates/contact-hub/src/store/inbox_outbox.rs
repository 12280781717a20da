//! The WhatsApp and Messenger queues that make the platforms' traffic survive a restart:
//! the webhook inbox (bodies stored before the platform gets its 200, applied in order),
//! the outbox of agent messages waiting for the send API, and the receipts that overtook
//! the send API's answer.

use hub_protocol::{Channel, Delivery, Millis};
use rusqlite::{params, Connection, OptionalExtension};

use super::{from_text, to_text};
use crate::error::HubError;

/// The webhook inbox, the send outbox and early receipts.
pub(crate) trait InboxOutbox {
    fn push_inbox(&self, channel: Channel, body: &[u8], now: Millis) -> Result<(), HubError>;

    /// The oldest webhook body not yet applied: `(seq, channel, body)`.
    fn next_inbox(&self) -> Result<Option<(i64, Channel, Vec<u8>)>, HubError>;

    fn delete_inbox(&self, seq: i64) -> Result<(), HubError>;

    fn push_outbox(&self, message_id: &str) -> Result<(), HubError>;

    /// The oldest agent message waiting for the send API.
    fn next_outbox(&self) -> Result<Option<String>, HubError>;

    fn delete_outbox(&self, message_id: &str) -> Result<(), HubError>;

    fn early_receipt(&self, platform_id: &str) -> Result<Option<Delivery>, HubError>;

    fn put_early_receipt(&self, platform_id: &str, delivery: &Delivery) -> Result<(), HubError>;

    fn delete_early_receipt(&self, platform_id: &str) -> Result<(), HubError>;
}

impl InboxOutbox for Connection {
    fn push_inbox(&self, channel: Channel, body: &[u8], now: Millis) -> Result<(), HubError> {
        self.execute(
            "INSERT INTO webhook_inbox (channel, body, received_at) VALUES (?1, ?2, ?3)",
            params![to_text(&channel)?, body, now],
        )?;
        Ok(())
    }

    fn next_inbox(&self) -> Result<Option<(i64, Channel, Vec<u8>)>, HubError> {
        Ok(self
            .query_row(
                "SELECT seq, channel, body FROM webhook_inbox ORDER BY seq LIMIT 1",
                [],
                |r| Ok((r.get(0)?, from_text(r, 1)?, r.get(2)?)),
            )
            .optional()?)
    }

    fn delete_inbox(&self, seq: i64) -> Result<(), HubError> {
        self.execute("DELETE FROM webhook_inbox WHERE seq = ?1", [seq])?;
        Ok(())
    }

    fn push_outbox(&self, message_id: &str) -> Result<(), HubError> {
        self.execute("INSERT OR IGNORE INTO outbox (message_id) VALUES (?1)", [message_id])?;
        Ok(())
    }

    fn next_outbox(&self) -> Result<Option<String>, HubError> {
        Ok(self
            .query_row("SELECT message_id FROM outbox ORDER BY seq LIMIT 1", [], |r| r.get(0))
            .optional()?)
    }

    fn delete_outbox(&self, message_id: &str) -> Result<(), HubError> {
        self.execute("DELETE FROM outbox WHERE message_id = ?1", [message_id])?;
        Ok(())
    }

    fn early_receipt(&self, platform_id: &str) -> Result<Option<Delivery>, HubError> {
        let json: Option<String> = self
            .query_row(
                "SELECT delivery FROM early_receipts WHERE platform_id = ?1",
                [platform_id],
                |r| r.get(0),
            )
            .optional()?;
        json.map(|j| serde_json::from_str(&j).map_err(HubError::from)).transpose()
    }

    fn put_early_receipt(&self, platform_id: &str, delivery: &Delivery) -> Result<(), HubError> {
        self.execute(
            "INSERT INTO early_receipts (platform_id, delivery) VALUES (?1, ?2)
         ON CONFLICT (platform_id) DO UPDATE SET delivery = excluded.delivery",
            params![platform_id, serde_json::to_string(delivery)?],
        )?;
        Ok(())
    }

    fn delete_early_receipt(&self, platform_id: &str) -> Result<(), HubError> {
        self.execute("DELETE FROM early_receipts WHERE platform_id = ?1", [platform_id])?;
        Ok(())
    }
}
