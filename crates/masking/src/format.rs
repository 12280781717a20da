//! The product's mask format, applied to one detected value.
//!
//! Email: keep the first character of the local part and the whole domain, one `*` per other
//! character of the local part (`melissa@gmail.com` → `m******@gmail.com`), so the agent can
//! still tell which mailbox the customer means. Everything else: drop whitespace, keep the
//! last four letters or digits as typed (in the customer's script) and write one `*` for every
//! other character, separators included (`+ 1 (123) 456 7890` → `**********7890`). Separators
//! that fall between the last four characters are dropped with the whitespace, so the visible
//! tail is always exactly four characters (`06.71.18.13.23` → `*********1323`).
//!
//! `*` is neither a letter nor a digit, so masking a masked value gives it back unchanged.

use crate::digits::is_invisible;
use crate::Kind;

/// How many trailing letters or digits stay visible.
const VISIBLE_TAIL: usize = 4;

/// The mask of one value of the given kind.
pub fn mask_value(raw: &str, kind: Kind) -> String {
    let mut out = String::with_capacity(raw.len());
    mask_into(raw, kind, &mut out);
    out
}

/// Appends the mask of one value to `out` (the masker writes whole messages this way).
pub(crate) fn mask_into(raw: &str, kind: Kind, out: &mut String) {
    // The fullwidth `＠` counts: the detectors read fullwidth forms as ASCII.
    let at = if kind == Kind::Email { raw.rfind(['@', '＠']) } else { None };
    match at {
        Some(at) if at > 0 => mask_email(raw, at, out),
        _ if raw.is_ascii() => mask_ascii_tail(raw.as_bytes(), out),
        _ => mask_tail(raw, out),
    }
}

fn mask_email(raw: &str, at: usize, out: &mut String) {
    let (local, domain) = raw.split_at(at);
    let mut chars = local.chars();
    out.extend(chars.next());
    push_stars(chars.count(), out);
    out.push_str(domain);
}

/// Appends `n` stars, a slice at a time rather than a character at a time.
fn push_stars(mut n: usize, out: &mut String) {
    const STARS: &str = "********************************";
    while n > 0 {
        let k = n.min(STARS.len());
        out.push_str(&STARS[..k]);
        n -= k;
    }
}

fn mask_tail(raw: &str, out: &mut String) {
    let mut tail_start = raw.len();
    let mut kept = 0;
    for (i, c) in raw.char_indices().rev() {
        if kept == VISIBLE_TAIL {
            break;
        }
        if c.is_alphanumeric() {
            kept += 1;
            tail_start = i;
        }
    }
    let (head, tail) = raw.split_at(tail_start);
    push_stars(head.chars().filter(|&c| !c.is_whitespace() && !is_invisible(c)).count(), out);
    out.extend(tail.chars().filter(|c| c.is_alphanumeric()));
}

/// [`mask_tail`] for ASCII values (most of them), byte by byte: no character decoding and
/// no Unicode tables.
fn mask_ascii_tail(raw: &[u8], out: &mut String) {
    let mut tail_start = raw.len();
    let mut kept = 0;
    while kept < VISIBLE_TAIL && tail_start > 0 {
        // Before the last alphanumeric found, or from the end.
        match raw[..tail_start].iter().rposition(u8::is_ascii_alphanumeric) {
            Some(i) => {
                tail_start = i;
                kept += 1;
            }
            None => break,
        }
    }
    // `char::is_whitespace` on ASCII: space and `\t` to `\r` (vertical tab included).
    let shown = |b: &&u8| !(**b == b' ' || (b'\t'..=b'\r').contains(*b));
    push_stars(raw[..tail_start].iter().filter(shown).count(), out);
    out.extend(
        raw[tail_start..].iter().filter(|b| b.is_ascii_alphanumeric()).map(|&b| char::from(b)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_examples() {
        let cases = [
            ("+ 1 (123) 456 7890", Kind::Phone, "**********7890"),
            ("+447966197542", Kind::Phone, "*********7542"),
            ("melissa@gmail.com", Kind::Email, "m******@gmail.com"),
        ];
        for (raw, kind, want) in cases {
            assert_eq!(mask_value(raw, kind), want, "{raw}");
        }
    }

    #[test]
    fn separators_and_scripts() {
        let cases = [
            ("4754-0091-7145-2114", Kind::Card, "***************2114"),
            ("5278 9914 3301 4671", Kind::Card, "************4671"),
            ("AE65 8145 3840 1916 1461 003", Kind::Iban, "*******************1003"),
            ("171064-191P", Kind::NationalId, "*******191P"),
            ("39040859E113", Kind::NationalId, "********E113"),
            ("1 46 05 44 142 928 33", Kind::NationalId, "***********2833"),
            ("07.73.71.04.64", Kind::Phone, "*********0464"),
            ("(212) 450-0276", Kind::Phone, "*********0276"),
            ("٠٥٠١٢٣٤٥٦٧", Kind::Phone, "******٤٥٦٧"),
            ("+971\u{00A0}50\u{00A0}123\u{00A0}4567", Kind::Phone, "*********4567"),
            ("\u{200E}+966 50 123 4567", Kind::Phone, "*********4567"),
            ("anna.virtanen@gmail.com", Kind::Email, "a************@gmail.com"),
            ("jürgen@web.de", Kind::Email, "j*****@web.de"),
            ("ａｂｃ＠ｅｘａｍｐｌｅ．ｃｏｍ", Kind::Email, "ａ**＠ｅｘａｍｐｌｅ．ｃｏｍ"),
        ];
        for (raw, kind, want) in cases {
            assert_eq!(mask_value(raw, kind), want, "{raw}");
        }
    }

    #[test]
    fn the_ascii_path_masks_as_the_general_one() {
        let pieces = ["1", "23", "4567", " ", "-", ".", "(", ")", "+", "\t", "\x0b", "a", "Z", "*"];
        for raw in crate::random_texts(&pieces, 20_000, 12) {
            let (mut fast, mut general) = (String::new(), String::new());
            mask_ascii_tail(raw.as_bytes(), &mut fast);
            mask_tail(&raw, &mut general);
            assert_eq!(fast, general, "{raw:?}");
        }
    }

    #[test]
    fn masking_is_idempotent() {
        for (raw, kind) in [
            ("+44 7911 123456", Kind::Phone),
            ("GB82 WEST 1234 5698 7654 32", Kind::Iban),
            ("lukas33@web.de", Kind::Email),
            ("٠٥٠١٢٣٤٥٦٧", Kind::Phone),
        ] {
            let once = mask_value(raw, kind);
            assert_eq!(mask_value(&once, kind), once);
        }
    }
}
