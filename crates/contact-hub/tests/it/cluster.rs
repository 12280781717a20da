//! Hub nodes sharing one database (issue 16): the offer clock runs on one node at a time,
//! and when that node is killed (SIGKILL, nothing given back) another node takes it over
//! once the lease expires, and the offer left behind still times out. Real `contact-hub`
//! processes on one SQLite file, driven over HTTP; the database is read for what no API
//! shows (who holds the lease).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

use crate::support::config;

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

#[tokio::test]
async fn the_offer_clock_runs_on_one_node_and_moves_when_that_node_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("hub.sqlite3");
    let config_file = dir.path().join("hub.toml");
    let hub_config = config(&["anna"], |c| {
        c.settings.accept_timeout_secs = 2;
        c.server.worker_lease_secs = 3;
        // A configuration file may not carry the demo's published password.
        c.demo = false;
        for agent in &mut c.agents {
            agent.password_hash = contact_hub::hash_password("cluster-password").unwrap();
        }
    });
    std::fs::write(&config_file, toml::to_string(&hub_config).unwrap()).unwrap();

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
    let login: Value = client
        .post(format!("{}/v1/sessions", b.base))
        .json(&json!({"username": "anna", "password": "cluster-password"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["token"].as_str().unwrap().to_owned();
    let response = client
        .put(format!("{}/v1/agents/me/state", b.base))
        .bearer_auth(&token)
        .json(&json!({"state": {"kind": "available"}}))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    let started: Value = client
        .post(format!("{}/widget/v1/conversations", b.base))
        .json(&json!({"name": "Mia", "language": "en-US", "text": "Is anyone there?"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let conversation = started["conversationId"].as_str().unwrap().to_owned();
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
