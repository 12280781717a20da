//! The hub's core: every state transition of agents, conversations and offers.
//!
//! One mutex guards the store's writer, and each transition runs under it inside one store
//! transaction: it reads the state it needs, decides (routing through the pure
//! [`crate::routing::plan`]), writes, records the events it causes, commits, and only then
//! publishes those events, still under the lock. Nothing is checked before an `.await` and
//! acted on after it, so two customers arriving at once can never both take an agent's last
//! free slot, and an offer cannot be accepted and timed out at the same time.
//!
//! Offer deadlines are kept by one background task, the offer clock: it sleeps until the
//! earliest `expires_at` in the database (or until a new offer is made), then expires what
//! is due under the lock. Because it reads the deadlines from the database, a restarted hub
//! re-arms every pending offer (and expires at once those whose time passed while it was
//! down) with no extra bookkeeping.
//!
//! The lock is a `std::sync::Mutex` and SQLite blocks, yet the callers are async handlers:
//! every transition and read runs through [`transition::off_the_workers`], which on a
//! multi-threaded tokio runtime (the server's, the desk's) tells tokio this worker is about
//! to block, so its other tasks move to another worker instead of waiting behind the lock
//! (finding M3).
//! The event feeds' reads (a new stream's snapshot, backlog pages, a lagging stream's
//! re-read) take neither the lock nor a worker: they run on read-only connections on the
//! blocking pool ([`crate::store::Readers`]; SQLite's WAL lets them read beside the writer).
//! The hub reads and writes only through the store's interface ([`crate::store::Store`]):
//! no file here names the database library, and the hub runs the same on SQLite and on
//! PostgreSQL. The lock is this node's; across nodes, the database serializes transitions
//! (SQLite's one writer, PostgreSQL's transitions lock: see `store::postgres`).
//!
//! Where things live, one job a file (every file adds its own `impl Hub` or
//! `impl Transition` block):
//! - here: [`Hub`] and its shared state, opening and shutting down;
//! - [`transition`]: the lock, the store transaction of a [`transition::Transition`], reads
//!   under the lock, publishing events after the commit, closing the store: past
//!   [`Hub::open`], the only code that touches the store's writer (the rest works on the
//!   transaction or `&dyn Store` it hands out; the feeds read on [`crate::store::Readers`]);
//! - [`sessions`]: sign-in, bearer tokens, sign-out; [`agents`]: an agent's state, the agent
//!   and queue lists, "my assigned queues";
//! - [`conversations`]: accept, reject, the agent's messages, end, wrap-up, reading a
//!   conversation, and the shared steps (a message written and announced, the end);
//! - [`offers`]: offers made and withdrawn; [`routing_pass`]: routing's reads and offers;
//! - [`livechat`]: the customer's side (starting a chat, tokens, tickets, messages, leaving);
//! - [`feeds`]: opening event feeds and the [`crate::events::FeedSource`] they read through;
//! - [`workers`]: the offer clock (offer deadlines, waiting chats' expiry, retention);
//! - [`wire`]: rows as protocol types; [`checks`]: input checks;
//! - WhatsApp and Messenger (webhooks in, send API out) in [`platforms`], with their two
//!   workers; transfer, conference, typing and queue deletion in [`handoffs`]; channel assets
//!   (numbers, pages, Livechat entry points) taken out of service in [`assets`]; customer
//!   records, cases and chat logs in [`records`].

mod agents;
mod assets;
mod checks;
mod conversations;
#[cfg(test)]
mod feed_reads;
mod feeds;
mod handoffs;
mod leases;
mod livechat;
mod offers;
mod platforms;
mod records;
mod relay;
mod routing_pass;
mod sessions;
mod transition;
mod wire;
mod workers;

use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use hub_protocol::Millis;
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;

use crate::config::{HubConfig, MissedOfferState, RejectedOfferState};
use crate::error::HubError;
use crate::events::LiveFeeds;
use crate::store;
use transition::lock;
use workers::run_offer_clock;

/// Now, on the hub's clock, in milliseconds since the Unix epoch.
pub fn now_millis() -> Millis {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as Millis).unwrap_or(0)
}

/// The contact hub: cheap to clone, shared by the HTTP handlers and the offer clock.
#[derive(Clone)]
pub struct Hub {
    inner: Arc<Inner>,
}

struct Inner {
    config: HubConfig,
    missed_offer_state: MissedOfferState,
    rejected_offer_state: RejectedOfferState,
    /// Card numbers are redacted before anything is stored, whatever the display setting: a
    /// chat transcript, a name or a note is no place to keep a PAN (PCI DSS; finding M6).
    pan_redactor: Option<masking::Masker>,
    /// `None` once the hub has shut down.
    db: Mutex<Option<store::Writer>>,
    /// Read-only connections for the event feeds' reads, outside the lock.
    readers: Arc<store::Readers>,
    /// The live channels of the recipients whose feeds are open.
    live: Arc<LiveFeeds>,
    /// Wakes the offer clock when an offer is made or taken away.
    offers_changed: Arc<Notify>,
    shutdown: watch::Sender<bool>,
    offer_clock: Mutex<Option<JoinHandle<()>>>,
    platforms: platforms::Platforms,
    /// Wakes the inbox worker when a webhook body was stored.
    inbox_changed: Arc<Notify>,
    /// Wakes the outbox worker when a reply was queued.
    outbox_changed: Arc<Notify>,
    /// The platform workers and, with several nodes, the event relay: stopped at shutdown.
    workers: Mutex<Vec<JoinHandle<()>>>,
    /// When each side of a conversation last had a typing event relayed (see
    /// [`handoffs`]): keyed by conversation id and whether the agent side typed.
    typing_relayed: Mutex<std::collections::HashMap<(String, bool), Millis>>,
    /// Abuse limits on the unauthenticated doors (`[limits]`).
    limits: crate::limits::Limits,
    /// The threads that check passwords, as many as `limits` lets run at once.
    passwords: crate::passwords::PasswordChecks,
    /// Wakes a session's agent event streams when it is signed out: they check it.
    sessions_revoked: Arc<crate::events::SessionSignals>,
    /// Each configured agent's place in the configuration (routing's tie-break).
    agent_order: routing_pass::AgentOrder,
    /// This node among the hubs sharing the database: what its workers' leases name.
    node_id: String,
    /// Several nodes on the database: wakes the event relay ([`relay`]) after a transition,
    /// which then publishes its events; `None`: transitions publish their own.
    relay_woken: Option<Arc<Notify>>,
    /// Several nodes on PostgreSQL: hears the other nodes' commits (`store::wakes`).
    listener: Mutex<Option<store::Listener>>,
}

/// A signed-in agent, as the bearer token identifies them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentSession {
    pub agent_id: String,
    pub(crate) token_hash: String,
}

/// Whether a message was written now or found from an earlier try with the same client id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    New,
    Existing,
}

impl Hub {
    /// Opens the database (a SQLite file's path, or a [`crate::Database`]; creating and
    /// migrating it), and starts the offer clock on the current tokio runtime, which must
    /// exist.
    pub fn open(config: HubConfig, database: impl Into<store::Database>) -> Result<Hub, HubError> {
        let database = database.into();
        config.validate()?;
        let missed_offer_state = config.missed_offer_state()?;
        let rejected_offer_state = config.rejected_offer_state()?;
        let platforms = platforms::Platforms::new(&config)?;
        let writer = store::Writer::open(&database)?;
        let limits = crate::limits::Limits::new(&config.limits);
        let passwords = crate::passwords::PasswordChecks::start(
            config.limits.password_checks_at_once as usize,
        )?;
        let live = LiveFeeds::new(config.limits.stream_buffer_events as usize);
        let (shutdown, _) = watch::channel(false);
        let agent_order = routing_pass::AgentOrder::new(&config);
        let node_id = leases::node_id();
        let relays = config.server.cluster_poll_ms > 0;
        tracing::info!(node = %node_id, %database, "hub node starting");
        let hub = Hub {
            inner: Arc::new(Inner {
                pan_redactor: Some(masking::Masker::new()),
                config,
                missed_offer_state,
                rejected_offer_state,
                db: Mutex::new(Some(writer)),
                readers: store::Readers::new(&database),
                live,
                offers_changed: Arc::new(Notify::new()),
                shutdown,
                offer_clock: Mutex::new(None),
                platforms,
                inbox_changed: Arc::new(Notify::new()),
                outbox_changed: Arc::new(Notify::new()),
                workers: Mutex::new(Vec::new()),
                typing_relayed: Mutex::new(std::collections::HashMap::new()),
                limits,
                passwords,
                sessions_revoked: crate::events::SessionSignals::new(),
                agent_order,
                node_id,
                relay_woken: relays.then(|| Arc::new(Notify::new())),
                listener: Mutex::new(None),
            }),
        };
        hub.transact(|t| {
            let ids: Vec<&str> = t.config.agents.iter().map(|a| a.id.as_str()).collect();
            t.store.ensure_agents(&ids, t.now)?;
            // Routing's view of each agent's load and capacity, rebuilt from what they hold
            // and the configuration.
            t.store.recount_kept_counts()?;
            let profiles: Vec<store::RoutingProfile<'_>> = t
                .config
                .agents
                .iter()
                .enumerate()
                .map(|(position, a)| store::RoutingProfile {
                    id: &a.id,
                    capacity: t.config.capacity_of(a),
                    position,
                    queues: &a.queues,
                })
                .collect();
            t.store.set_routing_profiles(&profiles)?;
            // A queue removed from the configuration while the hub was down is a deleted
            // queue: its live conversations are interrupted like after an admin's delete.
            for queue_id in t.store.queues_in_use()? {
                if t.config.queue(&queue_id).is_none() {
                    t.retire_queue(&queue_id)?;
                }
            }
            // Conversations may have queued up while the hub was down.
            t.route()
        })?;
        let clock = tokio::spawn(run_offer_clock(
            Arc::downgrade(&hub.inner),
            hub.inner.offers_changed.clone(),
            hub.inner.shutdown.subscribe(),
        ));
        *lock(&hub.inner.offer_clock) = Some(clock);
        *lock(&hub.inner.workers) = platforms::spawn_workers(&hub);
        if let Some(woken) = &hub.inner.relay_woken {
            *lock(&hub.inner.listener) = store::listen(&database, hub.waker(woken.clone()));
            let cursor = hub.read(|store| store.last_event_id())?;
            let poll = std::time::Duration::from_millis(hub.config().server.cluster_poll_ms.into());
            let relay = tokio::spawn(relay::run_event_relay(
                Arc::downgrade(&hub.inner),
                woken.clone(),
                hub.inner.shutdown.subscribe(),
                poll,
                cursor,
            ));
            lock(&hub.inner.workers).push(relay);
        }
        Ok(hub)
    }

    pub fn config(&self) -> &HubConfig {
        &self.inner.config
    }

    /// `text` with every card number redacted, as everything the hub stores (finding M6).
    pub(crate) fn redact_cards(&self, text: &str) -> String {
        match &self.inner.pan_redactor {
            Some(redactor) => redactor.mask_kinds(text, &[masking::Kind::Card]).into_owned(),
            None => text.to_owned(),
        }
    }

    /// The abuse limits every request through an unauthenticated door is counted against.
    pub fn limits(&self) -> &crate::limits::Limits {
        &self.inner.limits
    }

    /// What the password-check threads did so far (how many ran at once, how often they
    /// needed memory): for operations and the tests.
    pub fn password_check_stats(&self) -> crate::PasswordCheckStats {
        self.inner.passwords.stats()
    }

    /// Agent event streams woken by sign-outs so far: each sign-out wakes only the signed-out
    /// session's streams.
    pub fn sign_out_wakes(&self) -> u64 {
        self.inner.sessions_revoked.woken()
    }

    /// What live delivery did so far (recipients followed, events handed to feeds): for
    /// operations and the tests.
    pub fn live_stats(&self) -> crate::events::LiveStats {
        self.inner.live.stats()
    }

    /// Stops the offer clock and ends every event stream, then closes the database. Requests
    /// arriving afterwards fail with an internal error.
    pub async fn shutdown(&self) {
        self.begin_shutdown();
        let clock = lock(&self.inner.offer_clock).take();
        if let Some(clock) = clock {
            let _ = clock.await;
        }
        let workers = std::mem::take(&mut *lock(&self.inner.workers));
        for worker in workers {
            // A reply in flight is abandoned; it stays in the outbox and goes out after the
            // next start.
            worker.abort();
            let _ = worker.await;
        }
        self.close_database();
    }

    /// Tells the offer clock and the event streams to stop (the first half of
    /// [`Hub::shutdown`], for servers that drain connections before closing the database).
    pub(crate) fn begin_shutdown(&self) {
        self.inner.shutdown.send_replace(true);
    }

    /// Whether [`Hub::shutdown`] has begun.
    pub fn is_shutting_down(&self) -> bool {
        *self.inner.shutdown.borrow()
    }
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub").finish_non_exhaustive()
    }
}
