//! Events on PostgreSQL: store::events's operations in PostgreSQL's SQL.
//!
//! Ids come from an identity column: ids only grow, as on SQLite; one taken by a transaction
//! that rolled back is not handed out again (a gap), where SQLite would reuse it.

use hub_protocol::Millis;
use tokio_postgres::Row;

use super::Pg;
use crate::error::HubError;
use crate::store::{Audience, Events, NewEvent, StoredEvent};

fn audience_text(audience: Audience) -> &'static str {
    match audience {
        Audience::Agent => "agent",
        Audience::Customer => "customer",
    }
}

fn event_from_row(row: &Row) -> Result<StoredEvent, HubError> {
    Ok(StoredEvent {
        id: row.try_get::<_, i64>(0)? as u64,
        at: row.try_get(1)?,
        body: row.try_get(2)?,
    })
}

impl Events for Pg {
    fn insert_events(&self, events: &[NewEvent<'_>]) -> Result<Vec<u64>, HubError> {
        if events.is_empty() {
            return Ok(Vec::new());
        }
        let audiences: Vec<&str> = events.iter().map(|e| audience_text(e.audience)).collect();
        let recipients: Vec<&str> = events.iter().map(|e| e.recipient).collect();
        let ats: Vec<Millis> = events.iter().map(|e| e.at).collect();
        let bodies: Vec<&str> = events.iter().map(|e| e.body).collect();
        // One round trip for them all: rows are inserted (and take their ids) in the
        // arrays' order, so the ids sorted are the events' in order.
        let rows = self.query(
            "INSERT INTO events (audience, recipient, at, body)
             SELECT audience, recipient, at, body
               FROM UNNEST($1::text[], $2::text[], $3::bigint[], $4::text[])
                    WITH ORDINALITY AS e (audience, recipient, at, body, n)
              ORDER BY n
             RETURNING id",
            &[&audiences, &recipients, &ats, &bodies],
        )?;
        let mut ids = rows
            .iter()
            .map(|row| row.try_get::<_, i64>(0).map(|id| id as u64))
            .collect::<Result<Vec<_>, _>>()?;
        ids.sort_unstable();
        Ok(ids)
    }

    fn events_after(
        &self,
        audience: Audience,
        recipient: &str,
        after: u64,
        limit: u32,
    ) -> Result<Vec<StoredEvent>, HubError> {
        self.query(
            "SELECT id, at, body FROM events
             WHERE audience = $1 AND recipient = $2 AND id > $3 ORDER BY id LIMIT $4",
            &[&audience_text(audience), &recipient, &(after as i64), &i64::from(limit)],
        )?
        .iter()
        .map(event_from_row)
        .collect()
    }

    fn last_event_id(&self) -> Result<u64, HubError> {
        let id: Option<i64> = self.query_one("SELECT MAX(id) FROM events", &[])?.try_get(0)?;
        Ok(id.unwrap_or(0) as u64)
    }

    fn every_event_after(
        &self,
        after: u64,
        limit: u32,
    ) -> Result<Vec<(Audience, String, StoredEvent)>, HubError> {
        let rows = self.query(
            "SELECT id, at, body, audience, recipient FROM events WHERE id > $1 ORDER BY id LIMIT $2",
            &[&(after as i64), &i64::from(limit)],
        )?;
        let mut events = Vec::new();
        for row in &rows {
            let audience: String = row.try_get(3)?;
            // Only the hub writes this column.
            let audience = match audience.as_str() {
                "agent" => Audience::Agent,
                "customer" => Audience::Customer,
                _ => return Err(HubError::Internal("an event's audience".into())),
            };
            events.push((audience, row.try_get(4)?, event_from_row(row)?));
        }
        Ok(events)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{shown, Both};
    use super::*;

    fn exercise(store: &dyn Events) -> Vec<String> {
        let mut out = Vec::new();
        out.push(shown(store.last_event_id()));
        out.push(shown(store.every_event_after(0, 10)));
        let bodies = [
            (Audience::Agent, "ada", r#"{"kind":"offer","conversationId":"c1"}"#),
            (Audience::Customer, "c1", r#"{"kind":"agentJoined","displayName":"Ada"}"#),
            (Audience::Agent, "bo", r#"{"kind":"stateChanged"}"#),
            (Audience::Agent, "ada", r#"{"kind":"message","id":"m1"}"#),
            (Audience::Customer, "c1", r#"{"kind":"message","id":"m1"}"#),
            (Audience::Agent, "ada", r#"{"kind":"ended","conversationId":"c1"}"#),
        ];
        let events: Vec<NewEvent<'_>> = bodies
            .iter()
            .enumerate()
            .map(|(at, &(audience, recipient, body))| NewEvent {
                audience,
                recipient,
                at: 1_000 + at as i64,
                body,
            })
            .collect();
        // One alone, then the rest together.
        out.push(shown(store.insert_events(&events[..1])));
        out.push(shown(store.insert_events(&events[1..])));
        out.push(shown(store.insert_events(&[])));
        out.push(shown(store.events_after(Audience::Agent, "ada", 0, 10)));
        out.push(shown(store.events_after(Audience::Agent, "ada", 1, 1)));
        out.push(shown(store.events_after(Audience::Agent, "ada", 4, 10)));
        out.push(shown(store.events_after(Audience::Customer, "c1", 0, 10)));
        out.push(shown(store.events_after(Audience::Customer, "ada", 0, 10)));
        out.push(shown(store.last_event_id()));
        out.push(shown(store.every_event_after(0, 4)));
        out.push(shown(store.every_event_after(4, 10)));
        out.push(shown(store.every_event_after(6, 10)));
        out
    }

    #[test]
    fn events_behave_as_on_sqlite() {
        let both = Both::new("");
        let (conn, pg) = (&both.sqlite, &both.pg);

        let on_sqlite = exercise(conn);
        assert_eq!(exercise(pg), on_sqlite);
        assert_eq!(on_sqlite[2..5], ["Ok([1])", "Ok([2, 3, 4, 5, 6])", "Ok([])"]);
        assert_eq!(on_sqlite[10], "Ok(6)");
        assert!(on_sqlite[5].contains("ended"), "{on_sqlite:?}");
    }
}
