//! The desk living on the desktop: its tray icon (read and clicked over D-Bus as a panel
//! does: the StatusNotifierItem and its dbusmenu), closing the window to the tray, one desk
//! per agent, the window coming back as it was left, and start at login.
//!
//! The session bus has a real StatusNotifierWatcher (scripts/test-session); screenshots of
//! the tray menu come from a real tray that draws the items (`gtk-sni-tray-standalone`),
//! opened with a right click.

use std::path::Path;

use hub_protocol::AgentState;
use serde_json::json;

use crate::support::desk::Launch;
use crate::support::tray::{close_window, window_focused, window_of, window_shown, TrayHost};
use crate::support::{
    eventually, exclusive, ApiAgent, Customer, DeskApp, NotificationWatch, TestHub, TrayItem,
};

/// The hub's idle codes for anna, in English, in the hub's order.
const IDLE_CODES_EN: [&str; 6] =
    ["Break", "Lunch", "Meeting", "Training", "Coaching", "Back-office work"];

async fn agent_in(hub: &TestHub, agent: &str, state: AgentState) {
    eventually(&format!("the hub to have {agent} {state:?}"), || async {
        (hub.state_of(agent) == state).then_some(())
    })
    .await;
}

/// Opens the settings dialog and waits until it is worded (a click on a control of a
/// dialog still being filled in can be lost).
async fn open_settings(desk: &DeskApp) {
    desk.click("#settings-button").await;
    desk.wait("#settings-dialog[open]").await;
    desk.wait_text("#settings-dialog label:has([name=startAtLogin])", |label| {
        label.contains("Start Agent Desk")
    })
    .await;
}

async fn accept(desk: &DeskApp, name: &str) {
    desk.wait_text(".offer .customer-name", |shown| shown == name).await;
    desk.click(".offer .accept").await;
    desk.wait_text("#pane-customer", |shown| shown == name).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tray_shows_the_presence_and_counts_and_sets_the_presence_on_the_hub() {
    let _one_at_a_time = exclusive().await;
    let hub =
        TestHub::start(TestHub::config(|config| config.settings.accept_timeout_secs = 120)).await;
    let desk = DeskApp::start_as(&hub.url(), "anna", "en-US").await;
    let tray = TrayItem::of(&desk).await;

    // Signed in, the agent is in the hub's first idle code: its name, and the two bars.
    tray.wait_label("the first idle code", |label| label == "Break").await;
    tray.wait_icon("idle.png").await;
    let menu = tray.menu().await;
    let labels: Vec<&str> =
        menu.iter().map(|entry| entry.label.as_str()).filter(|l| !l.is_empty()).collect();
    let mut expected = vec!["Break", "Show Agent Desk", "Available"];
    expected.extend(IDLE_CODES_EN);
    expected.extend(["Sign out", "Quit Agent Desk"]);
    assert_eq!(labels, expected, "the state, Show, the presences, Sign out and Quit");
    assert!(!menu[0].enabled, "the first line says the state; it is not a choice");
    let ticked: Vec<&str> = menu
        .iter()
        .filter(|entry| entry.ticked == Some(true))
        .map(|entry| entry.label.as_str())
        .collect();
    assert_eq!(ticked, ["Break"], "the current presence is ticked: {menu:?}");

    // Available from the tray: the hub hears it, the window and the tray follow.
    tray.click("Available").await;
    agent_in(&hub, "anna", AgentState::Available).await;
    desk.wait(".presence[data-presence=available]").await;
    tray.wait_label("Available", |label| label == "Available").await;
    tray.wait_icon("available.png").await;
    tray.wait_menu("Available ticked", |menu| {
        menu.iter().filter(|e| e.ticked == Some(true)).map(|e| e.label.as_str()).eq(["Available"])
    })
    .await;

    // Waiting requests and unread messages, counted as they come and go.
    let ada = Customer::start(&hub.url(), "Ada Tray", "Hello from Ada").await;
    tray.wait_label("one request", |l| l == "Available · 1 contact request waiting").await;
    accept(&desk, "Ada Tray").await;
    tray.wait_label("no request", |label| label == "Available").await;
    let _bea = Customer::start(&hub.url(), "Bea Tray", "Hello from Bea").await;
    accept(&desk, "Bea Tray").await;
    // Bea's chat is open: Ada's messages are unread.
    ada.say("Are you still there?").await;
    ada.say("I have a second question").await;
    tray.wait_label("two unread", |label| label == "Available · 2 unread messages").await;
    let _carl = Customer::start(&hub.url(), "Carl Tray", "Hello from Carl").await;
    let status = "Available · 1 contact request waiting · 2 unread messages";
    tray.wait_label("a request and two unread", |label| label == status).await;
    tray.wait_menu("the state atop the menu", |menu| menu[0].label == status).await;
    let host = TrayHost::start();
    let shot = host.screenshot_menu("tray-menu-en-US").await;
    drop(host);
    assert!(shot.exists());

    // An idle code from the tray.
    tray.click("Lunch").await;
    agent_in(&hub, "anna", AgentState::Idle { code: "lunch".into() }).await;
    desk.wait_text("#presence-label", |text| text.contains("Lunch")).await;
    tray.wait_label("Lunch", |label| label.starts_with("Lunch")).await;
    tray.wait_icon("idle.png").await;

    // Sign out from the tray: the hub ends the session, the window goes back to sign-in,
    // the tray offers only Show and Quit.
    tray.click("Sign out").await;
    agent_in(&hub, "anna", AgentState::LoggedOut).await;
    desk.wait("#signin-screen:not([hidden])").await;
    tray.wait_label("signed out", |label| label == "Logged out").await;
    tray.wait_icon("offline.png").await;
    let labels = tray.labels().await;
    assert_eq!(labels, ["Logged out", "Show Agent Desk", "Quit Agent Desk"]);
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tray_speaks_arabic_and_quit_signs_out_withdrawing_the_request() {
    let _one_at_a_time = exclusive().await;
    let hub =
        TestHub::start(TestHub::config(|config| config.settings.accept_timeout_secs = 120)).await;
    let desk = DeskApp::start_as(&hub.url(), "layla", "ar").await;
    let tray = TrayItem::of(&desk).await;

    let labels = tray.labels().await;
    assert_eq!(
        labels,
        [
            "استراحة",
            "إظهار Agent Desk",
            "متوفر",
            "استراحة",
            "استراحة الغداء",
            "اجتماع",
            "تدريب",
            "توجيه",
            "أعمال إدارية",
            "تسجيل الخروج",
            "إنهاء Agent Desk",
        ],
        "every entry in Arabic, the idle codes as the hub labels them"
    );
    tray.click("متوفر").await;
    agent_in(&hub, "layla", AgentState::Available).await;
    tray.wait_icon("available.png").await;
    let customer = Customer::start(&hub.url(), "Dana Tray", "مرحبا").await;
    let status = "متوفر · طلب اتصال واحد في الانتظار";
    tray.wait_label("one request, in Arabic", |label| label == status).await;
    tray.wait_menu("the state atop the menu", |menu| menu[0].label == status).await;
    let host = TrayHost::start();
    host.screenshot_menu("tray-menu-ar").await;
    drop(host);

    // A colleague becomes free while the request is layla's.
    let camille = ApiAgent::sign_in(&hub, "camille").await;
    camille.go_available().await;

    // Quit: the desk signs out on its way out, and the request goes to the colleague.
    tray.click("إنهاء Agent Desk").await;
    agent_in(&hub, "layla", AgentState::LoggedOut).await;
    camille.wait_for_offer_of(&customer.conversation_id, 1).await;
    eventually("the desk to have quit", || async { desk.app_process().is_none().then_some(()) })
        .await;
    eventually("its tray icon to go with it", || async {
        (!tray.registered().await).then_some(())
    })
    .await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_the_window_keeps_the_desk_in_the_tray_and_one_desk_runs() {
    let _one_at_a_time = exclusive().await;
    // A short time to accept: the request the agent does not see turns into RONA.
    let hub =
        TestHub::start(TestHub::config(|config| config.settings.accept_timeout_secs = 5)).await;
    let notifications = NotificationWatch::start();
    let desk = DeskApp::start_as(&hub.url(), "anna", "en-US").await;
    let tray = TrayItem::of(&desk).await;
    desk.go_available().await;
    tray.wait_label("Available", |label| label == "Available").await;
    let window = window_of(&desk);
    assert!(window_shown(&desk));

    // Closed while signed in: hidden, still running.
    close_window(&window);
    eventually("the window to go", || async { (!window_shown(&desk)).then_some(()) }).await;
    assert!(desk.app_process().is_some(), "the desk runs on in the tray");

    // A request still reaches the agent, and the tray counts it.
    let _ada = Customer::start(&hub.url(), "Ada Hidden", "Is anyone there?").await;
    notifications.wait_for("Ada Hidden").await;
    tray.wait_label("one request", |l| l == "Available · 1 contact request waiting").await;
    // Not accepted in time: RONA, which the icon's own mark says.
    tray.wait_label("RONA", |label| label == "RONA").await;
    tray.wait_icon("rona.png").await;

    // Show brings the window back, on RONA.
    tray.click("Show Agent Desk").await;
    eventually("Show to bring the window back", || async { window_shown(&desk).then_some(()) })
        .await;
    desk.wait(".presence[data-presence=rona]").await;

    // One desk per agent: launched again, the desk brings this window forward and exits.
    close_window(&window);
    eventually("the window to go", || async { (!window_shown(&desk)).then_some(()) }).await;
    let second = std::sync::Mutex::new(desk.launch_again());
    let exit = eventually("the second launch to end", || async {
        second.lock().unwrap().try_wait().expect("the second launch")
    })
    .await;
    assert!(exit.success(), "the second launch hands over and ends: {exit:?}");
    eventually("the second launch to show the window", || async {
        window_shown(&desk).then_some(())
    })
    .await;
    eventually("the second launch to give the window the focus", || async {
        window_focused(&window).then_some(())
    })
    .await;
    assert_eq!(hub.state_of("anna"), AgentState::Rona, "the second launch signed nobody in");

    // With "keep running in the tray" off, closing quits, and quitting signs out.
    open_settings(&desk).await;
    let checked = "return document.querySelector('#settings-form [name=closeToTray]').checked";
    assert_eq!(desk.eval(checked).await, json!(true), "on unless the agent turns it off");
    desk.click("#settings-form [name=closeToTray]").await;
    desk.click("#settings-dialog .dialog-actions button").await;
    desk.wait_gone("#settings-dialog[open]").await;
    close_window(&window);
    eventually("the desk to quit", || async { desk.app_process().is_none().then_some(()) }).await;
    agent_in(&hub, "anna", AgentState::LoggedOut).await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_comes_back_as_it_was_left() {
    let _one_at_a_time = exclusive().await;
    let desk = DeskApp::launch(Launch::default()).await;
    desk.client.set_window_rect(48, 36, 1100, 720).await.expect("set the window's rect");
    let saved = desk.home().join("config/app.agentdesk.desk/.window-state.json");
    eventually("the window's state to be saved", || async {
        let state: serde_json::Value = serde_json::from_slice(&std::fs::read(&saved).ok()?).ok()?;
        (state["main"]["width"] == json!(1100) && state["main"]["height"] == json!(720))
            .then_some(())
    })
    .await;
    let home = desk.quit_keeping_home().await;

    let desk = DeskApp::launch(Launch { home: Some(home), ..Launch::default() }).await;
    let (x, y, width, height) = desk.client.get_window_rect().await.expect("the window's rect");
    assert_eq!((width, height), (1100, 720), "the size comes back");
    assert_eq!((x, y), (48, 36), "so does the position");
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_at_login_follows_the_setting_and_the_desktop() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(TestHub::config(|_| {})).await;
    let desk = DeskApp::start_as(&hub.url(), "anna", "en-US").await;
    let entry = desk.home().join("config/autostart/agent-desk.desktop");
    let checkbox = "return document.querySelector('#settings-form [name=startAtLogin]').checked";
    let toggle = || async {
        desk.click("#settings-form [name=startAtLogin]").await;
    };
    open_settings(&desk).await;
    assert_eq!(desk.eval(checkbox).await, json!(false), "off unless the agent turns it on");
    assert!(!entry.exists());

    // On: an XDG autostart entry that starts this desk, valid for the desktop.
    toggle().await;
    eventually("the autostart entry", || async { entry.exists().then_some(()) }).await;
    let text = std::fs::read_to_string(&entry).unwrap();
    let exec = text.lines().find_map(|line| line.strip_prefix("Exec=")).expect("an Exec line");
    let program = Path::new(env!("CARGO_BIN_EXE_agent-desk"));
    assert_eq!(Path::new(exec), program, "it starts the desk: {text}");
    let validate = std::process::Command::new("desktop-file-validate")
        .arg(&entry)
        .output()
        .expect("desktop-file-validate (desktop-file-utils)");
    assert!(validate.status.success(), "{}", String::from_utf8_lossy(&validate.stdout));
    // Off: gone; on again.
    toggle().await;
    eventually("the entry to go", || async { (!entry.exists()).then_some(()) }).await;
    toggle().await;
    eventually("the autostart entry", || async { entry.exists().then_some(()) }).await;
    desk.click("#settings-dialog .dialog-actions button").await;
    let home = desk.quit_keeping_home().await;

    // The agent removes it in their desktop's startup applications: the desk says so.
    std::fs::remove_file(home.path().join("config/autostart/agent-desk.desktop")).unwrap();
    let desk = DeskApp::launch(Launch { home: Some(home), ..Launch::default() }).await;
    desk.sign_in_remote(&hub.url(), "anna", false).await;
    open_settings(&desk).await;
    assert_eq!(desk.eval(checkbox).await, json!(false), "the setting follows the desktop");
    desk.quit().await;
}
