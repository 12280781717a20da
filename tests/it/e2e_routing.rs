//! Routing as the desk sees it: RONA after a missed request with the chat re-offered to the
//! next agent; the longest-idle agent first; capacity never exceeded under a burst.
//! The desk is one agent; the others work through the agent API.

use std::time::Duration;

use crate::support::desk::Launch;
use crate::support::{eventually, exclusive, ApiAgent, Customer, DeskApp, TestHub};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missed_request_sets_rona_and_goes_to_the_next_agent() {
    let _one_at_a_time = exclusive().await;
    let hub =
        TestHub::start(TestHub::config(|config| config.settings.accept_timeout_secs = 4)).await;
    let desk = DeskApp::launch(Launch::default()).await;
    desk.sign_in_remote(&hub.url(), "anna", false).await;
    desk.go_available().await; // anna has waited longest…
    tokio::time::sleep(Duration::from_millis(50)).await;
    let colleague = ApiAgent::sign_in(&hub, "camille").await;
    colleague.go_available().await; // …camille since later

    let customer = Customer::start(&hub.url(), "Lena Schmidt", "Hallo, ich brauche Hilfe.").await;
    desk.wait_text(".offer .customer-name", |name| name == "Lena Schmidt").await;
    assert!(colleague.offered().is_empty(), "the longest-idle agent is offered first");

    // Nobody answers: the popover goes, the desk shows RONA distinctly…
    desk.wait_gone(".offer").await;
    desk.wait(".presence[data-presence=rona]").await;
    desk.wait_text("#presence-label", |label| label == "RONA").await;
    // …and the chat is offered to the next agent.
    assert_eq!(colleague.wait_for_offer().await, customer.conversation_id);
    desk.screenshot("rona-en-US").await;

    // Only the agent sets RONA back: the menu explains it and offers Available.
    desk.click("#presence-button").await;
    desk.wait_text("#presence-menu .rona-hint", |hint| hint.contains("Available")).await;
    desk.click("#presence-menu [data-state=available]").await;
    desk.wait(".presence[data-presence=available]").await;
    desk.quit().await;
}

/// The demo's queues route to the agent who has waited longest (`routing = "longest-idle"`,
/// the default): a wait starts again with each offer, so three agents Available in turn get
/// one chat each, in the order they became Available.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_agent_who_waited_longest_gets_the_next_chat() {
    let _one_at_a_time = exclusive().await;
    let hub =
        TestHub::start(TestHub::config(|config| config.settings.accept_timeout_secs = 120)).await;
    let desk = DeskApp::launch(Launch::default()).await;
    desk.sign_in_remote(&hub.url(), "anna", false).await;
    let first = ApiAgent::sign_in(&hub, "camille").await;
    let third = ApiAgent::sign_in(&hub, "jonas").await;
    // Available in this order: camille, anna (the desk), jonas.
    first.go_available().await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    desk.go_available().await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    third.go_available().await;

    let one = Customer::start(&hub.url(), "Customer One", "first").await;
    assert_eq!(first.wait_for_offer().await, one.conversation_id);
    let two = Customer::start(&hub.url(), "Customer Two", "second").await;
    desk.wait_text(".offer .customer-name", |name| name == "Customer Two").await;
    let three = Customer::start(&hub.url(), "Customer Three", "third").await;
    assert_eq!(third.wait_for_offer().await, three.conversation_id);
    assert_eq!(desk.count(".offer").await, 1, "the desk was offered only its turn");
    assert_eq!(first.offered(), vec![one.conversation_id.clone()]);
    // Each has had one: camille's wait began first, so the fourth is hers.
    let four = Customer::start(&hub.url(), "Customer Four", "fourth").await;
    eventually("camille to be offered again", || async {
        (first.offered().len() == 2).then_some(())
    })
    .await;
    assert_eq!(first.offered()[1], four.conversation_id);
    assert_eq!(desk.count(".offer").await, 1, "the desk still holds only its turn");
    drop(two);
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_chats_never_exceeds_capacity() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(TestHub::config(|config| {
        config.settings.accept_timeout_secs = 120;
        config.settings.capacity = 2;
    }))
    .await;
    let desk = DeskApp::launch(Launch::default()).await;
    desk.sign_in_remote(&hub.url(), "anna", false).await;
    desk.go_available().await;

    let url = hub.url();
    let names: Vec<String> = (1..=5).map(|n| format!("Burst Customer {n}")).collect();
    let customers = futures_util::future::join_all(
        names.iter().map(|name| Customer::start(&url, name, "hello")),
    )
    .await;
    eventually("two popovers", || async { (desk.count(".offer").await == 2).then_some(()) }).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(desk.count(".offer").await, 2, "capacity 2: no third request");

    // Accepting both keeps the agent at capacity: still no third.
    desk.click(".offer .accept").await;
    eventually("one task", || async { (desk.count("#task-list .task").await == 1).then_some(()) })
        .await;
    desk.click(".offer .accept").await;
    eventually("two tasks", || async { (desk.count("#task-list .task").await == 2).then_some(()) })
        .await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(desk.count(".offer").await, 0, "at capacity, nothing more is offered");

    // Closing one frees a slot: exactly one more request arrives.
    desk.click("#pane-end").await;
    desk.wait("#wrapup-dialog[open]").await;
    desk.click("#wrapup-list li input").await;
    desk.click("#wrapup-continue").await;
    desk.click("#wrapup-finish").await;
    eventually("the freed slot to bring one request", || async {
        (desk.count(".offer").await == 1).then_some(())
    })
    .await;
    drop(customers);
    desk.quit().await;
}
