//! A contact request is never missed for want of noticing it: its desktop notification
//! carries Accept (and Show), and while the request waits it escalates as the settings dialog
//! says (a sound, reminders replacing the notification, critical urgency near the accept
//! timeout, the window asking for attention), each step stopping the moment the request is
//! accepted, rejected, withdrawn or missed.
//!
//! What reaches the notification server is read off the session bus (`NotificationWatch`);
//! dunst is the server, and its context menu chooses an action as a person would
//! (scripts/test-session, scripts/test-dunst-menu).

use hub_protocol::SystemEvent;
use serde_json::json;

use crate::support::desk::Launch;
use crate::support::{
    eventually, exclusive, Customer, DeskApp, NotificationWatch, Notified, TestHub,
};

const SOUND: &str = "message-new-instant";

/// The first `Notify` of the request whose body names `customer`, once the server answered
/// it (its id).
async fn first_shown(notifications: &NotificationWatch, customer: &str) -> Notified {
    eventually(&format!("{customer}'s request on the notification server"), || async {
        notifications.notified(customer).into_iter().next().filter(|shown| shown.id.is_some())
    })
    .await
}

/// Waits until a `Notify` of `customer`'s request matches `check`.
async fn shown_again(
    notifications: &NotificationWatch,
    customer: &str,
    what: &str,
    check: impl Fn(&Notified) -> bool,
) -> Notified {
    eventually(&format!("{customer}'s request shown {what}"), || async {
        notifications.notified(customer).into_iter().find(|shown| check(shown))
    })
    .await
}

/// Waits until the desk closed the notification `id` (`CloseNotification`).
async fn closed(notifications: &NotificationWatch, id: u32) {
    eventually(&format!("the desk to close notification {id}"), || async {
        notifications.closed().contains(&id).then_some(())
    })
    .await;
}

/// Acts on the notification server as a person would (dunst is the one scripts/test starts).
fn dunstctl(args: &[&str]) {
    let status =
        std::process::Command::new("dunstctl").args(args).status().expect("dunstctl (dunst)");
    assert!(status.success(), "dunstctl {args:?}");
}

/// Chooses `action` in dunst's context menu of the notifications on screen.
fn choose_in_menu(action: &str) {
    let choice = std::env::var_os("AGENT_DESK_DUNST_CHOICE")
        .expect("no AGENT_DESK_DUNST_CHOICE: run the tests with scripts/test");
    std::fs::write(choice, action).unwrap();
    dunstctl(&["context"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accept_in_the_notification_opens_the_chat_and_the_customer_sees_the_agent() {
    let _one_at_a_time = exclusive().await;
    // Earlier tests' notifications off the screen: the menu below lists this desk's only.
    dunstctl(&["close-all"]);
    let hub =
        TestHub::start(TestHub::config(|config| config.settings.accept_timeout_secs = 120)).await;
    let notifications = NotificationWatch::start();
    let desk = DeskApp::launch(Launch::default()).await;
    desk.sign_in_remote(&hub.url(), "anna", false).await;
    desk.go_available().await;

    let customer = Customer::start(&hub.url(), "Nora Notified", "Where is my parcel?").await;
    desk.wait_text(".offer .customer-name", |name| name == "Nora Notified").await;
    let shown = first_shown(&notifications, "Nora Notified").await;
    let actions: Vec<&str> = shown.actions.iter().map(String::as_str).collect();
    assert_eq!(
        actions,
        ["default", "Show", "accept", "Accept", "show", "Show"],
        "a click shows the request; Accept and Show are its buttons"
    );

    choose_in_menu("accept");
    // Accepted on the hub, and the chat opens with the focus in the reply box, as after the
    // popover's own Accept.
    desk.wait_text("#pane-customer", |name| name == "Nora Notified").await;
    desk.wait_gone(".offer").await;
    customer
        .wait_for_system_line(&SystemEvent::AgentJoined { display_name: "Anna Lindqvist".into() })
        .await;
    eventually("the reply box to have the focus", || async {
        let focused = desk.eval("return document.activeElement?.id").await;
        (focused == json!("compose")).then_some(())
    })
    .await;
    closed(&notifications, shown.id.unwrap()).await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_waiting_request_escalates_and_every_step_stops_when_it_is_answered() {
    let _one_at_a_time = exclusive().await;
    dunstctl(&["close-all"]);
    // 15 s to accept: critical for the last third (from 10 s), reminders every 5 s.
    let hub =
        TestHub::start(TestHub::config(|config| config.settings.accept_timeout_secs = 15)).await;
    let notifications = NotificationWatch::start();
    let desk = DeskApp::launch(Launch::default()).await;
    desk.sign_in_remote(&hub.url(), "anna", false).await;

    // Reminders every 5 s, chosen in the settings dialog; the other steps are on already.
    desk.click("#settings-button").await;
    desk.wait("#settings-dialog[open]").await;
    for step in ["sounds", "urgentNearTimeout", "askForAttention"] {
        let on =
            desk.eval(&format!("return document.querySelector('[name={step}]').checked")).await;
        assert_eq!(on, json!(true), "{step} is on unless the agent turns it off");
    }
    desk.eval(
        "const s = document.querySelector('[name=repeatAlertSecs]'); s.value = '5';
         s.dispatchEvent(new Event('change', { bubbles: true }));",
    )
    .await;
    desk.wait_saved("reminders every 5 s", |saved| saved["repeatAlertSecs"] == json!(5)).await;
    desk.click("#settings-dialog .dialog-actions button").await;
    desk.wait_gone("#settings-dialog[open]").await;
    assert!(!desk.asks_for_attention(), "no request, no attention asked");
    desk.go_available().await;

    // Accepted in the desk after every step: sound, reminder, critical, attention.
    let _rita = Customer::start(&hub.url(), "Rita Reminded", "Hello?").await;
    desk.wait_text(".offer .customer-name", |name| name == "Rita Reminded").await;
    let first = first_shown(&notifications, "Rita Reminded").await;
    let id = first.id.unwrap();
    assert_eq!(first.replaces_id, 0, "a new notification");
    assert_eq!(first.urgency, Some(1), "normal urgency while time is left");
    assert_eq!(first.sound_name.as_deref(), Some(SOUND), "the sound theme's message sound");
    assert!(!first.suppress_sound);
    eventually("the window to ask for attention", || async {
        desk.asks_for_attention().then_some(())
    })
    .await;
    let reminder = shown_again(&notifications, "Rita Reminded", "again", |shown| {
        shown.replaces_id == id && shown.urgency == Some(1)
    })
    .await;
    assert_eq!(reminder.sound_name.as_deref(), Some(SOUND), "each reminder sounds");
    let critical =
        shown_again(&notifications, "Rita Reminded", "critical", |shown| shown.urgency == Some(2))
            .await;
    assert_eq!(critical.replaces_id, id, "the same notification, not a second one");
    assert!(desk.asks_for_attention(), "still asking while the request waits");
    desk.click(".offer .accept").await;
    desk.wait_text("#pane-customer", |name| name == "Rita Reminded").await;
    closed(&notifications, id).await;
    eventually("the window to stop asking for attention", || async {
        (!desk.asks_for_attention()).then_some(())
    })
    .await;

    // Withdrawn: the customer gives up before an answer.
    let wanda = Customer::start(&hub.url(), "Wanda Withdrawn", "Anyone there?").await;
    desk.wait_text(".offer .customer-name", |name| name == "Wanda Withdrawn").await;
    let wanda_id = first_shown(&notifications, "Wanda Withdrawn").await.id.unwrap();
    wanda.leave().await;
    desk.wait_gone(".offer").await;
    closed(&notifications, wanda_id).await;

    // Rejected in the desk.
    let _rex = Customer::start(&hub.url(), "Rex Rejected", "Quick question").await;
    desk.wait_text(".offer .customer-name", |name| name == "Rex Rejected").await;
    let rex_id = first_shown(&notifications, "Rex Rejected").await.id.unwrap();
    desk.click(".offer .reject").await;
    desk.wait_gone(".offer").await;
    closed(&notifications, rex_id).await;
    let answered = ["Rita Reminded", "Wanda Withdrawn", "Rex Rejected"]
        .map(|name| (name, notifications.notified(name).len()));

    // Missed: nobody answers for the whole 15 s, three reminders' worth of time for the
    // requests answered above, which show nothing more.
    let _mia = Customer::start(&hub.url(), "Mia Missed", "Hello, is this support?").await;
    desk.wait_text(".offer .customer-name", |name| name == "Mia Missed").await;
    let mia = first_shown(&notifications, "Mia Missed").await;
    desk.wait_gone(".offer").await;
    closed(&notifications, mia.id.unwrap()).await;
    assert!(
        notifications.notified("Mia Missed").iter().any(|shown| shown.urgency == Some(2)),
        "a request left waiting turns critical before it is missed"
    );
    for (name, count) in answered {
        assert_eq!(
            notifications.notified(name).len(),
            count,
            "{name}'s request was answered: no reminder after it"
        );
    }
    eventually("the window to stop asking for attention", || async {
        (!desk.asks_for_attention()).then_some(())
    })
    .await;
    dunstctl(&["close-all"]);
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_every_step_off_a_request_is_shown_once_quietly() {
    let _one_at_a_time = exclusive().await;
    dunstctl(&["close-all"]);
    // 12 s to accept: a default reminder (10 s) or the critical step (from 8 s) would show.
    let hub =
        TestHub::start(TestHub::config(|config| config.settings.accept_timeout_secs = 12)).await;
    let notifications = NotificationWatch::start();
    // The agent turned every step off in an earlier run of the desk.
    let home = tempfile::tempdir().unwrap();
    let settings = DeskApp::settings_file(home.path());
    std::fs::create_dir_all(settings.parent().unwrap()).unwrap();
    let quiet = json!({
        "sounds": false,
        "repeatAlertSecs": 0,
        "urgentNearTimeout": false,
        "askForAttention": false,
    });
    std::fs::write(&settings, quiet.to_string()).unwrap();
    let desk = DeskApp::launch(Launch { home: Some(home), ..Launch::default() }).await;
    desk.sign_in_remote(&hub.url(), "anna", false).await;
    desk.go_available().await;

    let _quinn = Customer::start(&hub.url(), "Quinn Quiet", "Hi there").await;
    desk.wait_text(".offer .customer-name", |name| name == "Quinn Quiet").await;
    let shown = first_shown(&notifications, "Quinn Quiet").await;
    assert!(shown.suppress_sound, "the server is asked for silence: {}", shown.text);
    assert_eq!(shown.sound_name, None);
    assert_eq!(shown.urgency, Some(1));
    // The desk asks for attention, when it does, before it notifies.
    assert!(!desk.asks_for_attention(), "the window does not ask for attention");

    // Missed after 12 s: shown once, never critical, and closed.
    desk.wait_gone(".offer").await;
    closed(&notifications, shown.id.unwrap()).await;
    let all = notifications.notified("Quinn Quiet");
    assert_eq!(all.len(), 1, "no reminder: {all:#?}");
    desk.quit().await;
}
