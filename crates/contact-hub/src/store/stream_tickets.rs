//! The widget's stream tickets as stored (the rules are in `crate::tickets`): a ticket's
//! hash, its conversation and its expiry, taken at most once.

use hub_protocol::Millis;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::HubError;

pub(crate) fn insert_stream_ticket(
    conn: &Connection,
    ticket_hash: &str,
    conversation_id: &str,
    expires_at: Millis,
) -> Result<(), HubError> {
    conn.prepare_cached(
        "INSERT INTO stream_tickets (ticket_hash, conversation_id, expires_at) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![ticket_hash, conversation_id, expires_at])?;
    Ok(())
}

/// Removes a ticket and returns its conversation and expiry, if it was there.
pub(crate) fn take_stream_ticket(
    conn: &Connection,
    ticket_hash: &str,
) -> Result<Option<(String, Millis)>, HubError> {
    Ok(conn
        .prepare_cached(
            "DELETE FROM stream_tickets WHERE ticket_hash = ?1 RETURNING conversation_id, expires_at",
        )?
        .query_row([ticket_hash], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Forgets the tickets expired by `now`.
pub(crate) fn prune_stream_tickets(conn: &Connection, now: Millis) -> Result<usize, HubError> {
    Ok(conn.prepare_cached("DELETE FROM stream_tickets WHERE expires_at <= ?1")?.execute([now])?)
}

/// How many tickets are stored.
pub(crate) fn stream_tickets_open(conn: &Connection) -> Result<u64, HubError> {
    let count: i64 =
        conn.prepare_cached("SELECT COUNT(*) FROM stream_tickets")?.query_row([], |r| r.get(0))?;
    Ok(count as u64)
}
