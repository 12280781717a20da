//! The widget's stream tickets as stored (the rules are in `crate::tickets`): a ticket's
//! hash, its conversation and its expiry, taken at most once.

use hub_protocol::Millis;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::HubError;

/// The stored stream tickets.
pub(crate) trait StreamTickets {
    fn insert_stream_ticket(
        &self,
        ticket_hash: &str,
        conversation_id: &str,
        expires_at: Millis,
    ) -> Result<(), HubError>;

    /// Removes a ticket and returns its conversation and expiry, if it was there.
    fn take_stream_ticket(&self, ticket_hash: &str) -> Result<Option<(String, Millis)>, HubError>;

    /// Forgets the tickets expired by `now`.
    fn prune_stream_tickets(&self, now: Millis) -> Result<usize, HubError>;

    /// How many tickets are stored.
    fn stream_tickets_open(&self) -> Result<u64, HubError>;
}

impl StreamTickets for Connection {
    fn insert_stream_ticket(
        &self,
        ticket_hash: &str,
        conversation_id: &str,
        expires_at: Millis,
    ) -> Result<(), HubError> {
        self.prepare_cached(
            "INSERT INTO stream_tickets (ticket_hash, conversation_id, expires_at)
             VALUES (?1, ?2, ?3)",
        )?
        .execute(params![ticket_hash, conversation_id, expires_at])?;
        Ok(())
    }

    fn take_stream_ticket(&self, ticket_hash: &str) -> Result<Option<(String, Millis)>, HubError> {
        Ok(self
            .prepare_cached(
                "DELETE FROM stream_tickets WHERE ticket_hash = ?1
                 RETURNING conversation_id, expires_at",
            )?
            .query_row([ticket_hash], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    fn prune_stream_tickets(&self, now: Millis) -> Result<usize, HubError> {
        Ok(self
            .prepare_cached("DELETE FROM stream_tickets WHERE expires_at <= ?1")?
            .execute([now])?)
    }

    fn stream_tickets_open(&self) -> Result<u64, HubError> {
        let count: i64 = self
            .prepare_cached("SELECT COUNT(*) FROM stream_tickets")?
            .query_row([], |r| r.get(0))?;
        Ok(count as u64)
    }
}
