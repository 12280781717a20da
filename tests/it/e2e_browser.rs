//! The customer's side, in a real browser (headless Chromium through chromedriver), against
//! the real desk and agents on the agent API:
//!
//! - English: the language switch, the pre-chat form (refused empty, then sent), waiting,
//!   the agent joining, the agent's typing shown then gone with their words, messages both
//!   ways, a colleague joining and leaving a conference, a reload that resumes the same
//!   conversation, and the customer leaving: the desk reads it as a system line.
//! - Arabic: the page right to left (the customer's own bubbles on the other side), every
//!   line in Arabic, the transfer line when the agent hands the chat to a colleague, and the
//!   line when that colleague ends the chat.
//! - axe-core on the page in both languages, before and during the chat: no violation.

use contact_hub::l10n::{args, WidgetText};
use agent_desk::hub_client::ConversationAction;
use hub_protocol::HandoffTarget;
use serde_json::json;

use crate::support::axe;
use crate::support::desk::Launch;
use crate::support::{eventually, exclusive, plain, ApiAgent, Browser, DeskApp, TestHub};

/// The page's text for `id` in `lang`, as the customer reads it (with `name` filled in).
fn widget(lang: &str, id: &str, name: Option<&str>) -> String {
    let text = WidgetText::negotiate(Some(lang), None);
    let arguments = name.map(|name| args(&[("name", name.into())]));
    plain(&text.message(id, arguments.as_ref()))
}

/// Waits for a line of the thread (a system line or a bubble) that reads `expected`.
async fn thread_line(browser: &Browser, css: &str, expected: &str) {
    let script =
        format!("return [...document.querySelectorAll({css:?})].map((e) => e.textContent)");
    eventually(&format!("{css} to read {expected:?}"), || async {
        let lines = browser.eval(&script).await;
        let lines = lines.as_array().cloned().unwrap_or_default();
        lines.iter().any(|line| plain(line.as_str().unwrap_or("")).contains(expected)).then_some(())
    })
    .await;
}

/// No axe violation on the page as it is now (the widget has no moderate one to explain).
async fn no_axe_violation(browser: &Browser, what: &str) {
    let violations = axe::run(&browser.client).await;
    let summary: Vec<String> = violations
        .iter()
        .map(|v| format!("{} ({:?}): {} at {:?}", v.id, v.impact, v.help, v.nodes))
        .collect();
    println!("axe customer page, {what}: {} violation(s)", violations.len());
    assert!(violations.is_empty(), "axe on the customer page, {what}: {summary:#?}");
}

/// Whether the customer's own bubble stands right of the agent's.
async fn own_bubble_right_of_agent(browser: &Browser) -> bool {
    let answer = browser
        .eval(
            "const own = document.querySelector('#thread .bubble.own').getBoundingClientRect();
             const agent = document.querySelector('#thread .bubble.agent').getBoundingClientRect();
             return own.right > agent.right;",
        )
        .await;
    answer == json!(true)
}

async fn start_chat(browser: &Browser, name: &str, email: &str, text: &str) {
    browser.set_value("#start-name", name).await;
    browser.set_value("#start-email", email).await;
    browser.set_value("#start-text", text).await;
    browser.click("#start button[type=submit]").await;
    browser.wait("#chat:not([hidden])").await;
}

async fn customer_says(browser: &Browser, text: &str) {
    browser.set_value("#compose-text", text).await;
    browser.press_enter("#compose-text").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_in_a_real_browser_chats_with_the_desk() {
    let _one_at_a_time = exclusive().await;
    let hub =
        TestHub::start(TestHub::config(|config| config.settings.accept_timeout_secs = 120)).await;
    let jonas = ApiAgent::sign_in(&hub, "jonas").await;
    let desk = DeskApp::launch(Launch::default()).await;
    desk.sign_in_remote(&hub.url(), "anna", false).await;
    desk.go_available().await;
    jonas.go_available().await;

    let browser = Browser::launch("en-US").await;
    browser.goto(&format!("{}/chat", hub.url())).await;
    browser.wait_text("h1", |heading| heading == widget("en-US", "widget-heading", None)).await;
    assert_eq!(browser.eval("return document.documentElement.dir").await, json!("ltr"));
    no_axe_violation(&browser, "English, the pre-chat form").await;

    // The language switch: every language named in itself; German, then back to English.
    let names = browser
        .eval("return [...document.querySelectorAll('nav.languages a')].map((a) => a.textContent)")
        .await;
    let expected: Vec<String> =
        WidgetText::all().map(|text| text.message("widget-language-name", None)).collect();
    assert_eq!(names, json!(expected), "one link per language, named in that language");
    browser.click("nav.languages a[hreflang=de]").await;
    browser.wait_text("h1", |heading| heading == widget("de", "widget-heading", None)).await;
    browser
        .wait_text("#start button[type=submit]", |button| {
            button == widget("de", "widget-start-button", None)
        })
        .await;
    assert_eq!(browser.eval("return document.documentElement.lang").await, json!("de"));
    browser.click("nav.languages a[hreflang=en-US]").await;
    browser.wait_text("h1", |heading| heading == widget("en-US", "widget-heading", None)).await;

    // The form refuses to start without a name and a message, and says so.
    browser.click("#start button[type=submit]").await;
    browser.wait_text("#start-error", |error| !error.is_empty()).await;
    assert_eq!(browser.count("#chat").await, 0, "no chat without a name and a message");

    start_chat(&browser, "Melissa Jones", "melissa@example.com", "Hello, my order 48213 is late.")
        .await;
    thread_line(&browser, "#thread .bubble.own .text", "my order 48213 is late").await;
    browser.wait_text("#status", |status| status == widget("en-US", "widget-waiting", None)).await;

    // The desk takes it.
    let popover = desk.wait(".offer[data-conversation-id]").await;
    let id = popover.attr("data-conversation-id").await.unwrap().unwrap();
    desk.wait_text(".offer .customer-name", |name| name == "Melissa Jones").await;
    desk.click(".offer .accept").await;
    desk.wait_text("#messages .message.customer .bubble", |text| text.contains("order 48213"))
        .await;
    let joined = widget("en-US", "widget-agent-joined", Some("Anna Lindqvist"));
    thread_line(&browser, "#thread .system", &joined).await;
    browser.wait_text("#status", str::is_empty).await;

    // The agent types: the customer sees it; the words arrive and the line goes.
    desk.type_into("#compose", "Hello Melissa, let me check that for you.").await;
    let typing = widget("en-US", "widget-agent-typing", Some("Anna Lindqvist"));
    browser.wait_text("#typing", |line| plain(line) == typing).await;
    desk.press_enter("#compose").await;
    thread_line(&browser, "#thread .bubble.agent .text", "let me check that for you").await;
    browser.wait_text("#typing", str::is_empty).await;

    // The customer writes back; Enter sends.
    customer_says(&browser, "Thank you! It was due on Monday.").await;
    desk.wait_text("#messages", |text| text.contains("due on Monday")).await;
    thread_line(&browser, "#thread .bubble.own .text", "due on Monday").await;
    assert_eq!(
        browser.eval("return document.getElementById('compose-text').value").await,
        json!("")
    );
    assert!(
        own_bubble_right_of_agent(&browser).await,
        "in English the customer's own bubble is on the right, the agent's on the left"
    );
    browser.screenshot("browser-chat-en-US").await;
    no_axe_violation(&browser, "English, during the chat").await;

    // A colleague joins a conference and leaves it.
    desk.click("#pane-conference").await;
    desk.wait("#handoff-list[aria-busy=false] li").await;
    desk.click("#handoff-list input[value='agent:jonas']").await;
    desk.click("#handoff-submit").await;
    jonas.wait_for_offer_of(&id, 1).await;
    jonas.accept_and_wait(&id).await;
    let jonas_joined = widget("en-US", "widget-agent-joined", Some("Jonas Becker"));
    thread_line(&browser, "#thread .system", &jonas_joined).await;
    jonas.say(&id, "Jonas here, from the warehouse.").await;
    thread_line(&browser, "#thread .bubble.agent", "Jonas here, from the warehouse.").await;
    jonas.leave_conference(&id).await;
    let jonas_left = widget("en-US", "widget-agent-left", Some("Jonas Becker"));
    thread_line(&browser, "#thread .system", &jonas_left).await;

    // A reload resumes the same conversation: the whole thread, and it goes on.
    let before = browser.count("#thread li").await;
    browser.client.refresh().await.unwrap();
    browser.wait("#chat:not([hidden])").await;
    eventually("the thread to be rebuilt after the reload", || async {
        (browser.count("#thread li").await == before).then_some(())
    })
    .await;
    thread_line(&browser, "#thread .bubble.own .text", "my order 48213 is late").await;
    thread_line(&browser, "#thread .system", &jonas_left).await;
    customer_says(&browser, "Still here after a reload.").await;
    desk.wait_text("#messages", |text| text.contains("Still here after a reload.")).await;
    desk.type_into("#compose", "I can see you.").await;
    desk.press_enter("#compose").await;
    thread_line(&browser, "#thread .bubble.agent .text", "I can see you.").await;
    assert_eq!(browser.count("#thread li").await, before + 2, "nothing shown twice");

    // The customer leaves: their page says so, and the desk reads it as a system line.
    browser.click("#end").await;
    browser.wait_text("#status", |status| status == widget("en-US", "widget-ended", None)).await;
    browser.wait("#restart:not([hidden])").await;
    desk.wait_text("#messages .message.system:last-of-type", |line| {
        line.contains("The customer ended the conversation.")
    })
    .await;
    browser.screenshot("browser-ended-en-US").await;
    desk.screenshot("desk-customer-left-en-US").await;
    browser.quit().await;
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_customer_page_in_arabic_reads_right_to_left() {
    let _one_at_a_time = exclusive().await;
    let hub =
        TestHub::start(TestHub::config(|config| config.settings.accept_timeout_secs = 120)).await;
    let layla = ApiAgent::sign_in(&hub, "layla").await;
    let anna = ApiAgent::sign_in(&hub, "anna").await;
    layla.go_available().await;

    // The browser asks for Arabic: the page comes in Arabic without a choice.
    let browser = Browser::launch("ar").await;
    browser.goto(&format!("{}/chat", hub.url())).await;
    browser.wait_text("h1", |heading| heading == widget("ar", "widget-heading", None)).await;
    assert_eq!(browser.eval("return document.documentElement.dir").await, json!("rtl"));
    assert_eq!(
        browser
            .eval("return getComputedStyle(document.querySelector('form#start')).direction")
            .await,
        json!("rtl")
    );
    no_axe_violation(&browser, "Arabic, the pre-chat form").await;
    browser.screenshot("browser-start-ar").await;

    start_chat(&browser, "سارة منصور", "sara@example.com", "مرحبا، طلبي رقم 48213 متأخر.").await;
    browser.wait_text("#status", |status| status == widget("ar", "widget-waiting", None)).await;
    let id = layla.wait_for_offer().await;
    layla.accept_and_wait(&id).await;
    thread_line(
        &browser,
        "#thread .system",
        &widget("ar", "widget-agent-joined", Some("Layla Haddad")),
    )
    .await;
    layla.client.typing(&id).await.unwrap();
    let typing = widget("ar", "widget-agent-typing", Some("Layla Haddad"));
    browser.wait_text("#typing", |line| plain(line) == typing).await;
    layla.say(&id, "أهلاً سارة، سأتحقق من طلبك.").await;
    thread_line(&browser, "#thread .bubble.agent .text", "سأتحقق من طلبك").await;
    browser.wait_text("#typing", str::is_empty).await;
    customer_says(&browser, "شكراً جزيلاً").await;
    thread_line(&browser, "#thread .bubble.own .text", "شكراً جزيلاً").await;
    // Mirrored: the customer's own words stand on the other side than in English.
    assert!(
        !own_bubble_right_of_agent(&browser).await,
        "in Arabic the customer's own bubble is on the left, the agent's on the right"
    );
    no_axe_violation(&browser, "Arabic, during the chat").await;

    // Handed to a colleague: the customer is told, in Arabic, and the colleague joins.
    anna.go_available().await;
    layla.client.transfer(&id, HandoffTarget::Agent { agent_id: "anna".into() }).await.unwrap();
    thread_line(&browser, "#thread .system", &widget("ar", "widget-transferred", None)).await;
    anna.wait_for_offer_of(&id, 1).await;
    anna.accept_and_wait(&id).await;
    thread_line(
        &browser,
        "#thread .system",
        &widget("ar", "widget-agent-joined", Some("Anna Lindqvist")),
    )
    .await;
    anna.say(&id, "Anna here: I will take care of it.").await;
    thread_line(&browser, "#thread .bubble.agent .text", "Anna here").await;
    browser.screenshot("browser-chat-ar").await;

    // The agent leaves: the customer reads, in Arabic, that the agent ended the chat.
    anna.client.act(&id, ConversationAction::End).await.unwrap();
    thread_line(&browser, "#thread .system", &widget("ar", "widget-ended-by-agent", None)).await;
    browser.screenshot("browser-ended-by-agent-ar").await;
    browser.quit().await;
}

/// A chat window whose Livechat entry point an admin took out of service: the customer's
/// start is refused and the page says why, in the customer's language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retired_entry_point_tells_the_customer_in_their_language() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(TestHub::config(|config| {
        config.agents.iter_mut().find(|a| a.id == "camille").unwrap().admin = true;
    }))
    .await;
    let admin = ApiAgent::sign_in(&hub, "camille").await;
    admin.retire_asset("livechat", "livechat-de").await.unwrap();

    let browser = Browser::launch("de").await;
    browser.goto(&format!("{}/chat?lang=de&queue=livechat-de", hub.url())).await;
    browser.wait_text("h1", |heading| heading == widget("de", "widget-heading", None)).await;
    browser.set_value("#start-name", "Jonas Schmidt").await;
    browser.set_value("#start-text", "Hallo, ist jemand da?").await;
    browser.click("#start button[type=submit]").await;
    let expected = widget("de", "widget-error-entry-point-closed", None);
    browser.wait_text("#start-error", |error| plain(error) == expected).await;
    assert!(expected.contains("nicht mehr verfügbar"), "{expected}");
    assert_eq!(browser.eval("return document.getElementById('chat').hidden").await, json!(true));
    browser.screenshot("widget-entry-point-closed-de").await;
}
