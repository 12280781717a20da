//! Offers and declines: the open offer of each conversation with its deadline and why it was
//! made (a contact, a transfer, a conference invitation), and the agents who rejected or
//! missed a conversation so that it is not offered to them again.

use hub_protocol::Millis;
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::HubError;

/// An open offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OfferRow {
    pub conversation_id: String,
    pub agent_id: String,
    pub offered_at: Millis,
    pub expires_at: Millis,
    pub kind: OfferReason,
}

/// Why an offer was made; transfers and conferences name the colleague who asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OfferReason {
    Contact,
    Transfer { from: String },
    Conference { from: String },
}

const OFFER_COLUMNS: &str =
    "conversation_id, agent_id, offered_at, expires_at, kind, from_agent_id";

fn offer_from_row(r: &Row) -> rusqlite::Result<OfferRow> {
    let kind: String = r.get(4)?;
    let from: Option<String> = r.get(5)?;
    let kind = match (kind.as_str(), from) {
        ("transfer", Some(from)) => OfferReason::Transfer { from },
        ("conference", Some(from)) => OfferReason::Conference { from },
        _ => OfferReason::Contact,
    };
    Ok(OfferRow {
        conversation_id: r.get(0)?,
        agent_id: r.get(1)?,
        offered_at: r.get(2)?,
        expires_at: r.get(3)?,
        kind,
    })
}

/// Offers and declines.
pub(crate) trait Offers {
    fn insert_offer(&self, offer: &OfferRow) -> Result<(), HubError>;

    fn offer(&self, conversation_id: &str) -> Result<Option<OfferRow>, HubError>;

    fn delete_offer(&self, conversation_id: &str) -> Result<(), HubError>;

    fn offers_of_agent(&self, agent_id: &str) -> Result<Vec<OfferRow>, HubError>;

    /// Offers whose deadline has passed, earliest first.
    fn due_offers(&self, now: Millis) -> Result<Vec<OfferRow>, HubError>;

    /// The earliest deadline of any open offer.
    fn next_offer_expiry(&self) -> Result<Option<Millis>, HubError>;

    fn insert_decline(
        &self,
        conversation_id: &str,
        agent_id: &str,
        reason: &str,
        now: Millis,
    ) -> Result<(), HubError>;
}

impl Offers for Connection {
    fn insert_offer(&self, offer: &OfferRow) -> Result<(), HubError> {
        let (kind, from) = match &offer.kind {
            OfferReason::Contact => ("contact", None),
            OfferReason::Transfer { from } => ("transfer", Some(from)),
            OfferReason::Conference { from } => ("conference", Some(from)),
        };
        self.execute(
            &format!("INSERT INTO offers ({OFFER_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
            params![
                offer.conversation_id,
                offer.agent_id,
                offer.offered_at,
                offer.expires_at,
                kind,
                from
            ],
        )?;
        Ok(())
    }

    fn offer(&self, conversation_id: &str) -> Result<Option<OfferRow>, HubError> {
        Ok(self
            .query_row(
                &format!("SELECT {OFFER_COLUMNS} FROM offers WHERE conversation_id = ?1"),
                [conversation_id],
                offer_from_row,
            )
            .optional()?)
    }

    fn delete_offer(&self, conversation_id: &str) -> Result<(), HubError> {
        self.execute("DELETE FROM offers WHERE conversation_id = ?1", [conversation_id])?;
        Ok(())
    }

    fn offers_of_agent(&self, agent_id: &str) -> Result<Vec<OfferRow>, HubError> {
        let mut stmt = self.prepare(&format!(
            "SELECT {OFFER_COLUMNS} FROM offers WHERE agent_id = ?1 ORDER BY offered_at, conversation_id"
        ))?;
        let rows = stmt.query_map([agent_id], offer_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn due_offers(&self, now: Millis) -> Result<Vec<OfferRow>, HubError> {
        let mut stmt = self.prepare(&format!(
            "SELECT {OFFER_COLUMNS} FROM offers WHERE expires_at <= ?1 ORDER BY expires_at, conversation_id"
        ))?;
        let rows = stmt.query_map([now], offer_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn next_offer_expiry(&self) -> Result<Option<Millis>, HubError> {
        Ok(self.query_row("SELECT MIN(expires_at) FROM offers", [], |r| r.get(0))?)
    }

    fn insert_decline(
        &self,
        conversation_id: &str,
        agent_id: &str,
        reason: &str,
        now: Millis,
    ) -> Result<(), HubError> {
        self.execute(
            "INSERT OR REPLACE INTO declines (conversation_id, agent_id, reason, at)
         VALUES (?1, ?2, ?3, ?4)",
            params![conversation_id, agent_id, reason, now],
        )?;
        Ok(())
    }
}
