//! The WhatsApp and Messenger queues that make the platforms' traffic survive a restart:
//! the webhook inbox (bodies stored before the platform gets its 200, applied in order),
//! the outbox of agent messages waiting for the send API, and the receipts that overtook
//! the send API's answer.

use hub_protocol::{Channel, Delivery, Millis};
use rusqlite::{params, Connection, OptionalExtension};

use super::{from_text, to_text};
use crate::error::HubError;

pub(crate) fn push_inbox(
    conn: &Connection,
    channel: Channel,
    body: &[u8],
    now: Millis,
) -> Result<(), HubError> {
    conn.execute(
        "INSERT INTO webhook_inbox (channel, body, received_at) VALUES (?1, ?2, ?3)",
        params![to_text(&channel)?, body, now],
    )?;
    Ok(())
}

/// The oldest webhook body not yet applied: `(seq, channel, body)`.
pub(crate) fn next_inbox(conn: &Connection) -> Result<Option<(i64, Channel, Vec<u8>)>, HubError> {
    Ok(conn
        .query_row("SELECT seq, channel, body FROM webhook_inbox ORDER BY seq LIMIT 1", [], |r| {
            Ok((r.get(0)?, from_text(r, 1)?, r.get(2)?))
        })
        .optional()?)
}

pub(crate) fn delete_inbox(conn: &Connection, seq: i64) -> Result<(), HubError> {
    conn.execute("DELETE FROM webhook_inbox WHERE seq = ?1", [seq])?;
    Ok(())
}

pub(crate) fn push_outbox(conn: &Connection, message_id: &str) -> Result<(), HubError> {
    conn.execute("INSERT OR IGNORE INTO outbox (message_id) VALUES (?1)", [message_id])?;
    Ok(())
}

/// The oldest agent message waiting for the send API.
pub(crate) fn next_outbox(conn: &Connection) -> Result<Option<String>, HubError> {
    Ok(conn
        .query_row("SELECT message_id FROM outbox ORDER BY seq LIMIT 1", [], |r| r.get(0))
        .optional()?)
}

pub(crate) fn delete_outbox(conn: &Connection, message_id: &str) -> Result<(), HubError> {
    conn.execute("DELETE FROM outbox WHERE message_id = ?1", [message_id])?;
    Ok(())
}

pub(crate) fn early_receipt(
    conn: &Connection,
    platform_id: &str,
) -> Result<Option<Delivery>, HubError> {
    let json: Option<String> = conn
        .query_row(
            "SELECT delivery FROM early_receipts WHERE platform_id = ?1",
            [platform_id],
            |r| r.get(0),
        )
        .optional()?;
    json.map(|j| serde_json::from_str(&j).map_err(HubError::from)).transpose()
}

pub(crate) fn put_early_receipt(
    conn: &Connection,
    platform_id: &str,
    delivery: &Delivery,
) -> Result<(), HubError> {
    conn.execute(
        "INSERT INTO early_receipts (platform_id, delivery) VALUES (?1, ?2)
         ON CONFLICT (platform_id) DO UPDATE SET delivery = excluded.delivery",
        params![platform_id, serde_json::to_string(delivery)?],
    )?;
    Ok(())
}

pub(crate) fn delete_early_receipt(conn: &Connection, platform_id: &str) -> Result<(), HubError> {
    conn.execute("DELETE FROM early_receipts WHERE platform_id = ?1", [platform_id])?;
    Ok(())
}
