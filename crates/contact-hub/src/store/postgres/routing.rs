//! Routing on PostgreSQL: store::routing's operations in PostgreSQL's SQL.
//!
//! The takers' statements keep the partial indexes' `WHERE` and `ORDER BY` word for word
//! (PostgreSQL has no `INDEXED BY`: its planner takes `agents_longest_idle` or
//! `agents_least_busy` when the query implies the index's predicate and orders by its
//! expressions). A queue's waiting conversations are read a page of conversations at a time
//! (SQLite's statement is stepped one row at a time; a PostgreSQL query returns all its
//! rows), so a pass still stops reading soon after its cut.

use std::collections::VecDeque;

use super::queues::count_u32;
use super::Pg;
use crate::error::HubError;
use crate::routing::QueueCut;
use crate::store::{AvailableAgent, Routing, RoutingProfile, WaitingRow};

/// The first agents who can take a chat of queue `$1`, longest idle first (never idle last),
/// then in configuration order; `$2`: leaving out those who turned the queue off.
const TAKERS_LONGEST_IDLE: &str = r#"SELECT a.id, a.idle_since, a.held
       FROM agents a
      WHERE a.state = '{"kind":"available"}' AND a.free > 0
        AND EXISTS (SELECT 1 FROM agent_queues m WHERE m.agent_id = a.id AND m.queue_id = $1)
        AND NOT ($2::boolean AND EXISTS (SELECT 1 FROM disabled_agent_queues d
                                          WHERE d.agent_id = a.id AND d.queue_id = $1))
      ORDER BY coalesce(a.idle_since, 9223372036854775807), a.position
      LIMIT $3"#;

/// As [`TAKERS_LONGEST_IDLE`], fewest held first.
const TAKERS_LEAST_BUSY: &str = r#"SELECT a.id, a.idle_since, a.held
       FROM agents a
      WHERE a.state = '{"kind":"available"}' AND a.free > 0
        AND EXISTS (SELECT 1 FROM agent_queues m WHERE m.agent_id = a.id AND m.queue_id = $1)
        AND NOT ($2::boolean AND EXISTS (SELECT 1 FROM disabled_agent_queues d
                                          WHERE d.agent_id = a.id AND d.queue_id = $1))
      ORDER BY a.held, coalesce(a.idle_since, 9223372036854775807), a.position
      LIMIT $3"#;

/// Whether a conversation waits (unoffered) in queue `$1`.
const ANY_QUEUED_IN: &str =
    "SELECT EXISTS (SELECT 1 FROM conversations WHERE state = 'queued' AND queue_id = $1)";

/// A page of a queue's waiting conversations oldest first: the first `$3` after seq `$2`,
/// each with its declines (one row each, by agent id as SQLite's join through the primary
/// key gives them).
const WAITING_IN_QUEUE: &str = "SELECT c.seq, c.id, d.agent_id
       FROM (SELECT seq, id FROM conversations
              WHERE state = 'queued' AND queue_id = $1 AND seq > $2
              ORDER BY seq LIMIT $3) AS c
       LEFT JOIN declines d ON d.conversation_id = c.id
      ORDER BY c.seq, d.agent_id";

/// Conversations a page of [`WAITING_IN_QUEUE`] holds.
const WAITING_PAGE: i64 = 64;

/// A queue's waiting rows `(seq, id, decliner)` in order, fetched a page at a time.
struct WaitingRows<'a> {
    pg: &'a Pg,
    queue_id: &'a str,
    page: VecDeque<(i64, String, Option<String>)>,
    /// The last conversation fetched, and whether there may be more after it.
    after: i64,
    more: bool,
}

impl WaitingRows<'_> {
    fn next(&mut self) -> Result<Option<(i64, String, Option<String>)>, HubError> {
        if self.page.is_empty() && self.more {
            let rows =
                self.pg.query(WAITING_IN_QUEUE, &[&self.queue_id, &self.after, &WAITING_PAGE])?;
            let mut conversations = 0;
            for row in &rows {
                let seq: i64 = row.try_get(0)?;
                if seq != self.after {
                    conversations += 1;
                    self.after = seq;
                }
                self.page.push_back((seq, row.try_get(1)?, row.try_get(2)?));
            }
            self.more = conversations == WAITING_PAGE;
        }
        Ok(self.page.pop_front())
    }
}

impl Routing for Pg {
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
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.query(sql, &[&queue_id, &choose_queues, &limit])?
            .iter()
            .map(|row| {
                Ok(AvailableAgent {
                    id: row.try_get(0)?,
                    idle_since: row.try_get(1)?,
                    held: count_u32(row.try_get(2)?)?,
                })
            })
            .collect()
    }

    fn any_queued_in(&self, queue_id: &str) -> Result<bool, HubError> {
        Ok(self.query_one(ANY_QUEUED_IN, &[&queue_id])?.try_get(0)?)
    }

    fn disabled_queues_of(&self, agent_id: &str) -> Result<Vec<String>, HubError> {
        // SQLite reads them through the primary key (agent_id, queue_id): in queue order.
        self.query(
            "SELECT queue_id FROM disabled_agent_queues WHERE agent_id = $1
              ORDER BY queue_id COLLATE \"C\"",
            &[&agent_id],
        )?
        .iter()
        .map(|row| Ok(row.try_get(0)?))
        .collect()
    }

    fn held_by(&self, agent_id: &str) -> Result<u32, HubError> {
        count_u32(
            self.query_one("SELECT held FROM agents WHERE id = $1", &[&agent_id])?.try_get(0)?,
        )
    }

    fn deleted_queues_with_waiting(&self) -> Result<Vec<String>, HubError> {
        // SQLite reads them through deleted_queues' primary key: in queue order.
        self.query(
            "SELECT d.queue_id FROM deleted_queues d WHERE EXISTS (
             SELECT 1 FROM conversations c WHERE c.state = 'queued' AND c.queue_id = d.queue_id)
              ORDER BY d.queue_id COLLATE \"C\"",
            &[],
        )?
        .iter()
        .map(|row| Ok(row.try_get(0)?))
        .collect()
    }

    fn waiting_in_queue_for_routing(
        &self,
        queue_id: &str,
        mut cut: QueueCut,
        is_candidate: &dyn Fn(&str) -> bool,
    ) -> Result<(Vec<WaitingRow>, bool), HubError> {
        let mut rows =
            WaitingRows { pg: self, queue_id, page: VecDeque::new(), after: i64::MIN, more: true };
        let mut out: Vec<WaitingRow> = Vec::new();
        let mut more = false;
        while cut.wants_more() {
            let Some((seq, id, decliner)) = rows.next()? else { break };
            if out.last().is_none_or(|last| last.seq != seq) {
                // A new conversation: the one before is complete.
                if let Some(last) = out.last() {
                    cut.took(!last.declined_by.is_empty());
                    if !cut.wants_more() {
                        more = true;
                        break;
                    }
                }
                out.push(WaitingRow { seq, id, declined_by: Vec::new() });
            }
            if let Some(agent_id) = decliner.filter(|a| is_candidate(a)) {
                out.last_mut().expect("pushed above").declined_by.push(agent_id);
            }
        }
        Ok((out, more))
    }

    fn set_routing_profiles(&self, profiles: &[RoutingProfile<'_>]) -> Result<(), HubError> {
        self.batch("UPDATE agents SET position = NULL; DELETE FROM agent_queues;")?;
        for profile in profiles {
            self.execute(
                "UPDATE agents SET capacity = $2, position = $3
                  WHERE id = $1 AND (capacity IS DISTINCT FROM $2 OR position IS DISTINCT FROM $3)",
                &[&profile.id, &i64::from(profile.capacity), &(profile.position as i64)],
            )?;
            for queue_id in profile.queues {
                self.execute(
                    "INSERT INTO agent_queues (agent_id, queue_id) VALUES ($1, $2)
                     ON CONFLICT DO NOTHING",
                    &[&profile.id, queue_id],
                )?;
            }
        }
        Ok(())
    }

    fn recount_kept_counts(&self) -> Result<(), HubError> {
        self.batch(
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
        )
    }

    #[cfg(debug_assertions)]
    fn held_mismatches(&self) -> Result<Vec<(String, u32, u32)>, HubError> {
        let counted = crate::store::Queues::agent_loads(self, true)?;
        let mut out = Vec::new();
        for row in self.query("SELECT id, held FROM agents ORDER BY id COLLATE \"C\"", &[])? {
            let id: String = row.try_get(0)?;
            let held = count_u32(row.try_get(1)?)?;
            let count = counted.get(&id).copied().unwrap_or(0);
            if held != count {
                out.push((id, held, count));
            }
        }
        Ok(out)
    }

    #[cfg(debug_assertions)]
    fn waiting_mismatches(&self) -> Result<Vec<(String, i64, i64)>, HubError> {
        self.query(
            "SELECT q.queue_id, q.waiting, coalesce(c.n, 0) FROM queue_waiting q
               LEFT JOIN (SELECT queue_id, COUNT(*) AS n FROM conversations
                           WHERE state IN ('queued', 'offered') GROUP BY queue_id) c
                 ON c.queue_id = q.queue_id
              WHERE q.waiting IS DISTINCT FROM coalesce(c.n, 0)
             UNION ALL
             SELECT c.queue_id, 0, COUNT(*) FROM conversations c
              WHERE c.state IN ('queued', 'offered')
                AND NOT EXISTS (SELECT 1 FROM queue_waiting q WHERE q.queue_id = c.queue_id)
              GROUP BY c.queue_id",
            &[],
        )?
        .iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{shown, TEST_CONVERSATIONS};
    use super::*;
    use crate::routing::Rule;

    /// Another chat of bo's, turned-off queues, declines, deleted queues with chats still
    /// waiting, and a queue longer than a page.
    fn routing_rows() -> String {
        let mut sql = String::from(
            r#"
            INSERT INTO conversations (id, channel, queue_id, customer, customer_token_hash,
                                       state, agent_id, created_at, queued_at)
            VALUES ('c7', 'livechat', 'sales', '{"name":"Gus"}', 'h7', 'active', 'bo', 70, 70),
                   ('z1', 'livechat', 'zeta', '{"name":"Zed"}', 'hz', 'queued', NULL, 71, 71),
                   ('a1', 'livechat', 'alpha', '{"name":"Al"}', 'ha', 'queued', NULL, 72, 72);
            INSERT INTO disabled_agent_queues (agent_id, queue_id)
            VALUES ('bo', 'web'), ('bo', 'alpha'), ('ada', 'web'), ('bo', 'sales');
            INSERT INTO declines (conversation_id, agent_id, reason, at)
            VALUES ('c1', 'di', 'missed', 11), ('c1', 'bo', 'missed', 12),
                   ('c1', 'ada', 'rejected', 13), ('c4', 'cy', 'missed', 41);
            INSERT INTO deleted_queues (queue_id, at) VALUES ('zeta', 1), ('sales', 1), ('alpha', 1);
            "#,
        );
        for n in 0..70 {
            sql.push_str(&format!(
                "INSERT INTO conversations (id, channel, queue_id, customer, customer_token_hash,
                                            state, created_at, queued_at)
                 VALUES ('b{n}', 'livechat', 'bulk', '{{\"name\":\"B{n}\"}}', 'hb', 'queued',
                         {at}, {at});\n",
                at = 100 + n
            ));
            if n % 3 == 0 {
                sql.push_str(&format!(
                    "INSERT INTO declines (conversation_id, agent_id, reason, at)
                     VALUES ('b{n}', 'cy', 'missed', 200), ('b{n}', 'ada', 'missed', 201);\n"
                ));
            }
        }
        sql
    }

    fn exercise(store: &dyn Routing) -> Vec<String> {
        let web_and_sales = ["web".to_owned(), "sales".to_owned()];
        let everything = ["web".to_owned(), "sales".to_owned(), "alpha".to_owned()];
        let web = ["web".to_owned()];
        let bulk = ["bulk".to_owned(), "web".to_owned()];
        let profiles = [
            RoutingProfile { id: "ada", capacity: 2, position: 0, queues: &web_and_sales },
            RoutingProfile { id: "bo", capacity: 3, position: 1, queues: &everything },
            RoutingProfile { id: "cy", capacity: 2, position: 2, queues: &bulk },
            RoutingProfile { id: "di", capacity: 2, position: 3, queues: &web },
            RoutingProfile { id: "gone", capacity: 1, position: 4, queues: &web },
        ];
        let mut out = Vec::new();
        out.push(shown(store.set_routing_profiles(&profiles)));
        out.push(shown(store.set_routing_profiles(&profiles)));
        for rule in [Rule::LongestIdle, Rule::LeastBusy] {
            for (queue, choose_queues, limit) in [
                ("web", false, 10),
                ("web", false, 2),
                ("web", true, 10),
                ("sales", false, 10),
                ("sales", true, 10),
                ("alpha", true, 10),
                ("bulk", true, 10),
                ("nowhere", false, 10),
            ] {
                out.push(shown(store.takers(queue, rule, choose_queues, limit)));
            }
        }
        for queue in ["web", "sales", "zeta", "nowhere"] {
            out.push(shown(store.any_queued_in(queue)));
        }
        out.push(shown(store.disabled_queues_of("bo")));
        out.push(shown(store.disabled_queues_of("cy")));
        for agent in ["ada", "bo", "cy", "di", "nobody"] {
            out.push(shown(store.held_by(agent)));
        }
        out.push(shown(store.deleted_queues_with_waiting()));
        let not_di = |agent: &str| agent != "di";
        for (queue, free) in
            [("web", 5), ("web", 1), ("web", 0), ("bulk", 3), ("bulk", 60), ("bulk", 100)]
        {
            out.push(shown(store.waiting_in_queue_for_routing(
                queue,
                QueueCut::new(free),
                &not_di,
            )));
        }
        // The mismatch reads are debug builds' (the hub's checks after every transition).
        #[cfg(debug_assertions)]
        out.push(shown(store.held_mismatches()));
        #[cfg(debug_assertions)]
        out.push(shown(store.waiting_mismatches()));
        out.push(shown(store.recount_kept_counts()));
        #[cfg(debug_assertions)]
        out.push(shown(store.held_mismatches()));
        #[cfg(debug_assertions)]
        out.push(shown(store.waiting_mismatches()));
        out
    }

    /// Counts set wrong, for the mismatch reads and the recount to find.
    const SKEW: &str = "UPDATE agents SET held = 7 WHERE id = 'ada';
        UPDATE queue_waiting SET waiting = 9 WHERE queue_id = 'web';
        DELETE FROM queue_waiting WHERE queue_id = 'zeta';";

    #[test]
    fn routing_behaves_as_on_sqlite() {
        let rows = routing_rows();
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::store::open(&dir.path().join("hub.sqlite3")).unwrap();
        conn.execute_batch(TEST_CONVERSATIONS).unwrap();
        conn.execute_batch(&rows).unwrap();
        let db = crate::testing::TestDatabase::create();
        let pg = Pg::connect(db.url()).unwrap();
        super::super::migrate(&pg).unwrap();
        pg.batch(TEST_CONVERSATIONS).unwrap();
        pg.batch(&rows).unwrap();

        let mut on_sqlite = exercise(&conn);
        let mut on_postgres = exercise(&pg);
        assert_eq!(on_postgres, on_sqlite);
        assert!(
            on_sqlite[2].contains("\"bo\"") && on_sqlite[2].contains("\"cy\""),
            "{on_sqlite:?}"
        );
        // The bulk queue's read went past a page, and its last cut stopped early.
        assert!(on_sqlite.iter().any(|line| line.contains("\"b69\"")), "{on_sqlite:?}");

        conn.execute_batch(SKEW).unwrap();
        pg.batch(SKEW).unwrap();
        on_sqlite = exercise(&conn);
        on_postgres = exercise(&pg);
        assert_eq!(on_postgres, on_sqlite);
        let mismatches = on_sqlite.len() - 5;
        assert_ne!(on_sqlite[mismatches], "Ok([])", "{on_sqlite:?}");
        assert_eq!(on_sqlite[mismatches + 3], "Ok([])");
    }

    /// PostgreSQL walks the partial indexes in their order (no sort of every taker) and a
    /// queue's waiting conversations through `conversations_by_queue`, when it is told not to
    /// scan (its agents table is empty, and with no other choice it would rather sort).
    #[test]
    fn routing_reads_can_walk_the_indexes() {
        let db = crate::testing::TestDatabase::create();
        let pg = Pg::connect(db.url()).unwrap();
        super::super::migrate(&pg).unwrap();
        // Queues of a crowd, for the planner to weigh `conversations_by_queue` against
        // `conversations_by_state`.
        pg.batch(
            "INSERT INTO conversations (id, channel, queue_id, customer, customer_token_hash,
                                        state, created_at, queued_at)
             SELECT 'q' || n, 'livechat', 'queue' || (n % 20), '{}', 'h', 'queued', n, n
               FROM generate_series(1, 2000) AS n;
             ANALYZE;
             SET enable_seqscan = off; SET enable_bitmapscan = off;",
        )
        .unwrap();
        let plan = |sql: &str| -> String {
            let sql = sql
                .replace("$1", "'web'")
                .replace("$2::boolean", "true")
                .replace("$2", "0")
                .replace("$3", "10");
            pg.query(&format!("EXPLAIN (COSTS OFF) {sql}"), &[])
                .unwrap()
                .iter()
                .map(|row| row.get::<_, String>(0))
                .collect::<Vec<_>>()
                .join("\n")
        };
        for (sql, index) in
            [(TAKERS_LONGEST_IDLE, "agents_longest_idle"), (TAKERS_LEAST_BUSY, "agents_least_busy")]
        {
            let takers = plan(sql);
            assert!(takers.contains(&format!("Index Scan using {index} on agents a")), "{takers}");
            assert!(!takers.contains("Sort"), "{takers}");
        }
        let waiting = plan(WAITING_IN_QUEUE);
        assert!(waiting.contains("using conversations_by_queue on conversations"), "{waiting}");
    }
}
