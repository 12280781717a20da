//! The agent's workspace around the chat, as the agent at the desk lives it: Ready to work and
//! "My assigned queues" (allowed and read-only; a disabled queue offers nothing), a rejected
//! or missed offer landing in the state the admin configured, Reject shown disabled where the
//! admin has not granted it, FAQ answers inserted with the button and with `/` + letters
//! (placeholders filled, edited, sent), and the chat window's 1940 characters in the counter.
//! Each test configures its own hub; the customers play the widget API.

use std::time::Duration;

use serde_json::json;

use crate::support::desk::Launch;
use crate::support::{eventually, exclusive, plain, ApiAgent, Customer, DeskApp, TestHub};

fn hub(edit: impl FnOnce(&mut contact_hub::HubConfig)) -> contact_hub::HubConfig {
    TestHub::config(|config| {
        config.settings.accept_timeout_secs = 120;
        edit(config);
    })
}

async fn signed_in(hub: &TestHub, launch: Launch<'_>, username: &str) -> DeskApp {
    let desk = DeskApp::launch(launch).await;
    desk.sign_in_remote(&hub.url(), username, false).await;
    desk
}

async fn value_of(desk: &DeskApp, css: &str) -> String {
    let value = desk.eval(&format!("return document.querySelector({css:?}).value")).await;
    value.as_str().unwrap_or_default().to_owned()
}

async fn attribute(desk: &DeskApp, css: &str, name: &str) -> serde_json::Value {
    desk.eval(&format!("return document.querySelector({css:?}).getAttribute({name:?})")).await
}

/// Opens "My assigned queues" and waits for its list.
async fn open_queues(desk: &DeskApp) {
    desk.click("#queues-button").await;
    desk.wait("#queues-dialog[open]").await;
    desk.wait("#queues-list li input").await;
}

/// Sets each listed queue's box, then confirms and waits for the dialog to close.
async fn choose_queues(desk: &DeskApp, enabled: &[&str]) {
    let script = format!(
        "const on = {};
         for (const box of document.querySelectorAll('#queues-list input')) {{
           if (box.checked !== on.includes(box.value)) box.click();
         }}",
        json!(enabled)
    );
    desk.eval(&script).await;
    desk.click("#queues-confirm").await;
    desk.wait_gone("#queues-dialog[open]").await;
}

async fn accept_first_offer(desk: &DeskApp, customer: &Customer) {
    let offer = format!(".offer[data-conversation-id={:?}]", customer.conversation_id);
    desk.click(&format!("{offer} .accept")).await;
    desk.wait_gone(&offer).await;
    desk.wait(&format!("#task-list .task[data-conversation-id={:?}]", customer.conversation_id))
        .await;
    desk.wait("#compose:not(:disabled)").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_agent_chooses_the_queues_that_offer_chats_and_then_gets_ready() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub(|config| config.settings.agents_may_choose_queues = true)).await;
    // Aino serves the Finnish queue too, but stays on a break: she only looks at the queue.
    let aino = ApiAgent::sign_in(&hub, "aino").await;
    let desk = signed_in(&hub, Launch::default(), "anna").await;
    // Not Available after sign-in: Ready to work is there, next to the presence menu.
    desk.wait(".presence[data-presence=idle]").await;
    desk.wait_text("#ready-button", |text| text == "Ready to work").await;

    open_queues(&desk).await;
    desk.wait_text("#queues-intro", |text| text.contains("Only enabled queues")).await;
    assert_eq!(desk.count("#queues-list li").await, 6, "Anna's six assigned queues");
    assert_eq!(desk.count("#queues-list input:checked").await, 6, "all enabled at first");
    assert_eq!(desk.count("#queues-list input:disabled").await, 0);
    desk.wait_text("#queues-list li:first-child .queue-name", |name| name == "English web support")
        .await;
    desk.wait_text("#queues-list li:first-child .queue-channel", |word| word.contains("Livechat"))
        .await;
    desk.wait_text("#queues-list li:first-child .queue-language", |language| {
        language.contains("English")
    })
    .await;
    desk.screenshot("queues-dialog-en-US").await;
    // Every queue off: nothing can reach the agent.
    choose_queues(&desk, &[]).await;
    let finnish = Customer::start_in(&hub.url(), "livechat-fi", "Pekka Virtanen", "Hei!").await;

    // Ready to work cannot start a session that no chat can reach: it says why, in the dialog.
    desk.click("#ready-button").await;
    desk.wait("#queues-dialog[open]").await;
    desk.wait("#queues-none-enabled:not([hidden])").await;
    assert_eq!(desk.count("#queues-list input:checked").await, 0);
    desk.screenshot("queues-none-enabled-en-US").await;
    desk.wait(".presence[data-presence=idle]").await;
    // English only, confirmed: the agent is Available, and the Finnish chat still waits.
    choose_queues(&desk, &["livechat-en"]).await;
    desk.wait(".presence[data-presence=available]").await;
    desk.wait("#ready-button[hidden]").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(desk.count(".offer").await, 0, "a disabled queue offers nothing");
    assert_eq!(aino.queue("livechat-fi").await.waiting, 1);
    // An English chat is offered.
    let english = Customer::start(&hub.url(), "Melissa Jones", "Hello!").await;
    desk.wait(&format!(".offer[data-conversation-id={:?}]", english.conversation_id)).await;

    // The choice is kept: the dialog shows it again.
    open_queues(&desk).await;
    assert_eq!(desk.count("#queues-list input:checked").await, 1);
    assert_eq!(
        desk.eval("return document.querySelector('#queues-list input:checked').value").await,
        json!("livechat-en")
    );
    // Finnish back on: routing runs again and the waiting chat is offered at once.
    choose_queues(&desk, &["livechat-en", "livechat-fi"]).await;
    desk.wait(&format!(".offer[data-conversation-id={:?}]", finnish.conversation_id)).await;

    // Cancel changes nothing.
    open_queues(&desk).await;
    desk.click("#queues-list input[value=livechat-en]").await;
    desk.click("#queues-cancel").await;
    desk.wait_gone("#queues-dialog[open]").await;
    open_queues(&desk).await;
    assert_eq!(desk.count("#queues-list input:checked").await, 2);
    desk.click("#queues-cancel").await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queues_are_read_only_when_the_admin_keeps_the_choice() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub(|config| config.settings.agents_may_choose_queues = false)).await;
    let desk = signed_in(&hub, Launch::default(), "anna").await;
    open_queues(&desk).await;
    desk.wait_text("#queues-intro", |text| text.contains("administrator manages your queues"))
        .await;
    assert_eq!(desk.count("#queues-list li").await, 6);
    assert_eq!(desk.count("#queues-list input:disabled:checked").await, 6, "read-only, all on");
    assert_eq!(desk.count("#queues-confirm").await, 0, "nothing to confirm");
    desk.wait_text("#queues-cancel", |text| text == "Close").await;
    desk.screenshot("queues-read-only-en-US").await;
    desk.click("#queues-cancel").await;
    desk.wait_gone("#queues-dialog[open]").await;
    // Ready to work goes straight to Available, and chats arrive.
    desk.click("#ready-button").await;
    desk.wait(".presence[data-presence=available]").await;
    desk.wait("#ready-button[hidden]").await;
    let customer = Customer::start_in(&hub.url(), "livechat-fi", "Pekka Virtanen", "Hei!").await;
    desk.wait(&format!(".offer[data-conversation-id={:?}]", customer.conversation_id)).await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_offer_puts_the_agent_in_the_configured_state() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub(|config| {
        config.settings.agents_may_reject = true;
        config.settings.rejected_offer_state = "lunch".into();
    }))
    .await;
    let desk = signed_in(&hub, Launch::default(), "anna").await;
    desk.click("#ready-button").await;
    desk.wait(".presence[data-presence=available]").await;
    let customer = Customer::start(&hub.url(), "Melissa Jones", "Hello?").await;
    let offer = format!(".offer[data-conversation-id={:?}]", customer.conversation_id);
    desk.wait(&format!("{offer} .reject:not(:disabled)")).await;
    desk.click(&format!("{offer} .reject")).await;
    desk.wait_gone(&offer).await;
    // The hub set Lunch, as configured; the presence menu shows it, and Ready to work is back.
    desk.wait(".presence[data-presence=idle]").await;
    desk.wait_text("#presence-label", |label| label == "Lunch").await;
    desk.wait("#ready-button:not([hidden])").await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missed_offer_puts_the_agent_in_the_configured_state() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub(|config| {
        config.settings.accept_timeout_secs = 3;
        config.settings.missed_offer_state = "working-offline".into();
    }))
    .await;
    let desk = signed_in(&hub, Launch::default(), "anna").await;
    desk.click("#ready-button").await;
    desk.wait(".presence[data-presence=available]").await;
    let customer = Customer::start(&hub.url(), "Melissa Jones", "Hello?").await;
    let offer = format!(".offer[data-conversation-id={:?}]", customer.conversation_id);
    desk.wait(&offer).await;
    desk.wait_gone(&offer).await;
    desk.wait(".presence[data-presence=workingOffline]").await;
    desk.wait_text("#presence-label", |label| label == "Working offline").await;
    desk.wait("#ready-button:not([hidden])").await;
    // Ready to work brings the agent back.
    desk.click("#ready-button").await;
    desk.wait(".presence[data-presence=available]").await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reject_is_shown_disabled_when_the_admin_has_not_granted_it() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub(|config| config.settings.agents_may_reject = false)).await;
    let desk = signed_in(&hub, Launch::default(), "anna").await;
    desk.go_available().await;
    let customer = Customer::start(&hub.url(), "Melissa Jones", "Hello?").await;
    let reject = format!(".offer[data-conversation-id={:?}] .reject", customer.conversation_id);
    desk.wait(&format!("{reject}:disabled")).await;
    assert_eq!(desk.count(&reject).await, 1, "visible, not hidden");
    desk.wait_text(&reject, |text| text == "Reject").await;
    let title = attribute(&desk, &reject, "title").await;
    assert!(
        title
            .as_str()
            .is_some_and(|title| title.contains("not allowed you to reject contact requests")),
        "{title}"
    );
    // Accepting works, and leaves Reject disabled on any later popover too.
    accept_first_offer(&desk, &customer).await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faq_answers_are_inserted_filled_in_edited_and_sent() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub(|_| {})).await;
    let desk = signed_in(&hub, Launch::default(), "anna").await;
    desk.go_available().await;
    let customer = Customer::start(&hub.url(), "Melissa Jones", "When are you open?").await;
    accept_first_offer(&desk, &customer).await;

    // The button: a searchable list; the answer goes where the cursor is.
    desk.type_into("#compose", "Thanks for waiting. ").await;
    desk.click("#faq-button").await;
    desk.wait("#faq-popover:not([hidden])").await;
    desk.wait("#faq-list li").await;
    assert_eq!(desk.count("#faq-list li").await, 5, "the English answers");
    desk.type_into("#faq-search", "hours").await;
    // The title's match first, then the answers that only mention hours in their text.
    desk.wait_text("#faq-list li:first-child .faq-title", |title| title == "Opening hours").await;
    eventually("the search to filter the list", || async {
        (desk.count("#faq-list li").await < 5).then_some(())
    })
    .await;
    desk.screenshot("faq-list-en-US").await;
    desk.click("#faq-list li:first-child").await;
    desk.wait("#faq-popover[hidden]").await;
    let draft = value_of(&desk, "#compose").await;
    assert!(draft.starts_with("Thanks for waiting. Our chat is open Monday to Friday"), "{draft}");
    assert_eq!(desk.eval("return document.activeElement.id").await, json!("compose"));
    let count = draft.trim().chars().count();
    desk.wait_text("#compose-counter", |counter| counter == format!("{count} / 1000")).await;

    // The shortcut: `/` and letters, Enter inserts in place of `/gre`, placeholders filled.
    desk.paste("#compose", "").await;
    desk.type_into("#compose", "/gre").await;
    desk.wait("#faq-popover[data-mode=slash]:not([hidden])").await;
    desk.wait_text("#faq-list li[aria-selected=true] .faq-title", |title| title == "Greeting")
        .await;
    desk.screenshot("faq-slash-en-US").await;
    desk.press_enter("#compose").await;
    desk.wait("#faq-popover[hidden]").await;
    let greeting =
        "Hi Melissa, thanks for contacting us! My name is Anna. How can I help you today?";
    assert_eq!(value_of(&desk, "#compose").await, greeting);
    assert!(customer.agent_texts().is_empty(), "Enter inserted the answer, it sent nothing");
    // Edited before sending; the customer reads the edited text.
    desk.type_into("#compose", " We are open until 8 pm.").await;
    let sent = format!("{greeting} We are open until 8 pm.");
    let count = sent.chars().count();
    desk.wait_text("#compose-counter", |counter| counter == format!("{count} / 1000")).await;
    desk.press_enter("#compose").await;
    customer.wait_for_agent_text(&sent).await;

    // ArrowDown and Tab choose the second match; Escape closes without inserting.
    desk.type_into("#compose", "About that: /re").await;
    desk.wait("#faq-popover[data-mode=slash]:not([hidden])").await;
    desk.wait_text("#faq-list li:nth-child(2) .faq-title", |title| title == "Refund policy").await;
    desk.type_into("#compose", "\u{E015}").await; // ArrowDown
    desk.wait("#faq-list li:nth-child(2)[aria-selected=true]").await;
    desk.type_into("#compose", "\u{E004}").await; // Tab
    desk.wait("#faq-popover[hidden]").await;
    let draft = value_of(&desk, "#compose").await;
    assert!(draft.starts_with("About that: You can return unused items"), "{draft}");
    desk.type_into("#compose", " /del").await;
    desk.wait("#faq-popover:not([hidden])").await;
    desk.type_into("#compose", "\u{E00C}").await; // Escape
    desk.wait("#faq-popover[hidden]").await;
    assert!(value_of(&desk, "#compose").await.ends_with(" /del"));
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chat_window_queue_takes_1940_characters() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub(|_| {})).await;
    let desk = signed_in(&hub, Launch::default(), "anna").await;
    desk.go_available().await;
    let customer =
        Customer::start_in(&hub.url(), "livechat-fr", "Émilie Tremblay", "Bonjour!").await;
    accept_first_offer(&desk, &customer).await;
    desk.wait_text("#compose-counter", |counter| counter == "0 / 1940").await;
    desk.paste("#compose", &"a".repeat(1941)).await;
    desk.wait_text("#compose-counter", |counter| counter == "1941 / 1940").await;
    desk.wait("#compose-error:not([hidden])").await;
    // 1940 is more than a standard Livechat message, and the hub takes it in this queue.
    let text = "b".repeat(1940);
    desk.paste("#compose", &text).await;
    desk.wait_text("#compose-counter", |counter| counter == "1940 / 1940").await;
    desk.press_enter("#compose").await;
    customer.wait_for_agent_text(&text).await;
    desk.wait_text("#compose-counter", |counter| counter == "0 / 1940").await;
    let label = attribute(&desk, "#compose-counter", "aria-label").await;
    let label = plain(label.as_str().unwrap_or_default());
    assert!(label.starts_with("0 of 1") && label.ends_with("940 characters used"), "{label}");
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queues_and_faq_in_arabic() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub(|_| {})).await;
    let desk =
        signed_in(&hub, Launch { os_locale: Some("ar_AE.UTF-8"), ..Launch::default() }, "layla")
            .await;
    let html =
        desk.eval("return [document.documentElement.lang, document.documentElement.dir]").await;
    assert_eq!(html, json!(["ar", "rtl"]));
    desk.wait_text("#ready-button", |text| text == "جاهز للعمل").await;
    open_queues(&desk).await;
    desk.wait_text("#queues-heading", |text| text == "قوائم الانتظار المعيّنة لي").await;
    assert_eq!(desk.count("#queues-list li").await, 2);
    desk.screenshot("queues-dialog-ar").await;
    desk.click("#queues-cancel").await;
    desk.wait_gone("#queues-dialog[open]").await;

    desk.click("#ready-button").await;
    desk.wait(".presence[data-presence=available]").await;
    let customer =
        Customer::start_in(&hub.url(), "livechat-ar", "Fatima Al Zahra", "مرحبا، طلبي متأخر").await;
    accept_first_offer(&desk, &customer).await;
    desk.click("#faq-button").await;
    desk.wait("#faq-list li").await;
    desk.screenshot("faq-list-ar").await;
    desk.click("#faq-list li:first-child").await;
    desk.wait("#faq-popover[hidden]").await;
    let draft = value_of(&desk, "#compose").await;
    assert!(draft.contains("Fatima"), "the customer's first name is filled in: {draft}");
    assert!(!draft.contains('{'), "every placeholder filled: {draft}");
    desk.quit().await;
}
