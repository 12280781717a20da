//! Test harness: a hub on a temporary database (SQLite, or PostgreSQL when asked), request
//! helpers, and an SSE reader.

use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use contact_hub::testing::TestDatabase;
use contact_hub::{Database, Hub, HubConfig};
use futures_util::{Stream, StreamExt};
use serde_json::{json, Value};
use tempfile::TempDir;
use tower::ServiceExt;

/// How long a test waits for an event it expects before failing.
pub const EVENT_WAIT: Duration = Duration::from_secs(10);

/// The demo configuration, trimmed to the agents a test names, with changed settings.
pub fn config(agents: &[&str], tweak: impl FnOnce(&mut HubConfig)) -> HubConfig {
    let mut config = HubConfig::demo();
    config.agents.retain(|a| agents.contains(&a.id.as_str()));
    // Keep the listed order: it is routing's tie-break.
    config.agents.sort_by_key(|a| agents.iter().position(|id| *id == a.id));
    // Tests write and type faster than a customer: the per-conversation limits are raised
    // out of their way (`security` sets its own to try them).
    config.limits.widget_messages_per_conversation_per_minute = 10_000;
    config.limits.widget_typing_per_conversation_per_minute = 10_000;
    config.limits.widget_tickets_per_conversation_per_minute = 10_000;
    tweak(&mut config);
    config.validate().expect("test configuration is valid");
    config
}

/// The database a test's hub runs on: a SQLite file in its directory, or, when the suite
/// runs with `AGENT_DESK_TEST_BACKEND=postgres` (as the README's test command does a second
/// time), a fresh database on the throw-away PostgreSQL cluster.
pub enum TestStore {
    Sqlite(PathBuf),
    Postgres(TestDatabase),
}

impl TestStore {
    pub fn new(dir: &Path) -> Self {
        if contact_hub::testing::postgres_requested() {
            TestStore::Postgres(TestDatabase::create())
        } else {
            TestStore::Sqlite(dir.join("hub.sqlite3"))
        }
    }

    pub fn database(&self) -> Database {
        match self {
            TestStore::Sqlite(path) => Database::Sqlite(path.clone()),
            TestStore::Postgres(db) => Database::Postgres(db.url().to_owned()),
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, TestStore::Postgres(_))
    }

    /// Runs `sql` (portable SQL, no parameters) straight on the database, as an admin
    /// would; the rows it changed.
    pub fn execute(&self, sql: &str) -> usize {
        match self {
            TestStore::Sqlite(path) => {
                rusqlite::Connection::open(path).unwrap().execute(sql, []).unwrap()
            }
            TestStore::Postgres(db) => db.execute(sql),
        }
    }

    /// The rows `sql` (portable SQL) returns, every column as text.
    pub fn rows(&self, sql: &str) -> Vec<Vec<Option<String>>> {
        match self {
            TestStore::Sqlite(path) => {
                let conn = rusqlite::Connection::open(path).unwrap();
                let mut statement = conn.prepare(sql).unwrap();
                let columns = statement.column_count();
                let mut rows = statement.query([]).unwrap();
                let mut found = Vec::new();
                while let Some(row) = rows.next().unwrap() {
                    found.push((0..columns).map(|i| sqlite_text(row, i)).collect());
                }
                found
            }
            TestStore::Postgres(db) => db.rows(sql),
        }
    }

    /// Holds the database's write lock (SQLite's, or the lock every transition takes on
    /// PostgreSQL) from another connection, from now until `held` has passed.
    pub fn hold_write_lock(&self, held: Duration) -> std::thread::JoinHandle<()> {
        match self {
            TestStore::Sqlite(path) => {
                let db = rusqlite::Connection::open(path).unwrap();
                db.execute_batch("BEGIN IMMEDIATE").unwrap();
                std::thread::spawn(move || {
                    std::thread::sleep(held);
                    db.execute_batch("COMMIT").unwrap();
                })
            }
            TestStore::Postgres(db) => db.hold_transitions_lock(held),
        }
    }

    /// The one number `sql` returns.
    pub fn count(&self, sql: &str) -> i64 {
        self.rows(sql)[0][0].as_deref().unwrap().parse().unwrap()
    }

    /// The hub's tables.
    pub fn tables(&self) -> Vec<String> {
        let sql = match self {
            TestStore::Sqlite(_) => "SELECT name FROM sqlite_master WHERE type = 'table'",
            TestStore::Postgres(_) => {
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            }
        };
        self.rows(sql).into_iter().filter_map(|mut row| row.remove(0)).collect()
    }
}

fn sqlite_text(row: &rusqlite::Row<'_>, index: usize) -> Option<String> {
    use rusqlite::types::ValueRef;
    match row.get_ref(index).unwrap() {
        ValueRef::Null => None,
        ValueRef::Integer(n) => Some(n.to_string()),
        ValueRef::Real(x) => Some(x.to_string()),
        ValueRef::Text(t) | ValueRef::Blob(t) => Some(String::from_utf8_lossy(t).into_owned()),
    }
}

/// A hub on a temporary database, with its router.
pub struct TestHub {
    pub dir: TempDir,
    pub store: TestStore,
    pub hub: Hub,
    pub app: Router,
}

impl TestHub {
    pub fn start(config: HubConfig) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = TestStore::new(dir.path());
        let hub = Hub::open(config, store.database()).unwrap();
        let app = contact_hub::router(hub.clone());
        Self { dir, store, hub, app }
    }

    /// Shuts this hub down and, after `down_for`, opens a new one on the same database.
    pub async fn restart(self, config: HubConfig, down_for: Duration) -> Self {
        let TestHub { dir, store, hub, app } = self;
        drop(app);
        hub.shutdown().await;
        drop(hub);
        tokio::time::sleep(down_for).await;
        let hub = Hub::open(config, store.database()).unwrap();
        let app = contact_hub::router(hub.clone());
        Self { dir, store, hub, app }
    }

    /// Sends a request; returns the status and the JSON body (`Null` when empty).
    pub async fn call(
        &self,
        method: Method,
        uri: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let response = self.app.clone().oneshot(request(method, uri, token, body)).await.unwrap();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        let json = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        (status, json)
    }

    pub async fn get(&self, uri: &str, token: &str) -> (StatusCode, Value) {
        self.call(Method::GET, uri, Some(token), None).await
    }

    pub async fn post(&self, uri: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, uri, token, Some(body)).await
    }

    /// Signs in (password `demo`) and returns the token.
    pub async fn login(&self, username: &str) -> String {
        let (status, body) = self
            .post("/v1/sessions", None, json!({"username": username, "password": "demo"}))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["token"].as_str().unwrap().to_owned()
    }

    pub async fn set_state(&self, token: &str, state: Value) -> (StatusCode, Value) {
        self.call(Method::PUT, "/v1/agents/me/state", Some(token), Some(json!({"state": state})))
            .await
    }

    /// Signs in and becomes Available.
    pub async fn available(&self, username: &str) -> String {
        let token = self.login(username).await;
        let (status, body) = self.set_state(&token, json!({"kind": "available"})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        token
    }

    /// A customer starts a chat; returns (conversation id, customer token).
    pub async fn start_chat(&self, name: &str, text: &str) -> (String, String) {
        self.start_chat_in(name, text, None).await
    }

    pub async fn start_chat_in(
        &self,
        name: &str,
        text: &str,
        queue: Option<&str>,
    ) -> (String, String) {
        let (status, body) = self
            .post(
                "/widget/v1/conversations",
                None,
                json!({"name": name, "email": null, "queueId": queue, "language": "en-US", "source": "https://shop.example/help", "text": text}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        (
            body["conversationId"].as_str().unwrap().to_owned(),
            body["customerToken"].as_str().unwrap().to_owned(),
        )
    }

    /// Opens the agent's event stream.
    pub async fn agent_events(&self, token: &str, last_event_id: Option<u64>) -> SseReader {
        let mut request = request(Method::GET, "/v1/events", Some(token), None);
        if let Some(id) = last_event_id {
            request.headers_mut().insert("last-event-id", id.to_string().parse().unwrap());
        }
        self.stream(request).await
    }

    /// A stream ticket for a conversation, as the widget asks for one (token in the header).
    pub async fn customer_ticket(&self, conversation: &str, token: &str) -> String {
        let uri = format!("/widget/v1/conversations/{conversation}/stream-tickets");
        let (status, body) = self.call(Method::POST, &uri, Some(token), None).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["ticket"].as_str().unwrap().to_owned()
    }

    /// Opens the customer's event stream as the widget does: a fresh ticket in the query.
    pub async fn customer_events(
        &self,
        conversation: &str,
        token: &str,
        last_event_id: Option<u64>,
    ) -> SseReader {
        let ticket = self.customer_ticket(conversation, token).await;
        let uri = format!("/widget/v1/conversations/{conversation}/events?ticket={ticket}");
        let mut request = request(Method::GET, &uri, None, None);
        if let Some(id) = last_event_id {
            request.headers_mut().insert("last-event-id", id.to_string().parse().unwrap());
        }
        self.stream(request).await
    }

    /// Opens an event stream at `uri` without credentials in headers (a ticket in the query).
    pub async fn stream_at(&self, uri: &str) -> SseReader {
        self.stream(request(Method::GET, uri, None, None)).await
    }

    async fn stream(&self, request: Request<Body>) -> SseReader {
        let response = self.app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "text/event-stream");
        SseReader::new(
            response.into_body().into_data_stream().map(|r| r.map_err(|e| e.to_string())),
        )
    }

    /// The agent's conversations by state, from the hub itself.
    pub fn state_of(&self, conversation: &str) -> (String, Option<String>) {
        let c = self.hub.conversation(conversation).unwrap();
        let state = serde_json::to_value(c.state).unwrap().as_str().unwrap().to_owned();
        (state, c.agent_id)
    }
}

pub fn request(
    method: Method,
    uri: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    match body {
        Some(body) => builder
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap(),
        None => builder.body(Body::empty()).unwrap(),
    }
}

/// One server-sent event.
#[derive(Debug, Clone)]
pub struct SseEvent {
    pub id: Option<u64>,
    pub data: Value,
}

impl SseEvent {
    /// `body.type` of an AgentEvent/CustomerEvent.
    pub fn kind(&self) -> &str {
        self.data["body"]["type"].as_str().unwrap_or("")
    }
}

type ByteStream = Pin<Box<dyn Stream<Item = Result<axum::body::Bytes, String>> + Send>>;

/// Reads server-sent events from a body stream (axum's or reqwest's).
pub struct SseReader {
    stream: ByteStream,
    buffer: String,
}

impl SseReader {
    pub fn new(
        stream: impl Stream<Item = Result<axum::body::Bytes, String>> + Send + 'static,
    ) -> Self {
        Self { stream: Box::pin(stream), buffer: String::new() }
    }

    /// The next event with data (keep-alive comments skipped); `None` when the stream ends.
    pub async fn try_next(&mut self, wait: Duration) -> Option<SseEvent> {
        tokio::time::timeout(wait, self.next_inner())
            .await
            .expect("timed out waiting for an SSE event")
    }

    async fn next_inner(&mut self) -> Option<SseEvent> {
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let frame: String = self.buffer.drain(..end + 2).collect();
                let mut id = None;
                let mut data = String::new();
                for line in frame.lines() {
                    if let Some(v) = line.strip_prefix("id:") {
                        id = Some(v.trim().parse().unwrap());
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.strip_prefix(' ').unwrap_or(v));
                    }
                }
                if !data.is_empty() {
                    return Some(SseEvent { id, data: serde_json::from_str(&data).unwrap() });
                }
            }
            match self.stream.next().await {
                Some(Ok(chunk)) => self.buffer.push_str(std::str::from_utf8(&chunk).unwrap()),
                Some(Err(e)) => panic!("SSE stream failed: {e}"),
                None => return None,
            }
        }
    }

    /// The next event; fails the test if the stream ends or stays silent.
    pub async fn next(&mut self) -> SseEvent {
        self.try_next(EVENT_WAIT).await.expect("the event stream ended")
    }

    /// The next event, which must be of `kind`.
    pub async fn expect(&mut self, kind: &str) -> SseEvent {
        let event = self.next().await;
        assert_eq!(event.kind(), kind, "unexpected event {}", event.data);
        event
    }

    /// Skips events until one of `kind` arrives.
    pub async fn until(&mut self, kind: &str) -> SseEvent {
        loop {
            let event = self.next().await;
            if event.kind() == kind {
                return event;
            }
        }
    }

    /// Asserts nothing arrives for a short while.
    pub async fn assert_quiet(&mut self, wait: Duration) {
        if let Ok(event) = tokio::time::timeout(wait, self.next_inner()).await {
            panic!("expected silence, got {event:?}");
        }
    }
}
