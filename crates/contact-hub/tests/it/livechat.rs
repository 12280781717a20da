//! A Livechat conversation from the customer's first message to the agent's wrap-up, and
//! the composer rules on both sides.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::support::{config, TestHub};

#[tokio::test]
async fn full_livechat_path() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let anna = t.available("anna").await;
    let idle_before = t.hub.idle_since("anna").unwrap().unwrap();
    let mut agent = t.agent_events(&anna, None).await;
    let snapshot = agent.expect("snapshot").await;
    assert_eq!(snapshot.id, Some(0));
    assert_eq!(snapshot.data["body"]["snapshot"]["state"]["state"]["kind"], "available");

    // The customer starts; the first message is part of the offer.
    let (conversation, customer_token) = t.start_chat("Mia Customer", "Where is my order?").await;
    let mut customer = t.customer_events(&conversation, &customer_token, None).await;
    let first = customer.expect("messageAdded").await;
    assert_eq!(first.data["body"]["message"]["author"]["kind"], "customer");
    assert_eq!(first.data["body"]["message"]["text"], "Where is my order?");

    let offered = agent.expect("offered").await;
    let offer = &offered.data["body"]["offer"];
    assert_eq!(offer["conversation"]["id"], conversation.as_str());
    assert_eq!(offer["conversation"]["state"], "offered");
    assert_eq!(offer["conversation"]["channel"], "livechat");
    assert_eq!(offer["conversation"]["queueId"], "livechat-en");
    assert_eq!(offer["conversation"]["queueName"], "English web support");
    assert_eq!(offer["conversation"]["customer"]["name"], "Mia Customer");
    assert_eq!(offer["conversation"]["customer"]["source"], "https://shop.example/help");
    assert_eq!(offer["messages"][0]["text"], "Where is my order?");
    assert_eq!(offer["canReject"], true);
    assert_eq!(offer["expiresAt"].as_i64().unwrap() - offer["offeredAt"].as_i64().unwrap(), 30_000);
    assert_eq!(t.state_of(&conversation), ("offered".into(), Some("anna".into())));

    // Accept: the agent gets the thread with the joined line; the customer sees the line.
    let (status, assignment) =
        t.post(&format!("/v1/conversations/{conversation}/accept"), Some(&anna), json!({})).await;
    assert_eq!(status, StatusCode::OK, "{assignment}");
    assert_eq!(assignment["conversation"]["state"], "active");
    let joined = &assignment["messages"][1];
    assert_eq!(joined["author"]["kind"], "system");
    assert_eq!(joined["system"], json!({"kind": "agentJoined", "displayName": "Anna Lindqvist"}));
    let assigned = agent.expect("assigned").await;
    assert_eq!(assigned.data["body"]["assignment"], assignment);
    let line = customer.expect("messageAdded").await;
    assert_eq!(line.data["body"]["message"]["system"]["kind"], "agentJoined");

    // Messages both ways.
    let (status, sent) = t
        .post(
            &format!("/v1/conversations/{conversation}/messages"),
            Some(&anna),
            json!({"clientId": "a-1", "text": "Let me check that for you."}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    assert_eq!(
        sent["author"],
        json!({"kind": "agent", "agentId": "anna", "displayName": "Anna Lindqvist"})
    );
    assert_eq!(sent["clientId"], "a-1");
    assert_eq!(agent.expect("messageAdded").await.data["body"]["message"], sent);
    // The customer's copy names the agent but not their internal id.
    let mut for_customer = sent.clone();
    for_customer["author"]["agentId"] = json!("");
    assert_eq!(customer.expect("messageAdded").await.data["body"]["message"], for_customer);

    let (status, reply) = t
        .post(
            &format!("/widget/v1/conversations/{conversation}/messages"),
            Some(&customer_token),
            json!({"clientId": "c-1", "text": "Order 1234, thanks"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    assert_eq!(reply["author"]["kind"], "customer");
    assert_eq!(agent.expect("messageAdded").await.data["body"]["message"], reply);
    assert_eq!(customer.expect("messageAdded").await.data["body"]["message"], reply);

    // Wrap-up before End is the wrong order.
    let (status, body) = t
        .post(
            &format!("/v1/conversations/{conversation}/wrapup"),
            Some(&anna),
            json!({"reasonId": "resolved"}),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("invalid-state")));

    // End: system line, Ended on both sides, wrap-up due.
    let (status, _) =
        t.post(&format!("/v1/conversations/{conversation}/end"), Some(&anna), json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let ended_line = agent.expect("messageAdded").await;
    assert_eq!(ended_line.data["body"]["message"]["system"]["kind"], "endedByAgent");
    assert_eq!(agent.expect("ended").await.data["body"]["conversationId"], conversation.as_str());
    assert_eq!(
        customer.expect("messageAdded").await.data["body"]["message"]["system"]["kind"],
        "endedByAgent"
    );
    customer.expect("ended").await;
    assert_eq!(t.state_of(&conversation).0, "wrapUp");

    // The customer can no longer write; the agent cannot either.
    let (status, body) = t
        .post(
            &format!("/widget/v1/conversations/{conversation}/messages"),
            Some(&customer_token),
            json!({"clientId": "c-2", "text": "Hello?"}),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("conversation-ended")));
    let (status, body) = t
        .post(
            &format!("/v1/conversations/{conversation}/messages"),
            Some(&anna),
            json!({"clientId": "a-2", "text": "Bye"}),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("invalid-state")));

    // Wrap-up: an unknown reason is refused; a real one closes it.
    let (status, body) = t
        .post(
            &format!("/v1/conversations/{conversation}/wrapup"),
            Some(&anna),
            json!({"reasonId": "nope"}),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not-found")));
    let (status, _) = t
        .post(
            &format!("/v1/conversations/{conversation}/wrapup"),
            Some(&anna),
            json!({"reasonId": "order-status"}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(agent.expect("closed").await.data["body"]["conversationId"], conversation.as_str());
    assert_eq!(t.state_of(&conversation).0, "closed");
    assert_eq!(t.hub.wrapup_of(&conversation).unwrap().as_deref(), Some("order-status"));

    // The agent is Available again and their idle clock restarted at the close.
    let (_, agents) = t.get("/v1/agents", &anna).await;
    assert_eq!(agents[0]["state"]["kind"], "available");
    assert_eq!(agents[0]["activeConversations"], 0);
    let idle_after = t.hub.idle_since("anna").unwrap().unwrap();
    assert!(idle_after > idle_before, "{idle_after} > {idle_before}");

    // The whole thread, in order.
    let thread: Vec<Value> = t
        .hub
        .messages(&conversation)
        .unwrap()
        .into_iter()
        .map(|m| serde_json::to_value(m).unwrap())
        .collect();
    let kinds: Vec<String> = thread
        .iter()
        .map(|m| {
            m["system"]["kind"]
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| m["author"]["kind"].as_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(kinds, ["customer", "agentJoined", "agent", "customer", "endedByAgent"]);
}

#[tokio::test]
async fn a_customer_leaving_ends_the_conversation_into_wrap_up() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let anna = t.available("anna").await;
    let (conversation, customer_token) = t.start_chat("Mia", "Hi").await;
    t.post(&format!("/v1/conversations/{conversation}/accept"), Some(&anna), json!({})).await;
    let mut agent = t.agent_events(&anna, None).await;
    agent.expect("snapshot").await;
    let (status, _) = t
        .post(
            &format!("/widget/v1/conversations/{conversation}/end"),
            Some(&customer_token),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        agent.expect("messageAdded").await.data["body"]["message"]["system"]["kind"],
        "endedByCustomer"
    );
    agent.expect("ended").await;
    assert_eq!(t.state_of(&conversation).0, "wrapUp");
    let (status, body) = t
        .post(
            &format!("/widget/v1/conversations/{conversation}/end"),
            Some(&customer_token),
            json!({}),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("conversation-ended")));
}

#[tokio::test]
async fn a_customer_leaving_before_acceptance_closes_at_once_and_withdraws_the_offer() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let anna = t.available("anna").await;
    let mut agent = t.agent_events(&anna, None).await;
    agent.expect("snapshot").await;
    let (conversation, customer_token) = t.start_chat("Mia", "Hi").await;
    agent.expect("offered").await;
    t.post(
        &format!("/widget/v1/conversations/{conversation}/end"),
        Some(&customer_token),
        json!({}),
    )
    .await;
    let withdrawn = agent.expect("offerWithdrawn").await;
    assert_eq!(withdrawn.data["body"]["reason"], "customerLeft");
    assert_eq!(t.state_of(&conversation), ("closed".into(), None));
    let (status, body) =
        t.post(&format!("/v1/conversations/{conversation}/accept"), Some(&anna), json!({})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("offer-expired")));

    // Queued (nobody available) → closed too.
    t.set_state(&anna, json!({"kind": "idle", "code": "break"})).await;
    let (queued, token) = t.start_chat("Leo", "Anyone?").await;
    assert_eq!(t.state_of(&queued).0, "queued");
    let (status, _) =
        t.post(&format!("/widget/v1/conversations/{queued}/end"), Some(&token), json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(t.state_of(&queued).0, "closed");
}

#[tokio::test]
async fn the_same_client_id_is_the_same_message() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let anna = t.available("anna").await;
    let (conversation, customer_token) = t.start_chat("Mia", "Hi").await;
    t.post(&format!("/v1/conversations/{conversation}/accept"), Some(&anna), json!({})).await;
    let mut agent = t.agent_events(&anna, None).await;
    agent.expect("snapshot").await;

    let uri = format!("/v1/conversations/{conversation}/messages");
    let (first_status, first) =
        t.post(&uri, Some(&anna), json!({"clientId": "retry-me", "text": "Hello!"})).await;
    let (again_status, again) =
        t.post(&uri, Some(&anna), json!({"clientId": "retry-me", "text": "Hello!"})).await;
    assert_eq!(first_status, StatusCode::CREATED);
    assert_eq!(again_status, StatusCode::OK);
    assert_eq!(first, again);
    agent.expect("messageAdded").await;

    let customer_uri = format!("/widget/v1/conversations/{conversation}/messages");
    let (s1, m1) = t
        .post(&customer_uri, Some(&customer_token), json!({"clientId": "c-9", "text": "Thanks"}))
        .await;
    let (s2, m2) = t
        .post(&customer_uri, Some(&customer_token), json!({"clientId": "c-9", "text": "Thanks"}))
        .await;
    assert_eq!((s1, s2), (StatusCode::CREATED, StatusCode::OK));
    assert_eq!(m1, m2);
    agent.expect("messageAdded").await;
    // One event each: the retries wrote nothing.
    agent.assert_quiet(std::time::Duration::from_millis(300)).await;

    // A client id the other side used is not silently taken over.
    let (status, body) = t.post(&uri, Some(&anna), json!({"clientId": "c-9", "text": "Hm"})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid-request")));

    let texts: Vec<String> =
        t.hub.messages(&conversation).unwrap().into_iter().map(|m| m.text).collect();
    assert_eq!(texts, ["Hi", "", "Hello!", "Thanks"]);
}

#[tokio::test]
async fn composer_rules_for_agents_and_customers() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let anna = t.available("anna").await;
    let (conversation, customer_token) = t.start_chat("Mia", "Hi").await;
    t.post(&format!("/v1/conversations/{conversation}/accept"), Some(&anna), json!({})).await;
    let agent_uri = format!("/v1/conversations/{conversation}/messages");
    let customer_uri = format!("/widget/v1/conversations/{conversation}/messages");

    let cases = [
        ("<b>hi</b>", StatusCode::UNPROCESSABLE_ENTITY, Some("reserved-characters")),
        ("1 > 0", StatusCode::UNPROCESSABLE_ENTITY, Some("reserved-characters")),
        ("a < b", StatusCode::UNPROCESSABLE_ENTITY, Some("reserved-characters")),
        ("   ", StatusCode::UNPROCESSABLE_ENTITY, Some("message-empty")),
        ("", StatusCode::UNPROCESSABLE_ENTITY, Some("message-empty")),
    ];
    for (i, (text, status, code)) in cases.iter().enumerate() {
        let (got, body) = t
            .post(&agent_uri, Some(&anna), json!({"clientId": format!("x{i}"), "text": text}))
            .await;
        assert_eq!((got, body["code"].as_str()), (*status, *code), "{text:?}");
    }

    // The limit counts characters: 1000 go, 1001 do not (multi-byte letters included).
    let ok = "é".repeat(1000);
    let (status, _) =
        t.post(&agent_uri, Some(&anna), json!({"clientId": "len-1000", "text": ok})).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, body) = t
        .post(&agent_uri, Some(&anna), json!({"clientId": "len-1001", "text": "é".repeat(1001)}))
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("message-too-long"))
    );

    // Customers may type < and >; the same limit applies to them.
    let (status, body) = t
        .post(
            &customer_uri,
            Some(&customer_token),
            json!({"clientId": "c1", "text": "is 2 < 3 > 1?"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = t
        .post(
            &customer_uri,
            Some(&customer_token),
            json!({"clientId": "c2", "text": "x".repeat(1001)}),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("message-too-long"))
    );
    let (status, _) = t
        .post(
            &customer_uri,
            Some(&customer_token),
            json!({"clientId": "c3", "text": "x".repeat(1000)}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);

    // A chat cannot start with an empty or oversized first message either.
    for text in ["", &"x".repeat(1001)] {
        let (status, _) = t
            .post("/widget/v1/conversations", None, json!({"name": "Leo", "email": null, "queueId": null, "language": null, "source": null, "text": text}))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}

#[tokio::test]
async fn only_the_holder_works_on_a_conversation() {
    let t = TestHub::start(config(&["anna", "aino"], |_| {}));
    let anna = t.available("anna").await;
    let aino = t.login("aino").await;
    let (conversation, customer_token) = t.start_chat("Mia", "Hi").await;
    for action in ["accept", "reject"] {
        let (status, body) = t
            .post(&format!("/v1/conversations/{conversation}/{action}"), Some(&aino), json!({}))
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::CONFLICT, Some("offer-expired")),
            "{action}"
        );
    }
    t.post(&format!("/v1/conversations/{conversation}/accept"), Some(&anna), json!({})).await;
    let (status, body) =
        t.post(&format!("/v1/conversations/{conversation}/accept"), Some(&aino), json!({})).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("not-your-conversation"))
    );
    let (status, body) = t
        .post(
            &format!("/v1/conversations/{conversation}/messages"),
            Some(&aino),
            json!({"clientId": "z", "text": "hi"}),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("not-your-conversation"))
    );
    let (status, body) =
        t.post(&format!("/v1/conversations/{conversation}/end"), Some(&aino), json!({})).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("not-your-conversation"))
    );
    // Accepting again is harmless; rejecting what one holds is not a thing.
    let (status, _) =
        t.post(&format!("/v1/conversations/{conversation}/accept"), Some(&anna), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) =
        t.post(&format!("/v1/conversations/{conversation}/reject"), Some(&anna), json!({})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("invalid-state")));
    // Unknown conversations and foreign customer tokens.
    let (status, body) = t.post("/v1/conversations/nope/accept", Some(&anna), json!({})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not-found")));
    let (_, other_token) = t.start_chat("Leo", "Hello").await;
    let (status, body) = t
        .post(
            &format!("/widget/v1/conversations/{conversation}/messages"),
            Some(&other_token),
            json!({"clientId": "q", "text": "hi"}),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("unauthorized")));
    let _ = customer_token;
}

/// The hub never stores a card number, whatever the display setting (PCI DSS): what the
/// transcript keeps (and so what a restart or a later reader sees) is already redacted. Other
/// values stay as written in the store; the desk masks them for display when masking is on.
#[tokio::test]
async fn stored_transcripts_hold_no_card_number_whatever_the_display_setting() {
    for masking in [true, false] {
        let t = TestHub::start(config(&["anna"], |c| c.settings.mask_sensitive_data = masking));
        let anna = t.available("anna").await;
        let text = "Card 4111 1111 1111 1111, mail mia@example.com";
        let (conversation, _) = t.start_chat("Mia Customer", text).await;
        t.post(&format!("/v1/conversations/{conversation}/accept"), Some(&anna), json!({})).await;
        let stored = t.hub.messages(&conversation).unwrap();
        assert_eq!(stored[0].text, "Card ************1111, mail mia@example.com", "{masking}");
    }
}
