//! Customer records and chat logs: matching a customer when a conversation arrives (case
//! number, account, email, phone in any format, a WhatsApp number), what the customer typed
//! being a claim until the agent confirms it, the record the agent saves during a chat, the
//! chat log written when a conversation ends, drafts, the customer's file across channels,
//! and all of it after a restart.

use std::time::Duration;

use axum::http::{Method, StatusCode};
use contact_hub::channels::signature;
use contact_hub::config::{ChannelsConfig, QueueConfig, SecretSource, WhatsappConfig};
use contact_hub::HubConfig;
use hub_protocol::Channel;
use serde_json::{json, Value};

use crate::support::{config, TestHub};

const APP_SECRET: &str = "records_app_secret";

fn hub_config() -> HubConfig {
    config(&["anna"], |c| {
        c.queues.push(QueueConfig {
            id: "whatsapp-fi".into(),
            name: "WhatsApp Suomi".into(),
            channel: Channel::Whatsapp,
            language: "fi".into(),
            kind: Default::default(),
            disposition_required: true,
            routing: Default::default(),
            chat_log: Default::default(),
            chat_log_mode: Default::default(),
        });
        c.agents[0].queues.push("whatsapp-fi".into());
        c.channels = ChannelsConfig {
            whatsapp: Some(WhatsappConfig {
                app_secret: SecretSource::Value(APP_SECRET.into()),
                verify_token: SecretSource::Value("verify".into()),
                access_token: SecretSource::Value("token".into()),
                // Nothing is sent in these tests.
                graph_base_url: "http://127.0.0.1:9/v23.0".into(),
                queue: "whatsapp-fi".into(),
                numbers: Vec::new(),
            }),
            messenger: None,
        };
    })
}

/// A customer starts a Livechat chat with pre-chat `fields` (name, email, phone, account,
/// caseNumber, queueId); returns (conversation id, customer token).
async fn start(t: &TestHub, fields: Value, text: &str) -> (String, String) {
    let mut body = json!({"name": "Mia Virtanen", "language": "fi", "text": text});
    for (key, value) in fields.as_object().unwrap() {
        body[key] = value.clone();
    }
    let (status, answer) = t.post("/widget/v1/conversations", None, body).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    (
        answer["conversationId"].as_str().unwrap().to_owned(),
        answer["customerToken"].as_str().unwrap().to_owned(),
    )
}

async fn new_record(t: &TestHub, token: &str, body: Value) -> Value {
    let (status, record) = t.post("/v1/customers", Some(token), body).await;
    assert_eq!(status, StatusCode::CREATED, "{record}");
    record
}

/// The conversation's record link as the hub shows it (`Null` when none).
fn record_of(t: &TestHub, conversation: &str) -> Value {
    let header = t.hub.conversation(conversation).unwrap();
    serde_json::to_value(header).unwrap()["record"].clone()
}

async fn act(t: &TestHub, token: &str, conversation: &str, action: &str, body: Value) -> Value {
    let (status, answer) =
        t.post(&format!("/v1/conversations/{conversation}/{action}"), Some(token), body).await;
    assert!(status.is_success(), "{action}: {status} {answer}");
    answer
}

/// Accepts, writes, ends and wraps up a conversation; with `confirm`, the agent confirms the
/// record the customer claimed first.
async fn handle(t: &TestHub, anna: &str, conversation: &str, confirm: bool) {
    act(t, anna, conversation, "accept", json!({})).await;
    if confirm {
        act(t, anna, conversation, "record/confirm", json!({})).await;
    }
    act(
        t,
        anna,
        conversation,
        "messages",
        json!({"clientId": "a1", "text": "Hei, autan mielelläni."}),
    )
    .await;
    act(t, anna, conversation, "end", json!({})).await;
    act(t, anna, conversation, "wrapup", json!({"reasonId": "resolved"})).await;
}

async fn chat_log(t: &TestHub, token: &str, conversation: &str) -> (StatusCode, Value) {
    t.get(&format!("/v1/conversations/{conversation}/chat-log"), token).await
}

#[tokio::test]
async fn a_customer_is_matched_by_email_account_or_phone_whatever_the_format() {
    let t = TestHub::start(hub_config());
    let anna = t.login("anna").await;
    let mia = new_record(
        &t,
        &anna,
        json!({"name": "Mia Virtanen", "email": "Mia.Virtanen@Example.com", "phone": "+358 40 123 4567"}),
    )
    .await;
    let leo = new_record(&t, &anna, json!({"name": "Leo Koski", "account": "AC-1001"})).await;
    assert_eq!(mia["phone"], "+358 40 123 4567", "kept as written");

    let cases = [
        (json!({"email": "  mia.virtanen@EXAMPLE.com "}), &mia, "email"),
        (json!({"phone": "+358 40 123 4567", "queueId": "livechat-en"}), &mia, "phone"),
        (json!({"phone": "040 1234567", "queueId": "livechat-fi"}), &mia, "phone"),
        (json!({"phone": "00358401234567", "queueId": "livechat-fi"}), &mia, "phone"),
        (json!({"account": " ac-1001 "}), &leo, "account"),
        // The account wins over the email.
        (json!({"account": "AC-1001", "email": "mia.virtanen@example.com"}), &leo, "account"),
    ];
    for (fields, record, matched_by) in cases {
        let (conversation, _) = start(&t, fields.clone(), "Hei").await;
        // Typed in the pre-chat form: a claim until an agent confirms it.
        assert_eq!(
            record_of(&t, &conversation),
            json!({"customerId": record["id"], "matchedBy": matched_by, "claimed": true}),
            "{fields}"
        );
    }
    // What the customer gave is on the conversation, for the desk to show.
    let (conversation, _) = start(
        &t,
        json!({"phone": "040 1234567", "account": "X-9", "caseNumber": "CS-000777"}),
        "Hei",
    )
    .await;
    let customer = t.hub.conversation(&conversation).unwrap().customer;
    assert_eq!(customer.phone.as_deref(), Some("040 1234567"));
    assert_eq!(customer.account.as_deref(), Some("X-9"));
    assert_eq!(customer.case_number.as_deref(), Some("CS-000777"));
    assert_eq!(customer.ip, None, "no socket, no peer address");

    // No hit, no record: a national number in another country is another number.
    for fields in [
        json!({"email": "someone@example.com"}),
        json!({"phone": "040 1234567", "queueId": "livechat-de"}),
        json!({}),
    ] {
        let (conversation, _) = start(&t, fields.clone(), "Hallo").await;
        assert_eq!(record_of(&t, &conversation), Value::Null, "{fields}");
    }
}

/// A WhatsApp message from `wa_id`, as Meta sends it (signed).
async fn whatsapp_message(t: &TestHub, wa_id: &str, wamid: &str, text: &str) {
    let path =
        format!("{}/../../../shared/webhooks/wa_inbound_text.json", env!("CARGO_MANIFEST_DIR"));
    let mut body: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let value = &mut body["entry"][0]["changes"][0]["value"];
    value["contacts"][0]["wa_id"] = json!(wa_id);
    let message = &mut value["messages"][0];
    message["from"] = json!(wa_id);
    message["id"] = json!(wamid);
    message["timestamp"] = json!((contact_hub::hub::now_millis() / 1000).to_string());
    message["text"]["body"] = json!(text);
    let body = serde_json::to_vec(&body).unwrap();
    let mut request = crate::support::request(Method::POST, "/webhooks/whatsapp", None, None);
    *request.body_mut() = axum::body::Body::from(body.clone());
    request.headers_mut().insert("content-type", "application/json".parse().unwrap());
    request.headers_mut().insert(
        "x-hub-signature-256",
        signature::sign(APP_SECRET.as_bytes(), &body).parse().unwrap(),
    );
    let response = tower::ServiceExt::oneshot(t.app.clone(), request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

/// The WhatsApp conversation waiting in its queue, once the inbox worker applied it.
async fn whatsapp_conversation(t: &TestHub) -> String {
    for _ in 0..200 {
        let queued = t.hub.queued_conversations().unwrap();
        if let Some(id) = queued
            .into_iter()
            .find(|id| t.hub.conversation(id).unwrap().channel == Channel::Whatsapp)
        {
            return id;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the WhatsApp conversation never arrived");
}

#[tokio::test]
async fn a_customer_file_holds_their_chat_logs_from_every_channel() {
    let t = TestHub::start(hub_config());
    let anna = t.login("anna").await;
    let mia = new_record(&t, &anna, json!({"name": "Mia Virtanen", "phone": "040 123 4567"})).await;
    // Without a conversation, a national number is read in the agent's market (anna:
    // en-US), where it is not Mia's Finnish number; an international one reads the same
    // anywhere.
    let mia_intl =
        new_record(&t, &anna, json!({"name": "Mia V.", "phone": "+358 40 123 4567"})).await;
    assert_ne!(mia["id"], mia_intl["id"]);

    // WhatsApp: wa_id is the international number without +.
    whatsapp_message(&t, "358401234567", "wamid.records.1", "Tilaukseni on myöhässä").await;
    let on_whatsapp = whatsapp_conversation(&t).await;
    assert_eq!(
        record_of(&t, &on_whatsapp),
        json!({"customerId": mia_intl["id"], "matchedBy": "phone"})
    );
    // Livechat, the same person.
    let (on_livechat, _) =
        start(&t, json!({"phone": "+358401234567", "queueId": "livechat-fi"}), "Hei taas").await;
    assert_eq!(record_of(&t, &on_livechat)["customerId"], mia_intl["id"]);
    assert_eq!(record_of(&t, &on_livechat)["claimed"], true, "typed: a claim");

    t.set_state(&anna, json!({"kind": "available"})).await;
    for conversation in [&on_whatsapp, &on_livechat] {
        act(&t, &anna, conversation, "accept", json!({})).await;
        if conversation == &on_livechat {
            // Anna asked Mia a question only she could answer.
            act(&t, &anna, conversation, "record/confirm", json!({})).await;
        }
        act(&t, &anna, conversation, "end", json!({})).await;
        act(&t, &anna, conversation, "wrapup", json!({"reasonId": "order-status"})).await;
    }
    let (status, file) =
        t.get(&format!("/v1/customers/{}", mia_intl["id"].as_str().unwrap()), &anna).await;
    assert_eq!(status, StatusCode::OK, "{file}");
    assert_eq!(file["record"]["name"], "Mia V.");
    let cases = file["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 2);
    assert_eq!(
        (cases[0]["channel"].as_str(), cases[1]["channel"].as_str()),
        (Some("livechat"), Some("whatsapp")),
        "newest first"
    );
    assert_eq!(cases[1]["queueName"], "WhatsApp Suomi");
    assert_eq!(cases[1]["subject"], "Tilaukseni on myöhässä");
    assert_eq!(cases[1]["agentName"], "Anna Lindqvist");
    assert_eq!(cases[1]["disposition"], "order-status");
    assert_eq!(cases[1]["status"], "saved");
    let (status, _) = t.get("/v1/customers/nope", &anna).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_chat_log_is_written_when_the_conversation_ends() {
    let t = TestHub::start(hub_config());
    let anna = t.available("anna").await;
    let known =
        new_record(&t, &anna, json!({"name": "Mia Virtanen", "email": "mia@example.com"})).await;

    // A known customer, once the agent confirmed her claim: saved on her record at once.
    let (conversation, customer) =
        start(&t, json!({"email": "mia@example.com"}), "Missä tilaukseni on?").await;
    act(&t, &anna, &conversation, "accept", json!({})).await;
    act(&t, &anna, &conversation, "record/confirm", json!({})).await;
    let (status, body) = chat_log(&t, &anna, &conversation).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not-found")),
        "not before the end"
    );
    act(&t, &anna, &conversation, "messages", json!({"clientId": "a1", "text": "Katson heti."}))
        .await;
    // The customer leaving ends it as well as the agent's End does.
    let (status, _) = t
        .post(&format!("/widget/v1/conversations/{conversation}/end"), Some(&customer), json!({}))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, log) = chat_log(&t, &anna, &conversation).await;
    assert_eq!(status, StatusCode::OK, "{log}");
    assert_eq!(log["status"], "saved");
    assert_eq!(log["customerId"], known["id"]);
    assert_eq!(log["conversationId"], conversation.as_str());
    let number = log["number"].as_str().unwrap();
    assert!(number.starts_with("CS-") && number.len() == "CS-7KQ3-MX9D".len(), "{log}");
    assert_eq!(log["subject"], "Missä tilaukseni on?");
    assert_eq!(log["disposition"], Value::Null);
    assert_eq!(
        log["transcript"],
        json!([
            {"at": log["transcript"][0]["at"], "from": {"kind": "customer"}, "text": "Missä tilaukseni on?"},
            {"at": log["transcript"][1]["at"], "from": {"kind": "agent", "displayName": "Anna Lindqvist"}, "text": "Katson heti."},
        ]),
        "customer and agent lines only"
    );
    act(&t, &anna, &conversation, "wrapup", json!({"reasonId": "order-status"})).await;
    let (_, log) = chat_log(&t, &anna, &conversation).await;
    assert_eq!(log["disposition"], "order-status");
    assert!(t.hub.conversation(&conversation).unwrap().ended_at.is_some());

    // A new customer: a draft for the agent.
    let long = "x".repeat(100);
    let (unknown, _) = start(&t, json!({"name": "Leo"}), &long).await;
    act(&t, &anna, &unknown, "accept", json!({})).await;
    act(&t, &anna, &unknown, "end", json!({})).await;
    let (_, draft) = chat_log(&t, &anna, &unknown).await;
    assert_eq!((draft["status"].as_str(), draft["customerId"].as_str()), (Some("draft"), None));
    assert_eq!(draft["subject"].as_str().unwrap().chars().count(), 80);
    let (_, drafts) = t.get("/v1/cases/drafts", &anna).await;
    assert_eq!(drafts.as_array().unwrap().len(), 1);
    assert_eq!(drafts[0]["id"], draft["id"]);

    // Saving needs a customer; a draft may stay a draft without one.
    let case_uri = format!("/v1/cases/{}", draft["id"].as_str().unwrap());
    let (status, body) = t
        .call(
            Method::PUT,
            &case_uri,
            Some(&anna),
            Some(json!({"customerId": null, "subject": "Order", "notes": "", "status": "saved"})),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("customer-required"))
    );
    let (status, body) = t
        .call(
            Method::PUT,
            &case_uri,
            Some(&anna),
            Some(json!({"customerId": "nope", "subject": "Order", "notes": "", "status": "saved"})),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not-found")));
    let (status, kept) = t
        .call(Method::PUT, &case_uri, Some(&anna), Some(json!({"customerId": null, "subject": "Late order", "notes": "Called back", "status": "draft"})))
        .await;
    assert_eq!(status, StatusCode::OK, "{kept}");
    assert_eq!(
        (kept["subject"].as_str(), kept["notes"].as_str()),
        (Some("Late order"), Some("Called back"))
    );
    let (status, saved) = t
        .call(Method::PUT, &case_uri, Some(&anna), Some(json!({"customerId": known["id"], "subject": "Late order", "notes": "Called back", "status": "saved"})))
        .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(
        (saved["status"].as_str(), saved["customerId"].as_str()),
        (Some("saved"), known["id"].as_str())
    );
    let (_, drafts) = t.get("/v1/cases/drafts", &anna).await;
    assert_eq!(drafts, json!([]));
    let (status, same) = t.get(&case_uri, &anna).await;
    assert_eq!((status, &same), (StatusCode::OK, &saved));
    let (_, file) = t.get(&format!("/v1/customers/{}", known["id"].as_str().unwrap()), &anna).await;
    assert_eq!(file["cases"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn the_agent_saves_a_new_record_during_the_chat() {
    let t = TestHub::start(hub_config());
    let anna = t.available("anna").await;
    let mut events = t.agent_events(&anna, None).await;
    events.expect("snapshot").await;
    let (conversation, _) = start(
        &t,
        json!({"email": "leo@example.com", "phone": "040 7654321", "queueId": "livechat-fi"}),
        "Hei",
    )
    .await;
    events.expect("offered").await;
    act(&t, &anna, &conversation, "accept", json!({})).await;
    events.expect("assigned").await;

    let record = new_record(
        &t,
        &anna,
        json!({"conversationId": conversation, "name": "Leo Koski", "account": "AC-77", "notes": "VIP"}),
    )
    .await;
    assert_eq!(record["email"], "leo@example.com", "taken from the conversation");
    assert_eq!(record["phone"], "040 7654321");
    assert_eq!(record["notes"], "VIP");
    let linked = events.expect("recordLinked").await;
    assert_eq!(linked.data["body"]["conversationId"], conversation.as_str());
    assert_eq!(
        linked.data["body"]["record"],
        json!({"customerId": record["id"], "matchedBy": "agent"})
    );
    assert_eq!(record_of(&t, &conversation), linked.data["body"]["record"]);

    // Its chat log is a draft carrying the record: the agent still saves it.
    act(&t, &anna, &conversation, "end", json!({})).await;
    let (_, log) = chat_log(&t, &anna, &conversation).await;
    assert_eq!(
        (log["status"].as_str(), log["customerId"].as_str()),
        (Some("draft"), record["id"].as_str())
    );

    // The record is found from now on, by the phone read in the Finnish queue too.
    let (next, _) = start(&t, json!({"phone": "+358407654321"}), "Taas minä").await;
    assert_eq!(
        record_of(&t, &next),
        json!({"customerId": record["id"], "matchedBy": "phone", "claimed": true})
    );
    let (_, found) = t.get("/v1/customers?q=koski", &anna).await;
    assert_eq!(found.as_array().unwrap().len(), 1);
    let (_, found) = t.get("/v1/customers?q=7654321", &anna).await;
    assert_eq!(found[0]["id"], record["id"]);
    let (_, found) = t.get("/v1/customers?q=ac-77", &anna).await;
    assert_eq!(found[0]["id"], record["id"]);
    let (_, all) = t.get("/v1/customers?q=", &anna).await;
    assert_eq!(all.as_array().unwrap().len(), 1);
    let (_, none) = t.get("/v1/customers?q=nobody", &anna).await;
    assert_eq!(none, json!([]));

    // Only an agent holding the conversation attaches it.
    let (status, body) = t
        .post(
            "/v1/customers",
            Some(&t.login("anna").await),
            json!({"conversationId": "nope", "name": "X"}),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not-found")));
    let (status, body) = t.post("/v1/customers", Some(&anna), json!({"name": "  "})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid-request")));
}

/// The desk shows the chat's name and account masked (a name that is a phone number
/// becomes `*********7542`): it leaves them out, and the record holds the real values.
#[tokio::test]
async fn a_record_left_to_the_hub_holds_the_chat_s_real_values() {
    let t = TestHub::start(hub_config());
    let anna = t.available("anna").await;
    let (conversation, _) = start(
        &t,
        json!({"name": "+447966197542", "account": "FI-2231", "queueId": "livechat-fi"}),
        "Hei",
    )
    .await;
    act(&t, &anna, &conversation, "accept", json!({})).await;
    let record = new_record(&t, &anna, json!({"conversationId": conversation, "notes": ""})).await;
    assert_eq!(
        (record["name"].as_str(), record["account"].as_str()),
        (Some("+447966197542"), Some("FI-2231"))
    );
    let (_, file) =
        t.get(&format!("/v1/customers/{}", record["id"].as_str().unwrap()), &anna).await;
    assert_eq!(file["record"]["name"], "+447966197542");
    // What the agent types still wins.
    let (other, _) = start(&t, json!({"name": "+447966197542"}), "Moi").await;
    act(&t, &anna, &other, "accept", json!({})).await;
    let typed =
        new_record(&t, &anna, json!({"conversationId": other, "name": "Leo Koski", "notes": ""}))
            .await;
    assert_eq!(typed["name"], "Leo Koski");
}

#[tokio::test]
async fn a_case_number_finds_the_case_and_its_customer() {
    let t = TestHub::start(hub_config());
    let anna = t.available("anna").await;
    let mia =
        new_record(&t, &anna, json!({"name": "Mia Virtanen", "email": "mia@example.com"})).await;
    let (first, _) = start(&t, json!({"email": "mia@example.com"}), "Paketti puuttuu").await;
    handle(&t, &anna, &first, true).await;
    let (_, log) = chat_log(&t, &anna, &first).await;
    let number = log["number"].as_str().unwrap().to_owned();

    // Another email, but the case number she was given.
    let (second, _) = start(
        &t,
        json!({"email": "mia.work@example.com", "caseNumber": number.to_lowercase()}),
        "Asiasta CS",
    )
    .await;
    assert_eq!(
        record_of(&t, &second),
        json!({"customerId": mia["id"], "matchedBy": "caseNumber", "caseId": log["id"], "claimed": true})
    );
    // A case number that is no saved case matches nothing by itself.
    let (third, _) = start(&t, json!({"caseNumber": "CS-999999"}), "?").await;
    assert_eq!(record_of(&t, &third), Value::Null);
}

#[tokio::test]
async fn records_and_chat_logs_survive_a_restart() {
    let t = TestHub::start(hub_config());
    let anna = t.available("anna").await;
    let mia = new_record(&t, &anna, json!({"name": "Mia Virtanen", "account": "AC-1"})).await;
    let (known, _) = start(&t, json!({"account": "AC-1"}), "Hei").await;
    handle(&t, &anna, &known, true).await;
    let (unknown, _) = start(&t, json!({}), "Moi").await;
    handle(&t, &anna, &unknown, false).await;
    let (_, saved_before) = chat_log(&t, &anna, &known).await;
    let (_, draft_before) = chat_log(&t, &anna, &unknown).await;

    let t = t.restart(hub_config(), Duration::ZERO).await;
    let (_, file) = t.get(&format!("/v1/customers/{}", mia["id"].as_str().unwrap()), &anna).await;
    assert_eq!(file["record"], mia);
    assert_eq!(file["cases"][0]["id"], saved_before["id"]);
    assert_eq!(chat_log(&t, &anna, &known).await.1, saved_before);
    assert_eq!(chat_log(&t, &anna, &unknown).await.1, draft_before);
    let (_, drafts) = t.get("/v1/cases/drafts", &anna).await;
    assert_eq!(drafts[0]["id"], draft_before["id"]);
    assert_eq!(record_of(&t, &known), json!({"customerId": mia["id"], "matchedBy": "account"}));
    // Numbers stay as they were given, and a new one is none of them.
    let (next, _) = start(&t, json!({}), "Kolmas").await;
    handle(&t, &anna, &next, false).await;
    let (_, log) = chat_log(&t, &anna, &next).await;
    assert_ne!(log["number"], saved_before["number"]);
    assert_ne!(log["number"], draft_before["number"]);
}

#[tokio::test]
async fn a_transcript_holds_no_card_number_when_masking_is_on() {
    let t = TestHub::start(hub_config());
    let anna = t.available("anna").await;
    let (conversation, customer) = start(&t, json!({}), "Hei").await;
    act(&t, &anna, &conversation, "accept", json!({})).await;
    let (status, _) = t
        .post(
            &format!("/widget/v1/conversations/{conversation}/messages"),
            Some(&customer),
            json!({"clientId": "c1", "text": "Korttini on 4111 1111 1111 1111"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    act(&t, &anna, &conversation, "end", json!({})).await;
    let (_, log) = chat_log(&t, &anna, &conversation).await;
    let text = log["transcript"].to_string();
    assert!(!text.contains("4111 1111 1111 1111") && !text.contains("4111111111111111"), "{text}");
    assert!(text.contains("Korttini on"), "{text}");
}

/// A search is a bounded read (finding M3): 50 records at most, in name order, and a search
/// text of 100 characters at most.
#[tokio::test]
async fn a_search_returns_fifty_records_at_most_and_refuses_a_long_text() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let anna = t.login("anna").await;
    for n in (0..60).rev() {
        let (status, body) =
            t.post("/v1/customers", Some(&anna), json!({"name": format!("Customer {n:02}")})).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let names = |found: &serde_json::Value| -> Vec<String> {
        found.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_owned()).collect()
    };
    let (status, all) = t.get("/v1/customers?q=", &anna).await;
    assert_eq!(status, StatusCode::OK);
    let expected: Vec<String> = (0..50).map(|n| format!("Customer {n:02}")).collect();
    assert_eq!(names(&all), expected, "the first 50 in name order");
    let (status, some) = t.get("/v1/customers?q=customer", &anna).await;
    assert_eq!((status, some.as_array().unwrap().len()), (StatusCode::OK, 50));

    let (status, _) = t.get(&format!("/v1/customers?q={}", "a".repeat(100)), &anna).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = t.get(&format!("/v1/customers?q={}", "a".repeat(101)), &anna).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid-request")));
}
