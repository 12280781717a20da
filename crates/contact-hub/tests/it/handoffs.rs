//! Transfer, conference, typing and queue deletion through the agent API: every transition
//! of the state machine, and the illegal ones refused with their code.

use std::time::Duration;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::{config, SseReader, TestHub};

/// Lets the millisecond clock move on, so "became available first" is unambiguous.
async fn tick() {
    tokio::time::sleep(Duration::from_millis(5)).await;
}

/// anna holds a fresh conversation (she was the only one Available); then the others named
/// become Available. Returns the conversation, customer token, and everyone's token and
/// stream, anna first.
async fn anna_holds_a_chat(
    t: &TestHub,
    others: &[&str],
) -> (String, String, Vec<(String, SseReader)>) {
    let anna = t.available("anna").await;
    let mut anna_events = t.agent_events(&anna, None).await;
    anna_events.expect("snapshot").await;
    let (conversation, customer) = t.start_chat("Mia Virtanen", "My order is late").await;
    anna_events.expect("offered").await;
    let (status, _) = accept(t, &anna, &conversation).await;
    assert_eq!(status, StatusCode::OK);
    anna_events.expect("assigned").await;
    let mut agents = vec![(anna, anna_events)];
    for name in others {
        tick().await;
        let token = t.available(name).await;
        let mut events = t.agent_events(&token, None).await;
        events.expect("snapshot").await;
        agents.push((token, events));
    }
    (conversation, customer, agents)
}

async fn accept(t: &TestHub, token: &str, conversation: &str) -> (StatusCode, Value) {
    t.post(&format!("/v1/conversations/{conversation}/accept"), Some(token), json!({})).await
}

async fn act(t: &TestHub, token: &str, conversation: &str, action: &str, body: Value) -> Value {
    let (status, answer) =
        t.post(&format!("/v1/conversations/{conversation}/{action}"), Some(token), body).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{action}: {answer}");
    answer
}

async fn refused(
    t: &TestHub,
    token: &str,
    conversation: &str,
    action: &str,
    body: Value,
) -> (StatusCode, String) {
    let (status, answer) =
        t.post(&format!("/v1/conversations/{conversation}/{action}"), Some(token), body).await;
    (status, answer["code"].as_str().unwrap_or_default().to_owned())
}

fn to_agent(id: &str) -> Value {
    json!({"target": {"kind": "agent", "agentId": id}})
}

fn to_queue(id: &str) -> Value {
    json!({"target": {"kind": "queue", "queueId": id}})
}

async fn say(t: &TestHub, token: &str, conversation: &str, text: &str) -> Value {
    let client_id = uuid::Uuid::new_v4().to_string();
    let (status, body) = t
        .post(
            &format!("/v1/conversations/{conversation}/messages"),
            Some(token),
            json!({"clientId": client_id, "text": text}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

async fn wrap_up(t: &TestHub, token: &str, conversation: &str, reason: &str) {
    act(t, token, conversation, "wrapup", json!({"reasonId": reason})).await;
}

fn system_kinds(t: &TestHub, conversation: &str) -> Vec<String> {
    t.hub
        .messages(conversation)
        .unwrap()
        .into_iter()
        .filter_map(|m| m.system)
        .map(|s| serde_json::to_value(s).unwrap()["kind"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_transfer_to_an_agent_is_offered_to_them_and_both_wrap_up() {
    let t = TestHub::start(config(&["anna", "aino"], |_| {}));
    let (conversation, customer, mut agents) = anna_holds_a_chat(&t, &["aino"]).await;
    let (aino, mut aino_events) = agents.pop().unwrap();
    let (anna, mut anna_events) = agents.pop().unwrap();
    let mut customer_events = t.customer_events(&conversation, &customer, None).await;

    act(&t, &anna, &conversation, "transfer", to_agent("aino")).await;
    // anna: the transferred line, then her wrap-up is due.
    let line = anna_events.expect("messageAdded").await;
    assert_eq!(line.data["body"]["message"]["system"]["kind"], "transferred");
    assert_eq!(line.data["body"]["message"]["system"]["displayName"], "Anna Lindqvist");
    anna_events.expect("ended").await;
    // aino: an offer that says who transfers it, with the whole thread.
    let offered = aino_events.expect("offered").await;
    let offer = &offered.data["body"]["offer"];
    assert_eq!(offer["kind"]["kind"], "transfer");
    assert_eq!(offer["kind"]["from"]["id"], "anna");
    assert_eq!(offer["messages"][0]["text"], "My order is late");
    assert_eq!(t.state_of(&conversation), ("offered".into(), Some("aino".into())));

    // The customer writes meanwhile: aino sees it in her offer, anna no longer does.
    let (status, _) = t
        .post(
            &format!("/widget/v1/conversations/{conversation}/messages"),
            Some(&customer),
            json!({"clientId": "c-2", "text": "Hello?"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    aino_events.expect("messageAdded").await;
    anna_events.assert_quiet(Duration::from_millis(200)).await;

    let (status, assignment) = accept(&t, &aino, &conversation).await;
    assert_eq!(status, StatusCode::OK, "{assignment}");
    assert_eq!(assignment["role"], "owner");
    assert_eq!(t.state_of(&conversation), ("active".into(), Some("aino".into())));
    // The customer saw the agent change: the transferred line, then aino joined.
    let mut lines = Vec::new();
    while lines.last().map(String::as_str) != Some("agentJoined") || lines.len() < 3 {
        let event = customer_events.until("messageAdded").await;
        if let Some(kind) = event.data["body"]["message"]["system"]["kind"].as_str() {
            lines.push(kind.to_owned());
        }
    }
    assert_eq!(lines, ["agentJoined", "transferred", "agentJoined"]);

    // anna wraps up her part while the chat goes on; aino later wraps up hers.
    wrap_up(&t, &anna, &conversation, "escalated").await;
    anna_events.expect("closed").await;
    say(&t, &aino, &conversation, "I can help with that").await;
    act(&t, &aino, &conversation, "end", json!({})).await;
    wrap_up(&t, &aino, &conversation, "resolved").await;
    assert_eq!(
        t.hub.wrapups_of(&conversation).unwrap(),
        vec![("anna".into(), Some("escalated".into())), ("aino".into(), Some("resolved".into()))]
    );
    assert_eq!(t.state_of(&conversation).0, "closed");
}

#[tokio::test]
async fn a_transfer_the_target_lets_pass_returns_to_the_queue_and_drops_nobody() {
    let t =
        TestHub::start(config(&["anna", "aino", "jonas"], |c| c.settings.accept_timeout_secs = 1));
    let (conversation, customer, mut agents) = anna_holds_a_chat(&t, &["aino"]).await;
    let (_aino, mut aino_events) = agents.pop().unwrap();
    let (anna, mut anna_events) = agents.pop().unwrap();

    act(&t, &anna, &conversation, "transfer", to_agent("aino")).await;
    aino_events.expect("offered").await;
    let withdrawn = aino_events.until("offerWithdrawn").await;
    assert_eq!(withdrawn.data["body"]["reason"], "timedOut");
    // Back in its queue, and not offered back to anna, who handed it on.
    assert_eq!(t.state_of(&conversation), ("queued".into(), None));
    let ended = anna_events.until("ended").await;
    assert_eq!(ended.data["body"]["handedOn"], true);
    // anna is told: a line in the conversation her wrap-up task still shows, then the event
    // her desk words as a notice. Nothing else: it is not offered back to her.
    let line = anna_events.expect("messageAdded").await;
    let system = &line.data["body"]["message"]["system"];
    assert_eq!(system["kind"], "transferNotAccepted");
    assert_eq!(system["displayName"], "Aino Virtanen");
    assert_eq!(system["reason"], "timedOut");
    let told = anna_events.expect("transferNotAccepted").await;
    // A desk that starts again finds the wrap-up task as anna's handed-on part, line included.
    let mut fresh = t.agent_events(&anna, None).await;
    let snapshot = fresh.expect("snapshot").await;
    let held = &snapshot.data["body"]["snapshot"]["assignments"][0];
    assert_eq!(held["role"], "handedOn", "{snapshot:?}");
    assert_eq!(held["conversation"]["state"], "wrapUp");
    let thread = held["messages"].as_array().unwrap();
    assert_eq!(thread.last().unwrap()["system"]["kind"], "transferNotAccepted");
    assert_eq!(told.data["body"]["conversationId"], conversation.as_str());
    assert_eq!(told.data["body"]["colleague"]["id"], "aino");
    assert_eq!(told.data["body"]["colleague"]["displayName"], "Aino Virtanen");
    assert_eq!(told.data["body"]["reason"], "timedOut");
    anna_events.assert_quiet(Duration::from_millis(200)).await;
    // The line is stored (the next agent reads it in the thread) but never reaches the
    // customer's stream.
    assert_eq!(
        system_kinds(&t, &conversation),
        ["agentJoined", "transferred", "transferNotAccepted"]
    );
    let mut customer_events = t.customer_events(&conversation, &customer, None).await;
    let mut lines = Vec::new();
    while lines.len() < 2 {
        let event = customer_events.until("messageAdded").await;
        if let Some(kind) = event.data["body"]["message"]["system"]["kind"].as_str() {
            lines.push(kind.to_owned());
        }
    }
    assert_eq!(lines, ["agentJoined", "transferred"]);
    customer_events.assert_quiet(Duration::from_millis(300)).await;

    // The next Available agent gets it.
    let jonas = t.available("jonas").await;
    let mut jonas_events = t.agent_events(&jonas, None).await;
    let snapshot = jonas_events.expect("snapshot").await;
    let offers = &snapshot.data["body"]["snapshot"]["offers"];
    assert_eq!(offers[0]["conversation"]["id"], conversation.as_str(), "{snapshot:?}");
    assert_eq!(offers[0]["kind"]["kind"], "contact");
    let (status, _) = accept(&t, &jonas, &conversation).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_transfer_to_a_queue_routes_it_again_with_its_history() {
    let t = TestHub::start(config(&["anna", "jonas"], |_| {}));
    let (conversation, _, mut agents) = anna_holds_a_chat(&t, &["jonas"]).await;
    let (jonas, mut jonas_events) = agents.pop().unwrap();
    let (anna, mut anna_events) = agents.pop().unwrap();
    say(&t, &anna, &conversation, "Let me pass you to our German team").await;

    act(&t, &anna, &conversation, "transfer", to_queue("livechat-de")).await;
    anna_events.until("ended").await;
    let offered = jonas_events.expect("offered").await;
    let offer = &offered.data["body"]["offer"];
    assert_eq!(offer["conversation"]["queueId"], "livechat-de");
    assert_eq!(offer["kind"]["kind"], "contact");
    let texts: Vec<&str> =
        offer["messages"].as_array().unwrap().iter().filter_map(|m| m["text"].as_str()).collect();
    assert!(texts.contains(&"My order is late"));
    assert!(texts.contains(&"Let me pass you to our German team"));
    let (status, _) = accept(&t, &jonas, &conversation).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        system_kinds(&t, &conversation),
        ["agentJoined", "transferred", "agentJoined"],
        "the customer sees the agent change"
    );
    // anna's snapshot keeps the conversation in wrap-up for her until she submits it.
    let mut again = t.agent_events(&anna, None).await;
    let snapshot = again.expect("snapshot").await;
    let held = &snapshot.data["body"]["snapshot"]["assignments"];
    assert_eq!(held[0]["conversation"]["state"], "wrapUp");
}

#[tokio::test]
async fn illegal_transfers_are_refused_with_their_code() {
    let t = TestHub::start(config(&["anna", "aino", "jonas"], |c| {
        c.queues.push(contact_hub::config::QueueConfig {
            id: "whatsapp-fi".into(),
            name: "WhatsApp Finland".into(),
            channel: hub_protocol::Channel::Whatsapp,
            language: "fi".into(),
            kind: Default::default(),
            disposition_required: true,
            routing: Default::default(),
            chat_log: Default::default(),
            chat_log_mode: Default::default(),
        });
    }));
    let (conversation, _, mut agents) = anna_holds_a_chat(&t, &["aino"]).await;
    let (aino, _aino_events) = agents.pop().unwrap();
    let (anna, _anna_events) = agents.pop().unwrap();
    let jonas = t.login("jonas").await; // signed in, not Available

    for (who, body, expected) in [
        (&aino, to_agent("anna"), (StatusCode::FORBIDDEN, "not-your-conversation")),
        (&anna, to_agent("anna"), (StatusCode::BAD_REQUEST, "invalid-request")),
        (&anna, to_agent("jonas"), (StatusCode::CONFLICT, "agent-unavailable")),
        (&anna, to_agent("nobody"), (StatusCode::NOT_FOUND, "not-found")),
        (&anna, to_queue("nowhere"), (StatusCode::NOT_FOUND, "not-found")),
        (&anna, to_queue("whatsapp-fi"), (StatusCode::BAD_REQUEST, "invalid-request")),
        (&anna, json!({"target": {"kind": "team"}}), (StatusCode::BAD_REQUEST, "invalid-request")),
    ] {
        let (status, code) = refused(&t, who, &conversation, "transfer", body.clone()).await;
        assert_eq!((status, code.as_str()), expected, "{body}");
    }
    let _ = jonas;
    // Nothing happened to the conversation.
    assert_eq!(t.state_of(&conversation), ("active".into(), Some("anna".into())));
    assert_eq!(system_kinds(&t, &conversation), ["agentJoined"]);

    // An ended conversation cannot be transferred.
    act(&t, &anna, &conversation, "end", json!({})).await;
    let (status, code) = refused(&t, &anna, &conversation, "transfer", to_agent("aino")).await;
    assert_eq!((status, code.as_str()), (StatusCode::CONFLICT, "invalid-state"));
}

#[tokio::test]
async fn a_conference_is_requested_joined_and_exited_while_the_chat_goes_on() {
    let t = TestHub::start(config(&["anna", "aino"], |_| {}));
    let (conversation, customer, mut agents) = anna_holds_a_chat(&t, &["aino"]).await;
    let (aino, mut aino_events) = agents.pop().unwrap();
    let (anna, mut anna_events) = agents.pop().unwrap();
    let mut customer_events = t.customer_events(&conversation, &customer, None).await;

    act(&t, &anna, &conversation, "conference", to_agent("aino")).await;
    let requested = anna_events.expect("conferenceChanged").await;
    assert_eq!(requested.data["body"]["conference"]["state"], "requested");
    assert_eq!(requested.data["body"]["conference"]["guest"]["displayName"], "Aino Virtanen");
    let invitation = aino_events.expect("offered").await;
    assert_eq!(invitation.data["body"]["offer"]["kind"]["kind"], "conference");
    assert_eq!(invitation.data["body"]["offer"]["kind"]["from"]["id"], "anna");
    // Still anna's, still active; a second conference or a transfer must wait.
    assert_eq!(t.state_of(&conversation), ("active".into(), Some("anna".into())));
    let (_, code) = refused(&t, &anna, &conversation, "conference", to_agent("aino")).await;
    assert_eq!(code, "invalid-state");
    let (_, code) = refused(&t, &anna, &conversation, "transfer", to_agent("aino")).await;
    assert_eq!(code, "invalid-state");

    let (status, assignment) = accept(&t, &aino, &conversation).await;
    assert_eq!(status, StatusCode::OK, "{assignment}");
    assert_eq!(assignment["role"], "guest");
    assert_eq!(assignment["conversation"]["conference"]["state"], "joined");
    aino_events.expect("assigned").await;
    let joined = anna_events.until("conferenceChanged").await;
    assert_eq!(joined.data["body"]["conference"]["state"], "joined");

    // All three see every message.
    say(&t, &aino, &conversation, "Hei, I am from billing").await;
    say(&t, &anna, &conversation, "Aino will check your invoice").await;
    let (status, _) = t
        .post(
            &format!("/widget/v1/conversations/{conversation}/messages"),
            Some(&customer),
            json!({"clientId": "c-3", "text": "Thanks both"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    for events in [&mut anna_events, &mut aino_events] {
        let mut texts = Vec::new();
        while texts.len() < 3 {
            let event = events.until("messageAdded").await;
            texts.push(event.data["body"]["message"]["text"].as_str().unwrap().to_owned());
        }
        assert_eq!(
            texts,
            ["Hei, I am from billing", "Aino will check your invoice", "Thanks both"]
        );
    }
    let mut customer_texts = Vec::new();
    while customer_texts.len() < 2 {
        let event = customer_events.until("messageAdded").await;
        if let Some(Value::String(text)) = event.data["body"]["message"].get("text") {
            if !text.is_empty() && event.data["body"]["message"]["author"]["kind"] == "agent" {
                customer_texts.push(text.clone());
            }
        }
    }
    assert_eq!(customer_texts, ["Hei, I am from billing", "Aino will check your invoice"]);

    // A guest does not end, transfer or wrap up.
    let (_, code) = refused(&t, &aino, &conversation, "end", json!({})).await;
    assert_eq!(code, "not-your-conversation");

    // aino exits; the chat goes on with anna.
    let (status, _) = t
        .call(
            Method::DELETE,
            &format!("/v1/conversations/{conversation}/conference"),
            Some(&aino),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    aino_events.until("closed").await;
    let gone = anna_events.until("conferenceChanged").await;
    assert_eq!(gone.data["body"]["conference"], Value::Null);
    assert_eq!(system_kinds(&t, &conversation), ["agentJoined", "agentJoined", "agentLeft"]);
    say(&t, &anna, &conversation, "Anything else?").await;
    let (status, code) = t
        .post(
            &format!("/v1/conversations/{conversation}/messages"),
            Some(&aino),
            json!({"clientId": "late", "text": "one more"}),
        )
        .await;
    assert_eq!(
        (status, code["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("not-your-conversation"))
    );
    // Exiting twice is a state error, not a crash.
    let (status, _) = t
        .call(
            Method::DELETE,
            &format!("/v1/conversations/{conversation}/conference"),
            Some(&anna),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn ending_a_conference_ends_the_chat_for_the_guest_without_a_wrap_up() {
    let t = TestHub::start(config(&["anna", "aino"], |_| {}));
    let (conversation, _, mut agents) = anna_holds_a_chat(&t, &["aino"]).await;
    let (aino, mut aino_events) = agents.pop().unwrap();
    let (anna, mut anna_events) = agents.pop().unwrap();
    act(&t, &anna, &conversation, "conference", to_queue("livechat-fi")).await;
    let offered = aino_events.expect("offered").await;
    assert_eq!(
        offered.data["body"]["offer"]["kind"]["kind"], "conference",
        "aino serves livechat-fi"
    );
    accept(&t, &aino, &conversation).await;

    act(&t, &anna, &conversation, "end", json!({})).await;
    anna_events.until("ended").await;
    aino_events.until("closed").await;
    // aino holds nothing any more; anna's wrap-up closes it.
    let agents = t.hub.agents().unwrap();
    let held = |id: &str| agents.iter().find(|a| a.id == id).unwrap().active_conversations;
    assert_eq!((held("anna"), held("aino")), (1, 0));
    wrap_up(&t, &anna, &conversation, "resolved").await;
    assert_eq!(
        t.hub.wrapups_of(&conversation).unwrap(),
        vec![("anna".into(), Some("resolved".into()))]
    );
}

#[tokio::test]
async fn a_conference_invitation_declined_or_withdrawn_leaves_the_chat_as_it_was() {
    let t = TestHub::start(config(&["anna", "aino"], |_| {}));
    let (conversation, _, mut agents) = anna_holds_a_chat(&t, &["aino"]).await;
    let (aino, mut aino_events) = agents.pop().unwrap();
    let (anna, mut anna_events) = agents.pop().unwrap();

    act(&t, &anna, &conversation, "conference", to_agent("aino")).await;
    aino_events.expect("offered").await;
    anna_events.expect("conferenceChanged").await;
    act(&t, &aino, &conversation, "reject", json!({})).await;
    let withdrawn = aino_events.expect("offerWithdrawn").await;
    assert_eq!(withdrawn.data["body"]["reason"], "rejected");
    let cleared = anna_events.expect("conferenceChanged").await;
    assert_eq!(cleared.data["body"]["conference"], Value::Null);
    assert_eq!(t.state_of(&conversation), ("active".into(), Some("anna".into())));

    // The owner takes a second invitation back before it is answered.
    act(&t, &anna, &conversation, "conference", to_agent("aino")).await;
    aino_events.expect("offered").await;
    let (status, _) = t
        .call(
            Method::DELETE,
            &format!("/v1/conversations/{conversation}/conference"),
            Some(&anna),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let withdrawn = aino_events.expect("offerWithdrawn").await;
    assert_eq!(withdrawn.data["body"]["reason"], "cancelled");
    let (status, code) = accept(&t, &aino, &conversation).await;
    assert_eq!(
        (status, code["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("not-your-conversation"))
    );
    say(&t, &anna, &conversation, "Still here").await;
}

#[tokio::test]
async fn capacity_holds_the_seventh_chat_until_one_closes() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let anna = t.available("anna").await;
    let mut events = t.agent_events(&anna, None).await;
    events.expect("snapshot").await;
    let mut chats = Vec::new();
    for n in 0..7 {
        let (conversation, _) = t.start_chat(&format!("Customer {n}"), "Hello").await;
        chats.push(conversation);
    }
    // Six offers at once, each with its own timer.
    for conversation in &chats[..6] {
        let offered = events.expect("offered").await;
        assert_eq!(offered.data["body"]["offer"]["conversation"]["id"], conversation.as_str());
    }
    for conversation in &chats[..6] {
        accept(&t, &anna, conversation).await;
        events.expect("assigned").await;
    }
    events.assert_quiet(Duration::from_millis(300)).await;
    assert_eq!(t.state_of(&chats[6]), ("queued".into(), None), "the seventh waits");
    act(&t, &anna, &chats[0], "end", json!({})).await;
    events.until("ended").await;
    events.assert_quiet(Duration::from_millis(200)).await;
    wrap_up(&t, &anna, &chats[0], "resolved").await;
    events.expect("closed").await;
    let offered = events.expect("offered").await;
    assert_eq!(offered.data["body"]["offer"]["conversation"]["id"], chats[6].as_str());
}

#[tokio::test]
async fn typing_reaches_the_other_side_without_being_stored() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let (conversation, customer, mut agents) = anna_holds_a_chat(&t, &[]).await;
    let (anna, mut anna_events) = agents.pop().unwrap();
    let mut customer_events = t.customer_events(&conversation, &customer, None).await;
    customer_events.until("messageAdded").await; // the first message
    customer_events.until("messageAdded").await; // anna joined

    let (status, _) = t
        .post(
            &format!("/widget/v1/conversations/{conversation}/typing"),
            Some(&customer),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let typing = anna_events.expect("customerTyping").await;
    assert_eq!(typing.id, None, "no SSE id: Last-Event-ID stays put");
    assert_eq!(typing.data["id"], 0);
    assert_eq!(typing.data["body"]["conversationId"], conversation.as_str());
    // Relayed at most once a second, whatever the client sends.
    t.post(&format!("/widget/v1/conversations/{conversation}/typing"), Some(&customer), json!({}))
        .await;
    anna_events.assert_quiet(Duration::from_millis(300)).await;

    act(&t, &anna, &conversation, "typing", json!({})).await;
    let typing = customer_events.expect("agentTyping").await;
    assert_eq!(typing.data["body"]["displayName"], "Anna Lindqvist");

    // Nothing of it was stored: a resumed stream replays no typing.
    let mut resumed = t.agent_events(&anna, Some(1)).await;
    while let Ok(event) = tokio::time::timeout(Duration::from_millis(300), resumed.next()).await {
        assert_ne!(event.kind(), "customerTyping");
    }
    // Someone else's conversation, and a stranger's token, are refused.
    let (status, _) = t
        .post(&format!("/widget/v1/conversations/{conversation}/typing"), Some("forged"), json!({}))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn deleting_a_queue_interrupts_its_live_chats_and_closes_the_waiting_ones() {
    let t = TestHub::start(config(&["anna", "aino"], |c| {
        c.agents.iter_mut().find(|a| a.id == "aino").unwrap().admin = true;
    }));
    let (live, customer, mut agents) = anna_holds_a_chat(&t, &[]).await;
    let (anna, mut anna_events) = agents.pop().unwrap();
    t.set_state(&anna, json!({"kind": "workingOffline"})).await;
    let (waiting, waiting_customer) = t.start_chat("Leo", "Anyone?").await;
    assert_eq!(t.state_of(&waiting), ("queued".into(), None));
    let mut waiting_events = t.customer_events(&waiting, &waiting_customer, None).await;
    let aino = t.login("aino").await;

    // Only an admin may delete a queue.
    let (status, body) = t.call(Method::DELETE, "/v1/queues/livechat-en", Some(&anna), None).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")));
    let (status, _) = t.call(Method::DELETE, "/v1/queues/livechat-en", Some(&aino), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    let interrupted = anna_events.until("interrupted").await;
    assert_eq!(interrupted.data["body"]["conversationId"], live.as_str());
    assert_eq!(interrupted.data["body"]["interruption"]["reason"], "queueDeleted");
    assert_eq!(t.state_of(&waiting).0, "closed");
    waiting_events.until("ended").await;
    // The queue is gone from the lists and takes no new chat.
    let (_, queues) = t.get("/v1/queues", &anna).await;
    assert!(queues.as_array().unwrap().iter().all(|q| q["id"] != "livechat-en"));
    let (status, _) = t
        .post(
            "/widget/v1/conversations",
            None,
            json!({"name": "Zoe", "queueId": "livechat-en", "text": "Hello"}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The live chat takes no more agent messages, transfers or conferences; End still works.
    let (status, body) = t
        .post(
            &format!("/v1/conversations/{live}/messages"),
            Some(&anna),
            json!({"clientId": "after", "text": "Hello?"}),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("conversation-interrupted"))
    );
    let (_, code) = refused(&t, &anna, &live, "transfer", to_queue("livechat-fi")).await;
    assert_eq!(code, "conversation-interrupted");
    let (_, code) = refused(&t, &anna, &live, "conference", to_agent("aino")).await;
    assert_eq!(code, "conversation-interrupted");
    act(&t, &anna, &live, "end", json!({})).await;
    wrap_up(&t, &anna, &live, "technical-issue").await;
    let _ = customer;

    // It survives a restart, and so does the interruption of what is left.
    let t = t.restart(config(&["anna", "aino"], |_| {}), Duration::ZERO).await;
    let (_, queues) = t.get("/v1/queues", &t.login("anna").await).await;
    assert!(queues.as_array().unwrap().iter().all(|q| q["id"] != "livechat-en"));
}

#[tokio::test]
async fn a_queue_removed_from_the_configuration_interrupts_its_chats_at_start() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let anna = t.available("anna").await;
    let (conversation, _) = t.start_chat_in("Ilmari", "Moi", Some("livechat-fi")).await;
    accept(&t, &anna, &conversation).await;
    let t = t
        .restart(
            config(&["anna"], |c| {
                c.queues.retain(|q| q.id != "livechat-fi");
                for agent in &mut c.agents {
                    agent.queues.retain(|q| q != "livechat-fi");
                }
            }),
            Duration::ZERO,
        )
        .await;
    let header = t.hub.conversation(&conversation).unwrap();
    assert!(header.interruption.is_some(), "{header:?}");
    let mut events = t.agent_events(&anna, None).await;
    let snapshot = events.expect("snapshot").await;
    let held = &snapshot.data["body"]["snapshot"]["assignments"][0]["conversation"];
    assert_eq!(held["interruption"]["reason"], "queueDeleted");
}

#[tokio::test]
async fn an_unanswered_invitation_times_out_and_a_guest_who_signs_out_leaves() {
    let t =
        TestHub::start(config(&["anna", "aino", "jonas"], |c| c.settings.accept_timeout_secs = 1));
    let (conversation, _, mut agents) = anna_holds_a_chat(&t, &["aino", "jonas"]).await;
    let (jonas, mut jonas_events) = agents.pop().unwrap();
    let (_aino, mut aino_events) = agents.pop().unwrap();
    let (anna, mut anna_events) = agents.pop().unwrap();

    // aino lets the invitation pass: it goes, she is RONA like after any missed offer, and
    // the chat is anna's as before.
    act(&t, &anna, &conversation, "conference", to_agent("aino")).await;
    aino_events.expect("offered").await;
    let withdrawn = aino_events.expect("offerWithdrawn").await;
    assert_eq!(withdrawn.data["body"]["reason"], "timedOut");
    assert_eq!(t.hub.agent_state("aino").unwrap().state, hub_protocol::AgentState::Rona);
    anna_events.expect("conferenceChanged").await;
    let cleared = anna_events.expect("conferenceChanged").await;
    assert_eq!(cleared.data["body"]["conference"], Value::Null);
    assert_eq!(t.state_of(&conversation), ("active".into(), Some("anna".into())));

    // jonas joins, then signs out: he leaves the conference, the chat goes on.
    act(&t, &anna, &conversation, "conference", to_agent("jonas")).await;
    jonas_events.expect("offered").await;
    accept(&t, &jonas, &conversation).await;
    anna_events.until("conferenceChanged").await; // requested
    let joined = anna_events.until("conferenceChanged").await;
    assert_eq!(joined.data["body"]["conference"]["state"], "joined");
    let (status, _) = t.call(Method::DELETE, "/v1/sessions/current", Some(&jonas), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let gone = anna_events.until("conferenceChanged").await;
    assert_eq!(gone.data["body"]["conference"], Value::Null);
    assert_eq!(
        system_kinds(&t, &conversation),
        ["agentJoined", "agentJoined", "agentLeft"],
        "the customer is told he left"
    );
    say(&t, &anna, &conversation, "Back to just us").await;
}

#[tokio::test]
async fn a_rejected_transfer_is_routed_again_and_the_first_agent_may_wrap_up_at_once() {
    let t = TestHub::start(config(&["anna", "aino"], |_| {}));
    let (conversation, _, mut agents) = anna_holds_a_chat(&t, &["aino"]).await;
    let (aino, mut aino_events) = agents.pop().unwrap();
    let (anna, mut anna_events) = agents.pop().unwrap();

    act(&t, &anna, &conversation, "transfer", to_agent("aino")).await;
    anna_events.until("ended").await;
    // anna wraps up before anyone accepted; the customer is still waiting for aino.
    wrap_up(&t, &anna, &conversation, "escalated").await;
    anna_events.expect("closed").await;
    assert_eq!(t.state_of(&conversation), ("offered".into(), Some("aino".into())));
    // A second wrap-up by anna is refused; so is her End of a chat no longer hers.
    let (status, code) =
        refused(&t, &anna, &conversation, "wrapup", json!({"reasonId": "resolved"})).await;
    assert_eq!((status, code.as_str()), (StatusCode::FORBIDDEN, "not-your-conversation"));
    let (_, code) = refused(&t, &anna, &conversation, "end", json!({})).await;
    assert_eq!(code, "not-your-conversation");

    aino_events.expect("offered").await;
    act(&t, &aino, &conversation, "reject", json!({})).await;
    // Back in the queue; neither aino (rejected) nor anna (handed it on) is asked again.
    assert_eq!(t.state_of(&conversation), ("queued".into(), None));
    aino_events.expect("offerWithdrawn").await;
    aino_events.assert_quiet(Duration::from_millis(200)).await;
    // anna, already wrapped up, holds no task for a line: only the notice reaches her.
    let told = anna_events.expect("transferNotAccepted").await;
    assert_eq!(told.data["body"]["reason"], "rejected");
    assert_eq!(told.data["body"]["colleague"]["id"], "aino");
    anna_events.assert_quiet(Duration::from_millis(200)).await;
}

/// `GET /v1/agents` counts a colleague's load as capacity does: an offer they have not
/// answered fills a slot there too, so the handoff dialog never lists as free a colleague
/// the transfer check refuses.
#[tokio::test]
async fn the_agent_list_counts_offers_as_the_transfer_check_does() {
    let t = TestHub::start(config(&["anna", "jonas"], |c| c.settings.capacity = 1));
    let (conversation, _, agents) = anna_holds_a_chat(&t, &["jonas"]).await;
    let anna = &agents[0].0;
    let (offered, _) = t.start_chat("Leo", "Hi").await;
    assert_eq!(t.state_of(&offered), ("offered".into(), Some("jonas".into())));

    let (_, listed) = t.get("/v1/agents", anna).await;
    let jonas = listed.as_array().unwrap().iter().find(|a| a["id"] == "jonas").unwrap();
    assert_eq!((&jonas["activeConversations"], &jonas["capacity"]), (&json!(1), &json!(1)));
    assert_eq!(
        refused(&t, anna, &conversation, "transfer", to_agent("jonas")).await,
        (StatusCode::CONFLICT, "agent-unavailable".into())
    );
}
