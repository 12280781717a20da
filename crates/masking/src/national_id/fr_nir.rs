//! French NIR (numéro de sécurité sociale): sex, birth year and month, département (`2A`/`2B`
//! for Corsica), commune, order number and a two-digit key, `97 − (first 13 digits mod 97)`
//! with Corsica's `2A`/`2B` counted as 19/18. Compact or spaced (`1 85 05 78 006 084 91`).

use super::match_shape;
use crate::scan::Run;
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
    let mut compact = [0u8; 15];
    for run in runs {
        let last = run.groups.len() - 1;
        for (k, g) in run.groups.iter().enumerate() {
            // Cheap necessary conditions before the shape. The first group ends where the
            // shape allows a separator (after 1, 3, 5, 7, 10 or 13 digits), a letter (after
            // 5 or 6) or the end (15): not the four-digit groups of cards and IBANs.
            if g.masked
                || !matches!(b[g.start], b'1' | b'2' | b'3' | b'4' | b'7' | b'8')
                || !matches!(g.len(), 1 | 3 | 5 | 6 | 7 | 10 | 13 | 15)
            {
                continue;
            }
            // The fifteen characters are one run of digits (single separators join groups),
            // unless a letter (Corsica's `2A`) ends the run after five or six of them.
            let digits = run.digit_count(k, last);
            if digits < 15 && !((digits == 5 || digits == 6) && run.followed_by_letter(text)) {
                continue;
            }
            if let Some(end) = match_shape(text, g.start, b"9_99_99_XX_999_999_99", &mut compact) {
                if is_nir(&compact) {
                    out.push(Found { start: g.start, end, kind: Kind::NationalId });
                }
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

    /// The run test before the shape only skips groups the shape would reject.
    #[test]
    fn the_prefilter_drops_no_nir() {
        let pieces = [
            "1",
            "2",
            "8",
            "5",
            "0",
            "18",
            "85",
            "05",
            "78",
            "2A",
            "2b",
            "006",
            "084",
            "91",
            "185057800608491",
            "1 85 05 78 006 084 91",
            "1 85 05 2A 123 456 33",
            " ",
            ".",
            "-",
            "/",
            "x",
            "A",
            "*",
            "+",
        ];
        for text in crate::random_texts(&pieces, 20_000, 10) {
            let mut fast = Vec::new();
            find(&text, &runs(&text, &mut Vec::new()), &mut fast);
            let mut every = Vec::new();
            let mut compact = [0u8; 15];
            for g in crate::scan::digit_groups(&runs(&text, &mut Vec::new())) {
                if let Some(end) =
                    match_shape(&text, g.start, b"9_99_99_XX_999_999_99", &mut compact)
                {
                    if is_nir(&compact) {
                        every.push((g.start, end));
                    }
                }
            }
            let fast: Vec<_> = fast.iter().map(|f| (f.start, f.end)).collect();
            assert_eq!(fast, every, "{text:?}");
        }
    }
}
