//! Emirates IDs: `784-YYYY-NNNNNNN-C`, dashed, spaced or plain, where 784 is the UAE's
//! country code, YYYY the holder's birth year and C a Luhn check digit over all fifteen.

use crate::checksum::luhn;
use crate::scan::Run;
use crate::{Found, Kind};

pub fn is_emirates_id(digits: &[u8]) -> bool {
    digits.len() == 15
        && digits.starts_with(b"784")
        && (1900..=2099).contains(&super::number(&digits[3..7]))
        && luhn(digits)
}

pub fn find(text: &str, runs: &[Run], out: &mut Vec<Found>) {
    // Allocated on the first candidate only.
    let mut digits = String::new();
    for run in runs {
        let g = &run.groups;
        for i in 0..g.len() {
            let j = if g[i].len() == 15 {
                i
            } else if i + 3 < g.len()
                && [g[i].len(), g[i + 1].len(), g[i + 2].len(), g[i + 3].len()] == [3, 4, 7, 1]
                && run.uniform_sep(text, i, i + 3, b"- ").is_some()
            {
                i + 3
            } else {
                continue;
            };
            if run.has_masked(i, j) {
                continue;
            }
            digits.clear();
            run.digits_into(text, i, j, &mut digits);
            if is_emirates_id(digits.as_bytes()) && run.standalone(text, i, j) {
                out.push(Found { start: g[i].start, end: g[j].end, kind: Kind::NationalId });
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
            ("ID 784-1987-1234567-1", true),
            ("ID 784 1987 1234567 1", true),
            ("ID 784198712345671.", true),
            ("ID 784-1987-1234567-2", false),
            ("ID 784-1987 1234567-1", false),
            ("ID 785198712345670", false),
        ];
        for (text, want) in cases {
            let mut out = Vec::new();
            find(text, &runs(text, &mut Vec::new()), &mut out);
            assert_eq!(out.len() == 1, *want, "{text}");
        }
    }
}
