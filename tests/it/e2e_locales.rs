//! The desk in the agent's language: started in each locale (from the OS locale, as a first
//! run does), it shows the sign-in, main and popover screens with no en-US fallback; Arabic
//! lays out right to left; switching language is live and keeps the draft. The customer's
//! widget page speaks each language too.

use std::collections::HashSet;

use serde_json::{json, Value};

use crate::support::desk::Launch;
use crate::support::{exclusive, Customer, DeskApp, TestHub};

/// (the desk's locale, the OS locale it is started in, the text of the Accept button)
const LOCALES: &[(&str, &str, &str)] = &[
    ("fi", "fi_FI.UTF-8", "Hyväksy"),
    ("de", "de_DE.UTF-8", "Annehmen"),
    ("it", "it_IT.UTF-8", "Accetta"),
    ("ar", "ar_SA.UTF-8", "قبول"),
    ("fr", "fr_FR.UTF-8", "Accepter"),
    ("fr-CA", "fr_CA.UTF-8", "Accepter"),
];

/// Message ids the locale's own desk.ftl defines (not reached through a fallback).
fn own_ids(locale: &str) -> HashSet<String> {
    let sources =
        desk_core::l10n::sources(locale).unwrap_or_else(|| panic!("no bundle for {locale}"));
    sources
        .iter()
        .flat_map(|source| {
            let resource = fluent_syntax::parser::parse(*source).expect("valid Fluent");
            resource
                .body
                .into_iter()
                .filter_map(|entry| match entry {
                    fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_owned()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every localized element a person can see now: its id and text.
async fn visible_messages(desk: &DeskApp) -> Vec<(String, String)> {
    let found = desk
        .eval(
            "return [...document.querySelectorAll('[data-l10n-id]')]
                .filter(e => !e.closest('[hidden]') && !e.closest('template') && (e.offsetParent || e.tagName === 'OPTION'))
                .map(e => [e.dataset.l10nId, e.textContent])",
        )
        .await;
    serde_json::from_value(found).unwrap()
}

async fn assert_no_fallback(desk: &DeskApp, locale: &str, screen: &str) {
    let own = own_ids(locale);
    let english = desk_core::l10n::Localizer::negotiate(&["en-US"]);
    let shown = visible_messages(desk).await;
    assert!(shown.len() > 5, "{locale} {screen}: localized elements are visible");
    for (id, text) in shown {
        assert!(own.contains(&id), "{locale} {screen}: {id} falls back to en-US");
        let source = english.text(&id, &[]);
        // Texts that are the same word in both (Agent, RONA, Livechat…) are fine.
        if !text.is_empty() && text == source && !own_same_as_english(locale, &id) {
            panic!("{locale} {screen}: {id} shows the English {text:?}");
        }
    }
}

/// Whether the locale's own translation happens to equal the English text.
fn own_same_as_english(locale: &str, id: &str) -> bool {
    let localized = desk_core::l10n::Localizer::negotiate(&[locale]).text(id, &[]);
    localized == desk_core::l10n::Localizer::negotiate(&["en-US"]).text(id, &[])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_locale_shows_its_own_words_on_every_screen() {
    let _one_at_a_time = exclusive().await;
    let hub =
        TestHub::start(TestHub::config(|config| config.settings.accept_timeout_secs = 120)).await;
    for (index, (locale, os_locale, accept)) in LOCALES.iter().enumerate() {
        let desk =
            DeskApp::launch(Launch { os_locale: Some(os_locale), ..Launch::default() }).await;
        let html =
            desk.eval("return [document.documentElement.lang, document.documentElement.dir]").await;
        let dir = if *locale == "ar" { "rtl" } else { "ltr" };
        assert_eq!(html, json!([locale, dir]), "{locale}: <html lang dir> follow the OS locale");
        assert_no_fallback(&desk, locale, "sign-in").await;

        // Each locale signs in a different demo agent so the hub routes to this desk.
        let agent = ["aino", "jonas", "giulia", "layla", "camille", "emilie"][index];
        desk.sign_in_remote(&hub.url(), agent, false).await;
        desk.go_available().await;
        assert_no_fallback(&desk, locale, "main").await;

        let customer =
            Customer::start(&hub.url(), "Sami Näkki", "Hei, tilaukseni 48213 on myöhässä").await;
        desk.wait_text(".offer .accept", |text| text == *accept).await;
        assert_no_fallback(&desk, locale, "popover").await;
        if *locale == "ar" {
            desk.screenshot("popover-ar").await;
        }
        desk.click(".offer .accept").await;
        desk.wait_text("#messages", |text| text.contains("48213")).await;
        desk.type_into("#compose", "Moi!").await;
        assert_no_fallback(&desk, locale, "conversation").await;
        if *locale == "ar" {
            // Right to left: the task pane sits on the right of the interaction pane.
            let sides = desk
                .eval(
                    "const t = document.querySelector('.tasks').getBoundingClientRect();
                     const p = document.querySelector('.pane').getBoundingClientRect();
                     return t.left > p.left",
                )
                .await;
            assert_eq!(sides, json!(true), "Arabic mirrors the layout");
            desk.screenshot("main-ar").await;
        }
        // Wrap it up so the hub is clean for the next locale.
        desk.click("#pane-end").await;
        desk.wait("#wrapup-dialog[open]").await;
        assert_no_fallback(&desk, locale, "wrap-up").await;
        desk.click("#wrapup-list li input").await;
        desk.click("#wrapup-continue").await;
        desk.wait(".chatlog[data-mode]").await;
        assert_no_fallback(&desk, locale, "chat log").await;
        desk.click("#wrapup-finish").await;
        desk.wait_gone("#task-list .task").await;
        drop(customer);
        desk.click("#sign-out").await;
        desk.wait("#signin-screen:not([hidden])").await;
        desk.quit().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_language_is_live_and_keeps_the_draft() {
    let _one_at_a_time = exclusive().await;
    let hub =
        TestHub::start(TestHub::config(|config| config.settings.accept_timeout_secs = 120)).await;
    let desk = DeskApp::launch(Launch::default()).await;
    desk.sign_in_remote(&hub.url(), "anna", false).await;
    desk.go_available().await;
    let _customer = Customer::start(&hub.url(), "Nora Keller", "Grüezi").await;
    desk.click(".offer .accept").await;
    desk.wait_text("#messages", |text| text.contains("Grüezi")).await;
    desk.type_into("#compose", "Einen Moment bitte").await;
    desk.wait_text("#pane-end", |text| text == "End").await;

    for (locale, end) in [("de", "Beenden"), ("ar", "إنهاء"), ("en-US", "End")] {
        let script = format!(
            "const s = document.querySelector('.topbar .locale-select'); s.value = {locale:?};
             s.dispatchEvent(new Event('change'));"
        );
        desk.eval(&script).await;
        desk.wait_text("#pane-end", |text| text == end).await;
        let state: Value = desk
            .eval(
                "return [document.documentElement.lang, document.getElementById('compose').value]",
            )
            .await;
        assert_eq!(state, json!([locale, "Einen Moment bitte"]), "live switch keeps the draft");
    }
    // The choice persists: the next start uses it, whatever the OS says.
    desk.eval(
        "const s = document.querySelector('.topbar .locale-select'); s.value = 'it';
         s.dispatchEvent(new Event('change'));",
    )
    .await;
    desk.wait_text("#pane-end", |text| text == "Termina").await;
    let home = desk.quit_keeping_home().await;
    let again = DeskApp::launch(Launch {
        os_locale: Some("fi_FI.UTF-8"),
        home: Some(home),
        ..Launch::default()
    })
    .await;
    let lang = again.eval("return document.documentElement.lang").await;
    assert_eq!(lang, json!("it"), "the agent's choice wins over the OS locale");
    again.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_widget_page_speaks_each_language() {
    let hub = TestHub::start(TestHub::config(|_| {})).await;
    let expectations = [
        ("en-US", "ltr", "Start chat"),
        ("fi", "ltr", "Aloita"),
        ("de", "ltr", "Chat starten"),
        ("it", "ltr", "Inizia la chat"),
        ("ar", "rtl", "بدء الدردشة"),
        ("fr", "ltr", "Démarrer"),
        ("fr-CA", "ltr", "clavardage"),
    ];
    for (lang, dir, phrase) in expectations {
        let html = reqwest::get(format!("{}/chat?lang={lang}", hub.url()))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            html.contains(&format!(r#"lang="{lang}" dir="{dir}""#)),
            "{lang}: {}",
            &html[..300.min(html.len())]
        );
        assert!(html.contains(phrase), "{lang}: the page says {phrase:?}");
        if lang != "en-US" {
            assert!(!html.contains("Start chat"), "{lang}: no English fallback on the page");
        }
        // The switch names every language in itself and marks the current one.
        for name in ["English", "Suomi", "Deutsch", "Italiano", "العربية", "Français"] {
            assert!(html.contains(name), "{lang}: the language switch offers {name}");
        }
        assert!(
            html.contains(&format!(r#"hreflang="{lang}" lang="{lang}" aria-current="true""#)),
            "{lang}"
        );
    }
}
