//! The hub's side of the event feeds ([`crate::events`]): opening an agent's or a customer's
//! feed (live channel first, then the snapshot or backlog, read outside the lock), and the
//! [`FeedSource`] a feed reads its further pages and checks its session through.

use futures_util::future::BoxFuture;
use hub_protocol::Snapshot;

use super::wire::snapshot;
use super::{AgentSession, Hub};
use crate::error::HubError;
use crate::events::{EventFeed, FeedSource, REPLAY_PAGE};
use crate::store::{Audience, StoredEvent};

impl Hub {
    /// The agent's event feed. With `after` (a Last-Event-ID), it replays the agent's stored
    /// events after that id, then goes live. Without, it starts with a snapshot of what the
    /// agent holds and goes live from there. Read outside the lock
    /// ([`crate::store::Readers`]): the snapshot and its cursor in one read transaction, so
    /// they agree.
    pub(crate) async fn agent_feed(
        &self,
        session: &AgentSession,
        after: Option<u64>,
    ) -> Result<(Option<Snapshot>, EventFeed), HubError> {
        let agent_id = session.agent_id.clone();
        let slot = self.limits().open_stream(&session.token_hash)?;
        // Subscribe first: anything committed from here on reaches the feed live.
        let live = self.inner.live.subscribe(Audience::Agent, &agent_id);
        let hub = self.clone();
        let reader = agent_id.clone();
        let (snapshot, cursor, backlog) = self
            .inner
            .readers
            .read(move |conn| match after {
                Some(after) => {
                    let page = conn.events_after(Audience::Agent, &reader, after, REPLAY_PAGE)?;
                    Ok((None, after, page))
                }
                None => {
                    let snapshot = snapshot(hub.config(), conn, &reader)?;
                    Ok((Some(snapshot), conn.last_event_id()?, Vec::new()))
                }
            })
            .await?;
        let feed = EventFeed::new(
            Box::new(self.clone()),
            Audience::Agent,
            agent_id,
            cursor,
            backlog,
            live,
            self.inner.shutdown.subscribe(),
        )
        .for_session(
            session.token_hash.clone(),
            self.inner.sessions_revoked.subscribe(&session.token_hash),
            slot,
        );
        Ok((snapshot, feed))
    }

    /// The customer's event feed for one conversation: every event after `after` (from the
    /// first when `None`, which rebuilds the whole thread), then live ones.
    pub(crate) async fn customer_feed(
        &self,
        conversation_id: &str,
        after: Option<u64>,
    ) -> Result<EventFeed, HubError> {
        let live = self.inner.live.subscribe(Audience::Customer, conversation_id);
        let after = after.unwrap_or(0);
        let reader = conversation_id.to_owned();
        let backlog = self
            .inner
            .readers
            .read(move |conn| {
                conn.conversation(&reader)?;
                conn.events_after(Audience::Customer, &reader, after, REPLAY_PAGE)
            })
            .await?;
        Ok(EventFeed::new(
            Box::new(self.clone()),
            Audience::Customer,
            conversation_id.to_owned(),
            after,
            backlog,
            live,
            self.inner.shutdown.subscribe(),
        ))
    }
}

/// The feeds' reads and session checks (see [`crate::events`], which does not know the hub).
impl FeedSource for Hub {
    /// Read outside the lock, on the blocking pool.
    fn stored_events(
        &self,
        audience: Audience,
        recipient: &str,
        after: u64,
    ) -> BoxFuture<'static, Result<Vec<StoredEvent>, HubError>> {
        let readers = self.inner.readers.clone();
        let recipient = recipient.to_owned();
        Box::pin(async move {
            readers
                .read(move |conn| conn.events_after(audience, &recipient, after, REPLAY_PAGE))
                .await
        })
    }

    fn session_alive(&self, token_hash: &str) -> bool {
        matches!(Hub::session_alive(self, token_hash), Ok(Some(_)))
    }
}
