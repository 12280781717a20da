//! Routing through the whole hub: missed offers, rejections, longest-idle order, queue
//! membership and capacity under concurrent arrivals.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use futures_util::future::join_all;
use serde_json::json;

use crate::support::{config, TestHub};

/// Lets the millisecond clock move on, so "became available first" is unambiguous.
async fn tick() {
    tokio::time::sleep(Duration::from_millis(5)).await;
}

#[tokio::test]
async fn a_missed_offer_sets_rona_and_goes_to_the_next_agent() {
    let t = TestHub::start(config(&["anna", "aino"], |c| c.settings.accept_timeout_secs = 1));
    let anna = t.available("anna").await;
    tick().await;
    let aino = t.available("aino").await;
    let mut anna_events = t.agent_events(&anna, None).await;
    let mut aino_events = t.agent_events(&aino, None).await;
    anna_events.expect("snapshot").await;
    aino_events.expect("snapshot").await;

    let started = Instant::now();
    let (conversation, _) = t.start_chat("Mia", "Hello?").await;
    assert_eq!(t.state_of(&conversation).1.as_deref(), Some("anna"), "anna waited longest");
    let offer = anna_events.expect("offered").await;
    assert_eq!(offer.data["body"]["offer"]["conversation"]["id"], conversation.as_str());

    // Nobody answers: withdrawn as timed out, anna goes RONA, aino gets it.
    let withdrawn = anna_events.expect("offerWithdrawn").await;
    assert!(started.elapsed() >= Duration::from_millis(900), "withdrawn too early");
    assert_eq!(withdrawn.data["body"]["reason"], "timedOut");
    assert_eq!(withdrawn.data["body"]["conversationId"], conversation.as_str());
    let rona = anna_events.expect("stateChanged").await;
    assert_eq!(rona.data["body"]["state"]["state"], json!({"kind": "rona"}));
    let reoffer = aino_events.expect("offered").await;
    assert_eq!(reoffer.data["body"]["offer"]["conversation"]["id"], conversation.as_str());

    // Too late for anna.
    let (status, body) =
        t.post(&format!("/v1/conversations/{conversation}/accept"), Some(&anna), json!({})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("offer-expired")));
    // aino misses it too: back in the queue, and anna (who missed it) is not asked again
    // even once she is Available.
    aino_events.expect("offerWithdrawn").await;
    t.set_state(&anna, json!({"kind": "available"})).await;
    anna_events.expect("stateChanged").await;
    anna_events.assert_quiet(Duration::from_millis(300)).await;
    assert_eq!(t.state_of(&conversation), ("queued".into(), None));

    // RONA stays until the agent changes it.
    assert_eq!(t.hub.agent_state("aino").unwrap().state, hub_protocol::AgentState::Rona);
    // A new conversation goes to the available anna.
    let (next, _) = t.start_chat("Leo", "Hi").await;
    let offered = anna_events.expect("offered").await;
    assert_eq!(offered.data["body"]["offer"]["conversation"]["id"], next.as_str());
}

#[tokio::test]
async fn a_missed_offer_can_send_the_agent_to_an_idle_code() {
    let t = TestHub::start(config(&["anna"], |c| {
        c.settings.accept_timeout_secs = 1;
        c.settings.missed_offer_state = "meeting".into();
    }));
    let anna = t.available("anna").await;
    let mut events = t.agent_events(&anna, None).await;
    events.expect("snapshot").await;
    t.start_chat("Mia", "Hello?").await;
    events.expect("offered").await;
    events.expect("offerWithdrawn").await;
    let changed = events.expect("stateChanged").await;
    assert_eq!(changed.data["body"]["state"]["state"], json!({"kind": "idle", "code": "meeting"}));
}

#[tokio::test]
async fn rejecting_reroutes_and_keeps_the_agent_available() {
    let t = TestHub::start(config(&["anna", "aino"], |_| {}));
    let anna = t.available("anna").await;
    tick().await;
    let aino = t.available("aino").await;
    let mut aino_events = t.agent_events(&aino, None).await;
    aino_events.expect("snapshot").await;
    let (conversation, _) = t.start_chat("Mia", "Hello").await;
    assert_eq!(t.state_of(&conversation).1.as_deref(), Some("anna"));
    let (status, _) =
        t.post(&format!("/v1/conversations/{conversation}/reject"), Some(&anna), json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        aino_events.expect("offered").await.data["body"]["offer"]["conversation"]["id"],
        conversation.as_str()
    );
    assert_eq!(t.hub.agent_state("anna").unwrap().state, hub_protocol::AgentState::Available);
    // Rejecting twice: the offer is gone.
    let (status, body) =
        t.post(&format!("/v1/conversations/{conversation}/reject"), Some(&anna), json!({})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("offer-expired")));
    // aino rejects too: nobody left who has not declined it, so it waits.
    t.post(&format!("/v1/conversations/{conversation}/reject"), Some(&aino), json!({})).await;
    assert_eq!(t.state_of(&conversation), ("queued".into(), None));
}

#[tokio::test]
async fn rejecting_can_be_forbidden_by_the_admin() {
    let t = TestHub::start(config(&["anna"], |c| c.settings.agents_may_reject = false));
    let anna = t.available("anna").await;
    let mut events = t.agent_events(&anna, None).await;
    events.expect("snapshot").await;
    let (conversation, _) = t.start_chat("Mia", "Hello").await;
    assert_eq!(events.expect("offered").await.data["body"]["offer"]["canReject"], false);
    let (status, body) =
        t.post(&format!("/v1/conversations/{conversation}/reject"), Some(&anna), json!({})).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("reject-not-allowed"))
    );
    assert_eq!(t.state_of(&conversation).0, "offered");
}

async fn close(t: &TestHub, token: &str, conversation: &str) {
    for (action, body) in [("end", json!({})), ("wrapup", json!({"reasonId": "resolved"}))] {
        let (status, body) =
            t.post(&format!("/v1/conversations/{conversation}/{action}"), Some(token), body).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{action}: {body}");
    }
}

#[tokio::test]
async fn the_agent_idle_longest_gets_the_next_conversation() {
    // Capacity 1, so each agent takes one and the order is visible.
    let t = TestHub::start(config(&["anna", "aino", "jonas"], |c| c.settings.capacity = 1));
    // Available in the order jonas, anna, aino (configuration order is anna, aino, jonas,
    // so the tie-break cannot be what produces the expected order).
    let jonas = t.available("jonas").await;
    tick().await;
    let anna = t.available("anna").await;
    tick().await;
    let aino = t.available("aino").await;
    let tokens: HashMap<&str, &String> =
        [("anna", &anna), ("aino", &aino), ("jonas", &jonas)].into();

    let mut held = HashMap::new();
    for expected in ["jonas", "anna", "aino"] {
        let (conversation, _) = t.start_chat("Customer", "Hello").await;
        assert_eq!(t.state_of(&conversation), ("offered".into(), Some(expected.into())));
        let (status, _) = t
            .post(
                &format!("/v1/conversations/{conversation}/accept"),
                Some(tokens[expected]),
                json!({}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        held.insert(expected, conversation);
    }
    // Everyone is full: the fourth waits.
    let (waiting, _) = t.start_chat("Customer", "Hello").await;
    assert_eq!(t.state_of(&waiting), ("queued".into(), None));

    // Closing frees capacity and restarts the idle clock: aino closes first and takes the
    // waiting one at once; then jonas, then anna.
    close(&t, &aino, &held["aino"]).await;
    assert_eq!(t.state_of(&waiting), ("offered".into(), Some("aino".into())));
    t.post(&format!("/v1/conversations/{waiting}/accept"), Some(&aino), json!({})).await;
    close(&t, &aino, &waiting).await;
    tick().await;
    close(&t, &jonas, &held["jonas"]).await;
    tick().await;
    close(&t, &anna, &held["anna"]).await;
    let order: Vec<i64> =
        ["aino", "jonas", "anna"].iter().map(|a| t.hub.idle_since(a).unwrap().unwrap()).collect();
    assert!(order[0] < order[1] && order[1] < order[2], "{order:?}");

    for expected in ["aino", "jonas", "anna"] {
        let (conversation, _) = t.start_chat("Customer", "Hello again").await;
        assert_eq!(t.state_of(&conversation).1.as_deref(), Some(expected));
    }
}

#[tokio::test]
async fn only_agents_serving_the_queue_get_its_conversations() {
    let t = TestHub::start(config(&["jonas", "aino"], |_| {}));
    let _jonas = t.available("jonas").await;
    tick().await;
    let _aino = t.available("aino").await;
    let (finnish, _) = t.start_chat_in("Matti", "Hei", Some("livechat-fi")).await;
    assert_eq!(t.state_of(&finnish).1.as_deref(), Some("aino"));
    let (german, _) = t.start_chat_in("Lena", "Hallo", Some("livechat-de")).await;
    assert_eq!(t.state_of(&german).1.as_deref(), Some("jonas"));
    let (italian, _) = t.start_chat_in("Luca", "Ciao", Some("livechat-it")).await;
    assert_eq!(t.state_of(&italian), ("queued".into(), None));
    let (status, body) = t
        .post("/widget/v1/conversations", None, json!({"name": "X", "email": null, "queueId": "nope", "language": null, "source": null, "text": "hi"}))
        .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not-found")));
    let (_, queues) = t.get("/v1/queues", &_jonas).await;
    let it = queues.as_array().unwrap().iter().find(|q| q["id"] == "livechat-it").unwrap();
    assert_eq!(it["waiting"], 1);
    assert_eq!(it["name"], "Assistenza clienti");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn capacity_is_never_exceeded_under_concurrent_arrivals() {
    let t = TestHub::start(config(&["anna", "aino"], |c| c.settings.capacity = 2));
    let anna = t.available("anna").await;
    let aino = t.available("aino").await;
    let mut anna_events = t.agent_events(&anna, None).await;
    let mut aino_events = t.agent_events(&aino, None).await;
    anna_events.expect("snapshot").await;
    aino_events.expect("snapshot").await;

    let starts = (0..20).map(|i| {
        let app = t.app.clone();
        tokio::spawn(async move {
            use tower::ServiceExt;
            let body = json!({"name": format!("Customer {i}"), "email": null, "queueId": null, "language": null, "source": null, "text": "Hello"});
            let response = app.oneshot(crate::support::request(Method::POST, "/widget/v1/conversations", None, Some(body))).await.unwrap();
            assert_eq!(response.status(), StatusCode::CREATED);
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
            let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            body["conversationId"].as_str().unwrap().to_owned()
        })
    });
    let ids: Vec<String> = join_all(starts).await.into_iter().map(|r| r.unwrap()).collect();

    let mut by_state: HashMap<(String, Option<String>), usize> = HashMap::new();
    for id in &ids {
        *by_state.entry(t.state_of(id)).or_default() += 1;
    }
    assert_eq!(by_state.get(&("offered".into(), Some("anna".into()))), Some(&2), "{by_state:?}");
    assert_eq!(by_state.get(&("offered".into(), Some("aino".into()))), Some(&2), "{by_state:?}");
    assert_eq!(by_state.get(&("queued".into(), None)), Some(&16), "{by_state:?}");

    // Exactly two offers reached each agent, and no more follow.
    for events in [&mut anna_events, &mut aino_events] {
        events.expect("offered").await;
        events.expect("offered").await;
        events.assert_quiet(Duration::from_millis(300)).await;
    }
    let (_, queues) = t.get("/v1/queues", &anna).await;
    assert_eq!(queues[0]["waiting"], 20);

    // Accepting keeps the slot taken; closing one frees exactly one slot, and a waiting
    // conversation fills it.
    let anna_held: Vec<String> =
        ids.iter().filter(|id| t.state_of(id).1.as_deref() == Some("anna")).cloned().collect();
    for id in &anna_held {
        t.post(&format!("/v1/conversations/{id}/accept"), Some(&anna), json!({})).await;
    }
    anna_events.expect("assigned").await;
    anna_events.expect("assigned").await;
    anna_events.assert_quiet(Duration::from_millis(200)).await;
    close(&t, &anna, &anna_held[0]).await;
    anna_events.until("closed").await;
    let next = anna_events.expect("offered").await;
    let next_id = next.data["body"]["offer"]["conversation"]["id"].as_str().unwrap().to_owned();
    assert!(!anna_held.contains(&next_id));
    assert_eq!(by_state[&("queued".into(), None)], 16);
    assert_eq!(ids.iter().filter(|id| t.state_of(id).0 == "queued").count(), 15);
    anna_events.assert_quiet(Duration::from_millis(300)).await;
}

/// Each queue follows the rule its configuration names: in `livechat-en` (longest idle)
/// anna, who went Available first, gets chat after chat although aino holds none; in
/// `livechat-fi` (least busy) aino gets the next one. Capacity stays absolute: once anna
/// is full, the English queue's next chat goes to aino.
#[tokio::test]
async fn each_queue_routes_by_its_configured_rule() {
    use contact_hub::routing::Rule;
    let t = TestHub::start(config(&["anna", "aino"], |c| {
        c.settings.capacity = 3;
        for agent in &mut c.agents {
            agent.queues = vec!["livechat-en".into(), "livechat-fi".into()];
        }
        for queue in &mut c.queues {
            queue.routing =
                if queue.id == "livechat-fi" { Rule::LeastBusy } else { Rule::LongestIdle };
        }
    }));
    let mut routed = Vec::new();
    let chat = |queue: &'static str| {
        let t = &t;
        async move {
            let (conversation, _) = t.start_chat_in("Customer", "Hello", Some(queue)).await;
            let (state, agent) = t.state_of(&conversation);
            assert_eq!(state, "offered", "{queue}");
            (queue, agent.unwrap())
        }
    };
    // anna alone takes two chats; aino becomes Available after anna's last offer.
    t.available("anna").await;
    routed.push(chat("livechat-en").await);
    routed.push(chat("livechat-en").await);
    tick().await;
    t.available("aino").await;
    // Longest idle: anna, busy, has waited since her last offer, longer than aino.
    routed.push(chat("livechat-en").await);
    // Least busy: aino holds nothing, anna three.
    routed.push(chat("livechat-fi").await);
    // anna is full (capacity 3): the longest-idle queue passes her over.
    routed.push(chat("livechat-en").await);
    assert_eq!(
        routed,
        [
            ("livechat-en", "anna".to_owned()),
            ("livechat-en", "anna".to_owned()),
            ("livechat-en", "anna".to_owned()),
            ("livechat-fi", "aino".to_owned()),
            ("livechat-en", "aino".to_owned()),
        ]
    );
}
