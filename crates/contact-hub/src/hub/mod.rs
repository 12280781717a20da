//! The hub's core: every state transition of agents, conversations and offers.
//!
//! One mutex guards the SQLite connection, and each transition runs under it inside one
//! SQLite transaction: it reads the state it needs, decides (routing through the pure
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
//! every transition and read runs through [`off_the_workers`], which on a multi-threaded
//! tokio runtime (the server's, the desk's) tells tokio this worker is about to block, so
//! its other tasks move to another worker instead of waiting behind the lock (finding M3).
//! The event feeds' reads (a new stream's snapshot, backlog pages, a lagging stream's
//! re-read) take neither the lock nor a worker: they run on read-only connections on the
//! blocking pool ([`crate::readers`]; SQLite's WAL lets them read beside the writer).
//! The lock itself stays one: the store boundary that would allow more is DESIGN.md's
//! PostgreSQL step.
//!
//! WhatsApp and Messenger (webhooks in, send API out) live in [`platforms`], with their two
//! workers; transfer, conference, typing and queue deletion in [`handoffs`]; channel assets
//! (numbers, pages, Livechat entry points) taken out of service in [`assets`].

mod assets;
#[cfg(test)]
mod feed_reads;
mod handoffs;
mod platforms;
mod records;
mod routing_pass;

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hub_protocol::{
    AgentEventBody, AgentProfile, AgentRef, AgentState, AgentSummary, AssignedQueue,
    AssignedQueues, Assignment, Author, Channel, Conference, ConferenceState, Conversation,
    ConversationState, Customer, CustomerEventBody, Delivery, DeliveryStatus, FaqAnswer,
    LoginRequest, LoginResponse, Message, Millis, Offer, OfferKind, Queue, QueueKind, Reason,
    RequestedState, Role, SendMessageRequest, Snapshot, StartChatRequest, StartChatResponse,
    StateSince, SystemEvent, WithdrawReason, RESERVED_CHARACTERS,
};
use futures_util::future::BoxFuture;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;

use crate::config::{AgentConfig, HubConfig, MissedOfferState, RejectedOfferState};
use crate::error::HubError;
use crate::events::{EventFeed, FeedSource, LiveEvent, LiveFeeds, REPLAY_PAGE};
use crate::secret;
use crate::store::{self, Audience, ConversationRow, OfferReason, OfferRow, StoredEvent};

/// Longest identifiers and names the hub accepts from clients.
const MAX_CLIENT_ID_CHARS: usize = 128;
const MAX_NAME_CHARS: usize = 200;
const MAX_FIELD_CHARS: usize = 2048;

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
    db: Mutex<Option<Connection>>,
    /// Read-only connections for the event feeds' reads, outside the lock.
    readers: Arc<crate::readers::Readers>,
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
    platform_workers: Mutex<Vec<JoinHandle<()>>>,
    /// When each side of a conversation last had a typing event relayed (see
    /// [`handoffs`]): keyed by conversation id and whether the agent side typed.
    typing_relayed: Mutex<std::collections::HashMap<(String, bool), Millis>>,
    /// Abuse limits on the unauthenticated doors (`[limits]`).
    limits: crate::limits::Limits,
    /// The threads that check passwords, as many as `limits` lets run at once.
    passwords: crate::passwords::PasswordChecks,
    /// The widget's single-use stream tickets (finding L1).
    tickets: crate::tickets::StreamTickets,
    /// Wakes a session's agent event streams when it is signed out: they check it.
    sessions_revoked: Arc<crate::events::SessionSignals>,
    /// Each configured agent's place in the configuration (routing's tie-break).
    agent_order: routing_pass::AgentOrder,
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
    /// Opens the database (creating and migrating it), and starts the offer clock on the
    /// current tokio runtime, which must exist.
    pub fn open(config: HubConfig, database: &Path) -> Result<Hub, HubError> {
        config.validate()?;
        let missed_offer_state = config.missed_offer_state()?;
        let rejected_offer_state = config.rejected_offer_state()?;
        let platforms = platforms::Platforms::new(&config)?;
        let conn = store::open(database)?;
        let limits = crate::limits::Limits::new(&config.limits);
        let passwords = crate::passwords::PasswordChecks::start(
            config.limits.password_checks_at_once as usize,
        )?;
        let tickets = crate::tickets::StreamTickets::new(std::time::Duration::from_secs(
            config.limits.stream_ticket_secs.into(),
        ));
        let live = LiveFeeds::new(config.limits.stream_buffer_events as usize);
        let (shutdown, _) = watch::channel(false);
        let agent_order = routing_pass::AgentOrder::new(&config);
        let hub = Hub {
            inner: Arc::new(Inner {
                pan_redactor: Some(masking::Masker::new()),
                config,
                missed_offer_state,
                rejected_offer_state,
                db: Mutex::new(Some(conn)),
                readers: crate::readers::Readers::new(database),
                live,
                offers_changed: Arc::new(Notify::new()),
                shutdown,
                offer_clock: Mutex::new(None),
                platforms,
                inbox_changed: Arc::new(Notify::new()),
                outbox_changed: Arc::new(Notify::new()),
                platform_workers: Mutex::new(Vec::new()),
                typing_relayed: Mutex::new(std::collections::HashMap::new()),
                limits,
                passwords,
                tickets,
                sessions_revoked: crate::events::SessionSignals::new(),
                agent_order,
            }),
        };
        hub.transact(|t| {
            store::ensure_agents(&t.tx, t.config.agents.iter().map(|a| a.id.as_str()), t.now)?;
            // Routing's view of each agent's load and capacity, rebuilt from what they hold
            // and the configuration.
            store::recount_held(&t.tx)?;
            store::set_capacities(
                &t.tx,
                t.config.agents.iter().map(|a| (a.id.as_str(), t.config.capacity_of(a))),
            )?;
            // A queue removed from the configuration while the hub was down is a deleted
            // queue: its live conversations are interrupted like after an admin's delete.
            for queue_id in store::queues_in_use(&t.tx)? {
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
        *lock(&hub.inner.platform_workers) = platforms::spawn_workers(&hub);
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
        let workers = std::mem::take(&mut *lock(&self.inner.platform_workers));
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

    pub(crate) fn close_database(&self) {
        self.inner.readers.close();
        if let Some(conn) = lock(&self.inner.db).take() {
            if let Err((_, error)) = conn.close() {
                tracing::warn!(%error, "closing the database failed");
            }
        }
    }

    // ------------------------------------------------------------ sessions

    /// Signs an agent in. A second sign-in gets a new token; earlier tokens stay valid.
    ///
    /// Limited (finding H2): attempts per client address `ip` and per user name, counted
    /// before the password is checked, so a refused attempt costs no argon2 run; and only a
    /// few password checks (19 MiB each) run at once, on the hub's password-check threads,
    /// which reuse their memory ([`crate::passwords`]). A failed sign-in is logged with the user
    /// name and address, never the password.
    pub async fn login(
        &self,
        request: LoginRequest,
        ip: Option<std::net::IpAddr>,
    ) -> Result<LoginResponse, HubError> {
        use crate::limits::Door;
        let limits = self.limits();
        limits.check_ip(Door::LoginIp, ip)?;
        let username_key: String =
            request.username.trim().to_lowercase().chars().take(200).collect();
        limits.check(Door::LoginUsername, &username_key)?;
        let agent = self.config().agent_by_username(&request.username).cloned();
        let matches = match &request.device_token {
            // A remembered device: its token, still the agent's and under their password.
            Some(device_token) => {
                let found =
                    self.read(|conn| store::device(conn, &secret::token_hash(device_token)))?;
                match (&agent, found) {
                    (Some(agent), Some((agent_id, tag))) => {
                        agent_id == agent.id && tag == password_tag(&agent.password_hash)
                    }
                    _ => false,
                }
            }
            None => {
                let phc = agent
                    .as_ref()
                    .map_or(secret::DUMMY_HASH, |a| a.password_hash.as_str())
                    .to_owned();
                let password = request.password.clone();
                let permit = limits.password_check().await?;
                // Argon2 takes tens of milliseconds of CPU and 19 MiB: on the hub's own
                // threads, off the async workers, in memory each thread reuses.
                self.inner.passwords.verify(password, phc, permit).await?
            }
        };
        let agent = match agent {
            Some(agent) if matches => agent,
            _ => {
                tracing::warn!(
                    username = %username_key.escape_debug(),
                    ip = ?ip,
                    known = agent.is_some(),
                    "failed sign-in"
                );
                return Err(HubError::InvalidCredentials);
            }
        };
        let token = secret::new_token();
        // A device token only for a password sign-in that asks for one.
        let device_token =
            (request.remember_device && request.device_token.is_none()).then(secret::new_token);
        self.transact(|t| {
            if let Some(device_token) = &device_token {
                store::insert_device(
                    &t.tx,
                    &secret::token_hash(device_token),
                    &agent.id,
                    t.now,
                    &password_tag(&agent.password_hash),
                )?;
            }
            store::insert_session(
                &t.tx,
                &secret::token_hash(&token),
                &agent.id,
                t.now,
                &password_tag(&agent.password_hash),
            )?;
            let current = store::agent(&t.tx, &agent.id)?;
            // Signing in again from a second desk must not knock the agent out of the state
            // they are working in; only a signed-out agent lands in the first idle code.
            let state = if current.state == AgentState::LoggedOut {
                let code = t.config.sign_in_idle_code().id.clone();
                t.set_agent_state(&agent.id, AgentState::Idle { code })?
            } else {
                StateSince { state: current.state, since: current.since }
            };
            Ok(LoginResponse {
                token: token.clone(),
                device_token: device_token.clone(),
                agent: AgentProfile {
                    id: agent.id.clone(),
                    username: agent.username.clone(),
                    display_name: agent.display_name.clone(),
                    queues: agent.queues.clone(),
                    capacity: t.config.capacity_of(&agent),
                    language: agent.language.clone(),
                },
                settings: t.config.hub_settings(),
                state,
                now: t.now,
            })
        })
    }

    /// The agent a bearer token belongs to, if its session is still alive (finding M1): not
    /// signed out, younger than `[limits] session_lifetime_hours`, used (a request or an
    /// open event stream) within `session_idle_minutes`, and signed in under the agent's
    /// current password. Each use moves the idle clock (at most one write a minute).
    pub fn authenticate(&self, token: &str) -> Result<AgentSession, HubError> {
        let token_hash = secret::token_hash(token);
        let agent_id = self.session_alive(&token_hash)?.ok_or(HubError::Unauthorized)?;
        Ok(AgentSession { agent_id, token_hash })
    }

    /// The agent of a live session (see [`Hub::authenticate`]), touching it; `None` when it
    /// ended.
    pub(crate) fn session_alive(&self, token_hash: &str) -> Result<Option<String>, HubError> {
        let limits = &self.config().limits;
        let lifetime = i64::from(limits.session_lifetime_hours) * 3_600_000;
        let idle = i64::from(limits.session_idle_minutes) * 60_000;
        let now = now_millis();
        self.read(|conn| {
            let Some(session) = store::session(conn, token_hash)? else { return Ok(None) };
            let Some(agent) = self.config().agent(&session.agent_id) else { return Ok(None) };
            let alive = session.password_tag.as_deref()
                == Some(&password_tag(&agent.password_hash))
                && now - session.created_at < lifetime
                && now - session.last_used_at < idle;
            if !alive {
                // Ended for good: forget it, so the stream checks and the table stay small.
                store::delete_session(conn, token_hash)?;
                return Ok(None);
            }
            if now - session.last_used_at >= 60_000 {
                store::touch_session(conn, token_hash, now)?;
            }
            Ok(Some(session.agent_id))
        })
    }

    /// Revokes every device token of the agent ("remember me" on every computer).
    pub fn forget_devices(&self, session: &AgentSession) -> Result<usize, HubError> {
        self.transact(|t| store::delete_devices_of_agent(&t.tx, &session.agent_id))
    }

    /// Signs the session out: the token stops working, the agent is logged out and their
    /// pending offers go to someone else.
    pub fn logout(&self, session: &AgentSession) -> Result<(), HubError> {
        // The session's open event streams end too (they look when told).
        let revoked = &self.inner.sessions_revoked;
        let result = self.transact(|t| {
            store::delete_session(&t.tx, &session.token_hash)?;
            t.set_agent_state(&session.agent_id, AgentState::LoggedOut)?;
            for offer in store::offers_of_agent(&t.tx, &session.agent_id)? {
                // The protocol has no "signed out" withdraw reason; the agent turned the
                // offer down by leaving. They are not excluded from it: back tomorrow, they
                // may take it.
                t.withdraw(&offer, WithdrawReason::Rejected, None)?;
            }
            // A conference guest who signs out leaves the conference; the owner goes on.
            for conversation in store::conversations_as_guest(&t.tx, &session.agent_id)? {
                t.remove_guest(&conversation)?;
            }
            t.route()
        });
        revoked.signed_out(&session.token_hash);
        result
    }

    // ------------------------------------------------------------ agent state and lists

    /// Sets the agent's own state. RONA and logged-out are the hub's to set and cannot be
    /// expressed in a [`RequestedState`].
    pub fn set_state(
        &self,
        agent_id: &str,
        requested: RequestedState,
    ) -> Result<StateSince, HubError> {
        self.transact(|t| {
            let target = match requested {
                RequestedState::Available => AgentState::Available,
                RequestedState::WorkingOffline => AgentState::WorkingOffline,
                RequestedState::Idle { code } => {
                    if t.config.idle_code(&code).is_none() {
                        return Err(HubError::not_found("idle code", &code));
                    }
                    AgentState::Idle { code }
                }
            };
            let available = target == AgentState::Available;
            let state = t.set_agent_state(agent_id, target)?;
            if available {
                t.route()?;
            }
            Ok(state)
        })
    }

    pub fn agent_state(&self, agent_id: &str) -> Result<StateSince, HubError> {
        let row = self.read(|conn| store::agent(conn, agent_id))?;
        Ok(StateSince { state: row.state, since: row.since })
    }

    /// When the agent's last conversation closed, or when they first became Available:
    /// the key routing sorts Available agents by.
    pub fn idle_since(&self, agent_id: &str) -> Result<Option<Millis>, HubError> {
        Ok(self.read(|conn| store::agent(conn, agent_id))?.idle_since)
    }

    /// Every configured agent with their state and load. The load is capacity's one count,
    /// offers and conference invitations included, so a colleague the handoff dialog shows
    /// as free is one the transfer and conference checks accept.
    pub fn agents(&self) -> Result<Vec<AgentSummary>, HubError> {
        self.read(|conn| {
            let held = store::agent_loads(conn, true)?;
            self.config()
                .agents
                .iter()
                .map(|agent| {
                    Ok(AgentSummary {
                        id: agent.id.clone(),
                        display_name: agent.display_name.clone(),
                        state: store::agent(conn, &agent.id)?.state,
                        active_conversations: held.get(&agent.id).copied().unwrap_or(0),
                        capacity: self.config().capacity_of(agent),
                    })
                })
                .collect()
        })
    }

    /// Every queue (but those an admin deleted) with the customers waiting in it (queued or
    /// being offered) and the agents who could take one now.
    pub fn queues(&self) -> Result<Vec<Queue>, HubError> {
        self.read(|conn| {
            let waiting = store::waiting_counts(conn)?;
            let deleted = store::deleted_queues(conn)?;
            let loads = store::agent_loads(conn, true)?;
            let mut free = Vec::new();
            for agent in &self.config().agents {
                let row = store::agent(conn, &agent.id)?;
                let load = loads.get(&agent.id).copied().unwrap_or(0);
                if row.state == AgentState::Available && load < self.config().capacity_of(agent) {
                    free.push(enabled_queues(self.config(), conn, agent)?);
                }
            }
            Ok(self
                .config()
                .queues
                .iter()
                .filter(|q| !deleted.contains(&q.id))
                .map(|q| Queue {
                    id: q.id.clone(),
                    name: q.name.clone(),
                    channel: q.channel,
                    language: q.language.clone(),
                    kind: q.kind,
                    waiting: waiting.get(&q.id).copied().unwrap_or(0),
                    available_agents: free.iter().filter(|queues| queues.contains(&q.id)).count()
                        as u32,
                })
                .collect())
        })
    }

    pub fn wrapup_reasons(&self) -> Vec<Reason> {
        self.config().wrapup_reasons.iter().map(|r| r.to_reason()).collect()
    }

    pub fn idle_codes(&self) -> Vec<Reason> {
        self.config().idle_codes.iter().map(|r| r.to_reason()).collect()
    }

    /// The FAQ answers in every language; the desk picks those of the conversation's queue.
    pub fn faq(&self) -> Vec<FaqAnswer> {
        self.config().faq.iter().map(|f| f.to_answer()).collect()
    }

    /// "My assigned queues": the agent's queues (but those an admin deleted) and which of
    /// them offer chats.
    pub fn assigned_queues(&self, agent_id: &str) -> Result<AssignedQueues, HubError> {
        self.read(|conn| assigned_queues(self.config(), conn, agent_id))
    }

    /// The agent turns their assigned queues on and off: `enabled` offer chats from now on,
    /// the others do not. Routing runs again at once.
    pub fn set_assigned_queues(
        &self,
        agent_id: &str,
        enabled: &[String],
    ) -> Result<AssignedQueues, HubError> {
        if !self.config().settings.agents_may_choose_queues {
            return Err(HubError::Forbidden("choose the queues an agent takes chats from"));
        }
        let agent =
            self.config().agent(agent_id).ok_or_else(|| HubError::not_found("agent", agent_id))?;
        if let Some(unknown) = enabled.iter().find(|id| !agent.queues.contains(id)) {
            // Not among the agent's queues: for them, no such queue.
            return Err(HubError::not_found("queue assigned to this agent", unknown));
        }
        self.transact(|t| {
            let disabled = agent.queues.iter().filter(|q| !enabled.contains(q));
            store::set_disabled_queues(&t.tx, agent_id, disabled.map(String::as_str))?;
            t.route()?;
            assigned_queues(t.config, &t.tx, agent_id)
        })
    }

    // ------------------------------------------------------------ the agent's conversation work

    /// Accepts an offer. Accepting a conversation the agent already holds returns it again,
    /// so a retried request is harmless.
    pub fn accept(&self, agent_id: &str, conversation_id: &str) -> Result<Assignment, HubError> {
        self.transact(|t| {
            let conversation = store::conversation(&t.tx, conversation_id)?;
            if let Some(offer) = store::offer(&t.tx, conversation_id)? {
                if offer.agent_id == agent_id
                    && matches!(offer.kind, OfferReason::Conference { .. })
                {
                    return t.join_conference(&conversation, &offer);
                }
            }
            if conversation.guest.as_ref().is_some_and(|(guest, _)| guest == agent_id) {
                return t.assignment(&conversation, agent_id);
            }
            let mine = conversation.agent_id.as_deref() == Some(agent_id);
            match conversation.state {
                ConversationState::Offered if mine => {}
                ConversationState::Active | ConversationState::WrapUp if mine => {
                    return t.assignment(&conversation, agent_id);
                }
                ConversationState::Active
                | ConversationState::WrapUp
                | ConversationState::Closed
                    if conversation.agent_id.is_some() && !mine =>
                {
                    return Err(HubError::NotYourConversation(conversation.id));
                }
                ConversationState::Closed if mine => {
                    return Err(invalid_state(&conversation, "accepted"));
                }
                _ => return Err(HubError::OfferExpired(conversation.id)),
            }
            store::delete_offer(&t.tx, conversation_id)?;
            store::set_conversation_state(
                &t.tx,
                conversation_id,
                ConversationState::Active,
                Some(agent_id),
                t.now,
            )?;
            t.offers_changed = true;
            let conversation = store::conversation(&t.tx, conversation_id)?;
            let display_name = t.display_name(agent_id);
            // The agent learns of the joined line through the assignment's thread; the
            // customer through a message event.
            let joined = t.write_message(
                &conversation,
                Author::System,
                String::new(),
                Some(SystemEvent::AgentJoined { display_name }),
                None,
            )?;
            t.emit_customer(conversation_id, CustomerEventBody::MessageAdded { message: joined })?;
            let assignment = t.assignment(&conversation, agent_id)?;
            t.emit_agent(agent_id, AgentEventBody::Assigned { assignment: assignment.clone() })?;
            Ok(assignment)
        })
    }

    /// Turns an offer down: it goes to the next agent, and this agent is not asked again.
    pub fn reject(&self, agent_id: &str, conversation_id: &str) -> Result<(), HubError> {
        if !self.config().settings.agents_may_reject {
            return Err(HubError::RejectNotAllowed);
        }
        self.transact(|t| {
            let conversation = store::conversation(&t.tx, conversation_id)?;
            if let Some(offer) = store::offer(&t.tx, conversation_id)? {
                if offer.agent_id == agent_id
                    && matches!(offer.kind, OfferReason::Conference { .. })
                {
                    return t.withdraw(&offer, WithdrawReason::Rejected, None);
                }
            }
            let mine = conversation.agent_id.as_deref() == Some(agent_id);
            match conversation.state {
                ConversationState::Offered if mine => {
                    let offer = store::offer(&t.tx, conversation_id)?
                        .ok_or_else(|| HubError::OfferExpired(conversation.id.clone()))?;
                    t.withdraw(&offer, WithdrawReason::Rejected, Some("rejected"))?;
                    // The admin may take an agent who turns chats down out of routing.
                    if let Some(state) = t.rejected_offer_state.to_agent_state() {
                        t.set_agent_state(agent_id, state)?;
                    }
                    t.route()
                }
                ConversationState::Active | ConversationState::WrapUp if mine => {
                    Err(invalid_state(&conversation, "rejected"))
                }
                ConversationState::Active
                | ConversationState::WrapUp
                | ConversationState::Closed
                    if conversation.agent_id.is_some() && !mine =>
                {
                    Err(HubError::NotYourConversation(conversation.id))
                }
                _ => Err(HubError::OfferExpired(conversation.id)),
            }
        })
    }

    /// An agent writes to the customer. A retry with the same client id returns the first
    /// message and writes nothing.
    pub fn send_agent_message(
        &self,
        agent_id: &str,
        conversation_id: &str,
        request: SendMessageRequest,
    ) -> Result<(Message, Written), HubError> {
        check_client_id(&request.client_id)?;
        self.transact(|t| {
            let conversation = store::conversation(&t.tx, conversation_id)?;
            let guest = conversation.guest.as_ref().is_some_and(|(g, _)| g == agent_id);
            if conversation.agent_id.as_deref() != Some(agent_id) && !guest {
                return Err(HubError::NotYourConversation(conversation.id));
            }
            if let Some(existing) =
                store::message_by_client_id(&t.tx, conversation_id, &request.client_id)?
            {
                return match &existing.author {
                    Author::Agent { agent_id: author, .. } if author == agent_id => {
                        Ok((existing, Written::Existing))
                    }
                    _ => Err(client_id_taken(&request.client_id)),
                };
            }
            if conversation.state != ConversationState::Active {
                return Err(invalid_state(&conversation, "written to by the agent"));
            }
            if conversation.interruption.is_some() {
                return Err(HubError::ConversationInterrupted(conversation.id));
            }
            check_text(&request.text, t.message_limit(&conversation), true)?;
            t.check_reply_window(&conversation)?;
            let author = Author::Agent {
                agent_id: agent_id.to_owned(),
                display_name: t.display_name(agent_id),
            };
            let message = t.write_message(
                &conversation,
                author,
                request.text,
                None,
                Some(request.client_id),
            )?;
            if message.delivery.is_some() {
                store::push_outbox(&t.tx, &message.id)?;
                t.outbox_changed = true;
            }
            t.announce_message(&conversation, &message)?;
            Ok((message, Written::New))
        })
    }

    /// The agent ends the conversation; wrap-up is due. Ending one already in wrap-up is a
    /// no-op, so a retried request is harmless.
    pub fn end_by_agent(&self, agent_id: &str, conversation_id: &str) -> Result<(), HubError> {
        self.transact(|t| {
            let conversation = store::conversation(&t.tx, conversation_id)?;
            if conversation.agent_id.as_deref() != Some(agent_id) {
                return Err(HubError::NotYourConversation(conversation.id));
            }
            match conversation.state {
                ConversationState::Active => t.end(&conversation, SystemEvent::EndedByAgent),
                ConversationState::WrapUp => Ok(()),
                _ => Err(invalid_state(&conversation, "ended")),
            }
        })
    }

    /// Submits the wrap-up: the conversation closes, the agent's capacity frees up and their
    /// idle time starts now.
    pub fn wrap_up(
        &self,
        agent_id: &str,
        conversation_id: &str,
        reason_id: Option<&str>,
    ) -> Result<(), HubError> {
        self.transact(|t| {
            let conversation = store::conversation(&t.tx, conversation_id)?;
            // An agent who transferred the conversation away wraps up their part of it while
            // it goes on with someone else.
            let handed_off = store::has_handoff(&t.tx, conversation_id, agent_id)?;
            if conversation.agent_id.as_deref() != Some(agent_id) && !handed_off {
                return Err(HubError::NotYourConversation(conversation.id));
            }
            match reason_id {
                Some(reason_id) if t.config.wrapup_reason(reason_id).is_none() => {
                    return Err(HubError::not_found("wrap-up reason", reason_id));
                }
                None if disposition_required(t.config, &conversation) => {
                    return Err(HubError::DispositionRequired(conversation.id));
                }
                _ => {}
            }
            if handed_off {
                store::delete_handoff(&t.tx, conversation_id, agent_id)?;
            } else if conversation.state != ConversationState::WrapUp {
                return Err(invalid_state(&conversation, "wrapped up"));
            } else {
                store::set_conversation_state(
                    &t.tx,
                    conversation_id,
                    ConversationState::Closed,
                    Some(agent_id),
                    t.now,
                )?;
                t.set_disposition(conversation_id, reason_id)?;
            }
            store::insert_wrapup(&t.tx, conversation_id, agent_id, reason_id, t.now)?;
            store::set_idle_since(&t.tx, agent_id, t.now)?;
            t.emit_agent(
                agent_id,
                AgentEventBody::Closed { conversation_id: conversation_id.to_owned() },
            )?;
            t.route()
        })
    }

    /// The wrap-up reason the conversation's last owner recorded, once it closed.
    pub fn wrapup_of(&self, conversation_id: &str) -> Result<Option<String>, HubError> {
        let wrapups = self.wrapups_of(conversation_id)?;
        Ok(wrapups.into_iter().last().and_then(|(_, reason)| reason))
    }

    /// Every wrap-up of a conversation, `(agent_id, reason_id)`, in the order given: one per
    /// agent who held it (no reason where the queue requires none and none was given).
    pub fn wrapups_of(
        &self,
        conversation_id: &str,
    ) -> Result<Vec<(String, Option<String>)>, HubError> {
        self.read(|conn| store::wrapups(conn, conversation_id))
    }

    // ------------------------------------------------------------ the customer's side

    /// A customer starts a Livechat conversation; it enters its queue, attached to the
    /// customer's record if one matches, and routing runs. `ip` is the address the chat
    /// window connected from, when the server knows it.
    ///
    /// Limited (finding H3): starts per address (`[limits] widget_starts_per_ip_per_minute`)
    /// and chats waiting per queue (`waiting_chats_per_queue`): a full queue takes no more
    /// until one is answered or expires.
    pub fn start_chat(
        &self,
        request: StartChatRequest,
        ip: Option<std::net::IpAddr>,
    ) -> Result<StartChatResponse, HubError> {
        self.limits().check_ip(crate::limits::Door::WidgetStartIp, ip)?;
        let ip = ip.map(|ip| ip.to_string());
        let name = request.name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
            return Err(HubError::InvalidRequest(format!(
                "name must have 1 to {MAX_NAME_CHARS} characters"
            )));
        }
        let fields = [
            &request.email,
            &request.phone,
            &request.account,
            &request.case_number,
            &request.source,
            &request.language,
        ];
        for field in fields.into_iter().flatten() {
            if field.chars().count() > MAX_FIELD_CHARS {
                return Err(HubError::InvalidRequest("a field is too long".into()));
            }
        }
        let queue = match &request.queue_id {
            Some(id) => self.config().queue(id).ok_or_else(|| HubError::not_found("queue", id))?,
            None => self
                .config()
                .default_livechat_queue()
                .ok_or_else(|| HubError::InvalidRequest("this hub has no Livechat queue".into()))?,
        };
        if queue.channel != Channel::Livechat {
            return Err(HubError::InvalidRequest(format!(
                "queue {} is not a Livechat queue",
                queue.id
            )));
        }
        check_text(&request.text, queue.kind.max_message_chars(Channel::Livechat), false)?;
        let customer_token = secret::new_token();
        let filled = |field: Option<String>| {
            field.filter(|f| !f.trim().is_empty()).map(|f| self.redact_cards(&f))
        };
        let customer = Customer {
            name: self.redact_cards(name),
            email: filled(request.email),
            phone: filled(request.phone),
            // The page without its query and fragment, which carry session ids and tokens.
            source: request
                .source
                .map(|s| self.redact_cards(s.split(['?', '#']).next().unwrap_or_default())),
            language: request.language,
            account: filled(request.account),
            case_number: filled(request.case_number),
            ip,
        };
        let language = queue.language.clone();
        let queue_id = queue.id.clone();
        let waiting_cap = self.config().limits.waiting_chats_per_queue;
        self.transact(|t| {
            t.live_queue(&queue_id)?;
            if t.asset_retired(Channel::Livechat, &queue_id)? {
                tracing::warn!(queue = %queue_id, "Livechat start refused: entry point retired");
                return Err(HubError::EntryPointClosed(queue_id.clone()));
            }
            if store::waiting_in_queue(&t.tx, &queue_id, waiting_cap.into())?
                >= u64::from(waiting_cap)
            {
                tracing::warn!(queue = %queue_id, "Livechat start refused: the queue is full");
                return Err(HubError::RateLimited { retry_after_secs: 60 });
            }
            let record = t.match_record(&customer, Some(&language), true)?;
            let conversation = ConversationRow {
                id: uuid::Uuid::new_v4().to_string(),
                channel: Channel::Livechat,
                queue_id: queue_id.clone(),
                customer: customer.clone(),
                customer_token_hash: secret::token_hash(&customer_token),
                state: ConversationState::Queued,
                agent_id: None,
                created_at: t.now,
                platform: None,
                last_customer_message_at: None,
                guest: None,
                interruption: None,
                ended_at: None,
                record,
            };
            store::insert_conversation(&t.tx, &conversation)?;
            let first =
                t.write_message(&conversation, Author::Customer, request.text.clone(), None, None)?;
            t.announce_message(&conversation, &first)?;
            t.route()?;
            // The offer clock also ends chats left waiting too long: it learns of this one.
            t.offers_changed = true;
            Ok(StartChatResponse {
                conversation_id: conversation.id,
                customer_token: customer_token.clone(),
            })
        })
    }

    /// Checks a customer's token for one conversation.
    pub fn authenticate_customer(
        &self,
        conversation_id: &str,
        token: &str,
    ) -> Result<(), HubError> {
        let conversation = self.read(|conn| store::conversation(conn, conversation_id))?;
        if conversation.customer_token_hash == secret::token_hash(token) {
            Ok(())
        } else {
            Err(HubError::Unauthorized)
        }
    }

    /// A single-use ticket for the conversation's event stream, and how many seconds it is
    /// valid. The caller has authenticated the customer for that conversation.
    pub fn issue_stream_ticket(&self, conversation_id: &str) -> Result<(String, u32), HubError> {
        let ticket = self.inner.tickets.issue(conversation_id)?;
        Ok((ticket, self.inner.tickets.lifetime().as_secs() as u32))
    }

    /// Takes a stream ticket for `conversation_id`; `unauthorized` unless it was issued for
    /// that conversation, has not expired and was not used.
    pub fn redeem_stream_ticket(
        &self,
        conversation_id: &str,
        ticket: &str,
    ) -> Result<(), HubError> {
        self.inner.tickets.redeem(ticket, conversation_id)
    }

    /// A customer writes. Customers may type `<` and `>`; they may write while waiting.
    pub fn send_customer_message(
        &self,
        conversation_id: &str,
        request: SendMessageRequest,
    ) -> Result<(Message, Written), HubError> {
        check_client_id(&request.client_id)?;
        self.transact(|t| {
            let conversation = store::conversation(&t.tx, conversation_id)?;
            if let Some(existing) =
                store::message_by_client_id(&t.tx, conversation_id, &request.client_id)?
            {
                return match existing.author {
                    Author::Customer => Ok((existing, Written::Existing)),
                    _ => Err(client_id_taken(&request.client_id)),
                };
            }
            if matches!(conversation.state, ConversationState::WrapUp | ConversationState::Closed) {
                return Err(HubError::ConversationEnded(conversation.id));
            }
            check_text(&request.text, t.message_limit(&conversation), false)?;
            let message = t.write_message(
                &conversation,
                Author::Customer,
                request.text,
                None,
                Some(request.client_id),
            )?;
            t.announce_message(&conversation, &message)?;
            Ok((message, Written::New))
        })
    }

    /// The customer leaves. Before an agent accepted, the conversation closes at once (and an
    /// open offer is withdrawn); after, it goes to wrap-up like an agent's End.
    pub fn end_by_customer(&self, conversation_id: &str) -> Result<(), HubError> {
        self.transact(|t| {
            let conversation = store::conversation(&t.tx, conversation_id)?;
            match conversation.state {
                ConversationState::Active => t.end(&conversation, SystemEvent::EndedByCustomer),
                ConversationState::Queued | ConversationState::Offered => {
                    t.close_waiting(
                        &conversation,
                        WithdrawReason::CustomerLeft,
                        SystemEvent::EndedByCustomer,
                    )?;
                    // An offered agent's slot is free again.
                    t.route()
                }
                ConversationState::WrapUp | ConversationState::Closed => {
                    Err(HubError::ConversationEnded(conversation.id))
                }
            }
        })
    }

    // ------------------------------------------------------------ reading

    /// A conversation's header.
    pub fn conversation(&self, conversation_id: &str) -> Result<Conversation, HubError> {
        self.read(|conn| {
            let row = store::conversation(conn, conversation_id)?;
            conversation_wire(self.config(), conn, &row)
        })
    }

    /// Conversations waiting in a queue for an offer, oldest first.
    pub fn queued_conversations(&self) -> Result<Vec<String>, HubError> {
        let queued = self.read(store::queued_conversations)?;
        Ok(queued.into_iter().map(|(id, _)| id).collect())
    }

    /// A conversation's thread.
    pub fn messages(&self, conversation_id: &str) -> Result<Vec<Message>, HubError> {
        self.read(|conn| {
            store::conversation(conn, conversation_id)?;
            store::messages(conn, conversation_id)
        })
    }

    /// The agent's event feed. With `after` (a Last-Event-ID), it replays the agent's stored
    /// events after that id, then goes live. Without, it starts with a snapshot of what the
    /// agent holds and goes live from there. Read outside the lock ([`crate::readers`]): the
    /// snapshot and its cursor in one read transaction, so they agree.
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
                    let page =
                        store::events_after(conn, Audience::Agent, &reader, after, REPLAY_PAGE)?;
                    Ok((None, after, page))
                }
                None => {
                    let snapshot = snapshot(hub.config(), conn, &reader)?;
                    Ok((Some(snapshot), store::last_event_id(conn)?, Vec::new()))
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
                store::conversation(conn, &reader)?;
                store::events_after(conn, Audience::Customer, &reader, after, REPLAY_PAGE)
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

    /// Whether [`Hub::shutdown`] has begun.
    pub fn is_shutting_down(&self) -> bool {
        *self.inner.shutdown.borrow()
    }

    // ------------------------------------------------------------ the lock

    /// Runs one transition: under the lock, in one SQLite transaction, publishing its events
    /// after the commit and before the lock is released (so live order is id order).
    fn transact<T>(
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
        let conn = db.as_mut().ok_or(HubError::ShuttingDown)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut transition = Transition {
            tx,
            config: &self.inner.config,
            missed_offer_state: &self.inner.missed_offer_state,
            rejected_offer_state: &self.inner.rejected_offer_state,
            pan_redactor: self.inner.pan_redactor.as_ref(),
            agent_order: &self.inner.agent_order,
            now: now_millis(),
            published: Vec::new(),
            offers_changed: false,
            outbox_changed: false,
        };
        let value = f(&mut transition)?;
        #[cfg(debug_assertions)]
        check_held(&transition.tx);
        let Transition { tx, published, offers_changed, outbox_changed, .. } = transition;
        tx.commit()?;
        for LiveEvent { audience, recipient, event } in published {
            // Nobody following the recipient is fine: the store has it.
            self.inner.live.publish(audience, &recipient, event);
        }
        if offers_changed {
            self.inner.offers_changed.notify_one();
        }
        if outbox_changed {
            self.inner.outbox_changed.notify_one();
        }
        Ok(value)
    }

    /// Reads under the lock, without a transaction.
    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T, HubError>) -> Result<T, HubError> {
        off_the_workers(|| {
            let db = lock(&self.inner.db);
            let conn = db.as_ref().ok_or(HubError::ShuttingDown)?;
            f(conn)
        })
    }

    /// Withdraws every offer whose deadline has passed; returns the next deadline.
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
            let old = store::closed_before(&t.tx, cutoff, 500)?;
            for id in &old {
                store::erase_conversation(&t.tx, id)?;
            }
            let events = store::prune_events(&t.tx, cutoff)?;
            if !old.is_empty() || events > 0 {
                tracing::info!(conversations = old.len(), events, "retention applied");
            }
            Ok(old.len())
        })
    }

    fn expire_due_offers(&self) -> Result<Option<Millis>, HubError> {
        let waiting_expiry = i64::from(self.config().limits.waiting_chat_expiry_secs) * 1000;
        self.transact(|t| {
            // Livechat chats nobody could answer in time end, with a line to the customer
            // (finding H3): a flood of chats does not wait for agents forever. A bounded
            // batch per turn keeps the lock short; the clock comes back at once for more.
            let expired = store::livechat_waiting_since(&t.tx, t.now - waiting_expiry, 100)?;
            for conversation in &expired {
                t.close_waiting(conversation, WithdrawReason::TimedOut, SystemEvent::Expired)?;
            }
            if !expired.is_empty() {
                tracing::info!(count = expired.len(), "waiting Livechat chats expired");
            }
            for due in store::due_offers(&t.tx, t.now)? {
                // An earlier iteration may already have withdrawn it (same agent).
                let Some(offer) = store::offer(&t.tx, &due.conversation_id)? else { continue };
                if offer != due {
                    continue;
                }
                t.withdraw(&offer, WithdrawReason::TimedOut, Some("missed"))?;
                let missed = t.missed_offer_state.to_agent_state();
                t.set_agent_state(&offer.agent_id, missed)?;
                // The agent is not answering: their other open offers go to someone else
                // now rather than each waiting out its own deadline.
                for other in store::offers_of_agent(&t.tx, &offer.agent_id)? {
                    t.withdraw(&other, WithdrawReason::TimedOut, None)?;
                }
            }
            t.route()?;
            let next_waiting = store::oldest_livechat_waiting(&t.tx)?.map(|at| at + waiting_expiry);
            let next_offer = store::next_offer_expiry(&t.tx)?;
            Ok(match (next_offer, next_waiting) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            })
        })
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
                .read(move |conn| {
                    store::events_after(conn, audience, &recipient, after, REPLAY_PAGE)
                })
                .await
        })
    }

    fn session_alive(&self, token_hash: &str) -> bool {
        matches!(Hub::session_alive(self, token_hash), Ok(Some(_)))
    }
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub").finish_non_exhaustive()
    }
}

/// What a session remembers of the password it was signed in under: a digest of the
/// agent's argon2 hash, so a new password (a new hash) ends every older session.
fn password_tag(password_hash: &str) -> String {
    secret::token_hash(password_hash)
}

/// Runs blocking database work (waiting for the lock included) so it does not hold up the
/// async workers: on a multi-threaded runtime through `block_in_place`, which hands this
/// worker's other tasks to another thread first; elsewhere (a current-thread runtime, as in
/// tests, or no runtime) it just runs, as `block_in_place` is not allowed there.
fn off_the_workers<T>(work: impl FnOnce() -> T) -> T {
    use tokio::runtime::{Handle, RuntimeFlavor};
    match Handle::try_current() {
        Ok(handle) if handle.runtime_flavor() == RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(work)
        }
        _ => work(),
    }
}

/// Debug builds (the tests) check after every transition that the load routing reads (the
/// `held` column the schema's triggers keep) is what the agents hold.
#[cfg(debug_assertions)]
fn check_held(conn: &Connection) {
    let check = || store::held_mismatches(conn).expect("held can be checked");
    #[cfg(test)]
    let mismatches = routing_pass::statements::uncounted(check);
    #[cfg(not(test))]
    let mismatches = check();
    assert!(mismatches.is_empty(), "held differs from what agents hold: {mismatches:?}");
}

/// Locks a mutex, recovering it if a panicking thread poisoned it: the SQLite transaction
/// of the panicking transition was rolled back, so the state behind it is consistent.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The offer clock: expires offers at their deadline (see the module docs).
async fn run_offer_clock(
    hub: Weak<Inner>,
    offers_changed: Arc<Notify>,
    mut shutdown: watch::Receiver<bool>,
) {
    // Retention runs at start and then about hourly, on the same clock.
    let mut retention_due = tokio::time::Instant::now();
    loop {
        let next = {
            let Some(inner) = hub.upgrade() else { return };
            let hub = Hub { inner };
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
            match hub.expire_due_offers() {
                Ok(next) => next,
                Err(HubError::ShuttingDown) => return,
                Err(error) => {
                    tracing::error!(%error, "expiring offers failed; retrying in a second");
                    Some(now_millis() + 1000)
                }
            }
        };
        // Nothing pending: sleep until an offer is made or a chat arrives (and still look
        // once a minute, for a chat that went back to its queue).
        let wait = match next {
            Some(at) => Duration::from_millis((at - now_millis()).max(0) as u64),
            None => Duration::from_secs(60),
        }
        .min(Duration::from_secs(60));
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = offers_changed.notified() => {}
            _ = shutdown.wait_for(|stopping| *stopping) => return,
        }
    }
}

/// One transition in progress: the open SQLite transaction and what it will publish.
struct Transition<'a> {
    tx: Transaction<'a>,
    config: &'a HubConfig,
    missed_offer_state: &'a MissedOfferState,
    rejected_offer_state: &'a RejectedOfferState,
    pan_redactor: Option<&'a masking::Masker>,
    agent_order: &'a routing_pass::AgentOrder,
    now: Millis,
    published: Vec<LiveEvent>,
    offers_changed: bool,
    /// A reply was queued for a platform's send API.
    outbox_changed: bool,
}

impl<'a> Transition<'a> {
    /// Closes a conversation nobody accepted yet (the customer left, or it waited too long):
    /// an open offer is withdrawn, the customer gets `line` and the end. Routing is the
    /// caller's.
    fn close_waiting(
        &mut self,
        conversation: &ConversationRow,
        reason: WithdrawReason,
        line: SystemEvent,
    ) -> Result<(), HubError> {
        let conversation_id = conversation.id.as_str();
        if let Some(offer) = store::offer(&self.tx, conversation_id)? {
            store::delete_offer(&self.tx, conversation_id)?;
            self.offers_changed = true;
            self.emit_agent(
                &offer.agent_id,
                AgentEventBody::OfferWithdrawn {
                    conversation_id: conversation_id.to_owned(),
                    reason,
                },
            )?;
        }
        store::set_conversation_state(
            &self.tx,
            conversation_id,
            ConversationState::Closed,
            None,
            self.now,
        )?;
        let line =
            self.write_message(conversation, Author::System, String::new(), Some(line), None)?;
        self.emit_customer(conversation_id, CustomerEventBody::MessageAdded { message: line })?;
        self.emit_customer(conversation_id, CustomerEventBody::Ended)?;
        Ok(())
    }

    fn emit_agent(&mut self, agent_id: &str, body: AgentEventBody) -> Result<(), HubError> {
        self.emit(Audience::Agent, agent_id, serde_json::to_string(&body)?)
    }

    fn emit_customer(
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

    fn emit(&mut self, audience: Audience, recipient: &str, body: String) -> Result<(), HubError> {
        let id = store::insert_event(&self.tx, audience, recipient, self.now, &body)?;
        self.published.push(LiveEvent {
            audience,
            recipient: recipient.to_owned(),
            event: StoredEvent { id, at: self.now, body },
        });
        Ok(())
    }

    fn display_name(&self, agent_id: &str) -> String {
        self.config.agent(agent_id).map_or_else(|| agent_id.to_owned(), |a| a.display_name.clone())
    }

    /// Changes an agent's state (a no-op when it is already that state) and tells them.
    fn set_agent_state(
        &mut self,
        agent_id: &str,
        state: AgentState,
    ) -> Result<StateSince, HubError> {
        let current = store::agent(&self.tx, agent_id)?;
        if current.state == state {
            return Ok(StateSince { state, since: current.since });
        }
        store::set_agent_state(&self.tx, agent_id, &state, self.now)?;
        if state == AgentState::Available && current.idle_since.is_none() {
            // Never had a conversation: their wait counts from their first Available.
            store::set_idle_since(&self.tx, agent_id, self.now)?;
        }
        let state = StateSince { state, since: self.now };
        self.emit_agent(agent_id, AgentEventBody::StateChanged { state: state.clone() })?;
        Ok(state)
    }

    /// Stores a message in the thread.
    fn write_message(
        &mut self,
        conversation: &ConversationRow,
        author: Author,
        text: String,
        system: Option<SystemEvent>,
        client_id: Option<String>,
    ) -> Result<Message, HubError> {
        let message = self.new_message(conversation, author, text, system, client_id);
        store::insert_message(&self.tx, &message, None)?;
        Ok(message)
    }

    /// A message as it will be stored: card numbers redacted when masking is on, and an
    /// agent's reply on WhatsApp or Messenger starts as `Sending`.
    fn new_message(
        &self,
        conversation: &ConversationRow,
        author: Author,
        text: String,
        system: Option<SystemEvent>,
        client_id: Option<String>,
    ) -> Message {
        let delivery = (matches!(author, Author::Agent { .. })
            && conversation.channel != Channel::Livechat)
            .then_some(Delivery { status: DeliveryStatus::Sending, error: None, at: self.now });
        let text = match self.pan_redactor {
            Some(redactor) => redactor.mask_kinds(&text, &[masking::Kind::Card]).into_owned(),
            None => text,
        };
        Message {
            id: uuid::Uuid::new_v4().to_string(),
            conversation_id: conversation.id.clone(),
            client_id,
            author,
            text,
            system,
            sent_at: self.now,
            delivery,
        }
    }

    /// Tells the customer and the agent holding (or being offered) the conversation.
    fn announce_message(
        &mut self,
        conversation: &ConversationRow,
        message: &Message,
    ) -> Result<(), HubError> {
        if let Some(agent_id) = &conversation.agent_id {
            if matches!(
                conversation.state,
                ConversationState::Offered | ConversationState::Active | ConversationState::WrapUp
            ) {
                self.emit_agent(
                    agent_id,
                    AgentEventBody::MessageAdded { message: message.clone() },
                )?;
            }
        }
        if let Some((guest, _)) = &conversation.guest {
            if conversation.state == ConversationState::Active {
                self.emit_agent(guest, AgentEventBody::MessageAdded { message: message.clone() })?;
            }
        }
        self.emit_customer(
            &conversation.id,
            CustomerEventBody::MessageAdded { message: message.clone() },
        )
    }

    /// Active → WrapUp, with the system line saying who ended it, and the chat log written
    /// (see [`records`]). This is the only way into wrap-up: the agent's End, the customer
    /// leaving.
    /// A conference ends with it: a pending invitation is withdrawn, and a guest's part is
    /// over (a guest owes no wrap-up).
    fn end(&mut self, conversation: &ConversationRow, why: SystemEvent) -> Result<(), HubError> {
        let agent_id = conversation.agent_id.clone();
        let line =
            self.write_message(conversation, Author::System, String::new(), Some(why), None)?;
        self.announce_message(conversation, &line)?;
        if let Some(offer) = store::offer(&self.tx, &conversation.id)? {
            self.withdraw(&offer, WithdrawReason::Cancelled, None)?;
        }
        if let Some((guest, _)) = &conversation.guest {
            store::set_guest(&self.tx, &conversation.id, None)?;
            store::set_idle_since(&self.tx, guest, self.now)?;
            self.emit_agent(
                guest,
                AgentEventBody::Closed { conversation_id: conversation.id.clone() },
            )?;
        }
        store::set_conversation_state(
            &self.tx,
            &conversation.id,
            ConversationState::WrapUp,
            agent_id.as_deref(),
            self.now,
        )?;
        self.write_chat_log(conversation)?;
        if let Some(agent_id) = agent_id {
            self.emit_agent(
                &agent_id,
                AgentEventBody::Ended {
                    conversation_id: conversation.id.clone(),
                    handed_on: false,
                },
            )?;
        }
        self.emit_customer(&conversation.id, CustomerEventBody::Ended)
    }

    /// Takes an offer back: the conversation returns to its queue. `decline` records why the
    /// agent must not be asked again (rejected, missed); `None` leaves them eligible.
    fn withdraw(
        &mut self,
        offer: &OfferRow,
        reason: WithdrawReason,
        decline: Option<&str>,
    ) -> Result<(), HubError> {
        store::delete_offer(&self.tx, &offer.conversation_id)?;
        self.offers_changed = true;
        if let OfferReason::Conference { from } = &offer.kind {
            // Only the invitation goes: the conversation stays with its owner.
            self.emit_agent(
                from,
                AgentEventBody::ConferenceChanged {
                    conversation_id: offer.conversation_id.clone(),
                    conference: None,
                },
            )?;
            return self.emit_agent(
                &offer.agent_id,
                AgentEventBody::OfferWithdrawn {
                    conversation_id: offer.conversation_id.clone(),
                    reason,
                },
            );
        }
        store::set_conversation_state(
            &self.tx,
            &offer.conversation_id,
            ConversationState::Queued,
            None,
            self.now,
        )?;
        if let Some(decline) = decline {
            store::insert_decline(
                &self.tx,
                &offer.conversation_id,
                &offer.agent_id,
                decline,
                self.now,
            )?;
        }
        self.emit_agent(
            &offer.agent_id,
            AgentEventBody::OfferWithdrawn {
                conversation_id: offer.conversation_id.clone(),
                reason,
            },
        )?;
        match &offer.kind {
            OfferReason::Transfer { from }
                if matches!(reason, WithdrawReason::Rejected | WithdrawReason::TimedOut) =>
            {
                self.tell_transfer_not_accepted(offer, from, reason)
            }
            _ => Ok(()),
        }
    }

    /// The colleague a transfer was offered to let it pass (rejected, timed out, signed out)
    /// and the conversation is back in its queue: the agent who handed it on is told, with a
    /// system line in the conversation (stored, so the agent who takes it next reads it too,
    /// and the transferring agent's wrap-up task shows it) and an event for their desk's
    /// notice. The customer is not told: who declined is the agents' business.
    fn tell_transfer_not_accepted(
        &mut self,
        offer: &OfferRow,
        from: &str,
        reason: WithdrawReason,
    ) -> Result<(), HubError> {
        let conversation = store::conversation(&self.tx, &offer.conversation_id)?;
        let line = self.write_message(
            &conversation,
            Author::System,
            String::new(),
            Some(SystemEvent::TransferNotAccepted {
                display_name: self.display_name(&offer.agent_id),
                reason,
            }),
            None,
        )?;
        // Their wrap-up task still holds the conversation until they submit it.
        if store::has_handoff(&self.tx, &offer.conversation_id, from)? {
            self.emit_agent(from, AgentEventBody::MessageAdded { message: line })?;
        }
        self.emit_agent(
            from,
            AgentEventBody::TransferNotAccepted {
                conversation_id: offer.conversation_id.clone(),
                colleague: agent_ref(self.config, &offer.agent_id),
                reason,
            },
        )
    }

    /// The most characters one message may hold in this conversation (its queue's kind and
    /// its channel).
    fn message_limit(&self, conversation: &ConversationRow) -> usize {
        queue_kind(self.config, conversation).max_message_chars(conversation.channel)
    }

    fn offer(&mut self, conversation_id: &str, agent_id: &str) -> Result<(), HubError> {
        self.offer_as(conversation_id, agent_id, OfferReason::Contact)
    }

    /// Offers a conversation to one agent. A conference invitation leaves the conversation
    /// as it is (active, with its owner); the others make it `Offered` to that agent.
    fn offer_as(
        &mut self,
        conversation_id: &str,
        agent_id: &str,
        kind: OfferReason,
    ) -> Result<(), HubError> {
        let conference = matches!(kind, OfferReason::Conference { .. });
        let offer = OfferRow {
            conversation_id: conversation_id.to_owned(),
            agent_id: agent_id.to_owned(),
            offered_at: self.now,
            expires_at: self.now + Millis::from(self.config.settings.accept_timeout_secs) * 1000,
            kind,
        };
        store::insert_offer(&self.tx, &offer)?;
        if !conference {
            store::set_conversation_state(
                &self.tx,
                conversation_id,
                ConversationState::Offered,
                Some(agent_id),
                self.now,
            )?;
            // Handed work: the agent's wait starts again (routing's "waited longest").
            store::set_idle_since(&self.tx, agent_id, self.now)?;
        }
        self.offers_changed = true;
        let conversation = store::conversation(&self.tx, conversation_id)?;
        let offer = offer_wire(self.config, &self.tx, &conversation, &offer)?;
        self.emit_agent(agent_id, AgentEventBody::Offered { offer })
    }

    fn assignment(
        &self,
        conversation: &ConversationRow,
        agent_id: &str,
    ) -> Result<Assignment, HubError> {
        assignment_wire(self.config, &self.tx, conversation, agent_id)
    }
}

// ---------------------------------------------------------------- wire views

fn agent_ref(config: &HubConfig, agent_id: &str) -> AgentRef {
    AgentRef {
        id: agent_id.to_owned(),
        display_name: config
            .agent(agent_id)
            .map_or_else(|| agent_id.to_owned(), |a| a.display_name.clone()),
    }
}

fn conversation_wire(
    config: &HubConfig,
    conn: &Connection,
    row: &ConversationRow,
) -> Result<Conversation, HubError> {
    let conference = match &row.guest {
        Some((guest, since)) => Some(Conference {
            guest: agent_ref(config, guest),
            state: ConferenceState::Joined,
            since: *since,
        }),
        None => store::offer(conn, &row.id)?
            .filter(|offer| matches!(offer.kind, OfferReason::Conference { .. }))
            .map(|offer| Conference {
                guest: agent_ref(config, &offer.agent_id),
                state: ConferenceState::Requested,
                since: offer.offered_at,
            }),
    };
    Ok(Conversation {
        id: row.id.clone(),
        channel: row.channel,
        queue_id: row.queue_id.clone(),
        queue_name: config
            .queue(&row.queue_id)
            .map_or_else(|| row.queue_id.clone(), |q| q.name.clone()),
        customer: row.customer.clone(),
        state: row.state,
        created_at: row.created_at,
        agent_id: row.agent_id.clone(),
        account: row.platform.as_ref().map(|p| p.account.clone()),
        last_customer_message_at: row.last_customer_message_at,
        conference,
        interruption: row.interruption.clone(),
        ended_at: row.ended_at,
        queue_kind: queue_kind(config, row),
        disposition_required: disposition_required(config, row),
        chat_log: config.chat_log(&row.queue_id),
        chat_log_mode: config.chat_log_mode(&row.queue_id),
        record: row.record.clone(),
    })
}

/// The kind of the conversation's queue (standard if it is no longer configured).
fn queue_kind(config: &HubConfig, row: &ConversationRow) -> QueueKind {
    config.queue(&row.queue_id).map_or(QueueKind::Standard, |q| q.kind)
}

/// Whether wrap-up needs a disposition in the conversation's queue (yes if it is no longer
/// configured).
fn disposition_required(config: &HubConfig, row: &ConversationRow) -> bool {
    config.queue(&row.queue_id).is_none_or(|q| q.disposition_required)
}

/// The queues an agent takes chats from: every assigned one, but those they turned off
/// where the admin lets agents choose.
fn enabled_queues(
    config: &HubConfig,
    conn: &Connection,
    agent: &AgentConfig,
) -> Result<Vec<String>, HubError> {
    if !config.settings.agents_may_choose_queues {
        return Ok(agent.queues.clone());
    }
    let disabled = store::disabled_queues(conn, &agent.id)?;
    Ok(agent.queues.iter().filter(|q| !disabled.contains(*q)).cloned().collect())
}

/// "My assigned queues" as the agent sees them.
fn assigned_queues(
    config: &HubConfig,
    conn: &Connection,
    agent_id: &str,
) -> Result<AssignedQueues, HubError> {
    let agent = config.agent(agent_id).ok_or_else(|| HubError::not_found("agent", agent_id))?;
    let enabled = enabled_queues(config, conn, agent)?;
    let deleted = store::deleted_queues(conn)?;
    let queues = agent
        .queues
        .iter()
        .filter(|id| !deleted.contains(*id))
        .filter_map(|id| config.queue(id))
        .map(|q| AssignedQueue {
            id: q.id.clone(),
            name: q.name.clone(),
            channel: q.channel,
            language: q.language.clone(),
            enabled: enabled.contains(&q.id),
        })
        .collect();
    Ok(AssignedQueues { may_change: config.settings.agents_may_choose_queues, queues })
}

fn offer_wire(
    config: &HubConfig,
    conn: &Connection,
    conversation: &ConversationRow,
    offer: &OfferRow,
) -> Result<Offer, HubError> {
    Ok(Offer {
        conversation: conversation_wire(config, conn, conversation)?,
        messages: store::messages(conn, &conversation.id)?,
        offered_at: offer.offered_at,
        expires_at: offer.expires_at,
        can_reject: config.settings.agents_may_reject,
        kind: match &offer.kind {
            OfferReason::Contact => OfferKind::Contact,
            OfferReason::Transfer { from } => OfferKind::Transfer { from: agent_ref(config, from) },
            OfferReason::Conference { from } => {
                OfferKind::Conference { from: agent_ref(config, from) }
            }
        },
    })
}

/// A conversation as `agent_id` holds it: as owner or conference guest.
fn assignment_wire(
    config: &HubConfig,
    conn: &Connection,
    conversation: &ConversationRow,
    agent_id: &str,
) -> Result<Assignment, HubError> {
    let guest = conversation.guest.as_ref().is_some_and(|(guest, _)| guest == agent_id);
    Ok(Assignment {
        conversation: conversation_wire(config, conn, conversation)?,
        messages: store::messages(conn, &conversation.id)?,
        role: if guest { Role::Guest } else { Role::Owner },
    })
}

/// What the agent holds right now: the first event of a fresh stream.
fn snapshot(config: &HubConfig, conn: &Connection, agent_id: &str) -> Result<Snapshot, HubError> {
    let agent = store::agent(conn, agent_id)?;
    let mut offers = Vec::new();
    for offer in store::offers_of_agent(conn, agent_id)? {
        let conversation = store::conversation(conn, &offer.conversation_id)?;
        offers.push(offer_wire(config, conn, &conversation, &offer)?);
    }
    let mut assignments = Vec::new();
    for conversation in store::conversations_of_agent(
        conn,
        agent_id,
        &[ConversationState::Active, ConversationState::WrapUp],
    )? {
        assignments.push(assignment_wire(config, conn, &conversation, agent_id)?);
    }
    for conversation in store::conversations_as_guest(conn, agent_id)? {
        assignments.push(assignment_wire(config, conn, &conversation, agent_id)?);
    }
    // Transferred away, wrap-up still owed: for this agent the conversation is in wrap-up.
    for conversation in store::handoffs_of_agent(conn, agent_id)? {
        let mut assignment = assignment_wire(config, conn, &conversation, agent_id)?;
        assignment.conversation.state = ConversationState::WrapUp;
        assignment.conversation.agent_id = Some(agent_id.to_owned());
        assignment.conversation.conference = None;
        assignment.role = Role::HandedOn;
        assignments.push(assignment);
    }
    Ok(Snapshot {
        state: StateSince { state: agent.state, since: agent.since },
        offers,
        assignments,
    })
}

// ---------------------------------------------------------------- validation

/// The composer rules: not empty, within `limit` characters (the conversation's: its queue
/// kind's and channel's), and, for agents, free of the template delimiters `<` and `>`.
fn check_text(text: &str, limit: usize, refuse_reserved: bool) -> Result<(), HubError> {
    if text.trim().is_empty() {
        return Err(HubError::MessageEmpty);
    }
    let chars = text.chars().count();
    if chars > limit {
        return Err(HubError::MessageTooLong { chars, limit });
    }
    if refuse_reserved && text.contains(RESERVED_CHARACTERS) {
        return Err(HubError::ReservedCharacters);
    }
    Ok(())
}

fn check_client_id(client_id: &str) -> Result<(), HubError> {
    if client_id.trim().is_empty() || client_id.chars().count() > MAX_CLIENT_ID_CHARS {
        return Err(HubError::InvalidRequest(format!(
            "clientId must have 1 to {MAX_CLIENT_ID_CHARS} characters"
        )));
    }
    Ok(())
}

fn client_id_taken(client_id: &str) -> HubError {
    HubError::InvalidRequest(format!("clientId {client_id:?} was already used by someone else"))
}

fn invalid_state(conversation: &ConversationRow, action: &'static str) -> HubError {
    let state = match conversation.state {
        ConversationState::Queued => "queued",
        ConversationState::Offered => "offered",
        ConversationState::Active => "active",
        ConversationState::WrapUp => "in wrap-up",
        ConversationState::Closed => "closed",
    };
    HubError::InvalidState { conversation_id: conversation.id.clone(), state, action }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composer_rules() {
        let livechat = Channel::Livechat.max_message_chars();
        let ok = |t: &str, reserved| check_text(t, livechat, reserved);
        assert!(ok("hello", true).is_ok());
        assert!(matches!(ok("  \n ", true), Err(HubError::MessageEmpty)));
        assert!(matches!(ok("a < b", true), Err(HubError::ReservedCharacters)));
        assert!(matches!(ok("a > b", true), Err(HubError::ReservedCharacters)));
        assert!(ok("a < b", false).is_ok(), "customers may type them");
        // Counted in characters, not bytes: 1000 two-byte letters fit.
        assert!(ok(&"ä".repeat(1000), true).is_ok());
        assert!(matches!(
            ok(&"ä".repeat(1001), true),
            Err(HubError::MessageTooLong { chars: 1001, limit: 1000 })
        ));
        let whatsapp = Channel::Whatsapp.max_message_chars();
        assert!(check_text(&"x".repeat(4096), whatsapp, true).is_ok());
        // A chat-window queue allows 1940 whatever the channel.
        let window = QueueKind::ChatWindow.max_message_chars(Channel::Livechat);
        assert!(check_text(&"x".repeat(1940), window, true).is_ok());
        assert!(matches!(
            check_text(&"x".repeat(1941), window, true),
            Err(HubError::MessageTooLong { chars: 1941, limit: 1940 })
        ));
    }
}
