//! Stream tickets on PostgreSQL: store::stream_tickets's operations in PostgreSQL's SQL.

use hub_protocol::Millis;

use super::Pg;
use crate::error::HubError;
use crate::store::StreamTickets;

impl StreamTickets for Pg {
    fn insert_stream_ticket(
        &self,
        ticket_hash: &str,
        conversation_id: &str,
        expires_at: Millis,
    ) -> Result<(), HubError> {
        self.execute(
            "INSERT INTO stream_tickets (ticket_hash, conversation_id, expires_at)
             VALUES ($1, $2, $3)",
            &[&ticket_hash, &conversation_id, &expires_at],
        )?;
        Ok(())
    }

    fn take_stream_ticket(&self, ticket_hash: &str) -> Result<Option<(String, Millis)>, HubError> {
        self.query_opt(
            "DELETE FROM stream_tickets WHERE ticket_hash = $1
             RETURNING conversation_id, expires_at",
            &[&ticket_hash],
        )?
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .transpose()
    }

    fn prune_stream_tickets(&self, now: Millis) -> Result<usize, HubError> {
        self.execute("DELETE FROM stream_tickets WHERE expires_at <= $1", &[&now])
    }

    fn stream_tickets_open(&self) -> Result<u64, HubError> {
        let count: i64 = self.query_one("SELECT COUNT(*) FROM stream_tickets", &[])?.try_get(0)?;
        Ok(count as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::postgres::test_support::{shown, Both};

    fn exercise(store: &dyn StreamTickets) -> Vec<String> {
        let mut out = Vec::new();
        out.push(shown(store.stream_tickets_open()));
        out.push(shown(store.insert_stream_ticket("t1", "c1", 100)));
        out.push(shown(store.insert_stream_ticket("t2", "c2", 200)));
        out.push(shown(store.insert_stream_ticket("t3", "c1", 300)));
        out.push(shown(store.insert_stream_ticket("t4", "c3", 201)));
        out.push(shown(store.insert_stream_ticket("t1", "c9", 900)));
        out.push(shown(store.stream_tickets_open()));
        out.push(shown(store.take_stream_ticket("t1")));
        out.push(shown(store.take_stream_ticket("t1")));
        out.push(shown(store.take_stream_ticket("nope")));
        out.push(shown(store.stream_tickets_open()));
        out.push(shown(store.prune_stream_tickets(199)));
        out.push(shown(store.prune_stream_tickets(200)));
        out.push(shown(store.stream_tickets_open()));
        out.push(shown(store.take_stream_ticket("t2")));
        out.push(shown(store.take_stream_ticket("t3")));
        out.push(shown(store.prune_stream_tickets(1_000)));
        out.push(shown(store.stream_tickets_open()));
        out
    }

    #[test]
    fn stream_tickets_on_postgres_do_what_they_do_on_sqlite() -> Result<(), HubError> {
        let both = Both::new("");
        let (conn, pg) = (&both.sqlite, &both.pg);
        let on_sqlite = exercise(conn);

        let on_postgres = exercise(pg);

        assert_eq!(on_postgres, on_sqlite);
        assert!(on_sqlite.contains(&"Ok(Some((\"c1\", 100)))".to_owned()), "{on_sqlite:#?}");
        assert!(on_sqlite.contains(&"Err(database)".to_owned()));
        Ok(())
    }
}
