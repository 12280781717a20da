//! The admin's per-queue chat log settings (`[[queues]] chat_log`, `chat_log_mode`): a queue
//! without chat logs writes none when its conversations end, and both settings travel with
//! the conversation to the desk; and the contact request's record preview: the record of a
//! conversation is read by the agent it is offered to before Accept, and by nobody else.

use axum::http::StatusCode;
use hub_protocol::{ChatLogMode, ChatLogPolicy};
use serde_json::{json, Value};

use crate::support::{config, TestHub};

async fn act(t: &TestHub, token: &str, conversation: &str, action: &str) -> Value {
    let (status, answer) =
        t.post(&format!("/v1/conversations/{conversation}/{action}"), Some(token), json!({})).await;
    assert!(status.is_success(), "{action}: {status} {answer}");
    answer
}

async fn chat_log(t: &TestHub, token: &str, conversation: &str) -> (StatusCode, Value) {
    t.get(&format!("/v1/conversations/{conversation}/chat-log"), token).await
}

async fn record(t: &TestHub, token: &str, conversation: &str) -> (StatusCode, Value) {
    t.get(&format!("/v1/conversations/{conversation}/record"), token).await
}

#[tokio::test]
async fn a_queue_without_chat_logs_writes_none_and_its_settings_reach_the_desk() {
    let t = TestHub::start(config(&["anna"], |c| {
        let en = c.queues.iter_mut().find(|q| q.id == "livechat-en").unwrap();
        en.chat_log_mode = ChatLogMode::Edit;
        let fi = c.queues.iter_mut().find(|q| q.id == "livechat-fi").unwrap();
        fi.chat_log = ChatLogPolicy::None;
        fi.chat_log_mode = ChatLogMode::View;
    }));
    let anna = t.available("anna").await;

    // A queue without chat logs: the assignment says so, ending writes no case.
    let (finnish, _) = t.start_chat_in("Mia", "Hei!", Some("livechat-fi")).await;
    let assignment = act(&t, &anna, &finnish, "accept").await;
    assert_eq!(assignment["conversation"]["chatLog"], "none");
    assert_eq!(assignment["conversation"]["chatLogMode"], "view");
    act(&t, &anna, &finnish, "end").await;
    assert_eq!(t.state_of(&finnish).0, "wrapUp");
    let (status, body) = chat_log(&t, &anna, &finnish).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not-found")));
    let (_, drafts) = t.get("/v1/cases/drafts", &anna).await;
    assert_eq!(drafts, json!([]), "no draft either");
    // The one-step wrap-up: the reason is all the hub needs.
    let (status, body) = t
        .post(
            &format!("/v1/conversations/{finnish}/wrapup"),
            Some(&anna),
            json!({"reasonId": "resolved"}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    assert_eq!(t.state_of(&finnish).0, "closed");
    assert_eq!(t.hub.wrapup_of(&finnish).unwrap().as_deref(), Some("resolved"));

    // A queue that keeps them (the default): its chat log is written, in the mode set.
    let (english, _) = t.start_chat_in("Leo", "Hello!", Some("livechat-en")).await;
    let assignment = act(&t, &anna, &english, "accept").await;
    assert_eq!(assignment["conversation"]["chatLog"], "automatic");
    assert_eq!(assignment["conversation"]["chatLogMode"], "edit");
    act(&t, &anna, &english, "end").await;
    let (status, log) = chat_log(&t, &anna, &english).await;
    assert_eq!(status, StatusCode::OK, "{log}");
    assert_eq!(log["status"], "draft");
    let header = serde_json::to_value(t.hub.conversation(&english).unwrap()).unwrap();
    assert_eq!((&header["chatLog"], &header["chatLogMode"]), (&json!("automatic"), &json!("edit")));
}

#[tokio::test]
async fn the_demo_keeps_chat_logs_but_in_its_8x8_style_market() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let anna = t.available("anna").await;
    let (french, _) = t.start_chat_in("Mia", "Bonjour", Some("livechat-fr")).await;
    let assignment = act(&t, &anna, &french, "accept").await;
    assert_eq!(
        (&assignment["conversation"]["chatLog"], &assignment["conversation"]["chatLogMode"]),
        (&json!("none"), &json!("auto"))
    );
    act(&t, &anna, &french, "end").await;
    assert_eq!(chat_log(&t, &anna, &french).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_agent_offered_a_chat_previews_its_record_and_nobody_else_does() {
    let t = TestHub::start(config(&["anna", "jonas"], |c| {
        c.settings.accept_timeout_secs = 600;
    }));
    let anna = t.available("anna").await;
    let jonas = t.login("jonas").await;
    let (status, mia) = t
        .post(
            "/v1/customers",
            Some(&jonas),
            json!({"name": "Mia Virtanen", "email": "mia@example.com", "notes": "VIP"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{mia}");

    // A first chat, confirmed and wrapped up: a saved case in Mia's history.
    let start = |text: &'static str| {
        let t = &t;
        async move {
            let (status, body) = t
                .post(
                    "/widget/v1/conversations",
                    None,
                    json!({"name": "Mia", "email": "MIA@example.com", "language": "en-US", "text": text}),
                )
                .await;
            assert_eq!(status, StatusCode::CREATED, "{body}");
            body["conversationId"].as_str().unwrap().to_owned()
        }
    };
    let first = start("Where is my order?").await;
    act(&t, &anna, &first, "accept").await;
    act(&t, &anna, &first, "record/confirm").await;
    act(&t, &anna, &first, "end").await;
    let (status, body) = t
        .post(
            &format!("/v1/conversations/{first}/wrapup"),
            Some(&anna),
            json!({"reasonId": "resolved"}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");

    // The next chat is only offered to Anna: she reads the record it matched, without
    // history while it is only the customer's claim.
    let second = start("Me again").await;
    assert_eq!(t.state_of(&second), ("offered".to_owned(), Some("anna".to_owned())));
    let (status, file) = record(&t, &anna, &second).await;
    assert_eq!(status, StatusCode::OK, "{file}");
    assert_eq!(file["record"]["id"], mia["id"]);
    assert_eq!(file["record"]["email"], "mia@example.com");
    assert_eq!(file["record"]["notes"], "VIP");
    assert_eq!(file["cases"], json!([]), "a claim shows no history");
    // Jonas is neither offered it nor holds it: refused, though he made the record.
    let (status, body) = record(&t, &jonas, &second).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("not-your-conversation")),
        "{body}"
    );
    let (status, _) = record(&t, &anna, "no-such-conversation").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Accepted and confirmed: the history comes with it.
    act(&t, &anna, &second, "accept").await;
    act(&t, &anna, &second, "record/confirm").await;
    let (_, file) = record(&t, &anna, &second).await;
    assert_eq!(file["cases"].as_array().unwrap().len(), 1, "{file}");
    assert_eq!(file["cases"][0]["status"], "saved");
    assert_eq!(record(&t, &jonas, &second).await.0, StatusCode::FORBIDDEN);

    // No record matched: the hub says so.
    let (unknown, _) = t.start_chat("Leo", "Hello").await;
    assert_eq!(t.state_of(&unknown).1.as_deref(), Some("anna"));
    let (status, body) = record(&t, &anna, &unknown).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not-found")));
}
