//! French typography in `locales/fr` and `locales/fr-CA`, so that a line break can never strand
//! a colon or a question mark at the start of a line, and the two markets keep their own usage.
//!
//! - `fr` (France): a no-break space U+00A0 before `:`, a narrow no-break space U+202F before
//!   `;`, `?` and `!`.
//! - `fr-CA` (Quebec usage, as the OQLF recommends): a no-break space U+00A0 before `:` only,
//!   and no space at all before `;`, `?` and `!`.
//! - Both: a no-break space U+00A0 inside « guillemets », and the typographic apostrophe ’
//!   throughout (never the typewriter `'`).
//!
//! Only what a person reads is checked: message values, attributes and every variant of a
//! select; comments, ids and placeables are not. A colon in a URL (`https://`) or between
//! digits (`12:30`) is not punctuation.

use std::fs;
use std::path::{Path, PathBuf};

use fluent_syntax::ast;
use fluent_syntax::parser;

const NBSP: char = '\u{00A0}';
const NNBSP: char = '\u{202F}';
/// Stands for a placeable in the flattened text: it is not a space, so `{ $name }:` is caught.
const PLACEABLE: char = '\u{FFFC}';

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Usage {
    /// France: U+00A0 before `:`, U+202F before `;` `?` `!`.
    France,
    /// Quebec: U+00A0 before `:`, nothing before `;` `?` `!`.
    Quebec,
}

fn usage(locale: &str) -> Option<Usage> {
    match locale {
        "fr" => Some(Usage::France),
        "fr-CA" => Some(Usage::Quebec),
        _ => None,
    }
}

fn show(c: Option<char>) -> String {
    match c {
        None => "nothing".into(),
        Some(' ') => "a plain space".into(),
        Some(NBSP) => "U+00A0".into(),
        Some(NNBSP) => "U+202F".into(),
        Some(PLACEABLE) => "a placeable".into(),
        Some(c) if c.is_whitespace() => format!("U+{:04X}", c as u32),
        Some(c) => format!("{c:?}"),
    }
}

/// What is wrong with one run of text, as readable lines.
fn typography_problems(text: &str, usage: Usage) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut problems = Vec::new();
    let excerpt = |at: usize| -> String {
        let from = at.saturating_sub(12);
        let to = (at + 12).min(chars.len());
        chars[from..to]
            .iter()
            .map(|&c| match c {
                NBSP => "⍽".to_owned(),
                NNBSP => "⎵".to_owned(),
                PLACEABLE => "{…}".to_owned(),
                c => c.to_string(),
            })
            .collect()
    };
    for (at, &c) in chars.iter().enumerate() {
        let before = at.checked_sub(1).map(|i| chars[i]);
        let after = chars.get(at + 1).copied();
        let wanted: Option<Option<char>> = match c {
            ':' => {
                let url = chars.get(at + 1..at + 3) == Some(&['/', '/'][..]);
                let clock = before.is_some_and(|b| b.is_ascii_digit())
                    && after.is_some_and(|a| a.is_ascii_digit());
                if url || clock {
                    None
                } else {
                    Some(Some(NBSP))
                }
            }
            ';' | '?' | '!' => {
                if before.is_some_and(|b| matches!(b, '?' | '!')) {
                    None // ?! or !!: the space goes before the first one only
                } else {
                    match usage {
                        Usage::France => Some(Some(NNBSP)),
                        Usage::Quebec => Some(None),
                    }
                }
            }
            '»' => Some(Some(NBSP)),
            '«' => {
                if after != Some(NBSP) {
                    problems.push(format!(
                        "after '«' U+00A0 is wanted, not {}: \"{}\"",
                        show(after),
                        excerpt(at)
                    ));
                }
                None
            }
            '\'' => {
                problems.push(format!("the apostrophe is ’, not ': \"{}\"", excerpt(at)));
                None
            }
            _ => None,
        };
        match wanted {
            Some(Some(space)) if before != Some(space) => problems.push(format!(
                "before {c:?} {} is wanted, not {}: \"{}\"",
                show(Some(space)),
                show(before),
                excerpt(at)
            )),
            Some(None) if before.is_none_or(char::is_whitespace) => problems.push(format!(
                "before {c:?} no space is wanted (Quebec usage), not {}: \"{}\"",
                show(before),
                excerpt(at)
            )),
            _ => {}
        }
    }
    problems
}

/// The runs of text a person reads in one pattern: the pattern itself with its placeables
/// standing as PLACEABLE, then each variant of each select, on its own.
fn texts(pattern: &ast::Pattern<&str>, out: &mut Vec<String>) {
    let mut text = String::new();
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => text.push_str(value),
            ast::PatternElement::Placeable { expression } => {
                text.push(PLACEABLE);
                if let ast::Expression::Select { variants, .. } = expression {
                    for variant in variants {
                        texts(&variant.value, out);
                    }
                }
            }
        }
    }
    out.push(text);
}

fn locales_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales")
}

/// Every problem in one file, as `path:line: id: problem`.
fn file_problems(path: &Path, usage: Usage) -> Vec<String> {
    let source = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let resource = match parser::parse(source.as_str()) {
        Ok(resource) | Err((resource, _)) => resource,
    };
    let name = path.strip_prefix(locales_dir()).unwrap_or(path).display().to_string();
    let mut problems = Vec::new();
    for entry in &resource.body {
        let (id, value, attributes) = match entry {
            ast::Entry::Message(m) => (m.id.name, m.value.as_ref(), &m.attributes),
            ast::Entry::Term(t) => (t.id.name, Some(&t.value), &t.attributes),
            _ => continue,
        };
        let offset = id.as_ptr() as usize - source.as_ptr() as usize;
        let line = source[..offset].matches('\n').count() + 1;
        let mut patterns: Vec<(String, &ast::Pattern<&str>)> = Vec::new();
        if let Some(value) = value {
            patterns.push((id.to_owned(), value));
        }
        for attribute in attributes {
            patterns.push((format!("{id}.{}", attribute.id.name), &attribute.value));
        }
        for (what, pattern) in patterns {
            let mut runs = Vec::new();
            texts(pattern, &mut runs);
            for run in runs {
                for problem in typography_problems(&run, usage) {
                    problems.push(format!("locales/{name}:{line}: `{what}`: {problem}"));
                }
            }
        }
    }
    problems
}

#[test]
fn french_typography_follows_each_market() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for locale in ["fr", "fr-CA"] {
        let usage = usage(locale).expect("a French locale");
        for file in ["desk.ftl", "widget.ftl"] {
            let path = locales_dir().join(locale).join(file);
            problems.extend(file_problems(&path, usage));
            checked += 1;
        }
    }
    assert_eq!(checked, 4);
    assert!(
        problems.is_empty(),
        "French typography: {} problem(s) (⍽ = U+00A0, ⎵ = U+202F)\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

#[test]
fn the_typography_check_catches_what_it_should() {
    use Usage::{France, Quebec};
    let ok = |text: &str, usage| typography_problems(text, usage).is_empty();
    // France
    assert!(ok("Statut\u{a0}: { }. Vraiment\u{202f}? Oui\u{202f}! Bon\u{202f}; fin", France));
    assert!(!ok("Nouveau client : vérifiez", France), "a plain space before ':'");
    assert!(!ok("Nouveau client: vérifiez", France), "no space before ':'");
    assert!(!ok("conservé ; réessayez", France), "a plain space before ';'");
    assert!(!ok("conservé\u{a0}; réessayez", France), "U+00A0 instead of U+202F before ';'");
    assert!(!ok("aider?", France), "no space before '?'");
    assert!(!ok("\u{fffc}: suite", France), "a placeable right before ':'");
    // Quebec
    assert!(ok("Statut\u{a0}: x. Vraiment? Oui! Bon; fin", Quebec));
    assert!(!ok("Statut : x", Quebec), "a plain space before ':'");
    assert!(!ok("agent ; la fenêtre", Quebec), "a space before ';' in Quebec");
    assert!(!ok("aider\u{202f}?", Quebec), "a narrow space before '?' in Quebec");
    // Both
    for usage in [France, Quebec] {
        assert!(ok("https://hub.example.com à 12:30", usage), "URLs and clock times");
        assert!(ok("l’étiquette «\u{a0}Human agent\u{a0}»", usage));
        assert!(!ok("l'étiquette", usage), "the typewriter apostrophe");
        assert!(!ok("« Human agent »", usage), "plain spaces inside guillemets");
        assert!(ok("Quoi\u{202f}?!", France) && ok("Quoi?!", Quebec), "?! is one mark");
    }
    // Variants of a select are read on their own.
    let resource = parser::parse("m = { $n ->\n    [one] un : x\n   *[other] deux\u{a0}: x\n}\n")
        .expect("parses");
    let ast::Entry::Message(message) = &resource.body[0] else { panic!("a message") };
    let mut runs = Vec::new();
    texts(message.value.as_ref().expect("value"), &mut runs);
    let found: Vec<String> = runs.iter().flat_map(|run| typography_problems(run, France)).collect();
    assert_eq!(found.len(), 1, "{found:#?}");
}
