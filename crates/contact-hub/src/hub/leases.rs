//! Which node runs the workers that must run once across the hub nodes sharing a database:
//! the offer clock, the webhook inbox, the send outbox (issue 16).
//!
//! Each worker's turn is a transition that first holds the worker's lease
//! ([`Transition::hold`]): it takes the lease when nobody holds it or its holder let it
//! expire, renews it when this node holds it, and otherwise does nothing. So the work and
//! the lease commit together, and two nodes never do the same turn. Workers come back at
//! least every [`renew_interval`] (a third of `[server] worker_lease_secs`), so a living
//! holder keeps its leases; a node that dies loses them after `worker_lease_secs`, and
//! another node's workers take over on their next turn. A node shutting down gives its
//! leases back (`Hub::close_database`).

use std::time::Duration;

use super::transition::Transition;
use crate::config::HubConfig;
use crate::error::HubError;

/// The workers that run on one node at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Worker {
    OfferClock,
    WebhookInbox,
    SendOutbox,
}

impl Worker {
    fn lease(self) -> &'static str {
        match self {
            Worker::OfferClock => "offer-clock",
            Worker::WebhookInbox => "webhook-inbox",
            Worker::SendOutbox => "send-outbox",
        }
    }
}

/// A name for this node that no other node, nor this one after a restart, has: the process
/// id (to find it on its machine) and a random part.
pub(super) fn node_id() -> String {
    let random = uuid::Uuid::new_v4().simple().to_string();
    format!("pid-{}-{}", std::process::id(), &random[..12])
}

/// How often a worker must come back to keep its lease.
pub(super) fn renew_interval(config: &HubConfig) -> Duration {
    (Duration::from_secs(config.server.worker_lease_secs.into()) / 3).max(Duration::from_secs(1))
}

impl Transition<'_> {
    /// Whether this node runs `worker` now, holding its lease until this transition commits
    /// and `[server] worker_lease_secs` after.
    pub(super) fn hold(&self, worker: Worker) -> Result<bool, HubError> {
        let lease_ms = i64::from(self.config.server.worker_lease_secs) * 1000;
        let held = self.store.hold_lease(worker.lease(), self.node_id, self.now, lease_ms)?;
        Ok(held)
    }
}
