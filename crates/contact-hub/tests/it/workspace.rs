//! The agent's workspace settings: assigned queues the agent turns on and off, where a
//! rejected or missed offer sends the agent, dispositions a queue may not require, the chat
//! window's message limit, and the FAQ.

use std::time::Duration;

use axum::http::{Method, StatusCode};
use hub_protocol::AgentState;
use serde_json::{json, Value};

use crate::support::{config, TestHub};

async fn set_queues(t: &TestHub, token: &str, enabled: &[&str]) -> (StatusCode, Value) {
    t.call(Method::PUT, "/v1/agents/me/queues", Some(token), Some(json!({"enabled": enabled})))
        .await
}

fn enabled(queues: &Value) -> Vec<(String, bool)> {
    queues["queues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| (q["id"].as_str().unwrap().to_owned(), q["enabled"].as_bool().unwrap()))
        .collect()
}

#[tokio::test]
async fn agents_choose_their_queues_only_where_the_admin_lets_them() {
    let t = TestHub::start(config(&["aino"], |c| c.settings.agents_may_choose_queues = false));
    let aino = t.login("aino").await;
    let (status, queues) = t.get("/v1/agents/me/queues", &aino).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(queues["mayChange"], false);
    assert_eq!(
        enabled(&queues),
        vec![("livechat-fi".into(), true), ("livechat-en".into(), true)],
        "the admin's choice: every assigned queue, in the configured order"
    );
    assert_eq!(queues["queues"][0]["name"], "Asiakaspalvelu");
    assert_eq!(queues["queues"][0]["channel"], "livechat");
    assert_eq!(queues["queues"][0]["language"], "fi");
    let (status, body) = set_queues(&t, &aino, &["livechat-fi"]).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")));

    let t = TestHub::start(config(&["aino"], |c| c.settings.agents_may_choose_queues = true));
    let aino = t.login("aino").await;
    let (_, login) =
        t.post("/v1/sessions", None, json!({"username": "aino", "password": "demo"})).await;
    assert_eq!(login["settings"]["agentsMayChooseQueues"], true);
    let (status, queues) = set_queues(&t, &aino, &["livechat-fi"]).await;
    assert_eq!(status, StatusCode::OK, "{queues}");
    assert_eq!(queues["mayChange"], true);
    assert_eq!(enabled(&queues), vec![("livechat-fi".into(), true), ("livechat-en".into(), false)]);
    // Only assigned queues can be chosen: another is no queue of hers.
    let (status, body) = set_queues(&t, &aino, &["livechat-de"]).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not-found")));
    let (_, queues) = t.get("/v1/agents/me/queues", &aino).await;
    assert_eq!(
        enabled(&queues)[1],
        ("livechat-en".into(), false),
        "a refused change changes nothing"
    );
}

#[tokio::test]
async fn a_disabled_queue_offers_nothing_until_the_agent_turns_it_back_on() {
    let t = TestHub::start(config(&["aino"], |_| {}));
    let aino = t.available("aino").await;
    let mut events = t.agent_events(&aino, None).await;
    events.expect("snapshot").await;
    set_queues(&t, &aino, &["livechat-fi"]).await;

    let (conversation, _) = t.start_chat_in("Mia", "Hello", Some("livechat-en")).await;
    events.assert_quiet(Duration::from_millis(300)).await;
    assert_eq!(t.state_of(&conversation), ("queued".into(), None));
    let (_, queues) = t.get("/v1/queues", &aino).await;
    let en = queues.as_array().unwrap().iter().find(|q| q["id"] == "livechat-en").unwrap();
    assert_eq!((en["waiting"].as_u64(), en["availableAgents"].as_u64()), (Some(1), Some(0)));

    // Turning it on routes the waiting chat at once.
    let (status, _) = set_queues(&t, &aino, &["livechat-fi", "livechat-en"]).await;
    assert_eq!(status, StatusCode::OK);
    let offer = events.expect("offered").await;
    assert_eq!(offer.data["body"]["offer"]["conversation"]["id"], conversation.as_str());
}

#[tokio::test]
async fn the_queue_choice_survives_a_restart() {
    let hub_config = || config(&["aino"], |_| {});
    let t = TestHub::start(hub_config());
    let aino = t.login("aino").await;
    set_queues(&t, &aino, &["livechat-en"]).await;
    let t = t.restart(hub_config(), Duration::ZERO).await;
    let (status, queues) = t.get("/v1/agents/me/queues", &aino).await;
    assert_eq!(status, StatusCode::OK, "{queues}");
    assert_eq!(enabled(&queues), vec![("livechat-fi".into(), false), ("livechat-en".into(), true)]);
    // And routing still honours it.
    t.set_state(&aino, json!({"kind": "available"})).await;
    let (conversation, _) = t.start_chat_in("Mia", "Moi", Some("livechat-fi")).await;
    assert_eq!(t.state_of(&conversation), ("queued".into(), None));
}

#[tokio::test]
async fn a_rejected_offer_sends_the_agent_where_the_admin_says() {
    for (setting, expected) in [
        ("available", AgentState::Available),
        ("working-offline", AgentState::WorkingOffline),
        ("break", AgentState::Idle { code: "break".into() }),
    ] {
        let t = TestHub::start(config(&["anna", "aino"], |c| {
            c.settings.rejected_offer_state = setting.into();
        }));
        let anna = t.available("anna").await;
        tokio::time::sleep(Duration::from_millis(5)).await;
        let aino = t.available("aino").await;
        let (conversation, _) = t.start_chat("Mia", "Hello").await;
        assert_eq!(t.state_of(&conversation).1.as_deref(), Some("anna"));
        let (status, _) = t
            .post(&format!("/v1/conversations/{conversation}/reject"), Some(&anna), json!({}))
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert_eq!(t.hub.agent_state("anna").unwrap().state, expected, "{setting}");
        assert_eq!(t.state_of(&conversation).1.as_deref(), Some("aino"), "{setting}");
        let _ = aino;
    }
}

#[tokio::test]
async fn a_rejected_conference_invitation_leaves_the_agent_as_they_are() {
    let t = TestHub::start(config(&["anna", "aino"], |c| {
        c.settings.rejected_offer_state = "working-offline".into();
    }));
    let anna = t.available("anna").await;
    let (conversation, _) = t.start_chat("Mia", "Hello").await;
    t.post(&format!("/v1/conversations/{conversation}/accept"), Some(&anna), json!({})).await;
    let aino = t.available("aino").await;
    let (status, body) = t
        .post(
            &format!("/v1/conversations/{conversation}/conference"),
            Some(&anna),
            json!({"target": {"kind": "agent", "agentId": "aino"}}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (status, _) =
        t.post(&format!("/v1/conversations/{conversation}/reject"), Some(&aino), json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(t.hub.agent_state("aino").unwrap().state, AgentState::Available);
}

#[tokio::test]
async fn a_missed_offer_sends_the_agent_to_the_configured_state() {
    let t = TestHub::start(config(&["anna"], |c| {
        c.settings.accept_timeout_secs = 1;
        c.settings.missed_offer_state = "working-offline".into();
        c.settings.rejected_offer_state = "break".into();
    }));
    let anna = t.available("anna").await;
    let mut events = t.agent_events(&anna, None).await;
    events.expect("snapshot").await;
    t.start_chat("Mia", "Hello?").await;
    events.expect("offered").await;
    events.expect("offerWithdrawn").await;
    let changed = events.expect("stateChanged").await;
    assert_eq!(changed.data["body"]["state"]["state"], json!({"kind": "workingOffline"}));
}

/// A chat in `queue`, accepted and ended by the agent: wrap-up is due.
async fn ended_chat(t: &TestHub, token: &str, queue: &str) -> String {
    let (conversation, _) = t.start_chat_in("Mia", "Hello", Some(queue)).await;
    let (status, accepted) =
        t.post(&format!("/v1/conversations/{conversation}/accept"), Some(token), json!({})).await;
    assert_eq!(status, StatusCode::OK, "{accepted}");
    let (status, _) =
        t.post(&format!("/v1/conversations/{conversation}/end"), Some(token), json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    conversation
}

#[tokio::test]
async fn a_disposition_is_required_unless_the_queue_says_otherwise() {
    let t = TestHub::start(config(&["camille"], |_| {}));
    let camille = t.available("camille").await;

    let english = ended_chat(&t, &camille, "livechat-en").await;
    let header = t.hub.conversation(&english).unwrap();
    assert!(header.disposition_required);
    assert!(header.ended_at.is_some_and(|at| at >= header.created_at), "ended_at is stamped");
    let (status, body) =
        t.post(&format!("/v1/conversations/{english}/wrapup"), Some(&camille), json!({})).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("disposition-required"))
    );
    assert_eq!(t.state_of(&english).0, "wrapUp");
    let (status, _) = t
        .post(
            &format!("/v1/conversations/{english}/wrapup"),
            Some(&camille),
            json!({"reasonId": "resolved"}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    // The French market wraps up without one, or with one if the agent picks it.
    let french = ended_chat(&t, &camille, "livechat-fr").await;
    assert!(!t.hub.conversation(&french).unwrap().disposition_required);
    let (status, body) =
        t.post(&format!("/v1/conversations/{french}/wrapup"), Some(&camille), json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    assert_eq!(t.state_of(&french).0, "closed");
    assert_eq!(t.hub.wrapups_of(&french).unwrap(), vec![("camille".into(), None)]);
    let again = ended_chat(&t, &camille, "livechat-fr").await;
    let (status, _) = t
        .post(
            &format!("/v1/conversations/{again}/wrapup"),
            Some(&camille),
            json!({"reasonId": "information-provided"}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(t.hub.wrapup_of(&again).unwrap().as_deref(), Some("information-provided"));
}

#[tokio::test]
async fn a_chat_window_queue_takes_1940_characters_a_message() {
    let t = TestHub::start(config(&["camille"], |_| {}));
    let camille = t.available("camille").await;
    let (conversation, customer) = t.start_chat_in("Mia", "Bonjour", Some("livechat-fr")).await;
    let (_, assignment) = t
        .post(&format!("/v1/conversations/{conversation}/accept"), Some(&camille), json!({}))
        .await;
    assert_eq!(assignment["conversation"]["queueKind"], "chat-window");
    assert_eq!(assignment["conversation"]["dispositionRequired"], false);
    let (_, queues) = t.get("/v1/queues", &camille).await;
    let kinds: Vec<(&str, &str)> = queues
        .as_array()
        .unwrap()
        .iter()
        .map(|q| (q["id"].as_str().unwrap(), q["kind"].as_str().unwrap()))
        .collect();
    assert!(kinds.contains(&("livechat-fr", "chat-window")));
    assert!(kinds.contains(&("livechat-en", "standard")));

    let uri = format!("/v1/conversations/{conversation}/messages");
    let (status, body) =
        t.post(&uri, Some(&camille), json!({"clientId": "a", "text": "é".repeat(1940)})).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) =
        t.post(&uri, Some(&camille), json!({"clientId": "b", "text": "é".repeat(1941)})).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("message-too-long"))
    );
    // The customer's side of the same window holds as much.
    let customer_uri = format!("/widget/v1/conversations/{conversation}/messages");
    let (status, _) = t
        .post(&customer_uri, Some(&customer), json!({"clientId": "c", "text": "x".repeat(1940)}))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = t
        .post(&customer_uri, Some(&customer), json!({"clientId": "d", "text": "x".repeat(1941)}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_faq_lists_every_language() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let anna = t.login("anna").await;
    let (status, faq) = t.get("/v1/faq", &anna).await;
    assert_eq!(status, StatusCode::OK);
    let faq = faq.as_array().unwrap();
    for language in ["en-US", "fi", "de", "it", "ar", "fr", "fr-CA"] {
        let count = faq.iter().filter(|f| f["language"] == language).count();
        assert!((4..=6).contains(&count), "{language}: {count}");
    }
    let greeting = faq.iter().find(|f| f["id"] == "en-us-greeting").unwrap();
    assert_eq!(greeting["title"], "Greeting");
    assert!(greeting["text"].as_str().unwrap().contains("{firstName}"));
    let (status, _) = t.call(Method::GET, "/v1/faq", None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
