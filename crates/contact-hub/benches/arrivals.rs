//! What one chat arriving costs a hub with ten thousand agents (issue 16), as the number of
//! open conversations grows.
//!
//! The hub has 10,000 agents serving livechat-en. Two pictures, each with `K` conversations
//! open besides (1,000 and 100,000):
//!
//! - **offered**: every agent Available with free slots, `K` chats waiting in livechat-de,
//!   which nobody serves; a chat arrives in livechat-en and is offered to the agent who has
//!   waited longest. Timed: that arrival (its customer then leaves, untimed).
//! - **queued**: every agent Available and full (six chats active each, 60,000 open), `K`
//!   chats waiting in livechat-en behind them; a chat arrives and waits. Timed: that arrival.
//!
//! The crowd is written into the database directly (the hub is shut down meanwhile):
//! arriving 100,000 chats one by one through the hub is what is measured, not how to set
//! it up. The figures to read are each picture's two groups side by side (the budget: at
//! 100,000 open at most twice the cost at 1,000), and the same bench run on the commit
//! before the routing pass (`git stash` the sources, not this file).
//!
//! On the 2-core machine (one arrival, criterion's median; before = the commit before the
//! routing pass, same bench, same run of the machine):
//!
//! | picture  | open besides | before   | after    |
//! |----------|--------------|----------|----------|
//! | offered  | 1,000        | 61.3 ms  | 7.45 ms  |
//! | offered  | 100,000      | 114.8 ms | 7.54 ms  |
//! | queued   | 1,000        | 85.8 ms  | 0.35 ms  |
//! | queued   | 100,000      | 100.0 ms | 6.79 ms  |
//!
//! What is left: "offered" reads the 10,000 agents who have a free slot (one statement, the
//! plan over 10,000 candidates); "queued" counts the queue's waiting chats up to the
//! `waiting_chats_per_queue` cap (here 1,000,000) to refuse one past it.
//!
//! `cargo bench -p contact-hub --bench arrivals`

use std::path::Path;
use std::time::{Duration, Instant};

use contact_hub::config::HubConfig;
use contact_hub::hub::Hub;
use criterion::{criterion_group, criterion_main, Criterion};
use hub_protocol::{AgentState, StartChatRequest};

const AGENTS: usize = 10_000;

fn chat(n: u64, queue: &str) -> StartChatRequest {
    StartChatRequest {
        name: format!("Customer {n}"),
        queue_id: Some(queue.into()),
        language: Some("en-US".into()),
        text: "Hello, my order has not arrived".into(),
        ..StartChatRequest::default()
    }
}

fn config() -> HubConfig {
    let mut config = HubConfig::demo();
    config.limits.waiting_chats_per_queue = 1_000_000;
    config.limits.widget_starts_per_ip_per_minute = u32::MAX;
    let template = config.agents[0].clone();
    config.agents = (0..AGENTS)
        .map(|n| {
            let mut agent = template.clone();
            agent.id = format!("agent-{n}");
            agent.username = agent.id.clone();
            agent.queues = vec!["livechat-en".into()];
            agent.capacity = Some(6);
            agent
        })
        .collect();
    config
}

/// Copies the conversation `template` `count` times in the database, in `state`, owned by
/// the agents in turn when `owned`.
fn copy_conversation(db: &Path, template: &str, count: usize, state: &str, owned: bool) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?2)
         INSERT INTO conversations (id, channel, queue_id, customer, customer_token_hash,
                                    state, agent_id, created_at, queued_at)
         SELECT ?3 || '-' || i, channel, queue_id, customer, customer_token_hash, ?3,
                CASE WHEN ?4 THEN 'agent-' || (i % ?5) END, created_at, queued_at
           FROM n, conversations WHERE id = ?1",
        rusqlite::params![template, count as i64, state, owned, AGENTS as i64],
    )
    .unwrap();
}

/// A hub with every agent Available, `waiting` chats waiting in `waiting_queue` and, when
/// `full`, six chats active for every agent.
fn crowd(
    runtime: &tokio::runtime::Runtime,
    dir: &tempfile::TempDir,
    waiting: usize,
    waiting_queue: &str,
    full: bool,
) -> Hub {
    let _guard = runtime.enter();
    let db = dir.path().join("hub.sqlite3");
    let hub = Hub::open(config(), &db).unwrap();
    let template = hub.start_chat(chat(0, waiting_queue), None).unwrap().conversation_id;
    runtime.block_on(hub.shutdown());
    if full {
        copy_conversation(&db, &template, AGENTS * 6, "active", true);
    }
    copy_conversation(&db, &template, waiting - 1, "queued", false);
    // Everybody Available, each having waited since a moment of their own.
    let available = serde_json::to_string(&AgentState::Available).unwrap();
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute("UPDATE agents SET state = ?1, since = 1, idle_since = rowid", [available])
        .unwrap();
    Hub::open(config(), &db).unwrap()
}

/// Times `iters` chats arriving in livechat-en; each one's customer leaves again, untimed.
fn arrivals(hub: &Hub, iters: u64) -> Duration {
    let mut timed = Duration::ZERO;
    for i in 0..iters {
        let started = Instant::now();
        let chat = hub.start_chat(chat(1_000_000 + i, "livechat-en"), None).unwrap();
        timed += started.elapsed();
        hub.end_by_customer(&chat.conversation_id).unwrap();
    }
    timed
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let open: Vec<usize> = std::env::var("ARRIVALS_OPEN")
        .map(|v| v.split(',').map(|n| n.trim().parse().unwrap()).collect())
        .unwrap_or_else(|_| vec![1_000, 100_000]);
    for (picture, waiting_queue, full) in
        [("offered", "livechat-de", false), ("queued", "livechat-en", true)]
    {
        let mut group = c.benchmark_group(format!("10,000 agents, a chat arrives: {picture}"));
        group.sample_size(10).measurement_time(Duration::from_secs(10));
        for &waiting in &open {
            let dir = tempfile::tempdir().unwrap();
            let hub = crowd(&runtime, &dir, waiting, waiting_queue, full);
            let _guard = runtime.enter();
            group.bench_function(format!("{waiting} waiting"), |b| {
                b.iter_custom(|iters| arrivals(&hub, iters));
            });
            runtime.block_on(hub.shutdown());
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
