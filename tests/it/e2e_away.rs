//! Screen lock: an Available agent goes to the chosen idle code while the screen is locked
//! (the hub then routes nothing to them) and back to Available when it unlocks, unless they
//! changed state meanwhile; with the preference off nothing changes.
//!
//! The desktop's screen locker is a stand-in that owns `org.freedesktop.ScreenSaver` on the
//! test session bus and emits `ActiveChanged` from there (`support/screensaver.rs`). logind's
//! `Lock`/`Unlock` and `PrepareForSleep` come on the system bus, which the test session does
//! not have: the logind test gives the desk a private bus of its own as its system bus, where
//! a stand-in owns `org.freedesktop.login1` (`support/logind.rs`); `desk_core::away`'s unit
//! tests cover how the signals combine. A return that leaves the agent as they were shows
//! nowhere, so the tests read the desk's own line about it in its log.

use hub_protocol::AgentState;
use serde_json::json;

use crate::support::desk::Launch;
use crate::support::logind::Logind;
use crate::support::{eventually, exclusive, ApiAgent, Customer, DeskApp, ScreenSaver, TestHub};

const LEFT_ON_LOCK: &str = "away: Away after ScreenLocked(true): left as they were";
const LEFT_ON_UNLOCK: &str = "away: Back after ScreenLocked(false): left as they were";

async fn signed_in(hub: &TestHub) -> DeskApp {
    let desk = DeskApp::launch(Launch { capture_log: true, ..Launch::default() }).await;
    desk.sign_in_remote(&hub.url(), "anna", false).await;
    desk
}

async fn presence_label(desk: &DeskApp) -> String {
    let label = desk.eval("return document.getElementById('presence-label').textContent").await;
    label.as_str().unwrap_or_default().to_owned()
}

/// Anna's state as the hub has it, read by a colleague.
async fn anna_on_the_hub(colleague: &ApiAgent) -> (AgentState, u32) {
    let agents = colleague.client.agents().await.unwrap();
    let anna = agents.into_iter().find(|agent| agent.id == "anna").expect("anna is configured");
    (anna.state, anna.active_conversations)
}

/// Changes one preference in the settings dialog, the way the agent does.
async fn set_preference(desk: &DeskApp, script: &str) {
    desk.click("#settings-button").await;
    desk.wait("#settings-dialog[open] select[name=lockIdleCode] option").await;
    desk.eval(&format!(
        "const form = document.getElementById('settings-form'); {script}
         form.dispatchEvent(new Event('change'));"
    ))
    .await;
    desk.click("#settings-dialog .dialog-actions button").await;
    desk.wait_gone("#settings-dialog[open]").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_screen_sets_an_available_agent_away_and_unlocking_brings_them_back() {
    let _one_at_a_time = exclusive().await;
    let hub =
        TestHub::start(TestHub::config(|config| config.settings.accept_timeout_secs = 120)).await;
    let screensaver = ScreenSaver::start().await;
    let desk = signed_in(&hub).await;
    desk.go_available().await;

    // No idle code chosen: the first the hub lists.
    screensaver
        .lock_until("the desk to set Anna to Break", || async {
            presence_label(&desk).await == "Break"
        })
        .await;
    desk.wait(".presence[data-presence=idle]").await;
    desk.screenshot("away-screen-locked-en-US").await;
    // The hub has it: a customer who writes now is not offered to Anna, and waits.
    let colleague = ApiAgent::sign_in(&hub, "aino").await;
    let customer = Customer::start(&hub.url(), "Giulia Bianchi", "Buongiorno!").await;
    assert_eq!(anna_on_the_hub(&colleague).await, (AgentState::Idle { code: "break".into() }, 0));
    let queues = colleague.client.queues().await.unwrap();
    assert_eq!(queues.iter().map(|queue| queue.waiting).sum::<u32>(), 1, "{queues:?}");
    assert_eq!(desk.count(".offer").await, 0);

    // Unlocked: Available again, and the waiting customer reaches Anna at once.
    screensaver
        .unlock_until("the desk to put Anna back to Available", || async {
            desk.count(".presence[data-presence=available]").await == 1
        })
        .await;
    let offer = format!(".offer[data-conversation-id={:?}] .accept", customer.conversation_id);
    desk.wait(&offer).await;
    assert_eq!(anna_on_the_hub(&colleague).await.0, AgentState::Available);
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_desk_leaves_alone_an_agent_who_chose_a_state_while_locked_or_turned_it_off() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(TestHub::config(|_| {})).await;
    let screensaver = ScreenSaver::start().await;
    let desk = signed_in(&hub).await;
    let colleague = ApiAgent::sign_in(&hub, "aino").await;

    // The idle code the agent chose in Settings.
    set_preference(&desk, "form.elements.lockIdleCode.value = 'lunch';").await;
    eventually("the desk to save Lunch", || async {
        (desk.saved_settings()["lockIdleCode"] == json!("lunch")).then_some(())
    })
    .await;
    desk.go_available().await;
    screensaver
        .lock_until("the desk to set Anna to Lunch", || async {
            presence_label(&desk).await == "Lunch"
        })
        .await;
    // While the screen is locked the agent picks a state of their own (from another
    // window of the desk, before the locker covered it…).
    desk.click("#presence-button").await;
    desk.click("#presence-menu [data-state='idle:meeting']").await;
    desk.wait_text("#presence-label", |label| label == "Meeting").await;
    screensaver
        .unlock_until("the desk to hear the unlock", || async {
            desk.log_count(LEFT_ON_UNLOCK) == 1
        })
        .await;
    assert_eq!(presence_label(&desk).await, "Meeting");
    assert_eq!(anna_on_the_hub(&colleague).await.0, AgentState::Idle { code: "meeting".into() });

    // Not Available when the screen locks: nothing to do, then or on unlocking.
    screensaver
        .lock_until("the desk to hear the lock", || async { desk.log_count(LEFT_ON_LOCK) == 1 })
        .await;
    screensaver
        .unlock_until("the desk to hear the unlock", || async {
            desk.log_count(LEFT_ON_UNLOCK) == 2
        })
        .await;
    assert_eq!(presence_label(&desk).await, "Meeting");

    // With the preference off, an Available agent stays Available.
    set_preference(&desk, "form.elements.awayOnLock.checked = false;").await;
    eventually("the desk to save the choice", || async {
        (desk.saved_settings()["awayOnLock"] == json!(false)).then_some(())
    })
    .await;
    desk.go_available().await;
    screensaver
        .lock_until("the desk to hear the lock", || async { desk.log_count(LEFT_ON_LOCK) == 2 })
        .await;
    assert_eq!(desk.count(".presence[data-presence=available]").await, 1);
    assert_eq!(anna_on_the_hub(&colleague).await.0, AgentState::Available);
    screensaver
        .unlock_until("the desk to hear the unlock", || async {
            desk.log_count(LEFT_ON_UNLOCK) == 3
        })
        .await;
    assert_eq!(anna_on_the_hub(&colleague).await.0, AgentState::Available);
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logind_locks_and_sleep_set_the_agent_away_and_sleep_waits_for_the_hub_to_know() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(TestHub::config(|_| {})).await;
    let logind = Logind::start().await;
    let launch = Launch {
        capture_log: true,
        env: vec![("DBUS_SYSTEM_BUS_ADDRESS", logind.address().to_owned())],
        ..Launch::default()
    };
    let desk = DeskApp::launch(launch).await;
    // At start the desk finds its session and, once it listens, asks logind to delay sleep
    // until it has changed the agent's state.
    let first = logind.inhibitor(1).await;
    assert_eq!(logind.calls()[0], "GetSessionByPID");
    let (what, who, why, mode) = &first.args;
    assert_eq!((what.as_str(), who.as_str(), mode.as_str()), ("sleep", "Agent Desk", "delay"));
    assert_eq!(why, "Changing your state before the computer sleeps");
    desk.sign_in_remote(&hub.url(), "anna", false).await;
    let colleague = ApiAgent::sign_in(&hub, "aino").await;
    desk.go_available().await;

    // logind locks the session, and unlocks it.
    logind.lock(true).await;
    desk.wait_text("#presence-label", |label| label == "Break").await;
    logind.lock(false).await;
    desk.wait(".presence[data-presence=available]").await;

    // The computer is going to sleep: the desk lets it once the hub has Anna away.
    logind.prepare_for_sleep(true).await;
    first.released().await;
    assert_eq!(anna_on_the_hub(&colleague).await.0, AgentState::Idle { code: "break".into() });
    desk.wait_text("#presence-label", |label| label == "Break").await;
    // Awake: Available again, and ready to delay the next sleep.
    logind.prepare_for_sleep(false).await;
    desk.wait(".presence[data-presence=available]").await;
    let _second = logind.inhibitor(2).await;
    assert_eq!(anna_on_the_hub(&colleague).await.0, AgentState::Available);
    desk.quit().await;
}
