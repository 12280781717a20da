//! One routing pass: what every transition runs to offer what can be offered now.
//!
//! Every transition routes, so a pass costs what can change, not the crowd (issue 16):
//!
//! - only queues where a chat waits unoffered are looked at (one indexed lookup each);
//! - per such queue, the first few agents who can take its chat (Available, with a free
//!   slot: [`routing::can_take`]) in the order of the queue's rule, through an index (see
//!   [`store::Routing::takers`]): agents signed out, away or full are not read, and neither
//!   are the thousands of free ones behind the first few;
//! - per such queue, only the oldest waiting conversations the plan can reach, through an
//!   index, with their declines by the agents read ([`routing::QueueCut`] once all the
//!   queue's agents who can take one are read, the round's limit before);
//! - [`routing::plan_within`] decides over those and says whether an unread agent or chat
//!   could have changed a pick. If so the pass reads four times as much of those queues and
//!   plans again: a burst reads as much as it offers, an arrival among ten thousand free
//!   agents reads eight of them (`routing`'s tests check that the rounds end with the plan
//!   over everything).
//!
//! Nothing of this is kept between passes: each reads the store inside its transaction,
//! so a second hub writing the same database is seen by the next pass.

use std::collections::{HashMap, HashSet};

use super::transition::Transition;
use crate::config::HubConfig;
use crate::error::HubError;
use crate::routing::{self, Reach};
use crate::store;

/// Agents (and, while those are not all read, waiting chats) read per queue in a pass's
/// first round: enough for the usual arrival; a round that falls short reads 4× as many.
const FIRST_READ: usize = 8;

/// What routing needs of the configuration's agents, made once when the hub opens: where
/// each stands (the tie-break), and the queues someone serves.
pub(super) struct AgentOrder {
    positions: HashMap<String, usize>,
    served_queues: Vec<String>,
}

impl AgentOrder {
    pub(super) fn new(config: &HubConfig) -> Self {
        let mut served_queues: Vec<String> = Vec::new();
        for agent in &config.agents {
            for queue in &agent.queues {
                if !served_queues.contains(queue) {
                    served_queues.push(queue.clone());
                }
            }
        }
        Self {
            positions: config.agents.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect(),
            served_queues,
        }
    }
}

/// How much of one queue the next round reads.
struct QueueRead<'a> {
    queue_id: &'a str,
    rule: routing::Rule,
    agents: usize,
    waiting: usize,
}

/// What one round read: the agents read for any queue (in configuration order), the
/// waiting chats read `(seq, id, queue)` oldest first, their declines by those agents, and
/// how far each queue was read.
struct Round<'a> {
    candidates: Vec<routing::Candidate<'a>>,
    waiting: Vec<(i64, String, &'a str)>,
    declined: HashSet<(String, String)>,
    reach: HashMap<&'a str, Reach<'a>>,
}

impl<'a> Transition<'a> {
    /// Offers every waiting conversation that can be offered now (see [`routing::plan`]).
    pub(super) fn route(&mut self) -> Result<(), HubError> {
        // Most transitions happen with nobody waiting: then nothing else is read.
        if !self.store.any_queued()? {
            return Ok(());
        }
        // A WhatsApp or Messenger number may still point at a queue an admin deleted: what
        // arrives there is closed, never offered.
        for queue_id in self.store.deleted_queues_with_waiting()? {
            self.retire_queue(&queue_id)?;
        }
        let config: &'a HubConfig = self.config;
        let order: &'a AgentOrder = self.agent_order;
        let mut queues = Vec::new();
        for queue_id in &order.served_queues {
            if self.store.any_queued_in(queue_id)? {
                let rule = config.routing_rule(queue_id);
                queues.push(QueueRead { queue_id, rule, agents: FIRST_READ, waiting: FIRST_READ });
            }
        }
        if queues.is_empty() {
            return Ok(());
        }
        let picks: Vec<(String, String)> = loop {
            let round = self.read_round(&queues)?;
            let waiting_view: Vec<routing::Waiting> = round
                .waiting
                .iter()
                .map(|(_, id, queue)| routing::Waiting {
                    conversation_id: id,
                    queue_id: queue,
                    rule: config.routing_rule(queue),
                })
                .collect();
            let bounded =
                routing::plan_within(&waiting_view, &round.candidates, &round.declined, |q| {
                    round.reach.get(q).copied().unwrap_or_default()
                });
            if bounded.is_complete() {
                break bounded
                    .picks
                    .into_iter()
                    .map(|p| (p.conversation_id.to_owned(), p.agent_id.to_owned()))
                    .collect();
            }
            for read in &mut queues {
                if bounded.short_of_agents.contains(read.queue_id) {
                    read.agents *= 4;
                }
                if bounded.short_of_waiting.contains(read.queue_id) {
                    read.waiting *= 4;
                }
            }
        };
        for (conversation_id, agent_id) in picks {
            self.offer(&conversation_id, &agent_id)?;
        }
        Ok(())
    }

    /// Reads as much of each queue as `queues` says.
    fn read_round(&self, queues: &[QueueRead<'a>]) -> Result<Round<'a>, HubError> {
        let config: &'a HubConfig = self.config;
        let choose_queues = config.settings.agents_may_choose_queues;
        let mut reach: HashMap<&'a str, Reach<'a>> = HashMap::new();
        let mut all_read: HashMap<&'a str, bool> = HashMap::new();
        let mut read: HashMap<usize, store::AvailableAgent> = HashMap::new();
        for queue in queues {
            // One more than wanted, to know whether more are left.
            let rows =
                self.store.takers(queue.queue_id, queue.rule, choose_queues, queue.agents + 1)?;
            let all = rows.len() <= queue.agents;
            let mut last = None;
            for row in rows.into_iter().take(queue.agents) {
                // An agent no longer configured is not routed to (the store keeps them no
                // queue, so this is only a guard).
                let Some(&i) = self.agent_order.positions.get(&row.id) else { continue };
                last = Some(i);
                read.insert(i, row);
            }
            if !all {
                reach.entry(queue.queue_id).or_default().agents_beyond =
                    last.map(|i| config.agents[i].id.as_str());
            }
            all_read.insert(queue.queue_id, all);
        }
        let mut positions: Vec<usize> = read.keys().copied().collect();
        positions.sort_unstable();
        let mut candidates = Vec::with_capacity(positions.len());
        for i in positions {
            let agent = &config.agents[i];
            let row = &read[&i];
            let off =
                if choose_queues { self.store.disabled_queues_of(&agent.id)? } else { vec![] };
            candidates.push(routing::Candidate {
                agent_id: &agent.id,
                available: true,
                load: row.held,
                capacity: config.capacity_of(agent),
                queues: agent.queues.iter().filter(|q| !off.contains(q)).cloned().collect(),
                idle_since: row.idle_since,
            });
        }
        let is_candidate: HashSet<&str> = candidates.iter().map(|c| c.agent_id).collect();
        let mut waiting = Vec::new();
        let mut declined = HashSet::new();
        for queue in queues {
            let all = all_read[queue.queue_id];
            let cut = routing::QueueCut::new(if all {
                routing::free_slots_serving(&candidates, queue.queue_id)
            } else {
                u32::try_from(queue.waiting).unwrap_or(u32::MAX)
            });
            let (rows, more) =
                self.store.waiting_in_queue_for_routing(queue.queue_id, cut, &|agent| {
                    is_candidate.contains(agent)
                })?;
            if more && !all {
                reach.entry(queue.queue_id).or_default().waiting_beyond = true;
            }
            for row in rows {
                for agent_id in row.declined_by {
                    declined.insert((row.id.clone(), agent_id));
                }
                waiting.push((row.seq, row.id, queue.queue_id));
            }
        }
        waiting.sort_unstable_by_key(|(seq, _, _)| *seq);
        Ok(Round { candidates, waiting, declined, reach })
    }

    /// The agent routing would offer a chat of `queue_id` to now, other than `me`.
    pub(super) fn first_taker(&self, queue_id: &str, me: &str) -> Result<Option<String>, HubError> {
        let rule = self.config.routing_rule(queue_id);
        let choose_queues = self.config.settings.agents_may_choose_queues;
        let takers = self.store.takers(queue_id, rule, choose_queues, 2)?;
        Ok(takers
            .into_iter()
            .map(|row| row.id)
            .find(|id| id != me && self.agent_order.positions.contains_key(id)))
    }
}

/// Counts the SQL statements (and the rows they return) run on this thread, for the tests
/// that hold a routing pass to a fixed number whatever the crowd.
#[cfg(test)]
pub(super) mod statements {
    use std::cell::Cell;

    use rusqlite::trace::{TraceEvent, TraceEventCodes};
    use rusqlite::Connection;

    thread_local! {
        static COUNTS: Cell<(u64, u64)> = const { Cell::new((0, 0)) };
        static PAUSED: Cell<bool> = const { Cell::new(false) };
    }

    fn on_trace(event: TraceEvent<'_>) {
        if PAUSED.with(Cell::get) {
            return;
        }
        COUNTS.with(|c| {
            let (statements, rows) = c.get();
            c.set(match event {
                TraceEvent::Stmt(..) => (statements + 1, rows),
                TraceEvent::Row(..) => (statements, rows + 1),
                _ => (statements, rows),
            });
        });
    }

    /// Starts counting what `conn` runs.
    pub(in crate::hub) fn trace(conn: &Connection) {
        conn.trace_v2(
            TraceEventCodes::SQLITE_TRACE_STMT | TraceEventCodes::SQLITE_TRACE_ROW,
            Some(on_trace),
        );
    }

    /// Runs `f` uncounted (the debug builds' own checks).
    pub(in crate::hub) fn uncounted<T>(f: impl FnOnce() -> T) -> T {
        let was = PAUSED.with(|p| p.replace(true));
        let value = f();
        PAUSED.with(|p| p.set(was));
        value
    }

    /// `(statements, rows)` run on this thread while `f` ran.
    pub(in crate::hub) fn during<T>(f: impl FnOnce() -> T) -> (T, u64, u64) {
        let before = COUNTS.with(Cell::get);
        let value = f();
        let after = COUNTS.with(Cell::get);
        (value, after.0 - before.0, after.1 - before.1)
    }
}

#[cfg(test)]
mod tests {
    use hub_protocol::{ConversationState, RequestedState, StartChatRequest};

    use super::statements;
    use crate::config::{AgentConfig, HubConfig};
    use crate::hub::{lock, Hub};

    fn chat(n: usize, queue: &str) -> StartChatRequest {
        StartChatRequest {
            name: format!("Customer {n}"),
            queue_id: Some(queue.into()),
            language: Some("en-US".into()),
            text: "Hello, my order has not arrived".into(),
            ..StartChatRequest::default()
        }
    }

    /// An agent like `template`, named `id`, serving `queues` with two slots.
    fn agent(template: &AgentConfig, id: String, queues: &[&str]) -> AgentConfig {
        let mut agent = template.clone();
        agent.username = id.clone();
        agent.id = id;
        agent.queues = queues.iter().map(|q| q.to_string()).collect();
        agent.capacity = Some(2);
        agent
    }

    /// `agents` agents serving livechat-en with two slots each: a tenth Available and full
    /// (their chats accepted), the others working offline or signed out; `waiting` chats
    /// queued behind them; "dora" Available and free for livechat-de; "sam" signed out.
    fn crowd(dir: &tempfile::TempDir, agents: usize, waiting: usize) -> Hub {
        let mut config = HubConfig::demo();
        config.limits.waiting_chats_per_queue = 100_000;
        let template = config.agents[0].clone();
        let agent = |id: String, queues: &[&str]| agent(&template, id, queues);
        config.agents =
            (0..agents).map(|n| agent(format!("agent-{n}"), &["livechat-en"])).collect();
        config.agents.push(agent("dora".into(), &["livechat-de"]));
        config.agents.push(agent("sam".into(), &["livechat-en"]));
        let hub = Hub::open(config, dir.path().join("hub.sqlite3")).unwrap();
        let mut n = 0;
        for a in 0..agents {
            let id = format!("agent-{a}");
            match a % 10 {
                0 => {
                    hub.set_state(&id, RequestedState::Available).unwrap();
                    for _ in 0..2 {
                        n += 1;
                        let started = hub.start_chat(chat(n, "livechat-en"), None).unwrap();
                        hub.accept(&id, &started.conversation_id).unwrap();
                    }
                }
                1..=4 => {
                    hub.set_state(&id, RequestedState::WorkingOffline).unwrap();
                }
                _ => {}
            }
        }
        for _ in 0..waiting {
            n += 1;
            hub.start_chat(chat(n, "livechat-en"), None).unwrap();
        }
        hub.set_state("dora", RequestedState::Available).unwrap();
        assert_eq!(hub.queued_conversations().unwrap().len(), waiting);
        statements::trace(lock(&hub.inner.db).as_ref().unwrap().connection());
        hub
    }

    /// What three transitions cost in SQL, `(statements, rows returned)` each: a chat
    /// arriving where a free agent takes it, one arriving behind the crowd, and an agent
    /// becoming Available who is offered the two oldest waiting chats.
    fn costs(hub: &Hub) -> Vec<(u64, u64)> {
        let (offered, s1, r1) =
            statements::during(|| hub.start_chat(chat(1_000_000, "livechat-de"), None).unwrap());
        let offered = hub.conversation(&offered.conversation_id).unwrap();
        assert_eq!(offered.state, ConversationState::Offered);
        assert_eq!(offered.agent_id.as_deref(), Some("dora"));

        let (queued, s2, r2) =
            statements::during(|| hub.start_chat(chat(1_000_001, "livechat-en"), None).unwrap());
        let oldest: Vec<String> = hub.queued_conversations().unwrap()[..2].to_vec();
        assert!(!oldest.contains(&queued.conversation_id));

        let (_, s3, r3) =
            statements::during(|| hub.set_state("sam", RequestedState::Available).unwrap());
        for id in &oldest {
            let conversation = hub.conversation(id).unwrap();
            assert_eq!(conversation.state, ConversationState::Offered, "{id}");
            assert_eq!(conversation.agent_id.as_deref(), Some("sam"), "{id}");
        }
        vec![(s1, r1), (s2, r2), (s3, r3)]
    }

    /// `agents` agents serving livechat-en with two free slots each, all Available, their
    /// waits begun in configuration order.
    fn free_crowd(dir: &tempfile::TempDir, agents: usize) -> Hub {
        let mut config = HubConfig::demo();
        let template = config.agents[0].clone();
        config.agents =
            (0..agents).map(|n| agent(&template, format!("agent-{n}"), &["livechat-en"])).collect();
        let hub = Hub::open(config, dir.path().join("hub.sqlite3")).unwrap();
        for n in 0..agents {
            hub.set_state(&format!("agent-{n}"), RequestedState::Available).unwrap();
        }
        statements::trace(lock(&hub.inner.db).as_ref().unwrap().connection());
        hub
    }

    /// Issue 16: with every agent Available and free, an arrival reads the first few of
    /// them, not all: ten times the agents, the same statements and rows; and the chats go
    /// round the agents in the order they have waited.
    #[tokio::test]
    async fn an_arrival_among_free_agents_reads_the_first_few() {
        let mut costs = Vec::new();
        for agents in [100, 1_000] {
            let dir = tempfile::tempdir().unwrap();
            let hub = free_crowd(&dir, agents);
            let mut these = Vec::new();
            for n in 0..3 {
                let (started, statements, rows) =
                    statements::during(|| hub.start_chat(chat(n, "livechat-en"), None).unwrap());
                let offered = hub.conversation(&started.conversation_id).unwrap();
                assert_eq!(offered.agent_id.as_deref(), Some(format!("agent-{n}").as_str()));
                these.push((statements, rows));
            }
            hub.shutdown().await;
            costs.push(these);
        }
        eprintln!("(statements, rows) per arrival: {:?}", costs[1]);
        assert_eq!(costs[0], costs[1], "100 free agents vs 1,000");
        for (statements, rows) in &costs[1] {
            assert!(*statements <= 120 && *rows <= 60, "{statements} statements, {rows} rows");
        }
    }

    /// Issue 16: a routing pass reads what can change, not the crowd. Ten times the agents
    /// and ten times the waiting chats: the same statements, the same rows.
    #[tokio::test]
    async fn a_transition_costs_the_same_sql_whatever_the_crowd() {
        let small_dir = tempfile::tempdir().unwrap();
        let small = crowd(&small_dir, 100, 500);
        let small_costs = costs(&small);
        small.shutdown().await;

        let big_dir = tempfile::tempdir().unwrap();
        let big = crowd(&big_dir, 1_000, 5_000);
        let big_costs = costs(&big);
        big.shutdown().await;

        eprintln!("(statements, rows) per transition: {big_costs:?}");
        assert_eq!(small_costs, big_costs, "100 agents, 500 waiting vs 1,000 and 5,000");
        for (statements, rows) in big_costs {
            assert!(statements <= 120 && rows <= 60, "{statements} statements, {rows} rows");
        }
    }
}
