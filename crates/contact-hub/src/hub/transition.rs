//! One transition: the lock, the store transaction it runs in, and the events it publishes.
//!
//! Everything that takes the hub's [`store::Writer`] is here: [`Hub::transact`] (a
//! transition, under the lock, in one store transaction ([`store::Tx`], `IMMEDIATE` on
//! SQLite), its events published after the commit), [`Hub::read`] (a read under the lock)
//! and [`Hub::close_database`]. Past [`Hub::open`], the rest of the hub works on the
//! [`Transition`] or the `&dyn Store` these hand it: the store's interface, never the
//! database library (see [`crate::store`]).

use std::sync::{Mutex, MutexGuard};

use hub_protocol::{AgentEventBody, Author, CustomerEventBody, Millis};

use super::wire::queue_kind;
use super::{now_millis, routing_pass, Hub};
use crate::config::{HubConfig, MissedOfferState, RejectedOfferState};
use crate::error::HubError;
use crate::events::LiveEvent;
use crate::store::{self, Audience, ConversationRow, NewEvent, Store, StoredEvent, Wake};

impl Hub {
    /// Runs one transition: under the lock, in one store transaction, publishing its events
    /// after the commit and before the lock is released (so live order is id order).
    pub(super) fn transact<T>(
        &self,
        f: impl FnOnce(&mut Transition<'_>) -> Result<T, HubError>,
    ) -> Result<T, HubError> {
        off_the_workers(|| self.transact_now(f))
    }

    fn transact_now<T>(
        &self,
        f: impl FnOnce(&mut Transition<'_>) -> Result<T, HubError>,
    ) -> Result<T, HubError> {
        let mut db = lock(&self.inner.db);
        let writer = db.as_mut().ok_or(HubError::ShuttingDown)?;
        let mut transition = Transition {
            store: writer.begin()?,
            config: &self.inner.config,
            missed_offer_state: &self.inner.missed_offer_state,
            rejected_offer_state: &self.inner.rejected_offer_state,
            pan_redactor: self.inner.pan_redactor.as_ref(),
            agent_order: &self.inner.agent_order,
            node_id: &self.inner.node_id,
            now: now_millis(),
            published: Vec::new(),
            offers_changed: false,
            inbox_changed: false,
            outbox_changed: false,
        };
        let value = f(&mut transition)?;
        transition.store_events()?;
        #[cfg(debug_assertions)]
        check_held(&*transition.store);
        let Transition { store, published, offers_changed, inbox_changed, outbox_changed, .. } =
            transition;
        // Several nodes: the others' relays and workers are woken where the database can.
        let mut wakes = Vec::new();
        if self.inner.relay_woken.is_some() {
            let changed = [
                (!published.is_empty(), Wake::Events),
                (offers_changed, Wake::Offers),
                (inbox_changed, Wake::Inbox),
                (outbox_changed, Wake::Outbox),
            ];
            wakes.extend(changed.into_iter().filter(|(changed, _)| *changed).map(|(_, w)| w));
        }
        store.commit(&wakes)?;
        match &self.inner.relay_woken {
            // Several nodes: the relay publishes everybody's events in id order.
            Some(relay) if !published.is_empty() => relay.notify_one(),
            Some(_) => {}
            None => {
                for LiveEvent { audience, recipient, event } in published {
                    // Nobody following the recipient is fine: the store has it.
                    self.inner.live.publish(audience, &recipient, event);
                }
            }
        }
        if offers_changed {
            self.inner.offers_changed.notify_one();
        }
        if inbox_changed {
            self.inner.inbox_changed.notify_one();
        }
        if outbox_changed {
            self.inner.outbox_changed.notify_one();
        }
        Ok(value)
    }

    /// Closes the readers and the connection (the second half of [`Hub::shutdown`]); every
    /// transition and read after it fails with `ShuttingDown`.
    pub(crate) fn close_database(&self) {
        drop(lock(&self.inner.listener).take());
        self.inner.readers.close();
        if let Some(writer) = lock(&self.inner.db).take() {
            // Another node takes this one's workers over at once, not when the leases expire.
            if let Err(error) = writer.release_leases(&self.inner.node_id) {
                tracing::warn!(%error, "giving back the workers' leases failed");
            }
            if let Err(error) = writer.close() {
                tracing::warn!(%error, "closing the database failed");
            }
        }
    }

    /// Reads what transitions committed: under the lock, without a transaction, on SQLite;
    /// on PostgreSQL on a reader connection, beside the transitions (see
    /// `store::Readers::take_plain_reads`).
    pub(super) fn read<T>(
        &self,
        f: impl FnOnce(&dyn Store) -> Result<T, HubError>,
    ) -> Result<T, HubError> {
        off_the_workers(|| {
            if self.inner.readers.take_plain_reads() {
                return self.inner.readers.read_here(f);
            }
            let db = lock(&self.inner.db);
            let writer = db.as_ref().ok_or(HubError::ShuttingDown)?;
            f(&**writer)
        })
    }
}

/// Runs blocking database work (waiting for the lock included) so it does not hold up the
/// async workers: on a multi-threaded runtime through `block_in_place`, which hands this
/// worker's other tasks to another thread first; elsewhere (a current-thread runtime, as in
/// tests, or no runtime) it just runs, as `block_in_place` is not allowed there.
pub(super) fn off_the_workers<T>(work: impl FnOnce() -> T) -> T {
    use tokio::runtime::{Handle, RuntimeFlavor};
    match Handle::try_current() {
        Ok(handle) if handle.runtime_flavor() == RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(work)
        }
        _ => work(),
    }
}

/// Debug builds (the tests) check after every transition that the counts the schema's
/// triggers keep are right: the load routing reads (`held`) is what the agents hold, and
/// each queue's waiting count (the admission limit's) is what waits there.
#[cfg(debug_assertions)]
fn check_held(store: &dyn Store) {
    let check = || {
        let held = store.held_mismatches().expect("held can be checked");
        let waiting = store.waiting_mismatches().expect("waiting can be checked");
        (held, waiting)
    };
    #[cfg(test)]
    let (held, waiting) = routing_pass::statements::uncounted(check);
    #[cfg(not(test))]
    let (held, waiting) = check();
    assert!(held.is_empty(), "held differs from what agents hold: {held:?}");
    assert!(waiting.is_empty(), "queue_waiting differs from what waits: {waiting:?}");
}

/// Locks a mutex, recovering it if a panicking thread poisoned it: the store transaction
/// of the panicking transition was rolled back, so the state behind it is consistent.
pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// One transition in progress: the open store transaction and what it will publish.
pub(super) struct Transition<'a> {
    pub(super) store: store::Tx<'a>,
    pub(super) config: &'a HubConfig,
    pub(super) missed_offer_state: &'a MissedOfferState,
    pub(super) rejected_offer_state: &'a RejectedOfferState,
    pub(super) pan_redactor: Option<&'a masking::Masker>,
    pub(super) agent_order: &'a routing_pass::AgentOrder,
    /// This hub node, as the leases of its workers name it.
    pub(super) node_id: &'a str,
    pub(super) now: Millis,
    pub(super) published: Vec<LiveEvent>,
    pub(super) offers_changed: bool,
    /// A webhook body was stored for the inbox worker.
    pub(super) inbox_changed: bool,
    /// A reply was queued for a platform's send API.
    pub(super) outbox_changed: bool,
}

impl Transition<'_> {
    pub(super) fn emit_agent(
        &mut self,
        agent_id: &str,
        body: AgentEventBody,
    ) -> Result<(), HubError> {
        self.emit(Audience::Agent, agent_id, serde_json::to_string(&body)?)
    }

    pub(super) fn emit_customer(
        &mut self,
        conversation_id: &str,
        mut body: CustomerEventBody,
    ) -> Result<(), HubError> {
        // Customers see an agent's display name, never their internal id (a user name in
        // many hubs: half a sign-in; finding L2).
        if let CustomerEventBody::MessageAdded { message } = &mut body {
            if let Author::Agent { agent_id, .. } = &mut message.author {
                agent_id.clear();
            }
        }
        self.emit(Audience::Customer, conversation_id, serde_json::to_string(&body)?)
    }

    /// Records an event; it is stored (and gets its id) with the others just before the
    /// transition commits (see [`Transition::store_events`]).
    fn emit(&mut self, audience: Audience, recipient: &str, body: String) -> Result<(), HubError> {
        self.published.push(LiveEvent {
            audience,
            recipient: recipient.to_owned(),
            event: StoredEvent { id: 0, at: self.now, body },
        });
        Ok(())
    }

    /// Stores the events the transition emitted, in one go, and gives each its id.
    fn store_events(&mut self) -> Result<(), HubError> {
        let events: Vec<NewEvent<'_>> = self
            .published
            .iter()
            .map(|live| NewEvent {
                audience: live.audience,
                recipient: &live.recipient,
                at: live.event.at,
                body: &live.event.body,
            })
            .collect();
        let ids = self.store.insert_events(&events)?;
        for (live, id) in self.published.iter_mut().zip(ids) {
            live.event.id = id;
        }
        Ok(())
    }

    pub(super) fn display_name(&self, agent_id: &str) -> String {
        self.config.agent(agent_id).map_or_else(|| agent_id.to_owned(), |a| a.display_name.clone())
    }

    /// The most characters one message may hold in this conversation (its queue's kind and
    /// its channel).
    pub(super) fn message_limit(&self, conversation: &ConversationRow) -> usize {
        queue_kind(self.config, conversation).max_message_chars(conversation.channel)
    }
}
