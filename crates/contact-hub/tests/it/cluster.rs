//! Hub nodes sharing one database (issue 16): the offer clock runs on one node at a time,
//! and when that node is killed (SIGKILL, nothing given back) another node takes it over
//! once the lease expires, and the offer left behind still times out; an agent's stream on
//! one node gets what customers and the agent do through the other; and behind a real
//! balancer (HAProxy, Debian's), when the node serving a stream is killed, the agent's and
//! the customer's streams resume on the survivor from `Last-Event-ID` and lose or repeat
//! nothing. Real `contact-hub` processes on one database (a SQLite file, or PostgreSQL when
//! the suite runs on it), driven over HTTP; the database is read for what no API shows (who
//! holds the lease).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use futures_util::StreamExt;
use serde_json::{json, Value};

use contact_hub::Database;

use crate::support::{config, SseEvent, SseReader, TestStore};

/// A `contact-hub serve` process.
struct Node {
    child: Child,
    base: String,
}

impl Node {
    async fn start(config_file: &Path, database: &TestStore, log_file: PathBuf) -> Node {
        let database = match database.database() {
            Database::Sqlite(path) => path.into_os_string(),
            Database::Postgres(url) => url.into(),
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let log = std::fs::File::create(&log_file).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_contact-hub"))
            .arg("serve")
            .arg("--config")
            .arg(config_file)
            .arg("--database")
            .arg(&database)
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
fn clock_holder(database: &TestStore) -> Option<String> {
    database
        .rows("SELECT holder FROM leases WHERE name = 'offer-clock'")
        .pop()
        .and_then(|mut row| row.remove(0))
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
    cluster_config_with(dir, |_| {})
}

/// [`cluster_config`], then `tweak`.
fn cluster_config_with(dir: &Path, tweak: impl FnOnce(&mut contact_hub::HubConfig)) -> PathBuf {
    let hub_config = config(&["anna"], |c| {
        c.settings.accept_timeout_secs = 2;
        c.server.worker_lease_secs = 3;
        c.server.cluster_poll_ms = 20;
        // A configuration file may not carry the demo's published password.
        c.demo = false;
        for agent in &mut c.agents {
            agent.password_hash = contact_hub::hash_password(PASSWORD).unwrap();
        }
        tweak(c);
    });
    let file = dir.join("hub.toml");
    std::fs::write(&file, toml::to_string(&hub_config).unwrap()).unwrap();
    file
}

/// Signs anna in on `node` and makes her Available; her token.
async fn anna_available(client: &reqwest::Client, node: &Node) -> String {
    anna_available_at(client, &node.base).await
}

async fn anna_available_at(client: &reqwest::Client, base: &str) -> String {
    let login: Value = client
        .post(format!("{base}/v1/sessions"))
        .json(&json!({"username": "anna", "password": PASSWORD}))
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
    assert!(response.status().is_success());
    token
}

/// A customer starts a chat on `node`: (conversation id, customer token).
async fn start_chat(client: &reqwest::Client, node: &Node, text: &str) -> (String, String) {
    start_chat_at(client, &node.base, text).await
}

async fn start_chat_at(client: &reqwest::Client, base: &str, text: &str) -> (String, String) {
    let started: Value = client
        .post(format!("{base}/widget/v1/conversations"))
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
    let database = TestStore::new(dir.path());
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
    let state = |database: &TestStore| -> (String, Option<String>, String) {
        let mut row = database
            .rows(&format!(
                "SELECT c.state, c.agent_id, a.state FROM conversations c, agents a
                  WHERE c.id = '{conversation}' AND a.id = 'anna'"
            ))
            .remove(0)
            .into_iter();
        let mut next = || row.next().unwrap();
        (next().unwrap(), next(), next().unwrap())
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

/// anna follows her events on node A and works through node B: a customer starts a chat on
/// B, anna accepts it on B, the customer writes on B. Her stream on A gets the offer, the
/// assignment and the message (returned in that order).
async fn chat_through_b_seen_on_a(a: &Node, b: &Node, text: &str) -> [SseEvent; 3] {
    let client = reqwest::Client::new();
    let token = anna_available(&client, b).await;
    let stream =
        client.get(format!("{}/v1/events", a.base)).bearer_auth(&token).send().await.unwrap();
    assert_eq!(stream.status(), 200);
    let mut events = SseReader::new(stream.bytes_stream().map(|r| r.map_err(|e| e.to_string())));
    events.expect("snapshot").await;

    let (conversation, customer_token) = start_chat(&client, b, "Hello from node B").await;
    let offered = events.expect("offered").await;
    assert_eq!(offered.data["body"]["offer"]["conversation"]["id"], conversation.as_str());
    let response = client
        .post(format!("{}/v1/conversations/{conversation}/accept", b.base))
        .bearer_auth(&token)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{:?}", response.text().await);
    let assigned = events.expect("assigned").await;
    let response = client
        .post(format!("{}/widget/v1/conversations/{conversation}/messages", b.base))
        .bearer_auth(&customer_token)
        .json(&json!({"clientId": "c-1", "text": text}))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    let message = events.until("messageAdded").await;
    assert_eq!(message.data["body"]["message"]["text"], text);
    [offered, assigned, message]
}

#[tokio::test]
async fn a_stream_on_one_node_gets_what_happens_through_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let database = TestStore::new(dir.path());
    let config_file = cluster_config(dir.path());
    let a = Node::start(&config_file, &database, dir.path().join("a.log")).await;
    let b = Node::start(&config_file, &database, dir.path().join("b.log")).await;
    let [offered, assigned, message] =
        chat_through_b_seen_on_a(&a, &b, "My order 991 is late").await;
    // In the order the database gave them.
    assert!(offered.id < assigned.id && assigned.id < message.id);
}

/// On PostgreSQL a commit wakes the other nodes (`NOTIFY`): with the relay's timer set to ten
/// minutes, what happens through node B still reaches anna's stream on node A at once.
/// (SQLite's nodes can only poll: there the test has nothing to show.)
#[tokio::test]
async fn on_postgresql_a_commit_wakes_the_other_nodes_relays() {
    let dir = tempfile::tempdir().unwrap();
    let database = TestStore::new(dir.path());
    if !database.is_postgres() {
        return;
    }
    // Ten minutes between the relay's reads, and a minute to accept: only a wake-up brings
    // the offer in time.
    let config_file = cluster_config_with(dir.path(), |c| {
        c.server.cluster_poll_ms = 600_000;
        c.settings.accept_timeout_secs = 60;
    });
    let a = Node::start(&config_file, &database, dir.path().join("a.log")).await;
    let b = Node::start(&config_file, &database, dir.path().join("b.log")).await;
    chat_through_b_seen_on_a(&a, &b, "Still there?").await;
}

/// HAProxy in front of the nodes: round robin, health checks every 200 ms, a request whose
/// connection a dead node refuses sent to another, and the serving node named in each
/// response (`X-Hub-Node`).
struct Balancer {
    child: Child,
    base: String,
}

impl Balancer {
    async fn start(dir: &Path, nodes: &[(&str, &Node)]) -> Balancer {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let servers: String = nodes
            .iter()
            .map(|(name, node)| {
                let address = node.base.trim_start_matches("http://");
                format!("    server {name} {address} check inter 200ms fall 1 rise 1\n")
            })
            .collect();
        let config = format!(
            "global\n    maxconn 2000\n\
             defaults\n    mode http\n    timeout connect 1s\n    timeout client 1h\n\
             \x20   timeout server 1h\n    retries 3\n    option redispatch 1\n\
             frontend hub\n    bind 127.0.0.1:{port}\n    default_backend nodes\n\
             backend nodes\n    balance roundrobin\n    option httpchk GET /health\n\
             \x20   option http-no-delay\n    http-response set-header X-Hub-Node %s\n{servers}"
        );
        let file = dir.join("haproxy.cfg");
        std::fs::write(&file, config).unwrap();
        let log = std::fs::File::create(dir.join("haproxy.log")).unwrap();
        let child = Command::new("haproxy")
            .arg("-f")
            .arg(&file)
            .arg("-db")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("haproxy (Debian's haproxy package; scripts/setup --test installs it)");
        let balancer = Balancer { child, base: format!("http://127.0.0.1:{port}") };
        let client = reqwest::Client::new();
        for _ in 0..200 {
            if let Ok(response) = client.get(format!("{}/health", balancer.base)).send().await {
                if response.status().is_success() {
                    return balancer;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "haproxy did not answer: {}",
            std::fs::read_to_string(dir.join("haproxy.log")).unwrap()
        );
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An event stream through the balancer that, when its node goes away, opens again with
/// `Last-Event-ID` (as the desk and the widget do).
struct Resuming {
    reader: SseReader,
    /// The node serving it now.
    node: String,
    last_id: Option<u64>,
    reconnects: usize,
}

/// Opens `url` (the agent's token as bearer, if any) from `last_id`: the reader and the node.
async fn open_stream(
    client: &reqwest::Client,
    url: &str,
    token: Option<&str>,
    last_id: Option<u64>,
) -> (SseReader, String) {
    let mut request = client.get(url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(id) = last_id {
        request = request.header("Last-Event-ID", id.to_string());
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 200);
    let node = response.headers()["x-hub-node"].to_str().unwrap().to_owned();
    // A connection cut when its node dies ends the stream, as the browser sees it.
    let body = response.bytes_stream().take_while(|r| std::future::ready(r.is_ok()));
    (SseReader::new(body.map(|r| r.map_err(|e| e.to_string()))), node)
}

impl Resuming {
    /// The next event of `kind`, reopening the stream (through `reopen`) when it ends.
    async fn until<F, Fut>(&mut self, kind: &str, reopen: F) -> SseEvent
    where
        F: Fn(Option<u64>) -> Fut,
        Fut: std::future::Future<Output = (SseReader, String)>,
    {
        loop {
            match self.reader.try_next(crate::support::EVENT_WAIT).await {
                Some(event) => {
                    if let Some(id) = event.id.filter(|id| *id > 0) {
                        assert!(self.last_id.is_none_or(|last| id > last), "id {id} again");
                        self.last_id = Some(id);
                    }
                    if event.kind() == kind {
                        return event;
                    }
                }
                None => {
                    let (reader, node) = reopen(self.last_id).await;
                    self.reader = reader;
                    self.node = node;
                    self.reconnects += 1;
                }
            }
        }
    }
}

/// Posts a line (`clientId`, `text`) to `url` with `token`, through the balancer.
async fn say(client: &reqwest::Client, url: String, token: &str, client_id: String, text: String) {
    let response = client
        .post(url)
        .bearer_auth(token)
        .json(&json!({"clientId": client_id, "text": text}))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
}

#[tokio::test]
async fn behind_a_balancer_streams_resume_on_the_survivor_when_a_node_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    let database = TestStore::new(dir.path());
    let config_file = cluster_config(dir.path());
    let a = Node::start(&config_file, &database, dir.path().join("a.log")).await;
    let b = Node::start(&config_file, &database, dir.path().join("b.log")).await;
    let lb = Balancer::start(dir.path(), &[("a", &a), ("b", &b)]).await;
    let client = reqwest::Client::new();
    let base = lb.base.clone();

    // Everything through the balancer: anna signs in and follows her events.
    let token = anna_available_at(&client, &base).await;
    let agent_url = format!("{base}/v1/events");
    let reopen_agent = |last: Option<u64>| open_stream(&client, &agent_url, Some(&token), last);
    let (reader, node) = reopen_agent(None).await;
    let mut anna = Resuming { reader, node, last_id: None, reconnects: 0 };
    let (conversation, customer_token) =
        start_chat_at(&client, &base, "Hello through the balancer").await;
    anna.until("offered", reopen_agent).await;
    let accept = format!("{base}/v1/conversations/{conversation}/accept");
    let response = client.post(&accept).bearer_auth(&token).json(&json!({})).send().await.unwrap();
    assert!(response.status().is_success());
    anna.until("assigned", reopen_agent).await;

    // The customer follows theirs, each (re)connection with a fresh ticket.
    let reopen_customer = |last: Option<u64>| {
        let (client, base, conversation, customer_token) =
            (client.clone(), base.clone(), conversation.clone(), customer_token.clone());
        async move {
            let ticket: Value = client
                .post(format!("{base}/widget/v1/conversations/{conversation}/stream-tickets"))
                .bearer_auth(&customer_token)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            let ticket = ticket["ticket"].as_str().unwrap().to_owned();
            let url =
                format!("{base}/widget/v1/conversations/{conversation}/events?ticket={ticket}");
            open_stream(&client, &url, None, last).await
        }
    };
    let (reader, node) = reopen_customer(None).await;
    let mut mia = Resuming { reader, node, last_id: None, reconnects: 0 };

    let customer_says = |n: usize| {
        let url = format!("{base}/widget/v1/conversations/{conversation}/messages");
        say(&client, url, &customer_token, format!("c-{n}"), format!("customer line {n}"))
    };
    let agent_says = |n: usize| {
        let url = format!("{base}/v1/conversations/{conversation}/messages");
        say(&client, url, &token, format!("a-{n}"), format!("agent line {n}"))
    };
    let mut anna_read = Vec::new();
    let mut mia_read = Vec::new();
    let text =
        |event: &SseEvent| event.data["body"]["message"]["text"].as_str().unwrap_or("").to_owned();
    for n in 0..2 {
        customer_says(n).await;
        agent_says(n).await;
    }

    // The node serving anna's stream dies.
    let doomed = anna.node.clone();
    let (mut a, mut b) = (a, b);
    let (dead, survivor) = if doomed == "a" { (&mut a, "b") } else { (&mut b, "a") };
    dead.child.kill().unwrap();
    dead.child.wait().unwrap();

    for n in 2..4 {
        customer_says(n).await;
        agent_says(n).await;
    }
    // Everything each side wrote reaches the other once, in order, across the failover.
    let ours = |line: &str| line.starts_with("customer line") || line.starts_with("agent line");
    while anna_read.len() < 8 {
        let line = text(&anna.until("messageAdded", reopen_agent).await);
        if ours(&line) {
            anna_read.push(line);
        }
    }
    while mia_read.len() < 8 {
        let line = text(&mia.until("messageAdded", &reopen_customer).await);
        if ours(&line) {
            mia_read.push(line);
        }
    }
    let expected: Vec<String> =
        (0..4).flat_map(|n| [format!("customer line {n}"), format!("agent line {n}")]).collect();
    assert_eq!(anna_read, expected);
    assert_eq!(mia_read, expected);
    // Nothing more: no line came twice.
    anna.reader.assert_quiet(Duration::from_millis(500)).await;
    mia.reader.assert_quiet(Duration::from_millis(500)).await;
    assert!(anna.reconnects >= 1, "anna's stream was on the node that died");
    assert_eq!(anna.node, survivor);
    assert_eq!(mia.node, survivor);
    drop(lb);
}
