//! The agents' own state and the lists the desk shows: an agent's state (and what changing it
//! tells them), every agent with their load, the queues with who waits and who could take
//! them, the configured reasons, idle codes and FAQ, and "my assigned queues".

use hub_protocol::{
    AgentEventBody, AgentState, AgentSummary, AssignedQueue, AssignedQueues, FaqAnswer, Millis,
    Queue, Reason, RequestedState, StateSince,
};

use super::transition::Transition;
use super::Hub;
use crate::config::{AgentConfig, HubConfig};
use crate::error::HubError;
use crate::store::Store;

impl Hub {
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
        let row = self.read(|conn| conn.agent(agent_id))?;
        Ok(StateSince { state: row.state, since: row.since })
    }

    /// When the agent's last conversation closed, or when they first became Available:
    /// the key routing sorts Available agents by.
    pub fn idle_since(&self, agent_id: &str) -> Result<Option<Millis>, HubError> {
        Ok(self.read(|conn| conn.agent(agent_id))?.idle_since)
    }

    /// Every configured agent with their state and load. The load is capacity's one count,
    /// offers and conference invitations included, so a colleague the handoff dialog shows
    /// as free is one the transfer and conference checks accept.
    pub fn agents(&self) -> Result<Vec<AgentSummary>, HubError> {
        self.read(|conn| {
            let held = conn.agent_loads(true)?;
            self.config()
                .agents
                .iter()
                .map(|agent| {
                    Ok(AgentSummary {
                        id: agent.id.clone(),
                        display_name: agent.display_name.clone(),
                        state: conn.agent(&agent.id)?.state,
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
            let waiting = conn.waiting_counts()?;
            let deleted = conn.deleted_queues()?;
            let loads = conn.agent_loads(true)?;
            let mut free = Vec::new();
            for agent in &self.config().agents {
                let row = conn.agent(&agent.id)?;
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
            let disabled: Vec<&str> = disabled.map(String::as_str).collect();
            t.store.set_disabled_queues(agent_id, &disabled)?;
            t.route()?;
            assigned_queues(t.config, &*t.store, agent_id)
        })
    }
}

impl Transition<'_> {
    /// Changes an agent's state (a no-op when it is already that state) and tells them.
    pub(super) fn set_agent_state(
        &mut self,
        agent_id: &str,
        state: AgentState,
    ) -> Result<StateSince, HubError> {
        let current = self.store.agent(agent_id)?;
        if current.state == state {
            return Ok(StateSince { state, since: current.since });
        }
        self.store.set_agent_state(agent_id, &state, self.now)?;
        if state == AgentState::Available && current.idle_since.is_none() {
            // Never had a conversation: their wait counts from their first Available.
            self.store.set_idle_since(agent_id, self.now)?;
        }
        let state = StateSince { state, since: self.now };
        self.emit_agent(agent_id, AgentEventBody::StateChanged { state: state.clone() })?;
        Ok(state)
    }
}

/// The queues an agent takes chats from: every assigned one, but those they turned off
/// where the admin lets agents choose.
pub(super) fn enabled_queues(
    config: &HubConfig,
    conn: &dyn Store,
    agent: &AgentConfig,
) -> Result<Vec<String>, HubError> {
    if !config.settings.agents_may_choose_queues {
        return Ok(agent.queues.clone());
    }
    let disabled = conn.disabled_queues(&agent.id)?;
    Ok(agent.queues.iter().filter(|q| !disabled.contains(*q)).cloned().collect())
}

/// "My assigned queues" as the agent sees them.
fn assigned_queues(
    config: &HubConfig,
    conn: &dyn Store,
    agent_id: &str,
) -> Result<AssignedQueues, HubError> {
    let agent = config.agent(agent_id).ok_or_else(|| HubError::not_found("agent", agent_id))?;
    let enabled = enabled_queues(config, conn, agent)?;
    let deleted = conn.deleted_queues()?;
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
