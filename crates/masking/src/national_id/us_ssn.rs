//! US Social Security numbers: `AAA-GG-SSSS`, dashed or spaced, or nine plain digits when the
//! words before them say it is an SSN. Areas 000, 666 and 900–999, group 00 and serial 0000
//! are never issued.

use crate::scan::Run;
use crate::{Found, Kind};

/// Words that make nine plain digits an SSN, looked for just before them.
const CONTEXT: &[&[u8]] = &[b"ssn", b"social security", b"ss#", b"ss #", b"soc. sec", b"soc sec"];

/// How far back (bytes) the context words may be.
const CONTEXT_WINDOW: usize = 48;

fn is_issued(area: &[u8], group: &[u8], serial: &[u8]) -> bool {
    let area = super::number(area);
    area != 0
        && area != 666
        && area < 900
        && super::number(group) != 0
        && super::number(serial) != 0
}

fn has_context(text: &str, pos: usize) -> bool {
    let window = &text.as_bytes()[pos.saturating_sub(CONTEXT_WINDOW)..pos];
    CONTEXT.iter().any(|w| window.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w)))
}

pub fn find(text: &str, runs: &[Run], out: &mut Vec<Found>) {
    for run in runs {
        let g = &run.groups;
        let digits = |k: usize| &text.as_bytes()[g[k].start..g[k].end];
        for i in 0..g.len().saturating_sub(2) {
            if g[i].len() != 3
                || g[i + 1].len() != 2
                || g[i + 2].len() != 4
                || run.has_masked(i, i + 2)
            {
                continue;
            }
            // "SSN#123-45-6789": a `#` that otherwise marks a reference number.
            let after_hash = i == 0
                && text[..g[0].start].ends_with('#')
                && has_context(text, g[0].start)
                && run.free_after(text, i + 2);
            if run.uniform_sep(text, i, i + 2, b"- ").is_none()
                || !(run.standalone(text, i, i + 2) || after_hash)
            {
                continue;
            }
            if is_issued(digits(i), digits(i + 1), digits(i + 2)) {
                out.push(Found { start: g[i].start, end: g[i + 2].end, kind: Kind::NationalId });
            }
        }
        for k in 0..g.len() {
            let d = digits(k);
            if d.len() == 9
                && !g[k].masked
                && run.standalone(text, k, k)
                && is_issued(&d[..3], &d[3..5], &d[5..])
                && has_context(text, g[k].start)
            {
                out.push(Found { start: g[k].start, end: g[k].end, kind: Kind::NationalId });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::runs;

    fn ssns(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find(text, &runs(text, &mut Vec::new()), &mut out);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("My SSN is 887-72-7630, thanks", &["887-72-7630"]),
            ("SSN#887-72-7630", &["887-72-7630"]),
            ("ticket #887-72-7630", &[]),
            ("ssn 123 45 6789", &["123 45 6789"]),
            ("SSN: 123456789.", &["123456789"]),
            ("Social Security number 078051120", &["078051120"]),
            ("order 123456789", &[]),
            ("000-12-3456", &[]),
            ("666-12-3456", &[]),
            ("912-12-3456", &[]),
            ("123-00-4567", &[]),
            ("123-45-0000", &[]),
            ("123-45 6789", &[]),
            ("INV-123-45-6789", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(&ssns(text), want, "{text}");
        }
    }
}
