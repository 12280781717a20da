//! The Livechat path from end to end, as an agent lives it: sign in → Available → a contact
//! request pops with a ticking timer and a desktop notification → accept → messages both
//! ways → `<` refused and the 1000-character limit enforced → End → wrap-up → Available and
//! offered the next chat.

use std::time::Duration;

use serde_json::json;

use crate::support::desk::Launch;
use crate::support::{eventually, exclusive, Customer, DeskApp, NotificationWatch, TestHub};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_livechat_conversation_from_request_to_wrap_up() {
    let _one_at_a_time = exclusive().await;
    let hub =
        TestHub::start(TestHub::config(|config| config.settings.accept_timeout_secs = 120)).await;
    let notifications = NotificationWatch::start();
    let desk = DeskApp::launch(Launch::default()).await;

    desk.sign_in_remote(&hub.url(), "anna", true).await;
    desk.wait_text("#agent-name", |name| name == "Anna Lindqvist").await;
    // "Remember me" went to the real Secret Service, found again by secret-tool: the hub's
    // device token for this desk, never the password.
    let stored = std::process::Command::new("secret-tool")
        .args(["lookup", "service", "agent-desk", "username", &format!("anna@{}", hub.url())])
        .output()
        .expect("secret-tool (libsecret-tools)");
    let stored = String::from_utf8_lossy(&stored.stdout);
    assert!(stored.len() >= 32 && stored != "demo", "a device token in the keyring: {stored}");

    desk.go_available().await;
    desk.wait_text("#presence-label", |label| label.contains("Available")).await;

    let customer =
        Customer::start(&hub.url(), "Melissa Jones", "Hi, my order 48213 has not arrived.").await;
    let popover = ".offer[data-conversation-id]";
    desk.wait(popover).await;
    desk.wait_text(".offer .customer-name", |name| name == "Melissa Jones").await;
    desk.wait_text(".offer .queue-name", |queue| !queue.is_empty()).await;
    desk.wait_text(".offer .agent-name", |agent| agent == "Anna Lindqvist").await;
    desk.wait_text(".offer .offer-thread", |thread| thread.contains("order 48213")).await;
    desk.wait_text(".offer .offer-date", |date| !date.is_empty()).await;
    let first = desk.wait_text(".offer .offer-timer", |timer| timer.contains(':')).await;
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let later = desk.wait_text(".offer .offer-timer", |timer| timer.contains(':')).await;
    assert_ne!(first, later, "the popover's timer ticks");
    assert!(desk.count(".offer .reject").await == 1, "Reject is offered when the hub allows it");
    let transcript = notifications.wait_for("Contact request").await;
    assert!(
        transcript.contains("Melissa Jones"),
        "the notification names the customer: {transcript}"
    );
    desk.screenshot("popover-en-US").await;

    desk.click(".offer .accept").await;
    desk.wait_gone(popover).await;
    desk.wait_text("#task-list .customer-name", |name| name == "Melissa Jones").await;
    desk.wait_text("#pane-customer", |name| name == "Melissa Jones").await;
    desk.wait_text("#messages .message.customer .bubble", |text| text.contains("order 48213"))
        .await;
    desk.wait_text("#messages .message.customer .avatar", |initials| initials == "MJ").await;
    desk.wait_text("#messages .message.system", |line| line.contains("Anna Lindqvist")).await;

    // Agent → customer: Enter sends; Shift+Enter would add a line.
    desk.type_into("#compose", "Hello Melissa, let me check that for you.").await;
    desk.press_enter("#compose").await;
    customer.wait_for_agent_text("Hello Melissa, let me check that for you.").await;
    desk.wait_text("#messages .message.agent .bubble", |text| text.contains("let me check")).await;
    assert_eq!(desk.eval("return document.getElementById('compose').value").await, json!(""));
    let agent_bubble = desk
        .eval("return getComputedStyle(document.querySelector('.message.agent .bubble')).backgroundColor")
        .await;
    let customer_bubble = desk
        .eval("return getComputedStyle(document.querySelector('.message.customer .bubble')).backgroundColor")
        .await;
    assert_ne!(agent_bubble, customer_bubble, "agent and customer bubbles differ");

    // Customer → agent.
    customer.say("Thank you! It was due on Monday.").await;
    desk.wait_text("#messages", |text| text.contains("due on Monday")).await;

    // `<` is refused with an explanation, and nothing is sent.
    desk.type_into("#compose", "Use <name> here").await;
    desk.wait_text("#compose-error", |error| error.contains("reserved")).await;
    desk.press_enter("#compose").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(customer.agent_texts().len(), 1, "a reserved character never leaves the desk");
    assert_eq!(
        desk.eval("return document.getElementById('compose').value").await,
        json!("Use <name> here"),
        "the draft is kept"
    );

    // 1000 characters pass the counter; 1001 are refused.
    desk.paste("#compose", &"a".repeat(1001)).await;
    desk.wait_text("#compose-counter", |counter| counter == "1001 / 1000").await;
    desk.wait_text("#compose-error", |error| error.contains("longer")).await;
    desk.press_enter("#compose").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(customer.agent_texts().len(), 1, "an over-long message never leaves the desk");
    desk.paste("#compose", &"b".repeat(1000)).await;
    desk.wait_text("#compose-counter", |counter| counter == "1000 / 1000").await;
    desk.press_enter("#compose").await;
    customer.wait_for_agent_text(&"b".repeat(1000)).await;
    desk.screenshot("conversation-en-US").await;

    // End → wrap-up reasons (searchable) → Submit wrap-up.
    desk.click("#pane-end").await;
    desk.wait("#wrapup-dialog[open]").await;
    eventually("the customer to see the chat end", || async { customer.saw_end().then_some(()) })
        .await;
    let all = desk.count("#wrapup-list li").await;
    assert!(all >= 4, "the configured reasons are listed ({all})");
    desk.type_into("#wrapup-search", "resol").await;
    eventually("the search to filter the reasons", || async {
        (desk.count("#wrapup-list li").await == 1).then_some(())
    })
    .await;
    desk.click("#wrapup-list li:not([hidden]) input").await;
    desk.click("#wrapup-continue").await;
    desk.click("#wrapup-finish").await;
    desk.wait_gone("#wrapup-dialog[open]").await;
    desk.wait_gone("#task-list .task").await;

    // Available again: the next customer is offered to this agent. (dunst keeps
    // notifications while the X user is idle, as under Xvfb: clear the first one so the
    // click below lands on the new one.)
    dunstctl(&["close-all"]);
    desk.wait_text("#presence-label", |label| label.contains("Available")).await;
    let _next = Customer::start(&hub.url(), "Pekka Virtanen", "Hei!").await;
    desk.wait_text(".offer .customer-name", |name| name == "Pekka Virtanen").await;
    notifications.wait_for("Pekka Virtanen").await;

    // Clicking the notification brings the desk forward on that request.
    desk.eval("document.activeElement.blur()").await;
    dunstctl(&["action", "0"]);
    eventually("the clicked notification to focus its request", || async {
        let focused =
            desk.eval("return document.activeElement?.classList.contains('accept')").await;
        (focused == json!(true)).then_some(())
    })
    .await;
    desk.quit().await;
}

/// A busy chat stays light: while the agent follows the end, each live message pushes the
/// oldest out of the DOM (200 at most, as when a conversation opens); scrolling up brings
/// the earlier ones back, and nothing is taken away while the agent reads up there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_chat_keeps_only_its_latest_messages_in_the_window() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(TestHub::config(|config| {
        config.limits.widget_messages_per_conversation_per_minute = 1_000;
        config.limits.widget_messages_per_ip_per_minute = 1_000;
    }))
    .await;
    let desk = DeskApp::launch(Launch::default()).await;
    desk.sign_in_remote(&hub.url(), "anna", false).await;
    desk.go_available().await;
    let customer = Customer::start(&hub.url(), "Lotta Busy", "Message 0").await;
    desk.wait(".offer .accept").await;
    desk.click(".offer .accept").await;
    desk.wait_text("#messages .message.customer .bubble", |text| text == "Message 0").await;
    let shown = || async { desk.count("#messages > li").await };

    for n in 1..=250 {
        customer.say(&format!("Message {n}")).await;
    }
    desk.wait_text("#messages > li:last-child .bubble", |text| text == "Message 250").await;
    // 252 in the chat (the agent's joining line, 251 messages): the latest 200 in the DOM.
    assert_eq!(shown().await, 200, "live messages join the window");
    let first =
        desk.eval("return document.querySelector('#messages > li .bubble').textContent").await;
    assert_eq!(first, json!("Message 51"), "the oldest went out, in order");

    // Scrolled to the top: the earlier ones come back, the first message first.
    desk.eval("document.getElementById('messages').scrollTop = 0").await;
    eventually("the earlier messages to come back", || async {
        (shown().await == 252).then_some(())
    })
    .await;
    desk.wait_text("#messages > li:first-child .bubble", |text| text == "Message 0").await;
    // Reading up there, a new message takes nothing away.
    customer.say("Message 251").await;
    desk.wait_text("#messages > li:last-child .bubble", |text| text == "Message 251").await;
    assert_eq!(shown().await, 253, "nothing leaves while the agent reads earlier messages");
    // Back at the end, the next one trims the window again.
    desk.eval(
        "const list = document.getElementById('messages'); list.scrollTop = list.scrollHeight",
    )
    .await;
    customer.say("Message 252").await;
    desk.wait_text("#messages > li:last-child .bubble", |text| text == "Message 252").await;
    eventually("the window to be trimmed", || async { (shown().await == 200).then_some(()) }).await;
    desk.quit().await;
}

/// Acts on the notification server as a person would (dunst is the one scripts/test starts).
fn dunstctl(args: &[&str]) {
    let status =
        std::process::Command::new("dunstctl").args(args).status().expect("dunstctl (dunst)");
    assert!(status.success(), "dunstctl {args:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_embedded_hub_is_the_default() {
    let _one_at_a_time = exclusive().await;
    let port = crate::support::free_port();
    let launch = Launch {
        env: vec![("AGENT_DESK_EMBEDDED_LISTEN", format!("127.0.0.1:{port}"))],
        ..Launch::default()
    };
    let desk = DeskApp::launch(launch).await;
    // The sign-in screen offers the hub on this computer, chosen, with its chat page.
    assert_eq!(
        desk.eval("return document.querySelector('input[name=hub][value=embedded]').checked").await,
        json!(true)
    );
    desk.wait_text("#signin-widget", |hint| hint.contains(&format!("127.0.0.1:{port}/chat"))).await;
    desk.set_value("#username", "anna").await;
    desk.set_value("#password", "demo").await;
    desk.click("#signin-submit").await;
    desk.wait("#desk-screen:not([hidden])").await;
    desk.go_available().await;

    let hub_url = format!("http://127.0.0.1:{port}");
    let page = reqwest::get(format!("{hub_url}/chat")).await.unwrap();
    assert!(page.status().is_success(), "the embedded hub serves the customer chat page");
    let customer = Customer::start(&hub_url, "Ada Customer", "Hello from the widget").await;
    desk.wait_text(".offer .customer-name", |name| name == "Ada Customer").await;
    desk.click(".offer .accept").await;
    desk.wait_text("#messages", |text| text.contains("Hello from the widget")).await;
    desk.type_into("#compose", "Hi Ada!").await;
    desk.press_enter("#compose").await;
    customer.wait_for_agent_text("Hi Ada!").await;
    desk.screenshot("main-en-US").await;
    desk.quit().await;
}
