//! A hub that goes away: the desk says so, keeps what it had, resumes its event stream with
//! `Last-Event-ID` when the hub is back, and nothing the customer or agent wrote is lost.
//! What the agent sends meanwhile waits in the thread ("Waiting for the connection…") with
//! the compose box free, and goes out by itself, once and in order, when the hub is back.

use serde_json::json;

use crate::support::desk::Launch;
use crate::support::{exclusive, Customer, DeskApp, TestHub};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hub_restart_loses_nothing_and_the_desk_resumes() {
    let _one_at_a_time = exclusive().await;
    let mut hub =
        TestHub::start(TestHub::config(|config| config.settings.accept_timeout_secs = 120)).await;
    let desk = DeskApp::launch(Launch::default()).await;
    desk.sign_in_remote(&hub.url(), "anna", false).await;
    desk.go_available().await;
    let mut customer = Customer::start(&hub.url(), "Giulia Bianchi", "Buongiorno!").await;
    desk.click(".offer .accept").await;
    desk.wait_text("#messages", |text| text.contains("Buongiorno!")).await;
    desk.type_into("#compose", "Buongiorno Giulia!").await;
    desk.press_enter("#compose").await;
    customer.wait_for_agent_text("Buongiorno Giulia!").await;

    hub.stop().await;
    desk.wait("#connection:not([hidden])").await;
    desk.screenshot("connection-lost-en-US").await;
    // While the hub is away the message waits in the thread, and the compose box is free
    // for the next one.
    desk.type_into("#compose", "Are you still there?").await;
    desk.press_enter("#compose").await;
    let waiting =
        desk.wait_text(".message.outbox", |text| text.contains("Are you still there?")).await;
    assert!(waiting.contains("Waiting for the connection…"), "{waiting}");
    assert_eq!(desk.eval("return document.getElementById('compose').value").await, json!(""));
    desk.wait("#compose-error[hidden]").await;
    desk.screenshot("outbox-waiting-en-US").await;

    hub.restart().await;
    desk.wait_gone("#connection").await;
    customer.listen();
    // Everything from before is still there, on both sides.
    desk.wait_text("#messages", |text| {
        text.contains("Buongiorno!") && text.contains("Buongiorno Giulia!")
    })
    .await;
    // The waiting message went out by itself, and is the hub's message now.
    customer.wait_for_agent_text("Are you still there?").await;
    desk.wait_gone(".message.outbox").await;
    desk.wait_text("#messages", |text| text.contains("Are you still there?")).await;
    // And the stream resumed: a new customer message reaches the desk.
    customer.say("Sì, ci sono.").await;
    desk.wait_text("#messages", |text| text.contains("ci sono")).await;
    let sent: Vec<_> =
        customer.agent_texts().into_iter().filter(|text| text == "Are you still there?").collect();
    assert_eq!(sent.len(), 1, "the waiting message arrived exactly once");
    let bubbles = desk
        .eval(
            "return [...document.querySelectorAll('#messages .message.agent .bubble')]
               .filter(b => b.textContent === 'Are you still there?').length",
        )
        .await;
    assert_eq!(bubbles, json!(1), "one bubble for it in the thread");
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_waiting_in_two_chats_keep_their_order_across_a_switch() {
    let _one_at_a_time = exclusive().await;
    let mut hub =
        TestHub::start(TestHub::config(|config| config.settings.accept_timeout_secs = 120)).await;
    let desk = DeskApp::launch(Launch::default()).await;
    desk.sign_in_remote(&hub.url(), "anna", false).await;
    desk.go_available().await;
    let mut ada = Customer::start(&hub.url(), "Ada Lovelace", "Hello from Ada").await;
    let ada_offer = format!(".offer[data-conversation-id={:?}] .accept", ada.conversation_id);
    desk.click(&ada_offer).await;
    let mut ben = Customer::start(&hub.url(), "Ben Carter", "Hello from Ben").await;
    let ben_offer = format!(".offer[data-conversation-id={:?}] .accept", ben.conversation_id);
    desk.click(&ben_offer).await;
    let row = |conversation_id: &str| {
        format!("#task-list .task[data-conversation-id={conversation_id:?}] .task-button")
    };
    let open = |conversation_id: String| {
        let row = row(&conversation_id);
        let desk = &desk;
        async move {
            desk.click(&row).await;
            desk.wait(&format!("{row}[aria-current=true]")).await;
        }
    };
    open(ada.conversation_id.clone()).await;
    desk.wait_text("#messages", |text| text.contains("Hello from Ada")).await;

    hub.stop().await;
    desk.wait("#connection:not([hidden])").await;
    for text in ["First to Ada", "Second to Ada"] {
        desk.type_into("#compose", text).await;
        desk.press_enter("#compose").await;
        desk.wait_text(".message.outbox:last-child", |shown| shown.contains(text)).await;
    }
    open(ben.conversation_id.clone()).await;
    desk.wait_text("#messages", |text| text.contains("Hello from Ben")).await;
    desk.type_into("#compose", "Only to Ben").await;
    desk.press_enter("#compose").await;
    desk.wait_text(".message.outbox", |shown| shown.contains("Only to Ben")).await;
    // Back to Ada's chat: her two messages are still waiting there, in order. (The row is
    // current before the thread is drawn: wait for Ada's thread first.)
    open(ada.conversation_id.clone()).await;
    desk.wait_text("#messages", |text| text.contains("Hello from Ada")).await;
    let waiting = desk
        .eval(
            "return [...document.querySelectorAll('#messages .message.outbox .bubble')]
               .map(b => b.textContent)",
        )
        .await;
    assert_eq!(waiting, json!(["First to Ada", "Second to Ada"]));

    hub.restart().await;
    ada.listen();
    ben.listen();
    ada.wait_for_agent_text("Second to Ada").await;
    ben.wait_for_agent_text("Only to Ben").await;
    desk.wait_gone(".message.outbox").await;
    // The customers answer: both streams are live, and nothing came twice.
    ada.say("Got both").await;
    ben.say("Got it").await;
    desk.wait_text("#messages", |text| text.contains("Got both")).await;
    open(ben.conversation_id.clone()).await;
    desk.wait_text("#messages", |text| text.contains("Got it")).await;
    assert_eq!(ada.agent_texts(), ["First to Ada", "Second to Ada"]);
    assert_eq!(ben.agent_texts(), ["Only to Ben"]);
    desk.quit().await;
}
