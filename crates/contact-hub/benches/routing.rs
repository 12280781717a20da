//! What a transition costs while a crowd waits (security review H3): every transition routes,
//! and routing used to re-plan every waiting chat even when no agent had a free slot, so a
//! flood of bot chats made each arrival, message and state change slower for everyone.
//!
//! The hub has one Available agent, full (six chats accepted), and `WAITING` chats in the
//! queues; a chat arrives and is closed again by its customer (both transitions route). The
//! figure to read is the ratio between the two groups of one run: with thousands waiting a
//! transition should cost about what it costs with none.
//!
//! `cargo bench -p contact-hub --bench routing`

use std::time::{Duration, Instant};

use contact_hub::config::HubConfig;
use contact_hub::hub::Hub;
use criterion::{criterion_group, criterion_main, Criterion};
use hub_protocol::{RequestedState, StartChatRequest};

fn chat(n: u64) -> StartChatRequest {
    StartChatRequest {
        name: format!("Customer {n}"),
        email: None,
        phone: None,
        account: None,
        case_number: None,
        queue_id: Some("livechat-en".into()),
        language: Some("en-US".into()),
        source: None,
        text: "Hello, my order has not arrived".into(),
    }
}

/// A hub whose only Available agent is full, with `waiting` chats queued behind them.
fn crowded(runtime: &tokio::runtime::Runtime, dir: &tempfile::TempDir, waiting: u64) -> Hub {
    let _guard = runtime.enter();
    let mut config = HubConfig::demo();
    config.limits.waiting_chats_per_queue = 100_000;
    config.limits.widget_starts_per_ip_per_minute = u32::MAX;
    let hub = Hub::open(config, dir.path().join("hub.sqlite3")).unwrap();
    hub.set_state("anna", RequestedState::Available).unwrap();
    for n in 0..6 {
        let started = hub.start_chat(chat(n), None).unwrap();
        hub.accept("anna", &started.conversation_id).unwrap();
    }
    for n in 0..waiting {
        hub.start_chat(chat(100 + n), None).unwrap();
    }
    hub
}

/// Times `iters` chats arriving and being closed by their customer.
fn arrivals(hub: &Hub, iters: u64) -> Duration {
    let started = Instant::now();
    for i in 0..iters {
        let chat = hub.start_chat(chat(1_000_000 + i), None).unwrap();
        hub.end_by_customer(&chat.conversation_id).unwrap();
    }
    started.elapsed()
}

fn routing(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut group = c.benchmark_group("a chat arrives and leaves, the only agent full");
    for waiting in [0, 5_000] {
        let dir = tempfile::tempdir().unwrap();
        let hub = crowded(&runtime, &dir, waiting);
        let _guard = runtime.enter();
        group.bench_function(format!("{waiting} chats waiting"), |b| {
            b.iter_custom(|iters| arrivals(&hub, iters));
        });
        runtime.block_on(hub.shutdown());
    }
    group.finish();
}

criterion_group!(benches, routing);
criterion_main!(benches);
