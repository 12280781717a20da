//! Offers on PostgreSQL: store::offers's operations in PostgreSQL's SQL.

use hub_protocol::Millis;
use tokio_postgres::Row;

use super::Pg;
use crate::error::HubError;
use crate::store::{OfferReason, OfferRow, Offers};

const OFFER_COLUMNS: &str =
    "conversation_id, agent_id, offered_at, expires_at, kind, from_agent_id";

fn offer_from_row(row: &Row) -> Result<OfferRow, HubError> {
    let kind: String = row.try_get(4)?;
    let from: Option<String> = row.try_get(5)?;
    let kind = match (kind.as_str(), from) {
        ("transfer", Some(from)) => OfferReason::Transfer { from },
        ("conference", Some(from)) => OfferReason::Conference { from },
        _ => OfferReason::Contact,
    };
    Ok(OfferRow {
        conversation_id: row.try_get(0)?,
        agent_id: row.try_get(1)?,
        offered_at: row.try_get(2)?,
        expires_at: row.try_get(3)?,
        kind,
    })
}

impl Offers for Pg {
    fn insert_offer(&self, offer: &OfferRow) -> Result<(), HubError> {
        let (kind, from) = match &offer.kind {
            OfferReason::Contact => ("contact", None),
            OfferReason::Transfer { from } => ("transfer", Some(from)),
            OfferReason::Conference { from } => ("conference", Some(from)),
        };
        self.execute(
            &format!("INSERT INTO offers ({OFFER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)"),
            &[
                &offer.conversation_id,
                &offer.agent_id,
                &offer.offered_at,
                &offer.expires_at,
                &kind,
                &from,
            ],
        )?;
        Ok(())
    }

    fn offer(&self, conversation_id: &str) -> Result<Option<OfferRow>, HubError> {
        self.query_opt(
            &format!("SELECT {OFFER_COLUMNS} FROM offers WHERE conversation_id = $1"),
            &[&conversation_id],
        )?
        .map(|row| offer_from_row(&row))
        .transpose()
    }

    fn delete_offer(&self, conversation_id: &str) -> Result<(), HubError> {
        self.execute("DELETE FROM offers WHERE conversation_id = $1", &[&conversation_id])?;
        Ok(())
    }

    fn offers_of_agent(&self, agent_id: &str) -> Result<Vec<OfferRow>, HubError> {
        self.query(
            &format!(
                "SELECT {OFFER_COLUMNS} FROM offers WHERE agent_id = $1 ORDER BY offered_at, conversation_id"
            ),
            &[&agent_id],
        )?
        .iter()
        .map(offer_from_row)
        .collect()
    }

    fn due_offers(&self, now: Millis) -> Result<Vec<OfferRow>, HubError> {
        self.query(
            &format!(
                "SELECT {OFFER_COLUMNS} FROM offers WHERE expires_at <= $1 ORDER BY expires_at, conversation_id"
            ),
            &[&now],
        )?
        .iter()
        .map(offer_from_row)
        .collect()
    }

    fn next_offer_expiry(&self) -> Result<Option<Millis>, HubError> {
        Ok(self.query_one("SELECT MIN(expires_at) FROM offers", &[])?.try_get(0)?)
    }

    fn insert_decline(
        &self,
        conversation_id: &str,
        agent_id: &str,
        reason: &str,
        now: Millis,
    ) -> Result<(), HubError> {
        self.execute(
            "INSERT INTO declines (conversation_id, agent_id, reason, at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (conversation_id, agent_id)
             DO UPDATE SET reason = excluded.reason, at = excluded.at",
            &[&conversation_id, &agent_id, &reason, &now],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{shown, Both, TEST_CONVERSATIONS};
    use super::*;

    const DECLINES: &str =
        "SELECT conversation_id || ':' || agent_id || ':' || reason || ':' || at FROM declines
          ORDER BY conversation_id, agent_id";

    fn offer(conversation_id: &str, agent_id: &str, at: Millis, kind: OfferReason) -> OfferRow {
        OfferRow {
            conversation_id: conversation_id.to_owned(),
            agent_id: agent_id.to_owned(),
            offered_at: at,
            expires_at: at + 30_000,
            kind,
        }
    }

    fn exercise(store: &dyn Offers) -> Vec<String> {
        let mut out = Vec::new();
        out.push(shown(store.next_offer_expiry()));
        out.push(shown(store.insert_offer(&offer("c3", "bo", 1_000, OfferReason::Contact))));
        out.push(shown(store.insert_offer(&offer(
            "c2",
            "bo",
            1_000,
            OfferReason::Conference { from: "ada".into() },
        ))));
        out.push(shown(store.insert_offer(&offer(
            "c6",
            "cy",
            2_000,
            OfferReason::Transfer { from: "bo".into() },
        ))));
        // One open offer per conversation.
        out.push(shown(store.insert_offer(&offer("c3", "cy", 3_000, OfferReason::Contact))));
        // No such conversation.
        out.push(shown(store.insert_offer(&offer("c9", "cy", 3_000, OfferReason::Contact))));
        out.push(shown(store.offer("c2")));
        out.push(shown(store.offer("c1")));
        out.push(shown(store.offers_of_agent("bo")));
        out.push(shown(store.offers_of_agent("di")));
        out.push(shown(store.due_offers(30_999)));
        out.push(shown(store.due_offers(31_000)));
        out.push(shown(store.due_offers(40_000)));
        out.push(shown(store.next_offer_expiry()));
        out.push(shown(store.delete_offer("c3")));
        out.push(shown(store.delete_offer("c3")));
        out.push(shown(store.next_offer_expiry()));
        out.push(shown(store.offers_of_agent("bo")));
        out.push(shown(store.insert_decline("c1", "ada", "rejected", 4_000)));
        out.push(shown(store.insert_decline("c1", "bo", "missed", 4_500)));
        out.push(shown(store.insert_decline("c1", "ada", "missed", 5_000)));
        out.push(shown(store.insert_decline("c9", "ada", "missed", 5_000)));
        out
    }

    #[test]
    fn offers_behave_as_on_sqlite() {
        let both = Both::new(TEST_CONVERSATIONS);
        let (conn, pg) = (&both.sqlite, &both.pg);

        let mut on_sqlite = exercise(conn);
        let mut on_postgres = exercise(pg);
        let mut declines = conn.prepare(DECLINES).unwrap();
        on_sqlite
            .extend(declines.query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap));
        on_postgres.extend(pg.query(DECLINES, &[]).unwrap().iter().map(|r| r.get::<_, String>(0)));
        assert_eq!(on_postgres, on_sqlite);
        assert!(on_sqlite[8].contains("Conference"), "{on_sqlite:?}");
        assert!(on_sqlite.contains(&"c1:ada:missed:5000".to_owned()), "{on_sqlite:?}");
    }
}
