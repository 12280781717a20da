//! The public API as its callers use it: the desk masks every inbound text, the hub redacts
//! cards from stored transcripts, the `--json` filter reports spans.

use std::borrow::Cow;

use masking::{mask_value, Kind, Masker, Span};

use crate::MASKER;

#[test]
fn default_is_a_full_masker() {
    let m = Masker::default();
    assert_eq!(m.mask("lea@gmx.de"), "l**@gmx.de");
}

#[test]
fn clean_text_comes_back_borrowed() {
    let text = "Order #479158 shipped on 2024-03-15 at 10:30 from 192.168.1.1 (v1.2.3), 1 234,56 €";
    assert!(matches!(MASKER.mask(text), Cow::Borrowed(t) if t == text));
    assert!(MASKER.find(text).is_empty());
}

#[test]
fn spans_are_sorted_non_overlapping_byte_offsets() {
    let text =
        "IBAN DE89 3704 0044 0532 0130 00, card 4111-1111-1111-1111, call +49 151 71851337, \
                mail lukas33@web.de, SSN 887-72-7630, هاتف ٠٥٠١٢٣٤٥٦٧";
    let spans = MASKER.find(text);
    let kinds: Vec<Kind> = spans.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [Kind::Iban, Kind::Card, Kind::Phone, Kind::Email, Kind::NationalId, Kind::Phone]
    );
    assert!(spans.windows(2).all(|w| w[0].end <= w[1].start));
    assert_eq!(&text[spans[5].start..spans[5].end], "٠٥٠١٢٣٤٥٦٧");
}

#[test]
fn hub_redacts_only_cards() {
    let text = "card 5555 5555 5555 4444 and +447966197542";
    assert_eq!(MASKER.mask_kinds(text, &[Kind::Card]), "card ************4444 and +447966197542");
    assert_eq!(MASKER.mask_kinds(text, &[]), text);
}

#[test]
fn spans_serialise_for_the_json_filter() {
    let span = Span { start: 3, end: 9, kind: Kind::NationalId };
    assert_eq!(
        serde_json::to_string(&span).unwrap(),
        r#"{"start":3,"end":9,"kind":"national_id"}"#
    );
}

#[test]
fn mask_value_is_the_product_format() {
    assert_eq!(mask_value("+ 1 (123) 456 7890", Kind::Phone), "**********7890");
    assert_eq!(mask_value("+447966197542", Kind::Phone), "*********7542");
    assert_eq!(mask_value("melissa@gmail.com", Kind::Email), "m******@gmail.com");
}
