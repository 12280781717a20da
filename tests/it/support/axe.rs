//! axe-core (npm, pinned in `tests/a11y/package-lock.json`) injected through WebDriver into
//! whatever page a session shows: the desk's window or the customer's browser.

use std::path::Path;

use fantoccini::Client;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Debug, Clone, Deserialize)]
pub struct Violation {
    pub id: String,
    pub impact: Option<String>,
    pub help: String,
    pub nodes: Vec<ViolationNode>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ViolationNode {
    pub target: Value,
    pub html: String,
    pub summary: Option<String>,
}

fn source() -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/a11y/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!("{}: {error}; run scripts/setup --test (npm ci in tests/a11y)", path.display())
    })
}

/// Loads axe into the page once (a new document needs it again).
async fn ensure(client: &Client) {
    let loaded = client.execute("return typeof window.axe", vec![]).await.expect("a page");
    if loaded == json!("object") {
        return;
    }
    let script = format!("{}\n;return typeof window.axe;", source());
    let loaded = client.execute(&script, vec![]).await.expect("axe-core injected");
    assert_eq!(loaded, json!("object"), "axe-core loaded in the page");
}

/// axe's violations on the whole document as it is now.
pub async fn run(client: &Client) -> Vec<Violation> {
    ensure(client).await;
    let script = "const done = arguments[arguments.length - 1];
        axe.run(document, { resultTypes: ['violations'] })
          .then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
             nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 240),
                                          summary: n.failureSummary })) }))))
          .catch((e) => done({ error: String(e) }));";
    let answer = client.execute_async(script, vec![]).await.expect("axe.run");
    serde_json::from_value(answer.clone()).unwrap_or_else(|_| panic!("axe.run failed: {answer}"))
}
