//! Payment cards: 13–19 digits, plain or grouped with the separators people type (spaces of any
//! kind, `-`, ` - `, dashes, `.`, `/`, `_`, mixed within one number), in a known issuer range
//! for their length, passing the Luhn check.
//!
//! The issuer table keeps random 16-digit numbers (order and tracking numbers) from being
//! taken for cards on the Luhn check alone, which one number in ten passes.

use crate::checksum::luhn;
use crate::scan::Run;
use crate::{overlaps, Found, Kind, Span};

/// An issuer range: card numbers whose first `digits` digits lie in `lo..=hi` and whose
/// length lies in `len`.
struct Range {
    digits: usize,
    lo: u32,
    hi: u32,
    len: (usize, usize),
}

const fn r(digits: usize, lo: u32, hi: u32, min: usize, max: usize) -> Range {
    Range { digits, lo, hi, len: (min, max) }
}

/// Issuer identification ranges (IIN/BIN) of the card schemes customers carry.
const RANGES: &[Range] = &[
    r(1, 4, 4, 13, 19),       // Visa (incl. Electron, Elo and Dankort co-brands)
    r(2, 51, 55, 16, 16),     // Mastercard
    r(4, 2221, 2720, 16, 16), // Mastercard 2-series
    r(4, 2200, 2204, 16, 19), // Mir
    r(2, 34, 34, 15, 15),     // American Express
    r(2, 37, 37, 15, 15),     // American Express
    r(3, 300, 305, 14, 19),   // Diners Club International
    r(4, 3095, 3095, 14, 19), // Diners Club International
    r(2, 36, 36, 14, 19),     // Diners Club International
    r(2, 38, 39, 14, 19),     // Diners Club International
    r(4, 3528, 3589, 16, 19), // JCB
    r(3, 353, 353, 16, 16),   // RuPay (JCB co-brand)
    r(3, 356, 356, 16, 16),   // RuPay (JCB co-brand)
    r(4, 6011, 6011, 16, 19), // Discover
    r(3, 644, 649, 16, 19),   // Discover
    r(2, 65, 65, 16, 19),     // Discover, RuPay, Troy
    r(2, 62, 62, 16, 19),     // UnionPay (incl. Discover co-brands 622126–622925)
    r(4, 8100, 8171, 16, 19), // UnionPay
    r(2, 60, 60, 16, 16),     // RuPay
    r(2, 81, 82, 16, 16),     // RuPay
    r(3, 508, 508, 16, 16),   // RuPay
    r(2, 50, 50, 12, 19),     // Maestro, Verve, Dankort
    r(2, 56, 58, 12, 19),     // Maestro
    r(4, 6304, 6304, 12, 19), // Maestro (Laser)
    r(3, 636, 636, 16, 19),   // InterPayment, Elo
    r(3, 637, 639, 16, 19),   // InstaPayment, Maestro
    r(2, 67, 67, 12, 19),     // Maestro
    r(4, 3841, 3841, 16, 19), // Hipercard
    r(4, 9792, 9792, 16, 16), // Troy
];

/// Is `digits` (ASCII) a card number: a known issuer range for its length and a valid Luhn?
pub fn is_card(digits: &[u8]) -> bool {
    let len = digits.len();
    if !(13..=19).contains(&len) {
        return false;
    }
    let in_range = RANGES.iter().any(|r| {
        let prefix = digits[..r.digits].iter().fold(0u32, |a, &d| a * 10 + u32::from(d - b'0'));
        (r.lo..=r.hi).contains(&prefix) && (r.len.0..=r.len.1).contains(&len)
    });
    in_range && luhn(digits)
}

/// Cards among the runs of `text`, outside what is already `taken`.
pub fn find(text: &str, runs: &[Run], taken: &[Span], out: &mut Vec<Found>) {
    // Allocated on the first candidate only: most runs are not card-shaped.
    let mut digits = String::new();
    for run in runs {
        let last = run.groups.len() - 1;
        if run.digit_count(0, last) < 13 {
            continue;
        }
        let mut i = 0;
        'start: while i <= last {
            // A `+` makes it a phone number; the card must start a run or follow a space. A
            // group already taken (by an IBAN, an identifier) starts nothing.
            let g = run.groups[i];
            if !run.may_start_at(text, i)
                || (i == 0 && run.plus.is_some())
                || overlaps(taken, g.start, g.end)
            {
                i += 1;
                continue;
            }
            for j in (i..=run.reach(i, 19)).rev() {
                let count = run.digit_count(i, j);
                if !(13..=19).contains(&count) || !run.may_end_at(text, j) || run.has_masked(i, j) {
                    continue;
                }
                if !run.unbracketed(text, i, j) {
                    continue;
                }
                // Cards are printed in blocks of three or more (the last may be shorter), not
                // digit by digit.
                if run.groups[i..j].iter().any(|g| g.len() < 3) {
                    continue;
                }
                if overlaps(taken, run.groups[i].start, run.groups[j].end) {
                    continue;
                }
                digits.clear();
                run.digits_into(text, i, j, &mut digits);
                if is_card(digits.as_bytes()) {
                    let start = run.groups[i].start;
                    out.push(Found { start, end: run.groups[j].end, kind: Kind::Card });
                    i = j + 1;
                    continue 'start;
                }
            }
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::runs;

    fn cards(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find(text, &runs(text, &mut Vec::new()), &[], &mut out);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn schemes_and_groupings() {
        let cases: &[(&str, &[&str])] = &[
            ("Visa 4111 1111 1111 1111 please", &["4111 1111 1111 1111"]),
            ("MC 5555-5555-5555-4444.", &["5555-5555-5555-4444"]),
            ("MC 2-series 2223003122003222", &["2223003122003222"]),
            ("Amex 3782 822463 10005", &["3782 822463 10005"]),
            ("Discover 6011111111111117", &["6011111111111117"]),
            ("JCB 3530111333300000", &["3530111333300000"]),
            ("Diners 3056 9309 0259 04", &["3056 9309 0259 04"]),
            ("UnionPay 6200000000000005", &["6200000000000005"]),
            ("Mir 2200 0000 0000 0004", &["2200 0000 0000 0004"]),
            ("Maestro 6759649826438453", &["6759649826438453"]),
            ("card 4111.1111.1111.1111 exp", &["4111.1111.1111.1111"]),
            ("card 4111 1111 1111 1111 2027", &["4111 1111 1111 1111"]),
            ("carte 3576 - 6352 - 1362 - 9588 le", &["3576 - 6352 - 1362 - 9588"]),
            ("kortilla 3756 - 830686 - 69530", &["3756 - 830686 - 69530"]),
            ("card 4111/1111/1111/1111", &["4111/1111/1111/1111"]),
            ("card 4111_1111_1111_1111", &["4111_1111_1111_1111"]),
            ("card 4111-1111 1111.1111", &["4111-1111 1111.1111"]),
        ];
        for (text, want) in cases {
            assert_eq!(&cards(text), want, "{text}");
        }
    }

    #[test]
    fn not_cards() {
        for text in [
            "4111 1111 1111 1112",     // Luhn fails
            "9111111111111111",        // no issuer starts with 9 at this length
            "+4111111111111111",       // a phone number's shape
            "INV4111111111111111",     // glued to a reference
            "(4111) 1111 1111 1111",   // bracketed like an area code
            "order #4111111111111111", // a reference number
            "1234567890123",           // UATP-like, not carried here
        ] {
            assert!(cards(text).is_empty(), "{text}");
        }
    }
}
