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
//!
//! Most bytes of a chat message are ASCII letters, spaces and punctuation. The scan takes
//! those eight at a time ([`crate::swar`]) and goes character by character only around
//! digits, `@` and non-ASCII characters, through transition tables built at compile time
//! from the one rule, [`State::next`] (tests hold both to a plain reading of the rule).

use crate::digits::{fold, Fold};
use crate::swar::{self, block, HIGH};

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
const MIN_DIGITS: u8 = 6;

/// Separator characters that may join digit groups of one value (`scan::runs` allows at most
/// three in a row).
const MAX_JOIN: u8 = 3;

/// ASCII letters and digits in a codice fiscale.
const CF_LEN: u8 = 16;

/// Character classes, by ASCII byte (non-ASCII characters are folded first; any character
/// kept as it is counts as `OTHER`).
const OTHER: u8 = 0;
const DIGIT: u8 = 1;
const LETTER: u8 = 2;
const JOIN: u8 = 3;
const AT: u8 = 4;
const CLASSES: usize = 5;

const CLASS: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'0'..=b'9' => DIGIT,
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b' ' | b'.' | b'-' | b'/' | b'_' | b'(' | b')' => JOIN,
            b'@' => AT,
            _ => OTHER,
        };
        b += 1;
    }
    t
};

/// Flags of [`Candidates`], as bits while scanning.
const NUMERIC: u8 = 1;
const IBAN: u8 = 2;
const CODICE_FISCALE: u8 = 4;
const EMAIL: u8 = 8;
const FOLDS: u8 = 16;

/// The scan's memory between characters. Counts are saturated where no rule looks further
/// (six digits, four separators, sixteen characters, three opening letters), so there are
/// few states, and the scan runs on transition tables built from [`State::next`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct State {
    /// Digits of the current run, and separator characters since its last digit.
    digits: u8,
    joins: u8,
    /// Length of the current word of ASCII letters and digits, and how many letters open it.
    word: u8,
    head: u8,
}

const fn min(a: u8, b: u8) -> u8 {
    if a < b {
        a
    } else {
        b
    }
}

impl State {
    const START: State = State { digits: 0, joins: 0, word: 0, head: 0 };

    /// The rule: the state after a character of the given class, and the flags it raises.
    const fn next(self, class: u8) -> (State, u8) {
        let State { digits, joins, word, head } = self;
        match class {
            DIGIT => {
                // Too many separators since the last digit: a new run starts.
                let digits = if joins > MAX_JOIN { 1 } else { min(digits + 1, MIN_DIGITS) };
                let word = min(word + 1, CF_LEN);
                let mut flags = 0;
                if digits >= MIN_DIGITS {
                    flags |= NUMERIC;
                }
                // The second check digit after a word's two opening letters.
                if head == 2 && word == 4 {
                    flags |= IBAN;
                }
                if word >= CF_LEN {
                    flags |= CODICE_FISCALE;
                }
                (State { digits, joins: 0, word, head }, flags)
            }
            LETTER => {
                let head = if head == word { min(head + 1, 3) } else { head };
                let word = min(word + 1, CF_LEN);
                let flags = if word >= CF_LEN { CODICE_FISCALE } else { 0 };
                (State { digits: 0, joins: 0, word, head }, flags)
            }
            JOIN => {
                let joins = min(joins + 1, MAX_JOIN + 1);
                (State { digits, joins, word: 0, head: 0 }, 0)
            }
            AT => (State::START, EMAIL),
            _ => (State::START, 0),
        }
    }

    /// The rule reads the run (`digits`, `joins`) and the word (`word`, `head`) apart, so
    /// each has its own table: rows of [`RUN`] and [`WORD`] by these numbers.
    const fn run_row(self) -> u16 {
        (self.digits as u16 * (MAX_JOIN as u16 + 2) + self.joins as u16) * CLASSES as u16
    }

    const fn word_row(self) -> u16 {
        (self.word as u16 * 4 + self.head as u16) * CLASSES as u16
    }
}

const RUN_STATES: usize = (MIN_DIGITS as usize + 1) * (MAX_JOIN as usize + 2);
const WORD_STATES: usize = (CF_LEN as usize + 1) * 4;

/// Entries of the transition tables: the next state's row, and above `FLAGS_SHIFT` the flags
/// raised.
const FLAGS_SHIFT: u16 = 10;

/// The run's transitions, built by running [`State::next`] at compile time.
static RUN: [u16; RUN_STATES * CLASSES] = {
    let mut t = [0; RUN_STATES * CLASSES];
    let mut digits = 0;
    while digits <= MIN_DIGITS {
        let mut joins = 0;
        while joins <= MAX_JOIN + 1 {
            let state = State { digits, joins, ..State::START };
            let mut class = 0;
            while class < CLASSES {
                let (next, flags) = state.next(class as u8);
                let flags = (flags & (NUMERIC | EMAIL)) as u16;
                t[state.run_row() as usize + class] = next.run_row() | flags << FLAGS_SHIFT;
                class += 1;
            }
            joins += 1;
        }
        digits += 1;
    }
    t
};

/// The word's transitions, built the same way.
static WORD: [u16; WORD_STATES * CLASSES] = {
    let mut t = [0; WORD_STATES * CLASSES];
    let mut word = 0;
    while word <= CF_LEN {
        let mut head = 0;
        while head < 4 {
            let state = State { word, head, ..State::START };
            let mut class = 0;
            while class < CLASSES {
                let (next, flags) = state.next(class as u8);
                let flags = (flags & (IBAN | CODICE_FISCALE)) as u16;
                t[state.word_row() as usize + class] = next.word_row() | flags << FLAGS_SHIFT;
                class += 1;
            }
            head += 1;
        }
        word += 1;
    }
    t
};

/// The scan in progress: the rows of the run's and the word's states, the flags so far.
struct Scan {
    run: u16,
    word: u16,
    flags: u8,
}

impl Scan {
    const ROW: u16 = (1 << FLAGS_SHIFT) - 1;

    /// One character of the normalised view, as its ASCII byte (any other: `0x7f`, `OTHER`).
    #[inline]
    fn step(&mut self, ascii: u8) {
        let class = usize::from(CLASS[usize::from(ascii)]);
        let run = RUN[usize::from(self.run) + class];
        let word = WORD[usize::from(self.word) + class];
        self.run = run & Self::ROW;
        self.word = word & Self::ROW;
        self.flags |= ((run | word) >> FLAGS_SHIFT) as u8;
    }

    /// Eight ASCII bytes without a digit or an `@` (`letters` has the high bit of each byte
    /// that is a letter set). They end any run of digits (eight separators are too many to
    /// join two groups), so only the word they continue or start matters.
    #[inline]
    fn skip_block(&mut self, letters: u64) {
        self.run = State::START.run_row();
        let word = usize::from(self.word);
        if letters == HIGH {
            let next = SKIP.eight_letters[word];
            self.word = next & Self::ROW;
            self.flags |= (next >> FLAGS_SHIFT) as u8;
            return;
        }
        let gaps = !letters & HIGH;
        // Letters continuing the current word, then the word the block ends with.
        if gaps.trailing_zeros() / 8 >= u32::from(SKIP.letters_to_cf[word]) {
            self.flags |= CODICE_FISCALE;
        }
        self.word = SKIP.word_of[(gaps.leading_zeros() / 8) as usize];
    }
}

/// What [`Scan::skip_block`] needs, precomputed from [`State::next`] like the tables.
struct Skip {
    /// By word row: the entry of [`WORD`] after eight letters.
    eight_letters: [u16; WORD_STATES * CLASSES],
    /// By word row: how many more letters make the word long enough for a codice fiscale.
    letters_to_cf: [u8; WORD_STATES * CLASSES],
    /// The word row after 0 to 7 letters opening a word.
    word_of: [u16; 8],
}

static SKIP: Skip = {
    let mut skip = Skip {
        eight_letters: [0; WORD_STATES * CLASSES],
        letters_to_cf: [0; WORD_STATES * CLASSES],
        word_of: [0; 8],
    };
    let mut word = 0;
    while word <= CF_LEN {
        let mut head = 0;
        while head < 4 {
            let start = State { word, head, ..State::START };
            let (mut state, mut flags) = (start, 0);
            let mut n = 0;
            while n < 8 {
                let (next, raised) = state.next(LETTER);
                (state, flags) = (next, flags | raised);
                n += 1;
            }
            let row = start.word_row() as usize;
            let flags = (flags & (IBAN | CODICE_FISCALE)) as u16;
            skip.eight_letters[row] = state.word_row() | flags << FLAGS_SHIFT;
            skip.letters_to_cf[row] = CF_LEN - word;
            head += 1;
        }
        word += 1;
    }
    let mut n = 0;
    while n < 8 {
        let mut state = State::START;
        let mut k = 0;
        while k < n {
            state = state.next(LETTER).0;
            k += 1;
        }
        skip.word_of[n] = state.word_row();
        n += 1;
    }
    skip
};

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
    let mut scan = Scan { run: State::START.run_row(), word: State::START.word_row(), flags: 0 };
    let mut i = 0;
    while i < b.len() {
        // Fast path: eight ASCII bytes at a time while they hold no digit and no `@`, which
        // is most of any message (the last block padded with NULs, which end the text).
        let mut x = 0;
        while i < b.len() {
            x = block(b, i);
            if x & HIGH != 0 || swar::digits(x) | swar::eq(x, b'@') != 0 {
                break;
            }
            scan.skip_block(swar::letters(x));
            i += 8;
        }
        if i >= b.len() {
            break;
        }
        // Slow path: the next eight bytes one character at a time; eight ASCII ones straight
        // from the block, others checked for non-ASCII characters, which are folded as the
        // normalised view will fold them.
        if x & HIGH == 0 && i + 8 <= b.len() {
            for byte in x.to_le_bytes() {
                scan.step(byte);
            }
            i += 8;
            continue;
        }
        let end = (i + 8).min(b.len());
        while i < end {
            let byte = b[i];
            if byte < 0x80 {
                scan.step(byte);
                i += 1;
                continue;
            }
            let (c, len) = char_at(text, i);
            i += len;
            match fold(c) {
                Fold::Keep => scan.step(0x7f),
                Fold::Ascii(a) => {
                    scan.flags |= FOLDS;
                    scan.step(a);
                }
                Fold::Drop => scan.flags |= FOLDS,
            }
        }
    }
    let flags = scan.flags;
    Candidates {
        numeric: flags & NUMERIC != 0,
        iban: flags & IBAN != 0,
        codice_fiscale: flags & CODICE_FISCALE != 0,
        email: flags & EMAIL != 0,
        folds: flags & FOLDS != 0,
    }
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

    /// The rule written out plainly, with counts that never saturate, one character at a
    /// time: the oracle for the tables and the eight-byte fast path.
    fn plain_prescan(text: &str) -> Candidates {
        let mut found = Candidates::default();
        let (mut digits, mut joins, mut word, mut head) = (0u32, 0u32, 0u32, 0u32);
        for c in text.chars() {
            let ascii = match fold(c) {
                Fold::Keep if c.is_ascii() => c as u8,
                Fold::Keep => 0x7f,
                Fold::Ascii(a) => {
                    found.folds = true;
                    a
                }
                Fold::Drop => {
                    found.folds = true;
                    continue;
                }
            };
            match ascii {
                b'0'..=b'9' => {
                    if joins > 3 {
                        digits = 0;
                    }
                    digits += 1;
                    joins = 0;
                    word += 1;
                    found.numeric |= digits >= 6;
                    found.iban |= head == 2 && word == 4;
                }
                b'a'..=b'z' | b'A'..=b'Z' => {
                    if head == word {
                        head += 1;
                    }
                    word += 1;
                    digits = 0;
                }
                b' ' | b'.' | b'-' | b'/' | b'_' | b'(' | b')' => {
                    joins += 1;
                    (word, head) = (0, 0);
                }
                other => {
                    found.email |= other == b'@';
                    (digits, word, head) = (0, 0, 0);
                }
            }
            found.codice_fiscale |= word >= 16;
        }
        found
    }

    #[test]
    fn the_tables_and_the_fast_path_follow_the_rule() {
        const PIECES: &[&str] = &[
            "a",
            "b",
            "Z",
            "q",
            "x",
            "abcdefgh",
            "ABCDEFGHIJKLMNO",
            "0",
            "1",
            "12",
            "123456",
            " ",
            "  ",
            ".",
            "-",
            "/",
            "_",
            "(",
            ")",
            "@",
            "+",
            "*",
            ",",
            "\0",
            "é",
            "ü",
            "ع",
            "٣",
            "۷",
            "８",
            "Ｄ",
            "＠",
            "€",
            "😀",
            "\u{200E}",
            "\u{00A0}",
            "\u{2011}",
            "\u{2014}",
            "\u{202F}",
            "\u{066B}",
            "\u{061C}",
        ];
        for text in crate::random_texts(PIECES, 50_000, 24) {
            assert_eq!(prescan(&text), plain_prescan(&text), "{text:?}");
        }
    }

    #[test]
    fn long_separators_break_runs() {
        assert!(!prescan("123    456").numeric);
        assert!(prescan("123 / 456").numeric);
        assert!(!prescan("123x456").numeric);
    }
}
