//! Saudi national IDs and iqamas: ten digits, the first 1 (citizen) or 2 (resident), with a
//! Luhn check digit. One ten-digit reference in twenty passes that by chance, so a number
//! introduced as an order or invoice number is left alone.

use crate::checksum::luhn;
use crate::scan::{follows_reference_word, Run};
use crate::{Found, Kind};

pub fn is_saudi_id(digits: &[u8]) -> bool {
    digits.len() == 10 && matches!(digits[0], b'1' | b'2') && luhn(digits)
}

pub fn find(text: &str, runs: &[Run], out: &mut Vec<Found>) {
    for run in runs {
        for (k, g) in run.groups.iter().enumerate() {
            if !g.masked
                && is_saudi_id(&text.as_bytes()[g.start..g.end])
                && run.standalone(text, k, k)
                && !follows_reference_word(text, g.start)
            {
                out.push(Found { start: g.start, end: g.end, kind: Kind::NationalId });
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
        let cases: &[(&str, bool)] = &[
            ("رقم الهوية الوطنية الخاص بي 1668928383.", true),
            ("iqama 2125049920", true),
            ("1668928384", false),
            ("3668928383", false),
            ("#1668928383", false),
            ("+1668928383", false),
            ("1668928383a", false),
            ("order 1668928383", false),
        ];
        for (text, want) in cases {
            let mut out = Vec::new();
            find(text, &runs(text, &mut Vec::new()), &mut out);
            assert_eq!(out.len() == 1, *want, "{text}");
        }
    }
}
