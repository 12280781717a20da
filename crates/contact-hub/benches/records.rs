//! What finding the customer costs when the book is large: a chat arriving with a phone
//! number in national format (matched in E.164 against an indexed column, inside the one
//! transaction that also stores and routes the chat) against the same chat with nothing to
//! match, and the agent's record search.
//!
//! Each chat is closed again outside the measurement, so the queue does not grow with the
//! iterations and both chat figures see the same hub.
//!
//! `cargo bench -p contact-hub --bench records`

use std::time::{Duration, Instant};

use contact_hub::config::HubConfig;
use contact_hub::hub::Hub;
use criterion::{criterion_group, criterion_main, Criterion};
use hub_protocol::{NewCustomerRequest, StartChatRequest};

/// Records in the book.
const RECORDS: u32 = 20_000;

fn book(runtime: &tokio::runtime::Runtime, dir: &tempfile::TempDir) -> Hub {
    let _guard = runtime.enter();
    let hub = Hub::open(HubConfig::demo(), dir.path().join("hub.sqlite3")).unwrap();
    for n in 0..RECORDS {
        hub.create_customer(
            "anna",
            NewCustomerRequest {
                conversation_id: None,
                name: format!("Customer {n} Virtanen"),
                email: Some(format!("customer{n}@example.fi")),
                phone: Some(format!("+358 40 {:07}", 1_000_000 + n)),
                account: Some(format!("AC-{n:06}")),
                notes: String::new(),
            },
        )
        .unwrap();
    }
    hub
}

/// A Finnish chat from the widget; the Finnish queue reads a national number in Finland.
fn chat(phone: Option<String>) -> StartChatRequest {
    StartChatRequest {
        name: "Aino".into(),
        email: None,
        phone,
        account: None,
        case_number: None,
        queue_id: Some("livechat-fi".into()),
        language: Some("fi".into()),
        source: None,
        text: "Hei, tilaukseni on myöhässä".into(),
    }
}

/// Times `iters` chats arriving; each is closed by its customer after the clock stops.
fn arrivals(hub: &Hub, iters: u64, mut request: impl FnMut(u64) -> StartChatRequest) -> Duration {
    let mut measured = Duration::ZERO;
    for i in 0..iters {
        let request = request(i);
        let started = Instant::now();
        let chat = hub.start_chat(request, None).unwrap();
        measured += started.elapsed();
        hub.end_by_customer(&chat.conversation_id).unwrap();
    }
    measured
}

fn records(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let hub = book(&runtime, &dir);
    let _guard = runtime.enter();

    let mut group = c.benchmark_group(format!("{RECORDS} records"));
    group.bench_function("chat arrives, matched by national phone number", |b| {
        b.iter_custom(|iters| {
            arrivals(&hub, iters, |i| {
                let n = (i * 7919) % u64::from(RECORDS);
                chat(Some(format!("040 {:07}", 1_000_000 + n)))
            })
        });
    });
    group.bench_function("chat arrives, nothing to match", |b| {
        b.iter_custom(|iters| arrivals(&hub, iters, |_| chat(None)));
    });
    group.bench_function("search by name", |b| {
        b.iter(|| hub.search_customers("Customer 1999").unwrap());
    });
    group.bench_function("search by phone digits", |b| {
        b.iter(|| hub.search_customers("401019").unwrap());
    });
    group.finish();
    runtime.block_on(hub.shutdown());
}

criterion_group!(benches, records);
criterion_main!(benches);
