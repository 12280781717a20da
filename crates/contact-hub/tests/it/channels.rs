//! WhatsApp and Messenger through the hub's webhooks and send APIs: Meta's documented
//! payloads (from `../shared/webhooks`, signed as the platform signs them), and a local
//! Graph API recorder that answers as the documentation says.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use contact_hub::channels::signature;
use contact_hub::config::{
    ChannelsConfig, MessengerConfig, MessengerPageConfig, QueueConfig, SecretSource, WhatsappConfig,
};
use contact_hub::HubConfig;
use hub_protocol::Channel;
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::support::{config, TestHub};

pub(crate) const APP_SECRET: &str = "test_app_secret_key";
pub(crate) const PHONE_NUMBER_ID: &str = "106540352242922";
pub(crate) const PAGE_ID: &str = "<PAGE_ID>";

fn sample(name: &str) -> Vec<u8> {
    let path = format!("{}/../../../shared/webhooks/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub(crate) fn sample_json(name: &str) -> Value {
    serde_json::from_slice(&sample(name)).unwrap()
}

pub(crate) fn now_secs() -> i64 {
    contact_hub::hub::now_millis() / 1000
}

/// What the Graph API recorder saw: path, Authorization header, JSON body.
#[derive(Debug, Clone)]
pub(crate) struct Recorded {
    pub path: String,
    pub authorization: String,
    pub body: Value,
}

#[derive(Default)]
struct RecorderState {
    requests: Vec<Recorded>,
    /// Answers to give, in order; when empty, the documented success.
    script: VecDeque<(StatusCode, Value)>,
}

/// A Graph API stand-in on a real socket: records every send and answers with the
/// documented success body (or what the test scripted).
#[derive(Clone)]
pub(crate) struct GraphRecorder {
    state: Arc<Mutex<RecorderState>>,
    pub url: String,
}

impl GraphRecorder {
    pub(crate) async fn start() -> Self {
        let state = Arc::new(Mutex::new(RecorderState::default()));
        let app = axum::Router::new()
            .route("/v23.0/{*path}", axum::routing::post(record))
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/v23.0", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { state, url }
    }

    fn script(&self, status: StatusCode, body: Value) {
        self.state.lock().unwrap().script.push_back((status, body));
    }

    pub(crate) fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    pub(crate) async fn wait_for(&self, count: usize) -> Vec<Recorded> {
        eventually(|| {
            let requests = self.requests();
            (requests.len() >= count).then_some(requests)
        })
        .await
    }
}

async fn record(
    State(state): State<Arc<Mutex<RecorderState>>>,
    Path(path): Path<String>,
    headers: HeaderMap,
    body: String,
) -> (StatusCode, axum::Json<Value>) {
    let mut state = state.lock().unwrap();
    state.requests.push(Recorded {
        path,
        authorization: headers
            .get("authorization")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default(),
        body: serde_json::from_str(&body).unwrap_or(Value::Null),
    });
    let n = state.requests.len();
    let (status, body) = state.script.pop_front().unwrap_or_else(|| {
        // The documented success; from the second send on, with an id of its own (the
        // platform never gives two messages one id).
        let whatsapp = body.contains("messaging_product");
        let mut answer = if whatsapp {
            sample_json("wa_send_response_success.json")
        } else {
            sample_json("ms_send_response_success.json")
        };
        let id =
            if whatsapp { &mut answer["messages"][0]["id"] } else { &mut answer["message_id"] };
        if n > 1 {
            *id = json!(format!("{}.{n}", id.as_str().unwrap()));
        }
        (StatusCode::OK, answer)
    });
    (status, axum::Json(body))
}

pub(crate) async fn eventually<T>(mut check: impl FnMut() -> Option<T>) -> T {
    for _ in 0..200 {
        if let Some(value) = check() {
            return value;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("condition not reached in 5 s");
}

pub(crate) fn channel_config(graph: &str, messenger: bool) -> HubConfig {
    config(&["anna"], |c| {
        for (id, channel) in
            [("whatsapp-en", Channel::Whatsapp), ("messenger-en", Channel::Messenger)]
        {
            c.queues.push(QueueConfig {
                id: id.into(),
                name: format!("{id} support"),
                channel,
                language: "en-US".into(),
                kind: Default::default(),
                disposition_required: true,
                routing: Default::default(),
                chat_log: Default::default(),
                chat_log_mode: Default::default(),
            });
            c.agents[0].queues.push(id.into());
        }
        c.channels = ChannelsConfig {
            whatsapp: Some(WhatsappConfig {
                app_secret: SecretSource::Value(APP_SECRET.into()),
                verify_token: SecretSource::Value("vibecoding".into()),
                access_token: SecretSource::Value("wa-system-user-token".into()),
                graph_base_url: graph.into(),
                queue: "whatsapp-en".into(),
                numbers: Vec::new(),
            }),
            messenger: messenger.then(|| MessengerConfig {
                app_secret: SecretSource::Value(APP_SECRET.into()),
                verify_token: SecretSource::Value("mytoken".into()),
                access_token: SecretSource::Value("page-token".into()),
                graph_base_url: graph.into(),
                queue: "messenger-en".into(),
                pages: vec![MessengerPageConfig {
                    id: PAGE_ID.into(),
                    name: "Acme Support".into(),
                    queue: None,
                    access_token: None,
                }],
            }),
        };
    })
}

impl TestHub {
    async fn webhook(
        &self,
        channel: &str,
        body: &[u8],
        signature: Option<&str>,
    ) -> (StatusCode, Value) {
        let mut request = Request::builder()
            .method(Method::POST)
            .uri(format!("/webhooks/{channel}"))
            .header("content-type", "application/json");
        if let Some(signature) = signature {
            request = request.header("x-hub-signature-256", signature);
        }
        let response = self
            .app
            .clone()
            .oneshot(request.body(Body::from(body.to_vec())).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    pub(crate) async fn signed(&self, channel: &str, body: &[u8]) {
        let signature = signature::sign(APP_SECRET.as_bytes(), body);
        let (status, answer) = self.webhook(channel, body, Some(&signature)).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
    }

    async fn handshake(&self, channel: &str, query: &str) -> (StatusCode, String) {
        let request = Request::builder()
            .uri(format!("/webhooks/{channel}?{query}"))
            .body(Body::empty())
            .unwrap();
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    fn waiting(&self, queue: &str) -> u32 {
        self.hub.queues().unwrap().into_iter().find(|q| q.id == queue).unwrap().waiting
    }
}

/// Meta's documented text message, with the timestamp set to now (the documented one is
/// long past, and the reply window counts from it).
pub(crate) fn whatsapp_text(wamid: &str, text: &str, at_secs: i64) -> Vec<u8> {
    let mut body = sample_json("wa_inbound_text.json");
    let message = &mut body["entry"][0]["changes"][0]["value"]["messages"][0];
    message["id"] = json!(wamid);
    message["timestamp"] = json!(at_secs.to_string());
    message["text"]["body"] = json!(text);
    serde_json::to_vec(&body).unwrap()
}

fn whatsapp_status(wamid: &str, status: &str) -> Vec<u8> {
    let mut body = sample_json("wa_status_read.json");
    let value = &mut body["entry"][0]["changes"][0]["value"];
    value["metadata"]["phone_number_id"] = json!(PHONE_NUMBER_ID);
    value["statuses"][0]["id"] = json!(wamid);
    value["statuses"][0]["status"] = json!(status);
    serde_json::to_vec(&body).unwrap()
}

pub(crate) fn messenger_text(mid: &str, text: &str, at_millis: i64) -> Vec<u8> {
    let mut body = sample_json("ms_inbound_text_assembled.json");
    let event = &mut body["entry"][0]["messaging"][0];
    event["timestamp"] = json!(at_millis);
    event["message"]["mid"] = json!(mid);
    event["message"]["text"] = json!(text);
    serde_json::to_vec(&body).unwrap()
}

/// The agent's accepted conversation, once routing offered it.
pub(crate) async fn accept_next(hub: &TestHub, token: &str) -> Value {
    let mut events = hub.agent_events(token, None).await;
    let snapshot = events.expect("snapshot").await;
    // The inbox worker may have routed it before the stream opened.
    let offer = match snapshot.data["body"]["snapshot"]["offers"].get(0) {
        Some(offer) => offer.clone(),
        None => events.expect("offered").await.data["body"]["offer"].clone(),
    };
    let id = offer["conversation"]["id"].as_str().unwrap().to_owned();
    let (status, body) =
        hub.post(&format!("/v1/conversations/{id}/accept"), Some(token), json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    offer
}

async fn send(hub: &TestHub, token: &str, conversation: &str, text: &str) -> (StatusCode, Value) {
    let client_id = uuid_like(text);
    hub.post(
        &format!("/v1/conversations/{conversation}/messages"),
        Some(token),
        json!({"clientId": client_id, "text": text}),
    )
    .await
}

fn uuid_like(text: &str) -> String {
    format!("client-{}", text.len())
}

fn delivery_of(hub: &TestHub, conversation: &str, message: &str) -> Value {
    let messages = hub.hub.messages(conversation).unwrap();
    let message = messages.iter().find(|m| m.id == message).unwrap();
    serde_json::to_value(&message.delivery).unwrap()
}

#[tokio::test]
async fn the_verification_handshake_echoes_the_challenge_only_for_the_right_token() {
    let graph = GraphRecorder::start().await;
    let hub = TestHub::start(channel_config(&graph.url, false));
    let ok = "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=vibecoding";
    assert_eq!(hub.handshake("whatsapp", ok).await, (StatusCode::OK, "1158201444".into()));
    for bad in [
        "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock",
        "hub.mode=unsubscribe&hub.challenge=1158201444&hub.verify_token=vibecoding",
        "hub.challenge=1158201444",
    ] {
        assert_eq!(hub.handshake("whatsapp", bad).await.0, StatusCode::FORBIDDEN, "{bad}");
    }
    // Messenger is not configured on this hub.
    let messenger = "hub.mode=subscribe&hub.challenge=CHALLENGE_ACCEPTED&hub.verify_token=mytoken";
    assert_eq!(hub.handshake("messenger", messenger).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_bad_or_missing_signature_is_refused_and_changes_nothing() {
    let graph = GraphRecorder::start().await;
    let hub = TestHub::start(channel_config(&graph.url, true));
    let body = sample("wa_inbound_text.json");
    let manifest = sample_json("signatures_manifest.json");
    let good = manifest["signatures"]["wa_inbound_text.json"].as_str().unwrap();
    let other = manifest["signatures"]["wa_status_read.json"].as_str().unwrap();
    for signature in [None, Some(other), Some("sha256=zz"), Some("sha1=abc")] {
        let (status, answer) = hub.webhook("whatsapp", &body, signature).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{signature:?}");
        assert_eq!(answer["code"], "invalid-signature");
    }
    // A body that is signed but not WhatsApp's shape is refused too.
    let junk = br#"{"object":"page","entry":[]}"#;
    let (status, answer) =
        hub.webhook("whatsapp", junk, Some(&signature::sign(APP_SECRET.as_bytes(), junk))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(answer["code"], "invalid-request");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(hub.waiting("whatsapp-en"), 0, "nothing was taken");
    // The documented payload with its signature over the exact bytes is taken.
    let (status, _) = hub.webhook("whatsapp", &body, Some(good)).await;
    assert_eq!(status, StatusCode::OK);
    eventually(|| (hub.waiting("whatsapp-en") == 1).then_some(())).await;
}

#[tokio::test]
async fn a_whatsapp_chat_from_webhook_to_reply_with_monotonic_receipts() {
    let graph = GraphRecorder::start().await;
    let hub = TestHub::start(channel_config(&graph.url, false));
    let anna = hub.available("anna").await;
    let first = whatsapp_text("wamid.first", "Does it come in another color?", now_secs());
    hub.signed("whatsapp", &first).await;
    // The platform retries: the same message again changes nothing.
    hub.signed("whatsapp", &first).await;
    let offer = accept_next(&hub, &anna).await;
    let conversation = offer["conversation"].clone();
    assert_eq!(conversation["channel"], "whatsapp");
    assert_eq!(conversation["queueId"], "whatsapp-en");
    assert_eq!(conversation["customer"]["name"], "Sheena Nelson");
    assert_eq!(conversation["customer"]["phone"], "+16505551234");
    assert_eq!(conversation["account"]["id"], PHONE_NUMBER_ID);
    assert_eq!(conversation["account"]["name"], "+15550783881");
    assert!(conversation["lastCustomerMessageAt"].as_i64().unwrap() >= (now_secs() - 5) * 1000);
    let id = conversation["id"].as_str().unwrap().to_owned();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let thread = hub.hub.messages(&id).unwrap();
    assert_eq!(thread.iter().filter(|m| m.text == "Does it come in another color?").count(), 1);

    let mut events = hub.agent_events(&anna, None).await;
    events.expect("snapshot").await;

    // The reply goes out through the documented send API.
    let (status, reply) = send(&hub, &anna, &id, "Yes: blue and green.").await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    assert_eq!(reply["delivery"]["status"], "sending");
    let sent = graph.wait_for(1).await;
    assert_eq!(sent[0].path, format!("{PHONE_NUMBER_ID}/messages"));
    assert_eq!(sent[0].authorization, "Bearer wa-system-user-token");
    assert_eq!(
        sent[0].body,
        json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": "16505551234",
            "type": "text",
            "text": {"preview_url": false, "body": "Yes: blue and green."}
        })
    );
    let message_id = reply["id"].as_str().unwrap().to_owned();
    eventually(|| (delivery_of(&hub, &id, &message_id)["status"] == "sent").then_some(())).await;

    // Receipts only move forward, whatever order they come in.
    let wamid = sample_json("wa_send_response_success.json")["messages"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    hub.signed("whatsapp", &whatsapp_status(&wamid, "read")).await;
    eventually(|| (delivery_of(&hub, &id, &message_id)["status"] == "read").then_some(())).await;
    hub.signed("whatsapp", &whatsapp_status(&wamid, "delivered")).await;
    hub.signed("whatsapp", &whatsapp_status(&wamid, "sent")).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(delivery_of(&hub, &id, &message_id)["status"], "read");

    // The agent's stream told them every step.
    let mut statuses = Vec::new();
    while statuses.last().is_none_or(|s| s != "read") {
        let event = events.next().await;
        if event.kind() == "deliveryChanged" {
            statuses.push(event.data["body"]["delivery"]["status"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(statuses, ["sent", "read"]);
}

#[tokio::test]
async fn a_status_that_overtakes_the_send_answer_is_kept_for_its_message() {
    let graph = GraphRecorder::start().await;
    let hub = TestHub::start(channel_config(&graph.url, false));
    let anna = hub.available("anna").await;
    let wamid = sample_json("wa_send_response_success.json")["messages"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Delivered arrives before the reply was even written.
    hub.signed("whatsapp", &whatsapp_status(&wamid, "delivered")).await;
    hub.signed("whatsapp", &whatsapp_text("wamid.q", "Hello?", now_secs())).await;
    let offer = accept_next(&hub, &anna).await;
    let id = offer["conversation"]["id"].as_str().unwrap().to_owned();
    let (_, reply) = send(&hub, &anna, &id, "Hello, how can I help?").await;
    let message_id = reply["id"].as_str().unwrap().to_owned();
    eventually(|| (delivery_of(&hub, &id, &message_id)["status"] == "delivered").then_some(()))
        .await;
}

#[tokio::test]
async fn send_failures_come_back_with_their_code_and_a_retry_sends_the_same_message() {
    let graph = GraphRecorder::start().await;
    let hub = TestHub::start(channel_config(&graph.url, false));
    let anna = hub.available("anna").await;
    hub.signed("whatsapp", &whatsapp_text("wamid.f", "Where is my parcel?", now_secs())).await;
    let offer = accept_next(&hub, &anna).await;
    let id = offer["conversation"]["id"].as_str().unwrap().to_owned();
    for (file, status, code) in [
        ("wa_send_error_130429.json", StatusCode::BAD_REQUEST, "channel-rate-limited"),
        ("ms_send_error_190_docs.json", StatusCode::UNAUTHORIZED, "channel-auth-failed"),
    ] {
        graph.script(status, sample_json(file));
        let before = graph.requests().len();
        let (_, reply) = send(&hub, &anna, &id, &format!("Checking {file}")).await;
        let message_id = reply["id"].as_str().unwrap().to_owned();
        graph.wait_for(before + 1).await;
        let failed = eventually(|| {
            Some(delivery_of(&hub, &id, &message_id)).filter(|d| d["status"] == "failed")
        })
        .await;
        assert_eq!(failed["error"], code, "{file}");
        // Retry: the same message goes out again and is sent this time.
        let (status, again) = hub
            .post(
                &format!("/v1/conversations/{id}/messages/{message_id}/retry"),
                Some(&anna),
                json!({}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{again}");
        assert_eq!(again["id"], message_id.as_str());
        let requests = graph.wait_for(before + 2).await;
        assert_eq!(requests[before].body, requests[before + 1].body);
        eventually(|| (delivery_of(&hub, &id, &message_id)["status"] == "sent").then_some(()))
            .await;
    }
    // Only a failed reply can be retried; retrying a sent one changes nothing.
    let thread = hub.hub.messages(&id).unwrap();
    assert_eq!(thread.iter().filter(|m| m.delivery.is_some()).count(), 2);
}

#[tokio::test]
async fn unknown_content_and_batches_become_clear_system_lines() {
    let graph = GraphRecorder::start().await;
    let hub = TestHub::start(channel_config(&graph.url, true));
    let manifest = sample_json("signatures_manifest.json");
    for file in [
        "wa_inbound_reaction.json",
        "wa_inbound_location.json",
        "wa_inbound_system_user_changed_number.json",
        "wa_errors_webhook_130429.json",
        "wa_status_failed_131047_assembled.json",
        "ms_inbound_image_attachment_assembled.json",
        "ms_message_echo_text_assembled.json",
        "ms_message_deliveries_assembled.json",
        "ms_postback_assembled.json",
    ] {
        let signature = manifest["signatures"][file].as_str().unwrap();
        let channel = if file.starts_with("wa_") { "whatsapp" } else { "messenger" };
        let (status, answer) = hub.webhook(channel, &sample(file), Some(signature)).await;
        assert_eq!(status, StatusCode::OK, "{file}: {answer}");
    }
    // Meta's image example reuses the reaction's wamid; with an id of its own it is a new
    // message.
    let mut image = sample_json("wa_inbound_image.json");
    image["entry"][0]["changes"][0]["value"]["messages"][0]["id"] = json!("wamid.image");
    hub.signed("whatsapp", &serde_json::to_vec(&image).unwrap()).await;
    // Nobody is available: everything waits in the queues, and the hub kept it all.
    let whatsapp = eventually(|| {
        let conversations = hub.hub.queued_conversations().unwrap();
        (conversations.len() >= 3).then_some(conversations)
    })
    .await;
    let mut lines = Vec::new();
    for conversation in &whatsapp {
        for message in hub.hub.messages(conversation).unwrap() {
            if let Some(system) = message.system {
                lines.push(
                    serde_json::to_value(system).unwrap()["content"]
                        .as_str()
                        .unwrap_or("")
                        .to_owned(),
                );
            } else {
                lines.push(message.text);
            }
        }
    }
    for expected in ["reaction", "location", "image", "system", "TITLE-FOR-THE-CTA", "Taj Mahal"] {
        assert!(lines.iter().any(|l| l == expected), "{expected} missing from {lines:?}");
    }
}

#[tokio::test]
async fn a_batch_is_applied_in_order_and_a_repeated_platform_id_is_one_message() {
    let graph = GraphRecorder::start().await;
    let hub = TestHub::start(channel_config(&graph.url, false));
    let file = "wa_batch_multi_entry_assembled.json";
    let signature =
        sample_json("signatures_manifest.json")["signatures"][file].as_str().unwrap().to_owned();
    let (status, _) = hub.webhook("whatsapp", &sample(file), Some(&signature)).await;
    assert_eq!(status, StatusCode::OK);
    let queued = eventually(|| {
        let queued = hub.hub.queued_conversations().unwrap();
        let thread = queued.first().map(|id| hub.hub.messages(id).unwrap()).unwrap_or_default();
        (thread.len() >= 2).then_some(queued)
    })
    .await;
    // One customer on one business number: one conversation. Meta's reaction example reuses
    // the text example's wamid, so it is the same message and is not stored twice.
    assert_eq!(queued.len(), 1);
    let texts: Vec<String> =
        hub.hub.messages(&queued[0]).unwrap().into_iter().map(|m| m.text).collect();
    assert_eq!(texts, ["Does it come in another color?", "Cancel"]);
}

#[tokio::test]
async fn messenger_replies_follow_the_window_and_the_human_agent_tag() {
    let graph = GraphRecorder::start().await;
    let hub = TestHub::start(channel_config(&graph.url, true));
    let anna = hub.available("anna").await;
    let two_days_ago = contact_hub::hub::now_millis() - 2 * 24 * 3600 * 1000;
    hub.signed("messenger", &messenger_text("mid.old", "hello, world!", two_days_ago)).await;
    let offer = accept_next(&hub, &anna).await;
    assert_eq!(offer["conversation"]["channel"], "messenger");
    assert_eq!(offer["conversation"]["account"]["name"], "Acme Support");
    let id = offer["conversation"]["id"].as_str().unwrap().to_owned();
    let (status, reply) = send(&hub, &anna, &id, "Sorry for the wait!").await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    let sent = graph.wait_for(1).await;
    assert_eq!(sent[0].path, "me/messages");
    assert_eq!(sent[0].authorization, "Bearer page-token");
    assert_eq!(
        sent[0].body,
        json!({
            "recipient": {"id": "<PSID>"},
            "messaging_type": "MESSAGE_TAG",
            "tag": "HUMAN_AGENT",
            "message": {"text": "Sorry for the wait!"}
        })
    );
    let message_id = reply["id"].as_str().unwrap().to_owned();
    eventually(|| (delivery_of(&hub, &id, &message_id)["status"] == "sent").then_some(())).await;
    // The customer read it: the read watermark covers every earlier reply.
    let mut read = sample_json("ms_message_reads_assembled.json");
    read["entry"][0]["messaging"][0]["read"]["watermark"] =
        json!(contact_hub::hub::now_millis() + 1000);
    hub.signed("messenger", &serde_json::to_vec(&read).unwrap()).await;
    eventually(|| (delivery_of(&hub, &id, &message_id)["status"] == "read").then_some(())).await;

    // The customer writes now: an ordinary response again.
    hub.signed("messenger", &messenger_text("mid.new", "thanks", contact_hub::hub::now_millis()))
        .await;
    eventually(|| {
        (hub.hub.messages(&id).unwrap().iter().any(|m| m.text == "thanks")).then_some(())
    })
    .await;
    let (status, _) = send(&hub, &anna, &id, "You are welcome.").await;
    assert_eq!(status, StatusCode::CREATED);
    let sent = graph.wait_for(2).await;
    assert_eq!(sent[1].body["messaging_type"], "RESPONSE");
    assert!(sent[1].body.get("tag").is_none());
}

#[tokio::test]
async fn a_closed_window_refuses_the_reply_and_keeps_nothing_half_sent() {
    let graph = GraphRecorder::start().await;
    let hub = TestHub::start(channel_config(&graph.url, true));
    let anna = hub.available("anna").await;
    let yesterday = now_secs() - 25 * 3600;
    hub.signed("whatsapp", &whatsapp_text("wamid.late", "Still there?", yesterday)).await;
    let offer = accept_next(&hub, &anna).await;
    let id = offer["conversation"]["id"].as_str().unwrap().to_owned();
    let (status, answer) = send(&hub, &anna, &id, "Yes!").await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    assert_eq!(answer["code"], "messaging-window-closed");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(graph.requests().is_empty());
    assert!(hub.hub.messages(&id).unwrap().iter().all(|m| m.text != "Yes!"));
}

#[tokio::test]
async fn webhooks_taken_before_a_restart_are_applied_after_it() {
    let graph = GraphRecorder::start().await;
    let config = channel_config(&graph.url, false);
    let hub = TestHub::start(config.clone());
    hub.signed("whatsapp", &whatsapp_text("wamid.r1", "Before the restart", now_secs())).await;
    let hub = hub.restart(config, Duration::from_millis(50)).await;
    // The platform retries the same body after the restart: still one message.
    hub.signed("whatsapp", &whatsapp_text("wamid.r1", "Before the restart", now_secs())).await;
    let queued = eventually(|| {
        let queued = hub.hub.queued_conversations().unwrap();
        (queued.len() == 1).then_some(queued)
    })
    .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let thread = hub.hub.messages(&queued[0]).unwrap();
    assert_eq!(thread.iter().filter(|m| m.text == "Before the restart").count(), 1);
}

#[tokio::test]
async fn a_message_to_a_number_whose_queue_was_deleted_is_closed_not_offered() {
    let graph = GraphRecorder::start().await;
    let mut config = channel_config(&graph.url, false);
    config.agents[0].admin = true;
    let hub = TestHub::start(config);
    let anna = hub.available("anna").await;
    let (status, _) =
        hub.call(axum::http::Method::DELETE, "/v1/queues/whatsapp-en", Some(&anna), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    hub.signed("whatsapp", &whatsapp_text("wamid.after-delete", "Hello?", now_secs())).await;
    // Taken (the platform gets its 200 and the message is kept), closed, never offered.
    let state = eventually(|| {
        hub.store
            .rows(
                "SELECT c.state FROM conversations c JOIN messages m ON m.conversation_id = c.id
                 WHERE m.platform_id = 'wamid.after-delete'",
            )
            .pop()
            .and_then(|mut row| row.remove(0))
            .filter(|state| state == "closed")
    })
    .await;
    assert_eq!(state, "closed");
    let mut events = hub.agent_events(&anna, None).await;
    let snapshot = events.expect("snapshot").await;
    assert_eq!(snapshot.data["body"]["snapshot"]["offers"], json!([]));
}
