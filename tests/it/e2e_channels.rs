//! WhatsApp and Messenger from end to end: a signed webhook shaped like Meta's documented
//! payloads reaches the hub, the real desk pops the channel's request (WhatsApp: customer,
//! phone, business number; Messenger: the page), the agent accepts and replies, the reply
//! reaches the Graph API recorder in the documented format, and the receipts and the reply
//! window show in the pane. A failed send shows its error with Retry; a closed window
//! replaces the composer with an explanation. Beyond the first reply, on both channels: the
//! channel's message limit in the composer, a transfer to a colleague (the customer's next
//! message reaches them, their reply goes out through the Graph API), a conference, End and
//! wrap-up; and a number or page an admin takes out of service, which leaves only End.

use axum::http::StatusCode;
use contact_hub::channels::signature;
use contact_hub::config::{
    ChannelsConfig, MessengerConfig, MessengerPageConfig, QueueConfig, SecretSource, WhatsappConfig,
};
use hub_protocol::Channel;
use serde_json::{json, Value};

use crate::support::desk::Launch;
use crate::support::graph::Recorded;
use crate::support::{eventually, exclusive, ApiAgent, DeskApp, GraphRecorder, TestHub};

const APP_SECRET: &str = "e2e-app-secret";
const PHONE_NUMBER_ID: &str = "106540352242922";
const PAGE_ID: &str = "1234567890";

fn now_secs() -> i64 {
    contact_hub::hub::now_millis() / 1000
}

fn channels_config(graph: &GraphRecorder) -> contact_hub::HubConfig {
    TestHub::config(|config| {
        config.settings.accept_timeout_secs = 120;
        // An admin who takes no chats (none of the channels' queues are hers).
        config.agents.iter_mut().find(|a| a.id == "camille").unwrap().admin = true;
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

/// A WhatsApp or Messenger customer: how they write through the webhook, and what a reply to
/// them looks like at the Graph API.
struct PlatformCustomer {
    channel: &'static str,
    /// wa_id or PSID.
    id: &'static str,
    name: &'static str,
}

impl PlatformCustomer {
    async fn writes(&self, hub: &TestHub, message_id: &str, text: &str) {
        let body = match self.channel {
            "whatsapp" => whatsapp_text(self.id, self.name, message_id, text, now_secs()),
            _ => messenger_text(self.id, message_id, text),
        };
        deliver(hub, self.channel, &body).await;
    }

    /// Whether a Graph API request is a reply with `text` to this customer, sent as the
    /// channel's send API documents.
    fn is_reply(&self, request: &Recorded, text: &str) -> bool {
        match self.channel {
            "whatsapp" => {
                request.path == format!("{PHONE_NUMBER_ID}/messages")
                    && request.body["to"] == self.id
                    && request.body["text"]["body"] == text
            }
            _ => {
                request.path == "me/messages"
                    && request.body["recipient"]["id"] == self.id
                    && request.body["message"]["text"] == text
            }
        }
    }

    async fn wait_for_reply(&self, graph: &GraphRecorder, text: &str) {
        eventually(&format!("{text:?} to reach {} through the Graph API", self.id), || async {
            graph.requests().iter().any(|r| self.is_reply(r, text)).then_some(())
        })
        .await
    }

    fn max_chars(&self) -> usize {
        if self.channel == "whatsapp" {
            4096
        } else {
            1000
        }
    }
}

/// Accepts the channel's request on the desk; returns its conversation id.
async fn accept_on_desk(desk: &DeskApp, channel: &str) -> String {
    let offer = format!(".offer[data-channel={channel}]");
    desk.wait(&offer).await;
    let id = desk
        .eval(&format!("return document.querySelector('{offer}').dataset.conversationId"))
        .await;
    let id = id.as_str().unwrap().to_owned();
    desk.click(&format!("{offer} .accept")).await;
    desk.wait_gone(&offer).await;
    open_task(desk, &id).await;
    id
}

/// Opens a task in the pane.
async fn open_task(desk: &DeskApp, id: &str) {
    let row = format!("#task-list .task[data-conversation-id={id:?}]");
    desk.click(&format!("{row} .task-button")).await;
    desk.wait(&format!("{row} .task-button[aria-current=true]")).await;
}

async fn open_handoff(desk: &DeskApp, button: &str) {
    desk.click(button).await;
    desk.wait("#handoff-dialog[open]").await;
    desk.wait("#handoff-list[aria-busy=false] li").await;
}

async fn is_disabled(desk: &DeskApp, css: &str) -> bool {
    desk.eval(&format!("return document.querySelector({css:?}).disabled")).await == json!(true)
}

/// End's wrap-up: a reason, Continue, the chat log, Finish.
async fn submit_wrapup(desk: &DeskApp) {
    desk.wait("#wrapup-dialog[open]").await;
    desk.click("#wrapup-list li input").await;
    desk.click("#wrapup-continue").await;
    desk.click("#wrapup-finish").await;
    desk.wait_gone("#wrapup-dialog[open]").await;
}

/// The wrap-up of the agent who transferred the chat: a reason, then Finish.
async fn submit_handed_on_wrapup(desk: &DeskApp) {
    desk.wait("#wrapup-dialog[open]").await;
    desk.wait("#wrapup-handed-on:not([hidden])").await;
    desk.click("#wrapup-list li input").await;
    desk.click("#wrapup-finish").await;
    desk.wait_gone("#wrapup-dialog[open]").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn whatsapp_and_messenger_beyond_the_first_reply() {
    let _one_at_a_time = exclusive().await;
    let graph = GraphRecorder::start().await;
    let hub = TestHub::start(channels_config(&graph)).await;
    let desk = DeskApp::launch(Launch::default()).await;
    desk.sign_in_remote(&hub.url(), "anna", false).await;
    desk.go_available().await;
    // jonas serves none of the channels' queues: nothing is routed to him, but he can take a
    // transfer or join a conference.
    let jonas = ApiAgent::sign_in(&hub, "jonas").await;
    jonas.go_available().await;

    let customers = [
        (
            PlatformCustomer { channel: "whatsapp", id: "16505551234", name: "Sheena Nelson" },
            PlatformCustomer { channel: "whatsapp", id: "447700900123", name: "Oliver Smith" },
        ),
        (
            PlatformCustomer { channel: "messenger", id: "6789012345678901", name: "" },
            PlatformCustomer { channel: "messenger", id: "1234567890123456", name: "" },
        ),
    ];
    for (first, second) in &customers {
        let channel = first.channel;
        // The channel's limit, in the composer: one character too many shows the error in
        // words and sends nothing; the draft stays; the longest allowed goes out whole.
        first.writes(&hub, &format!("{channel}.1"), "I need help with my order").await;
        let id = accept_on_desk(&desk, channel).await;
        let max = first.max_chars();
        desk.wait_text("#compose-counter", |c| c.ends_with(&format!("/ {max}"))).await;
        let sent_before = graph.requests().len();
        desk.paste("#compose", &"a".repeat(max + 1)).await;
        desk.wait_text("#compose-error", |e| e.contains("longer than this channel allows")).await;
        desk.press_enter("#compose").await;
        desk.wait_text("#compose-error", |e| e.contains("longer than this channel allows")).await;
        let kept = desk.eval("return [...document.getElementById('compose').value].length").await;
        assert_eq!(kept, json!(max + 1), "the draft is kept as typed");
        assert_eq!(graph.requests().len(), sent_before, "nothing over the limit was sent");
        desk.screenshot(&format!("too-long-{channel}-en-US")).await;
        let longest = "a".repeat(max);
        desk.paste("#compose", &longest).await;
        desk.press_enter("#compose").await;
        first.wait_for_reply(&graph, &longest).await;

        // Transfer to jonas: the customer's next message reaches him, his reply reaches the
        // customer through the Graph API; the desk wraps its part up.
        open_handoff(&desk, "#pane-transfer").await;
        desk.click("#handoff-list input[value='agent:jonas']").await;
        desk.click("#handoff-submit").await;
        jonas.wait_for_offer_of(&id, 1).await;
        assert_eq!(jonas.accept_and_wait(&id).await, hub_protocol::Role::Owner);
        submit_handed_on_wrapup(&desk).await;
        desk.wait_gone(&format!("#task-list .task[data-conversation-id={id:?}]")).await;
        first.writes(&hub, &format!("{channel}.2"), "Is it shipped yet?").await;
        jonas.wait_for_text(&id, "Is it shipped yet?").await;
        jonas.say(&id, "Jonas here: it ships today.").await;
        first.wait_for_reply(&graph, "Jonas here: it ships today.").await;

        // A conference: jonas joins, everyone reads everyone, each reply goes out; he exits,
        // the desk ends and wraps up.
        second.writes(&hub, &format!("{channel}.3"), "Can someone check my invoice?").await;
        let id = accept_on_desk(&desk, channel).await;
        open_handoff(&desk, "#pane-conference").await;
        desk.click("#handoff-list input[value='agent:jonas']").await;
        desk.click("#handoff-submit").await;
        desk.wait_text("#pane-conference-status", |s| s.contains("Conference requested")).await;
        jonas.wait_for_offer_of(&id, 1).await;
        assert_eq!(jonas.accept_and_wait(&id).await, hub_protocol::Role::Guest);
        desk.wait_text("#pane-conference-status", |s| {
            s.contains("Conference with") && s.contains("Jonas Becker")
        })
        .await;
        second.writes(&hub, &format!("{channel}.4"), "Thank you both").await;
        desk.wait_text("#messages", |text| text.contains("Thank you both")).await;
        jonas.wait_for_text(&id, "Thank you both").await;
        jonas.say(&id, "The invoice is corrected.").await;
        desk.wait_text("#messages", |text| text.contains("The invoice is corrected.")).await;
        second.wait_for_reply(&graph, "The invoice is corrected.").await;
        desk.type_into("#compose", "Thanks, Jonas!").await;
        desk.press_enter("#compose").await;
        second.wait_for_reply(&graph, "Thanks, Jonas!").await;
        jonas.wait_for_text(&id, "Thanks, Jonas!").await;
        desk.screenshot(&format!("conference-{channel}-en-US")).await;
        jonas.leave_conference(&id).await;
        desk.wait_gone("#pane-conference-status").await;
        desk.click("#pane-end").await;
        submit_wrapup(&desk).await;
        desk.wait_gone(&format!("#task-list .task[data-conversation-id={id:?}]")).await;
    }
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_number_or_page_taken_out_of_service_leaves_only_end() {
    let _one_at_a_time = exclusive().await;
    let graph = GraphRecorder::start().await;
    let hub = TestHub::start(channels_config(&graph)).await;
    let admin = ApiAgent::sign_in(&hub, "camille").await;
    let desk = DeskApp::launch(Launch::default()).await;
    desk.sign_in_remote(&hub.url(), "anna", false).await;
    desk.go_available().await;
    let whatsapp =
        PlatformCustomer { channel: "whatsapp", id: "16505551234", name: "Sheena Nelson" };
    let messenger = PlatformCustomer { channel: "messenger", id: "6789012345678901", name: "" };
    whatsapp.writes(&hub, "wamid.retire.1", "Where is my parcel?").await;
    let wa_chat = accept_on_desk(&desk, "whatsapp").await;
    messenger.writes(&hub, "m_retire_1", "Hello, anyone?").await;
    let page_chat = accept_on_desk(&desk, "messenger").await;

    for (channel, asset, chat, words) in [
        ("whatsapp", PHONE_NUMBER_ID, &wa_chat, "WhatsApp business number"),
        ("messenger", PAGE_ID, &page_chat, "Facebook page"),
    ] {
        open_task(&desk, chat).await;
        desk.type_into("#compose", "One moment please").await;
        admin.retire_asset(channel, asset).await.unwrap();
        let alert = desk.wait_text("#pane-interrupted", |text| text.contains(words)).await;
        assert!(
            alert.contains("out of service") && alert.contains("end the conversation"),
            "{alert}"
        );
        eventually("the interruption to be announced", || async {
            let said =
                desk.eval("return document.getElementById('announcer-urgent').textContent").await;
            said.as_str().is_some_and(|said| said.contains(words)).then_some(())
        })
        .await;
        assert!(is_disabled(&desk, "#compose").await, "nothing more can be written");
        assert!(is_disabled(&desk, "#compose-send").await);
        assert!(is_disabled(&desk, "#pane-transfer").await);
        assert!(is_disabled(&desk, "#pane-conference").await);
        assert!(!is_disabled(&desk, "#pane-end").await, "End remains");
        desk.screenshot(&format!("interrupted-{channel}-en-US")).await;
        if channel == "whatsapp" {
            // The page's chat is another asset's: it goes on.
            open_task(&desk, &page_chat).await;
            desk.wait_text("#pane-channel", |c| c == "Messenger").await;
            assert!(
                desk.eval("return document.getElementById('pane-interrupted').hidden").await
                    == json!(true)
            );
            assert!(!is_disabled(&desk, "#compose").await);
            open_task(&desk, chat).await;
        }
        desk.click("#pane-end").await;
        submit_wrapup(&desk).await;
        desk.wait_gone(&format!("#task-list .task[data-conversation-id={chat:?}]")).await;
    }
    assert!(
        graph.requests().iter().all(|r| !r.body.to_string().contains("One moment please")),
        "nothing typed after the interruption went out"
    );
    desk.quit().await;
}
