//! Hub nodes sharing one database (issue 16): the offer clock runs on one node at a time,
//! and when that node is killed (SIGKILL, nothing given back) another node takes it over
//! once the lease expires, and the offer left behind still times out; an agent's stream on
//! one node gets what customers and the agent do through the other. Real `contact-hub`
//! processes on one SQLite file, driven over HTTP; the database is read for what no API
//! shows (who holds the lease).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use futures_util::StreamExt;
use serde_json::{json, Value};

use crate::support::{config, SseReader};

/// A `contact-hub serve` process.
struct Node {
    child: Child,
    base: String,
}

impl Node {
    async fn start(config_file: &Path, database: &Path, log_file: PathBuf) -> Node {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let log = std::fs::File::create(&log_file).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_contact-hub"))
            .arg("serve")
            .arg("--config")
            .arg(config_file)
            .arg("--database")
            .arg(database)
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}"))
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap();
        let node = Node { child, base: format!("http://127.0.0.1:{port}") };
        let client = reqwest::Client::new();
        for _ in 0..200 {
            if let Ok(response) = client.get(format!("{}/health", node.base)).send().await {
                if response.status().is_success() {
                    return node;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let log = std::fs::read_to_string(&log_file).unwrap_or_default();
        panic!("node at {} did not answer /health:\n{log}", node.base);
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Who holds the offer clock's lease, as the database says.
fn clock_holder(database: &Path) -> Option<String> {
    let conn = rusqlite::Connection::open(database).unwrap();
    conn.query_row("SELECT holder FROM leases WHERE name = 'offer-clock'", [], |r| r.get(0)).ok()
}

fn held_by(holder: &Option<String>, node: &Node) -> bool {
    holder.as_deref().is_some_and(|h| h.starts_with(&format!("pid-{}-", node.pid())))
}

async fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..600 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("gave up waiting: {what}");
}

const PASSWORD: &str = "cluster-password";

/// A configuration file for the nodes (anna alone, offers timing out after 2 s, leases of
/// 3 s, events relayed every 20 ms) in `dir`.
fn cluster_config(dir: &Path) -> PathBuf {
    let hub_config = config(&["anna"], |c| {
        c.settings.accept_timeout_secs = 2;
        c.server.worker_lease_secs = 3;
        c.server.cluster_poll_ms = 20;
        // A configuration file may not carry the demo's published password.
        c.demo = false;
        for agent in &mut c.agents {
            agent.password_hash = contact_hub::hash_password(PASSWORD).unwrap();
        }
    });
    let file = dir.join("hub.toml");
    std::fs::write(&file, toml::to_string(&hub_config).unwrap()).unwrap();
    file
}

/// Signs anna in on `node` and makes her Available; her token.
async fn anna_available(client: &reqwest::Client, node: &Node) -> String {
    let login: Value = client
        .post(format!("{}/v1/sessions", node.base))
        .json(&json!({"username": "anna", "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["token"].as_str().unwrap().to_owned();
    let response = client
        .put(format!("{}/v1/agents/me/state", node.base))
        .bearer_auth(&token)
        .json(&json!({"state": {"kind": "available"}}))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    token
}

/// A customer starts a chat on `node`: (conversation id, customer token).
async fn start_chat(client: &reqwest::Client, node: &Node, text: &str) -> (String, String) {
    let started: Value = client
        .post(format!("{}/widget/v1/conversations", node.base))
        .json(&json!({"name": "Mia", "language": "en-US", "text": text}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (
        started["conversationId"].as_str().unwrap().to_owned(),
        started["customerToken"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn the_offer_clock_runs_on_one_node_and_moves_when_that_node_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("hub.sqlite3");
    let config_file = cluster_config(dir.path());

    let a = Node::start(&config_file, &database, dir.path().join("a.log")).await;
    eventually("node A's clock takes the lease", || held_by(&clock_holder(&database), &a)).await;
    let b = Node::start(&config_file, &database, dir.path().join("b.log")).await;
    // B's clock comes back every second (a third of the lease) and finds it held.
    for _ in 0..5 {
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert!(held_by(&clock_holder(&database), &a), "A keeps the clock while it lives");
    }

    // On B: anna goes Available and is offered a chat.
    let client = reqwest::Client::new();
    anna_available(&client, &b).await;
    let (conversation, _) = start_chat(&client, &b, "Is anyone there?").await;
    let state = |database: &Path| -> (String, Option<String>, String) {
        let conn = rusqlite::Connection::open(database).unwrap();
        conn.query_row(
            "SELECT c.state, c.agent_id, a.state FROM conversations c, agents a
              WHERE c.id = ?1 AND a.id = 'anna'",
            [&conversation],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
    };
    assert_eq!(state(&database).0, "offered");

    // A dies with the lease and the offer's deadline in its hands.
    let mut a = a;
    a.child.kill().unwrap();
    a.child.wait().unwrap();

    // B takes the clock once the lease expires, and anna's unanswered offer times out.
    eventually("node B takes the clock", || held_by(&clock_holder(&database), &b)).await;
    eventually("the offer times out", || {
        let (conversation, agent, anna) = state(&database);
        conversation == "queued" && agent.is_none() && anna.contains("rona")
    })
    .await;
    drop(b);
}

#[tokio::test]
async fn a_stream_on_one_node_gets_what_happens_through_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("hub.sqlite3");
    let config_file = cluster_config(dir.path());
    let a = Node::start(&config_file, &database, dir.path().join("a.log")).await;
    let b = Node::start(&config_file, &database, dir.path().join("b.log")).await;
    let client = reqwest::Client::new();

    // anna follows her events on A and works through B.
    let token = anna_available(&client, &b).await;
    let stream =
        client.get(format!("{}/v1/events", a.base)).bearer_auth(&token).send().await.unwrap();
    assert_eq!(stream.status(), 200);
    let mut events = SseReader::new(stream.bytes_stream().map(|r| r.map_err(|e| e.to_string())));
    events.expect("snapshot").await;

    let (conversation, customer_token) = start_chat(&client, &b, "Hello from node B").await;
    let offered = events.expect("offered").await;
    assert_eq!(offered.data["body"]["offer"]["conversation"]["id"], conversation.as_str());
    let response = client
        .post(format!("{}/v1/conversations/{conversation}/accept", b.base))
        .bearer_auth(&token)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    let assigned = events.expect("assigned").await;
    let response = client
        .post(format!("{}/widget/v1/conversations/{conversation}/messages", b.base))
        .bearer_auth(&customer_token)
        .json(&json!({"clientId": "c-1", "text": "My order 991 is late"}))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    let message = events.until("messageAdded").await;
    assert_eq!(message.data["body"]["message"]["text"], "My order 991 is late");
    // In the order the database gave them.
    assert!(offered.id < assigned.id && assigned.id < message.id);
}
