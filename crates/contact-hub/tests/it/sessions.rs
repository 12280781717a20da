//! Signing in and out, and the agent's own state.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::support::{config, TestHub};

#[tokio::test]
async fn login_with_the_right_password_lands_in_the_first_idle_code() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let (status, body) =
        t.post("/v1/sessions", None, json!({"username": "anna", "password": "demo"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["agent"]["id"], "anna");
    assert_eq!(body["agent"]["displayName"], "Anna Lindqvist");
    assert_eq!(body["agent"]["capacity"], 6);
    assert_eq!(body["settings"]["acceptTimeoutSecs"], 30);
    assert_eq!(body["settings"]["agentsMayReject"], true);
    assert_eq!(body["settings"]["maskSensitiveData"], true);
    assert_eq!(body["state"]["state"], json!({"kind": "idle", "code": "break"}));
    assert_eq!(body["token"].as_str().unwrap().len(), 64);
}

#[tokio::test]
async fn wrong_passwords_and_unknown_users_are_refused_alike() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    for (username, password) in [("anna", "wrong"), ("nobody", "demo"), ("anna", "")] {
        let (status, body) =
            t.post("/v1/sessions", None, json!({"username": username, "password": password})).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{username}/{password}");
        assert_eq!(body["code"], "invalid-credentials");
        assert!(body["message"].is_string());
    }
}

#[tokio::test]
async fn requests_without_a_valid_token_are_unauthorized() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let (status, body) = t.call(Method::GET, "/v1/queues", None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "unauthorized");
    let (status, body) = t.get("/v1/queues", "not-a-token").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "unauthorized");
}

#[tokio::test]
async fn a_second_login_keeps_the_first_token_and_the_state() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let first = t.available("anna").await;
    let second = t.login("anna").await;
    assert_ne!(first, second);
    assert_eq!(t.get("/v1/queues", &first).await.0, StatusCode::OK);
    assert_eq!(t.get("/v1/queues", &second).await.0, StatusCode::OK);
    // Signing in from a second desk does not knock the agent out of Available.
    let (_, agents) = t.get("/v1/agents", &second).await;
    assert_eq!(agents[0]["state"], json!({"kind": "available"}));
}

#[tokio::test]
async fn logout_revokes_only_that_token_and_logs_the_agent_out() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let first = t.available("anna").await;
    let second = t.login("anna").await;
    let (status, _) = t.call(Method::DELETE, "/v1/sessions/current", Some(&first), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(t.get("/v1/queues", &first).await.0, StatusCode::UNAUTHORIZED);
    let (status, agents) = t.get("/v1/agents", &second).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(agents[0]["state"], json!({"kind": "loggedOut"}));
}

#[tokio::test]
async fn logout_withdraws_open_offers_and_routes_them_on() {
    let t = TestHub::start(config(&["anna", "aino"], |_| {}));
    let anna = t.available("anna").await;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let aino = t.available("aino").await;
    let mut anna_events = t.agent_events(&anna, None).await;
    let mut aino_events = t.agent_events(&aino, None).await;
    anna_events.expect("snapshot").await;
    aino_events.expect("snapshot").await;
    let (conversation, _) = t.start_chat("Mia", "Hello").await;
    anna_events.expect("offered").await;
    t.call(Method::DELETE, "/v1/sessions/current", Some(&anna), None).await;
    let withdrawn = anna_events.until("offerWithdrawn").await;
    assert_eq!(withdrawn.data["body"]["conversationId"], conversation.as_str());
    // What the sign-out did reaches its stream, and then the stream ends.
    while anna_events.try_next(crate::support::EVENT_WAIT).await.is_some() {}
    let offered = aino_events.expect("offered").await;
    assert_eq!(offered.data["body"]["offer"]["conversation"]["id"], conversation.as_str());
}

#[tokio::test]
async fn agents_set_their_own_state_but_never_rona_or_logged_out() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let anna = t.login("anna").await;
    let mut events = t.agent_events(&anna, None).await;
    events.expect("snapshot").await;

    let (status, body) = t.set_state(&anna, json!({"kind": "idle", "code": "lunch"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], json!({"kind": "idle", "code": "lunch"}));
    let changed = events.expect("stateChanged").await;
    assert_eq!(changed.data["body"]["state"], body);

    let (status, body) = t.set_state(&anna, json!({"kind": "workingOffline"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["state"]["kind"], "workingOffline");
    events.expect("stateChanged").await;

    let (status, body) = t.set_state(&anna, json!({"kind": "available"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["state"]["kind"], "available");
    assert!(t.hub.idle_since("anna").unwrap().is_some(), "first Available starts the idle clock");

    for refused in [json!({"kind": "rona"}), json!({"kind": "loggedOut"})] {
        let (status, body) = t.set_state(&anna, refused.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert_eq!(body["code"], "invalid-agent-state");
    }
    let (status, body) = t.set_state(&anna, json!({"kind": "idle", "code": "nap"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "not-found");
    let (status, body) = t.set_state(&anna, json!({"kind": "dancing"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "invalid-request");
    // The refusals changed nothing.
    assert_eq!(t.hub.agent_state("anna").unwrap().state, hub_protocol::AgentState::Available);
}
