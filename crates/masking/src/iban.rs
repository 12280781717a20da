//! IBANs: country code, two check digits and the country's BBAN, compact or grouped, in upper
//! or lower case, with the exact length and format the registry gives that country and a
//! valid ISO 7064 mod 97-10 check.
//!
//! The table is the SWIFT IBAN registry plus the territories that use a parent country's
//! format under their own code and the African and Middle-Eastern countries that issue IBANs
//! outside the registry (taken from the `schwifty` project's registry data).

use crate::checksum::mod97;
use crate::scan::{digit_groups, is_word, next_char, starts_free, Run};
use crate::{Found, Kind};

/// Country code and BBAN format in registry notation: `4!n` is four digits, `4!a` four
/// upper-case letters, `4!c` four letters or digits. Sorted by country code.
const REGISTRY: &[(&str, &str)] = &[
    ("AD", "4!n4!n12!c"),
    ("AE", "3!n16!n"),
    ("AL", "8!n16!c"),
    ("AO", "21!n"),
    ("AT", "5!n11!n"),
    ("AX", "3!n11!n"),
    ("AZ", "4!a20!c"),
    ("BA", "3!n3!n8!n2!n"),
    ("BE", "3!n7!n2!n"),
    ("BF", "2!c22!n"),
    ("BG", "4!a4!n2!n8!c"),
    ("BH", "4!a14!c"),
    ("BI", "5!n5!n11!n2!n"),
    ("BJ", "2!c22!n"),
    ("BL", "5!n5!n11!c2!n"),
    ("BR", "8!c5!n10!n1!c1!c"),
    ("BY", "4!c4!n16!c"),
    ("CF", "23!n"),
    ("CG", "23!n"),
    ("CH", "5!n12!c"),
    ("CI", "2!a22!n"),
    ("CM", "23!n"),
    ("CR", "4!n14!n"),
    ("CV", "21!n"),
    ("CY", "3!n5!n16!c"),
    ("CZ", "4!n16!n"),
    ("DE", "8!n10!n"),
    ("DJ", "5!n5!n11!n2!n"),
    ("DK", "4!n9!n1!n"),
    ("DO", "4!c20!n"),
    ("DZ", "22!n"),
    ("EE", "2!n14!n"),
    ("EG", "4!n4!n17!n"),
    ("ES", "4!n4!n1!n1!n10!n"),
    ("FI", "3!n11!n"),
    ("FK", "2!a12!n"),
    ("FO", "4!n9!n1!n"),
    ("FR", "5!n5!n11!c2!n"),
    ("GA", "23!n"),
    ("GB", "4!a6!n8!n"),
    ("GE", "2!a16!n"),
    ("GF", "5!n5!n11!c2!n"),
    ("GG", "4!a6!n8!n"),
    ("GI", "4!a15!c"),
    ("GL", "4!n9!n1!n"),
    ("GP", "5!n5!n11!c2!n"),
    ("GQ", "23!n"),
    ("GR", "3!n4!n16!c"),
    ("GT", "4!c20!c"),
    ("GW", "2!c19!n"),
    ("HN", "4!a20!n"),
    ("HR", "7!n10!n"),
    ("HU", "3!n4!n1!n15!n1!n"),
    ("IE", "4!a6!n8!n"),
    ("IL", "3!n3!n13!n"),
    ("IM", "4!a6!n8!n"),
    ("IQ", "4!a3!n12!n"),
    ("IR", "22!n"),
    ("IS", "4!n2!n6!n10!n"),
    ("IT", "1!a5!n5!n12!c"),
    ("JE", "4!a6!n8!n"),
    ("JO", "4!a4!n18!c"),
    ("KM", "23!n"),
    ("KW", "4!a22!c"),
    ("KZ", "3!n13!c"),
    ("LB", "4!n20!c"),
    ("LC", "4!a24!c"),
    ("LI", "5!n12!c"),
    ("LT", "5!n11!n"),
    ("LU", "3!n13!c"),
    ("LV", "4!a13!c"),
    ("LY", "3!n3!n15!n"),
    ("MA", "24!n"),
    ("MC", "5!n5!n11!c2!n"),
    ("MD", "2!c18!c"),
    ("ME", "3!n13!n2!n"),
    ("MF", "5!n5!n11!c2!n"),
    ("MG", "23!n"),
    ("MK", "3!n10!c2!n"),
    ("ML", "2!c22!n"),
    ("MN", "4!n12!n"),
    ("MQ", "5!n5!n11!c2!n"),
    ("MR", "5!n5!n11!n2!n"),
    ("MT", "4!a5!n18!c"),
    ("MU", "4!a2!n2!n12!n3!n3!a"),
    ("MZ", "21!n"),
    ("NC", "5!n5!n11!c2!n"),
    ("NE", "2!a22!n"),
    ("NI", "4!a20!n"),
    ("NL", "4!a10!n"),
    ("NO", "4!n6!n1!n"),
    ("OM", "3!n16!c"),
    ("PF", "5!n5!n11!c2!n"),
    ("PK", "4!a16!c"),
    ("PL", "8!n16!n"),
    ("PM", "5!n5!n11!c2!n"),
    ("PS", "4!a21!c"),
    ("PT", "4!n4!n11!n2!n"),
    ("QA", "4!a21!c"),
    ("RE", "5!n5!n11!c2!n"),
    ("RO", "4!a16!c"),
    ("RS", "3!n13!n2!n"),
    ("RU", "9!n5!n15!c"),
    ("SA", "2!n18!c"),
    ("SC", "4!a2!n2!n16!n3!a"),
    ("SD", "2!n12!n"),
    ("SE", "3!n16!n1!n"),
    ("SI", "5!n8!n2!n"),
    ("SK", "4!n6!n10!n"),
    ("SM", "1!a5!n5!n12!c"),
    ("SN", "2!a22!n"),
    ("SO", "4!n3!n12!n"),
    ("ST", "4!n4!n11!n2!n"),
    ("SV", "4!a20!n"),
    ("TD", "23!n"),
    ("TF", "5!n5!n11!c2!n"),
    ("TG", "2!a3!n5!n12!n2!n"),
    ("TL", "3!n14!n2!n"),
    ("TN", "2!n3!n13!n2!n"),
    ("TR", "5!n1!n16!c"),
    ("UA", "6!n19!c"),
    ("VA", "3!n15!n"),
    ("VG", "4!a16!n"),
    ("WF", "5!n5!n11!c2!n"),
    ("XK", "4!n10!n2!n"),
    ("YE", "4!a4!n18!c"),
    ("YT", "5!n5!n11!c2!n"),
];

/// The BBAN format of a country, if it issues IBANs.
fn bban_format(country: [u8; 2]) -> Option<&'static str> {
    let code = [country[0].to_ascii_uppercase(), country[1].to_ascii_uppercase()];
    REGISTRY.binary_search_by(|(c, _)| c.as_bytes().cmp(&code[..])).ok().map(|i| REGISTRY[i].1)
}

/// Segments of a registry format: (count, class) with class `n`, `a` or `c`.
fn segments(format: &str) -> impl Iterator<Item = (usize, u8)> + '_ {
    let b = format.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        if i >= b.len() {
            return None;
        }
        let mut count = 0;
        while b[i].is_ascii_digit() {
            count = count * 10 + usize::from(b[i] - b'0');
            i += 1;
        }
        // Skip the `!` (fixed length) and take the class.
        let class = b[i + 1];
        i += 2;
        Some((count, class))
    })
}

/// The IBAN length of a country's format: country, check digits and BBAN.
fn iban_len(format: &str) -> usize {
    4 + segments(format).map(|(n, _)| n).sum::<usize>()
}

/// Does a BBAN follow its country's format? Banks' letter codes may be typed in lower case,
/// so `a` accepts either.
fn bban_matches(bban: &[u8], format: &str) -> bool {
    let mut pos = 0;
    for (count, class) in segments(format) {
        let Some(part) = bban.get(pos..pos + count) else { return false };
        let ok = match class {
            b'n' => part.iter().all(u8::is_ascii_digit),
            b'a' => part.iter().all(u8::is_ascii_alphabetic),
            _ => part.iter().all(u8::is_ascii_alphanumeric),
        };
        if !ok {
            return false;
        }
        pos += count;
    }
    pos == bban.len()
}

/// Is `iban` (compact ASCII, any case) a valid IBAN?
pub fn is_iban(iban: &[u8]) -> bool {
    if iban.len() < 5 || !iban[..2].iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    if !iban[2..4].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let Some(format) = bban_format([iban[0], iban[1]]) else { return false };
    if iban.len() != iban_len(format) {
        return false;
    }
    // Both checks read letters in either case: no upper-cased copy needed.
    bban_matches(&iban[4..], format) && mod97(iban[4..].iter().chain(&iban[..4]).copied()) == 1
}

/// IBANs in `text`: a country code and check digits at the start of a word, then exactly the
/// country's length of letters and digits, optionally grouped (see [`group_separator`]).
/// Candidates are the digit groups with two letters right before them.
pub fn find(text: &str, runs: &[Run], out: &mut Vec<Found>) {
    let b = text.as_bytes();
    let mut compact = [0u8; MAX_IBAN_LEN];
    let mut after = 0;
    for g in digit_groups(runs) {
        let i = g.start.wrapping_sub(2);
        if g.start < 2 || i < after || g.len() < 2 {
            continue;
        }
        if !b[i].is_ascii_alphabetic() || !b[i + 1].is_ascii_alphabetic() {
            continue;
        }
        if let Some(end) = iban_at(text, i, &mut compact) {
            out.push(Found { start: i, end, kind: Kind::Iban });
            after = end;
        }
    }
}

/// The end of a separator between two groups of an IBAN starting at `j`, just after a letter
/// or digit: up to three characters, spaces (of any kind, folded) and at most one `-`, `.` or
/// `_` (`DE89 3704`, `DE89-3704`, `DE89 - 3704`, `de89.3704`), followed by a letter or digit.
fn group_separator(b: &[u8], j: usize) -> Option<usize> {
    let mut k = j;
    let mut punct = 0;
    while k < b.len() && k - j < 3 {
        match b[k] {
            b' ' => {}
            b'-' | b'.' | b'_' if punct == 0 => punct += 1,
            _ => break,
        }
        k += 1;
    }
    (k > j && b.get(k).is_some_and(u8::is_ascii_alphanumeric)).then_some(k)
}

/// The longest IBAN of any country (Russia's).
const MAX_IBAN_LEN: usize = 34;

/// The end of a valid IBAN starting at `i`, if there is one. Its letters and digits are
/// gathered in `compact`, on the stack.
fn iban_at(text: &str, i: usize, compact: &mut [u8; MAX_IBAN_LEN]) -> Option<usize> {
    let b = text.as_bytes();
    if !starts_free(text, i) {
        return None;
    }
    let len = iban_len(bban_format([b[i], b[i + 1]])?).min(MAX_IBAN_LEN);
    let mut filled = 0;
    let mut j = i;
    while filled < len && j < b.len() {
        if b[j].is_ascii_alphanumeric() {
            compact[filled] = b[j];
            filled += 1;
            j += 1;
        } else if let Some(k) = group_separator(b, j) {
            j = k;
        } else {
            break;
        }
    }
    let ends_word = !next_char(text, j).is_some_and(is_word);
    (filled == len && ends_word && is_iban(&compact[..len])).then_some(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ibans(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find(text, &crate::scan::runs(text, &mut Vec::new()), &mut out);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn registry_is_sorted_and_well_formed() {
        assert!(REGISTRY.windows(2).all(|w| w[0].0 < w[1].0));
        for (country, format) in REGISTRY {
            let len = iban_len(format);
            assert!((15..=MAX_IBAN_LEN).contains(&len), "{country} {len}");
        }
        assert_eq!(iban_len(bban_format(*b"DE").unwrap()), 22);
        assert_eq!(iban_len(bban_format(*b"eg").unwrap()), 29);
    }

    #[test]
    fn valid_ibans_in_every_form() {
        let cases: &[(&str, &[&str])] = &[
            ("IBAN GB82 WEST 1234 5698 7654 32.", &["GB82 WEST 1234 5698 7654 32"]),
            ("iban gb82west12345698765432", &["gb82west12345698765432"]),
            ("DE89370400440532013000, thanks", &["DE89370400440532013000"]),
            ("FR14 2004 1010 0505 0001 3M02 606", &["FR14 2004 1010 0505 0001 3M02 606"]),
            ("SA03 8000 0000 6080 1016 7519", &["SA03 8000 0000 6080 1016 7519"]),
            ("AE07 0331 2345 6789 0123 456، شكرا", &["AE07 0331 2345 6789 0123 456"]),
            ("NO9386011117947 ok", &["NO9386011117947"]),
            ("EG380019000500000000263180002", &["EG380019000500000000263180002"]),
            ("DE89-3704-0044-0532-0130-00", &["DE89-3704-0044-0532-0130-00"]),
            ("de89 - 3704 - 0044 - 0532 - 0130 - 00.", &["de89 - 3704 - 0044 - 0532 - 0130 - 00"]),
            ("fi21.1234.5600.0007.85", &["fi21.1234.5600.0007.85"]),
        ];
        for (text, want) in cases {
            assert_eq!(&ibans(text), want, "{text}");
        }
    }

    #[test]
    fn not_ibans() {
        for text in [
            "GB82 WEST 1234 5698 7654 33", // check digits fail
            "DE8937040044053201300",       // one short
            "DE893704004405320130001",     // glued to one more digit
            "XX89370400440532013000",      // no such country
            "GB82 1234 1234 5698 7654 32", // bank code must be letters
            "INV-2024-143346",
        ] {
            assert!(ibans(text).is_empty(), "{text}");
        }
    }
}
