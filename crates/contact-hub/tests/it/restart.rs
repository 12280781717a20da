//! A restart on the same database loses nothing: sessions, conversations, messages, event
//! ids, and pending offers with their deadlines.

use std::time::Duration;

use axum::http::StatusCode;
use serde_json::json;

use crate::support::{config, TestHub};

fn hub_config() -> contact_hub::HubConfig {
    config(&["anna"], |c| c.settings.accept_timeout_secs = 2)
}

#[tokio::test]
async fn everything_survives_a_restart_and_streams_resume_from_the_right_id() {
    let t = TestHub::start(hub_config());
    let anna = t.available("anna").await;
    let mut events = t.agent_events(&anna, None).await;
    events.expect("snapshot").await;

    let (conversation, customer_token) = t.start_chat("Mia", "My parcel is late").await;
    events.expect("offered").await;
    t.post(&format!("/v1/conversations/{conversation}/accept"), Some(&anna), json!({})).await;
    let assigned = events.expect("assigned").await;
    let resume_from = assigned.id.unwrap();
    t.post(
        &format!("/v1/conversations/{conversation}/messages"),
        Some(&anna),
        json!({"clientId": "a-1", "text": "Sorry to hear that!"}),
    )
    .await;
    let agent_line = events.expect("messageAdded").await;
    t.post(
        &format!("/widget/v1/conversations/{conversation}/messages"),
        Some(&customer_token),
        json!({"clientId": "c-1", "text": "Order 991"}),
    )
    .await;
    let customer_line = events.expect("messageAdded").await;
    // A second conversation is offered and left unanswered across the restart.
    let (pending, _) = t.start_chat("Leo", "Hello?").await;
    let offered = events.expect("offered").await;
    let last_before = offered.id.unwrap();
    let mut customer = t.customer_events(&conversation, &customer_token, None).await;
    let mut customer_ids = Vec::new();
    for _ in 0..4 {
        customer_ids.push(customer.expect("messageAdded").await.id.unwrap());
    }

    // Down for longer than the offer's deadline.
    let t = t.restart(hub_config(), Duration::from_millis(2500)).await;

    // The session, the conversation and its thread are all there.
    let (status, agents) = t.get("/v1/agents", &anna).await;
    assert_eq!(status, StatusCode::OK, "the token survives");
    assert_eq!(agents[0]["id"], "anna");
    assert_eq!(t.state_of(&conversation), ("active".into(), Some("anna".into())));
    let texts: Vec<String> =
        t.hub.messages(&conversation).unwrap().into_iter().map(|m| m.text).collect();
    assert_eq!(texts, ["My parcel is late", "", "Sorry to hear that!", "Order 991"]);

    // Resuming after the assignment replays exactly what followed it, with the same ids…
    let mut replay = t.agent_events(&anna, Some(resume_from)).await;
    let first = replay.next().await;
    assert_eq!((first.id, &first.data), (agent_line.id, &agent_line.data));
    let second = replay.next().await;
    assert_eq!((second.id, &second.data), (customer_line.id, &customer_line.data));
    let third = replay.next().await;
    assert_eq!((third.id, &third.data), (offered.id, &offered.data));
    // …and the offer whose deadline passed while the hub was down expires at start.
    let withdrawn = replay.expect("offerWithdrawn").await;
    assert!(withdrawn.id.unwrap() > last_before, "event ids keep growing across restarts");
    assert_eq!(withdrawn.data["body"]["conversationId"], pending.as_str());
    assert_eq!(withdrawn.data["body"]["reason"], "timedOut");
    assert_eq!(replay.expect("stateChanged").await.data["body"]["state"]["state"]["kind"], "rona");
    // The load counts offers, so it is read once the expired one is gone: the chat held.
    let (_, agents) = t.get("/v1/agents", &anna).await;
    assert_eq!(agents[0]["activeConversations"], 1);

    // A fresh stream's snapshot holds the active conversation with its thread.
    let mut fresh = t.agent_events(&anna, None).await;
    let snapshot = fresh.expect("snapshot").await;
    let assignments = &snapshot.data["body"]["snapshot"]["assignments"];
    assert_eq!(assignments[0]["conversation"]["id"], conversation.as_str());
    assert_eq!(assignments[0]["messages"].as_array().unwrap().len(), 4);
    assert_eq!(snapshot.data["body"]["snapshot"]["offers"], json!([]));

    // The customer's stream resumes too, and the conversation carries on.
    let mut customer =
        t.customer_events(&conversation, &customer_token, Some(customer_ids[1])).await;
    assert_eq!(customer.next().await.id, Some(customer_ids[2]));
    assert_eq!(customer.next().await.id, Some(customer_ids[3]));
    let (status, _) = t
        .post(
            &format!("/v1/conversations/{conversation}/messages"),
            Some(&anna),
            json!({"clientId": "a-2", "text": "Found it."}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let after = customer.expect("messageAdded").await;
    assert!(after.id.unwrap() > withdrawn.id.unwrap());
    // An idempotent retry from before the restart is still recognized.
    let (status, _) = t
        .post(
            &format!("/v1/conversations/{conversation}/messages"),
            Some(&anna),
            json!({"clientId": "a-1", "text": "Sorry to hear that!"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_pending_offer_keeps_its_deadline_across_a_quick_restart() {
    let t = TestHub::start(hub_config());
    let anna = t.available("anna").await;
    let (conversation, _) = t.start_chat("Mia", "Hello?").await;
    assert_eq!(t.state_of(&conversation).0, "offered");
    let t = t.restart(hub_config(), Duration::ZERO).await;
    // Still offered after the restart: the deadline is re-armed, not reset or dropped.
    assert_eq!(t.state_of(&conversation), ("offered".into(), Some("anna".into())));
    let mut events = t.agent_events(&anna, None).await;
    let snapshot = events.expect("snapshot").await;
    assert_eq!(
        snapshot.data["body"]["snapshot"]["offers"][0]["conversation"]["id"],
        conversation.as_str()
    );
    let withdrawn = events.expect("offerWithdrawn").await;
    assert_eq!(withdrawn.data["body"]["reason"], "timedOut");
    assert_eq!(t.state_of(&conversation), ("queued".into(), None));
}

#[tokio::test]
async fn a_shut_down_hub_ends_its_streams() {
    let t = TestHub::start(hub_config());
    let anna = t.available("anna").await;
    let mut events = t.agent_events(&anna, None).await;
    events.expect("snapshot").await;
    t.hub.shutdown().await;
    assert!(events.try_next(Duration::from_secs(5)).await.is_none(), "the stream ends");
    let (status, body) = t.get("/v1/agents", &anna).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["code"], "internal");
}
