//! The reads of one routing pass, each one statement whatever the crowd (issue 16).
//!
//! A pass reads the Available agents with a free slot (their load is the `held` column the
//! schema's triggers keep, their capacity the configuration's, so no conversation is
//! counted and no full agent read), and then, per queue one of them could serve, only the
//! oldest waiting conversations the plan can reach, through the `conversations_by_queue`
//! index, stopping as soon as [`crate::routing::QueueCut`] says the rest cannot be offered
//! in this pass.

use hub_protocol::{AgentState, Millis};

use super::Connection;
use crate::error::HubError;
use crate::routing::QueueCut;

/// An Available agent as the store knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AvailableAgent {
    pub id: String,
    pub idle_since: Option<Millis>,
    /// Conversations counted against their capacity (`agents.held`).
    pub held: u32,
}

const AVAILABLE_WITH_FREE_SLOTS: &str =
    "SELECT id, idle_since, held FROM agents WHERE state = ?1 AND free > 0";

/// A queue's waiting conversations oldest first, each with its declines (one row each).
const WAITING_IN_QUEUE: &str = "SELECT c.seq, c.id, d.agent_id FROM conversations c
       LEFT JOIN declines d ON d.conversation_id = c.id
      WHERE c.state = 'queued' AND c.queue_id = ?1
      ORDER BY c.seq";

/// Every Available agent with a free slot, in no particular order.
pub(crate) fn available_agents(conn: &Connection) -> Result<Vec<AvailableAgent>, HubError> {
    let available = serde_json::to_string(&AgentState::Available)?;
    let mut stmt = conn.prepare_cached(AVAILABLE_WITH_FREE_SLOTS)?;
    let rows = stmt.query_map([available], |r| {
        Ok(AvailableAgent { id: r.get(0)?, idle_since: r.get(1)?, held: r.get(2)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// `(agent_id, queue_id)`: the assigned queues that Available agents with a free slot
/// turned off.
pub(crate) fn disabled_queues_of_available(
    conn: &Connection,
) -> Result<Vec<(String, String)>, HubError> {
    let available = serde_json::to_string(&AgentState::Available)?;
    let mut stmt = conn.prepare_cached(
        "SELECT d.agent_id, d.queue_id FROM disabled_agent_queues d
         JOIN agents a ON a.id = d.agent_id WHERE a.state = ?1 AND a.free > 0",
    )?;
    let rows = stmt.query_map([available], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The deleted queues in which a conversation still waits.
pub(crate) fn deleted_queues_with_waiting(conn: &Connection) -> Result<Vec<String>, HubError> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.queue_id FROM deleted_queues d WHERE EXISTS (
             SELECT 1 FROM conversations c WHERE c.state = 'queued' AND c.queue_id = d.queue_id)",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A conversation waiting in a queue, with the routing candidates who declined it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WaitingRow {
    /// Arrival order across all queues.
    pub seq: i64,
    pub id: String,
    /// Those of its decliners for whom `is_candidate` said yes.
    pub declined_by: Vec<String>,
}

/// The oldest conversations waiting in `queue_id`, as many as `cut` wants: rows are read
/// one at a time and the statement stops when the cut is reached. `is_candidate`: whether
/// a decliner is one of the agents who could be offered a conversation of this queue now;
/// the others' declines change nothing in this pass.
pub(crate) fn waiting_in_queue_for_routing(
    conn: &Connection,
    queue_id: &str,
    mut cut: QueueCut,
    is_candidate: impl Fn(&str) -> bool,
) -> Result<Vec<WaitingRow>, HubError> {
    let mut stmt = conn.prepare_cached(WAITING_IN_QUEUE)?;
    let mut rows = stmt.query([queue_id])?;
    let mut out: Vec<WaitingRow> = Vec::new();
    while cut.wants_more() {
        let Some(row) = rows.next()? else { break };
        let seq: i64 = row.get(0)?;
        let decliner: Option<String> = row.get(2)?;
        if out.last().is_none_or(|last| last.seq != seq) {
            // A new conversation: the one before is complete.
            if let Some(last) = out.last() {
                cut.took(!last.declined_by.is_empty());
                if !cut.wants_more() {
                    break;
                }
            }
            out.push(WaitingRow { seq, id: row.get(1)?, declined_by: Vec::new() });
        }
        if let Some(agent_id) = decliner.filter(|a| is_candidate(a)) {
            out.last_mut().expect("pushed above").declined_by.push(agent_id);
        }
    }
    Ok(out)
}

/// Writes each agent's capacity (from the configuration) where it changed.
pub(crate) fn set_capacities<'a>(
    conn: &Connection,
    capacities: impl Iterator<Item = (&'a str, u32)>,
) -> Result<(), HubError> {
    let mut update =
        conn.prepare("UPDATE agents SET capacity = ?2 WHERE id = ?1 AND capacity IS NOT ?2")?;
    for (id, capacity) in capacities {
        update.execute(rusqlite::params![id, capacity])?;
    }
    Ok(())
}

/// Sets every agent's `held` from the conversations, offers and handoffs themselves: what
/// the triggers keep, recounted when the hub starts.
pub(crate) fn recount_held(conn: &Connection) -> Result<(), HubError> {
    conn.execute_batch(
        "UPDATE agents SET held =
              (SELECT COUNT(*) FROM conversations c
                WHERE c.agent_id = agents.id AND c.state IN ('offered', 'active', 'wrapUp'))
            + (SELECT COUNT(*) FROM conversations c
                WHERE c.guest_agent_id = agents.id AND c.state = 'active')
            + (SELECT COUNT(*) FROM handoffs h WHERE h.agent_id = agents.id)
            + (SELECT COUNT(*) FROM offers o
                WHERE o.agent_id = agents.id AND o.kind = 'conference')",
    )?;
    Ok(())
}

/// Agents whose `held` differs from a count of what they hold (routing's load, with
/// offers): `(agent_id, held, counted)`. Empty unless a trigger is wrong.
#[cfg(debug_assertions)]
pub(crate) fn held_mismatches(conn: &Connection) -> Result<Vec<(String, u32, u32)>, HubError> {
    let counted = super::agent_loads(conn, true)?;
    let mut stmt = conn.prepare_cached("SELECT id, held FROM agents")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, held) = row?;
        let count = counted.get(&id).copied().unwrap_or(0);
        if held != count {
            out.push((id, held, count));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SQLite's plan for a statement, one line per step.
    fn query_plan(conn: &Connection, sql: &str) -> String {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let parameters = stmt.parameter_count();
        let rows = stmt
            .query_map(rusqlite::params_from_iter(vec!["x"; parameters]), |r| r.get::<_, String>(3))
            .unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("\n")
    }

    /// The statements stop early only if SQLite walks an index in the order wanted: no scan
    /// of a table, no sort of everything waiting before the first row.
    #[test]
    fn routing_reads_walk_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let conn = super::super::open(&dir.path().join("hub.sqlite3")).unwrap();
        let agents = query_plan(&conn, AVAILABLE_WITH_FREE_SLOTS);
        assert!(
            agents.contains("USING INDEX agents_with_free_slots (state=? AND free>?)"),
            "{agents}"
        );
        let waiting = query_plan(&conn, WAITING_IN_QUEUE);
        assert!(
            waiting
                .contains("SEARCH c USING INDEX conversations_by_queue (state=? AND queue_id=?)"),
            "{waiting}"
        );
        assert!(!waiting.contains("TEMP B-TREE"), "{waiting}");
        assert!(!waiting.contains("SCAN"), "{waiting}");
    }
}
