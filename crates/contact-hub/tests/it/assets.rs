//! Channel assets taken out of service (`DELETE /v1/channels/{channel}/assets/{id}`): a
//! WhatsApp business number, a Facebook page, a Livechat entry point. Their waiting chats
//! close, their live ones are interrupted for every agent in them (only End is left), and
//! they start nothing afterwards, across a restart too.

use std::time::Duration;

use axum::http::{Method, StatusCode};
use contact_hub::HubConfig;
use serde_json::{json, Value};

use crate::channels::{
    accept_next, channel_config, messenger_text, now_secs, whatsapp_text, GraphRecorder, PAGE_ID,
    PHONE_NUMBER_ID,
};
use crate::support::{config, TestHub};

/// The channels' configuration with anna (all queues), aino (Messenger too) and camille, an
/// admin who takes no chats.
fn assets_config(graph: &str) -> HubConfig {
    let mut config = channel_config(graph, true);
    let demo = HubConfig::demo();
    for id in ["aino", "camille"] {
        let mut agent = demo.agents.iter().find(|a| a.id == id).unwrap().clone();
        agent.admin = id == "camille";
        if id == "aino" {
            agent.queues.push("messenger-en".into());
        }
        config.agents.push(agent);
    }
    config.validate().unwrap();
    config
}

async fn retire(t: &TestHub, token: &str, channel: &str, id: &str) -> (StatusCode, Value) {
    // The documentation's sample page id is `<PAGE_ID>`: percent-encoded in the path.
    let id = id.replace('<', "%3C").replace('>', "%3E");
    t.call(Method::DELETE, &format!("/v1/channels/{channel}/assets/{id}"), Some(token), None).await
}

/// A WhatsApp text from another customer (wa_id and name of their own).
fn whatsapp_from(wa_id: &str, wamid: &str, text: &str) -> Vec<u8> {
    let mut body: Value = serde_json::from_slice(&whatsapp_text(wamid, text, now_secs())).unwrap();
    let value = &mut body["entry"][0]["changes"][0]["value"];
    value["contacts"][0]["wa_id"] = json!(wa_id);
    value["contacts"][0]["profile"]["name"] = json!(format!("Customer {wa_id}"));
    value["messages"][0]["from"] = json!(wa_id);
    serde_json::to_vec(&body).unwrap()
}

fn state_of(t: &TestHub, conversation: &str) -> (String, Option<Value>) {
    let header = serde_json::to_value(t.hub.conversation(conversation).unwrap()).unwrap();
    let interruption = header.get("interruption").filter(|i| !i.is_null()).cloned();
    (header["state"].as_str().unwrap().to_owned(), interruption)
}

async fn send(t: &TestHub, token: &str, conversation: &str, text: &str) -> (StatusCode, Value) {
    t.post(
        &format!("/v1/conversations/{conversation}/messages"),
        Some(token),
        json!({"clientId": uuid::Uuid::new_v4().to_string(), "text": text}),
    )
    .await
}

async fn act(t: &TestHub, token: &str, conversation: &str, action: &str, body: Value) {
    let (status, answer) =
        t.post(&format!("/v1/conversations/{conversation}/{action}"), Some(token), body).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{action}: {answer}");
}

/// Conversations the hub holds, in any state.
fn conversation_count(t: &TestHub) -> i64 {
    t.store.count("SELECT COUNT(*) FROM conversations")
}

#[tokio::test]
async fn a_retired_whatsapp_number_interrupts_its_chats_and_starts_no_more() {
    let graph = GraphRecorder::start().await;
    let t = TestHub::start(assets_config(&graph.url));
    let camille = t.login("camille").await;
    let anna = t.available("anna").await;

    // anna holds a WhatsApp chat and a Messenger chat; a second WhatsApp customer is offered
    // to her and not yet accepted.
    t.signed("whatsapp", &whatsapp_text("wamid.live", "Does it come in blue?", now_secs())).await;
    let live = accept_next(&t, &anna).await["conversation"]["id"].as_str().unwrap().to_owned();
    t.signed("messenger", &messenger_text("m_live", "Is my order shipped?", now_secs() * 1000))
        .await;
    let page_chat = accept_next(&t, &anna).await["conversation"]["id"].as_str().unwrap().to_owned();
    let mut anna_events = t.agent_events(&anna, None).await;
    anna_events.expect("snapshot").await;
    t.signed("whatsapp", &whatsapp_from("447700900123", "wamid.waiting", "Anyone?")).await;
    let offered = anna_events.until("offered").await;
    let waiting = offered.data["body"]["offer"]["conversation"]["id"].as_str().unwrap().to_owned();

    // Admins only; a number the hub never heard of, or a channel it does not have, is not
    // found; a word that is no channel is a bad request.
    let (status, body) = retire(&t, &anna, "whatsapp", PHONE_NUMBER_ID).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")));
    let (status, body) = retire(&t, &camille, "whatsapp", "999999999").await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not-found")));
    let (status, body) = retire(&t, &camille, "sms", PHONE_NUMBER_ID).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid-request")));
    assert_eq!(state_of(&t, &live), ("active".into(), None), "nothing changed yet");

    let (status, body) = retire(&t, &camille, "whatsapp", PHONE_NUMBER_ID).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");

    // The live chat is interrupted, told to its agent; the offer is withdrawn with its reason
    // and the waiting chat closes.
    // Oldest first: the live chat, then the waiting one.
    let interrupted = anna_events.until("interrupted").await;
    assert_eq!(interrupted.data["body"]["conversationId"], live.as_str());
    assert_eq!(interrupted.data["body"]["interruption"]["reason"], "assetRemoved");
    let withdrawn = anna_events.until("offerWithdrawn").await;
    assert_eq!(withdrawn.data["body"]["conversationId"], waiting.as_str());
    assert_eq!(withdrawn.data["body"]["reason"], "assetRemoved");
    assert_eq!(state_of(&t, &waiting).0, "closed");
    let (state, interruption) = state_of(&t, &live);
    assert_eq!(
        (state.as_str(), interruption.unwrap()["reason"].as_str()),
        ("active", Some("assetRemoved"))
    );
    // The page's chat is another asset's: untouched.
    assert_eq!(state_of(&t, &page_chat), ("active".into(), None));

    // No reply goes out on the interrupted chat; End and wrap-up still work.
    let (status, body) = send(&t, &anna, &live, "Hello?").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("conversation-interrupted"))
    );
    let (status, body) = send(&t, &anna, &page_chat, "Yes, it left today.").await;
    assert_eq!(status, StatusCode::CREATED, "the page still answers: {body}");

    // The customer of the live chat still reaches its agent before she ends it; a customer
    // writing to the number anew starts nothing, and the platform still gets its 200.
    t.signed("whatsapp", &whatsapp_text("wamid.live.2", "Are you still there?", now_secs())).await;
    let before = conversation_count(&t);
    t.signed("whatsapp", &whatsapp_from("358401234567", "wamid.new", "Hei!")).await;
    crate::channels::eventually(|| {
        t.hub
            .messages(&live)
            .unwrap()
            .iter()
            .any(|m| m.text == "Are you still there?")
            .then_some(())
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(conversation_count(&t), before, "no conversation started");
    assert!(t.hub.queued_conversations().unwrap().is_empty());

    act(&t, &anna, &live, "end", json!({})).await;
    act(&t, &anna, &live, "wrapup", json!({"reasonId": "technical-issue"})).await;
    assert_eq!(state_of(&t, &live).0, "closed");

    // Once is enough: again, it is not found.
    let (status, _) = retire(&t, &camille, "whatsapp", PHONE_NUMBER_ID).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // It stays out of service after a restart.
    let t = t.restart(assets_config(&graph.url), Duration::ZERO).await;
    let before = conversation_count(&t);
    t.signed("whatsapp", &whatsapp_from("491701234567", "wamid.after-restart", "Hallo?")).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(conversation_count(&t), before, "no conversation after the restart either");
}

#[tokio::test]
async fn a_retired_page_interrupts_the_chat_for_owner_and_conference_guest() {
    let graph = GraphRecorder::start().await;
    let t = TestHub::start(assets_config(&graph.url));
    let camille = t.login("camille").await;
    let anna = t.available("anna").await;
    t.signed("messenger", &messenger_text("m_conf", "My parcel is lost", now_secs() * 1000)).await;
    let chat = accept_next(&t, &anna).await["conversation"]["id"].as_str().unwrap().to_owned();
    let aino = t.available("aino").await;
    let mut aino_events = t.agent_events(&aino, None).await;
    aino_events.expect("snapshot").await;
    act(&t, &anna, &chat, "conference", json!({"target": {"kind": "agent", "agentId": "aino"}}))
        .await;
    aino_events.until("offered").await;
    let (status, _) =
        t.post(&format!("/v1/conversations/{chat}/accept"), Some(&aino), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let mut anna_events = t.agent_events(&anna, None).await;
    anna_events.expect("snapshot").await;

    let (status, body) = retire(&t, &camille, "messenger", PAGE_ID).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    for events in [&mut anna_events, &mut aino_events] {
        let interrupted = events.until("interrupted").await;
        assert_eq!(interrupted.data["body"]["conversationId"], chat.as_str());
        assert_eq!(interrupted.data["body"]["interruption"]["reason"], "assetRemoved");
    }
    // Neither of them writes any more.
    for token in [&anna, &aino] {
        let (status, body) = send(&t, token, &chat, "Still there?").await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::CONFLICT, Some("conversation-interrupted"))
        );
    }
    // A new Messenger customer of that page starts nothing.
    let before = conversation_count(&t);
    let mut body: Value =
        serde_json::from_slice(&messenger_text("m_new", "Hello", now_secs() * 1000)).unwrap();
    body["entry"][0]["messaging"][0]["sender"]["id"] = json!("another-psid");
    t.signed("messenger", &serde_json::to_vec(&body).unwrap()).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(conversation_count(&t), before);
    act(&t, &anna, &chat, "end", json!({})).await;
    act(&t, &anna, &chat, "wrapup", json!({"reasonId": "technical-issue"})).await;
}

#[tokio::test]
async fn a_retired_livechat_entry_point_refuses_new_chats_and_the_queue_goes_on() {
    let t = TestHub::start(config(&["anna", "aino", "camille"], |c| {
        c.agents.iter_mut().find(|a| a.id == "camille").unwrap().admin = true;
    }));
    let camille = t.login("camille").await;
    let anna = t.available("anna").await;
    let mut anna_events = t.agent_events(&anna, None).await;
    anna_events.expect("snapshot").await;
    let (live, _) = t.start_chat_in("Mia", "Hello", Some("livechat-en")).await;
    anna_events.until("offered").await;
    let (status, _) =
        t.post(&format!("/v1/conversations/{live}/accept"), Some(&anna), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    t.set_state(&anna, json!({"kind": "workingOffline"})).await;
    let (waiting, waiting_token) = t.start_chat_in("Leo", "Anyone?", Some("livechat-en")).await;
    let mut waiting_events = t.customer_events(&waiting, &waiting_token, None).await;

    // A queue of another channel, or one the hub does not have, is no Livechat entry point.
    let (status, _) = retire(&t, &camille, "livechat", "no-such-queue").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = retire(&t, &camille, "whatsapp", PHONE_NUMBER_ID).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not-found")),
        "WhatsApp is not configured here"
    );

    let (status, body) = retire(&t, &camille, "livechat", "livechat-en").await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let interrupted = anna_events.until("interrupted").await;
    assert_eq!(interrupted.data["body"]["conversationId"], live.as_str());
    assert_eq!(interrupted.data["body"]["interruption"]["reason"], "assetRemoved");
    assert_eq!(state_of(&t, &waiting).0, "closed");
    waiting_events.until("ended").await;

    // The chat window cannot start a chat there any more, and says why.
    let (status, body) = t
        .post(
            "/widget/v1/conversations",
            None,
            json!({"name": "Zoe", "queueId": "livechat-en", "text": "Hello"}),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("entry-point-closed")));
    // The queue itself is still there (transfers reach it); the other entry points work.
    let (_, queues) = t.get("/v1/queues", &anna).await;
    assert!(queues.as_array().unwrap().iter().any(|q| q["id"] == "livechat-en"));
    t.start_chat_in("Ilmari", "Moi", Some("livechat-fi")).await;

    act(&t, &anna, &live, "end", json!({})).await;
    act(&t, &anna, &live, "wrapup", json!({"reasonId": "technical-issue"})).await;

    let t = t
        .restart(
            config(&["anna", "aino", "camille"], |c| {
                c.agents.iter_mut().find(|a| a.id == "camille").unwrap().admin = true;
            }),
            Duration::ZERO,
        )
        .await;
    let (status, body) = t
        .post(
            "/widget/v1/conversations",
            None,
            json!({"name": "Zoe", "queueId": "livechat-en", "text": "Hello"}),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("entry-point-closed")));
}
