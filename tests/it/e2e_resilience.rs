//! A hub that goes away: the desk says so, keeps what it had, resumes its event stream with
//! `Last-Event-ID` when the hub is back, and nothing the customer or agent wrote is lost.

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
    // While the hub is away a send fails with an explanation and the draft stays.
    desk.type_into("#compose", "Are you still there?").await;
    desk.press_enter("#compose").await;
    desk.wait_text("#compose-error", |error| error.contains("cannot be reached")).await;

    hub.restart().await;
    desk.wait_gone("#connection").await;
    customer.listen();
    // Everything from before is still there, on both sides.
    desk.wait_text("#messages", |text| {
        text.contains("Buongiorno!") && text.contains("Buongiorno Giulia!")
    })
    .await;
    // The kept draft goes out now, once.
    desk.press_enter("#compose").await;
    customer.wait_for_agent_text("Are you still there?").await;
    // And the stream resumed: a new customer message reaches the desk.
    customer.say("Sì, ci sono.").await;
    desk.wait_text("#messages", |text| text.contains("ci sono")).await;
    let sent: Vec<_> =
        customer.agent_texts().into_iter().filter(|text| text == "Are you still there?").collect();
    assert_eq!(sent.len(), 1, "the retried message arrived exactly once");
    desk.quit().await;
}
