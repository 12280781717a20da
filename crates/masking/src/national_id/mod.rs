//! National identifiers, each validated by its own rules: US Social Security numbers, Finnish
//! henkilötunnus, German Rentenversicherungsnummer, Italian codice fiscale, French NIR, Saudi
//! national IDs and Emirates IDs.
//!
//! Identifiers with letters or fixed punctuation (henkilötunnus, RVNR, codice fiscale, NIR
//! with its Corsican `2A`/`2B`) are matched on the text by their shape; purely numeric ones
//! (SSN, Saudi ID, Emirates ID) are picked from the digit runs the other numeric detectors
//! share.

mod ae_emirates_id;
mod de_rvnr;
mod fi_hetu;
mod fr_nir;
mod it_codice_fiscale;
mod sa_national_id;
mod us_ssn;

use crate::prescan::Candidates;
use crate::scan::{digit_or_mask, ends_free, prev_char, starts_free, Run};
use crate::Found;

/// Every national identifier in `text`, from the detectors the pre-scan found evidence for.
pub fn find(text: &str, runs: &[Run], candidates: Candidates, out: &mut Vec<Found>) {
    if candidates.codice_fiscale {
        it_codice_fiscale::find(text, out);
    }
    if candidates.numeric {
        fi_hetu::find(text, runs, out);
        de_rvnr::find(text, runs, out);
        fr_nir::find(text, runs, out);
        us_ssn::find(text, runs, out);
        sa_national_id::find(text, runs, out);
        ae_emirates_id::find(text, runs, out);
    }
}

/// Matches a shape at byte `i`: `9` is a digit, `A` a letter, `X` either, `_` an optional
/// single space, dot or dash. The matched letters and digits, upper-cased, fill `compact`
/// (a stack buffer of exactly one byte per letter or digit of the shape: this runs for most
/// digit groups); the end offset is returned when the whole shape matched and the value stands
/// free of its surroundings (not glued to a word, and, when spaced, not continuing a longer
/// spaced number).
fn match_shape(text: &str, i: usize, shape: &[u8], compact: &mut [u8]) -> Option<usize> {
    let b = text.as_bytes();
    let mut filled = 0;
    let mut j = i;
    let mut spaced = false;
    for (k, &want) in shape.iter().enumerate() {
        if want == b'_' {
            let next = shape.get(k + 1).copied();
            let is_sep = b.get(j).is_some_and(|c| matches!(c, b' ' | b'.' | b'-'));
            if is_sep && j + 1 < b.len() && next.is_some_and(|n| class_ok(n, b[j + 1])) {
                j += 1;
                spaced = true;
            }
            continue;
        }
        let c = *b.get(j)?;
        if !class_ok(want, c) {
            return None;
        }
        *compact.get_mut(filled)? = c.to_ascii_uppercase();
        filled += 1;
        j += 1;
    }
    if filled != compact.len() || !starts_free(text, i) || !ends_free(text, j) {
        return None;
    }
    if spaced {
        let digit_space_before =
            i >= 2 && b[i - 1] == b' ' && prev_char(text, i - 1).is_some_and(digit_or_mask);
        let space_digit_after =
            b.get(j) == Some(&b' ') && b.get(j + 1).is_some_and(|&c| digit_or_mask(c.into()));
        if digit_space_before || space_digit_after {
            return None;
        }
    }
    Some(j)
}

fn class_ok(class: u8, c: u8) -> bool {
    match class {
        b'9' => c.is_ascii_digit(),
        b'A' => c.is_ascii_alphabetic(),
        _ => c.is_ascii_alphanumeric(),
    }
}

/// Value of ASCII digits.
fn number(digits: &[u8]) -> u64 {
    digits.iter().fold(0, |a, &d| a * 10 + u64::from(d - b'0'))
}

/// Days in a month of a year (Gregorian).
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_with_optional_spaces() {
        let mut c = [0u8; 12];
        assert_eq!(match_shape("39 040859 e113", 0, b"99_999999_A_999", &mut c), Some(14));
        assert_eq!(&c, b"39040859E113");
        assert_eq!(match_shape("x39040859E113", 1, b"99_999999_A_999", &mut c), None);
        assert_eq!(match_shape("39040859E1134", 0, b"99_999999_A_999", &mut c), None);
    }
}
