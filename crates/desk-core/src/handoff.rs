//! Whom a conversation can be handed to: the lists behind the Transfer and Conference
//! dialogs.
//!
//! The hub answers with every queue and every agent; the dialogs must not offer what the hub
//! would refuse. A queue of another channel cannot take the conversation (a Livechat
//! customer cannot be answered from a WhatsApp queue), and this agent is not a target. A
//! colleague who is not Available with a free slot is still listed, so the agent sees who is
//! busy and why, but cannot be chosen.

use hub_protocol::{AgentState, AgentSummary, Channel, Queue};

use crate::view::{AgentTargetView, HandoffTargetsView, QueueTargetView};

/// The dialogs' lists for a conversation on `channel`, held by the agent `me`. Queues keep
/// the hub's (configuration) order; agents who can be chosen come first, each group by name.
pub fn targets(
    me: &str,
    channel: Channel,
    queues: Vec<Queue>,
    agents: Vec<AgentSummary>,
) -> HandoffTargetsView {
    let queues = queues
        .into_iter()
        .filter(|queue| queue.channel == channel)
        .map(|queue| QueueTargetView {
            id: queue.id,
            name: queue.name,
            language: queue.language,
            waiting: queue.waiting,
            available_agents: queue.available_agents,
        })
        .collect();
    let mut agents: Vec<AgentTargetView> = agents
        .into_iter()
        .filter(|agent| agent.id != me)
        .map(|agent| AgentTargetView {
            selectable: agent.state == AgentState::Available
                && agent.active_conversations < agent.capacity,
            id: agent.id,
            display_name: agent.display_name,
            state: agent.state,
            active_conversations: agent.active_conversations,
            capacity: agent.capacity,
        })
        .collect();
    agents.sort_by(|a, b| {
        b.selectable.cmp(&a.selectable).then_with(|| a.display_name.cmp(&b.display_name))
    });
    HandoffTargetsView { queues, agents }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queue(id: &str, channel: Channel) -> Queue {
        Queue {
            id: id.into(),
            name: format!("{id} support"),
            channel,
            language: "en-US".into(),
            kind: hub_protocol::QueueKind::Standard,
            waiting: 2,
            available_agents: 1,
        }
    }

    fn agent(id: &str, state: AgentState, active: u32) -> AgentSummary {
        AgentSummary {
            id: id.into(),
            display_name: format!("{id} Name"),
            state,
            active_conversations: active,
            capacity: 6,
        }
    }

    #[test]
    fn only_queues_of_the_conversations_channel_are_offered() {
        let queues = vec![
            queue("web-en", Channel::Livechat),
            queue("wa-en", Channel::Whatsapp),
            queue("web-fi", Channel::Livechat),
        ];
        let view = targets("anna", Channel::Livechat, queues, vec![]);
        let ids: Vec<&str> = view.queues.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["web-en", "web-fi"], "configuration order, Livechat only");
        assert_eq!(view.queues[0].waiting, 2);
        assert_eq!(view.queues[0].available_agents, 1);
    }

    #[test]
    fn colleagues_are_listed_with_who_can_take_it_first_and_never_oneself() {
        let agents = vec![
            agent("anna", AgentState::Available, 0),
            agent("jonas", AgentState::Idle { code: "lunch".into() }, 0),
            agent("camille", AgentState::Available, 6),
            agent("giulia", AgentState::Available, 5),
            agent("aino", AgentState::Rona, 0),
            agent("emilie", AgentState::Available, 1),
        ];
        let view = targets("anna", Channel::Livechat, vec![], agents);
        let listed: Vec<(&str, bool)> =
            view.agents.iter().map(|a| (a.id.as_str(), a.selectable)).collect();
        assert_eq!(
            listed,
            [
                ("emilie", true),
                ("giulia", true),
                ("aino", false),
                ("camille", false), // Available but at capacity
                ("jonas", false),
            ]
        );
    }
}
