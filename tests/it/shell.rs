//! The shell on Tauri's mock runtime: its commands, with their capability, against a real
//! hub on a loopback socket.

use std::sync::OnceLock;

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

use crate::support::{ApiAgent, Customer, TestHub};

/// Keeps the tests' settings and data out of the real ones, and the embedded hub unstarted
/// (a team hub is "configured").
fn isolated_environment() {
    static HOME: OnceLock<tempfile::TempDir> = OnceLock::new();
    HOME.get_or_init(|| {
        let home = tempfile::tempdir().unwrap();
        std::env::set_var("XDG_CONFIG_HOME", home.path().join("config"));
        std::env::set_var("XDG_DATA_HOME", home.path().join("data"));
        std::env::set_var("AGENT_DESK_HUB_URL", "http://127.0.0.1:9");
        home
    });
}

fn app() -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    isolated_environment();
    let app = agent_desk::run_app(mock_builder(), agent_desk::context()).unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    (app, webview)
}

fn invoke(
    webview: &WebviewWindow<MockRuntime>,
    command: &str,
    body: Value,
) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: command.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(body),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(webview, request).map(|body| body.deserialize::<Value>().unwrap())
}

fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + crate::support::PATIENCE;
    while !check() {
        assert!(std::time::Instant::now() < deadline, "gave up waiting: {what}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn texts_come_from_fluent_with_plurals() {
    let (_app, webview) = app();
    let answer = invoke(
        &webview,
        "localize",
        json!({ "requests": [
            { "id": "offer-accept" },
            { "id": "task-unread", "args": { "count": 2 } },
            { "id": "no-such-message" },
        ]}),
    )
    .unwrap();
    assert_eq!(answer[0]["value"], "Accept");
    let unread = answer[1]["value"].as_str().unwrap();
    assert!(unread.contains("unread messages"), "{unread}");
    assert_eq!(answer[2], Value::Null);
}

#[test]
fn switching_the_language_reports_its_direction() {
    let (_app, webview) = app();
    let info = invoke(&webview, "locale_info", json!({})).unwrap();
    assert!(info["available"].as_array().unwrap().contains(&json!("en-US")));
    let switched = invoke(&webview, "set_locale", json!({ "locale": "en-US" })).unwrap();
    assert_eq!(switched["dir"], "ltr");
}

#[test]
fn a_conversation_through_the_commands_with_the_token_kept_in_rust() {
    let (_app, webview) = app();
    let hub = tauri::async_runtime::block_on(TestHub::start(TestHub::config(|config| {
        config.settings.accept_timeout_secs = 120;
    })));

    let wrong = invoke(
        &webview,
        "sign_in",
        json!({ "request": { "hub": { "mode": "remote", "url": hub.url() }, "username": "anna",
                "password": "nope", "remember": false } }),
    )
    .unwrap_err();
    assert_eq!(wrong["code"], "invalid-credentials");

    let session = invoke(
        &webview,
        "sign_in",
        json!({ "request": { "hub": { "mode": "remote", "url": hub.url() }, "username": "anna",
                "password": "demo", "remember": false } }),
    )
    .unwrap();
    assert_eq!(session["agent"]["displayName"], "Anna Lindqvist");
    assert!(!session.to_string().to_lowercase().contains("token"), "no token reaches the webview");
    assert!(!session["wrapupReasons"].as_array().unwrap().is_empty());

    let presence =
        invoke(&webview, "set_presence", json!({ "state": { "kind": "available" } })).unwrap();
    assert_eq!(presence["state"]["kind"], "available");
    let rona = invoke(&webview, "set_presence", json!({ "state": { "kind": "rona" } }));
    assert!(rona.is_err(), "RONA is not a state the agent may ask for");

    let customer = tauri::async_runtime::block_on(Customer::start(
        &hub.url(),
        "Melissa Jones",
        "My card is 4111 1111 1111 1111",
    ));
    let conversation = customer.conversation_id.clone();
    eventually("the offer to reach the desk", || {
        let view = invoke(&webview, "session_view", json!({})).unwrap();
        view["desk"]["offers"].as_array().is_some_and(|offers| offers.len() == 1)
    });
    let view = invoke(&webview, "session_view", json!({})).unwrap();
    let first = view["desk"]["offers"][0]["messages"][0]["text"].as_str().unwrap().to_owned();
    assert!(!first.contains("4111 1111"), "the card number is masked before the webview: {first}");

    invoke(&webview, "accept_offer", json!({ "conversationId": conversation })).unwrap();
    eventually("the task to be assigned", || {
        invoke(&webview, "conversation_messages", json!({ "conversationId": conversation })).is_ok()
    });

    let reserved = invoke(
        &webview,
        "send_message",
        json!({ "conversationId": conversation, "text": "Hi <b>", "clientId": "c-1",
                "paymentDataConfirmed": false }),
    )
    .unwrap_err();
    assert_eq!(reserved["code"], "reserved-characters");
    let too_long = invoke(
        &webview,
        "send_message",
        json!({ "conversationId": conversation, "text": "x".repeat(1001), "clientId": "c-2",
                "paymentDataConfirmed": false }),
    )
    .unwrap_err();
    assert_eq!(too_long["code"], "message-too-long");

    let iban = json!({ "conversationId": conversation, "text": "IBAN FI21 1234 5600 0007 85",
                       "clientId": "c-4", "paymentDataConfirmed": false });
    let unconfirmed = invoke(&webview, "send_message", iban).unwrap_err();
    assert_eq!(unconfirmed["code"], "payment-data-unconfirmed");
    let body = json!({ "conversationId": conversation, "text": "Hello Melissa", "clientId": "c-3",
                       "paymentDataConfirmed": false });
    let sent = invoke(&webview, "send_message", body.clone()).unwrap();
    assert_eq!(sent["text"], "Hello Melissa");
    assert_eq!(sent["mine"], true);
    // The same client id again (a retry) is the same message, not a second one.
    let again = invoke(&webview, "send_message", body).unwrap();
    assert_eq!(again["id"], sent["id"]);
    tauri::async_runtime::block_on(customer.wait_for_agent_text("Hello Melissa"));
    assert_eq!(customer.agent_texts().len(), 1);

    // The new-record form's Save: the hub takes the email from the chat; the answer, like
    // every record and chat log, reaches the webview masked.
    let request = json!({ "conversationId": conversation, "name": "Melissa Jones",
                          "notes": "Paid with 4111 1111 1111 1111" });
    let record = invoke(&webview, "create_customer", json!({ "request": request })).unwrap();
    assert_eq!(record["email"], "m******@example.com");
    assert!(!record["notes"].as_str().unwrap().contains("4111 1111"), "{record}");

    invoke(&webview, "end_conversation", json!({ "conversationId": conversation })).unwrap();
    let chat_log = invoke(&webview, "chat_log", json!({ "conversationId": conversation })).unwrap();
    assert_eq!(chat_log["status"], "draft", "saved by the agent: still to be confirmed");
    assert_eq!(chat_log["customerId"], record["id"]);
    assert_eq!(chat_log["customer"]["email"], "m******@example.com");
    assert!(!chat_log.to_string().contains("4111 1111"), "{chat_log}");
    let no_reason = invoke(
        &webview,
        "submit_wrapup",
        json!({ "conversationId": conversation, "reasonId": "no-such-reason" }),
    )
    .unwrap_err();
    assert_eq!(no_reason["code"], "not-found");
    let reason = view["wrapupReasons"][0]["id"].clone();
    invoke(
        &webview,
        "submit_wrapup",
        json!({ "conversationId": conversation, "reasonId": reason }),
    )
    .unwrap();
    eventually("the conversation to close", || {
        let view = invoke(&webview, "session_view", json!({})).unwrap();
        view["desk"]["tasks"].as_array().is_some_and(Vec::is_empty)
    });
    invoke(&webview, "sign_out", json!({})).unwrap();
    assert_eq!(invoke(&webview, "session_view", json!({})).unwrap_err()["code"], "not-signed-in");
}

#[test]
fn transfer_targets_are_the_conversations_channel_and_colleagues_with_their_load() {
    let (_app, webview) = app();
    let hub = tauri::async_runtime::block_on(TestHub::start(TestHub::config(|config| {
        config.settings.accept_timeout_secs = 120;
    })));
    invoke(
        &webview,
        "sign_in",
        json!({ "request": { "hub": { "mode": "remote", "url": hub.url() }, "username": "anna",
                "password": "demo", "remember": false } }),
    )
    .unwrap();
    // Not a conversation this desk holds: refused before the hub is asked.
    let unknown =
        invoke(&webview, "list_transfer_targets", json!({ "conversationId": "nope" })).unwrap_err();
    assert_eq!(unknown["code"], "not-found");

    invoke(&webview, "set_presence", json!({ "state": { "kind": "available" } })).unwrap();
    let colleague = tauri::async_runtime::block_on(ApiAgent::sign_in(&hub, "jonas"));
    tauri::async_runtime::block_on(colleague.go_available());
    let customer =
        tauri::async_runtime::block_on(Customer::start(&hub.url(), "Melissa Jones", "Hello"));
    let conversation = customer.conversation_id.clone();
    eventually("the offer to reach the desk", || {
        let view = invoke(&webview, "session_view", json!({})).unwrap();
        view["desk"]["offers"].as_array().is_some_and(|offers| offers.len() == 1)
    });
    invoke(&webview, "accept_offer", json!({ "conversationId": conversation })).unwrap();
    eventually("the task to be assigned", || {
        invoke(&webview, "conversation_messages", json!({ "conversationId": conversation })).is_ok()
    });

    let targets =
        invoke(&webview, "list_transfer_targets", json!({ "conversationId": conversation }))
            .unwrap();
    let queues = targets["queues"].as_array().unwrap();
    assert_eq!(queues.len(), 6, "the demo's six Livechat queues: {queues:?}");
    assert!(queues.iter().all(|queue| queue["waiting"].is_u64()));
    let agents = targets["agents"].as_array().unwrap();
    assert!(agents.iter().all(|agent| agent["id"] != "anna"), "never oneself: {agents:?}");
    assert_eq!(agents.len(), 6);
    // Jonas is Available with free slots: listed first and selectable; the others, signed
    // out, are listed but cannot be chosen.
    assert_eq!(agents[0]["id"], "jonas");
    assert_eq!(agents[0]["selectable"], true);
    assert_eq!(agents[0]["state"]["kind"], "available");
    assert_eq!(agents[0]["capacity"], 6);
    assert!(agents[1..].iter().all(|agent| agent["selectable"] == false), "{agents:?}");

    // Typing is answered at once whatever the hub does with it (it is sent in the background).
    invoke(&webview, "agent_typing", json!({ "conversationId": conversation })).unwrap();
    invoke(&webview, "agent_typing", json!({ "conversationId": conversation })).unwrap();
    invoke(&webview, "sign_out", json!({})).unwrap();
    let signed_out =
        invoke(&webview, "agent_typing", json!({ "conversationId": conversation })).unwrap_err();
    assert_eq!(signed_out["code"], "not-signed-in");
}

/// A desk that signs in to a team's hub stops the hub it embeds (the first launch starts it
/// for the sign-in screen): nothing of it stays running beside the team's.
#[test]
fn signing_in_to_a_team_hub_stops_the_embedded_hub() {
    use tauri::Manager;
    let (app, webview) = app();
    let shell = app.state::<agent_desk::shell::Shell>();
    let embedded = tauri::async_runtime::block_on(shell.embedded_hub_url()).unwrap();
    let health = format!("{embedded}/health");
    let answers = || tauri::async_runtime::block_on(reqwest::get(&health)).is_ok();
    assert!(answers(), "the embedded hub runs at {embedded}");
    let defaults = invoke(&webview, "sign_in_defaults", json!({})).unwrap();
    assert_eq!(defaults["embeddedWidgetUrl"], format!("{embedded}/chat"));

    let hub = tauri::async_runtime::block_on(TestHub::start(TestHub::config(|_| {})));
    invoke(
        &webview,
        "sign_in",
        json!({ "request": { "hub": { "mode": "remote", "url": hub.url() }, "username": "anna",
                "password": "demo", "remember": false } }),
    )
    .unwrap();
    eventually("the embedded hub to stop", || !answers());
    let defaults = invoke(&webview, "sign_in_defaults", json!({})).unwrap();
    assert_eq!(defaults["embeddedWidgetUrl"], Value::Null, "the sign-in screen offers no chat page");
}
