//! The event feeds read outside the hub's lock (issue 16): a stream that fell behind its
//! channel re-reads the store while a transition holds the lock, and still delivers every
//! event once, in order.

use std::time::Duration;

use hub_protocol::{SendMessageRequest, StartChatRequest};

use super::transition::lock;
use super::Hub;
use crate::config::HubConfig;

/// Generous: only reached if a read waited for the lock (a deadlock), never by a working hub.
const DEADLOCK: Duration = Duration::from_secs(60);

fn start_chat(hub: &Hub) -> String {
    let request = StartChatRequest {
        name: "Mia".into(),
        email: None,
        phone: None,
        account: None,
        case_number: None,
        queue_id: None,
        language: Some("en-US".into()),
        source: None,
        text: "0".into(),
    };
    hub.start_chat(request, None).unwrap().conversation_id
}

fn write(hub: &Hub, conversation: &str, n: u32) {
    let request = SendMessageRequest { client_id: format!("c{n}"), text: n.to_string() };
    hub.send_customer_message(conversation, request).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lagging_feed_re_reads_the_store_while_the_lock_is_held_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = HubConfig::demo();
    config.limits.stream_buffer_events = 2;
    config.limits.widget_messages_per_conversation_per_minute = 10_000;
    let hub = Hub::open(config, dir.path().join("hub.sqlite3")).unwrap();
    let conversation = start_chat(&hub);
    let mut feed = hub.customer_feed(&conversation, None).await.unwrap();
    // Nobody reads the feed while 30 messages go out: its channel keeps the last 2.
    for n in 1..=30 {
        write(&hub, &conversation, n);
    }

    // A transition in progress: the lock is held, on another thread, until the feed is read.
    let (release, released) = std::sync::mpsc::channel::<()>();
    let (held, holding) = tokio::sync::oneshot::channel();
    let holder = {
        let hub = hub.clone();
        std::thread::spawn(move || {
            let _db = lock(&hub.inner.db);
            held.send(()).unwrap();
            released.recv().unwrap();
        })
    };
    holding.await.unwrap();
    let reader = tokio::spawn(async move {
        let (mut texts, mut last_id) = (Vec::new(), 0);
        while texts.len() < 31 {
            let event = feed.next().await.expect("the feed goes on");
            let body: serde_json::Value = serde_json::from_str(&event.body).unwrap();
            if body["type"] == "messageAdded" && body["message"]["author"]["kind"] == "customer" {
                assert!(event.id > last_id, "ids increase");
                last_id = event.id;
                texts.push(body["message"]["text"].as_str().unwrap().to_owned());
            }
        }
        texts
    });
    let read = tokio::time::timeout(DEADLOCK, reader).await;
    release.send(()).unwrap();
    holder.join().unwrap();
    let texts = read.expect("the feed read without the lock").unwrap();

    let expected: Vec<String> = (0..=30).map(|n| n.to_string()).collect();
    assert_eq!(texts, expected, "every message once, in order");
    assert!(hub.live_stats().lagged >= 1, "the feed did fall behind: {:?}", hub.live_stats());
    hub.shutdown().await;
}
