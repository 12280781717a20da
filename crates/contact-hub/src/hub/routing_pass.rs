//! One routing pass: what every transition runs to offer what can be offered now.
//!
//! Every transition routes, so a pass costs what can change, not the crowd (issue 16):
//!
//! - the agents who can take a conversation (Available, with a free slot:
//!   [`routing::can_take`]) are read in one statement through an index, with their load
//!   (the `held` column the schema's triggers keep, against the `capacity` written from the
//!   configuration when the hub opens): agents signed out, away or full are not read;
//! - per queue one of them serves, only the oldest waiting conversations the plan can reach
//!   are read ([`routing::QueueCut`]), one statement per queue through an index, with their
//!   declines by those candidates: a thousand chats waiting behind full agents cost nothing,
//!   and neither do queues nobody free serves;
//! - [`routing::plan`] decides over those, as it would over everything (the cuts keep every
//!   conversation and agent that could change its choices; `routing`'s tests compare both).
//!
//! Nothing of this is kept between passes: each reads the store inside its transaction,
//! so a second hub writing the same database is seen by the next pass.

use std::collections::{HashMap, HashSet};

use super::transition::Transition;
use crate::config::HubConfig;
use crate::error::HubError;
use crate::routing;
use crate::store;

/// Where each configured agent stands in the configuration (routing's tie-break), made
/// once when the hub opens.
pub(super) struct AgentOrder(HashMap<String, usize>);

impl AgentOrder {
    pub(super) fn new(config: &HubConfig) -> Self {
        Self(config.agents.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect())
    }
}

impl<'a> Transition<'a> {
    /// Offers every waiting conversation that can be offered now (see [`routing::plan`]).
    pub(super) fn route(&mut self) -> Result<(), HubError> {
        // Most transitions happen with nobody waiting: then nothing else is read.
        if !store::any_queued(&self.tx)? {
            return Ok(());
        }
        // A WhatsApp or Messenger number may still point at a queue an admin deleted: what
        // arrives there is closed, never offered.
        for queue_id in store::deleted_queues_with_waiting(&self.tx)? {
            self.retire_queue(&queue_id)?;
        }
        let candidates = self.candidates()?;
        if candidates.is_empty() {
            return Ok(());
        }
        let (waiting, declined) = self.reachable_waiting(&candidates)?;
        if waiting.is_empty() {
            return Ok(());
        }
        let waiting_view: Vec<routing::Waiting> = waiting
            .iter()
            .map(|(_, id, queue)| routing::Waiting {
                conversation_id: id,
                queue_id: queue,
                rule: self.config.routing_rule(queue),
            })
            .collect();
        let picks: Vec<(String, String)> = routing::plan(&waiting_view, &candidates, &declined)
            .into_iter()
            .map(|p| (p.conversation_id.to_owned(), p.agent_id.to_owned()))
            .collect();
        for (conversation_id, agent_id) in picks {
            self.offer(&conversation_id, &agent_id)?;
        }
        Ok(())
    }

    /// The agents who could be offered a conversation now (Available, with a free slot), in
    /// configuration order.
    pub(super) fn candidates(&self) -> Result<Vec<routing::Candidate<'a>>, HubError> {
        let config: &'a HubConfig = self.config;
        let mut available: Vec<(usize, store::AvailableAgent)> = store::available_agents(&self.tx)?
            .into_iter()
            // An agent no longer configured is not routed to.
            .filter_map(|row| self.agent_order.0.get(&row.id).map(|&i| (i, row)))
            .filter(|(i, row)| row.held < config.capacity_of(&config.agents[*i]))
            .collect();
        if available.is_empty() {
            return Ok(Vec::new());
        }
        available.sort_unstable_by_key(|(i, _)| *i);
        // Queues an agent turned off, where the admin lets them choose.
        let mut disabled: HashMap<String, HashSet<String>> = HashMap::new();
        if config.settings.agents_may_choose_queues {
            for (agent_id, queue_id) in store::disabled_queues_of_available(&self.tx)? {
                disabled.entry(agent_id).or_default().insert(queue_id);
            }
        }
        Ok(available
            .into_iter()
            .map(|(i, row)| {
                let agent = &config.agents[i];
                routing::Candidate {
                    agent_id: &agent.id,
                    available: true,
                    load: row.held,
                    capacity: config.capacity_of(agent),
                    queues: agent
                        .queues
                        .iter()
                        .filter(|q| !disabled.get(&agent.id).is_some_and(|off| off.contains(*q)))
                        .cloned()
                        .collect(),
                    idle_since: row.idle_since,
                }
            })
            .collect())
    }

    /// The waiting conversations the plan can reach, oldest first across the queues, as
    /// `(seq, id, queue_id)`, and the candidates who declined them.
    #[allow(clippy::type_complexity)]
    fn reachable_waiting(
        &self,
        candidates: &[routing::Candidate<'_>],
    ) -> Result<(Vec<(i64, String, String)>, HashSet<(String, String)>), HubError> {
        let mut queues: Vec<&str> = Vec::new();
        for candidate in candidates {
            for queue in &candidate.queues {
                if !queues.contains(&queue.as_str()) {
                    queues.push(queue);
                }
            }
        }
        let mut waiting = Vec::new();
        let mut declined = HashSet::new();
        for queue_id in queues {
            let serving: HashSet<&str> = candidates
                .iter()
                .filter(|c| c.queues.iter().any(|q| q == queue_id))
                .map(|c| c.agent_id)
                .collect();
            let cut = routing::QueueCut::new(routing::free_slots_serving(candidates, queue_id));
            let rows = store::waiting_in_queue_for_routing(&self.tx, queue_id, cut, |agent| {
                serving.contains(agent)
            })?;
            for row in rows {
                for agent_id in row.declined_by {
                    declined.insert((row.id.clone(), agent_id));
                }
                waiting.push((row.seq, row.id, queue_id.to_owned()));
            }
        }
        waiting.sort_unstable_by_key(|(seq, _, _)| *seq);
        Ok((waiting, declined))
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
    use crate::config::HubConfig;
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

    /// `agents` agents serving livechat-en with two slots each: a tenth Available and full
    /// (their chats accepted), the others working offline or signed out; `waiting` chats
    /// queued behind them; "dora" Available and free for livechat-de; "sam" signed out.
    fn crowd(dir: &tempfile::TempDir, agents: usize, waiting: usize) -> Hub {
        let mut config = HubConfig::demo();
        config.limits.waiting_chats_per_queue = 100_000;
        let template = config.agents[0].clone();
        let agent = |id: String, queues: &[&str]| {
            let mut agent = template.clone();
            agent.username = id.clone();
            agent.id = id;
            agent.queues = queues.iter().map(|q| q.to_string()).collect();
            agent.capacity = Some(2);
            agent
        };
        config.agents =
            (0..agents).map(|n| agent(format!("agent-{n}"), &["livechat-en"])).collect();
        config.agents.push(agent("dora".into(), &["livechat-de"]));
        config.agents.push(agent("sam".into(), &["livechat-en"]));
        let hub = Hub::open(config, &dir.path().join("hub.sqlite3")).unwrap();
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
        statements::trace(lock(&hub.inner.db).as_ref().unwrap());
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
