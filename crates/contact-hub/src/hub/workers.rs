//! The offer clock: the background task that expires offers at their deadline, ends Livechat
//! chats left waiting too long, and applies retention now and then (see the module docs of
//! [`super`]). With several nodes on one database, only the holder of its lease runs it
//! ([`super::leases`]).

use std::sync::{Arc, Weak};
use std::time::Duration;

use hub_protocol::{Millis, SystemEvent, WithdrawReason};
use tokio::sync::{watch, Notify};

use super::leases::{renew_interval, Worker};
use super::{now_millis, Hub, Inner};
use crate::error::HubError;

impl Hub {
    /// Erases conversations closed longer ago than `[limits] retention_days`, and events as
    /// old (finding M7). A bounded batch per call; the offer clock calls it now and then.
    /// Returns how many conversations went.
    pub fn apply_retention(&self) -> Result<usize, HubError> {
        let days = self.config().limits.retention_days;
        if days == 0 {
            return Ok(0);
        }
        let cutoff = now_millis() - i64::from(days) * 86_400_000;
        self.transact(|t| {
            if !t.hold(Worker::OfferClock)? {
                return Ok(0);
            }
            let old = t.store.closed_before(cutoff, 500)?;
            for id in &old {
                t.store.erase_conversation(id)?;
            }
            let events = t.store.prune_events(cutoff)?;
            if !old.is_empty() || events > 0 {
                tracing::info!(conversations = old.len(), events, "retention applied");
            }
            Ok(old.len())
        })
    }

    /// Withdraws every offer whose deadline has passed; returns the next deadline.
    pub(super) fn expire_due_offers(&self) -> Result<Option<Millis>, HubError> {
        let waiting_expiry = i64::from(self.config().limits.waiting_chat_expiry_secs) * 1000;
        self.transact(|t| {
            // Another node's clock runs.
            if !t.hold(Worker::OfferClock)? {
                return Ok(None);
            }
            // Livechat chats nobody could answer in time end, with a line to the customer
            // (finding H3): a flood of chats does not wait for agents forever. A bounded
            // batch per turn keeps the lock short; the clock comes back at once for more.
            let expired = t.store.livechat_waiting_since(t.now - waiting_expiry, 100)?;
            for conversation in &expired {
                t.close_waiting(conversation, WithdrawReason::TimedOut, SystemEvent::Expired)?;
            }
            if !expired.is_empty() {
                tracing::info!(count = expired.len(), "waiting Livechat chats expired");
            }
            for due in t.store.due_offers(t.now)? {
                // An earlier iteration may already have withdrawn it (same agent).
                let Some(offer) = t.store.offer(&due.conversation_id)? else { continue };
                if offer != due {
                    continue;
                }
                t.withdraw(&offer, WithdrawReason::TimedOut, Some("missed"))?;
                let missed = t.missed_offer_state.to_agent_state();
                t.set_agent_state(&offer.agent_id, missed)?;
                // The agent is not answering: their other open offers go to someone else
                // now rather than each waiting out its own deadline.
                for other in t.store.offers_of_agent(&offer.agent_id)? {
                    t.withdraw(&other, WithdrawReason::TimedOut, None)?;
                }
            }
            t.route()?;
            let next_waiting = t.store.oldest_livechat_waiting()?.map(|at| at + waiting_expiry);
            let next_offer = t.store.next_offer_expiry()?;
            Ok(match (next_offer, next_waiting) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            })
        })
    }
}

/// The offer clock: expires offers at their deadline (see the hub's module docs).
pub(super) async fn run_offer_clock(
    hub: Weak<Inner>,
    offers_changed: Arc<Notify>,
    mut shutdown: watch::Receiver<bool>,
) {
    // Retention runs at start and then about hourly, on the same clock.
    let mut retention_due = tokio::time::Instant::now();
    loop {
        let (next, renew) = {
            let Some(inner) = hub.upgrade() else { return };
            let hub = Hub { inner };
            let renew = renew_interval(hub.config());
            if hub.is_shutting_down() {
                return;
            }
            if tokio::time::Instant::now() >= retention_due {
                match hub.apply_retention() {
                    Ok(500..) => {} // more to do: again on the next turn
                    Ok(_) => retention_due += Duration::from_secs(3600),
                    Err(error) => {
                        tracing::warn!(%error, "applying retention failed");
                        retention_due += Duration::from_secs(3600);
                    }
                }
            }
            let next = match hub.expire_due_offers() {
                Ok(next) => next,
                Err(HubError::ShuttingDown) => return,
                Err(error) => {
                    tracing::error!(%error, "expiring offers failed; retrying in a second");
                    Some(now_millis() + 1000)
                }
            };
            (next, renew)
        };
        // Nothing pending: sleep until an offer is made or a chat arrives, and come back
        // within the lease's renewal time (to keep it, or to take it when its holder died).
        let wait = match next {
            Some(at) => Duration::from_millis((at - now_millis()).max(0) as u64),
            None => renew,
        }
        .min(renew);
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = offers_changed.notified() => {}
            _ = shutdown.wait_for(|stopping| *stopping) => return,
        }
    }
}
