//! Leases on PostgreSQL: store::leases's operations in PostgreSQL's SQL.
//! The row `hold_lease` writes is locked until its transaction ends, so two nodes' concurrent
//! takes are one after the other (SQLite has one writer anyway).

use hub_protocol::Millis;

use super::Pg;
use crate::error::HubError;
use crate::store::Leases;

impl Leases for Pg {
    fn hold_lease(
        &self,
        name: &str,
        holder: &str,
        now: Millis,
        lease_ms: i64,
    ) -> Result<bool, HubError> {
        let changed = self.execute(
            "INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3::bigint + $4::bigint)
             ON CONFLICT (name) DO UPDATE SET holder = excluded.holder,
                                              expires_at = excluded.expires_at
              WHERE leases.holder = excluded.holder OR leases.expires_at <= $3",
            &[&name, &holder, &now, &lease_ms],
        )?;
        Ok(changed == 1)
    }

    fn release_leases(&self, holder: &str) -> Result<usize, HubError> {
        self.execute("DELETE FROM leases WHERE holder = $1", &[&holder])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::postgres::test_support::{shown, Both};

    /// Who holds what until when, which the trait does not read.
    const HELD: &str =
        "SELECT name || ':' || holder || ':' || expires_at FROM leases ORDER BY name";

    fn exercise(store: &dyn Leases) -> Vec<String> {
        let mut out = Vec::new();
        for (name, holder, now) in [
            ("offer-clock", "a", 1_000), // nobody held it
            ("offer-clock", "b", 1_050), // a holds it
            ("offer-clock", "a", 1_090), // a renews
            ("offer-clock", "b", 1_150), // renewed to 1,190
            ("send-outbox", "b", 1_150), // another lease
            ("webhook-inbox", "a", 1_160),
            ("offer-clock", "b", 1_190), // a let it expire (exactly)
            ("offer-clock", "a", 1_200), // b holds it now
        ] {
            out.push(shown(store.hold_lease(name, holder, now, 100)));
        }
        out.push(shown(store.release_leases("b")));
        out.push(shown(store.release_leases("b")));
        out.push(shown(store.release_leases("nobody")));
        out.push(shown(store.hold_lease("offer-clock", "a", 1_210, 100))); // given back
        out.push(shown(store.hold_lease("send-outbox", "c", 1_210, 0)));
        out.push(shown(store.hold_lease("send-outbox", "d", 1_210, 50))); // expired at once
        out
    }

    #[test]
    fn leases_on_postgres_do_what_they_do_on_sqlite() -> Result<(), HubError> {
        let both = Both::new("");
        let (conn, pg) = (&both.sqlite, &both.pg);
        let on_sqlite = exercise(conn);
        let held_on_sqlite: Vec<String> =
            conn.prepare(HELD)?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;

        let on_postgres = exercise(pg);
        let held_on_postgres: Vec<String> = pg.query(HELD, &[])?.iter().map(|r| r.get(0)).collect();

        assert_eq!(on_postgres, on_sqlite);
        assert_eq!(held_on_postgres, held_on_sqlite);
        assert!(
            on_sqlite.contains(&"Ok(true)".to_owned())
                && on_sqlite.contains(&"Ok(false)".to_owned())
        );
        assert!(on_sqlite.contains(&"Ok(2)".to_owned()), "{on_sqlite:#?}");
        Ok(())
    }
}
