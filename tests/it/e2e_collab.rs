//! Working with colleagues, as the agent at the desk lives it: a transfer to a colleague
//! (accepted, and not accepted), a transfer to a queue, Refresh in the handoff dialog, a
//! conference (requested, joined, exited, ended), six chats at once with the seventh held
//! back, each chat's own draft, the order by waiting time, typing both ways, a chat whose
//! queue an admin deleted or whose Livechat entry point an admin took out of service, and a
//! conference through a queue. The colleagues work through the agent API; the customers
//! through the widget API.

use std::time::Duration;

use hub_protocol::{AgentRef, OfferKind, RequestedState, Role, SystemEvent};
use serde_json::json;

use crate::support::desk::Launch;
use crate::support::{eventually, exclusive, plain, ApiAgent, Customer, DeskApp, TestHub};

/// The wrap-up dialog once it shows the chat as handed on. It opens when a transfer is
/// sent and follows the hub's `ended` a moment later, which shows a line and swaps its
/// buttons: a click before that can land where a button was.
const HANDED_ON_WRAPUP: &str = "#wrapup-dialog[open] #wrapup-handed-on:not([hidden])";

fn anna() -> AgentRef {
    AgentRef { id: "anna".into(), display_name: "Anna Lindqvist".into() }
}

fn hub_config() -> contact_hub::HubConfig {
    TestHub::config(|config| config.settings.accept_timeout_secs = 120)
}

/// The desk signs in and goes Available before `colleagues` do, so routing (longest wait
/// first) offers the next customer to the desk.
async fn desk_first(
    hub: &TestHub,
    launch: Launch<'_>,
    username: &str,
    colleagues: &[&ApiAgent],
) -> DeskApp {
    let desk = DeskApp::launch(launch).await;
    desk.sign_in_remote(&hub.url(), username, false).await;
    desk.go_available().await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    for colleague in colleagues {
        colleague.go_available().await;
    }
    desk
}

/// Accepts the customer's request on the desk and waits for the chat to open in the pane.
async fn accept_on_desk(desk: &DeskApp, customer: &Customer) {
    let offer = format!(".offer[data-conversation-id={:?}]", customer.conversation_id);
    desk.click(&format!("{offer} .accept")).await;
    desk.wait_gone(&offer).await;
    let row = format!("#task-list .task[data-conversation-id={:?}]", customer.conversation_id);
    desk.wait(&row).await;
}

/// Opens the Transfer or Conference dialog and waits for its fresh list.
async fn open_handoff(desk: &DeskApp, button: &str) {
    desk.click(button).await;
    desk.wait("#handoff-dialog[open]").await;
    desk.wait("#handoff-list[aria-busy=false] li").await;
}

async fn choose_and_submit(desk: &DeskApp, value: &str) {
    desk.click(&format!("#handoff-list input[value={value:?}]")).await;
    desk.click("#handoff-submit").await;
}

async fn submit_wrapup(desk: &DeskApp) {
    desk.wait("#wrapup-dialog[open]").await;
    desk.click("#wrapup-list li input").await;
    desk.click("#wrapup-continue").await;
    desk.click("#wrapup-finish").await;
    desk.wait_gone("#wrapup-dialog[open]").await;
}

/// The wrap-up of an agent who transferred the chat: the reason, then Finish, in one step
/// (no chat log: the conversation has none until it ends under its last owner). Checks that
/// the agent sees that step whole and no error, and that the hub recorded `reason`.
async fn submit_handed_on_wrapup(desk: &DeskApp, hub: &TestHub, id: &str, reason: &str) {
    desk.wait("#wrapup-dialog[open]").await;
    desk.wait_text("#wrapup-handed-on", |text| {
        text.contains("You handed this chat on") && text.contains("chat log is written")
    })
    .await;
    assert!(is_hidden(desk, "#wrapup-continue").await, "no chat-log step to continue to");
    assert!(!is_hidden(desk, "#wrapup-finish").await);
    assert!(is_disabled(desk, "#wrapup-finish").await, "the queue requires a reason");
    desk.click(&format!("#wrapup-list input[value={reason:?}]")).await;
    assert!(!is_disabled(desk, "#wrapup-finish").await);
    desk.screenshot("wrapup-handed-on-en-US").await;
    desk.click("#wrapup-finish").await;
    desk.wait_gone("#wrapup-dialog[open]").await;
    // Never the chat-log step, never an error.
    assert!(is_hidden(desk, "#wrapup-step-chatlog").await);
    assert!(is_hidden(desk, "#wrapup-error").await);
    eventually("the hub to record the wrap-up", || async {
        hub.wrapups_of(id).contains(&("anna".to_owned(), Some(reason.to_owned()))).then_some(())
    })
    .await;
}

async fn is_hidden(desk: &DeskApp, css: &str) -> bool {
    desk.eval(&format!("return document.querySelector({css:?}).hidden")).await == json!(true)
}

/// Opens the task list's `n`th row (from 1) and waits for the pane to show its customer.
async fn open_row(desk: &DeskApp, n: usize) {
    let row = format!("#task-list .task:nth-child({n})");
    let name = desk.wait_text(&format!("{row} .customer-name"), |name| !name.is_empty()).await;
    desk.click(&format!("{row} .task-button")).await;
    desk.wait_text("#pane-customer", |shown| shown == name).await;
    desk.wait(&format!("{row} .task-button[aria-current=true]")).await;
}

async fn value_of(desk: &DeskApp, css: &str) -> serde_json::Value {
    desk.eval(&format!("return document.querySelector({css:?}).value")).await
}

async fn is_disabled(desk: &DeskApp, css: &str) -> bool {
    desk.eval(&format!("return document.querySelector({css:?}).disabled")).await == json!(true)
}

/// A colleague's row in the handoff dialog as the agent sees it: whether it can be chosen,
/// its state in words and its load.
async fn colleague_row(desk: &DeskApp, agent_id: &str) -> (bool, String, String) {
    let script = format!(
        "const input = document.querySelector('#handoff-list input[value=\"agent:{agent_id}\"]');
         const row = input.closest('li');
         return [!input.disabled, row.querySelector('.target-state').textContent,
                 row.querySelector('.target-load').textContent];"
    );
    let row = desk.eval(&script).await;
    let text = |i: usize| plain(row[i].as_str().unwrap_or_default());
    (row[0] == json!(true), text(1), text(2))
}

/// The English queue's row in the dialog's Queues list: who waits, who could take a chat.
async fn english_queue_row(desk: &DeskApp) -> String {
    desk.click(".segmented input[value=queue] + span").await;
    let css = "#handoff-list li:has(input[value='queue:livechat-en']) .target-facts";
    let facts =
        desk.wait_text(css, |text| text.contains("waiting") && text.contains("available")).await;
    desk.click(".segmented input[value=agent] + span").await;
    desk.wait("#handoff-list input[value^='agent:']").await;
    plain(&facts)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transfer_to_a_colleague_who_accepts() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub_config()).await;
    let jonas = ApiAgent::sign_in(&hub, "jonas").await;
    let desk = desk_first(&hub, Launch::default(), "anna", &[&jonas]).await;
    let customer = Customer::start(&hub.url(), "Melissa Jones", "Hallo, meine Rechnung…").await;
    let id = customer.conversation_id.clone();
    accept_on_desk(&desk, &customer).await;

    open_handoff(&desk, "#pane-transfer").await;
    desk.wait_text("#handoff-heading", |text| text == "Transfer request").await;
    desk.wait_text("#handoff-submit", |text| text == "Transfer").await;
    // The colleague who can take it first, with state in words and load; the signed-out
    // colleagues listed, but they cannot be chosen; the agent is not in the list.
    let first = "#handoff-list li:first-child";
    desk.wait_text(&format!("{first} .target-name"), |name| name == "Jonas Becker").await;
    desk.wait_text(&format!("{first} .target-state"), |state| state.contains("Available")).await;
    desk.wait_text(&format!("{first} .target-load"), |load| plain(load) == "0 of 6 chats").await;
    assert_eq!(desk.count("#handoff-list li").await, 6);
    assert_eq!(desk.count("#handoff-list input:disabled").await, 5);
    assert_eq!(desk.count("#handoff-list input[value='agent:anna']").await, 0);
    desk.wait_text("#handoff-list li:last-child .target-state", |state| {
        state.contains("Logged out")
    })
    .await;
    desk.screenshot("transfer-dialog-en-US").await;
    // The search filters as the agent types.
    desk.type_into("#handoff-search", "jon").await;
    eventually("the search to leave one colleague", || async {
        (desk.count("#handoff-list li").await == 1).then_some(())
    })
    .await;
    choose_and_submit(&desk, "agent:jonas").await;

    // The desk's part is over: the wrap-up dialog follows, as after End.
    desk.wait("#wrapup-dialog[open]").await;
    desk.wait_gone("#handoff-dialog[open]").await;
    assert_eq!(jonas.wait_for_offer_of(&id, 1).await, OfferKind::Transfer { from: anna() });
    assert_eq!(jonas.accept_and_wait(&id).await, Role::Owner);
    // The customer reads who handed them on, then who took over.
    customer
        .wait_for_system_line(&SystemEvent::AgentJoined { display_name: "Jonas Becker".into() })
        .await;
    let lines = customer.system_lines();
    let transferred = lines
        .iter()
        .position(|line| {
            *line == SystemEvent::Transferred { display_name: "Anna Lindqvist".into() }
        })
        .expect("the customer saw the transfer");
    let joined = lines
        .iter()
        .position(|line| *line == SystemEvent::AgentJoined { display_name: "Jonas Becker".into() })
        .unwrap();
    assert!(transferred < joined, "transferred, then joined: {lines:?}");
    desk.wait_text("#messages", |text| {
        text.contains("Anna Lindqvist") && text.contains("transferred the conversation")
    })
    .await;
    desk.wait(&format!("#task-list .task[data-conversation-id={id:?}][data-state=wrapUp]")).await;
    submit_handed_on_wrapup(&desk, &hub, &id, "escalated").await;
    desk.wait_gone("#task-list .task").await;
    assert!(desk.count("#notices .notice").await == 0, "an accepted transfer needs no notice");
    jonas.say(&id, "Hallo, hier ist Jonas.").await;
    customer.wait_for_agent_text("Hallo, hier ist Jonas.").await;
    desk.quit().await;
}

/// Availability changes by the second; the dialog shows what it fetched until Refresh asks
/// the hub again, with the dialog still open: a colleague who just went Available can be
/// chosen, one who just got a chat offered (Available, but full) or went to a meeting is
/// listed with that state and cannot be.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refresh_shows_who_can_take_the_chat_now() {
    let _one_at_a_time = exclusive().await;
    // One chat a head, so a single offer fills a colleague.
    let hub = TestHub::start(TestHub::config(|config| {
        config.settings.accept_timeout_secs = 120;
        config.settings.capacity = 1;
    }))
    .await;
    let jonas = ApiAgent::sign_in(&hub, "jonas").await;
    let giulia = ApiAgent::sign_in(&hub, "giulia").await;
    let aino = ApiAgent::sign_in(&hub, "aino").await; // on a break, as sign-in leaves her
    let desk = desk_first(&hub, Launch::default(), "anna", &[&jonas, &giulia]).await;
    let customer = Customer::start(&hub.url(), "Melissa Jones", "Hello").await;
    accept_on_desk(&desk, &customer).await;

    open_handoff(&desk, "#pane-transfer").await;
    let (selectable, state, load) = colleague_row(&desk, "jonas").await;
    assert!(selectable && state.contains("Available") && load == "0 of 1 chat", "{state} {load}");
    let (selectable, state, _) = colleague_row(&desk, "giulia").await;
    assert!(selectable && state.contains("Available"), "{state}");
    let (selectable, state, _) = colleague_row(&desk, "aino").await;
    assert!(!selectable && state.contains("Not ready") && state.contains("Break"), "{state}");
    let english = english_queue_row(&desk).await;
    assert!(english.contains("nobody waiting") && english.contains("2 agents available"));

    // While the dialog is open: aino comes back, a new customer is offered to jonas (who
    // has waited longest), giulia goes to a meeting.
    aino.go_available().await;
    let next = Customer::start(&hub.url(), "Leo Martin", "Hi").await;
    assert_eq!(jonas.wait_for_offer_of(&next.conversation_id, 1).await, OfferKind::Contact);
    giulia.client.set_state(RequestedState::Idle { code: "meeting".into() }).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        !colleague_row(&desk, "aino").await.0,
        "the list is what the dialog fetched until Refresh"
    );

    desk.click("#handoff-refresh").await;
    eventually("Refresh to show aino Available", || async {
        colleague_row(&desk, "aino").await.0.then_some(())
    })
    .await;
    desk.wait("#handoff-list[aria-busy=false]").await;
    desk.wait("#handoff-refresh:not(:disabled)").await;
    let (selectable, state, _) = colleague_row(&desk, "aino").await;
    assert!(selectable && state.contains("Available"), "{state}");
    let (selectable, state, load) = colleague_row(&desk, "jonas").await;
    assert!(!selectable && state.contains("Available") && load == "1 of 1 chat", "{state} {load}");
    let (selectable, state, _) = colleague_row(&desk, "giulia").await;
    assert!(!selectable && state.contains("Not ready") && state.contains("Meeting"), "{state}");
    // The queues came with the same answer: the new customer waits (offered, not yet taken)
    // and aino is the one agent of the English queue with a free slot.
    let english = english_queue_row(&desk).await;
    assert!(english.contains("1 waiting") && english.contains("1 agent available"), "{english}");
    // The colleagues who can be chosen come first: aino alone.
    desk.wait("#handoff-list li:first-child input[value='agent:aino']:not(:disabled)").await;
    assert_eq!(desk.count("#handoff-list input:not(:disabled)").await, 1);
    desk.screenshot("transfer-dialog-refreshed-en-US").await;

    // The hub agrees with the list: the transfer to aino goes through.
    choose_and_submit(&desk, "agent:aino").await;
    desk.wait("#wrapup-dialog[open]").await;
    assert_eq!(
        aino.wait_for_offer_of(&customer.conversation_id, 1).await,
        OfferKind::Transfer { from: anna() }
    );
    submit_handed_on_wrapup(&desk, &hub, &customer.conversation_id, "escalated").await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transfer_nobody_accepts_goes_back_to_the_queue() {
    let _one_at_a_time = exclusive().await;
    let hub =
        TestHub::start(TestHub::config(|config| config.settings.accept_timeout_secs = 5)).await;
    let jonas = ApiAgent::sign_in(&hub, "jonas").await;
    let aino = ApiAgent::sign_in(&hub, "aino").await; // not Available yet
    let desk = desk_first(&hub, Launch::default(), "anna", &[&jonas]).await;
    let customer = Customer::start(&hub.url(), "Pekka Virtanen", "Hei, tarvitsen apua").await;
    let id = customer.conversation_id.clone();
    accept_on_desk(&desk, &customer).await;
    // The desk takes a break, so nobody Available is left once Jonas lets it pass.
    desk.click("#presence-button").await;
    desk.click("#presence-menu [data-state='idle:break']").await;
    desk.wait(".presence[data-presence=idle]").await;

    open_handoff(&desk, "#pane-transfer").await;
    choose_and_submit(&desk, "agent:jonas").await;
    desk.wait("#wrapup-dialog[open]").await;
    assert_eq!(jonas.wait_for_offer_of(&id, 1).await, OfferKind::Transfer { from: anna() });
    // The dialog has followed the hub to her handed-on task (its buttons no longer move).
    desk.wait(HANDED_ON_WRAPUP).await;
    // Anna looks at the chat meanwhile, her wrap-up for later.
    desk.click("#wrapup-later").await;
    desk.wait_gone("#wrapup-dialog[open]").await;
    // Jonas does not answer: the hub takes the offer back and the chat waits in its queue…
    eventually("the transfer offer to be withdrawn", || async {
        jonas.offer_withdrawn(&id).then_some(())
    })
    .await;
    // …and Anna is told: a notice at the desk, and a line in the chat she still wraps up.
    let notice = desk
        .wait_text("#notices .notice p", |text| text.contains("did not accept your transfer"))
        .await;
    assert_eq!(
        plain(&notice),
        "Jonas Becker did not accept your transfer in time. The chat is back in its queue."
    );
    desk.wait_text("#messages", |text| {
        plain(text).contains(
            "Jonas Becker did not accept the transfer in time. The conversation is back in its queue.",
        )
    })
    .await;
    desk.screenshot("transfer-not-accepted-en-US").await;
    eventually("the chat to wait in its queue again", || async {
        (aino.queue("livechat-en").await.waiting == 1).then_some(())
    })
    .await;
    // …until someone is Available: then it is offered to them, as any waiting chat.
    aino.go_available().await;
    assert_eq!(aino.wait_for_offer_of(&id, 1).await, OfferKind::Contact);
    assert_eq!(aino.accept_and_wait(&id).await, Role::Owner);
    customer
        .wait_for_system_line(&SystemEvent::AgentJoined { display_name: "Aino Virtanen".into() })
        .await;
    // The customer was never told who let the transfer pass.
    assert!(
        !customer
            .system_lines()
            .iter()
            .any(|line| matches!(line, SystemEvent::TransferNotAccepted { .. })),
        "{:?}",
        customer.system_lines()
    );
    // The notice stays until Anna dismisses it.
    desk.click("#notices .notice-dismiss").await;
    desk.wait_gone("#notices .notice").await;
    desk.click("#pane-wrapup").await;
    submit_handed_on_wrapup(&desk, &hub, &id, "escalated").await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transfer_to_a_queue() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub_config()).await;
    let aino = ApiAgent::sign_in(&hub, "aino").await;
    let desk = desk_first(&hub, Launch::default(), "anna", &[&aino]).await;
    let customer = Customer::start(&hub.url(), "Sami Näkki", "Haluaisin asioida suomeksi.").await;
    let id = customer.conversation_id.clone();
    accept_on_desk(&desk, &customer).await;

    open_handoff(&desk, "#pane-transfer").await;
    desk.click(".segmented input[value=queue] + span").await;
    // The demo's six Livechat queues, each with its waiting customers and available agents.
    eventually("the queues to be listed", || async {
        (desk.count("#handoff-list input[value^='queue:']").await == 6).then_some(())
    })
    .await;
    desk.type_into("#handoff-search", "asiakas").await;
    eventually("the search to leave the Finnish queue", || async {
        (desk.count("#handoff-list li").await == 1).then_some(())
    })
    .await;
    let row = "#handoff-list li:not([hidden])";
    desk.wait_text(&format!("{row} .target-name"), |name| name == "Asiakaspalvelu").await;
    desk.wait_text(&format!("{row} .target-waiting"), |text| text == "nobody waiting").await;
    desk.wait_text(&format!("{row} .target-available"), |text| text.contains("available")).await;
    choose_and_submit(&desk, "queue:livechat-fi").await;
    desk.wait("#wrapup-dialog[open]").await;

    // Routing gives it to the Finnish queue's agent (the hub offers a chat routed from a
    // queue as a contact, whoever put it there).
    aino.wait_for_offer_of(&id, 1).await;
    aino.accept_and_wait(&id).await;
    customer
        .wait_for_system_line(&SystemEvent::AgentJoined { display_name: "Aino Virtanen".into() })
        .await;
    submit_handed_on_wrapup(&desk, &hub, &id, "escalated").await;
    desk.wait_gone("#task-list .task").await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conference_is_requested_joined_exited_and_ended() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub_config()).await;
    let jonas = ApiAgent::sign_in(&hub, "jonas").await;
    let desk = desk_first(&hub, Launch::default(), "anna", &[&jonas]).await;
    let customer = Customer::start(&hub.url(), "Melissa Jones", "My invoice is in German.").await;
    let id = customer.conversation_id.clone();
    accept_on_desk(&desk, &customer).await;

    open_handoff(&desk, "#pane-conference").await;
    desk.wait_text("#handoff-heading", |text| text == "Conference").await;
    desk.wait_text("#handoff-submit", |text| text == "Invite").await;
    choose_and_submit(&desk, "agent:jonas").await;
    desk.wait_gone("#handoff-dialog[open]").await;

    // Requested: the status names the colleague; no second invitation, no transfer.
    desk.wait_text("#pane-conference-status", |status| {
        status.contains("Conference requested") && status.contains("Jonas Becker")
    })
    .await;
    assert!(is_disabled(&desk, "#pane-conference").await, "one conference at a time");
    assert!(is_disabled(&desk, "#pane-transfer").await, "no transfer during a conference");
    desk.wait_text("#pane-remove-guest", |text| text == "Cancel invitation").await;
    assert_eq!(jonas.wait_for_offer_of(&id, 1).await, OfferKind::Conference { from: anna() });
    assert_eq!(jonas.accept_and_wait(&id).await, Role::Guest);

    // Joined: everyone reads everyone.
    desk.wait_text("#pane-conference-status", |status| {
        status.contains("Conference with") && status.contains("Jonas Becker")
    })
    .await;
    desk.wait_text("#pane-end", |text| text == "End conference").await;
    desk.wait_text("#pane-remove-guest", |text| text.contains("Jonas Becker")).await;
    customer
        .wait_for_system_line(&SystemEvent::AgentJoined { display_name: "Jonas Becker".into() })
        .await;
    jonas.say(&id, "Jonas here: the invoice says Rechnung.").await;
    desk.wait_text("#messages", |text| text.contains("the invoice says Rechnung")).await;
    desk.wait_text("#messages .message.agent:last-of-type .meta", |meta| {
        meta.contains("Jonas Becker")
    })
    .await;
    customer.wait_for_agent_text("Jonas here: the invoice says Rechnung.").await;
    desk.type_into("#compose", "Thank you, Jonas!").await;
    desk.press_enter("#compose").await;
    customer.wait_for_agent_text("Thank you, Jonas!").await;
    desk.screenshot("conference-en-US").await;

    // The guest exits: the chat goes on with its owner.
    jonas.leave_conference(&id).await;
    jonas.wait_for_closed(&id, 1).await;
    desk.wait_gone("#pane-conference-status").await;
    desk.wait_text("#messages", |text| text.contains("left the conversation")).await;
    desk.wait_text("#pane-end", |text| text == "End").await;
    assert!(!is_disabled(&desk, "#pane-conference").await);
    customer
        .wait_for_system_line(&SystemEvent::AgentLeft { display_name: "Jonas Becker".into() })
        .await;

    // Invited again and joined; End conference ends the whole chat for everyone.
    open_handoff(&desk, "#pane-conference").await;
    choose_and_submit(&desk, "agent:jonas").await;
    jonas.wait_for_offer_of(&id, 2).await;
    assert_eq!(jonas.accept_and_wait(&id).await, Role::Guest);
    desk.wait_text("#pane-end", |text| text == "End conference").await;
    desk.click("#pane-end").await;
    desk.wait("#wrapup-dialog[open]").await;
    jonas.wait_for_closed(&id, 2).await;
    eventually("the customer to see the chat end", || async { customer.saw_end().then_some(()) })
        .await;
    submit_wrapup(&desk).await;
    desk.wait_gone("#task-list .task").await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn six_chats_at_once_each_with_its_draft_and_the_seventh_waits() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub_config()).await;
    let aino = ApiAgent::sign_in(&hub, "aino").await; // reads the queue, never Available
    let desk = desk_first(&hub, Launch::default(), "anna", &[]).await;
    let mut customers = Vec::new();
    for n in 1..=7 {
        customers.push(Customer::start(&hub.url(), &format!("Customer {n}"), "hello").await);
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    eventually("six popovers", || async { (desk.count(".offer").await == 6).then_some(()) }).await;
    // The popovers stack, each with its own timer.
    assert_eq!(desk.count(".offer .offer-timer").await, 6);
    for accepted in 1..=6 {
        desk.click(".offer .accept").await;
        eventually("the task to be added", || async {
            (desk.count("#task-list .task").await == accepted).then_some(())
        })
        .await;
    }
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(desk.count(".offer").await, 0, "six chats: the seventh is not offered");
    assert_eq!(aino.queue("livechat-en").await.waiting, 1, "the seventh waits in its queue");
    desk.screenshot("six-chats-en-US").await;

    // Each chat keeps its own draft while the agent moves between them.
    let first_id = desk
        .eval(
            "return document.querySelector('#task-list .task:nth-child(1)').dataset.conversationId",
        )
        .await;
    open_row(&desk, 1).await;
    desk.type_into("#compose", "A draft for the first").await;
    open_row(&desk, 2).await;
    assert_eq!(value_of(&desk, "#compose").await, json!(""), "a new chat starts empty");
    desk.type_into("#compose", "Another for the second").await;
    open_row(&desk, 1).await;
    assert_eq!(value_of(&desk, "#compose").await, json!("A draft for the first"));
    open_row(&desk, 2).await;
    assert_eq!(value_of(&desk, "#compose").await, json!("Another for the second"));

    // Answer the first: ordered by waiting time, it moves to the end of the list.
    open_row(&desk, 1).await;
    desk.press_enter("#compose").await;
    let sent_to = customers
        .iter()
        .find(|customer| json!(customer.conversation_id) == first_id)
        .expect("the first row is one of the customers");
    sent_to.wait_for_agent_text("A draft for the first").await;
    // (Choosing an <option> by a WebDriver click is unreliable in WebKitGTK; the agent's
    // choice is what the change event carries.)
    desk.eval(
        "const sort = document.getElementById('task-sort'); sort.value = 'waiting';
         sort.dispatchEvent(new Event('change'));",
    )
    .await;
    eventually("the answered chat to move last", || async {
        let last = desk
            .eval("return document.querySelector('#task-list .task:last-child').dataset.conversationId")
            .await;
        (last == first_id).then_some(())
    })
    .await;

    // One chat ends: the freed slot brings the seventh.
    let offered: Vec<String> = serde_json::from_value(
        desk.eval("return [...document.querySelectorAll('#task-list .task')].map(t => t.dataset.conversationId)")
            .await,
    )
    .unwrap();
    let seventh = customers
        .iter()
        .find(|customer| !offered.contains(&customer.conversation_id))
        .expect("one customer still waits");
    open_row(&desk, 1).await;
    desk.click("#pane-end").await;
    submit_wrapup(&desk).await;
    desk.wait(&format!(".offer[data-conversation-id={:?}]", seventh.conversation_id)).await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typing_shows_both_ways() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub_config()).await;
    let desk = desk_first(&hub, Launch::default(), "anna", &[]).await;
    let customer = Customer::start(&hub.url(), "Melissa Jones", "Hi").await;
    accept_on_desk(&desk, &customer).await;

    customer.typing().await;
    desk.wait_text("#pane-typing", |text| text.contains("typing")).await;
    desk.wait_text("#task-list .task-typing", |text| text.contains("typing")).await;
    // The customer's message ends it at once.
    customer.say("Here is my question").await;
    desk.wait_text("#messages", |text| text.contains("Here is my question")).await;
    desk.wait_gone("#pane-typing").await;
    desk.wait_gone("#task-list .task-typing").await;

    // The agent types: the widget hears it (throttled by the desk, never blocking).
    desk.type_into("#compose", "Let me see").await;
    eventually("the customer to see the agent typing", || async {
        customer.saw_agent_typing().then_some(())
    })
    .await;
    desk.press_enter("#compose").await;
    customer.wait_for_agent_text("Let me see").await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_queue_leaves_only_end() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(TestHub::config(|config| {
        config.settings.accept_timeout_secs = 120;
        let camille = config.agents.iter_mut().find(|agent| agent.id == "camille").unwrap();
        camille.admin = true;
    }))
    .await;
    let admin = ApiAgent::sign_in(&hub, "camille").await;
    let jonas = ApiAgent::sign_in(&hub, "jonas").await;
    let desk = desk_first(&hub, Launch::default(), "anna", &[]).await;
    let customer = Customer::start(&hub.url(), "Melissa Jones", "Hello?").await;
    accept_on_desk(&desk, &customer).await;
    desk.type_into("#compose", "One moment").await;

    let refused = jonas.delete_queue("livechat-en").await.unwrap_err();
    assert_eq!(refused.code, hub_protocol::ErrorCode::Forbidden, "only admins delete queues");
    admin.delete_queue("livechat-en").await.unwrap();

    let alert = desk.wait_text("#pane-interrupted", |text| text.contains("deleted")).await;
    assert!(alert.contains("end the conversation"), "{alert}");
    // Screen readers hear it once, urgently, through the assertive live region.
    eventually("the interruption to be announced", || async {
        let said =
            desk.eval("return document.getElementById('announcer-urgent').textContent").await;
        said.as_str().is_some_and(|said| said.contains("was interrupted")).then_some(())
    })
    .await;
    assert!(is_disabled(&desk, "#compose").await, "nothing more can be written");
    assert!(is_disabled(&desk, "#compose-send").await);
    assert!(is_disabled(&desk, "#pane-transfer").await);
    assert!(is_disabled(&desk, "#pane-conference").await);
    assert!(!is_disabled(&desk, "#pane-end").await, "End remains");
    desk.screenshot("interrupted-en-US").await;

    desk.click("#pane-end").await;
    submit_wrapup(&desk).await;
    desk.wait_gone("#task-list .task").await;
    desk.quit().await;
}

/// The Livechat entry point (the queue the chat window starts chats in) taken out of
/// service while a chat is live: the desk, in Arabic, says so and leaves only End; the
/// queue is still there, but the chat window can no longer start a chat in it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_livechat_entry_point_taken_out_of_service_leaves_only_end_in_arabic() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(TestHub::config(|config| {
        config.settings.accept_timeout_secs = 120;
        let camille = config.agents.iter_mut().find(|agent| agent.id == "camille").unwrap();
        camille.admin = true;
    }))
    .await;
    let admin = ApiAgent::sign_in(&hub, "camille").await;
    let launch = Launch { os_locale: Some("ar_SA.UTF-8"), ..Launch::default() };
    let desk = desk_first(&hub, launch, "layla", &[]).await;
    let customer = Customer::start(&hub.url(), "Melissa Jones", "مرحبا، هل من أحد؟").await;
    accept_on_desk(&desk, &customer).await;
    desk.type_into("#compose", "لحظة من فضلك").await;

    let jonas = ApiAgent::sign_in(&hub, "jonas").await;
    let refused = jonas.retire_asset("livechat", "livechat-en").await.unwrap_err();
    assert_eq!(refused.code, hub_protocol::ErrorCode::Forbidden, "admins only");
    admin.retire_asset("livechat", "livechat-en").await.unwrap();

    let alert = desk.wait_text("#pane-interrupted", |text| text.contains("نقطة دخول")).await;
    assert!(alert.contains("إنهاء المحادثة"), "{alert}");
    assert!(is_disabled(&desk, "#compose").await, "nothing more can be written");
    assert!(is_disabled(&desk, "#compose-send").await);
    assert!(is_disabled(&desk, "#pane-transfer").await);
    assert!(is_disabled(&desk, "#pane-conference").await);
    assert!(!is_disabled(&desk, "#pane-end").await, "End remains");
    desk.screenshot("interrupted-livechat-ar").await;
    // A new chat cannot start there (the widget shows `entry-point-closed` in words).
    let response = reqwest::Client::new()
        .post(format!("{}/widget/v1/conversations", hub.url()))
        .json(&json!({"name": "Zoe", "queueId": "livechat-en", "text": "Hello"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 409);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["code"], "entry-point-closed");

    desk.click("#pane-end").await;
    eventually("the customer to see the chat end", || async { customer.saw_end().then_some(()) })
        .await;
    submit_wrapup(&desk).await;
    desk.wait_gone("#task-list .task").await;
    desk.quit().await;
}

/// The conference dialog's Queues: the colleague routing picks in that queue now (an agent
/// Available in it) gets the invitation, joins, and the desk shows the conference.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conference_through_a_queue() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub_config()).await;
    let jonas = ApiAgent::sign_in(&hub, "jonas").await;
    let desk = desk_first(&hub, Launch::default(), "anna", &[&jonas]).await;
    let customer = Customer::start(&hub.url(), "Melissa Jones", "Meine Rechnung ist falsch.").await;
    let id = customer.conversation_id.clone();
    accept_on_desk(&desk, &customer).await;

    open_handoff(&desk, "#pane-conference").await;
    desk.wait_text("#handoff-heading", |text| text == "Conference").await;
    desk.click(".segmented input[value=queue] + span").await;
    // jonas is Available in the German queue: it can be chosen.
    let german = "#handoff-list li:has(input[value='queue:livechat-de'])";
    desk.wait_text(&format!("{german} .target-available"), |text| text.contains("available")).await;
    assert!(!is_disabled(&desk, "#handoff-list input[value='queue:livechat-de']").await);
    desk.screenshot("conference-queue-dialog-en-US").await;
    choose_and_submit(&desk, "queue:livechat-de").await;
    desk.wait_gone("#handoff-dialog[open]").await;

    desk.wait_text("#pane-conference-status", |status| {
        status.contains("Conference requested") && status.contains("Jonas Becker")
    })
    .await;
    assert_eq!(jonas.wait_for_offer_of(&id, 1).await, OfferKind::Conference { from: anna() });
    assert_eq!(jonas.accept_and_wait(&id).await, Role::Guest);
    desk.wait_text("#pane-conference-status", |status| {
        status.contains("Conference with") && status.contains("Jonas Becker")
    })
    .await;
    jonas.say(&id, "Jonas hier: Ich korrigiere die Rechnung.").await;
    desk.wait_text("#messages", |text| text.contains("Ich korrigiere die Rechnung")).await;
    customer.wait_for_agent_text("Jonas hier: Ich korrigiere die Rechnung.").await;
    desk.screenshot("conference-queue-en-US").await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transfer_and_conference_in_arabic() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub_config()).await;
    let jonas = ApiAgent::sign_in(&hub, "jonas").await;
    let launch = Launch { os_locale: Some("ar_SA.UTF-8"), ..Launch::default() };
    let desk = desk_first(&hub, launch, "layla", &[&jonas]).await;
    assert_eq!(desk.eval("return document.documentElement.dir").await, json!("rtl"));
    let customer = Customer::start(&hub.url(), "Melissa Jones", "مرحبا، رقم الطلب 48213").await;
    let id = customer.conversation_id.clone();
    accept_on_desk(&desk, &customer).await;

    open_handoff(&desk, "#pane-transfer").await;
    desk.wait_text("#handoff-heading", |text| text == "طلب التحويل").await;
    desk.wait_text("#handoff-list li:first-child .target-state", |state| state.contains("متوفر"))
        .await;
    // Right to left: the choice sits at the inline start, on the right of the name.
    let mirrored = desk
        .eval(
            "const row = document.querySelector('#handoff-list li:first-child');
             return row.querySelector('input').getBoundingClientRect().left
                  > row.querySelector('.target-name').getBoundingClientRect().left",
        )
        .await;
    assert_eq!(mirrored, json!(true), "the dialog mirrors in Arabic");
    desk.screenshot("transfer-dialog-ar").await;
    desk.click("#handoff-cancel").await;
    desk.wait_gone("#handoff-dialog[open]").await;

    open_handoff(&desk, "#pane-conference").await;
    choose_and_submit(&desk, "agent:jonas").await;
    desk.wait_text("#pane-conference-status", |status| status.contains("مؤتمر مطلوب")).await;
    jonas.wait_for_offer_of(&id, 1).await;
    jonas.accept_and_wait(&id).await;
    desk.wait_text("#pane-conference-status", |status| status.contains("Jonas Becker")).await;
    jonas.say(&id, "Jonas here, order 48213 is on its way.").await;
    desk.wait_text("#messages", |text| text.contains("on its way")).await;
    desk.wait_text("#pane-end", |text| text == "إنهاء المكالمة الجماعية").await;
    desk.screenshot("conference-ar").await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transfer_declined_in_arabic() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub_config()).await;
    let jonas = ApiAgent::sign_in(&hub, "jonas").await;
    let launch = Launch { os_locale: Some("ar_SA.UTF-8"), ..Launch::default() };
    let desk = desk_first(&hub, launch, "layla", &[&jonas]).await;
    let customer = Customer::start(&hub.url(), "Melissa Jones", "مرحبا، رقم الطلب 48213").await;
    let id = customer.conversation_id.clone();
    accept_on_desk(&desk, &customer).await;

    open_handoff(&desk, "#pane-transfer").await;
    choose_and_submit(&desk, "agent:jonas").await;
    desk.wait("#wrapup-dialog[open]").await;
    desk.wait(HANDED_ON_WRAPUP).await;
    desk.click("#wrapup-later").await;
    desk.wait_gone("#wrapup-dialog[open]").await;
    jonas.wait_for_offer_of(&id, 1).await;
    jonas.reject(&id).await;
    // Declined, in Arabic: the notice and the line, the colleague's name isolated in both.
    let notice = desk.wait_text("#notices .notice p", |text| text.contains("رفض")).await;
    assert_eq!(plain(&notice), "رفض Jonas Becker تحويلك. عادت الدردشة إلى قائمة انتظارها.");
    desk.wait_text("#messages", |text| {
        plain(text).contains("رفض Jonas Becker التحويل. عادت المحادثة إلى قائمة انتظارها.")
    })
    .await;
    desk.wait_text("#notices .notice-dismiss", |text| text == "إغلاق").await;
    desk.screenshot("transfer-not-accepted-ar").await;

    // Layla's wrap-up: the reason only.
    desk.click("#pane-wrapup").await;
    desk.wait("#wrapup-dialog[open]").await;
    desk.wait_text("#wrapup-handed-on", |text| text.contains("لقد حوّلت هذه الدردشة")).await;
    assert!(is_hidden(&desk, "#wrapup-continue").await);
    desk.click("#wrapup-list input[value=escalated]").await;
    desk.screenshot("wrapup-handed-on-ar").await;
    desk.click("#wrapup-finish").await;
    desk.wait_gone("#wrapup-dialog[open]").await;
    assert!(is_hidden(&desk, "#wrapup-error").await);
    eventually("the hub to record Layla's wrap-up", || async {
        hub.wrapups_of(&id).contains(&("layla".to_owned(), Some("escalated".into()))).then_some(())
    })
    .await;
    desk.quit().await;
}
