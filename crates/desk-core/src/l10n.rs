//! The UI's language: Fluent bundles built into the binary, negotiated against the agent's
//! preference, with a fallback chain (fr-CA → fr → en-US).
//!
//! Rust resolves every message (the webview asks for ids and arguments and gets text back),
//! so notifications built in Rust and the screens in the webview use the same bundles and
//! the same plural rules. Placeables are bidi-isolated, so a customer's name or a number
//! inside an Arabic sentence keeps its own direction.

use std::collections::BTreeMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_langneg::{negotiate_languages, NegotiationStrategy};
use serde::Serialize;
use unic_langid::LanguageIdentifier;

/// The source language: every message exists here.
pub const SOURCE_LOCALE: &str = "en-US";

/// The desk's Fluent files, per locale, embedded at build time. Adding a language is a line
/// here and a folder under `locales/`.
const RESOURCES: &[(&str, &[&str])] = &[
    ("en-US", &[include_str!("../../../locales/en-US/desk.ftl")]),
    ("fi", &[include_str!("../../../locales/fi/desk.ftl")]),
    ("de", &[include_str!("../../../locales/de/desk.ftl")]),
    ("it", &[include_str!("../../../locales/it/desk.ftl")]),
    ("ar", &[include_str!("../../../locales/ar/desk.ftl")]),
    ("fr", &[include_str!("../../../locales/fr/desk.ftl")]),
    ("fr-CA", &[include_str!("../../../locales/fr-CA/desk.ftl")]),
];

/// Scripts written right to left.
const RTL_LANGUAGES: &[&str] = &["ar", "fa", "he", "ur"];

/// The locales the desk has bundles for, source first.
pub fn available_locales() -> Vec<&'static str> {
    RESOURCES.iter().map(|(locale, _)| *locale).collect()
}

/// The raw Fluent sources of one locale (for the checker tests and tooling).
pub fn sources(locale: &str) -> Option<&'static [&'static str]> {
    RESOURCES.iter().find(|(known, _)| *known == locale).map(|(_, files)| *files)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

/// An argument value from the UI or from Rust.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
}

/// A resolved message: its value and its attributes (`.placeholder`, `.aria-label`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Localized {
    pub value: Option<String>,
    pub attributes: BTreeMap<String, String>,
}

/// The bundles for one negotiated locale, most preferred first.
pub struct Localizer {
    chain: Vec<LanguageIdentifier>,
    bundles: Vec<FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer").field("chain", &self.chain).finish()
    }
}

impl Localizer {
    /// Negotiates the requested locales (most preferred first, BCP 47) against the bundles.
    pub fn negotiate<S: AsRef<str>>(requested: &[S]) -> Self {
        let requested: Vec<LanguageIdentifier> =
            requested.iter().filter_map(|tag| tag.as_ref().parse().ok()).collect();
        let available: Vec<LanguageIdentifier> =
            available_locales().iter().filter_map(|tag| tag.parse().ok()).collect();
        let default: LanguageIdentifier = SOURCE_LOCALE.parse().expect("valid source locale");
        let chain: Vec<LanguageIdentifier> = negotiate_languages(
            &requested,
            &available,
            Some(&default),
            NegotiationStrategy::Filtering,
        )
        .into_iter()
        .cloned()
        .collect();
        let bundles = chain.iter().map(bundle_for).collect();
        Self { chain, bundles }
    }

    /// The locale the agent reads (the head of the chain), e.g. `fr-CA`.
    pub fn locale(&self) -> String {
        self.chain.first().map(ToString::to_string).unwrap_or_else(|| SOURCE_LOCALE.to_owned())
    }

    /// The negotiated chain, most preferred first.
    pub fn chain(&self) -> Vec<String> {
        self.chain.iter().map(ToString::to_string).collect()
    }

    pub fn direction(&self) -> Direction {
        let language = self.chain.first().map(|id| id.language.as_str()).unwrap_or("en");
        if RTL_LANGUAGES.contains(&language) {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }

    /// Resolves a message and its attributes, from the first bundle that has it.
    pub fn localize(&self, id: &str, args: &[(&str, Arg)]) -> Option<Localized> {
        let fluent_args = to_fluent_args(args);
        self.bundles.iter().find_map(|bundle| {
            let message = bundle.get_message(id)?;
            let mut errors = Vec::new();
            let value = message
                .value()
                .map(|pattern| bundle.format_pattern(pattern, fluent_args.as_ref(), &mut errors));
            let attributes = message
                .attributes()
                .map(|attribute| {
                    let text =
                        bundle.format_pattern(attribute.value(), fluent_args.as_ref(), &mut errors);
                    (attribute.id().to_owned(), text.into_owned())
                })
                .collect();
            Some(Localized { value: value.map(|text| text.into_owned()), attributes })
        })
    }

    /// The message's text; the id itself when no bundle has it (visible, so it gets fixed).
    pub fn text(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.localize(id, args).and_then(|message| message.value).unwrap_or_else(|| id.to_owned())
    }

    /// Picks the label for this locale from an admin-given table (`{"en-US": "Lunch", …}`),
    /// following the same fallback chain; then the source locale; then any label.
    pub fn pick<'a>(&self, labels: &'a BTreeMap<String, String>) -> Option<&'a str> {
        self.chain
            .iter()
            .map(ToString::to_string)
            .chain([SOURCE_LOCALE.to_owned()])
            .find_map(|tag| labels.get(&tag))
            .or_else(|| labels.values().next())
            .map(String::as_str)
    }
}

fn bundle_for(locale: &LanguageIdentifier) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new_concurrent(vec![locale.clone()]);
    let files = sources(&locale.to_string()).unwrap_or_default();
    for source in files {
        // The sources are checked by tests (`every_bundle_parses`); a broken entry is skipped
        // rather than taking the desk down.
        let resource = FluentResource::try_new((*source).to_owned())
            .unwrap_or_else(|(partial, _errors)| partial);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

fn to_fluent_args<'a>(args: &'a [(&str, Arg)]) -> Option<FluentArgs<'a>> {
    if args.is_empty() {
        return None;
    }
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        let value = match value {
            Arg::Text(text) => FluentValue::from(text.as_str()),
            Arg::Number(number) => FluentValue::from(*number),
        };
        fluent.set(name.to_string(), value);
    }
    Some(fluent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundle_parses() {
        for locale in available_locales() {
            for source in sources(locale).unwrap() {
                if let Err((_, errors)) = FluentResource::try_new((*source).to_owned()) {
                    panic!("{locale}: {errors:?}");
                }
            }
        }
    }

    #[test]
    fn unknown_languages_fall_back_to_the_source() {
        let l10n = Localizer::negotiate(&["xx-YY"]);
        assert_eq!(l10n.locale(), "en-US");
        assert_eq!(l10n.text("presence-available", &[]), "Available");
    }

    #[test]
    fn arguments_are_isolated_and_plurals_apply() {
        let l10n = Localizer::negotiate(&["en-US"]);
        let one = l10n.text("task-unread", &[("count", Arg::Number(1.0))]);
        let many = l10n.text("task-unread", &[("count", Arg::Number(3.0))]);
        assert!(one.contains("unread message") && !one.contains("messages"), "{one}");
        assert!(many.contains("unread messages"), "{many}");
        assert!(many.contains('\u{2068}'), "placeables are bidi-isolated: {many:?}");
    }

    #[test]
    fn attributes_are_resolved() {
        let l10n = Localizer::negotiate(&["en-US"]);
        let compose = l10n.localize("compose-box", &[]).unwrap();
        assert!(compose.attributes.contains_key("placeholder"), "{compose:?}");
    }

    #[test]
    fn admin_labels_follow_the_chain() {
        let labels: BTreeMap<String, String> =
            [("en-US", "Lunch"), ("fi", "Lounas")].map(|(k, v)| (k.into(), v.into())).into();
        assert_eq!(Localizer::negotiate(&["en-US"]).pick(&labels), Some("Lunch"));
        assert_eq!(Localizer::negotiate(&["de"]).pick(&labels), Some("Lunch"));
    }

    #[test]
    fn arabic_reads_right_to_left() {
        assert_eq!(Localizer::negotiate(&["ar"]).direction(), Direction::Rtl);
        assert_eq!(Localizer::negotiate(&["ar-AE"]).direction(), Direction::Rtl);
        assert_eq!(Localizer::negotiate(&["en-US"]).direction(), Direction::Ltr);
        assert_eq!(Localizer::negotiate(&["fi"]).direction(), Direction::Ltr);
    }

    #[test]
    fn canadian_french_falls_back_to_french_then_the_source() {
        let l10n = Localizer::negotiate(&["fr-CA"]);
        assert_eq!(l10n.chain(), ["fr-CA", "fr", "en-US"]);
        assert_eq!(l10n.locale(), "fr-CA");
        assert_eq!(l10n.direction(), Direction::Ltr);
    }

    #[test]
    fn every_locale_is_chosen_for_its_own_tag() {
        for locale in available_locales() {
            assert_eq!(Localizer::negotiate(&[locale]).locale(), locale);
        }
    }

    #[test]
    fn arabic_plurals_use_all_six_categories() {
        let l10n = Localizer::negotiate(&["ar"]);
        // CLDR: 0 zero, 1 one, 2 two, 3 few (3–10), 11 many (11–99), 100 other.
        let texts: Vec<String> = [0.0, 1.0, 2.0, 3.0, 11.0, 100.0]
            .into_iter()
            .map(|count| l10n.text("task-unread", &[("count", Arg::Number(count))]))
            .collect();
        let distinct: std::collections::BTreeSet<&String> = texts.iter().collect();
        assert_eq!(distinct.len(), 6, "{texts:#?}");
        // zero, one and two are said in words; few takes the plural noun; many and other
        // take the singular noun after the number.
        for word_form in &texts[..3] {
            assert!(!word_form.chars().any(|c| c.is_ascii_digit()), "{word_form}");
        }
        assert!(texts[2].contains("رسالتان"), "{}", texts[2]);
        assert!(texts[3].contains("رسائل") && texts[3].contains('3'), "{}", texts[3]);
        for singular in &texts[4..] {
            assert!(singular.contains("رسالة") && !singular.contains("رسائل"), "{singular}");
        }
        // The three forms after a number differ even with the number taken out.
        let without_digits: std::collections::BTreeSet<String> = texts[3..]
            .iter()
            .map(|text| text.chars().filter(|c| !c.is_ascii_digit()).collect())
            .collect();
        assert_eq!(without_digits.len(), 3, "{without_digits:#?}");
    }

    #[test]
    fn explicit_zero_variant_wins_over_plural_categories() {
        for locale in ["en-US", "fr", "ar"] {
            let l10n = Localizer::negotiate(&[locale]);
            let none = l10n.text("offers-waiting", &[("count", Arg::Number(0.0))]);
            assert!(!none.chars().any(|c| c.is_ascii_digit()), "{locale}: {none}");
        }
    }
}
