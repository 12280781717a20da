//! The Livechat widget's text, from Fluent, resolved on the hub.
//!
//! The customer's page carries no text of its own: the hub picks the language (`?lang=`,
//! then `Accept-Language`, then en-US), resolves every message of `locales/<lang>/widget.ftl`
//! into the HTML, and hands the page's script the few strings it needs at run time. A
//! message missing from a translation falls back to en-US, so a half-finished locale still
//! gives a usable page.
//!
//! Adding a language is one line in [`LOCALES`].

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_langneg::{negotiate_languages, NegotiationStrategy};
use unic_langid::{CharacterDirection, LanguageIdentifier};

/// The embedded widget translations, source language (en-US) first.
const LOCALES: &[(&str, &str)] = &[
    ("en-US", include_str!("../../../locales/en-US/widget.ftl")),
    ("fi", include_str!("../../../locales/fi/widget.ftl")),
    ("de", include_str!("../../../locales/de/widget.ftl")),
    ("it", include_str!("../../../locales/it/widget.ftl")),
    ("ar", include_str!("../../../locales/ar/widget.ftl")),
    ("fr", include_str!("../../../locales/fr/widget.ftl")),
    ("fr-CA", include_str!("../../../locales/fr-CA/widget.ftl")),
];

type Bundle = FluentBundle<FluentResource>;

struct Catalog {
    languages: Vec<LanguageIdentifier>,
    bundles: Vec<Bundle>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    let mut languages = Vec::new();
    let mut bundles = Vec::new();
    for (tag, source) in LOCALES {
        let lang: LanguageIdentifier = tag.parse().expect("embedded locale tags are valid");
        let resource = FluentResource::try_new((*source).to_owned())
            .unwrap_or_else(|(_, errors)| panic!("locales/{tag}/widget.ftl: {errors:?}"));
        let mut bundle = Bundle::new_concurrent(vec![lang.clone()]);
        // The page isolates names itself (<bdi>); Fluent's invisible marks would end up in
        // attribute values and in the script's strings.
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("locales/{tag}/widget.ftl: {errors:?}"));
        languages.push(lang);
        bundles.push(bundle);
    }
    Catalog { languages, bundles }
});

/// The widget's text in one language.
#[derive(Clone, Copy)]
pub struct WidgetText {
    index: usize,
}

impl std::fmt::Debug for WidgetText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("WidgetText").field(&self.lang()).finish()
    }
}

impl WidgetText {
    /// Picks the language: an explicit `?lang=` first, then the browser's
    /// `Accept-Language`, then en-US.
    pub fn negotiate(requested: Option<&str>, accept_language: Option<&str>) -> Self {
        let catalog = &*CATALOG;
        let mut wanted: Vec<LanguageIdentifier> = Vec::new();
        if let Some(lang) = requested.and_then(|l| l.parse().ok()) {
            wanted.push(lang);
        }
        if let Some(header) = accept_language {
            wanted.extend(fluent_langneg::accepted_languages::parse(header));
        }
        let default = &catalog.languages[0];
        let chosen = negotiate_languages(
            &wanted,
            &catalog.languages,
            Some(default),
            NegotiationStrategy::Lookup,
        );
        let chosen = chosen.first().copied().unwrap_or(default);
        let index = catalog.languages.iter().position(|l| l == chosen).unwrap_or(0);
        Self { index }
    }

    /// The page in every language it speaks, for the language switch.
    pub fn all() -> impl Iterator<Item = WidgetText> {
        (0..LOCALES.len()).map(|index| Self { index })
    }

    /// The language tag of the page (`lang=`).
    pub fn lang(&self) -> String {
        CATALOG.languages[self.index].to_string()
    }

    /// `ltr` or `rtl` (`dir=`).
    pub fn dir(&self) -> &'static str {
        match CATALOG.languages[self.index].character_direction() {
            CharacterDirection::RTL => "rtl",
            _ => "ltr",
        }
    }

    /// Resolves a message, falling back to en-US, then to the id itself (a visible bug,
    /// never a blank).
    pub fn message(&self, id: &str, args: Option<&FluentArgs>) -> String {
        let catalog = &*CATALOG;
        for bundle in [&catalog.bundles[self.index], &catalog.bundles[0]] {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, args, &mut errors);
                if errors.is_empty() {
                    return text.into_owned();
                }
                tracing::warn!(id, ?errors, "widget message did not resolve cleanly");
                return text.into_owned();
            }
        }
        tracing::warn!(id, "widget message missing from every locale");
        id.to_owned()
    }

    /// Whether the message exists in this language or the source.
    pub fn has(&self, id: &str) -> bool {
        let catalog = &*CATALOG;
        catalog.bundles[self.index].has_message(id) || catalog.bundles[0].has_message(id)
    }
}

/// Arguments for a message: text placeholders the page fills in (`{name}`) or numbers.
pub fn args<'a>(pairs: &[(&'a str, FluentValue<'a>)]) -> FluentArgs<'a> {
    let mut args = FluentArgs::new();
    for (key, value) in pairs {
        args.set(*key, value.clone());
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_or_missing_languages_fall_back_to_en_us() {
        assert_eq!(WidgetText::negotiate(None, None).lang(), "en-US");
        assert_eq!(WidgetText::negotiate(Some("xx"), None).lang(), "en-US");
        assert_eq!(WidgetText::negotiate(None, Some("sv-SE,sv;q=0.9")).lang(), "en-US");
        assert_eq!(WidgetText::negotiate(Some("not a tag!"), Some("en")).lang(), "en-US");
        assert_eq!(WidgetText::negotiate(None, None).dir(), "ltr");
    }

    #[test]
    fn every_locale_parses_and_messages_resolve() {
        let text = WidgetText::negotiate(Some("en-US"), None);
        assert_eq!(text.message("widget-send-button", None), "Send");
        let joined = text
            .message("widget-agent-joined", Some(&args(&[("name", FluentValue::from("{name}"))])));
        assert_eq!(joined, "{name} joined the chat");
        assert_eq!(text.message("no-such-message", None), "no-such-message");
        assert_eq!(CATALOG.bundles.len(), LOCALES.len());
    }

    #[test]
    fn languages_are_negotiated_and_arabic_is_right_to_left() {
        let pick = |lang: Option<&str>, header: Option<&str>| {
            let text = WidgetText::negotiate(lang, header);
            (text.lang(), text.dir())
        };
        assert_eq!(pick(Some("fi"), None), ("fi".into(), "ltr"));
        assert_eq!(pick(Some("fi-FI"), None), ("fi".into(), "ltr"));
        assert_eq!(pick(None, Some("de-DE,de;q=0.9,en;q=0.5")), ("de".into(), "ltr"));
        assert_eq!(pick(Some("ar"), Some("de")), ("ar".into(), "rtl"), "?lang= wins");
        assert_eq!(pick(Some("fr-CA"), None), ("fr-CA".into(), "ltr"));
        assert_eq!(pick(Some("fr-BE"), None), ("fr".into(), "ltr"));
    }

    /// A translation may lag behind (en-US fills the gap at run time), but it must not
    /// carry messages the source no longer has, and every message must resolve cleanly.
    #[test]
    fn translations_match_the_source_and_resolve() {
        let source = &CATALOG.bundles[0];
        for (index, (tag, ftl)) in LOCALES.iter().enumerate() {
            let resource = FluentResource::try_new((*ftl).to_owned()).unwrap();
            for entry in resource.entries() {
                if let fluent_syntax::ast::Entry::Message(message) = entry {
                    let id = message.id.name;
                    assert!(source.has_message(id), "{tag} has {id}, which en-US does not");
                    let bundle = &CATALOG.bundles[index];
                    let pattern = bundle.get_message(id).unwrap().value().unwrap();
                    let mut errors = Vec::new();
                    let args = args(&[
                        ("name", FluentValue::from("{name}")),
                        ("limit", FluentValue::from(1000)),
                    ]);
                    bundle.format_pattern(pattern, Some(&args), &mut errors);
                    assert!(errors.is_empty(), "{tag} {id}: {errors:?}");
                }
            }
        }
    }
}
