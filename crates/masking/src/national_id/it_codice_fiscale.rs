//! Italian codice fiscale: six letters from the names, the birth year, a month letter, the
//! birth day (plus 40 for women), the Belfiore code of the birth place and a check letter.
//! Where two people would share a code, digits are replaced from the right by the omocodia
//! letters `LMNPQRSTUV` (0–9). Upper or lower case.

use crate::scan::{ends_free, starts_free};
use crate::{Found, Kind};

/// Positions that hold a digit, or its omocodia letter.
const DIGIT_POSITIONS: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];
const OMOCODIA: &[u8; 10] = b"LMNPQRSTUV";
const MONTHS: &[u8; 12] = b"ABCDEHLMPRST";
/// Check values of characters in odd (1st, 3rd…) positions, for `0`–`9` and `A`–`Z` alike.
const ODD: [u32; 26] =
    [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

fn digit_value(c: u8) -> Option<u32> {
    if c.is_ascii_digit() {
        Some(u32::from(c - b'0'))
    } else {
        OMOCODIA.iter().position(|&o| o == c).map(|p| p as u32)
    }
}

/// Is `code` (16 ASCII bytes, upper-cased) a valid codice fiscale?
pub fn is_codice_fiscale(code: &[u8]) -> bool {
    if code.len() != 16 {
        return false;
    }
    let letters = [0, 1, 2, 3, 4, 5, 11, 15];
    if !letters.iter().all(|&i| code[i].is_ascii_uppercase()) || !MONTHS.contains(&code[8]) {
        return false;
    }
    let mut value = [0u32; 16];
    for &i in &DIGIT_POSITIONS {
        match digit_value(code[i]) {
            Some(v) => value[i] = v,
            None => return false,
        }
    }
    let day = (value[9] * 10 + value[10]) % 40;
    if !(1..=31).contains(&day) {
        return false;
    }
    let check: u32 = code[..15]
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let v = if c.is_ascii_digit() { u32::from(c - b'0') } else { u32::from(c - b'A') };
            if i % 2 == 0 {
                ODD[v as usize]
            } else {
                v
            }
        })
        .sum();
    code[15] == b'A' + (check % 26) as u8
}

/// Codici fiscali in `text`: words of exactly sixteen ASCII letters and digits.
pub fn find(text: &str, out: &mut Vec<Found>) {
    let b = text.as_bytes();
    let mut upper = [0u8; 16];
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i - start != 16 {
            continue;
        }
        for (u, c) in upper.iter_mut().zip(&b[start..i]) {
            *u = c.to_ascii_uppercase();
        }
        if is_codice_fiscale(&upper) && starts_free(text, start) && ends_free(text, i) {
            out.push(Found { start, end: i, kind: Kind::NationalId });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_codes_in_any_case_and_with_omocodia() {
        for code in [
            "RSSMRA85T10A562S",
            "MRTMTT91D08F205J",
            "RSSMRA85T10A56NH",
            "RSSMRAURTMLARSNL",
            "DFDFML93C10B594M",
            "PVVTDB78E12L288O",
        ] {
            assert!(is_codice_fiscale(code.as_bytes()), "{code}");
            let text = format!("codice fiscale {}.", code.to_lowercase());
            let mut out = Vec::new();
            find(&text, &mut out);
            assert_eq!(out.len(), 1, "{text}");
        }
    }

    #[test]
    fn invalid_codes() {
        for code in ["RSSMRA85T10A562T", "RSSMRA85Z10A562S", "RSSMRA85T99A562S", "RSSMRA85T1OA562S"]
        {
            assert!(!is_codice_fiscale(code.as_bytes()), "{code}");
        }
        let mut out = Vec::new();
        find("XRSSMRA85T10A562S", &mut out);
        assert!(out.is_empty());
    }
}
