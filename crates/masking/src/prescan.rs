//! The pre-scan: one cheap pass over a message that says which detectors have anything to
//! look at, so that the common message (a greeting, a question, an address with a house
//! number) costs a byte loop and no allocation.
//!
//! Every detector needs evidence that is easy to see without validating anything:
//!
//! - every numeric value (card, phone, SSN, Saudi and Emirates IDs, henkilötunnus, RVNR, NIR)
//!   holds at least six digits joined by nothing but short separators (the henkilötunnus
//!   `131052A308T` is the smallest: one group of six);
//! - an IBAN starts a word with two letters and its two check digits (`DE89…`, `gb82…`);
//! - a codice fiscale is a word of sixteen ASCII letters and digits (with omocodia, all of
//!   them may be letters);
//! - an email address holds an `@`.
//!
//! The pass reads the message as the detectors will (see [`crate::digits`]): digits of every
//! script and fullwidth forms count as their ASCII selves, invisible marks are skipped. Each
//! flag is a necessary condition only, looser than the detector's own rule, so a message the
//! pre-scan rejects is one the detectors would have found nothing in (a test holds the
//! filtered and the unfiltered masker to agreeing).

use crate::digits::{fold, Fold};

/// Which detectors have something to look at in a message, and whether its normalised view
/// differs from the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Candidates {
    /// A run of at least six digits, groups joined by up to three separator characters.
    pub numeric: bool,
    /// Two letters starting a word, then two digits.
    pub iban: bool,
    /// A word of sixteen or more ASCII letters and digits.
    pub codice_fiscale: bool,
    /// An `@`.
    pub email: bool,
    /// A character the normalised view changes (a non-ASCII digit, a no-break space, an
    /// invisible mark…).
    pub folds: bool,
}

impl Candidates {
    /// Every detector runs and the text is normalised: the masker as if there were no
    /// pre-scan (the tests compare the two).
    #[cfg(test)]
    pub const ALL: Candidates =
        Candidates { numeric: true, iban: true, codice_fiscale: true, email: true, folds: true };

    /// Is there anything for any detector?
    pub fn any(self) -> bool {
        self.numeric || self.iban || self.codice_fiscale || self.email
    }
}

/// Digits in a run that make it worth the numeric detectors' time.
const MIN_DIGITS: u32 = 6;

/// Separator characters that may join digit groups of one value (`scan::runs` allows at most
/// three in a row).
const MAX_JOIN: u32 = 3;

/// ASCII letters and digits in a codice fiscale.
const CF_LEN: u32 = 16;

/// Byte classes, by ASCII byte (non-ASCII characters are folded first).
const OTHER: u8 = 0;
const DIGIT: u8 = 1;
const LETTER: u8 = 2;
const JOIN: u8 = 3;
const AT: u8 = 4;

const CLASS: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'0'..=b'9' => DIGIT,
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b' ' | b'.' | b'-' | b'/' | b'(' | b')' => JOIN,
            b'@' => AT,
            _ => OTHER,
        };
        b += 1;
    }
    t
};

/// The scan's state between characters.
#[derive(Default)]
struct State {
    found: Candidates,
    /// Digits of the current run, and separator characters since its last digit.
    digits: u32,
    joins: u32,
    /// Length of the current word of ASCII letters and digits, and how many letters open it.
    word: u32,
    head: u32,
}

impl State {
    /// One character of the normalised view, as its ASCII byte (`0x7f` for any other).
    fn step(&mut self, ascii: u8) {
        match CLASS[usize::from(ascii)] {
            LETTER => {
                if self.head == self.word {
                    self.head += 1;
                }
                self.word += 1;
                self.digits = 0;
                self.found.codice_fiscale |= self.word >= CF_LEN;
            }
            DIGIT => {
                if self.joins > MAX_JOIN {
                    self.digits = 0;
                }
                self.digits += 1;
                self.joins = 0;
                self.word += 1;
                self.found.numeric |= self.digits >= MIN_DIGITS;
                // The second check digit after a word's two opening letters.
                self.found.iban |= self.head == 2 && self.word == 4;
                self.found.codice_fiscale |= self.word >= CF_LEN;
            }
            JOIN => {
                self.joins += 1;
                self.word = 0;
                self.head = 0;
            }
            class => {
                self.found.email |= class == AT;
                self.digits = 0;
                self.word = 0;
                self.head = 0;
            }
        }
    }

    /// Eight ASCII bytes without a digit or an `@` (`letters` has the high bit of each byte
    /// that is a letter set). They end any run of digits (eight separators are too many to
    /// join two groups), so only the word they continue or start matters.
    fn skip_block(&mut self, letters: u64) {
        if letters == HIGH {
            if self.head == self.word {
                self.head += 8;
            }
            self.word += 8;
        } else {
            // Letters continuing the current word, then the word the block ends with.
            let leading = (!letters & HIGH).trailing_zeros() / 8;
            self.found.codice_fiscale |= self.word + leading >= CF_LEN;
            let trailing = (!letters & HIGH).leading_zeros() / 8;
            self.word = trailing;
            self.head = trailing;
        }
        self.digits = 0;
        self.found.codice_fiscale |= self.word >= CF_LEN;
    }
}

/// Byte-wise (SWAR) arithmetic on eight bytes in a `u64`: `ONES` has 1 in every byte,
/// `HIGH` the top bit of every byte.
const ONES: u64 = u64::from_le_bytes([1; 8]);
const HIGH: u64 = ONES * 0x80;

/// The high bit of each byte of `x` (all ASCII) that is at least `n` (`n <= 0x80`): adding
/// `0x80 - n` carries into the high bit exactly then, and never out of the byte.
fn ge(x: u64, n: u8) -> u64 {
    x.wrapping_add(ONES * u64::from(0x80 - n)) & HIGH
}

/// The eight bytes of `b` from `i` as a little-endian word, zero-padded past the end (NUL is
/// neither a letter, a digit, a separator nor an `@`: the text simply ends there).
fn block(b: &[u8], i: usize) -> u64 {
    match b.get(i..i + 8) {
        Some(block) => u64::from_le_bytes(block.try_into().unwrap_or_default()),
        None => {
            let mut padded = [0u8; 8];
            let tail = &b[i..];
            padded[..tail.len()].copy_from_slice(tail);
            u64::from_le_bytes(padded)
        }
    }
}

/// The character starting at byte `i` of `text` (a character boundary) and its length.
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes();
    if b[i] < 0xE0 {
        // Two bytes (Latin accents, Greek, Cyrillic, Arabic, Hebrew…): decoded by hand, the
        // string being valid UTF-8.
        let cp = (u32::from(b[i] & 0x1F) << 6) | u32::from(b[i + 1] & 0x3F);
        (char::from_u32(cp).unwrap_or_default(), 2)
    } else {
        let c = text[i..].chars().next().unwrap_or_default();
        (c, c.len_utf8())
    }
}

/// The pre-scan of `text`.
pub fn prescan(text: &str) -> Candidates {
    let b = text.as_bytes();
    let mut state = State::default();
    let mut i = 0;
    while i < b.len() {
        // Fast path: eight ASCII bytes at a time while they hold no digit and no `@`, which
        // is most of any message.
        let x = block(b, i);
        if x & HIGH == 0 {
            let digits = ge(x, b'0') & !ge(x, b'9' + 1);
            let not_at = ge(x ^ (ONES * u64::from(b'@')), 1);
            if digits == 0 && not_at == HIGH {
                let lower = x | (ONES * 0x20);
                state.skip_block(ge(lower, b'a') & !ge(lower, b'z' + 1));
                i += 8;
                continue;
            }
        }
        // Slow path: the next eight bytes (or what is left) one character at a time, the
        // non-ASCII ones folded as the normalised view will fold them.
        let end = (i + 8).min(b.len());
        while i < end {
            let byte = b[i];
            if byte < 0x80 {
                state.step(byte);
                i += 1;
                continue;
            }
            let (c, len) = char_at(text, i);
            i += len;
            match fold(c) {
                // DEL: class OTHER, like any character kept as is.
                Fold::Keep => state.step(0x7f),
                Fold::Ascii(a) => {
                    state.found.folds = true;
                    state.step(a);
                }
                Fold::Drop => state.found.folds = true,
            }
        }
    }
    state.found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(text: &str) -> [bool; 5] {
        let c = prescan(text);
        [c.numeric, c.iban, c.codice_fiscale, c.email, c.folds]
    }

    #[test]
    fn ordinary_chat_has_no_candidates() {
        for text in [
            "Hi, I have a question about my last order.",
            "I paid 49.90 € yesterday, size 38, 2 items.",
            "We close at 18:00 today.",
            "The discount code SUMMER24 didn't work.",
            "مرحبا، لدي سؤال بخصوص طلبي الأخير.",
            "Die Lieferung kam beschädigt an.",
            "",
        ] {
            assert!(!prescan(text).any(), "{text}");
        }
    }

    #[test]
    fn each_detector_has_its_evidence() {
        let cases = [
            ("card 4111 1111 1111 1111", [true, false, false, false, false]),
            ("hetu 131052A308T", [true, false, false, false, false]),
            ("tel 06 71 18 13 23", [true, false, false, false, false]),
            ("NIR 1 85 05 2A 123 456 33", [true, false, false, false, false]),
            ("iban GB82 WEST", [false, true, false, false, false]),
            ("iban gb82west12345698765432", [true, true, true, false, false]),
            ("CF RSSMRAURTMLARSNL", [false, false, true, false, false]),
            ("mail lea@gmx.de", [false, false, false, true, false]),
            ("mail lea＠gmx.de", [false, false, false, true, true]),
            ("رقمي ٠٥٠١٢٣٤٥٦٧", [true, false, false, false, true]),
            ("tel ０１５１ ７１８５１３３７", [true, false, false, false, true]),
            ("tel 0151\u{200E}71", [true, false, false, false, true]),
            ("ＧＢ８２ ＷＥＳＴ", [false, true, false, false, true]),
        ];
        for (text, want) in cases {
            assert_eq!(flags(text), want, "{text}");
        }
    }

    /// The character-by-character scan, without the eight-byte fast path.
    fn slow_prescan(text: &str) -> Candidates {
        let mut state = State::default();
        for c in text.chars() {
            match fold(c) {
                Fold::Keep if c.is_ascii() => state.step(c as u8),
                Fold::Keep => state.step(0x7f),
                Fold::Ascii(a) => {
                    state.found.folds = true;
                    state.step(a);
                }
                Fold::Drop => state.found.folds = true,
            }
        }
        state.found
    }

    #[test]
    fn the_fast_path_agrees_with_the_slow_one() {
        const PIECES: &[&str] = &[
            "a", "b", "Z", "q", "x", "abcdefgh", "ABCDEFGHIJKLMNO", "0", "1", "12", "123456",
            " ", "  ", ".", "-", "/", "(", ")", "@", "+", "*", ",", "\0", "é", "ü", "ع", "٣",
            "۷", "８", "Ｄ", "＠", "€", "😀", "\u{200E}", "\u{00A0}", "\u{2011}", "\u{061C}",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..50_000 {
            let len = next() % 24;
            let text: String =
                (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
            assert_eq!(prescan(&text), slow_prescan(&text), "{text:?}");
        }
    }

    #[test]
    fn long_separators_break_runs() {
        assert!(!prescan("123    456").numeric);
        assert!(prescan("123 / 456").numeric);
        assert!(!prescan("123x456").numeric);
    }
}
