//! Stored events: every event sent to an agent or a customer, read back page by page for
//! `Last-Event-ID` resumption (ids only grow, even across deletes and restarts).

use hub_protocol::Millis;
use rusqlite::{params, Connection};

use crate::error::HubError;

/// Who an event is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Audience {
    Agent,
    Customer,
}

impl Audience {
    fn as_str(self) -> &'static str {
        match self {
            Self::Agent => "agent",
            Self::Customer => "customer",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        match text {
            "agent" => Some(Self::Agent),
            "customer" => Some(Self::Customer),
            _ => None,
        }
    }
}

/// An event as stored: the body is the JSON of `AgentEventBody` or `CustomerEventBody`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredEvent {
    pub id: u64,
    pub at: Millis,
    pub body: String,
}

/// An event to store.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NewEvent<'a> {
    pub audience: Audience,
    pub recipient: &'a str,
    pub at: Millis,
    pub body: &'a str,
}

/// The event log.
pub(crate) trait Events {
    /// Stores a transition's events, in order (one statement where the database allows: a
    /// transition writes them together, just before it commits); their ids, in that order.
    fn insert_events(&self, events: &[NewEvent<'_>]) -> Result<Vec<u64>, HubError>;

    /// One recipient's first `limit` events with an id above `after`, in id order (a page: a
    /// replay reads the backlog page by page, finding M3).
    fn events_after(
        &self,
        audience: Audience,
        recipient: &str,
        after: u64,
        limit: u32,
    ) -> Result<Vec<StoredEvent>, HubError>;

    /// The highest event id handed out so far (0 before the first).
    fn last_event_id(&self) -> Result<u64, HubError>;

    /// Everybody's first `limit` events with an id above `after`, in id order, with their
    /// audience and recipient: what a hub node relays to its streams when several nodes
    /// share the database.
    fn every_event_after(
        &self,
        after: u64,
        limit: u32,
    ) -> Result<Vec<(Audience, String, StoredEvent)>, HubError>;
}

impl Events for Connection {
    fn insert_events(&self, events: &[NewEvent<'_>]) -> Result<Vec<u64>, HubError> {
        let mut insert = self.prepare_cached(
            "INSERT INTO events (audience, recipient, at, body) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut ids = Vec::with_capacity(events.len());
        for event in events {
            insert.execute(params![
                event.audience.as_str(),
                event.recipient,
                event.at,
                event.body
            ])?;
            ids.push(self.last_insert_rowid() as u64);
        }
        Ok(ids)
    }

    fn events_after(
        &self,
        audience: Audience,
        recipient: &str,
        after: u64,
        limit: u32,
    ) -> Result<Vec<StoredEvent>, HubError> {
        let mut stmt = self.prepare(
            "SELECT id, at, body FROM events
         WHERE audience = ?1 AND recipient = ?2 AND id > ?3 ORDER BY id LIMIT ?4",
        )?;
        let rows = stmt
            .query_map(params![audience.as_str(), recipient, after as i64, limit], |r| {
                Ok(StoredEvent { id: r.get::<_, i64>(0)? as u64, at: r.get(1)?, body: r.get(2)? })
            })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn last_event_id(&self) -> Result<u64, HubError> {
        let id: Option<i64> = self.query_row("SELECT MAX(id) FROM events", [], |r| r.get(0))?;
        Ok(id.unwrap_or(0) as u64)
    }

    fn every_event_after(
        &self,
        after: u64,
        limit: u32,
    ) -> Result<Vec<(Audience, String, StoredEvent)>, HubError> {
        let mut stmt = self.prepare_cached(
            "SELECT id, at, body, audience, recipient FROM events WHERE id > ?1 ORDER BY id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after as i64, limit], |r| {
            let audience: String = r.get(3)?;
            Ok((
                Audience::parse(&audience),
                r.get::<_, String>(4)?,
                StoredEvent { id: r.get::<_, i64>(0)? as u64, at: r.get(1)?, body: r.get(2)? },
            ))
        })?;
        let mut events = Vec::new();
        for row in rows {
            let (audience, recipient, event) = row?;
            // Only the hub writes this column.
            let audience =
                audience.ok_or_else(|| HubError::Internal("an event's audience".into()))?;
            events.push((audience, recipient, event));
        }
        Ok(events)
    }
}
