//! German Rentenversicherungsnummer (the social-insurance number): area number (2 digits),
//! birth date `DDMMYY`, the initial of the birth surname, a two-digit serial and a check digit,
//! written compact or spaced (`65 180539 W 001`).
//!
//! The check digit: the letter becomes its two-digit alphabet position, the twelve digits are
//! weighted 2 1 2 5 7 1 2 1 2 1 2 1, the digit sums of the products added, modulo 10.

use super::match_shape;
use crate::scan::Run;
use crate::{Found, Kind};

const WEIGHTS: [u32; 12] = [2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1];

/// Area numbers of the pension insurance institutions.
fn is_area(area: u64) -> bool {
    matches!(area, 2..=4 | 8..=29 | 38..=82 | 89)
}

/// Is `id` (12 ASCII bytes, letter upper-case) a valid Rentenversicherungsnummer?
pub fn is_rvnr(id: &[u8]) -> bool {
    if id.len() != 12 || !id[8].is_ascii_uppercase() {
        return false;
    }
    let day = super::number(&id[2..4]);
    let month = super::number(&id[4..6]);
    if !is_area(super::number(&id[..2])) || !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return false;
    }
    let letter = u32::from(id[8] - b'A' + 1);
    let digits = id[..8]
        .iter()
        .map(|&d| u32::from(d - b'0'))
        .chain([letter / 10, letter % 10])
        .chain(id[9..11].iter().map(|&d| u32::from(d - b'0')));
    let sum: u32 = digits.zip(WEIGHTS).map(|(d, w)| (d * w) / 10 + (d * w) % 10).sum();
    sum % 10 == u32::from(id[11] - b'0')
}

/// Rentenversicherungsnummern in `text`: each starts a digit group of two (spaced) or eight
/// (compact) digits.
pub fn find(text: &str, runs: &[Run], out: &mut Vec<Found>) {
    let mut compact = [0u8; 12];
    for run in runs {
        let last = run.groups.len() - 1;
        for (k, g) in run.groups.iter().enumerate() {
            // Cheap necessary condition before the shape: the eight digits before the letter
            // end the run, and the letter follows.
            if g.masked
                || (g.len() != 2 && g.len() != 8)
                || run.digit_count(k, last) != 8
                || !run.followed_by_letter(text)
            {
                continue;
            }
            if let Some(end) = match_shape(text, g.start, b"99_999999_A_999", &mut compact) {
                if is_rvnr(&compact) {
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
            ("lautet 39040859E113.", Some("39040859E113")),
            ("lautet 65 180539 W 001", Some("65 180539 W 001")),
            ("lautet 65180539w001", Some("65180539w001")),
            ("lautet 39040859E114", None),
            ("lautet 39043259E113", None),
            ("lautet 00040859E113", None),
            ("Ref39040859E113", None),
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
    fn the_prefilter_drops_no_rvnr() {
        let pieces = [
            "65",
            "180539",
            "39040859",
            "E113",
            "e",
            "W",
            "001",
            "113",
            "3",
            "9",
            "0",
            " ",
            ".",
            "-",
            "/",
            "x",
            "*",
            "65 180539 W 001",
            "39040859E113",
        ];
        for text in crate::random_texts(&pieces, 20_000, 10) {
            let mut fast = Vec::new();
            find(&text, &runs(&text, &mut Vec::new()), &mut fast);
            let mut every = Vec::new();
            let mut compact = [0u8; 12];
            for g in crate::scan::digit_groups(&runs(&text, &mut Vec::new())) {
                if let Some(end) = match_shape(&text, g.start, b"99_999999_A_999", &mut compact) {
                    if is_rvnr(&compact) {
                        every.push((g.start, end));
                    }
                }
            }
            let fast: Vec<_> = fast.iter().map(|f| (f.start, f.end)).collect();
            assert_eq!(fast, every, "{text:?}");
        }
    }
}
