//! WhatsApp and Messenger from end to end: a signed webhook shaped like Meta's documented
//! payloads reaches the hub, the real desk pops the channel's request (WhatsApp: customer,
//! phone, business number; Messenger: the page), the agent accepts and replies, the reply
//! reaches the Graph API recorder in the documented format, and the receipts and the reply
//! window show in the pane. A failed send shows its error with Retry; a closed window
//! replaces the composer with an explanation.

use axum::http::StatusCode;
use contact_hub::channels::signature;
use contact_hub::config::{
    ChannelsConfig, MessengerConfig, MessengerPageConfig, QueueConfig, SecretSource, WhatsappConfig,
};
use hub_protocol::Channel;
use serde_json::{json, Value};

use crate::support::desk::Launch;
use crate::support::{exclusive, DeskApp, GraphRecorder, TestHub};

const APP_SECRET: &str = "e2e-app-secret";
const PHONE_NUMBER_ID: &str = "106540352242922";
const PAGE_ID: &str = "1234567890";

fn now_secs() -> i64 {
    contact_hub::hub::now_millis() / 1000
}

fn channels_config(graph: &GraphRecorder) -> contact_hub::HubConfig {
    TestHub::config(|config| {
        config.settings.accept_timeout_secs = 120;
        for (id, name, channel) in [
            ("whatsapp-en", "WhatsApp support", Channel::Whatsapp),
            ("messenger-en", "Messenger support", Channel::Messenger),
        ] {
            config.queues.push(QueueConfig {
                id: id.into(),
                name: name.into(),
                channel,
                language: "en-US".into(),
                kind: Default::default(),
                disposition_required: true,
                routing: Default::default(),
                chat_log: Default::default(),
                chat_log_mode: Default::default(),
            });
            config.agents.iter_mut().find(|a| a.id == "anna").unwrap().queues.push(id.into());
        }
        config.channels = ChannelsConfig {
            whatsapp: Some(WhatsappConfig {
                app_secret: SecretSource::Value(APP_SECRET.into()),
                verify_token: SecretSource::Value("verify".into()),
                access_token: SecretSource::Value("wa-token".into()),
                graph_base_url: graph.base_url.clone(),
                queue: "whatsapp-en".into(),
                numbers: Vec::new(),
            }),
            messenger: Some(MessengerConfig {
                app_secret: SecretSource::Value(APP_SECRET.into()),
                verify_token: SecretSource::Value("verify".into()),
                access_token: SecretSource::Value("page-token".into()),
                graph_base_url: graph.base_url.clone(),
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

/// Posts a body to a webhook, signed as Meta signs it.
async fn deliver(hub: &TestHub, channel: &str, body: &Value) {
    let bytes = serde_json::to_vec(body).unwrap();
    let response = reqwest::Client::new()
        .post(format!("{}/webhooks/{channel}", hub.url()))
        .header("content-type", "application/json")
        .header("x-hub-signature-256", signature::sign(APP_SECRET.as_bytes(), &bytes))
        .body(bytes)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{channel} webhook refused");
}

/// The Cloud API's text message notification (as in Meta's "Text Message" example).
fn whatsapp_text(wa_id: &str, name: &str, wamid: &str, text: &str, at_secs: i64) -> Value {
    json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "419561257915477", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550783881", "phone_number_id": PHONE_NUMBER_ID},
            "contacts": [{"profile": {"name": name}, "wa_id": wa_id}],
            "messages": [{"from": wa_id, "id": wamid, "timestamp": at_secs.to_string(),
                          "type": "text", "text": {"body": text}}]
        }}]}]
    })
}

fn whatsapp_status(wamid: &str, status: &str, recipient: &str) -> Value {
    json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "419561257915477", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550783881", "phone_number_id": PHONE_NUMBER_ID},
            "statuses": [{"id": wamid, "status": status, "timestamp": now_secs().to_string(),
                          "recipient_id": recipient}]
        }}]}]
    })
}

/// The Messenger Platform's `messages` event in its `page` envelope.
fn messenger_text(psid: &str, mid: &str, text: &str) -> Value {
    let now = contact_hub::hub::now_millis();
    json!({
        "object": "page",
        "entry": [{"id": PAGE_ID, "time": now, "messaging": [{
            "sender": {"id": psid}, "recipient": {"id": PAGE_ID}, "timestamp": now,
            "message": {"mid": mid, "text": text}
        }]}]
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn whatsapp_and_messenger_from_webhook_to_receipts_in_the_desk() {
    let _one_at_a_time = exclusive().await;
    let graph = GraphRecorder::start().await;
    let hub = TestHub::start(channels_config(&graph)).await;
    let desk = DeskApp::launch(Launch::default()).await;
    desk.sign_in_remote(&hub.url(), "anna", false).await;
    desk.go_available().await;
    desk.wait_text("#presence-label", |label| label.contains("Available")).await;

    // WhatsApp: the popover names the customer, their number and the business number, both
    // masked as the WhatsApp documentation's masking table says ("Notifiche popover – Numero
    // cliente in entrata e numero aziendale"); the accepted chat's header shows the business
    // line readable.
    deliver(
        &hub,
        "whatsapp",
        &whatsapp_text(
            "16505551234",
            "Sheena Nelson",
            "wamid.e2e.1",
            "Does it come in another color?",
            now_secs(),
        ),
    )
    .await;
    let popover = ".offer[data-channel=whatsapp]";
    desk.wait(popover).await;
    desk.wait_text(".offer .customer-name", |name| name == "Sheena Nelson").await;
    let phone = desk.wait_text(".offer .phone", |phone| phone.ends_with("1234")).await;
    assert!(!phone.contains("6505551234"), "the customer's number is masked: {phone}");
    desk.wait_text(".offer .account-term", |term| term == "Business number").await;
    desk.wait_text(".offer .account", |number| number == "********3881").await;
    desk.wait_text(".offer .queue-name", |queue| queue == "WhatsApp support").await;
    desk.wait_text(".offer .offer-timer", |timer| timer.contains(':')).await;
    let icon = desk
        .eval("return document.querySelector('.offer .channel-icon').getAttribute('src')")
        .await;
    assert_eq!(icon, json!("icons/whatsapp.svg"));
    desk.screenshot("popover-whatsapp").await;
    desk.click(".offer .accept").await;
    desk.wait_gone(popover).await;

    desk.wait_text("#pane-channel", |channel| channel == "WhatsApp").await;
    desk.wait_text("#pane-account", |number| number == "+15550783881").await;
    desk.wait_text("#messages", |text| text.contains("another color")).await;
    // The 24-hour reply window counts down in the pane (the countdown inside the sentence, where
    // the translation puts `{ $time }`) and in the task list.
    desk.wait_text("#pane-window", |w| {
        w.split_once("Reply window closes in").is_some_and(|(_, time)| time.contains(':'))
    })
    .await;
    desk.wait_text("#task-list .task-window", |w| w.contains("Reply window")).await;
    desk.wait_text("#compose-counter", |counter| counter.ends_with("/ 4096")).await;

    desk.type_into("#compose", "Yes, it also comes in blue and green.").await;
    desk.press_enter("#compose").await;
    let sent = graph.nth(1).await;
    assert_eq!(sent.path, format!("{PHONE_NUMBER_ID}/messages"));
    assert_eq!(sent.authorization, "Bearer wa-token");
    assert_eq!(
        sent.body,
        json!({"messaging_product": "whatsapp", "recipient_type": "individual", "to": "16505551234",
               "type": "text", "text": {"preview_url": false, "body": "Yes, it also comes in blue and green."}})
    );
    desk.wait_text("#messages .message.agent .receipt", |r| r == "Sent").await;
    let wamid = "wamid.HBgLMTY0NjcwNDM1OTUVAgARGBI1RjQyNUE3NEYxMzAz1";
    deliver(&hub, "whatsapp", &whatsapp_status(wamid, "read", "16505551234")).await;
    desk.wait_text("#messages .message.agent .receipt", |r| r == "Read").await;
    // A late "delivered" does not take it back.
    deliver(&hub, "whatsapp", &whatsapp_status(wamid, "delivered", "16505551234")).await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    desk.wait_text("#messages .message.agent .receipt", |r| r == "Read").await;
    desk.screenshot("conversation-whatsapp").await;

    // Messenger: the page it came to, and the channel's word for a customer without a name.
    deliver(
        &hub,
        "messenger",
        &messenger_text("6789012345678901", "m_e2e_1", "Hi! Is my order shipped?"),
    )
    .await;
    let popover = ".offer[data-channel=messenger]";
    desk.wait(popover).await;
    desk.wait_text(".offer .account-term", |term| term == "Facebook page").await;
    desk.wait_text(".offer .account", |page| page == "Acme Support").await;
    desk.wait_text(".offer .queue-name", |queue| queue == "Messenger support").await;
    desk.wait_text(".offer .customer-name", |name| name == "Messenger customer").await;
    desk.click(".offer .accept").await;
    desk.wait_gone(popover).await;
    desk.wait_text("#pane-channel", |channel| channel == "Messenger").await;
    desk.wait_text("#compose-counter", |counter| counter.ends_with("/ 1000")).await;

    // The platform refuses the first reply (rate limit): the error shows on the message, with
    // Retry; the retry sends the same message.
    graph.answer_next(
        StatusCode::BAD_REQUEST,
        json!({"error": {"message": "(#613) Calls to this api have exceeded the rate limit.", "type": "OAuthException", "code": 613, "fbtrace_id": "A1"}}),
    );
    desk.type_into("#compose", "Yes, it left our warehouse today.").await;
    desk.press_enter("#compose").await;
    let refused = graph.nth(2).await;
    assert_eq!(refused.path, "me/messages");
    assert_eq!(refused.authorization, "Bearer page-token");
    assert_eq!(
        refused.body,
        json!({"recipient": {"id": "6789012345678901"}, "messaging_type": "RESPONSE",
               "message": {"text": "Yes, it left our warehouse today."}})
    );
    desk.wait_text("#messages .message.agent .receipt", |r| {
        r.contains("Not sent") && r.contains("too many messages")
    })
    .await;
    desk.screenshot("send-failed-messenger").await;
    desk.click("#messages .message.agent .receipt .retry").await;
    let retried = graph.nth(3).await;
    assert_eq!(retried.body, refused.body, "the retry is the same message");
    desk.wait_text("#messages .message.agent .receipt", |r| r == "Sent").await;

    // A WhatsApp customer who last wrote 25 hours ago: no free text any more.
    deliver(
        &hub,
        "whatsapp",
        &whatsapp_text(
            "447700900123",
            "Oliver Smith",
            "wamid.e2e.late",
            "Are you there?",
            now_secs() - 25 * 3600,
        ),
    )
    .await;
    desk.wait(".offer[data-channel=whatsapp]").await;
    desk.click(".offer .accept").await;
    desk.wait_text("#pane-customer", |name| name == "Oliver Smith").await;
    desk.wait_text("#compose-closed", |note| {
        note.contains("24-hour WhatsApp reply window has closed")
    })
    .await;
    assert_eq!(desk.eval("return document.getElementById('composer').hidden").await, json!(true));
    assert_eq!(graph.requests().len(), 3, "nothing was sent outside the window");

    desk.quit().await;
}
