//! Leases: which hub node runs a worker that must run once however many nodes share the
//! database (the offer clock, the webhook inbox, the send outbox).
//!
//! A node holds a lease by taking or renewing it inside the transaction that does the
//! worker's work: the row it writes is locked until that transaction ends, so two nodes
//! cannot both hold it at once (on SQLite the writer is one at a time anyway). A holder that
//! stops renewing (it died) loses the lease when it expires; a holder shutting down gives
//! its leases back so another node takes over at once.

use hub_protocol::Millis;
use rusqlite::{params, Connection};

use crate::error::HubError;

/// The workers' leases.
pub(crate) trait Leases {
    /// Takes the lease `name` for `holder` until `now + lease_ms`, or renews it: when nobody
    /// holds it, `holder` already does, or its holder let it expire. Whether `holder` holds
    /// it.
    fn hold_lease(
        &self,
        name: &str,
        holder: &str,
        now: Millis,
        lease_ms: i64,
    ) -> Result<bool, HubError>;

    /// Gives back every lease `holder` holds (a node shutting down).
    fn release_leases(&self, holder: &str) -> Result<usize, HubError>;
}

impl Leases for Connection {
    fn hold_lease(
        &self,
        name: &str,
        holder: &str,
        now: Millis,
        lease_ms: i64,
    ) -> Result<bool, HubError> {
        let changed = self
            .prepare_cached(
                "INSERT INTO leases (name, holder, expires_at) VALUES (?1, ?2, ?3 + ?4)
                 ON CONFLICT (name) DO UPDATE SET holder = excluded.holder,
                                                  expires_at = excluded.expires_at
                  WHERE leases.holder = excluded.holder OR leases.expires_at <= ?3",
            )?
            .execute(params![name, holder, now, lease_ms])?;
        Ok(changed == 1)
    }

    fn release_leases(&self, holder: &str) -> Result<usize, HubError> {
        Ok(self.execute("DELETE FROM leases WHERE holder = ?1", [holder])?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lease_is_held_by_one_node_until_it_expires_or_is_given_back() {
        let dir = tempfile::tempdir().unwrap();
        let conn = super::super::open(&dir.path().join("hub.sqlite3")).unwrap();
        assert!(conn.hold_lease("offer-clock", "a", 1_000, 100).unwrap(), "nobody held it");
        assert!(!conn.hold_lease("offer-clock", "b", 1_050, 100).unwrap(), "a holds it");
        assert!(conn.hold_lease("offer-clock", "a", 1_090, 100).unwrap(), "a renews");
        assert!(!conn.hold_lease("offer-clock", "b", 1_150, 100).unwrap(), "renewed to 1,190");
        assert!(conn.hold_lease("send-outbox", "b", 1_150, 100).unwrap(), "another lease");
        assert!(conn.hold_lease("offer-clock", "b", 1_190, 100).unwrap(), "a let it expire");
        let holder: (String, Millis) = conn
            .query_row(
                "SELECT holder, expires_at FROM leases WHERE name = 'offer-clock'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(holder, ("b".into(), 1_290));
        assert!(!conn.hold_lease("offer-clock", "a", 1_200, 100).unwrap(), "b holds it now");
        assert_eq!(conn.release_leases("b").unwrap(), 2);
        assert!(conn.hold_lease("offer-clock", "a", 1_210, 100).unwrap(), "given back");
    }
}
