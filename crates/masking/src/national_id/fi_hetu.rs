//! Finnish henkilötunnus: `DDMMYY`, a century sign (`+` 1800s; `-` `Y` `X` `W` `V` `U` 1900s;
//! `A`–`F` 2000s), a three-digit individual number and a check character, the remainder of
//! `DDMMYYNNN` divided by 31 looked up in `0123456789ABCDEFHJKLMNPRSTUVWXY`.

use crate::scan::{digit_groups, ends_free, starts_free, Run};
use crate::{Found, Kind};

const CHECK: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

fn century(sign: u8) -> Option<u32> {
    match sign.to_ascii_uppercase() {
        b'+' => Some(1800),
        b'-' | b'Y' | b'X' | b'W' | b'V' | b'U' => Some(1900),
        b'A'..=b'F' => Some(2000),
        _ => None,
    }
}

/// Is `id` (11 ASCII bytes, any case) a valid henkilötunnus?
pub fn is_hetu(id: &[u8]) -> bool {
    if id.len() != 11
        || !id[..6].iter().chain(&id[7..10]).all(u8::is_ascii_digit)
        || !id[10].is_ascii_alphanumeric()
    {
        return false;
    }
    let Some(century) = century(id[6]) else { return false };
    let (day, month) = (super::number(&id[..2]) as u32, super::number(&id[2..4]) as u32);
    let year = century + super::number(&id[4..6]) as u32;
    let individual = super::number(&id[7..10]);
    let date_ok =
        (1..=12).contains(&month) && (1..=super::days_in_month(year, month)).contains(&day);
    // Individual numbers start at 002; 900–999 are temporary identifiers, still personal.
    let digits = super::number(&id[..6]) * 1000 + individual;
    date_ok && individual >= 2 && CHECK[(digits % 31) as usize] == id[10].to_ascii_uppercase()
}

/// Henkilötunnukset in `text`: each starts with a six-digit group of a run.
pub fn find(text: &str, runs: &[Run], out: &mut Vec<Found>) {
    let b = text.as_bytes();
    for g in digit_groups(runs) {
        let (start, end) = (g.start, g.start + 11);
        if g.len() == 6
            && end <= b.len()
            && is_hetu(&b[start..end])
            && starts_free(text, start)
            && ends_free(text, end)
        {
            out.push(Found { start, end, kind: Kind::NationalId });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::runs;

    #[test]
    fn every_century_sign() {
        for id in [
            "131052-308T",
            "010594Y9109",
            "010181+002D",
            "150305A123B",
            "291204B4564",
            "311299U7779",
            "010101F2348",
            "020202W345J",
            "171064-191P",
            "250504A4014",
            "131052-308t",
            "131052a308t",
        ] {
            assert!(is_hetu(id.as_bytes()), "{id}");
        }
    }

    #[test]
    fn invalid_ones() {
        for id in ["131052-308U", "310252-308Y", "131052-001X", "131352-308T", "131052Z308T"] {
            assert!(!is_hetu(id.as_bytes()), "{id}");
        }
    }

    #[test]
    fn found_in_text() {
        let text = "Henkilötunnukseni on 171064-191P, kiitos";
        let mut out = Vec::new();
        find(text, &runs(text, &mut Vec::new()), &mut out);
        assert_eq!(&text[out[0].start..out[0].end], "171064-191P");
        out.clear();
        let text = "ref X171064-191P";
        find(text, &runs(text, &mut Vec::new()), &mut out);
        assert!(out.is_empty());
    }
}
