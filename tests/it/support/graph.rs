//! A stand-in for the Graph API's send endpoints on a loopback socket: it records what the
//! hub sends (path, Authorization, JSON body) and answers as Meta documents, with the
//! documented success (a fresh message id each time) or a scripted error.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use serde_json::{json, Value};

use super::eventually;

#[derive(Debug, Clone)]
pub struct Recorded {
    pub path: String,
    pub authorization: String,
    pub body: Value,
}

#[derive(Default)]
struct Recorder {
    requests: Vec<Recorded>,
    script: VecDeque<(StatusCode, Value)>,
}

#[derive(Clone)]
pub struct GraphRecorder {
    state: Arc<Mutex<Recorder>>,
    /// What the hub's `graph_base_url` should be.
    pub base_url: String,
}

impl GraphRecorder {
    pub async fn start() -> Self {
        let state = Arc::new(Mutex::new(Recorder::default()));
        let app = axum::Router::new()
            .route("/v23.0/{*path}", axum::routing::post(record))
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}/v23.0", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { state, base_url }
    }

    /// The next send gets this answer instead of the documented success.
    pub fn answer_next(&self, status: StatusCode, body: Value) {
        self.state.lock().unwrap().script.push_back((status, body));
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    /// Waits for the `n`-th request (1-based) and returns it.
    pub async fn nth(&self, n: usize) -> Recorded {
        eventually(&format!("send request {n} at the Graph API"), || async {
            self.requests().get(n - 1).cloned()
        })
        .await
    }
}

async fn record(
    State(state): State<Arc<Mutex<Recorder>>>,
    Path(path): Path<String>,
    headers: HeaderMap,
    body: String,
) -> (StatusCode, axum::Json<Value>) {
    let mut state = state.lock().unwrap();
    let n = state.requests.len() + 1;
    state.requests.push(Recorded {
        path,
        authorization: headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned(),
        body: serde_json::from_str(&body).unwrap_or(Value::Null),
    });
    let answer = state.script.pop_front().unwrap_or_else(|| {
        // The documented success bodies, with an id of this message's own.
        if body.contains("messaging_product") {
            let id = format!("wamid.HBgLMTY0NjcwNDM1OTUVAgARGBI1RjQyNUE3NEYxMzAz{n}");
            (StatusCode::OK, json!({"messaging_product": "whatsapp", "contacts": [{"input": "16505551234", "wa_id": "16505551234"}], "messages": [{"id": id}]}))
        } else {
            (StatusCode::OK, json!({"recipient_id": "PAGE-SCOPED-ID", "message_id": format!("m_AG5Hz2U{n}")}))
        }
    });
    (answer.0, axum::Json(answer.1))
}
