//! French NIR (numéro de sécurité sociale): sex, birth year and month, département (`2A`/`2B`
//! for Corsica), commune, order number and a two-digit key, `97 − (first 13 digits mod 97)`
//! with Corsica's `2A`/`2B` counted as 19/18. Compact or spaced (`1 85 05 78 006 084 91`).

use super::match_shape;
use crate::scan::{digit_groups, Run};
use crate::{Found, Kind};

/// Is `nir` (15 ASCII bytes, upper-cased) a valid NIR?
pub fn is_nir(nir: &[u8]) -> bool {
    if nir.len() != 15 || !matches!(nir[0], b'1' | b'2' | b'3' | b'4' | b'7' | b'8') {
        return false;
    }
    let dept: &[u8] = match &nir[5..7] {
        b"2A" => b"19",
        b"2B" => b"18",
        d if d.iter().all(u8::is_ascii_digit) && d != b"00" => d,
        _ => return false,
    };
    if !nir[..5].iter().chain(&nir[7..]).all(u8::is_ascii_digit) {
        return false;
    }
    // Months 01–12; 20 and 30–42 for unknown or provisional months; 50+ for some registrations.
    let month = super::number(&nir[3..5]);
    if !matches!(month, 1..=12 | 20 | 30..=42 | 50..=99) {
        return false;
    }
    let head = super::number(&nir[..5]) * 100_000_000
        + super::number(dept) * 1_000_000
        + super::number(&nir[7..13]);
    97 - head % 97 == super::number(&nir[13..])
}

/// NIRs in `text`: each starts a digit group with the sex digit.
pub fn find(text: &str, runs: &[Run], out: &mut Vec<Found>) {
    let b = text.as_bytes();
    let mut compact = Vec::with_capacity(15);
    for g in digit_groups(runs) {
        if !matches!(b[g.start], b'1' | b'2' | b'3' | b'4' | b'7' | b'8') {
            continue;
        }
        if let Some(end) = match_shape(text, g.start, b"9_99_99_XX_999_999_99", &mut compact) {
            if is_nir(&compact) {
                out.push(Found { start: g.start, end, kind: Kind::NationalId });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::runs;

    #[test]
    fn table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("est 180016728258335.", Some("180016728258335")),
            ("est 1 46 05 44 142 928 33", Some("1 46 05 44 142 928 33")),
            ("est 185057800608491", Some("185057800608491")),
            ("est 1.85.05.78.006.084.91", Some("1.85.05.78.006.084.91")),
            ("Corse 1 85 05 2A 123 456 33", Some("1 85 05 2A 123 456 33")),
            ("Corse 285052b12345610", Some("285052b12345610")),
            ("Corse 285052A12345610", None),
            ("est 185057800608492", None),
            ("est 185057800608491 12", Some("185057800608491")),
            ("ref185057800608491", None),
        ];
        for (text, want) in cases {
            let mut out = Vec::new();
            find(text, &runs(text, &mut Vec::new()), &mut out);
            let got = out.first().map(|f| &text[f.start..f.end]);
            assert_eq!(got, *want, "{text}");
        }
    }
}
