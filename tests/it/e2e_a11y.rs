//! Accessibility, checked in the real window (WCAG 2.1 AA is what public-sector buyers ask
//! for):
//!
//! - axe-core (npm, pinned in `tests/a11y/package-lock.json`) injected through WebDriver into
//!   every screen and state an agent sees, in English and in Arabic, light and dark: no
//!   critical or serious violation, and no moderate one that ARCHITECTURE.md does not explain.
//!   Dark is checked by applying the stylesheet's own `prefers-color-scheme: dark` rules (the
//!   WebDriver session cannot change the system preference). The customer's chat page is
//!   left to the browser test: loaded in the desk's window, WebDriver never returns.
//! - The agent's day with the keyboard only: sign in, Available, accept, reply, an FAQ answer,
//!   a transfer, End and the wrap-up, with the focus checked at each step (and its ring
//!   drawn), dialogs keeping and giving back the focus, and no shortcut while typing.
//! - Screen readers: requests, new messages per conversation, typing, an interruption and the
//!   connection announced once each through the live regions; masked values read as words.
//! - The layout: a 1280×720 window with the connection banner keeps Sign out in view; 200 %
//!   zoom (Ctrl+=) keeps every control reachable; no animation under reduced motion.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use serde_json::{json, Value};

use crate::support::axe::{self, Violation};
use crate::support::desk::Launch;
use crate::support::{eventually, exclusive, plain, ApiAgent, Customer, DeskApp, PreChat, TestHub};

/// Moderate violations that ARCHITECTURE.md ("Accessibility") explains; none today.
const EXPLAINED_MODERATE: &[&str] = &[];

const TAB: char = '\u{E004}';
const ENTER: char = '\u{E007}';
const SHIFT: char = '\u{E008}';
const CONTROL: char = '\u{E009}';
const ALT: char = '\u{E00A}';
const ESCAPE: char = '\u{E00C}';
const DOWN: char = '\u{E015}';
const F1: char = '\u{E031}';

fn hub_config() -> contact_hub::HubConfig {
    TestHub::config(|config| {
        config.settings.accept_timeout_secs = 120;
        let camille = config.agents.iter_mut().find(|agent| agent.id == "camille").unwrap();
        camille.admin = true;
    })
}

// ---------------------------------------------------------------------------------------
// axe-core

struct Row {
    screen: String,
    scheme: &'static str,
    violations: Vec<Violation>,
}

impl Row {
    fn count(&self, impact: &str) -> usize {
        self.violations.iter().filter(|v| v.impact.as_deref() == Some(impact)).count()
    }
}

/// axe's results for every screen of one language, printed as a table and kept in
/// `target/a11y/axe-<locale>.md`.
struct Audit {
    locale: &'static str,
    rows: Vec<Row>,
}

async fn run_axe(desk: &DeskApp) -> Vec<Violation> {
    axe::run(&desk.client).await
}

/// Applies the stylesheet's rules for `media` (e.g. dark mode) as if the system asked for it:
/// the rules inside the matching `@media` blocks are appended to the sheet.
async fn force_media(desk: &DeskApp, media: &str) -> u64 {
    let script = "const pattern = new RegExp(arguments[0]);
        const sheet = [...document.styleSheets].find((s) => (s.href || '').endsWith('styles.css'));
        const texts = [];
        for (const rule of sheet.cssRules) {
          if (rule instanceof CSSMediaRule && pattern.test(rule.media.mediaText)) {
            for (const inner of rule.cssRules) texts.push(inner.cssText);
          }
        }
        for (const text of texts) sheet.insertRule(text, sheet.cssRules.length);
        window.__forcedRules = (window.__forcedRules || 0) + texts.length;
        if (/color-scheme/.test(arguments[0])) document.documentElement.style.colorScheme = 'dark';
        return texts.length;";
    let count = desk.client.execute(script, vec![json!(media)]).await.unwrap();
    count.as_u64().unwrap_or(0)
}

async fn unforce_media(desk: &DeskApp) {
    desk.eval(
        "const sheet = [...document.styleSheets].find((s) => (s.href || '').endsWith('styles.css'));
         for (let i = 0; i < (window.__forcedRules || 0); i++) sheet.deleteRule(sheet.cssRules.length - 1);
         window.__forcedRules = 0;
         document.documentElement.style.colorScheme = '';",
    )
    .await;
}

impl Audit {
    fn new(locale: &'static str) -> Self {
        Self { locale, rows: Vec::new() }
    }

    /// axe on what the window shows now, light and dark, with a screenshot of each.
    async fn check(&mut self, desk: &DeskApp, screen: &str) {
        // Translations and timers settle first (they are resolved asynchronously).
        tokio::time::sleep(Duration::from_millis(300)).await;
        let light = run_axe(desk).await;
        desk.screenshot(&format!("a11y-{screen}-{}", self.locale)).await;
        self.rows.push(Row { screen: screen.to_owned(), scheme: "light", violations: light });
        assert!(force_media(desk, r"prefers-color-scheme:\s*dark").await > 0, "a dark palette");
        let dark = run_axe(desk).await;
        desk.screenshot(&format!("a11y-{screen}-{}-dark", self.locale)).await;
        unforce_media(desk).await;
        self.rows.push(Row { screen: screen.to_owned(), scheme: "dark", violations: dark });
        for row in &self.rows[self.rows.len() - 2..] {
            let rules: Vec<String> = row
                .violations
                .iter()
                .map(|v| {
                    format!(
                        "{} ({}, {} nodes)",
                        v.id,
                        v.impact.as_deref().unwrap_or("?"),
                        v.nodes.len()
                    )
                })
                .collect();
            println!("axe {} {} {}: {}", self.locale, row.screen, row.scheme, rules.join(", "));
        }
    }

    fn table(&self) -> String {
        let mut out = format!(
            "axe-core in the desk window, {}\n\n| screen | scheme | critical | serious | moderate | minor | rules |\n|---|---|---|---|---|---|---|\n",
            self.locale
        );
        for row in &self.rows {
            let rules: Vec<String> = row
                .violations
                .iter()
                .map(|v| format!("{} ({})", v.id, v.impact.as_deref().unwrap_or("?")))
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                row.screen,
                row.scheme,
                row.count("critical"),
                row.count("serious"),
                row.count("moderate"),
                row.count("minor"),
                rules.join(", ")
            );
        }
        out
    }

    /// Prints and saves the table, then fails on anything serious or unexplained.
    fn conclude(&self) {
        let table = self.table();
        println!("{table}");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/a11y");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("axe-{}.md", self.locale)), &table).unwrap();
        let mut problems = String::new();
        for row in &self.rows {
            for violation in &row.violations {
                let impact = violation.impact.as_deref().unwrap_or("");
                let fails = matches!(impact, "critical" | "serious")
                    || (impact == "moderate"
                        && !EXPLAINED_MODERATE.contains(&violation.id.as_str()));
                if !fails {
                    continue;
                }
                let _ = writeln!(
                    problems,
                    "{} / {} / {}: {} ({impact}): {}",
                    self.locale, row.screen, row.scheme, violation.id, violation.help
                );
                for node in &violation.nodes {
                    let _ = writeln!(
                        problems,
                        "    {} {}\n      {}",
                        node.target,
                        node.html,
                        node.summary.as_deref().unwrap_or("").replace('\n', " / ")
                    );
                }
            }
        }
        assert!(problems.is_empty(), "accessibility violations:\n{problems}");
    }
}

/// Every screen and state an agent sees, in one language, checked by axe.
async fn audit_every_screen(locale: &'static str) {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub_config()).await;
    let (os_locale, username) = match locale {
        "ar" => ("ar_SA.UTF-8", "layla"),
        _ => ("en_US.UTF-8", "anna"),
    };
    let jonas = ApiAgent::sign_in(&hub, "jonas").await;
    jonas
        .create_customer(
            "Ada Lovelace",
            Some("ada.lovelace@example.com"),
            Some("+44 7966 197542"),
            Some("ACC-1815"),
            "Prefers chat over phone.",
        )
        .await;
    let mut audit = Audit::new(locale);
    let desk = DeskApp::launch(Launch { os_locale: Some(os_locale), ..Launch::default() }).await;
    audit.check(&desk, "sign-in").await;

    desk.sign_in_remote(&hub.url(), username, false).await;
    desk.wait("#ready-button:not([hidden])").await;
    audit.check(&desk, "desk-empty").await;
    desk.click("#presence-button").await;
    desk.wait("#presence-menu:not([hidden]) [role=menuitemradio]").await;
    audit.check(&desk, "presence-menu").await;
    desk.click("#presence-menu [data-state=available]").await;
    desk.wait(".presence[data-presence=available]").await;

    desk.click("#settings-button").await;
    desk.wait("#settings-dialog[open]").await;
    desk.wait("#settings-dialog select[name=lockIdleCode] option").await;
    audit.check(&desk, "settings").await;
    desk.click("#settings-dialog .dialog-actions button").await;
    desk.wait_gone("#settings-dialog[open]").await;

    desk.click("#help-button").await;
    desk.wait("#help-dialog[open]").await;
    audit.check(&desk, "shortcuts").await;
    desk.click("#help-dialog .dialog-actions button").await;
    desk.wait_gone("#help-dialog[open]").await;

    desk.click("#queues-button").await;
    desk.wait("#queues-dialog[open]").await;
    desk.wait("#queues-list li input").await;
    audit.check(&desk, "queues").await;
    desk.click("#queues-cancel").await;
    desk.wait_gone("#queues-dialog[open]").await;

    desk.click("#drafts-button").await;
    desk.wait("#drafts-dialog[open]").await;
    desk.wait("#drafts-empty:not([hidden])").await;
    audit.check(&desk, "drafts-empty").await;
    desk.click("#drafts-dialog .dialog-actions button").await;
    desk.wait_gone("#drafts-dialog[open]").await;

    // A known customer: the request, then her record beside the chat.
    let ada = Customer::start_with(
        &hub.url(),
        "Ada Lovelace",
        "Hello, my card 4111 1111 1111 1111 was charged twice for order 48213.",
        PreChat {
            email: Some("ada.lovelace@example.com"),
            phone: Some("+44 7966 197542"),
            ..PreChat::default()
        },
    )
    .await;
    let ada_offer = format!(".offer[data-conversation-id={:?}]", ada.conversation_id);
    desk.wait(&format!("{ada_offer} .accept")).await;
    audit.check(&desk, "contact-request").await;
    // "Preview record" open: the matched record's details in the popover.
    desk.click(&format!("{ada_offer} .offer-preview")).await;
    desk.wait(&format!("{ada_offer} .offer-record-details dd")).await;
    audit.check(&desk, "contact-request-preview").await;
    desk.click(&format!("{ada_offer} .accept")).await;
    desk.wait_gone(&ada_offer).await;
    desk.wait("#compose:not(:disabled)").await;

    // A new customer: the request beside an open chat, then the new-record form.
    let ben = Customer::start(&hub.url(), "Ben Carter", "Hi, where is my parcel?").await;
    let ben_offer = format!(".offer[data-conversation-id={:?}]", ben.conversation_id);
    desk.wait(&format!("{ben_offer} .accept")).await;
    desk.click(&format!("{ben_offer} .accept")).await;
    desk.wait_gone(&ben_offer).await;
    let ben_row = format!("#task-list .task[data-conversation-id={:?}]", ben.conversation_id);
    desk.wait(&format!("{ben_row} .task-button[aria-current=true]")).await;
    desk.wait("#record-form:not([hidden])").await;
    audit.check(&desk, "record-new").await;

    // Ada's chat with every kind of bubble: hers, the agent's, a colleague's, system lines.
    let ada_row = format!("#task-list .task[data-conversation-id={:?}]", ada.conversation_id);
    desk.click(&format!("{ada_row} .task-button")).await;
    desk.wait(&format!("{ada_row} .task-button[aria-current=true]")).await;
    desk.wait("#record-preview:not([hidden])").await;
    // What Ada typed in the pre-chat form is a claim until the agent confirms it.
    desk.wait("#record-claim:not([hidden]) #record-confirm").await;
    audit.check(&desk, "record-claimed").await;
    desk.click("#record-confirm").await;
    desk.wait_gone("#record-confirm").await;
    desk.paste("#compose", "Hello Ada, I am looking at order 48213 now.").await;
    desk.press_enter("#compose").await;
    ada.wait_for_agent_text("Hello Ada, I am looking at order 48213 now.").await;
    ada.say("Thank you! My number is +44 7966 197542.").await;
    desk.wait_text("#messages", |text| text.contains("Thank you!")).await;
    jonas.go_available().await;
    desk.click("#pane-conference").await;
    desk.wait("#handoff-dialog[open]").await;
    desk.wait("#handoff-list[aria-busy=false] li").await;
    audit.check(&desk, "conference-dialog").await;
    desk.click("#handoff-list input[value='agent:jonas']").await;
    desk.click("#handoff-submit").await;
    desk.wait_gone("#handoff-dialog[open]").await;
    jonas.wait_for_offer_of(&ada.conversation_id, 1).await;
    jonas.accept_and_wait(&ada.conversation_id).await;
    jonas.say(&ada.conversation_id, "Jonas here, I can see the double charge.").await;
    desk.wait("#messages .message.agent.colleague").await;
    jonas.leave_conference(&ada.conversation_id).await;
    eventually("the colleague's join and leave lines", || async {
        (desk.count("#messages .message.system").await >= 2).then_some(())
    })
    .await;
    desk.wait("#pane-transfer:not(:disabled)").await;
    audit.check(&desk, "conversation").await;

    desk.click("#pane-transfer").await;
    desk.wait("#handoff-dialog[open]").await;
    desk.wait("#handoff-list[aria-busy=false] li").await;
    audit.check(&desk, "transfer-dialog").await;
    desk.click("#handoff-cancel").await;
    desk.wait_gone("#handoff-dialog[open]").await;

    desk.click("#faq-button").await;
    desk.wait("#faq-list li").await;
    audit.check(&desk, "faq").await;
    desk.type_into("#faq-search", &ESCAPE.to_string()).await;
    desk.wait_gone("#faq-popover").await;

    // Wrap-up: the reasons, then the chat log already on Ada's record (view mode).
    desk.click("#pane-end").await;
    desk.wait("#wrapup-dialog[open]").await;
    audit.check(&desk, "wrapup-reasons").await;
    desk.click("#wrapup-list input[value=resolved]").await;
    desk.click("#wrapup-continue").await;
    desk.wait("#wrapup-dialog .chatlog[data-mode=view]").await;
    audit.check(&desk, "wrapup-chatlog-view").await;
    desk.click("#wrapup-finish").await;
    desk.wait_gone("#wrapup-dialog[open]").await;

    // Ben's chat log is new (edit mode, the customer picker); kept as a draft.
    desk.wait(&format!("{ben_row} .task-button[aria-current=true]")).await;
    desk.click("#pane-end").await;
    desk.wait("#wrapup-dialog[open]").await;
    desk.click("#wrapup-list input[value=resolved]").await;
    desk.click("#wrapup-continue").await;
    desk.wait("#wrapup-dialog .chatlog[data-mode=edit]").await;
    audit.check(&desk, "wrapup-chatlog-edit").await;
    desk.click("#wrapup-finish").await;
    desk.wait_gone("#wrapup-dialog[open]").await;
    desk.wait_gone("#task-list .task").await;

    // The drafts and one draft in its own dialog.
    desk.wait_text("#drafts-count", |count| count == "1").await;
    desk.click("#drafts-button").await;
    desk.wait("#drafts-list .case-button").await;
    audit.check(&desk, "drafts").await;
    desk.click("#drafts-list .case-button").await;
    desk.wait("#chatlog-dialog[open] .chatlog[data-mode=edit]").await;
    audit.check(&desk, "chatlog-dialog").await;
    desk.click("#chatlog-close").await;
    desk.wait_gone("#chatlog-dialog[open]").await;

    // The connection banner.
    let mut hub = hub;
    hub.stop().await;
    desk.wait("#connection:not([hidden])").await;
    audit.check(&desk, "connection-lost").await;
    hub.restart().await;
    desk.wait_gone("#connection").await;

    audit.conclude();
    desk.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_screen_passes_axe_in_english() {
    audit_every_screen("en-US").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_screen_passes_axe_in_arabic() {
    audit_every_screen("ar").await;
}

// ---------------------------------------------------------------------------------------
// The keyboard

/// Presses keys together (a chord such as Alt+T), through WebDriver's key actions: the
/// window gets real key events wherever its focus is.
async fn press(desk: &DeskApp, chord: &[char]) {
    let mut actions = KeyActions::new("keyboard".into());
    for key in chord {
        actions = actions.then(KeyAction::Down { value: *key });
    }
    for key in chord.iter().rev() {
        actions = actions.then(KeyAction::Up { value: *key });
    }
    desk.client.perform_actions(actions).await.unwrap();
}

/// Types text key by key, wherever the focus is.
async fn type_keys(desk: &DeskApp, text: &str) {
    let mut actions = KeyActions::new("keyboard".into());
    for key in text.chars() {
        actions = actions.then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
    }
    desk.client.perform_actions(actions).await.unwrap();
}

/// What has the focus, for a failure message.
async fn focused(desk: &DeskApp) -> String {
    let script = "const e = document.activeElement;
        if (!e) return 'nothing';
        return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
          (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '') +
          (e.value && e.type === 'radio' ? '[value=' + e.value + ']' : '') +
          (e.closest('.task') ? ' in the row of ' + e.closest('.task').dataset.conversationId + (e.isConnected ? '' : ' (removed)') : '');";
    desk.eval(script).await.as_str().unwrap_or_default().to_owned()
}

/// Waits until the focus is on `css`, and checks its focus ring is drawn.
async fn assert_focus(desk: &DeskApp, css: &str) {
    let script =
        format!("return !!document.activeElement && document.activeElement.matches({css:?})");
    let deadline = tokio::time::Instant::now() + crate::support::PATIENCE;
    while desk.eval(&script).await != json!(true) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the focus should be on {css}, it is on {}",
            focused(desk).await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_ring(desk).await;
}

/// The focused element (or, for a visually hidden radio, its label's text) draws a ring.
async fn assert_ring(desk: &DeskApp) {
    let script = "const e = document.activeElement;
        const target = e.matches('.segmented input') ? e.nextElementSibling : e;
        const style = getComputedStyle(target);
        return [e.matches(':focus-visible'), style.outlineStyle, parseFloat(style.outlineWidth)];";
    let ring = desk.eval(script).await;
    assert_ne!(ring[1], json!("none"), "{} draws its focus ring: {ring}", focused(desk).await);
    assert!(ring[2].as_f64().unwrap_or(0.0) >= 2.0, "a ring of 2 px at least: {ring}");
}

/// The focus stays inside `dialog` however often Tab is pressed.
async fn assert_trapped(desk: &DeskApp, dialog: &str, presses: usize) {
    let inside =
        format!("return !!document.activeElement && !!document.activeElement.closest({dialog:?})");
    for _ in 0..presses {
        press(desk, &[TAB]).await;
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(
            desk.eval(&inside).await,
            json!(true),
            "Tab left {dialog}: {}",
            focused(desk).await
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_shift_with_the_keyboard_only() {
    let _one_at_a_time = exclusive().await;
    let hub = TestHub::start(hub_config()).await;
    let jonas = ApiAgent::sign_in(&hub, "jonas").await;
    let desk = DeskApp::launch(Launch::default()).await;

    // Sign in: the team hub's address, user name, password, Enter.
    assert_focus(&desk, "#username").await;
    press(&desk, &[SHIFT, TAB]).await;
    assert_focus(&desk, "input[name=hub][value=embedded]").await;
    press(&desk, &[DOWN]).await;
    assert_focus(&desk, "input[name=hub][value=remote]:checked").await;
    press(&desk, &[TAB]).await;
    assert_focus(&desk, "#hub-url").await;
    press(&desk, &[CONTROL, 'a']).await;
    type_keys(&desk, &hub.url()).await;
    press(&desk, &[TAB]).await;
    assert_focus(&desk, "#username").await;
    type_keys(&desk, "anna").await;
    press(&desk, &[TAB]).await;
    assert_focus(&desk, "#password").await;
    type_keys(&desk, "demo").await;
    press(&desk, &[ENTER]).await;
    desk.wait("#desk-screen:not([hidden])").await;
    // The first thing to do has the focus: Ready to work; then the state it set.
    assert_focus(&desk, "#ready-button").await;
    press(&desk, &[ENTER]).await;
    desk.wait(".presence[data-presence=available]").await;
    assert_focus(&desk, "#presence-button").await;

    // F1: the shortcuts, in a dialog that keeps the focus and gives it back.
    press(&desk, &[F1]).await;
    desk.wait("#help-dialog[open]").await;
    let listed = desk.wait_text("#help-dialog .shortcuts", |text| text.contains("Alt")).await;
    for shortcut in ["Alt+A", "Alt+N", "Alt+E", "Alt+T", "Alt+K", "Alt+C", "F1"] {
        assert!(
            listed.replace(['\n', ' '], "").contains(shortcut),
            "{shortcut} is listed: {listed}"
        );
    }
    assert_trapped(&desk, "#help-dialog", 3).await;
    press(&desk, &[ESCAPE]).await;
    desk.wait_gone("#help-dialog[open]").await;
    assert_focus(&desk, "#presence-button").await;
    desk.screenshot("keyboard-available-en-US").await;

    // A request: Alt+A accepts it and the compose box has the focus.
    let ada = Customer::start(&hub.url(), "Ada Lovelace", "Hello, I need help with my order").await;
    desk.wait(".offer .accept").await;
    press(&desk, &[ALT, 'a']).await;
    desk.wait(&format!("#task-list .task[data-conversation-id={:?}]", ada.conversation_id)).await;
    assert_focus(&desk, "#compose").await;
    type_keys(&desk, "Hello Ada, happy to help.").await;
    press(&desk, &[ENTER]).await;
    ada.wait_for_agent_text("Hello Ada, happy to help.").await;
    assert_focus(&desk, "#compose").await;

    // Shortcuts never fire while typing in the compose box.
    type_keys(&desk, "Just a").await;
    press(&desk, &[ALT, 'e']).await;
    press(&desk, &[ALT, 't']).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(desk.count("dialog[open]").await, 0, "no shortcut while typing");
    assert_focus(&desk, "#compose").await;
    let draft = desk.eval("return document.getElementById('compose').value").await;
    assert!(draft.as_str().unwrap_or_default().starts_with("Just a"), "the draft: {draft}");
    desk.eval("const c = document.getElementById('compose'); c.select();").await;
    press(&desk, &['\u{E003}']).await; // Backspace: the draft goes

    // An FAQ answer: Tab to the FAQ button, Enter, search, Enter inserts it, Enter sends.
    press(&desk, &[TAB]).await;
    assert_focus(&desk, "#faq-button").await;
    press(&desk, &[ENTER]).await;
    assert_focus(&desk, "#faq-search").await;
    type_keys(&desk, "greet").await;
    desk.wait_text("#faq-list li[aria-selected=true] .faq-title", |t| t == "Greeting").await;
    press(&desk, &[ENTER]).await;
    assert_focus(&desk, "#compose").await;
    let inserted = desk.eval("return document.getElementById('compose').value").await;
    assert!(inserted.as_str().unwrap_or_default().contains("How can I help"), "{inserted}");
    press(&desk, &[ENTER]).await;
    eventually("the FAQ answer to reach Ada", || async {
        ada.agent_texts().iter().any(|text| text.contains("How can I help")).then_some(())
    })
    .await;

    // A second request while the compose box has the focus: Tab out of it, Alt+A.
    let ben = Customer::start(&hub.url(), "Ben Carter", "Hi, where is my parcel?").await;
    desk.wait(".offer .accept").await;
    press(&desk, &[TAB]).await;
    assert_focus(&desk, "#faq-button").await;
    press(&desk, &[ALT, 'a']).await;
    let ben_row = format!("#task-list .task[data-conversation-id={:?}]", ben.conversation_id);
    desk.wait(&format!("{ben_row} .task-button[aria-current=true]")).await;
    assert_focus(&desk, "#compose").await;

    // Transfer Ben to Jonas: Alt+T, search, Tab to him, Space, Tab to Transfer, Enter.
    jonas.go_available().await;
    press(&desk, &[TAB]).await;
    assert_focus(&desk, "#faq-button").await;
    press(&desk, &[ALT, 't']).await;
    desk.wait("#handoff-dialog[open]").await;
    assert_focus(&desk, "#handoff-search").await;
    desk.wait("#handoff-list[aria-busy=false] li").await;
    type_keys(&desk, "jon").await;
    press(&desk, &[TAB]).await;
    assert_focus(&desk, "#handoff-list input[value='agent:jonas']").await;
    press(&desk, &[' ']).await;
    desk.wait("#handoff-submit:not(:disabled)").await;
    press(&desk, &[TAB]).await;
    assert_focus(&desk, "#handoff-refresh, #handoff-cancel").await;
    while !desk
        .eval("return document.activeElement.id === 'handoff-submit'")
        .await
        .as_bool()
        .unwrap()
    {
        press(&desk, &[TAB]).await;
        assert_eq!(
            desk.eval("return !!document.activeElement.closest('#handoff-dialog')").await,
            json!(true),
            "Tab stays in the dialog"
        );
    }
    assert_trapped(&desk, "#handoff-dialog", 6).await;
    while !desk
        .eval("return document.activeElement.id === 'handoff-submit'")
        .await
        .as_bool()
        .unwrap()
    {
        press(&desk, &[TAB]).await;
    }
    desk.screenshot("keyboard-transfer-en-US").await;
    press(&desk, &[ENTER]).await;
    jonas.wait_for_offer_of(&ben.conversation_id, 1).await;
    jonas.accept_and_wait(&ben.conversation_id).await;

    // Ben's wrap-up follows, Anna's part only (she handed the chat on: no chat log step):
    // Tab to the first reason, Space, Tab past Later to Finish, Enter.
    desk.wait("#wrapup-dialog[open]").await;
    assert_focus(&desk, "#wrapup-search").await;
    handed_on_wrap_up_with_keys(&desk).await;
    desk.wait_gone(&ben_row).await;
    // The focus comes back to the desk, in Ada's chat.
    assert_focus(&desk, "#faq-button, #compose").await;

    // End Ada's chat: Alt+E (not from the compose box), the wrap-up, Finish.
    if desk.eval("return document.activeElement.id").await == json!("compose") {
        press(&desk, &[TAB]).await;
    }
    press(&desk, &[ALT, 'e']).await;
    desk.wait("#wrapup-dialog[open]").await;
    assert_focus(&desk, "#wrapup-search").await;
    type_keys(&desk, "resol").await;
    wrap_up_with_keys(&desk).await;
    desk.wait_gone("#task-list .task").await;
    // Nothing left to work on: the focus is on the presence menu, never lost on the page.
    assert_focus(&desk, "#presence-button").await;
    assert!(ada.saw_end());
    desk.quit().await;
}

/// The wrap-up of a chat the agent transferred, from the reasons' search: Tab to the first
/// reason shown, Space, Tab past Later to Finish (there is no Continue), Enter.
async fn handed_on_wrap_up_with_keys(desk: &DeskApp) {
    press(desk, &[TAB]).await;
    assert_focus(desk, "#wrapup-list input[type=radio]").await;
    press(desk, &[' ']).await;
    desk.wait("#wrapup-finish:not(:disabled)").await;
    press(desk, &[TAB]).await;
    assert_focus(desk, "#wrapup-later").await;
    press(desk, &[TAB]).await;
    assert_focus(desk, "#wrapup-finish").await;
    press(desk, &[ENTER]).await;
    desk.wait_gone("#wrapup-dialog[open]").await;
}

/// From the reasons' search: Tab to the first reason shown, Space, Tab to Continue, Enter;
/// the chat log step opens with Finish focused; Enter.
async fn wrap_up_with_keys(desk: &DeskApp) {
    press(desk, &[TAB]).await;
    assert_focus(desk, "#wrapup-list input[type=radio]").await;
    press(desk, &[' ']).await;
    desk.wait("#wrapup-continue:not(:disabled)").await;
    press(desk, &[TAB]).await;
    assert_focus(desk, "#wrapup-later").await;
    press(desk, &[TAB]).await;
    assert_focus(desk, "#wrapup-continue").await;
    press(desk, &[ENTER]).await;
    desk.wait("#wrapup-step-chatlog:not([hidden])").await;
    assert_focus(desk, "#wrapup-finish").await;
    press(desk, &[ENTER]).await;
    desk.wait_gone("#wrapup-dialog[open]").await;
}

// ---------------------------------------------------------------------------------------
// Screen readers

/// The texts said through a live region so far (each announcement is its own paragraph).
async fn announced(desk: &DeskApp, region: &str) -> Vec<String> {
    let script =
        format!("return [...document.querySelectorAll('#{region} > *')].map((p) => p.textContent)");
    let texts = desk.eval(&script).await;
    texts
        .as_array()
        .map(|texts| texts.iter().filter_map(|t| t.as_str()).map(plain).collect())
        .unwrap_or_default()
}

/// Waits until `region` said a text satisfying `check`; then checks it was said once.
async fn announced_once(desk: &DeskApp, region: &str, check: impl Fn(&str) -> bool) -> String {
    let text = eventually(&format!("an announcement in #{region}"), || async {
        announced(desk, region).await.into_iter().find(|text| check(text))
    })
    .await;
    // Whatever else happens in the next moment, it is not said again.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let times = announced(desk, region).await.iter().filter(|said| **said == text).count();
    assert_eq!(times, 1, "{text:?} announced once: {:?}", announced(desk, region).await);
    text
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn screen_readers_hear_each_event_once() {
    let _one_at_a_time = exclusive().await;
    let mut hub = TestHub::start(hub_config()).await;
    let admin = ApiAgent::sign_in(&hub, "camille").await;
    let desk = DeskApp::launch(Launch::default()).await;
    desk.sign_in_remote(&hub.url(), "anna", false).await;
    desk.go_available().await;

    // The log has its roles: a named log holding a list of messages, not a live region that
    // would read the whole thread again on each switch.
    let ada = Customer::start_with(
        &hub.url(),
        "Ada Lovelace",
        "Hello, my card 4111 1111 1111 1111 was charged twice.",
        PreChat { phone: Some("+44 7966 197542"), ..PreChat::default() },
    )
    .await;
    let request =
        announced_once(&desk, "announcer-urgent", |text| text.contains("Ada Lovelace")).await;
    assert!(request.contains("New contact request") && request.contains("Alt+A"), "{request}");
    desk.click(".offer .accept").await;
    desk.wait("#compose:not(:disabled)").await;
    desk.wait("#messages > li").await;
    let roles = desk
        .eval(
            "const log = document.querySelector('[role=log]');
             return [log.getAttribute('aria-live'), !!log.getAttribute('aria-label') || !!log.getAttribute('aria-labelledby'),
                     log.querySelector('#messages').tagName, document.querySelectorAll('#messages > li').length > 0]",
        )
        .await;
    assert_eq!(roles, json!(["off", true, "OL", true]), "a named log, a list of messages");

    // Masked values are read as words, not as a row of asterisks.
    let card = desk
        .eval(
            "const m = [...document.querySelectorAll('#messages [role=img]')];
             return m.map((e) => [e.textContent, e.getAttribute('aria-label')])",
        )
        .await;
    let card = card.as_array().unwrap();
    assert_eq!(card.len(), 1, "the masked card number: {card:?}");
    assert!(card[0][0].as_str().unwrap().ends_with("1111"), "{card:?}");
    assert_eq!(plain(card[0][1].as_str().unwrap()), "masked, ending 1111");
    let email = desk.eval("return document.querySelector('#context-details .context-email [role=img]').getAttribute('aria-label')").await;
    assert_eq!(plain(email.as_str().unwrap()), "masked email, a… at example.com");
    let phone = desk.eval("return document.querySelector('#context-details .context-phone [role=img]').getAttribute('aria-label')").await;
    assert_eq!(plain(phone.as_str().unwrap()), "masked, ending 7542");

    // A second chat opens; Ada writes three times in the first: one announcement for them all.
    let ben = Customer::start(&hub.url(), "Ben Carter", "Hi, where is my parcel?").await;
    desk.wait(".offer .accept").await;
    desk.click(".offer .accept").await;
    let ben_row = format!("#task-list .task[data-conversation-id={:?}]", ben.conversation_id);
    desk.wait(&format!("{ben_row} .task-button[aria-current=true]")).await;
    ada.say("Are you there?").await;
    ada.say("It was order 48213.").await;
    ada.say("Thanks.").await;
    let said =
        announced_once(&desk, "announcer", |text| text.contains("new messages from Ada")).await;
    assert_eq!(said, "3 new messages from Ada Lovelace, chat 1 of 2");
    let all = announced(&desk, "announcer").await;
    assert!(
        !all.iter().any(|text| text.contains("Are you there") || text.contains("order 48213")),
        "a chat in the background is counted, not read out: {all:?}"
    );

    // In the open chat: typing, then the message itself, once each.
    ben.typing().await;
    announced_once(&desk, "announcer", |text| text == "Ben Carter is typing").await;
    ben.say("It was due on Monday.").await;
    announced_once(&desk, "announcer", |text| text == "Ben Carter: It was due on Monday.").await;
    desk.screenshot("announcements-en-US").await;

    // An interruption is urgent, and said once.
    admin.delete_queue("livechat-en").await.unwrap();
    let interrupted =
        announced_once(&desk, "announcer-urgent", |text| text.contains("interrupted")).await;
    assert!(
        interrupted.contains("Ben Carter") || interrupted.contains("Ada Lovelace"),
        "{interrupted}"
    );

    // The connection: lost (urgent), then back (polite), once each.
    hub.stop().await;
    announced_once(&desk, "announcer-urgent", |text| {
        text.contains("connection to the hub was lost")
    })
    .await;
    hub.restart().await;
    announced_once(&desk, "announcer", |text| text == "Connected to the hub again.").await;
    desk.quit().await;
}

// ---------------------------------------------------------------------------------------
// Layout and motion

/// Whether `css` is inside the viewport and not covered by anything else.
async fn in_view(desk: &DeskApp, css: &str) -> Value {
    let script = format!(
        "const e = document.querySelector({css:?});
         const r = e.getBoundingClientRect();
         const inside = r.width > 0 && r.left >= 0 && r.top >= 0 &&
                        r.right <= window.innerWidth + 0.5 && r.bottom <= window.innerHeight + 0.5;
         const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
         return [inside, !!hit && (hit === e || e.contains(hit)), Math.round(r.left), Math.round(r.right), window.innerWidth];"
    );
    desk.eval(&script).await
}

async fn assert_in_view(desk: &DeskApp, css: &str, when: &str) {
    let seen = in_view(desk, css).await;
    assert!(seen[0] == json!(true) && seen[1] == json!(true), "{css} in view {when}: {seen}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_layout_holds_at_1280_by_720_zoomed_and_without_motion() {
    let _one_at_a_time = exclusive().await;
    let mut hub = TestHub::start(hub_config()).await;
    let desk = DeskApp::launch(Launch::default()).await;
    desk.client.set_window_size(1280, 720).await.unwrap();
    desk.sign_in_remote(&hub.url(), "anna", false).await;
    desk.go_available().await;

    // Reduced motion: the request arrives without its slide, and nothing else moves.
    assert!(force_media(&desk, r"prefers-reduced-motion:\s*reduce").await > 0);
    let customer = Customer::start(&hub.url(), "Ada Lovelace", "Hello, I need help").await;
    desk.wait(".offer .accept").await;
    let moving = desk
        .eval(
            "return [...document.querySelectorAll('*')].filter((e) => {
               const s = getComputedStyle(e);
               return s.animationName !== 'none' || parseFloat(s.transitionDuration) > 0;
             }).map((e) => e.tagName + '.' + e.className)",
        )
        .await;
    assert_eq!(moving, json!([]), "nothing moves under prefers-reduced-motion");
    unforce_media(&desk).await;
    desk.click(".offer .accept").await;
    desk.wait("#compose:not(:disabled)").await;
    let _ = &customer;

    // The connection banner at 1280×720: Sign out stays in view, and so do the pane's controls.
    hub.stop().await;
    desk.wait("#connection:not([hidden])").await;
    for control in ["#sign-out", "#help-button", "#presence-button", "#pane-end", "#compose-send"] {
        assert_in_view(&desk, control, "at 1280×720 with the banner").await;
    }
    desk.screenshot("layout-1280x720-banner-en-US").await;

    // 200 % zoom (Ctrl+= five times, 20 % each): the page reflows, nothing needs sideways
    // scrolling, and every control can be scrolled into view.
    desk.click("#presence-button").await;
    press(&desk, &[ESCAPE]).await;
    for _ in 0..5 {
        press(&desk, &[CONTROL, '=']).await;
    }
    eventually("the zoom to reach 200 %", || async {
        let width = desk.eval("return window.innerWidth").await.as_f64().unwrap_or(0.0);
        (width <= 660.0).then_some(())
    })
    .await;
    let overflow = desk
        .eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        .await;
    assert!(overflow.as_f64().unwrap_or(1.0) <= 1.0, "no sideways scrolling at 200 %: {overflow}");
    for control in
        ["#sign-out", "#presence-button", "#connection", "#pane-end", "#compose", "#compose-send"]
    {
        desk.eval(&format!(
            "document.querySelector({control:?}).scrollIntoView({{block: 'nearest'}})"
        ))
        .await;
        assert_in_view(&desk, control, "at 200 %").await;
    }
    desk.eval("window.scrollTo(0, 0)").await;
    desk.screenshot("layout-zoom-200-en-US").await;
    hub.restart().await;
    desk.wait_gone("#connection").await;
    desk.quit().await;
}
