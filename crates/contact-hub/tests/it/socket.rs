//! The one test over a real socket: the embedding API (`RunningHub`) and an SSE stream read
//! over TCP with an HTTP client, ended by a graceful shutdown.

use std::time::Duration;

use contact_hub::RunningHub;
use futures_util::StreamExt;
use serde_json::{json, Value};

use crate::support::{config, SseReader};

#[tokio::test]
async fn a_running_hub_serves_http_and_streams_events_over_tcp() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("hub.sqlite3");
    let running =
        RunningHub::start(config(&["anna"], |_| {}), &database, "127.0.0.1:0".parse().unwrap())
            .await
            .unwrap();
    assert_ne!(running.addr().port(), 0);
    let base = running.base_url();
    assert_eq!(base, format!("http://127.0.0.1:{}", running.addr().port()));
    let client = reqwest::Client::new();

    let health: Value =
        client.get(format!("{base}/health")).send().await.unwrap().json().await.unwrap();
    assert_eq!(health["status"], "ok");

    let login: Value = client
        .post(format!("{base}/v1/sessions"))
        .json(&json!({"username": "anna", "password": "demo"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["token"].as_str().unwrap().to_owned();
    let response = client
        .put(format!("{base}/v1/agents/me/state"))
        .bearer_auth(&token)
        .json(&json!({"state": {"kind": "available"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    let stream = client.get(format!("{base}/v1/events")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(stream.status(), 200);
    assert_eq!(stream.headers()["content-type"], "text/event-stream");
    let mut events = SseReader::new(stream.bytes_stream().map(|r| r.map_err(|e| e.to_string())));
    assert_eq!(events.expect("snapshot").await.id, Some(0));

    let started: Value = client
        .post(format!("{base}/widget/v1/conversations"))
        .json(&json!({"name": "Mia", "email": "mia@example.com", "queueId": null, "language": "en-US", "source": null, "text": "Hello over TCP"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let offered = events.expect("offered").await;
    assert_eq!(offered.data["body"]["offer"]["conversation"]["id"], started["conversationId"]);
    assert_eq!(offered.data["body"]["offer"]["messages"][0]["text"], "Hello over TCP");
    // Over a socket the hub knows where the chat window connected from.
    assert_eq!(offered.data["body"]["offer"]["conversation"]["customer"]["ip"], "127.0.0.1");

    // Shutdown ends the open stream instead of hanging on it.
    running.shutdown().await;
    assert!(events.try_next(Duration::from_secs(5)).await.is_none(), "the stream ends at shutdown");
    assert!(client.get(format!("{base}/health")).send().await.is_err(), "nothing listens any more");
}
