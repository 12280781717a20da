//! Who the customer is, and the chat log left on their record, as the agent at the desk lives
//! it: a known customer (matched by an email written differently, then by a phone number in
//! another format, then by a case number) opens their record beside the chat as a claim,
//! without history, until the agent confirms it; then the history shows and the chat log is
//! already on it; a new customer gets a record from the
//! prefilled form and a chat log kept as a draft, saved later from the top bar's drafts; a
//! queue where the disposition is optional; all of it right to left in Arabic. Colleagues
//! save records through the agent API; customers chat through the widget API.

use hub_protocol::{ChatLogPolicy, QueueKind};
use serde_json::json;

use crate::support::desk::Launch;
use crate::support::{eventually, exclusive, ApiAgent, Customer, DeskApp, PreChat, TestHub};

fn hub_config() -> contact_hub::HubConfig {
    TestHub::config(|config| config.settings.accept_timeout_secs = 120)
}

async fn signed_in(hub: &TestHub, launch: Launch<'_>, username: &str) -> DeskApp {
    let desk = DeskApp::launch(launch).await;
    desk.sign_in_remote(&hub.url(), username, false).await;
    desk.go_available().await;
    desk
}

/// Accepts the customer's request and waits for the chat to open in the pane.
async fn accept(desk: &DeskApp, customer: &Customer) {
    let offer = format!(".offer[data-conversation-id={:?}]", customer.conversation_id);
    desk.click(&format!("{offer} .accept")).await;
    desk.wait_gone(&offer).await;
    let row = format!("#task-list .task[data-conversation-id={:?}]", customer.conversation_id);
    desk.wait(&format!("{row} .task-button[aria-current=true]")).await;
}

/// End, then the disposition (when given) and Continue to the chat log.
async fn end_and_continue(desk: &DeskApp, reason: Option<&str>) {
    desk.click("#pane-end").await;
    desk.wait("#wrapup-dialog[open]").await;
    if let Some(reason) = reason {
        desk.click(&format!("#wrapup-list input[value={reason:?}]")).await;
    }
    desk.click("#wrapup-continue").await;
    desk.wait("#wrapup-step-chatlog:not([hidden])").await;
}

async fn finish(desk: &DeskApp) {
    desk.click("#wrapup-finish").await;
    desk.wait_gone("#wrapup-dialog[open]").await;
    desk.wait_gone("#task-list .task").await;
}

async fn value_of(desk: &DeskApp, css: &str) -> serde_json::Value {
    desk.eval(&format!("return document.querySelector({css:?}).value")).await
}

async fn is_disabled(desk: &DeskApp, css: &str) -> bool {
    desk.eval(&format!("return document.querySelector({css:?}).disabled")).await == json!(true)
}

/// Whether the page's text holds `raw` anywhere, any case (it must not, for customer data).
async fn page_holds(desk: &DeskApp, raw: &str) -> bool {
    let script = format!(
        "return document.body.innerText.toLowerCase().includes({:?}) || \
         [...document.querySelectorAll('input, textarea')].some(e => e.value.toLowerCase().includes({:?}))",
        raw.to_lowercase(),
        raw.to_lowercase()
    );
    desk.eval(&script).await == json!(true)
}

fn masked(text: &str, first: char, domain: &str) -> bool {
    text.starts_with(first) && text.contains('*') && text.ends_with(domain)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_known_customer_opens_their_record_and_their_history() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub_config()).await;
    // A colleague saved the record earlier (and stays unavailable: the chats come to the desk).
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
    desk.wait_text("#drafts-count", |count| count == "0").await;

    // The same email, written differently.
    let first = Customer::start_with(
        &hub.url(),
        "Melissa Jones",
        "Hi, my order 48213 has not arrived.",
        PreChat { email: Some("Melissa.Jones@Example.COM"), ..PreChat::default() },
    )
    .await;
    accept(&desk, &first).await;
    desk.wait("#record-preview:not([hidden])").await;
    desk.wait_text("#record-matched", |text| text.contains("email")).await;
    // Typed by the customer: a claim, no history, until the agent confirms it.
    desk.wait("#record-claim:not([hidden])").await;
    desk.wait("#record-history-block[hidden]").await;
    desk.wait_text("#record-claimed", |text| text.contains("not confirmed")).await;
    desk.screenshot("record-claimed-en-US").await;
    desk.click("#record-confirm").await;
    desk.wait("#record-claim[hidden]").await;
    desk.wait("#record-history-block:not([hidden])").await;
    desk.wait_text("#record-details .record-name-value", |name| name == "Melissa Jones").await;
    let email = desk.wait_text("#record-details .record-email-value", |e| !e.is_empty()).await;
    assert!(masked(&email, 'm', "@example.com"), "the record's email is masked: {email}");
    let phone = desk.wait_text("#record-details .record-phone-value", |p| !p.is_empty()).await;
    assert!(phone.ends_with("4567") && phone.contains('*'), "the phone is masked: {phone}");
    desk.wait_text("#record-details .record-account-value", |a| a == "ACC-778812").await;
    let notes = desk.wait_text("#record-details .record-notes-value", |n| !n.is_empty()).await;
    assert!(notes.contains("Prefers email") && !notes.contains("4111 1111"), "{notes}");
    desk.wait("#record-history-empty:not([hidden])").await;
    // The chat window section: what the chat gave, masked, and where it came from.
    let chat_email = desk.wait_text("#context-details dd.context-email", |e| !e.is_empty()).await;
    assert!(masked(&chat_email, 'M', "@Example.COM"), "the chat's email is masked: {chat_email}");
    desk.wait_text("#context-details dd.context-ip", |ip| ip == "127.0.0.1").await;
    assert!(!page_holds(&desk, "melissa.jones@example.com").await, "no raw email on screen");
    assert!(!page_holds(&desk, "4111 1111 1111 1111").await, "no card number on screen");
    desk.screenshot("record-panel-en-US").await;

    // End: the row's timer gives way to the time it ended; the disposition is required.
    desk.click("#pane-end").await;
    desk.wait("#wrapup-dialog[open]").await;
    desk.wait_text("#task-list .task-waiting", |text| text.starts_with("Ended at ")).await;
    desk.wait_text("#wrapup-intro", |text| text.contains("required")).await;
    assert!(is_disabled(&desk, "#wrapup-continue").await, "Continue waits for a disposition");
    desk.click("#wrapup-list input[value=resolved]").await;
    assert!(!is_disabled(&desk, "#wrapup-continue").await);
    desk.click("#wrapup-continue").await;
    // The chat log, already on the record: view mode.
    desk.wait("#wrapup-dialog .chatlog[data-mode=view][data-status=saved]").await;
    desk.wait_text("#wrapup-dialog .chatlog-customer-name", |name| name == "Melissa Jones").await;
    let number =
        desk.wait_text("#wrapup-dialog .chatlog-view .chatlog-number", |n| !n.is_empty()).await;
    desk.wait_text("#wrapup-dialog .chatlog-subject", |s| s.contains("order 48213")).await;
    desk.wait_text("#wrapup-dialog .chatlog-transcript", |t| t.contains("order 48213")).await;
    assert_eq!(desk.count("#wrapup-dialog .chatlog-edit-button").await, 1, "it can be edited");
    desk.screenshot("chatlog-view-en-US").await;
    finish(&desk).await;
    desk.wait_text("#drafts-count", |count| count == "0").await;
    drop(first);

    // The same customer again: a phone number in the Finnish national format, in a Finnish
    // queue, finds the record; the first chat is in their history.
    let second = Customer::start_with(
        &hub.url(),
        "Melissa J.",
        "Hei taas!",
        PreChat {
            email: Some("mj@example.net"),
            phone: Some("040 123 4567"),
            queue_id: Some("livechat-fi"),
            ..PreChat::default()
        },
    )
    .await;
    accept(&desk, &second).await;
    desk.wait_text("#record-matched", |text| text.contains("phone")).await;
    desk.wait("#record-claim:not([hidden])").await;
    assert_eq!(desk.count("#record-history .case-item").await, 0, "no history before confirming");
    desk.click("#record-confirm").await;
    desk.wait("#record-history .case-item").await;
    assert_eq!(desk.count("#record-history .case-item").await, 1);
    let case = desk.wait_text("#record-history .case-item", |t| t.contains(&number)).await;
    for expected in ["Livechat", "order 48213", "Resolved", "Anna Lindqvist"] {
        assert!(case.contains(expected), "the history shows {expected}: {case}");
    }
    desk.screenshot("record-history-en-US").await;
    // A case from the history opens read-only.
    desk.click("#record-history .case-button").await;
    desk.wait("#chatlog-dialog[open] .chatlog[data-mode=view]").await;
    desk.wait_text("#chatlog-dialog .chatlog-transcript", |t| t.contains("order 48213")).await;
    assert_eq!(desk.count("#chatlog-dialog .chatlog-edit-button").await, 0, "read-only");
    desk.click("#chatlog-close").await;
    desk.wait_gone("#chatlog-dialog[open]").await;
    end_and_continue(&desk, Some("order-status")).await;
    desk.wait("#wrapup-dialog .chatlog[data-mode=view][data-status=saved]").await;
    finish(&desk).await;
    drop(second);

    // A third chat that names the first case in the pre-chat form: the record opens with
    // that case highlighted in the history (two cases now, newest first).
    let third = Customer::start_with(
        &hub.url(),
        "M. Jones",
        "About my earlier case, please.",
        PreChat {
            email: Some("someone.else@example.org"),
            case_number: Some(&number.to_lowercase()),
            ..PreChat::default()
        },
    )
    .await;
    accept(&desk, &third).await;
    desk.wait_text("#record-matched", |text| text.contains("case number")).await;
    desk.wait("#record-claim:not([hidden])").await;
    desk.click("#record-confirm").await;
    eventually("both chats in the history", || async {
        (desk.count("#record-history .case-item").await == 2).then_some(())
    })
    .await;
    let current = desk.wait_text("#record-history .case-item.current", |t| !t.is_empty()).await;
    assert!(current.contains(&number) && current.contains("order 48213"), "{current}");
    assert_eq!(desk.count("#record-history .case-item.current").await, 1);
    desk.screenshot("record-case-en-US").await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_customer_gets_a_record_and_a_draft_chat_log_saved_later() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub_config()).await;
    let jonas = ApiAgent::sign_in(&hub, "jonas").await;
    // Another customer on file, so the picker has something to search through.
    jonas.create_customer("Aino Korhonen", Some("aino.k@example.com"), None, None, "").await;
    let desk = signed_in(&hub, Launch::default(), "anna").await;
    let customer = Customer::start_with(
        &hub.url(),
        "Pekka Virtanen",
        "Hei, laskussani on virhe.",
        PreChat { phone: Some("+358 50 765 4321"), account: Some("FI-2231"), ..PreChat::default() },
    )
    .await;
    accept(&desk, &customer).await;

    // The new-record form, with what the chat gave beside it (masked where it is sensitive),
    // left to the hub rather than put in the inputs.
    desk.wait("#record-form:not([hidden])").await;
    desk.wait_text("#record-name-chat .value", |name| name == "Pekka Virtanen").await;
    desk.wait_text("#record-account-chat .value", |account| account == "FI-2231").await;
    for input in ["#record-name", "#record-account", "#record-email", "#record-phone"] {
        assert_eq!(value_of(&desk, input).await, json!(""), "{input}: left to the hub");
    }
    let email = desk.wait_text("#record-email-chat .value", |e| !e.is_empty()).await;
    assert!(masked(&email, 'p', "@example.com"), "{email}");
    let phone = desk.wait_text("#record-phone-chat .value", |p| !p.is_empty()).await;
    assert!(phone.ends_with("4321") && phone.contains('*'), "{phone}");
    desk.type_into("#record-notes", "Invoice question, prefers phone.").await;
    desk.screenshot("record-form-en-US").await;
    desk.click("#record-save").await;
    // The hub attached the record (recordLinked): the panel turns into its preview, with the
    // email and phone the hub took from the chat.
    desk.wait("#record-preview:not([hidden])").await;
    desk.wait_text("#record-matched", |text| text.contains("Saved during")).await;
    desk.wait_text("#record-details .record-name-value", |name| name == "Pekka Virtanen").await;
    desk.wait_text("#record-details .record-account-value", |account| account == "FI-2231").await;
    desk.wait_text("#record-details .record-email-value", |e| masked(e, 'p', "@example.com")).await;
    desk.wait_text("#record-details .record-phone-value", |p| p.ends_with("4321")).await;
    desk.wait_text("#record-details .record-notes-value", |n| n.contains("Invoice question")).await;

    // The chat log of a new customer opens in edit mode, the record saved during the chat
    // chosen; kept as a draft for now.
    end_and_continue(&desk, Some("information-provided")).await;
    desk.wait("#wrapup-dialog .chatlog[data-mode=edit][data-status=draft]").await;
    let chosen = desk
        .eval(
            "return document.querySelector('#wrapup-dialog .chatlog-customers input:checked')\
             ?.closest('label').querySelector('.customer-name').textContent",
        )
        .await;
    assert_eq!(chosen, json!("Pekka Virtanen"));
    desk.wait_text("#wrapup-dialog .chatlog-transcript", |t| t.contains("laskussani")).await;
    desk.set_value("#wrapup-dialog .chatlog-subject-input", "Invoice error").await;
    desk.screenshot("chatlog-edit-en-US").await;
    desk.click("#wrapup-dialog .chatlog-draft").await;
    desk.wait_text("#wrapup-dialog .chatlog-status", |s| s.contains("draft")).await;
    desk.wait_text("#drafts-count", |count| count == "1").await;
    finish(&desk).await;

    // Later, from the top bar: the draft, the customer picked in the searchable list, saved.
    desk.click("#drafts-button").await;
    desk.wait_text("#drafts-list .case-item", |t| t.contains("Invoice error")).await;
    desk.click("#drafts-list .case-button").await;
    desk.wait("#chatlog-dialog[open] .chatlog[data-mode=edit]").await;
    assert_eq!(
        value_of(&desk, "#chatlog-dialog .chatlog-subject-input").await,
        json!("Invoice error")
    );
    eventually("the picker to list every customer", || async {
        (desk.count("#chatlog-dialog .chatlog-customers li").await == 2).then_some(())
    })
    .await;
    desk.type_into("#chatlog-dialog .chatlog-search", "virt").await;
    eventually("the search to leave one customer", || async {
        (desk.count("#chatlog-dialog .chatlog-customers li").await == 1).then_some(())
    })
    .await;
    desk.wait_text("#chatlog-dialog .chatlog-customers li", |t| t.contains("Pekka")).await;
    desk.click("#chatlog-dialog .chatlog-customers input").await;
    desk.click("#chatlog-dialog .chatlog-save").await;
    desk.wait("#chatlog-dialog .chatlog[data-mode=view][data-status=saved]").await;
    desk.wait_text("#chatlog-dialog .chatlog-customer-name", |n| n == "Pekka Virtanen").await;
    desk.wait_text("#chatlog-dialog .chatlog-subject", |s| s == "Invoice error").await;
    desk.wait_text("#drafts-count", |count| count == "0").await;
    desk.click("#chatlog-close").await;
    desk.wait_gone("#chatlog-dialog[open]").await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_optional_disposition_and_a_chat_log_that_needs_its_customer() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(TestHub::config(|config| {
        config.settings.accept_timeout_secs = 120;
        let queue = config.queues.iter_mut().find(|queue| queue.id == "livechat-fr").unwrap();
        queue.kind = QueueKind::ChatWindow;
        queue.disposition_required = false;
        // The demo's French market keeps no chat log; this one does.
        queue.chat_log = ChatLogPolicy::Automatic;
    }))
    .await;
    let desk = signed_in(&hub, Launch::default(), "anna").await;
    let customer = Customer::start_with(
        &hub.url(),
        "Camille Martin",
        "Bonjour, une question sur ma commande.",
        PreChat { queue_id: Some("livechat-fr"), ..PreChat::default() },
    )
    .await;
    accept(&desk, &customer).await;
    desk.wait("#record-form:not([hidden])").await;

    // No disposition needed: Continue without one (the list is still offered).
    desk.click("#pane-end").await;
    desk.wait("#wrapup-dialog[open]").await;
    desk.wait_text("#wrapup-intro", |text| text.contains("optional")).await;
    assert!(desk.count("#wrapup-list li").await >= 4, "the reasons are still offered");
    assert!(!is_disabled(&desk, "#wrapup-continue").await, "Continue without a disposition");
    desk.click("#wrapup-continue").await;
    // No record was saved: a draft without a customer, which cannot be saved as it is.
    desk.wait("#wrapup-dialog .chatlog[data-mode=edit][data-status=draft]").await;
    assert_eq!(desk.count("#wrapup-dialog .chatlog-customers input:checked").await, 0);
    desk.click("#wrapup-dialog .chatlog-save").await;
    desk.wait_text("#wrapup-dialog .chatlog-error", |e| e.contains("Choose the customer")).await;
    finish(&desk).await;
    // The chat log waits among the drafts.
    desk.wait_text("#drafts-count", |count| count == "1").await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_record_and_the_chat_log_read_right_to_left_in_arabic() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub_config()).await;
    let jonas = ApiAgent::sign_in(&hub, "jonas").await;
    jonas
        .create_customer(
            "سارة أحمد",
            Some("sara.ahmed@example.com"),
            Some("+971 50 123 4567"),
            Some("AE-5521"),
            "عميلة منذ 2019",
        )
        .await;
    let launch = Launch { os_locale: Some("ar_SA.UTF-8"), ..Launch::default() };
    let desk = signed_in(&hub, launch, "layla").await;
    let html =
        desk.eval("return [document.documentElement.lang, document.documentElement.dir]").await;
    assert_eq!(html, json!(["ar", "rtl"]));
    let customer = Customer::start_with(
        &hub.url(),
        "سارة أحمد",
        "مرحبا، طلبي رقم 48213 متأخر",
        PreChat {
            email: Some("sara.ahmed@example.com"),
            queue_id: Some("livechat-ar"),
            ..PreChat::default()
        },
    )
    .await;
    accept(&desk, &customer).await;
    desk.wait("#record-preview:not([hidden])").await;
    desk.wait_text("#record-details .record-name-value", |name| name == "سارة أحمد").await;
    desk.wait("#record-claim:not([hidden])").await;
    desk.click("#record-confirm").await;
    desk.wait("#record-claim[hidden]").await;
    // Right to left: the customer panel sits on the left of the interaction pane, and the
    // record's labels on the right of their values.
    let mirrored = desk
        .eval(
            "const c = document.querySelector('#context').getBoundingClientRect();
             const p = document.querySelector('.pane').getBoundingClientRect();
             const dt = document.querySelector('#record-details dt').getBoundingClientRect();
             const dd = document.querySelector('#record-details dd').getBoundingClientRect();
             return [c.right <= p.left + 1, dt.left > dd.left]",
        )
        .await;
    assert_eq!(mirrored, json!([true, true]), "the panel mirrors in Arabic");
    desk.screenshot("record-panel-ar").await;

    end_and_continue(&desk, Some("resolved")).await;
    desk.wait("#wrapup-dialog .chatlog[data-mode=view]").await;
    desk.wait_text("#wrapup-dialog .chatlog-transcript", |t| t.contains("48213")).await;
    desk.screenshot("chatlog-view-ar").await;
    desk.click("#wrapup-dialog .chatlog-edit-button").await;
    desk.wait("#wrapup-dialog .chatlog[data-mode=edit]").await;
    desk.wait("#wrapup-dialog .chatlog-customers input:checked").await;
    desk.screenshot("chatlog-edit-ar").await;
    finish(&desk).await;
    desk.quit().await;
}

/// A customer whose name is their phone number (as WhatsApp and Livechat customers often
/// are): the desk shows it masked everywhere, the form included, and a record saved from the
/// chat holds the real name, read back through the hub's API, while the desk still shows it
/// masked. Masked text never flows back into data.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_saved_from_a_masked_chat_holds_the_real_values() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub_config()).await;
    let colleague = ApiAgent::sign_in(&hub, "jonas").await;
    let desk = signed_in(&hub, Launch::default(), "anna").await;
    let customer = Customer::start_with(
        &hub.url(),
        "+447966197542",
        "Hello, my parcel never came.",
        PreChat { account: Some("0501234567"), ..PreChat::default() },
    )
    .await;
    accept(&desk, &customer).await;

    desk.wait("#record-form:not([hidden])").await;
    desk.wait_text("#record-name-chat .value", |name| name == "*********7542").await;
    desk.wait_text("#record-account-chat .value", |account| account == "******4567").await;
    assert_eq!(value_of(&desk, "#record-name").await, json!(""));
    assert!(!page_holds(&desk, "447966197542").await, "the raw number reached the page");
    desk.screenshot("record-form-masked-en-US").await;
    desk.click("#record-save").await;
    desk.wait("#record-preview:not([hidden])").await;
    desk.wait_text("#record-details .record-name-value", |name| name == "*********7542").await;
    desk.wait_text("#record-details .record-account-value", |a| a == "******4567").await;
    assert!(!page_holds(&desk, "447966197542").await);

    // The hub holds what the customer gave, not the stars.
    let found = colleague.client.search_customers("7966197542").await.unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    let file = colleague.client.customer_file(&found[0].id).await.unwrap();
    assert_eq!(
        (file.record.name.as_str(), file.record.account.as_deref()),
        ("+447966197542", Some("0501234567"))
    );
    desk.quit().await;
}
