//! The message limit of a WhatsApp or Messenger reply, enforced by the hub before anything
//! is stored or sent: WhatsApp 4096 characters (the Cloud API's text body maximum),
//! Messenger 1000 (the product's limit, within the platform's 2000). Counted in characters,
//! not bytes.

use axum::http::StatusCode;
use serde_json::json;

use crate::channels::{
    accept_next, channel_config, messenger_text, now_secs, whatsapp_text, GraphRecorder,
};
use crate::support::TestHub;

async fn reply(t: &TestHub, token: &str, conversation: &str, text: &str) -> (StatusCode, String) {
    let (status, body) = t
        .post(
            &format!("/v1/conversations/{conversation}/messages"),
            Some(token),
            json!({"clientId": uuid::Uuid::new_v4().to_string(), "text": text}),
        )
        .await;
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn a_reply_longer_than_the_channel_allows_is_refused_and_never_sent() {
    let graph = GraphRecorder::start().await;
    let t = TestHub::start(channel_config(&graph.url, true));
    let anna = t.available("anna").await;
    t.signed("whatsapp", &whatsapp_text("wamid.limit", "Tell me everything", now_secs())).await;
    let whatsapp = accept_next(&t, &anna).await["conversation"]["id"].as_str().unwrap().to_owned();
    t.signed("messenger", &messenger_text("m_limit", "And here?", now_secs() * 1000)).await;
    let messenger = accept_next(&t, &anna).await["conversation"]["id"].as_str().unwrap().to_owned();

    // WhatsApp: 4097 characters are refused (Arabic letters: two bytes each, one character),
    // 4096 go out whole.
    let (status, code) = reply(&t, &anna, &whatsapp, &"ب".repeat(4097)).await;
    assert_eq!((status, code.as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "message-too-long"));
    let longest = "ب".repeat(4096);
    let (status, code) = reply(&t, &anna, &whatsapp, &longest).await;
    assert_eq!(status, StatusCode::CREATED, "{code}");
    let sent = graph.wait_for(1).await;
    assert_eq!(sent[0].body["text"]["body"], longest.as_str());

    // Messenger: the product's 1000.
    let (status, code) = reply(&t, &anna, &messenger, &"x".repeat(1001)).await;
    assert_eq!((status, code.as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "message-too-long"));
    let (status, code) = reply(&t, &anna, &messenger, &"x".repeat(1000)).await;
    assert_eq!(status, StatusCode::CREATED, "{code}");
    let sent = graph.wait_for(2).await;
    assert_eq!(sent.len(), 2, "nothing refused reached the Graph API");
    assert_eq!(sent[1].body["message"]["text"].as_str().unwrap().len(), 1000);
    // Nothing refused was stored either.
    for conversation in [&whatsapp, &messenger] {
        let thread = t.hub.messages(conversation).unwrap();
        assert!(thread.iter().all(|m| m.text.chars().count() <= 4096));
        assert_eq!(thread.iter().filter(|m| m.text.chars().count() >= 1000).count(), 1);
    }
}
