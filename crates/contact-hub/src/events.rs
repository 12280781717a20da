//! Event feeds: one recipient's stored events, then their live ones, without loss.
//!
//! Every event is written to the `events` table in the transaction that caused it and, after
//! the commit, published while the hub's lock is still held, so the live order is the id
//! order. Publishing hands an event to its recipient's feeds only: one channel per recipient
//! followed ([`registry`]), not one for all that every feed filters (issue 16). A feed
//! subscribes to its recipient's channel *before* it reads the backlog from the database and
//! then drops anything at or below the last id it delivered: an event committed between the
//! two steps arrives twice and is sent once. If the feed falls behind its channel's buffer
//! (`[limits] stream_buffer_events`) it re-reads the database from its cursor, so a slow
//! reader loses nothing either.
//!
//! The backlog is read in pages of [`REPLAY_PAGE`] events (finding M3): a resume from
//! `Last-Event-ID: 1`, or a feed that lagged far behind, holds one page in memory at a time.
//! Every read of a feed (snapshot, backlog, pages, a lagging feed's re-read) runs on a
//! read-only connection outside the hub's lock, on the blocking pool ([`crate::store::Readers`]);
//! the transitions never wait for a feed. While the last page read was full, the feed
//! reads the next one from its cursor before it listens live again; live events missed
//! meanwhile are in the store (or come twice and are dropped by the cursor).
//! Ephemeral events (id 0, never stored: typing indicators) pass straight through; a feed
//! that lags may lose them, which costs nothing.
//!
//! A feed reads the store and checks its session through a [`FeedSource`], which the hub
//! implements: this module knows nothing of the hub (no `events` <-> `hub` import cycle, issue
//! 16), and what it asks of the store stays on the hub's side of the later store boundary.

mod registry;
mod sessions;

use std::collections::VecDeque;
use std::time::Duration;

use futures_util::future::BoxFuture;
use tokio::sync::{broadcast, watch};

use crate::error::HubError;
use crate::store::{Audience, StoredEvent};

pub use registry::LiveStats;
pub(crate) use registry::{LiveFeeds, LiveReceiver};
pub(crate) use sessions::{SessionSignals, SignOutSignal};

/// Stored events read at once when a feed replays its backlog.
pub(crate) const REPLAY_PAGE: u32 = 500;

/// What a feed needs beyond its live channel: pages of stored events, and, for an agent's
/// stream, whether its session still lives. The hub implements it.
pub(crate) trait FeedSource: Send + Sync {
    /// One page (at most [`REPLAY_PAGE`]) of a recipient's stored events after `after`, read
    /// outside the hub's lock ([`crate::store::Readers`]).
    fn stored_events(
        &self,
        audience: Audience,
        recipient: &str,
        after: u64,
    ) -> BoxFuture<'static, Result<Vec<StoredEvent>, HubError>>;

    /// Whether the agent session with this token hash is still alive; asking keeps it from
    /// idling out.
    fn session_alive(&self, token_hash: &str) -> bool;
}

/// An event for the live feeds of its recipient.
#[derive(Debug)]
pub(crate) struct LiveEvent {
    pub audience: Audience,
    pub recipient: String,
    pub event: StoredEvent,
}

/// One recipient's events, in id order, from a cursor on.
pub(crate) struct EventFeed {
    source: Box<dyn FeedSource>,
    audience: Audience,
    recipient: String,
    /// The last id delivered (or known to be covered, e.g. by a snapshot).
    cursor: u64,
    backlog: VecDeque<StoredEvent>,
    /// The last page read from the store was full: there may be more after the cursor.
    more_stored: bool,
    live: LiveReceiver,
    shutdown: watch::Receiver<bool>,
    /// An agent's stream: the session it belongs to (token hash) and its sign-out signal.
    /// The stream ends when that session does (finding M1), and keeps it from idling out.
    session: Option<(String, SignOutSignal)>,
    /// The session's stream slot, freed when the feed (and so the stream) is dropped.
    _slot: Option<crate::limits::StreamSlot>,
}

/// Why a feed woke up.
enum Woke {
    Stop,
    CheckSession,
    Live(Result<StoredEvent, broadcast::error::RecvError>),
}

/// How often an agent's stream looks whether its session is still alive (and keeps it so).
const SESSION_CHECK: Duration = Duration::from_secs(60);

impl EventFeed {
    /// A feed of `recipient`'s events after `cursor`. `live`, the recipient's channel, must
    /// have been subscribed before the backlog
    /// (its first page, at most [`REPLAY_PAGE`] events) was read.
    pub(crate) fn new(
        source: Box<dyn FeedSource>,
        audience: Audience,
        recipient: String,
        cursor: u64,
        backlog: Vec<StoredEvent>,
        live: LiveReceiver,
        shutdown: watch::Receiver<bool>,
    ) -> Self {
        Self {
            source,
            audience,
            recipient,
            cursor,
            more_stored: backlog.len() >= REPLAY_PAGE as usize,
            backlog: backlog.into(),
            live,
            shutdown,
            session: None,
            _slot: None,
        }
    }

    /// Ties the feed to an agent's session: it ends when the session does.
    pub(crate) fn for_session(
        mut self,
        token_hash: String,
        revoked: SignOutSignal,
        slot: crate::limits::StreamSlot,
    ) -> Self {
        self.session = Some((token_hash, revoked));
        self._slot = Some(slot);
        self
    }

    /// Whether the feed's session (if any) is still alive.
    fn session_alive(&self) -> bool {
        match &self.session {
            None => true,
            Some((token_hash, _)) => self.source.session_alive(token_hash),
        }
    }

    /// The next event, or `None` once the hub shuts down.
    pub(crate) async fn next(&mut self) -> Option<StoredEvent> {
        loop {
            if *self.shutdown.borrow() {
                return None;
            }
            if let Some(event) = self.backlog.pop_front() {
                // Id 0: ephemeral (a typing indicator), outside the id order and the cursor.
                if event.id == 0 {
                    return Some(event);
                }
                if event.id > self.cursor {
                    self.cursor = event.id;
                    return Some(event);
                }
                continue;
            }
            if self.more_stored {
                // The next page of the backlog, before anything live.
                if let Err(error) = self.read_page().await {
                    tracing::warn!(%error, "event feed cannot read the store");
                    return None;
                }
                continue;
            }
            let woke = match &mut self.session {
                None => tokio::select! {
                    _ = self.shutdown.wait_for(|stopping| *stopping) => Woke::Stop,
                    received = self.live.recv() => Woke::Live(received),
                },
                // Biased: what was committed before a sign-out is delivered before the stream
                // ends for it.
                Some((_, revoked)) => tokio::select! {
                    biased;
                    _ = self.shutdown.wait_for(|stopping| *stopping) => Woke::Stop,
                    received = self.live.recv() => Woke::Live(received),
                    _ = revoked.changed() => Woke::CheckSession,
                    _ = tokio::time::sleep(SESSION_CHECK) => Woke::CheckSession,
                },
            };
            let received = match woke {
                Woke::Stop => return None,
                Woke::CheckSession if !self.session_alive() => return None,
                Woke::CheckSession => continue,
                Woke::Live(received) => received,
            };
            match received {
                // The recipient's channel carries the recipient's events only.
                Ok(event) => self.backlog.push_back(event),
                Err(broadcast::error::RecvError::Lagged(missed)) => {
                    tracing::debug!(missed, "event feed lagged; re-reading the store");
                    if let Err(error) = self.read_page().await {
                        tracing::warn!(%error, "event feed cannot re-read the store");
                        return None;
                    }
                }
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    }

    /// Reads the next page of stored events after the cursor into the backlog (outside the
    /// hub's lock, off the async workers: [`crate::store::Readers`]).
    async fn read_page(&mut self) -> Result<(), HubError> {
        let page = self.source.stored_events(self.audience, &self.recipient, self.cursor).await?;
        self.more_stored = page.len() >= REPLAY_PAGE as usize;
        self.backlog.extend(page);
        Ok(())
    }
}
