//! The reads of one routing pass, each a few rows whatever the crowd (issue 16).
//!
//! Per queue with a chat waiting, a pass reads the first of the agents who can take it
//! (Available, with a free slot, serving the queue) in the order of the queue's rule,
//! through the partial indexes `agents_longest_idle` and `agents_least_busy`: their load is
//! the `held` column the schema's triggers keep, their capacity and their place in the
//! configuration (`position`, the tie-break) and the queues they serve (`agent_queues`) are
//! the configuration's, written when the hub opens. Then the queue's oldest waiting
//! conversations, through the `conversations_by_queue` index, stopping as soon as
//! [`crate::routing::QueueCut`] (or the pass's limit) says so. The pass reads more only
//! where [`crate::routing::plan_within`] says it must.

use hub_protocol::Millis;

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

/// How the `state` column spells Available, as the partial indexes' `WHERE` has it: SQLite
/// uses a partial index only for a query that names the same literal, not a parameter.
#[cfg(test)]
const AVAILABLE_STATE: &str = r#"{"kind":"available"}"#;

/// The first agents who can take a chat of queue `?1`, longest idle first (never idle last),
/// then in configuration order; `?2` non-zero: leaving out those who turned the queue off.
/// Walking the partial index in its order stops after `?3` rows (`INDEXED BY`: on a small
/// table SQLite would rather sort; the crowd is what this is for).
const TAKERS_LONGEST_IDLE: &str = r#"SELECT a.id, a.idle_since, a.held
       FROM agents a INDEXED BY agents_longest_idle
      WHERE a.state = '{"kind":"available"}' AND a.free > 0
        AND EXISTS (SELECT 1 FROM agent_queues m WHERE m.agent_id = a.id AND m.queue_id = ?1)
        AND NOT (?2 AND EXISTS (SELECT 1 FROM disabled_agent_queues d
                                 WHERE d.agent_id = a.id AND d.queue_id = ?1))
      ORDER BY coalesce(a.idle_since, 9223372036854775807), a.position
      LIMIT ?3"#;

/// As [`TAKERS_LONGEST_IDLE`], fewest held first.
const TAKERS_LEAST_BUSY: &str = r#"SELECT a.id, a.idle_since, a.held
       FROM agents a INDEXED BY agents_least_busy
      WHERE a.state = '{"kind":"available"}' AND a.free > 0
        AND EXISTS (SELECT 1 FROM agent_queues m WHERE m.agent_id = a.id AND m.queue_id = ?1)
        AND NOT (?2 AND EXISTS (SELECT 1 FROM disabled_agent_queues d
                                 WHERE d.agent_id = a.id AND d.queue_id = ?1))
      ORDER BY a.held, coalesce(a.idle_since, 9223372036854775807), a.position
      LIMIT ?3"#;

/// Whether a conversation waits (unoffered) in queue `?1`.
const ANY_QUEUED_IN: &str =
    "SELECT EXISTS (SELECT 1 FROM conversations WHERE state = 'queued' AND queue_id = ?1)";

/// A queue's waiting conversations oldest first, each with its declines (one row each).
const WAITING_IN_QUEUE: &str = "SELECT c.seq, c.id, d.agent_id FROM conversations c
       LEFT JOIN declines d ON d.conversation_id = c.id
      WHERE c.state = 'queued' AND c.queue_id = ?1
      ORDER BY c.seq";

/// A conversation waiting in a queue, with the routing candidates who declined it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WaitingRow {
    /// Arrival order across all queues.
    pub seq: i64,
    pub id: String,
    /// Those of its decliners for whom `is_candidate` said yes.
    pub declined_by: Vec<String>,
}

/// One configured agent as routing reads them from the store.
pub(crate) struct RoutingProfile<'a> {
    pub id: &'a str,
    pub capacity: u32,
    /// Where they stand in the configuration: routing's tie-break.
    pub position: usize,
    /// The queues they are assigned.
    pub queues: &'a [String],
}

/// The reads (and kept counts) of a routing pass.
pub(crate) trait Routing {
    /// The first `limit` agents who can take a chat of `queue_id` now, in the order `rule`
    /// ranks them (the configuration's order breaking ties). `choose_queues`: the admin lets
    /// agents turn queues off, and those who did are left out.
    fn takers(
        &self,
        queue_id: &str,
        rule: crate::routing::Rule,
        choose_queues: bool,
        limit: usize,
    ) -> Result<Vec<AvailableAgent>, HubError>;

    /// Whether a conversation waits in `queue_id`, not yet offered.
    fn any_queued_in(&self, queue_id: &str) -> Result<bool, HubError>;

    /// The queues `agent_id` turned off.
    fn disabled_queues_of(&self, agent_id: &str) -> Result<Vec<String>, HubError>;

    /// What `agent_id` holds against their capacity (`agents.held`).
    fn held_by(&self, agent_id: &str) -> Result<u32, HubError>;

    /// The deleted queues in which a conversation still waits.
    fn deleted_queues_with_waiting(&self) -> Result<Vec<String>, HubError>;

    /// The oldest conversations waiting in `queue_id`, as many as `cut` wants: rows are read
    /// one at a time and the statement stops when the cut is reached. `is_candidate`: whether
    /// a decliner is one of the agents who could be offered a conversation of this queue now;
    /// the others' declines change nothing in this pass.
    ///
    /// Also says whether the cut left conversations of the queue unread.
    fn waiting_in_queue_for_routing(
        &self,
        queue_id: &str,
        cut: QueueCut,
        is_candidate: &dyn Fn(&str) -> bool,
    ) -> Result<(Vec<WaitingRow>, bool), HubError>;

    /// Writes each configured agent's capacity, place and queues (from the configuration),
    /// where they changed; agents no longer configured keep no place and no queue, so routing
    /// never reads them.
    fn set_routing_profiles(&self, profiles: &[RoutingProfile<'_>]) -> Result<(), HubError>;

    /// Sets every agent's `held` and every queue's waiting count from the conversations,
    /// offers and handoffs themselves: what the triggers keep, recounted when the hub starts.
    fn recount_kept_counts(&self) -> Result<(), HubError>;

    /// Agents whose `held` differs from a count of what they hold (routing's load, with
    /// offers): `(agent_id, held, counted)`. Empty unless a trigger is wrong.
    #[cfg(debug_assertions)]
    fn held_mismatches(&self) -> Result<Vec<(String, u32, u32)>, HubError>;

    /// Queues whose kept waiting count (`queue_waiting`) differs from a count of their queued
    /// and offered conversations: `(queue_id, kept, counted)`. Empty unless a trigger is wrong.
    #[cfg(debug_assertions)]
    fn waiting_mismatches(&self) -> Result<Vec<(String, i64, i64)>, HubError>;
}

impl Routing for Connection {
    fn takers(
        &self,
        queue_id: &str,
        rule: crate::routing::Rule,
        choose_queues: bool,
        limit: usize,
    ) -> Result<Vec<AvailableAgent>, HubError> {
        let sql = match rule {
            crate::routing::Rule::LongestIdle => TAKERS_LONGEST_IDLE,
            crate::routing::Rule::LeastBusy => TAKERS_LEAST_BUSY,
        };
        let mut stmt = self.prepare_cached(sql)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(rusqlite::params![queue_id, choose_queues, limit], |r| {
            Ok(AvailableAgent { id: r.get(0)?, idle_since: r.get(1)?, held: r.get(2)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn any_queued_in(&self, queue_id: &str) -> Result<bool, HubError> {
        Ok(self.prepare_cached(ANY_QUEUED_IN)?.query_row([queue_id], |r| r.get(0))?)
    }

    fn disabled_queues_of(&self, agent_id: &str) -> Result<Vec<String>, HubError> {
        let mut stmt =
            self.prepare_cached("SELECT queue_id FROM disabled_agent_queues WHERE agent_id = ?1")?;
        let rows = stmt.query_map([agent_id], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn held_by(&self, agent_id: &str) -> Result<u32, HubError> {
        Ok(self
            .prepare_cached("SELECT held FROM agents WHERE id = ?1")?
            .query_row([agent_id], |r| r.get(0))?)
    }

    fn deleted_queues_with_waiting(&self) -> Result<Vec<String>, HubError> {
        let mut stmt = self.prepare_cached(
            "SELECT d.queue_id FROM deleted_queues d WHERE EXISTS (
             SELECT 1 FROM conversations c WHERE c.state = 'queued' AND c.queue_id = d.queue_id)",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn waiting_in_queue_for_routing(
        &self,
        queue_id: &str,
        mut cut: QueueCut,
        is_candidate: &dyn Fn(&str) -> bool,
    ) -> Result<(Vec<WaitingRow>, bool), HubError> {
        let mut stmt = self.prepare_cached(WAITING_IN_QUEUE)?;
        let mut rows = stmt.query([queue_id])?;
        let mut out: Vec<WaitingRow> = Vec::new();
        let mut more = false;
        while cut.wants_more() {
            let Some(row) = rows.next()? else { break };
            let seq: i64 = row.get(0)?;
            let decliner: Option<String> = row.get(2)?;
            if out.last().is_none_or(|last| last.seq != seq) {
                // A new conversation: the one before is complete.
                if let Some(last) = out.last() {
                    cut.took(!last.declined_by.is_empty());
                    if !cut.wants_more() {
                        more = true;
                        break;
                    }
                }
                out.push(WaitingRow { seq, id: row.get(1)?, declined_by: Vec::new() });
            }
            if let Some(agent_id) = decliner.filter(|a| is_candidate(a)) {
                out.last_mut().expect("pushed above").declined_by.push(agent_id);
            }
        }
        Ok((out, more))
    }

    fn set_routing_profiles(&self, profiles: &[RoutingProfile<'_>]) -> Result<(), HubError> {
        self.execute_batch("UPDATE agents SET position = NULL; DELETE FROM agent_queues;")?;
        let mut update = self.prepare(
            "UPDATE agents SET capacity = ?2, position = ?3
          WHERE id = ?1 AND (capacity IS NOT ?2 OR position IS NOT ?3)",
        )?;
        let mut member = self
            .prepare("INSERT OR IGNORE INTO agent_queues (agent_id, queue_id) VALUES (?1, ?2)")?;
        for profile in profiles {
            update.execute(rusqlite::params![
                profile.id,
                profile.capacity,
                profile.position as i64
            ])?;
            for queue_id in profile.queues {
                member.execute([profile.id, queue_id])?;
            }
        }
        Ok(())
    }

    fn recount_kept_counts(&self) -> Result<(), HubError> {
        self.execute_batch(
            "DELETE FROM queue_waiting;
         INSERT INTO queue_waiting (queue_id, waiting)
             SELECT queue_id, COUNT(*) FROM conversations
              WHERE state IN ('queued', 'offered') GROUP BY queue_id;
         UPDATE agents SET held =
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

    #[cfg(debug_assertions)]
    fn held_mismatches(&self) -> Result<Vec<(String, u32, u32)>, HubError> {
        let counted = super::Queues::agent_loads(self, true)?;
        let mut stmt = self.prepare_cached("SELECT id, held FROM agents")?;
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

    #[cfg(debug_assertions)]
    fn waiting_mismatches(&self) -> Result<Vec<(String, i64, i64)>, HubError> {
        let mut stmt = self.prepare_cached(
            "SELECT q.queue_id, q.waiting, coalesce(c.n, 0) FROM queue_waiting q
           LEFT JOIN (SELECT queue_id, COUNT(*) AS n FROM conversations
                       WHERE state IN ('queued', 'offered') GROUP BY queue_id) c
             ON c.queue_id = q.queue_id
          WHERE q.waiting IS NOT coalesce(c.n, 0)
         UNION ALL
         SELECT c.queue_id, 0, COUNT(*) FROM conversations c
          WHERE c.state IN ('queued', 'offered')
            AND NOT EXISTS (SELECT 1 FROM queue_waiting q WHERE q.queue_id = c.queue_id)
          GROUP BY c.queue_id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use hub_protocol::AgentState;

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
        assert_eq!(
            serde_json::to_string(&AgentState::Available).unwrap(),
            AVAILABLE_STATE,
            "the partial indexes name the state as the store writes it"
        );
        for (sql, index) in
            [(TAKERS_LONGEST_IDLE, "agents_longest_idle"), (TAKERS_LEAST_BUSY, "agents_least_busy")]
        {
            let agents = query_plan(&conn, sql);
            assert!(agents.contains(&format!("SCAN a USING INDEX {index}")), "{agents}");
            assert!(!agents.contains("TEMP B-TREE"), "{agents}");
        }
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
