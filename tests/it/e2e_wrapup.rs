//! The 8x8-style workspace around a contact request and its wrap-up, as the agent at the desk
//! lives it: "Preview record" on the popover shows the matched customer record, masked,
//! before Accept (or says that none matched); after End, "Wrap-up 00:42" counts the time
//! spent in wrap-up, in the task list and the dialog; a queue the admin set to keep no chat
//! log wraps up in the documented single step ("Submit wrap-up") and no case is written; a
//! queue with chat logs keeps its two steps, the chat log opening in the mode the admin set.
//! English and Arabic. Colleagues save records through the agent API; customers chat through
//! the widget API.

use hub_protocol::{ChatLogMode, ChatLogPolicy};
use serde_json::json;

use crate::support::desk::Launch;
use crate::support::{exclusive, plain, ApiAgent, Customer, DeskApp, PreChat, TestHub};

fn hub_config(edit: impl FnOnce(&mut contact_hub::HubConfig)) -> contact_hub::HubConfig {
    TestHub::config(|config| {
        config.settings.accept_timeout_secs = 120;
        edit(config);
    })
}

async fn signed_in(hub: &TestHub, launch: Launch<'_>, username: &str) -> DeskApp {
    let desk = DeskApp::launch(launch).await;
    desk.sign_in_remote(&hub.url(), username, false).await;
    desk.go_available().await;
    desk
}

fn offer_of(customer: &Customer) -> String {
    format!(".offer[data-conversation-id={:?}]", customer.conversation_id)
}

/// Accepts the customer's request and waits for the chat to open in the pane.
async fn accept(desk: &DeskApp, customer: &Customer) {
    let offer = offer_of(customer);
    desk.click(&format!("{offer} .accept")).await;
    desk.wait_gone(&offer).await;
    let row = format!("#task-list .task[data-conversation-id={:?}]", customer.conversation_id);
    desk.wait(&format!("{row} .task-button[aria-current=true]")).await;
}

/// End, and the wrap-up dialog open on its first step.
async fn end(desk: &DeskApp) {
    desk.click("#pane-end").await;
    desk.wait("#wrapup-dialog[open]").await;
    desk.wait("#wrapup-step-reason:not([hidden])").await;
}

async fn finish(desk: &DeskApp) {
    desk.click("#wrapup-finish").await;
    desk.wait_gone("#wrapup-dialog[open]").await;
    desk.wait_gone("#task-list .task").await;
}

/// Whether the page's text holds `raw` anywhere, any case (it must not, for customer data).
async fn page_holds(desk: &DeskApp, raw: &str) -> bool {
    let script =
        format!("return document.body.innerText.toLowerCase().includes({:?})", raw.to_lowercase());
    desk.eval(&script).await == json!(true)
}

async fn is_hidden(desk: &DeskApp, css: &str) -> bool {
    desk.eval(&format!("return document.querySelector({css:?}).hidden")).await == json!(true)
}

/// A timer's `mm:ss` as seconds.
fn seconds(timer: &str) -> u32 {
    let (minutes, seconds) = timer.trim().split_once(':').expect("mm:ss");
    minutes.parse::<u32>().unwrap() * 60 + seconds.parse::<u32>().unwrap()
}

/// The wrap-up timer in the dialog and in the task row: there, and running (it reads more
/// than it did a moment ago, without any assumption on how long that moment is).
async fn wrapup_timer_runs(desk: &DeskApp, label: &str) {
    let line = desk.wait_text("#wrapup-timer", |t| !t.is_empty()).await;
    assert!(plain(&line).starts_with(label), "{line}");
    let row = desk.wait_text("#task-list .task-state", |t| !t.is_empty()).await;
    assert!(plain(&row).starts_with(label), "{row}");
    assert_eq!(desk.count("#wrapup-timer [role=timer]").await, 1, "a timer role");
    let first = seconds(&desk.wait_text("#wrapup-timer .timer", |t| t.contains(':')).await);
    desk.wait_text("#wrapup-timer .timer", |t| t.contains(':') && seconds(t) > first).await;
    desk.wait_text("#task-list .task-state .timer", |t| t.contains(':') && seconds(t) > first)
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_contact_request_previews_the_record_masked_before_accept() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub_config(|_| {})).await;
    let jonas = ApiAgent::sign_in(&hub, "jonas").await;
    jonas
        .create_customer(
            "Melissa Jones",
            Some("melissa.jones@example.com"),
            Some("+358 40 123 4567"),
            Some("ACC-778812"),
            "Prefers email. Card on file 4111 1111 1111 1111.",
        )
        .await;
    let desk = signed_in(&hub, Launch::default(), "anna").await;

    let known = Customer::start_with(
        &hub.url(),
        "Melissa Jones",
        "Hi, my order 48213 has not arrived.",
        PreChat { email: Some("Melissa.Jones@Example.COM"), ..PreChat::default() },
    )
    .await;
    let offer = offer_of(&known);
    desk.wait(&format!("{offer} .offer-preview[aria-expanded=false]")).await;
    assert!(is_hidden(&desk, &format!("{offer} .offer-record-body")).await, "closed at first");
    desk.wait_text(&format!("{offer} .offer-preview"), |t| t == "Preview record").await;
    desk.click(&format!("{offer} .offer-preview")).await;
    desk.wait(&format!("{offer} .offer-preview[aria-expanded=true]")).await;
    desk.wait_text(&format!("{offer} .offer-record-name"), |n| n == "Melissa Jones").await;
    desk.wait_text(&format!("{offer} .offer-record-status"), |t| t.contains("email")).await;
    let email = desk.wait_text(&format!("{offer} .offer-record-email"), |e| !e.is_empty()).await;
    assert!(
        email.starts_with('m') && email.contains('*') && email.ends_with("@example.com"),
        "the record's email is masked: {email}"
    );
    let phone = desk.wait_text(&format!("{offer} .offer-record-phone"), |p| !p.is_empty()).await;
    assert!(phone.ends_with("4567") && phone.contains('*'), "the phone is masked: {phone}");
    let notes = desk.wait_text(&format!("{offer} .offer-record-notes"), |n| !n.is_empty()).await;
    assert!(notes.contains("Prefers email") && !notes.contains("4111 1111"), "{notes}");
    // What the customer typed matched it: a claim, said as such.
    desk.wait(&format!("{offer} .offer-record-claimed:not([hidden])")).await;
    assert!(!page_holds(&desk, "melissa.jones@example.com").await, "no raw email on screen");
    assert!(!page_holds(&desk, "4111 1111 1111 1111").await, "no card number on screen");
    // Still a request: nothing was accepted by looking.
    assert_eq!(desk.count("#task-list .task").await, 0);
    desk.screenshot("offer-record-preview-en-US").await;
    // The disclosure closes again.
    desk.click(&format!("{offer} .offer-preview")).await;
    desk.wait(&format!("{offer} .offer-preview[aria-expanded=false]")).await;
    assert!(is_hidden(&desk, &format!("{offer} .offer-record-body")).await);

    // A customer nobody knows: the preview says no record matched.
    let stranger = Customer::start(&hub.url(), "Leo Stranger", "Hello?").await;
    let other = offer_of(&stranger);
    desk.click(&format!("{other} .offer-preview")).await;
    desk.wait_text(&format!("{other} .offer-record-status"), |t| {
        t == "No customer record matched this contact."
    })
    .await;
    assert_eq!(desk.count(&format!("{other} .offer-record-details dd")).await, 0);

    // Accept from the popover after looking: the chat opens with the same record beside it.
    accept(&desk, &known).await;
    desk.wait_text("#record-details .record-name-value", |name| name == "Melissa Jones").await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_queue_without_chat_logs_wraps_up_in_one_step_while_the_timer_runs() {
    let _one_at_a_time = exclusive().await;
    // The demo's 8x8-style market (livechat-fr) keeps no chat log.
    let hub = TestHub::start(hub_config(|_| {})).await;
    let desk = signed_in(&hub, Launch::default(), "anna").await;
    let customer =
        Customer::start_in(&hub.url(), "livechat-fr", "Camille Martin", "Bonjour !").await;
    accept(&desk, &customer).await;
    end(&desk).await;

    // One step: the reason, then the documented "Submit wrap-up"; no Continue, no chat log.
    desk.wait_text("#wrapup-finish", |t| t == "Submit wrap-up").await;
    assert!(is_hidden(&desk, "#wrapup-continue").await, "no Continue");
    assert!(is_hidden(&desk, "#wrapup-step-chatlog").await, "no chat log step");
    wrapup_timer_runs(&desk, "Wrap-up ").await;
    desk.click("#wrapup-list input[value=resolved]").await;
    desk.screenshot("wrapup-one-step-en-US").await;
    // Later: the dialog goes, the row keeps counting.
    desk.click("#wrapup-later").await;
    desk.wait_gone("#wrapup-dialog[open]").await;
    let row = desk.wait_text("#task-list .task-state", |t| !t.is_empty()).await;
    assert!(plain(&row).starts_with("Wrap-up "), "{row}");
    desk.screenshot("wrapup-timer-task-en-US").await;

    desk.click("#pane-wrapup").await;
    desk.wait("#wrapup-dialog[open]").await;
    desk.click("#wrapup-list input[value=resolved]").await;
    // Enter in the search submits the one step (there is nothing to continue to).
    desk.press_enter("#wrapup-search").await;
    desk.wait_gone("#wrapup-dialog[open]").await;
    desk.wait_gone("#task-list .task").await;
    assert_eq!(
        hub.wrapups_of(&customer.conversation_id),
        vec![("anna".into(), Some("resolved".into()))]
    );
    assert!(hub.chat_log_of("anna", &customer.conversation_id).is_none(), "no case written");
    desk.wait_text("#drafts-count", |count| count == "0").await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_queue_with_chat_logs_keeps_two_steps_in_the_mode_the_admin_set() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub_config(|config| {
        // Against the automatic rule each time: edit for a saved chat log, view for a draft.
        let en = config.queues.iter_mut().find(|q| q.id == "livechat-en").unwrap();
        en.chat_log_mode = ChatLogMode::Edit;
        let fi = config.queues.iter_mut().find(|q| q.id == "livechat-fi").unwrap();
        fi.chat_log_mode = ChatLogMode::View;
        assert_eq!(fi.chat_log, ChatLogPolicy::Automatic);
    }))
    .await;
    let jonas = ApiAgent::sign_in(&hub, "jonas").await;
    jonas.create_customer("Melissa Jones", Some("melissa@example.com"), None, None, "").await;
    let desk = signed_in(&hub, Launch::default(), "anna").await;

    // A known customer, confirmed: the chat log is saved on her record, yet opens to edit.
    let known = Customer::start_with(
        &hub.url(),
        "Melissa Jones",
        "Where is my order?",
        PreChat { email: Some("melissa@example.com"), ..PreChat::default() },
    )
    .await;
    accept(&desk, &known).await;
    desk.click("#record-confirm").await;
    desk.wait("#record-history-block:not([hidden])").await;
    end(&desk).await;
    assert!(is_hidden(&desk, "#wrapup-finish").await, "step 1 has no Finish");
    desk.wait_text("#wrapup-continue", |t| t == "Continue").await;
    wrapup_timer_runs(&desk, "Wrap-up ").await;
    desk.click("#wrapup-list input[value=resolved]").await;
    desk.click("#wrapup-continue").await;
    desk.wait("#wrapup-dialog .chatlog[data-mode=edit][data-status=saved]").await;
    desk.wait_text("#wrapup-finish", |t| t == "Finish").await;
    desk.screenshot("wrapup-chatlog-edit-by-setting-en-US").await;
    finish(&desk).await;
    let case = hub.chat_log_of("anna", &known.conversation_id).expect("a chat log");
    assert_eq!(case.summary.disposition.as_deref(), Some("resolved"));

    // A new customer in the Finnish queue: a draft, yet it opens in view mode.
    let stranger = Customer::start_with(
        &hub.url(),
        "Pekka Virtanen",
        "Hei, laskussani on virhe.",
        PreChat { queue_id: Some("livechat-fi"), ..PreChat::default() },
    )
    .await;
    accept(&desk, &stranger).await;
    end(&desk).await;
    desk.click("#wrapup-list input[value=resolved]").await;
    desk.click("#wrapup-continue").await;
    desk.wait("#wrapup-dialog .chatlog[data-mode=view][data-status=draft]").await;
    // View first; the agent may still edit it.
    assert_eq!(desk.count("#wrapup-dialog .chatlog-edit-button:not([hidden])").await, 1);
    finish(&desk).await;
    assert!(hub.chat_log_of("anna", &stranger.conversation_id).is_some(), "a draft was written");
    desk.wait_text("#drafts-count", |count| count == "1").await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_preview_the_timer_and_the_one_step_wrap_up_in_arabic() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub_config(|config| {
        let ar = config.queues.iter_mut().find(|q| q.id == "livechat-ar").unwrap();
        ar.chat_log = ChatLogPolicy::None;
    }))
    .await;
    let jonas = ApiAgent::sign_in(&hub, "jonas").await;
    jonas
        .create_customer(
            "فاطمة الزهراء",
            Some("fatima.zahra@example.com"),
            Some("+971 50 123 4567"),
            None,
            "عميلة مميزة",
        )
        .await;
    let desk =
        signed_in(&hub, Launch { os_locale: Some("ar_AE.UTF-8"), ..Launch::default() }, "layla")
            .await;
    let customer = Customer::start_with(
        &hub.url(),
        "فاطمة الزهراء",
        "مرحبا، طلبي متأخر",
        PreChat {
            email: Some("fatima.zahra@example.com"),
            queue_id: Some("livechat-ar"),
            ..PreChat::default()
        },
    )
    .await;
    let offer = offer_of(&customer);
    desk.wait_text(&format!("{offer} .offer-preview"), |t| t == "معاينة السجل").await;
    desk.click(&format!("{offer} .offer-preview")).await;
    desk.wait_text(&format!("{offer} .offer-record-name"), |n| n == "فاطمة الزهراء").await;
    let email = desk.wait_text(&format!("{offer} .offer-record-email"), |e| !e.is_empty()).await;
    assert!(email.contains('*') && !email.contains("fatima.zahra"), "masked: {email}");
    desk.screenshot("offer-record-preview-ar").await;

    accept(&desk, &customer).await;
    end(&desk).await;
    desk.wait_text("#wrapup-finish", |t| t == "إرسال الاختتام").await;
    assert!(is_hidden(&desk, "#wrapup-continue").await);
    wrapup_timer_runs(&desk, "الاختتام ").await;
    desk.click("#wrapup-list input[value=resolved]").await;
    desk.screenshot("wrapup-one-step-ar").await;
    desk.click("#wrapup-later").await;
    desk.wait_gone("#wrapup-dialog[open]").await;
    desk.screenshot("wrapup-timer-task-ar").await;
    desk.click("#pane-wrapup").await;
    desk.wait("#wrapup-dialog[open]").await;
    desk.click("#wrapup-list input[value=resolved]").await;
    finish(&desk).await;
    assert!(hub.chat_log_of("layla", &customer.conversation_id).is_none(), "no case written");
    desk.quit().await;
}
