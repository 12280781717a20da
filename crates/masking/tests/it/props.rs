//! Properties of the masker over generated input (proptest): masking a masked text changes
//! nothing, no payment card survives masking, arbitrary text never makes it panic, and lines
//! stay lines.
//!
//! The generators build what customers send: valid cards (issuer prefix, Luhn digit), IBANs
//! (registry format, mod 97 check digits), international phone numbers and email addresses,
//! grouped with the separators people type, in text of several scripts. Case counts are
//! modest so the suite stays quick in debug builds; proptest shrinks any failure to a small
//! message and records it under `proptest-regressions/`.

use proptest::prelude::*;
use proptest::sample::select;

use masking::Kind;

use crate::MASKER;

/// Issuer prefixes and lengths of the card schemes the masker knows.
const SCHEMES: &[(&str, usize)] = &[
    ("4", 13),
    ("4", 16),
    ("4", 19),
    ("51", 16),
    ("55", 16),
    ("2221", 16),
    ("2720", 16),
    ("34", 15),
    ("37", 15),
    ("36", 14),
    ("6011", 16),
    ("65", 16),
    ("62", 16),
    ("3530", 16),
    ("2200", 16),
];

/// The Luhn sum of ASCII digits, the last one counting as the check digit.
pub(crate) fn luhn_sum(digits: &[u8]) -> u32 {
    digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let v = u32::from(d - b'0');
            if i % 2 == 1 {
                if v * 2 > 9 {
                    v * 2 - 9
                } else {
                    v * 2
                }
            } else {
                v
            }
        })
        .sum()
}

fn is_luhn(digits: &[u8]) -> bool {
    luhn_sum(digits).is_multiple_of(10)
}

/// `digits` in groups of `size`, joined by `sep`.
fn grouped(digits: &str, size: usize, sep: &str) -> String {
    let chars: Vec<char> = digits.chars().collect();
    chars.chunks(size).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(sep)
}

fn some_digits(n: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(0u8..10, n)
        .prop_map(|d| d.iter().map(|&d| char::from(b'0' + d)).collect())
}

/// A valid card number, compact or in blocks of four with one kind of separator.
fn card() -> impl Strategy<Value = String> {
    (select(SCHEMES), some_digits(19), select(&["", " ", "-", "."][..])).prop_map(
        |((prefix, len), body, sep)| {
            let mut number = format!("{prefix}{}", &body[..len - 1 - prefix.len()]);
            number.push('0');
            let check = (10 - luhn_sum(number.as_bytes()) % 10) % 10;
            number.pop();
            number.push(char::from(b'0' + check as u8));
            if sep.is_empty() {
                number
            } else {
                grouped(&number, 4, sep)
            }
        },
    )
}

/// Countries and their BBAN formats: `n` a digit, `a` a letter, `c` either.
pub(crate) const IBAN_FORMATS: &[(&str, &str)] = &[
    ("DE", "nnnnnnnnnnnnnnnnnn"),
    ("GB", "aaaannnnnnnnnnnnnn"),
    ("FR", "nnnnnnnnnncccccccccccnn"),
    ("IT", "annnnnnnnnncccccccccccc"),
    ("NL", "aaaannnnnnnnnn"),
    ("FI", "nnnnnnnnnnnnnn"),
    ("SA", "nncccccccccccccccccc"),
    ("AE", "nnnnnnnnnnnnnnnnnnn"),
    ("CH", "nnnnncccccccccccc"),
];

/// A valid IBAN, compact or in blocks of four, upper or lower case.
fn iban() -> impl Strategy<Value = String> {
    (
        select(IBAN_FORMATS),
        proptest::collection::vec(0u8..36, 30),
        select(&["", " ", "-"][..]),
        any::<bool>(),
    )
        .prop_map(|((country, format), picks, sep, lower)| {
            let iban = iban_compact(country, format, &picks);
            let iban = if lower { iban.to_lowercase() } else { iban };
            if sep.is_empty() {
                iban
            } else {
                grouped(&iban, 4, sep)
            }
        })
}

/// The valid IBAN of `country` whose BBAN follows `format`, its characters picked by
/// `picks` (values below 36, at least as many as the BBAN is long).
pub(crate) fn iban_compact(country: &str, format: &str, picks: &[u8]) -> String {
    let bban: String = format
        .bytes()
        .zip(picks)
        .map(|(class, &pick)| match class {
            b'n' => char::from(b'0' + pick % 10),
            b'a' => char::from(b'A' + pick % 26),
            _ if pick < 10 => char::from(b'0' + pick),
            _ => char::from(b'A' + pick - 10),
        })
        .collect();
    // ISO 7064 mod 97-10 over BBAN, country and "00"; the check digits make it 1.
    let remainder = format!("{bban}{country}00").bytes().fold(0u32, |acc, c| {
        if c.is_ascii_digit() {
            (acc * 10 + u32::from(c - b'0')) % 97
        } else {
            (acc * 100 + u32::from(c - b'A') + 10) % 97
        }
    });
    format!("{country}{:02}{bban}", 98 - remainder)
}

/// An international mobile number in its country's usual grouping.
fn phone() -> impl Strategy<Value = String> {
    (0usize..4, some_digits(10), 2u8..10).prop_map(|(kind, d, area)| match kind {
        0 => format!("+44 7{} {}", &d[..3], &d[3..9]),
        1 => format!("+33 6 {} {} {} {}", &d[..2], &d[2..4], &d[4..6], &d[6..8]),
        2 => format!("+1 {area}{}-{area}{}-{}", &d[..2], &d[2..4], &d[4..8]),
        _ => format!("+971 5{} {} {}", &d[..1], &d[1..4], &d[4..8]),
    })
}

fn email() -> impl Strategy<Value = String> {
    ("[a-z]{1,8}[0-9]{0,2}", "[a-z]{2,8}", select(&["com", "de", "fi", "fr", "it"][..]))
        .prop_map(|(local, domain, tld)| format!("{local}@{domain}.{tld}"))
}

/// A word of ordinary text with no digit in any script: Latin, accented, Arabic, Greek and
/// Cyrillic letters, combining marks, punctuation after it.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        select(
            &[
                "hello",
                "order",
                "Bestellung",
                "numéro",
                "kiitos",
                "grazie",
                "رقم",
                "الطلب",
                "call",
                "SSN",
                "IBAN"
            ][..]
        )
        .prop_map(str::to_owned),
        "[a-zA-Zäöüéàß]{1,10}[.,!?:]?",
        "[\u{0621}-\u{063A}\u{0641}-\u{064A}]{1,8}",
        "[α-ωа-я]{1,6}",
        "[a-z]{1,4}\u{0301}[a-z]{0,3}",
    ]
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![card(), iban(), phone(), email()]
}

/// Values and words, each value followed by a word, all separated by spaces: every value
/// stands free of its neighbours, as in a chat message.
fn message() -> impl Strategy<Value = String> {
    proptest::collection::vec((value(), word()), 1..6)
        .prop_map(|parts| parts.into_iter().flat_map(|(v, w)| [v, w]).collect::<Vec<_>>().join(" "))
}

/// Values and words glued by any of the separators customers type, including none: the
/// masker may or may not find the values, but must agree with itself.
fn tangle() -> impl Strategy<Value = String> {
    let piece = prop_oneof![value(), word(), some_digits(4), "[٠-٩]{1,10}", "[０-９]{1,6}"];
    let sep = select(
        &[
            "", " ", "  ", "-", ".", "/", ", ", "(", ")", "+", "#", "*", "\u{00A0}", "\u{200E}",
            "\n",
        ][..],
    );
    proptest::collection::vec((piece, sep), 1..8)
        .prop_map(|parts| parts.into_iter().flat_map(|(p, s)| [p, s.to_owned()]).collect())
}

/// Any characters, weighted towards the ones the detectors care about: digits of several
/// scripts, separators, combining marks, newlines.
fn any_text() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        4 => any::<char>(),
        2 => prop::char::range('0', '9'),
        2 => prop::char::range('\u{0660}', '\u{0669}'),
        1 => prop::char::range('\u{06F0}', '\u{06F9}'),
        1 => prop::char::range('\u{FF10}', '\u{FF19}'),
        1 => prop::char::range('\u{0300}', '\u{036F}'),
        2 => select(&[' ', '-', '.', '/', '(', ')', '+', '@', '*', '\n', '\r', '\u{00A0}', '\u{200E}'][..]),
        2 => prop::char::range('a', 'z'),
    ];
    proptest::collection::vec(c, 0..80).prop_map(|c| c.into_iter().collect())
}

/// Maximal runs of ASCII digits in `text`, digits joined by single spaces or dashes taken
/// as one run.
fn digit_runs(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut runs = Vec::new();
    let mut run = String::new();
    for (i, &c) in b.iter().enumerate() {
        let joins = (c == b' ' || c == b'-')
            && i > 0
            && b[i - 1].is_ascii_digit()
            && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        if c.is_ascii_digit() {
            run.push(char::from(c));
        } else if !joins && !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn masking_is_idempotent_on_any_text(text in any_text()) {
        let once = MASKER.mask(&text).into_owned();
        prop_assert_eq!(MASKER.mask(&once), once.as_str());
    }

    #[test]
    fn masking_is_idempotent_on_values_in_text(text in prop_oneof![message(), tangle()]) {
        let once = MASKER.mask(&text).into_owned();
        prop_assert_eq!(MASKER.mask(&once), once.as_str());
    }

    #[test]
    fn no_card_number_survives(text in message()) {
        let masked = MASKER.mask(&text);
        for run in digit_runs(&masked) {
            for len in 13..=19.min(run.len()) {
                for window in run.as_bytes().windows(len) {
                    prop_assert!(!is_luhn(window), "{:?} left {:?} in {:?}", text, run, masked);
                }
            }
        }
    }

    #[test]
    fn any_text_is_masked_without_panicking(text in prop_oneof![any::<String>(), any_text(), tangle()]) {
        let spans = MASKER.find(&text);
        for s in &spans {
            prop_assert!(s.start < s.end && text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
        prop_assert!(spans.windows(2).all(|w| w[0].end <= w[1].start));
        MASKER.mask(&text);
        MASKER.mask_kinds(&text, &[Kind::Card, Kind::Phone]);
    }

    #[test]
    fn lines_stay_lines(text in prop_oneof![any_text(), tangle()]) {
        let masked = MASKER.mask(&text);
        prop_assert_eq!(masked.matches('\n').count(), text.matches('\n').count());
    }
}

#[test]
fn the_generators_make_what_the_masker_finds() {
    // The properties above are only as good as their values: each generator's output is
    // found, whole, as the kind it stands for.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    for (strategy, kind) in [
        (card().boxed(), Kind::Card),
        (iban().boxed(), Kind::Iban),
        (phone().boxed(), Kind::Phone),
        (email().boxed(), Kind::Email),
    ] {
        for _ in 0..200 {
            let value = strategy.new_tree(&mut runner).unwrap().current();
            let text = format!("see {value} thanks");
            let spans = MASKER.find(&text);
            assert_eq!(spans.len(), 1, "{text:?}: {spans:?}");
            assert_eq!(
                (&text[spans[0].start..spans[0].end], spans[0].kind),
                (value.as_str(), kind)
            );
        }
    }
}

#[test]
fn digit_runs_join_single_spaces_and_dashes() {
    assert_eq!(digit_runs("4111 1111-1111  1111 x12"), ["411111111111", "1111", "12"]);
    assert!(is_luhn(b"4111111111111111"));
    assert!(!is_luhn(b"4111111111111112"));
}
