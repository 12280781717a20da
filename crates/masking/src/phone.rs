//! Phone numbers, validated against the numbering plans of the `phonenumber` crate (a port of
//! Google's libphonenumber).
//!
//! Numbers with a `+` (or a `00` international prefix) are checked against their country's
//! plan, whatever the country. Numbers without one are national: the message's country is
//! unknown, so each country the desk serves (US/Canada, UK, Finland, Germany, Italy, France,
//! Saudi Arabia, UAE, Egypt) is tried and one valid reading is enough. A digit string is only
//! put to a national plan when it *looks* national, because many random numbers are valid
//! somewhere: it starts with the trunk prefix `0`, or has the North-American `(NXX) NXX-XXXX`
//! grouping, or is an Italian mobile (`3xx…`, Italy has no trunk prefix for mobiles). Dates,
//! IP addresses and version strings inside a run of digits are never part of a phone number.
//!
//! The plans are the `phonenumber` crate's libphonenumber metadata, compiled once (see
//! [`crate::plan`]); a candidate is put to them only after these cheap checks.

use std::sync::LazyLock;

use crate::plan::{Plan, PLANS};
use crate::scan::{follows_reference_word, Group, Run};
use crate::{overlaps, Found, Kind, Span};

/// Countries tried for numbers written with the trunk prefix `0`, most frequent first: the
/// first valid reading ends the search. Italy keeps the `0` in its national numbers.
const TRUNK_REGIONS: [&str; 8] = ["GB", "DE", "FR", "FI", "SA", "AE", "EG", "IT"];

/// Finds phone numbers. Holds nothing itself: the plans are shared by the whole process.
#[derive(Clone, Debug, Default)]
pub struct PhoneDetector;

impl PhoneDetector {
    /// Loads the numbering plans now, so the first message does not wait for them.
    pub fn new() -> Self {
        LazyLock::force(&PLANS);
        PhoneDetector
    }

    /// Phone numbers among the runs of `text`, outside what is already `taken`.
    pub fn find(&self, text: &str, runs: &[Run], taken: &[Span], out: &mut Vec<Found>) {
        // Allocated on the first candidate only.
        let mut buf = String::new();
        for run in runs {
            // Shortest phone number considered: seven digits after a `+` country code.
            if run.digit_count(0, run.groups.len() - 1) < 7 {
                continue;
            }
            let mask = blocked_groups(text, run);
            let blocked = |k: usize| k < 64 && mask & (1 << k) != 0;
            let last = run.groups.len() - 1;
            let mut i = 0;
            'start: while i <= last {
                // A start already taken (by a card, an IBAN…) starts nothing.
                let start = run.value_start(text, i);
                if !run.may_start_at(text, i)
                    || blocked(i)
                    || overlaps(taken, start, run.groups[i].end)
                {
                    i += 1;
                    continue;
                }
                // At most 17 digits: a `00` prefix and the 15 of the longest E.164 number.
                let reach = run.reach(i, 17);
                let mut j = i;
                while j < reach && !blocked(j + 1) {
                    j += 1;
                }
                // Longest first, so a number is not cut short by a shorter valid reading.
                for j in (i..=j).rev() {
                    if !run.may_end_at(text, j) || overlaps(taken, start, run.groups[j].end) {
                        continue;
                    }
                    if self.is_phone(text, run, i, j, &mut buf) {
                        let international = i == 0 && run.plus.is_some();
                        if !international && follows_reference_word(text, start) {
                            break;
                        }
                        out.push(Found { start, end: run.groups[j].end, kind: Kind::Phone });
                        i = j + 1;
                        continue 'start;
                    }
                }
                i += 1;
            }
        }
    }

    /// Are groups `i..=j` of the run one valid phone number?
    fn is_phone(&self, text: &str, run: &Run, i: usize, j: usize, buf: &mut String) -> bool {
        // Numbers are grouped in twos and more; one single digit after the first group at most
        // ("+33 6 12 34 56 78"), so that a list of digits is not read as a number.
        // A trunk prefix in parentheses ("+33 (0)6 …") is not one of them.
        let single = |g: &&Group| g.len() == 1 && !is_parenthesised_zero(text, g);
        if run.groups[i + 1..=j].iter().filter(single).count() > 1 {
            return false;
        }
        let count = run.digit_count(i, j);
        if i == 0 && run.plus.is_some() {
            if !(8..=15).contains(&count) {
                return false;
            }
            buf.clear();
            // Room for the longest number, so the buffer is allocated once per message.
            buf.reserve(24);
            buf.push('+');
            for (k, g) in run.groups[i..=j].iter().enumerate() {
                // "+44 (0) 7911…": the trunk prefix in parentheses is not dialled from abroad.
                if !(k > 0 && is_parenthesised_zero(text, g)) {
                    buf.push_str(&text[g.start..g.end]);
                }
            }
            // The customer wrote a `+`: a known country and a possible length are enough.
            return international(&buf[1..], true);
        }
        // No number, national or after `00`, is shorter or longer: spare reading the digits.
        if !(9..=17).contains(&count) {
            return false;
        }
        buf.clear();
        run.digits_into(text, i, j, buf);
        if let Some(rest) = buf.strip_prefix("00") {
            // "0049 170…": the international call prefix used across Europe and the Gulf.
            return (10..=17).contains(&count) && international(rest, false);
        }
        if !(9..=13).contains(&count) {
            return false;
        }
        let lens = |want: &[usize]| {
            j + 1 - i == want.len()
                && run.groups[i..=j].iter().zip(want).all(|(g, &w)| g.len() == w)
        };
        match buf.as_bytes()[0] {
            b'0' => self.trunk_number(buf, run, i, j),
            // North America: the US, Canada and the Caribbean share the plan of code 1.
            b'1' if count == 11 && lens(&[1, 3, 3, 4]) => international(buf, false),
            b'2'..=b'9' if count == 10 && is_nanp_grouping(text, run, i, lens) => {
                buf.insert(0, '1');
                international(buf, false) || (buf.starts_with("13") && valid_in("IT", &buf[1..]))
            }
            b'3' if count <= 10 => valid_in("IT", buf),
            _ => false,
        }
    }

    /// A national number written with the trunk prefix `0`, valid in one of the countries, or
    /// typed in exactly the grouping a country's plan writes it in. The plans' validity
    /// patterns list allocated blocks only; a new block (France's 07 series grows every year)
    /// still has the plan's length and grouping, which random references do not.
    fn trunk_number(&self, digits: &str, run: &Run, i: usize, j: usize) -> bool {
        let candidates = || {
            TRUNK_REGIONS.iter().filter_map(|id| PLANS.region(id)).filter(|(plan, _)| {
                plan.lengths.contains(&(national_significant(plan, digits).len() as u16))
            })
        };
        candidates().any(|(plan, code)| PLANS.is_valid(code, national_significant(plan, digits)))
            || (j > i && candidates().any(|(plan, _)| in_plan_grouping(plan, digits, run, i, j)))
    }
}

/// Is `digits` (trunk prefix included) typed in the groups its plan formats it in?
fn in_plan_grouping(plan: &Plan, digits: &str, run: &Run, i: usize, j: usize) -> bool {
    let nsn = national_significant(plan, digits);
    let Some(mut groups) = plan.grouping(nsn) else { return false };
    // The trunk prefix is typed with the first group ("07 29 63 84 27").
    if let Some(first) = groups.first_mut() {
        *first += digits.len() - nsn.len();
    }
    groups.len() == j + 1 - i && run.groups[i..=j].iter().zip(&groups).all(|(g, &l)| g.len() == l)
}

/// Is `digits` (trunk prefix included, if any) a valid national number of `region`?
fn valid_in(region: &str, digits: &str) -> bool {
    PLANS
        .region(region)
        .is_some_and(|(plan, code)| PLANS.is_valid(code, national_significant(plan, digits)))
}

/// `digits` without the plan's trunk prefix.
fn national_significant<'d>(plan: &Plan, digits: &'d str) -> &'d str {
    plan.national_prefix.and_then(|p| digits.strip_prefix(p)).unwrap_or(digits)
}

/// Is `digits` (country code first) a valid international number? With `possible_is_enough`,
/// a known country code and a possible length for it suffice.
fn international(digits: &str, possible_is_enough: bool) -> bool {
    PLANS.international(digits).is_some_and(|valid| valid || possible_is_enough)
}

/// `(212) 450-0276`, `212-450-0276`, `212.450.0276`, `212 450 0276`, `(212) 4500276`.
fn is_nanp_grouping(text: &str, run: &Run, i: usize, lens: impl Fn(&[usize]) -> bool) -> bool {
    let g = run.groups[i];
    let parenthesised = g.start > 0 && text.as_bytes()[g.start - 1] == b'(';
    lens(&[3, 3, 4]) || (parenthesised && lens(&[3, 7]))
}

fn is_parenthesised_zero(text: &str, g: &Group) -> bool {
    let b = text.as_bytes();
    &text[g.start..g.end] == "0" && b[g.start - 1] == b'(' && b.get(g.end) == Some(&b')')
}

/// Groups of a run that belong to a date (`15.03.2024`, `2024-03-15`, `15/03/24`), an IPv4
/// address or a version string, or a value masked earlier, as a bit set (group `k` is bit `k`; runs rarely have more than
/// a handful of groups): such a group is never part of a phone number.
fn blocked_groups(text: &str, run: &Run) -> u64 {
    let n = run.groups.len().min(64);
    let mut blocked = 0u64;
    let mut start = 0;
    while start < n {
        // A chain: groups joined by one and the same single `.`, `-` or `/`.
        let mut end = start;
        let sep = (start + 1 < n)
            .then(|| run.sep(text, start))
            .filter(|s| s.len() == 1 && matches!(s.as_bytes()[0], b'.' | b'-' | b'/'));
        if let Some(sep) = sep {
            while end + 1 < n && run.sep(text, end) == sep {
                end += 1;
            }
        }
        let lens: &[Group] = &run.groups[start..=end];
        let dotted = sep == Some(".");
        let is_date = match lens {
            [a, b, c] => {
                let (a, b, c) = (a.len(), b.len(), c.len());
                ((1..=2).contains(&a) && (1..=2).contains(&b) && (c == 2 || c == 4))
                    || (a == 4 && (1..=2).contains(&b) && (1..=2).contains(&c))
            }
            _ => false,
        };
        let is_version = dotted && lens.len() == 3 && lens.iter().all(|g| g.len() <= 2);
        let is_ip = dotted && lens.len() == 4 && lens.iter().all(|g| g.len() <= 3);
        if is_date || is_version || is_ip || lens.iter().any(|g| g.masked) {
            for k in start..=end {
                blocked |= 1 << k;
            }
        }
        start = end + 1;
    }
    blocked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::runs;
    use std::sync::LazyLock;

    static DETECTOR: LazyLock<PhoneDetector> = LazyLock::new(PhoneDetector::new);

    fn phones(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        DETECTOR.find(text, &runs(text, &mut Vec::new()), &[], &mut out);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn international_formats() {
        let cases: &[(&str, &[&str])] = &[
            ("call + 1 (123) 456 7890 now", &["+ 1 (123) 456 7890"]),
            ("call +447966197542.", &["+447966197542"]),
            ("call +1 617-800-2352", &["+1 617-800-2352"]),
            ("call +44 (0) 7911 123456", &["+44 (0) 7911 123456"]),
            ("call +33 (0)6 12 34 56 78", &["+33 (0)6 12 34 56 78"]),
            ("ruf +49 (0)30 1234 5678 an", &["+49 (0)30 1234 5678"]),
            ("call +49 170 16630494 or", &["+49 170 16630494"]),
            ("call +33 6 67 94 96 58", &["+33 6 67 94 96 58"]),
            ("call +358 40 2835775", &["+358 40 2835775"]),
            ("call +966 53 679 1601", &["+966 53 679 1601"]),
            ("call +971 56 597 5104", &["+971 56 597 5104"]),
            ("call +20 10 1234 5678", &["+20 10 1234 5678"]),
            ("call +39 347 557 0848", &["+39 347 557 0848"]),
            ("call 0049 170 16630494", &["0049 170 16630494"]),
        ];
        for (text, want) in cases {
            assert_eq!(&phones(text), want, "{text}");
        }
    }

    #[test]
    fn national_formats() {
        let cases: &[(&str, &[&str])] = &[
            ("(212) 450-0276", &["(212) 450-0276"]),
            ("call me (0151 71851337)", &["0151 71851337"]),
            ("(+49) 151 71851337", &["(+49) 151 71851337"]),
            ("212.450.0276", &["212.450.0276"]),
            ("1-212-450-0276", &["1-212-450-0276"]),
            ("(514) 877-6516", &["(514) 877-6516"]),
            ("07911 123456", &["07911 123456"]),
            ("041-3214616", &["041-3214616"]),
            ("0151/71851337", &["0151/71851337"]),
            ("0171 70434052 oder 0151 39957689", &["0171 70434052", "0151 39957689"]),
            ("06.71.18.13.23", &["06.71.18.13.23"]),
            ("07 97 29 79 26", &["07 97 29 79 26"]),
            ("07 29 63 84 27", &["07 29 63 84 27"]),
            ("07.09.63.84.27", &["07.09.63.84.27"]),
            ("334 7735643", &["334 7735643"]),
            ("3477735643", &["3477735643"]),
            ("055 568 1433", &["055 568 1433"]),
            ("0501234567", &["0501234567"]),
            ("010 1234 5678", &["010 1234 5678"]),
            ("at 10:30 0151 71851337", &["0151 71851337"]),
            ("15.03.2024 0151 71851337", &["0151 71851337"]),
        ];
        for (text, want) in cases {
            assert_eq!(&phones(text), want, "{text}");
        }
    }

    #[test]
    fn not_phone_numbers() {
        for text in [
            "2024-03-15",
            "07.08.2025",
            "15/03/2024",
            "10:30",
            "192.168.1.1",
            "010.100.120.130",
            "v1.2.3",
            "1 234,56 €",
            "INV-2024-143346",
            "order #0151718513",
            "2125049920",
            "$1009.15",
            "SKU0151718513",
            "12345678",
            "+12",
            "order 0123456789",
            "0 1 2 3 4 5 6 7 8 9",
            "Bestellnummer 0151 71851337",
        ] {
            assert!(phones(text).is_empty(), "{text}");
        }
    }
}
