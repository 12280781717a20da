//! Working with colleagues as both of them live it, each at a real desk: two desk windows at
//! once, each signed in to the same hub as its own agent. Anna hands a customer on to
//! Jonas, who sees the transfer request name her, takes the chat with its history and goes
//! on with it while Anna wraps up her part; Anna invites Jonas into a conference, he joins
//! as a guest (Exit conference, no End or Transfer), everyone reads everyone, he exits by
//! himself, joins again and Anna removes him, joins a third time and the chat leaves his
//! desk when Anna ends it. Once in Arabic:
//! Layla's desk receiving Anna's transfer. The customers work through the widget API.

use hub_protocol::SystemEvent;
use serde_json::json;

use crate::support::{eventually, exclusive, plain, Customer, DeskApp, TestHub};

fn hub_config() -> contact_hub::HubConfig {
    TestHub::config(|config| config.settings.accept_timeout_secs = 120)
}

/// Anna's desk (English), Available first, so routing (longest wait first) offers her the
/// next customer; then the colleague's desk, in `language`, Available too.
async fn two_desks(hub: &TestHub, colleague: &str, language: &str) -> (DeskApp, DeskApp) {
    let anna = DeskApp::start_as(&hub.url(), "anna", "en-US").await;
    anna.go_available().await;
    let other = DeskApp::start_as(&hub.url(), colleague, language).await;
    other.go_available().await;
    (anna, other)
}

fn offer_of(id: &str) -> String {
    format!(".offer[data-conversation-id={id:?}]")
}

fn row_of(id: &str) -> String {
    format!("#task-list .task[data-conversation-id={id:?}]")
}

/// Accepts the request in a desk's popover and waits for the chat to open in its pane.
async fn accept_on(desk: &DeskApp, id: &str, customer_name: &str) {
    desk.click(&format!("{} .accept", offer_of(id))).await;
    desk.wait_gone(&offer_of(id)).await;
    desk.wait(&row_of(id)).await;
    desk.wait_text("#pane-customer", |shown| shown == customer_name).await;
}

/// Chooses a colleague in the Transfer or Conference dialog (`button` opens it) and sends.
async fn hand_to(desk: &DeskApp, button: &str, agent_id: &str) {
    desk.click(button).await;
    desk.wait("#handoff-dialog[open]").await;
    desk.wait("#handoff-list[aria-busy=false] li").await;
    desk.click(&format!("#handoff-list input[value='agent:{agent_id}']")).await;
    desk.click("#handoff-submit").await;
    desk.wait_gone("#handoff-dialog[open]").await;
}

async fn say(desk: &DeskApp, text: &str) {
    desk.type_into("#compose", text).await;
    desk.press_enter("#compose").await;
}

async fn is_hidden(desk: &DeskApp, css: &str) -> bool {
    desk.eval(&format!("return document.querySelector({css:?}).hidden")).await == json!(true)
}

async fn is_disabled(desk: &DeskApp, css: &str) -> bool {
    desk.eval(&format!("return document.querySelector({css:?}).disabled")).await == json!(true)
}

/// The text of the last message bubble of a kind (`customer`, `agent`) and its meta line.
async fn last_bubble(desk: &DeskApp, kind: &str) -> (String, String) {
    let script = format!(
        "const all = [...document.querySelectorAll('#messages .message.{kind}')];
         const last = all[all.length - 1];
         return last ? [last.querySelector('.bubble').textContent,
                        last.querySelector('.meta').textContent] : ['', ''];"
    );
    let found = desk.eval(&script).await;
    let text = |i: usize| plain(found[i].as_str().unwrap_or_default());
    (text(0), text(1))
}

/// Waits until the last bubble of a kind reads `text`, written by `author`.
async fn wait_bubble(desk: &DeskApp, kind: &str, text: &str, author: &str) {
    eventually(&format!("{text:?} by {author} in the thread"), || async {
        let (shown, meta) = last_bubble(desk, kind).await;
        (shown == text && meta.starts_with(author)).then_some(())
    })
    .await;
}

/// The chat left a desk where nothing else is open, for the `times`th time: no row, the
/// pane's empty state, and the chat in the desk's history once each time it left.
async fn chat_left(desk: &DeskApp, id: &str, customer_name: &str, times: usize) {
    desk.wait_gone(&row_of(id)).await;
    desk.wait("#pane-empty:not([hidden])").await;
    assert!(is_hidden(desk, "#pane-body").await, "no conversation is shown");
    eventually(&format!("the chat in the history {times} times"), || async {
        (desk.count("#history-list li").await == times).then_some(())
    })
    .await;
    desk.wait_text("#history-list li:first-child .customer-name", |name| name == customer_name)
        .await;
}

/// Anna's wrap-up of a chat she handed on: the reason, then Finish, in one step.
async fn anna_wraps_up_handed_on(anna: &DeskApp, hub: &TestHub, id: &str, screenshot: &str) {
    anna.wait(&format!("{}[data-state=wrapUp]", row_of(id))).await;
    anna.wait("#wrapup-dialog[open]").await;
    anna.wait_text("#wrapup-handed-on", |text| text.contains("You handed this chat on")).await;
    assert!(is_hidden(anna, "#wrapup-continue").await, "no chat-log step to continue to");
    assert!(is_disabled(anna, "#wrapup-finish").await, "the queue requires a reason");
    anna.click("#wrapup-list input[value=escalated]").await;
    assert!(!is_disabled(anna, "#wrapup-finish").await);
    anna.screenshot(screenshot).await;
    anna.click("#wrapup-finish").await;
    anna.wait_gone("#wrapup-dialog[open]").await;
    assert!(is_hidden(anna, "#wrapup-error").await);
    anna.wait_gone("#task-list .task").await;
    eventually("the hub to record Anna's wrap-up", || async {
        hub.wrapups_of(id).contains(&("anna".to_owned(), Some("escalated".into()))).then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transfer_from_one_desk_to_another() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub_config()).await;
    let (anna, jonas) = two_desks(&hub, "jonas", "en-US").await;
    let customer = Customer::start(&hub.url(), "Melissa Jones", "My invoice is in German.").await;
    let id = customer.conversation_id.clone();
    assert_eq!(jonas.count(".offer").await, 0, "the customer is offered to Anna alone");
    accept_on(&anna, &id, "Melissa Jones").await;
    say(&anna, "Let me ask my colleague Jonas, he reads German.").await;
    customer.wait_for_agent_text("Let me ask my colleague Jonas, he reads German.").await;

    hand_to(&anna, "#pane-transfer", "jonas").await;
    anna.wait("#wrapup-dialog[open]").await;

    // Jonas's desk: a transfer request, naming Anna, with the customer's words.
    let offer = offer_of(&id);
    jonas.wait(&format!("{offer}[data-kind=transfer]")).await;
    jonas.wait_text(&format!("{offer} .offer-title"), |text| text == "Transfer request").await;
    let from = jonas.wait_text(&format!("{offer} .offer-from"), |text| !text.is_empty()).await;
    assert_eq!(plain(&from), "Transfer from Anna Lindqvist");
    jonas.wait_text(&format!("{offer} .customer-name"), |name| name == "Melissa Jones").await;
    jonas.wait_text(&format!("{offer} .offer-thread"), |text| text.contains("in German")).await;
    jonas.wait_text(&format!("{offer} .accept"), |text| text == "Accept").await;
    assert!(!is_disabled(&jonas, &format!("{offer} .accept")).await);
    jonas.screenshot("two-desks-transfer-offer-jonas-en-US").await;
    anna.screenshot("two-desks-transfer-sent-anna-en-US").await;

    accept_on(&jonas, &id, "Melissa Jones").await;
    // The whole history: the customer, Anna's reply (a colleague's), the transfer.
    jonas.wait_text("#messages", |text| text.contains("My invoice is in German.")).await;
    wait_bubble(
        &jonas,
        "agent",
        "Let me ask my colleague Jonas, he reads German.",
        "Anna Lindqvist",
    )
    .await;
    assert_eq!(jonas.count("#messages .message.agent.colleague").await, 1);
    jonas
        .wait_text("#messages", |text| {
            plain(text).contains("Anna Lindqvist transferred the conversation.")
        })
        .await;
    // Jonas owns it now: the owner's controls, no conference of his own to exit.
    jonas.wait_text("#pane-end", |text| text == "End").await;
    assert!(
        !is_hidden(&jonas, "#pane-transfer").await && !is_disabled(&jonas, "#pane-transfer").await
    );
    assert!(!is_disabled(&jonas, "#pane-conference").await);
    assert!(is_hidden(&jonas, "#pane-exit-conference").await);
    assert!(is_hidden(&jonas, "#pane-conference-status").await);
    assert!(!is_disabled(&jonas, "#compose").await);
    customer
        .wait_for_system_line(&SystemEvent::AgentJoined { display_name: "Jonas Becker".into() })
        .await;

    // The customer's next message reaches Jonas, and his answer reaches the customer.
    customer.say("Thank you! The invoice number is 4711.").await;
    wait_bubble(&jonas, "customer", "Thank you! The invoice number is 4711.", "Melissa Jones")
        .await;
    say(&jonas, "Jonas here: I am correcting invoice 4711 now.").await;
    customer.wait_for_agent_text("Jonas here: I am correcting invoice 4711 now.").await;
    jonas.screenshot("two-desks-transfer-taken-jonas-en-US").await;

    // Anna's part: her wrap-up, a reason only; the chat stays with Jonas.
    anna_wraps_up_handed_on(&anna, &hub, &id, "two-desks-transfer-wrapup-anna-en-US").await;
    jonas.wait(&row_of(&id)).await;
    assert!(!is_disabled(&jonas, "#compose").await, "Anna's wrap-up leaves Jonas's chat alone");
    jonas.quit().await;
    anna.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conference_between_two_desks() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub_config()).await;
    let (anna, jonas) = two_desks(&hub, "jonas", "en-US").await;
    let customer = Customer::start(&hub.url(), "Melissa Jones", "My invoice is in German.").await;
    let id = customer.conversation_id.clone();
    accept_on(&anna, &id, "Melissa Jones").await;

    hand_to(&anna, "#pane-conference", "jonas").await;
    anna.wait_text("#pane-conference-status", |status| {
        plain(status) == "Conference requested: Jonas Becker"
    })
    .await;

    // Jonas's desk: a conference invitation, naming Anna.
    let offer = offer_of(&id);
    jonas.wait(&format!("{offer}[data-kind=conference]")).await;
    jonas.wait_text(&format!("{offer} .offer-title"), |text| text == "Conference invitation").await;
    let from = jonas.wait_text(&format!("{offer} .offer-from"), |text| !text.is_empty()).await;
    assert_eq!(plain(&from), "Conference invitation from Anna Lindqvist");
    jonas.screenshot("two-desks-conference-offer-jonas-en-US").await;
    accept_on(&jonas, &id, "Melissa Jones").await;

    // Jonas is the guest: Exit conference only, and the status says so.
    jonas
        .wait_text("#pane-conference-status", |status| {
            status == "Conference: you take part as a guest"
        })
        .await;
    jonas.wait_text("#pane-exit-conference", |text| text == "Exit conference").await;
    assert!(!is_disabled(&jonas, "#pane-exit-conference").await);
    for owner_only in ["#pane-end", "#pane-transfer", "#pane-conference", "#pane-remove-guest"] {
        assert!(is_hidden(&jonas, owner_only).await, "a guest has no {owner_only}");
    }
    assert!(!is_disabled(&jonas, "#compose").await, "a guest writes to the customer");
    jonas
        .wait_text(&format!("{} .task-conference", row_of(&id)), |text| {
            text == "Guest in conference"
        })
        .await;
    jonas.wait_text("#messages", |text| text.contains("My invoice is in German.")).await;
    // Anna, the owner: the conference with Jonas, End conference, and Remove Jonas.
    anna.wait_text("#pane-conference-status", |status| {
        plain(status) == "Conference with Jonas Becker"
    })
    .await;
    anna.wait_text("#pane-end", |text| text == "End conference").await;
    anna.wait_text("#pane-remove-guest", |text| plain(text) == "Remove Jonas Becker").await;
    assert!(is_disabled(&anna, "#pane-transfer").await, "no transfer during a conference");
    assert!(is_disabled(&anna, "#pane-conference").await, "one conference at a time");
    assert!(is_hidden(&anna, "#pane-exit-conference").await);

    // Everyone reads everyone.
    customer.say("The invoice says Rechnung 4711.").await;
    wait_bubble(&anna, "customer", "The invoice says Rechnung 4711.", "Melissa Jones").await;
    wait_bubble(&jonas, "customer", "The invoice says Rechnung 4711.", "Melissa Jones").await;
    say(&jonas, "Jonas here: Rechnung means invoice.").await;
    wait_bubble(&anna, "agent", "Jonas here: Rechnung means invoice.", "Jonas Becker").await;
    customer.wait_for_agent_text("Jonas here: Rechnung means invoice.").await;
    say(&anna, "Thank you, Jonas!").await;
    wait_bubble(&jonas, "agent", "Thank you, Jonas!", "Anna Lindqvist").await;
    customer.wait_for_agent_text("Thank you, Jonas!").await;
    anna.screenshot("two-desks-conference-anna-en-US").await;
    jonas.screenshot("two-desks-conference-jonas-en-US").await;

    // Jonas exits by himself: the chat leaves his desk and goes on at Anna's.
    jonas.click("#pane-exit-conference").await;
    chat_left(&jonas, &id, "Melissa Jones", 1).await;
    anna.wait_text("#messages", |text| plain(text).contains("Jonas Becker left the conversation."))
        .await;
    anna.wait_gone("#pane-conference-status").await;
    anna.wait_text("#pane-end", |text| text == "End").await;
    assert!(!is_disabled(&anna, "#pane-conference").await);
    assert!(!is_disabled(&anna, "#pane-transfer").await);
    customer
        .wait_for_system_line(&SystemEvent::AgentLeft { display_name: "Jonas Becker".into() })
        .await;

    // Invited again and joined; Anna removes him: the conference is over, the chat leaves
    // his desk and goes on at hers.
    hand_to(&anna, "#pane-conference", "jonas").await;
    jonas.wait(&format!("{offer}[data-kind=conference]")).await;
    accept_on(&jonas, &id, "Melissa Jones").await;
    jonas.wait_text("#pane-exit-conference", |text| text == "Exit conference").await;
    // The guest sees the whole chat again, his earlier words included.
    wait_bubble(&jonas, "agent", "Thank you, Jonas!", "Anna Lindqvist").await;
    jonas.wait_text("#messages", |text| text.contains("Rechnung means invoice")).await;
    anna.click("#pane-remove-guest").await;
    chat_left(&jonas, &id, "Melissa Jones", 2).await;
    anna.wait_gone("#pane-conference-status").await;
    anna.wait_text("#pane-end", |text| text == "End").await;
    assert!(!is_disabled(&anna, "#compose").await, "the chat goes on with Anna");
    eventually("the customer to read that Jonas left, twice", || async {
        let left = SystemEvent::AgentLeft { display_name: "Jonas Becker".into() };
        let lines = customer.system_lines();
        (lines.iter().filter(|line| **line == left).count() == 2).then_some(())
    })
    .await;

    // Invited a third time; Anna ends the conference, and with it the chat: it leaves
    // Jonas's desk, Anna wraps it up.
    hand_to(&anna, "#pane-conference", "jonas").await;
    jonas.wait(&format!("{offer}[data-kind=conference]")).await;
    accept_on(&jonas, &id, "Melissa Jones").await;
    jonas.wait_text("#pane-exit-conference", |text| text == "Exit conference").await;
    anna.wait_text("#pane-end", |text| text == "End conference").await;
    anna.click("#pane-end").await;
    anna.wait("#wrapup-dialog[open]").await;
    chat_left(&jonas, &id, "Melissa Jones", 3).await;
    assert_eq!(jonas.count("#wrapup-dialog[open]").await, 0, "a guest owes no wrap-up");
    jonas.screenshot("two-desks-conference-ended-jonas-en-US").await;
    eventually("the customer to see the chat end", || async { customer.saw_end().then_some(()) })
        .await;
    anna.click("#wrapup-list li input").await;
    anna.click("#wrapup-continue").await;
    anna.click("#wrapup-finish").await;
    anna.wait_gone("#wrapup-dialog[open]").await;
    anna.wait_gone("#task-list .task").await;
    jonas.quit().await;
    anna.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transfer_received_in_arabic() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub_config()).await;
    let (anna, layla) = two_desks(&hub, "layla", "ar").await;
    assert_eq!(layla.eval("return document.documentElement.dir").await, json!("rtl"));
    assert_eq!(anna.eval("return document.documentElement.dir").await, json!("ltr"));
    let customer = Customer::start(&hub.url(), "Melissa Jones", "مرحبا، رقم الطلب 48213").await;
    let id = customer.conversation_id.clone();
    accept_on(&anna, &id, "Melissa Jones").await;
    hand_to(&anna, "#pane-transfer", "layla").await;
    anna.wait("#wrapup-dialog[open]").await;

    let offer = offer_of(&id);
    layla.wait(&format!("{offer}[data-kind=transfer]")).await;
    layla.wait_text(&format!("{offer} .offer-title"), |text| text == "طلب التحويل").await;
    let from = layla.wait_text(&format!("{offer} .offer-from"), |text| !text.is_empty()).await;
    assert_eq!(plain(&from), "تحويل من Anna Lindqvist");
    layla.wait_text(&format!("{offer} .accept"), |text| text == "قبول").await;
    layla.wait_text(&format!("{offer} .offer-thread"), |text| text.contains("48213")).await;
    layla.screenshot("two-desks-transfer-offer-layla-ar").await;

    accept_on(&layla, &id, "Melissa Jones").await;
    layla.wait_text("#messages", |text| text.contains("48213")).await;
    layla.wait_text("#pane-end", |text| text == "إنهاء").await;
    say(&layla, "مرحبا، أنا ليلى. طلبك 48213 في الطريق.").await;
    customer.wait_for_agent_text("مرحبا، أنا ليلى. طلبك 48213 في الطريق.").await;
    layla.screenshot("two-desks-transfer-taken-layla-ar").await;
    anna_wraps_up_handed_on(&anna, &hub, &id, "two-desks-transfer-wrapup-anna-for-layla-en-US")
        .await;
    layla.quit().await;
    anna.quit().await;
}
