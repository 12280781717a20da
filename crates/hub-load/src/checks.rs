//! The correctness checks, over the [`journal`](crate::journal) of a run:
//!
//! - **capacity**: replaying each agent's stream in the hub's event order, the agent never
//!   holds more conversations (offered, assigned, in wrap-up: until `closed` or
//!   `offerWithdrawn`) than the capacity its sign-in reported;
//! - **duplicates**: no conversation offered while an offer of it is outstanding or after it
//!   was assigned, none assigned to an owner twice, no message delivered twice to the same
//!   stream. An offer made while another agent's offer looks outstanding only counts when
//!   that agent's stream got past the new offer by the end (so had the withdrawal to show);
//!   a stream still behind when the run stopped makes it "unconfirmed", reported apart;
//! - **lost**: every message the hub accepted (2xx with an id) in a conversation that was
//!   then closed reached the other side (in one still open, the conversation is unfinished);
//! - **unfinished**: every arrival was closed by the end of the drain;
//! - **failures**: no request refused or failed.
//!
//! Any of them is a violation: the bench exits non-zero.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::journal::Obs;

/// At most this many examples of each violation are kept for the report.
const EXAMPLES: usize = 5;

/// What the checks found.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Checks {
    /// Moments an agent held more than their capacity.
    pub over_capacity: usize,
    pub duplicate_offers: usize,
    /// Offers of a conversation whose earlier offer's withdrawal the holder's stream had not
    /// delivered yet when the run stopped (not a violation: the stream was behind).
    pub unconfirmed_offers: usize,
    pub duplicate_assignments: usize,
    pub duplicate_messages: usize,
    pub lost_messages: usize,
    pub unfinished_conversations: usize,
    pub failures: usize,
    /// Failed requests by what was tried.
    pub failures_by_action: BTreeMap<String, usize>,
    /// A few examples of what went wrong.
    pub examples: Vec<String>,
}

impl Checks {
    /// Every violation counted.
    pub fn violations(&self) -> usize {
        self.over_capacity
            + self.duplicate_offers
            + self.duplicate_assignments
            + self.duplicate_messages
            + self.lost_messages
            + self.unfinished_conversations
            + self.failures
    }

    fn note(&mut self, example: String) {
        if self.examples.len() < EXAMPLES * 4 {
            self.examples.push(example);
        }
    }
}

/// Runs every check. `capacity[agent]` is what agent `agent`'s sign-in reported.
pub fn check(journal: &[Obs], capacity: &[u32]) -> Checks {
    let mut checks = Checks::default();
    // The first failure of each kind first: it says most about a run gone wrong.
    for obs in journal {
        if let Obs::Failure { action, detail } = obs {
            checks.failures += 1;
            *checks.failures_by_action.entry(action.clone()).or_default() += 1;
            if checks.failures_by_action[action] == 1 {
                checks.note(format!("failed: {action}: {detail}"));
            }
        }
    }
    check_capacity(journal, capacity, &mut checks);
    check_offers(journal, &mut checks);
    check_messages(journal, &mut checks);
    check_finished(journal, &mut checks);
    checks
}

/// The stream observations that change what an agent holds, as (event id, agent, conv, +/-).
fn holdings(journal: &[Obs]) -> Vec<(u64, usize, &str, bool)> {
    let mut changes: Vec<_> = journal
        .iter()
        .filter_map(|obs| match obs {
            Obs::Offered { agent, conv, event, .. } => Some((*event, *agent, conv.as_str(), true)),
            Obs::Assigned { agent, conv, event, .. } => Some((*event, *agent, conv.as_str(), true)),
            Obs::Withdrawn { agent, conv, event, .. } | Obs::Closed { agent, conv, event, .. } => {
                Some((*event, *agent, conv.as_str(), false))
            }
            _ => None,
        })
        .collect();
    changes.sort_by_key(|change| change.0);
    changes
}

fn check_capacity(journal: &[Obs], capacity: &[u32], checks: &mut Checks) {
    let mut held: HashMap<usize, HashSet<&str>> = HashMap::new();
    for (event, agent, conv, takes) in holdings(journal) {
        let set = held.entry(agent).or_default();
        if takes {
            set.insert(conv);
        } else {
            set.remove(conv);
        }
        let limit = capacity.get(agent).copied().unwrap_or(u32::MAX) as usize;
        if set.len() > limit {
            checks.over_capacity += 1;
            checks.note(format!(
                "agent {agent} holds {} conversations (capacity {limit}) at event {event}",
                set.len()
            ));
        }
    }
}

fn check_offers(journal: &[Obs], checks: &mut Checks) {
    #[derive(Default)]
    struct State {
        offered_to: Option<usize>,
        assigned: bool,
    }
    let mut events: Vec<(u64, &Obs)> = journal
        .iter()
        .filter_map(|obs| match obs {
            Obs::Offered { event, .. }
            | Obs::Withdrawn { event, .. }
            | Obs::Assigned { event, .. } => Some((*event, obs)),
            _ => None,
        })
        .collect();
    events.sort_by_key(|(event, _)| *event);
    // How far each agent's stream got; all the way when the journal does not say.
    let reached: HashMap<usize, u64> = journal
        .iter()
        .filter_map(|obs| match obs {
            Obs::StreamEnd { agent, last } => Some((*agent, *last)),
            _ => None,
        })
        .collect();
    let mut states: HashMap<&str, State> = HashMap::new();
    for (event, obs) in events {
        match obs {
            Obs::Offered { agent, conv, .. } => {
                let state = states.entry(conv).or_default();
                let holder_behind = state
                    .offered_to
                    .is_some_and(|holder| reached.get(&holder).is_some_and(|last| *last < event));
                if holder_behind && !state.assigned {
                    checks.unconfirmed_offers += 1;
                } else if state.offered_to.is_some() || state.assigned {
                    checks.duplicate_offers += 1;
                    checks.note(format!(
                        "{conv} offered to agent {agent} at event {event} while offered to {:?} \
                         or assigned ({})",
                        state.offered_to, state.assigned
                    ));
                }
                state.offered_to = Some(*agent);
            }
            Obs::Withdrawn { conv, .. } => states.entry(conv).or_default().offered_to = None,
            Obs::Assigned { agent, conv, owner: true, .. } => {
                let state = states.entry(conv).or_default();
                if state.assigned {
                    checks.duplicate_assignments += 1;
                    checks
                        .note(format!("{conv} assigned again, to agent {agent}, at event {event}"));
                }
                state.assigned = true;
                state.offered_to = None;
            }
            _ => {}
        }
    }
}

fn check_messages(journal: &[Obs], checks: &mut Checks) {
    let closed = closed_conversations(journal);
    let mut agent_saw: HashMap<(usize, &str), usize> = HashMap::new();
    let mut customer_saw: HashMap<(&str, &str), usize> = HashMap::new();
    let mut reached_agents: HashSet<(&str, &str)> = HashSet::new();
    for obs in journal {
        match obs {
            Obs::AgentSaw { agent, conv, message, .. } => {
                *agent_saw.entry((*agent, message)).or_default() += 1;
                reached_agents.insert((conv, message));
            }
            Obs::CustomerSaw { conv, message, .. } => {
                *customer_saw.entry((conv, message)).or_default() += 1;
            }
            _ => {}
        }
    }
    for ((agent, message), times) in &agent_saw {
        if *times > 1 {
            checks.duplicate_messages += times - 1;
            checks.note(format!("message {message} reached agent {agent} {times} times"));
        }
    }
    for ((conv, message), times) in &customer_saw {
        if *times > 1 {
            checks.duplicate_messages += times - 1;
            checks.note(format!("message {message} reached the customer of {conv} {times} times"));
        }
    }
    for obs in journal {
        match obs {
            Obs::AgentSent { conv, message, .. }
                if closed.contains(conv.as_str())
                    && !customer_saw.contains_key(&(conv.as_str(), message.as_str())) =>
            {
                checks.lost_messages += 1;
                checks
                    .note(format!("agent message {message} never reached the customer of {conv}"));
            }
            Obs::CustomerSent { conv, message, .. }
                if closed.contains(conv.as_str())
                    && !reached_agents.contains(&(conv.as_str(), message.as_str())) =>
            {
                checks.lost_messages += 1;
                checks.note(format!("customer message {message} in {conv} never reached an agent"));
            }
            _ => {}
        }
    }
}

fn closed_conversations(journal: &[Obs]) -> HashSet<&str> {
    journal
        .iter()
        .filter_map(|obs| match obs {
            Obs::Closed { conv, .. } => Some(conv.as_str()),
            _ => None,
        })
        .collect()
}

fn check_finished(journal: &[Obs], checks: &mut Checks) {
    let closed = closed_conversations(journal);
    for obs in journal {
        if let Obs::Arrival { conv, .. } = obs {
            if !closed.contains(conv.as_str()) {
                checks.unfinished_conversations += 1;
                checks.note(format!("{conv} was not closed by the end of the drain"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(n: u32) -> String {
        format!("c{n}")
    }
    fn offered(agent: usize, conv: u32, event: u64) -> Obs {
        Obs::Offered { agent, conv: c(conv), event, at: event }
    }
    fn assigned(agent: usize, conv: u32, event: u64) -> Obs {
        Obs::Assigned { agent, conv: c(conv), owner: true, event, at: event }
    }
    fn closed(agent: usize, conv: u32, event: u64) -> Obs {
        Obs::Closed { agent, conv: c(conv), event, at: event }
    }
    fn withdrawn(agent: usize, conv: u32, event: u64) -> Obs {
        Obs::Withdrawn { agent, conv: c(conv), event, at: event }
    }
    fn arrival(conv: u32) -> Obs {
        Obs::Arrival { conv: c(conv), sent: 0, answered: 1 }
    }
    /// A whole conversation as the bench sees it when all goes well, from event `e`.
    fn conversation(agent: usize, conv: u32, e: u64) -> Vec<Obs> {
        let (a, m) = (format!("a{conv}"), format!("m{conv}"));
        vec![
            arrival(conv),
            offered(agent, conv, e),
            assigned(agent, conv, e + 1),
            Obs::AgentSent { agent, conv: c(conv), message: a.clone(), at: e },
            Obs::CustomerSaw { conv: c(conv), message: a, event: e + 2, at: e },
            Obs::CustomerSent { conv: c(conv), message: m.clone(), at: e },
            Obs::AgentSaw { agent, conv: c(conv), message: m, event: e + 3, at: e },
            closed(agent, conv, e + 4),
        ]
    }

    #[test]
    fn a_clean_run_has_no_violation() {
        let mut journal = conversation(0, 1, 10);
        journal.extend(conversation(1, 2, 20));
        journal.extend(conversation(0, 3, 30));
        let checks = check(&journal, &[1, 1]);
        assert_eq!(checks, Checks::default(), "{:?}", checks.examples);
    }

    #[test]
    fn holding_more_than_capacity_is_found_in_the_hubs_event_order() {
        // Agent 0 (capacity 1) is offered c2 before c1 is closed: over capacity, even though
        // the bench wrote the observations in another order.
        let journal = vec![offered(0, 1, 1), assigned(0, 1, 2), offered(0, 2, 4), closed(0, 1, 3)];
        assert_eq!(check(&journal, &[1]).over_capacity, 0);
        let journal = vec![offered(0, 1, 1), assigned(0, 1, 2), offered(0, 2, 3), closed(0, 1, 4)];
        assert_eq!(check(&journal, &[1]).over_capacity, 1);
        // A withdrawn offer frees the slot.
        let journal = vec![offered(0, 1, 1), withdrawn(0, 1, 2), offered(0, 2, 3)];
        assert_eq!(check(&journal, &[1]).over_capacity, 0);
    }

    #[test]
    fn an_offer_or_assignment_twice_is_a_duplicate_but_a_re_offer_after_withdrawal_is_not() {
        let twice = vec![offered(0, 1, 1), offered(1, 1, 2)];
        assert_eq!(check(&twice, &[6, 6]).duplicate_offers, 1);
        let after_assignment = vec![offered(0, 1, 1), assigned(0, 1, 2), offered(1, 1, 3)];
        assert_eq!(check(&after_assignment, &[6, 6]).duplicate_offers, 1);
        let re_offered = vec![offered(0, 1, 1), withdrawn(0, 1, 2), offered(1, 1, 3)];
        assert_eq!(check(&re_offered, &[6, 6]).duplicate_offers, 0);
        let assigned_twice = vec![offered(0, 1, 1), assigned(0, 1, 2), assigned(1, 1, 3)];
        assert_eq!(check(&assigned_twice, &[6, 6]).duplicate_assignments, 1);
    }

    #[test]
    fn a_re_offer_is_unconfirmed_while_the_first_agents_stream_is_behind_it() {
        // Agent 0's stream stopped at event 1: the withdrawal (event 2) never reached it.
        let behind = vec![
            offered(0, 1, 1),
            offered(1, 1, 3),
            Obs::StreamEnd { agent: 0, last: 1 },
            Obs::StreamEnd { agent: 1, last: 3 },
        ];
        let checks = check(&behind, &[6, 6]);
        assert_eq!((checks.duplicate_offers, checks.unconfirmed_offers), (0, 1));
        // Its stream got past the re-offer without a withdrawal: a duplicate.
        let past = vec![offered(0, 1, 1), offered(1, 1, 3), Obs::StreamEnd { agent: 0, last: 9 }];
        let checks = check(&past, &[6, 6]);
        assert_eq!((checks.duplicate_offers, checks.unconfirmed_offers), (1, 0));
    }

    #[test]
    fn a_message_seen_twice_or_never_is_a_violation() {
        let mut journal = conversation(0, 1, 10);
        journal.push(Obs::CustomerSaw { conv: c(1), message: "a1".into(), event: 12, at: 0 });
        let checks = check(&journal, &[6]);
        assert_eq!(checks.duplicate_messages, 1);
        assert_eq!(checks.violations(), 1);

        let journal: Vec<Obs> = conversation(0, 1, 10)
            .into_iter()
            .filter(|obs| !matches!(obs, Obs::AgentSaw { .. }))
            .collect();
        let checks = check(&journal, &[6]);
        assert_eq!(checks.lost_messages, 1);
        assert!(checks.examples[0].contains("m1"), "{:?}", checks.examples);
        // Still open: not lost (yet), but unfinished.
        let open: Vec<Obs> =
            journal.into_iter().filter(|obs| !matches!(obs, Obs::Closed { .. })).collect();
        let checks = check(&open, &[6]);
        assert_eq!((checks.lost_messages, checks.unfinished_conversations), (0, 1));
    }

    #[test]
    fn an_arrival_never_closed_and_a_failed_request_are_violations() {
        let failure = || Obs::Failure { action: "agent accepts".into(), detail: "500".into() };
        let journal = vec![arrival(1), offered(0, 1, 1), failure(), failure()];
        let checks = check(&journal, &[6]);
        assert_eq!(checks.unfinished_conversations, 1);
        assert_eq!(checks.failures, 2);
        assert_eq!(checks.failures_by_action["agent accepts"], 2);
        assert_eq!(checks.violations(), 3);
    }
}
