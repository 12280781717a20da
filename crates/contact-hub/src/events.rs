//! Event feeds: one recipient's stored events, then their live ones, without loss.
//!
//! Every event is written to the `events` table in the transaction that caused it and, after
//! the commit, broadcast while the hub's lock is still held, so the broadcast order is the id
//! order. A feed subscribes to the broadcast *before* it reads the backlog from the database
//! and then drops anything at or below the last id it delivered: an event committed between
//! the two steps arrives twice and is sent once. If the feed falls behind the broadcast
//! buffer it re-reads the database from its cursor, so a slow reader loses nothing either.
//! Ephemeral events (id 0, never stored: typing indicators) pass straight through; a feed
//! that lags may lose them, which costs nothing.

use std::collections::VecDeque;
use std::sync::Arc;

use tokio::sync::{broadcast, watch};

use crate::error::HubError;
use crate::hub::Hub;
use crate::store::{Audience, StoredEvent};

/// An event as broadcast to the live feeds.
#[derive(Debug)]
pub(crate) struct LiveEvent {
    pub audience: Audience,
    pub recipient: String,
    pub event: StoredEvent,
}

/// One recipient's events, in id order, from a cursor on.
pub(crate) struct EventFeed {
    hub: Hub,
    audience: Audience,
    recipient: String,
    /// The last id delivered (or known to be covered, e.g. by a snapshot).
    cursor: u64,
    backlog: VecDeque<StoredEvent>,
    live: broadcast::Receiver<Arc<LiveEvent>>,
    shutdown: watch::Receiver<bool>,
}

impl EventFeed {
    /// A feed of events after `cursor`. `live` must have been subscribed before the backlog
    /// was read.
    pub(crate) fn new(
        hub: Hub,
        audience: Audience,
        recipient: String,
        cursor: u64,
        backlog: Vec<StoredEvent>,
        live: broadcast::Receiver<Arc<LiveEvent>>,
        shutdown: watch::Receiver<bool>,
    ) -> Self {
        Self { hub, audience, recipient, cursor, backlog: backlog.into(), live, shutdown }
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
            let received = tokio::select! {
                _ = self.shutdown.wait_for(|stopping| *stopping) => return None,
                received = self.live.recv() => received,
            };
            match received {
                Ok(live) => {
                    if live.audience == self.audience && live.recipient == self.recipient {
                        self.backlog.push_back(live.event.clone());
                    }
                }
                Err(broadcast::error::RecvError::Lagged(missed)) => {
                    tracing::debug!(missed, "event feed lagged; re-reading the store");
                    match self.reload() {
                        Ok(events) => self.backlog.extend(events),
                        Err(error) => {
                            tracing::warn!(%error, "event feed cannot re-read the store");
                            return None;
                        }
                    }
                }
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    }

    fn reload(&self) -> Result<Vec<StoredEvent>, HubError> {
        self.hub.stored_events(self.audience, &self.recipient, self.cursor)
    }
}
