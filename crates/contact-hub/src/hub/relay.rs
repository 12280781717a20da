//! Live events across hub nodes sharing one database (issue 16).
//!
//! A single node publishes its transitions' events to its own streams as it commits them
//! (`transition.rs`). With several nodes (`[server] cluster_poll_ms` above 0), a stream on
//! one node must also get the events of transitions another node ran, in id order with its
//! own. So every node relays the events table instead: this task reads every event above
//! the last one it relayed, in id order, and publishes each to the node's live channels;
//! it reads at once after one of the node's own transitions, at once when another node's
//! commit says it wrote events (PostgreSQL's `NOTIFY`, see `store::wakes`; [`Hub::waker`]),
//! and every `cluster_poll_ms` in any case (SQLite's nodes have only that). The events table
//! stays the truth (a stream that falls behind re-reads it, as on one node), so a missed
//! wake-up only delays.
//!
//! Relaying in id order is right only if ids are committed in id order: SQLite has one
//! writer at a time, and on PostgreSQL every transition holds the transitions lock until
//! its commit is visible (`store::postgres`).
//! Typing indicators are not stored (ephemeral) and reach only the streams of the node that
//! received them.

use std::sync::{Arc, Weak};
use std::time::Duration;

use tokio::sync::{watch, Notify};

use super::{Hub, Inner};
use crate::error::HubError;
use crate::store::Wake;

impl Hub {
    /// What another node's wake-up does on this one: wakes the relay (`relay`), or the
    /// worker whose table changed (only the worker holding its lease does the work).
    pub(super) fn waker(&self, relay: Arc<Notify>) -> impl Fn(Wake) + Send + Sync + 'static {
        let inner = &self.inner;
        let (offers, inbox, outbox) = (
            inner.offers_changed.clone(),
            inner.inbox_changed.clone(),
            inner.outbox_changed.clone(),
        );
        move |wake| match wake {
            Wake::Events => relay.notify_one(),
            Wake::Offers => offers.notify_one(),
            Wake::Inbox => inbox.notify_one(),
            Wake::Outbox => outbox.notify_one(),
        }
    }
}

/// Events read per statement.
const RELAY_PAGE: u32 = 500;

/// Relays every event above `cursor`, then those that follow, until the hub shuts down.
pub(super) async fn run_event_relay(
    hub: Weak<Inner>,
    woken: Arc<Notify>,
    mut shutdown: watch::Receiver<bool>,
    poll: Duration,
    mut cursor: u64,
) {
    loop {
        loop {
            let Some(inner) = hub.upgrade() else { return };
            let after = cursor;
            let page =
                inner.readers.read(move |store| store.every_event_after(after, RELAY_PAGE)).await;
            match page {
                Ok(page) => {
                    let more = page.len() == RELAY_PAGE as usize;
                    for (audience, recipient, event) in page {
                        cursor = event.id;
                        inner.live.publish(audience, &recipient, event);
                    }
                    if !more {
                        break;
                    }
                }
                Err(HubError::ShuttingDown) => return,
                Err(error) => {
                    tracing::warn!(%error, "relaying events failed; trying again");
                    break;
                }
            }
        }
        tokio::select! {
            _ = woken.notified() => {}
            _ = tokio::time::sleep(poll) => {}
            _ = shutdown.wait_for(|stopping| *stopping) => return,
        }
    }
}
