//! Candidate extraction shared by the numeric detectors: digit groups and what surrounds them.
//!
//! A *run* is a maximal sequence of ASCII digit groups joined by short phone-style separators
//! (`0151/71851337`, `+ 1 (123) 456 7890`, `4754-0091-7145-2114`). Each detector then looks at
//! the sub-ranges of a run that fit its own shape, so a card followed by an expiry year or two
//! phone numbers in a row are still found one by one.
//!
//! What surrounds a run decides whether it may be a value at all: digits glued to Latin letters
//! (`INV2024…`, `v1.2.3`, `INV-2024-143346`), continuing a decimal or a time (`1 234,56`,
//! `10:30`), following a currency sign or `#` (`$1009.15`, `#479158`) are references, amounts
//! and times, not personal data. Arabic, Hebrew and other scripts do not glue: Arabic text
//! often touches the digits it introduces.

/// The character before byte offset `pos`.
pub fn prev_char(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

/// The character at byte offset `pos`.
pub fn next_char(text: &str, pos: usize) -> Option<char> {
    text[pos..].chars().next()
}

/// A letter that makes adjacent digits part of a word or code: Latin, Greek, Cyrillic and
/// Armenian letters and `_`.
pub fn is_glue(c: char) -> bool {
    c.is_ascii_alphabetic()
        || c == '_'
        || (!c.is_ascii() && (c as u32) < 0x0590 && c.is_alphabetic())
}

/// A character of a word-like token (letters of gluing scripts and digits).
pub fn is_word(c: char) -> bool {
    c.is_ascii_digit() || is_glue(c)
}

/// A digit, or a `*` a digit became when masked: masked text keeps its numbers' boundaries,
/// so masking a masked message finds nothing new.
pub fn digit_or_mask(c: char) -> bool {
    c.is_ascii_digit() || c == '*'
}

/// May a value start at `pos`, judging by what precedes it?
pub fn starts_free(text: &str, pos: usize) -> bool {
    let Some(c) = prev_char(text, pos) else { return true };
    if is_word(c) {
        return false;
    }
    let before = || prev_char(text, pos - c.len_utf8());
    match c {
        '#' | '$' | '€' | '£' | '¥' | '₹' | '*' | '@' | '&' | '=' | '\\' | '%' | '+' => false,
        '.' | ',' | ':' | '(' | ')' => !before().is_some_and(digit_or_mask),
        '-' | '/' => !before().is_some_and(|b| is_word(b) || b == '*'),
        _ => true,
    }
}

/// May a value end at `pos`, judging by what follows it?
pub fn ends_free(text: &str, pos: usize) -> bool {
    let Some(c) = next_char(text, pos) else { return true };
    if is_word(c) {
        return false;
    }
    let after = || next_char(text, pos + c.len_utf8());
    match c {
        '@' | '%' | '€' | '*' => false,
        '.' | ',' | ':' | '(' | ')' => !after().is_some_and(digit_or_mask),
        '-' | '/' => !after().is_some_and(|a| is_word(a) || a == '*'),
        _ => true,
    }
}

/// Words that name what follows as an order, invoice, shipment or other reference, in the
/// desk's languages. A national-format number right after one ("order 0123456789", "numéro de
/// commande …", "رقم الطلب …") is that reference, even when it would dial somewhere.
///
/// Latin-script stems start a word; Arabic ones ([`ARABIC_REFERENCE_STEMS`]) may be found
/// anywhere in it, behind the article or a preposition.
const REFERENCE_STEMS: &[&str] = &[
    "order",
    "ordine",
    "orden",
    "invoice",
    "tracking",
    "shipment",
    "parcel",
    "package",
    "ticket",
    "bestell",
    "rechnung",
    "sendung",
    "auftrag",
    "paket",
    "commande",
    "facture",
    "colis",
    "suivi",
    "fattura",
    "spedizion",
    "pacco",
    "tilaus",
    "lasku",
    "lähetys",
    "paketti",
    "seuranta",
];

const ARABIC_REFERENCE_STEMS: &[&str] = &["طلب", "فاتورة", "شحنة", "تتبع"];

/// Short reference words, matched whole.
const REFERENCE_WORDS: &[&str] = &["inv", "ref", "sku", "po", "case", "awb"];

/// Is the value at `pos` introduced as a reference number by one of the (up to) three words
/// before it? Only whole words count: "order" inside an address or a code does not.
pub fn follows_reference_word(text: &str, pos: usize) -> bool {
    let mut from = pos.saturating_sub(64);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = &text[from..pos];
    // A word cut by the window's start is not a word.
    let cut = from > 0 && !window.starts_with(char::is_whitespace);
    let mut words = window.split_whitespace();
    if cut {
        words.next();
    }
    for w in words.rev().take(3) {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        // A word that ends the sentence before ("… my order. Call 0151 …", "ref 15.03.2024
        // Hei! 0151 …") and the words before it name nothing in this one.
        // A number between them is the one the reference word introduced ("ref #479158,
        // call 07400 …").
        if ends_sentence(w, bare) || bare.bytes().any(|b| b.is_ascii_digit()) {
            return false;
        }
        if is_reference_word(bare) {
            return true;
        }
    }
    false
}

/// Does the word `w` (`bare` without its punctuation) end a sentence? `!`, `?` and `؟` do;
/// a full stop does after a word of four letters or more, not after an abbreviation
/// (`no.`, `Nr.`, `tel.`) that introduces the number.
fn ends_sentence(w: &str, bare: &str) -> bool {
    let end = w.trim_end_matches(['"', '\'', ')', '»', '”']);
    end.ends_with(['!', '?', '؟', '…'])
        || (end.ends_with('.') && bare.chars().filter(|c| c.is_alphabetic()).count() >= 4)
}

/// Bytes of a word compared with the stems: the longest stem written in Latin letters
/// (`spedizion`) fits.
const STEM_PREFIX: usize = 9;

fn is_reference_word(word: &str) -> bool {
    // The stems first: they are cheap to compare, and rule out nearly every word before the
    // Unicode letter tables are consulted.
    names_reference(word) && word.chars().all(char::is_alphabetic)
}

/// Does `word` start with a reference stem, or is it a short reference word?
fn names_reference(word: &str) -> bool {
    // The word's first bytes with ASCII letters lower-cased, made once for all the stems:
    // this runs for the words before every national phone number and Saudi ID found.
    let mut buf = [0u8; STEM_PREFIX];
    let prefix = &mut buf[..word.len().min(STEM_PREFIX)];
    prefix.copy_from_slice(&word.as_bytes()[..prefix.len()]);
    prefix.make_ascii_lowercase();
    let prefix = &*prefix;
    if REFERENCE_WORDS.iter().any(|w| prefix == w.as_bytes())
        || REFERENCE_STEMS.iter().any(|stem| prefix.starts_with(stem.as_bytes()))
    {
        return true;
    }
    // Letters beyond ASCII: "LÄHETYS" lower-cased in full, Arabic stems anywhere in the word.
    // A word of ASCII letters holds neither.
    !word.is_ascii()
        && (REFERENCE_STEMS.iter().any(|stem| !stem.is_ascii() && lowercase_starts_with(word, stem))
            // Words are short: a plain scan beats setting up a substring searcher.
            || ARABIC_REFERENCE_STEMS.iter().any(|stem| {
                word.as_bytes().windows(stem.len()).any(|w| w == stem.as_bytes())
            }))
}

/// Does `word`, lower-cased, start with `stem` (lower case)? Compared character by character
/// rather than by lower-casing the word into a new string.
fn lowercase_starts_with(word: &str, stem: &str) -> bool {
    let mut lower = word.chars().flat_map(char::to_lowercase);
    stem.chars().all(|s| lower.next() == Some(s))
}

/// A group of ASCII digits, `start..end` in bytes, or a value masked earlier (`****1234`).
///
/// Masked values stay in their runs so that a masked message has the same runs, boundaries
/// and neighbours as before masking: that is what keeps masking idempotent. No detector takes
/// a masked group into a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Group {
    pub start: usize,
    pub end: usize,
    pub masked: bool,
}

impl Group {
    pub fn len(&self) -> usize {
        self.end - self.start
    }
}

/// Digit groups joined by separators, with what opens them.
#[derive(Debug)]
pub struct Run<'g> {
    pub groups: &'g [Group],
    /// Offset of a leading `+` (international prefix), if any.
    pub plus: Option<usize>,
    /// Offset where the run starts: a `(` before the first group or before its `+`, or the
    /// first group.
    pub start: usize,
    /// Whether the run's first group may start a value (see [`starts_free`]).
    pub start_free: bool,
    /// Whether the run's last group may end a value (see [`ends_free`]).
    pub end_free: bool,
}

impl Run<'_> {
    /// The separator text between group `i` and group `i + 1`.
    pub fn sep<'t>(&self, text: &'t str, i: usize) -> &'t str {
        &text[self.groups[i].end..self.groups[i + 1].start]
    }

    /// May a value start with group `i`? The first group depends on its context; a later one
    /// only when the separator before it contains a space (an unrelated number before it).
    pub fn may_start_at(&self, text: &str, i: usize) -> bool {
        if i == 0 {
            self.start_free
        } else {
            self.sep(text, i - 1).contains(' ')
        }
    }

    /// May a value end with group `j`?
    pub fn may_end_at(&self, text: &str, j: usize) -> bool {
        if j + 1 == self.groups.len() {
            self.end_free
        } else {
            self.sep(text, j).contains(' ')
        }
    }

    /// Where a value made of groups `i..` starts: a `+` before it belongs to it, and so does a
    /// `(` that the group (or the country code after `(+`) closes, as in `(212) 450-0276`;
    /// the parenthesis around a whole number (`(0151 71851337)`) is the sentence's.
    pub fn value_start(&self, text: &str, i: usize) -> usize {
        let b = text.as_bytes();
        let g = self.groups[i];
        let closed = b.get(g.end) == Some(&b')');
        if i == 0 {
            let plus = self.plus.unwrap_or(usize::MAX);
            let open = self.start.min(plus);
            if b[open] == b'(' && !closed {
                open + 1
            } else {
                open
            }
        } else if b[g.start - 1] == b'(' && closed {
            g.start - 1
        } else {
            g.start
        }
    }

    /// Digits of groups `i..=j` appended to `out`.
    pub fn digits_into(&self, text: &str, i: usize, j: usize, out: &mut String) {
        out.reserve(self.digit_count(i, j));
        for g in &self.groups[i..=j] {
            out.push_str(&text[g.start..g.end]);
        }
    }

    /// Does a masked group lie among groups `i..=j`?
    pub fn has_masked(&self, i: usize, j: usize) -> bool {
        self.groups[i..=j].iter().any(|g| g.masked)
    }

    /// The last group `j >= i` such that groups `i..=j` hold at most `max_digits` digits (or
    /// `i` itself): the furthest a value of that many digits can reach, which keeps the
    /// search linear in long runs of numbers.
    pub fn reach(&self, i: usize, max_digits: usize) -> usize {
        let mut total = self.groups[i].len();
        let mut j = i;
        while j + 1 < self.groups.len() && total + self.groups[j + 1].len() <= max_digits {
            j += 1;
            total += self.groups[j].len();
        }
        j
    }

    /// Number of digits in groups `i..=j`.
    pub fn digit_count(&self, i: usize, j: usize) -> usize {
        self.groups[i..=j].iter().map(Group::len).sum()
    }

    /// Is every separator between groups `i..=j` free of parentheses? People type a card's
    /// blocks with any separator, and mix them (`4111 1111-1111.1111`, `3576 - 6352 …`), but
    /// never bracket one: a parenthesis is a phone number's area code.
    pub fn unbracketed(&self, text: &str, i: usize, j: usize) -> bool {
        (i..j).all(|k| !self.sep(text, k).bytes().any(|b| b == b'(' || b == b')'))
    }

    /// Is every separator between groups `i..=j` the same single character from `allowed`?
    pub fn uniform_sep(&self, text: &str, i: usize, j: usize, allowed: &[u8]) -> Option<u8> {
        let mut sep = None;
        for k in i..j {
            let s = self.sep(text, k).as_bytes();
            if s.len() != 1 || !allowed.contains(&s[0]) || sep.is_some_and(|p| p != s[0]) {
                return None;
            }
            sep = Some(s[0]);
        }
        sep
    }

    /// Is the run followed by an ASCII letter, right after its last group or after one space,
    /// dot or dash? Identifiers with a letter inside (`185052A…`, `1 85 05 2A …`,
    /// `65 180539 W 001`) have their digits before it end a run there.
    pub fn followed_by_letter(&self, text: &str) -> bool {
        let b = text.as_bytes();
        let end = self.groups[self.groups.len() - 1].end;
        match b.get(end) {
            Some(c) if c.is_ascii_alphabetic() => true,
            Some(b' ' | b'.' | b'-') => b.get(end + 1).is_some_and(u8::is_ascii_alphabetic),
            _ => false,
        }
    }

    /// Do groups `i..=j` stand free of the rest of the run: joined to neighbours, if any, by
    /// spaces only (a parenthesis opening or closing the neighbour aside), and not opened by
    /// `+` or `(` (a phone number's shape)?
    pub fn standalone(&self, text: &str, i: usize, j: usize) -> bool {
        self.free_before(text, i) && self.free_after(text, j)
    }

    /// The first half of [`Run::standalone`]: nothing but spaces joins group `i` to what is
    /// before it.
    pub fn free_before(&self, text: &str, i: usize) -> bool {
        if i == 0 {
            self.start_free && self.plus.is_none() && self.start == self.groups[0].start
        } else {
            is_spaces(self.sep(text, i - 1).trim_start_matches(')'))
        }
    }

    /// The second half of [`Run::standalone`]: nothing but spaces joins group `j` to what is
    /// after it.
    pub fn free_after(&self, text: &str, j: usize) -> bool {
        if j + 1 == self.groups.len() {
            self.end_free
        } else {
            is_spaces(self.sep(text, j).trim_end_matches('('))
        }
    }
}

fn is_spaces(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b == b' ')
}

/// Is `s` a separator that may join two digit groups of one value? Up to three characters of
/// spaces, one of `. - / _` and one parenthesis each way: `" "`, `"-"`, `" - "`, `") "`,
/// `" ("`, `" / "`. Dashes and spaces of every kind arrive here folded (see
/// [`crate::digits`]), so an autocorrected `4111 – 1111` is `4111 - 1111`.
fn is_joiner(s: &[u8]) -> bool {
    let (mut spaces, mut punct, mut open, mut close) = (0, 0, 0, 0);
    for &b in s {
        match b {
            b' ' => spaces += 1,
            b'.' | b'-' | b'/' | b'_' => punct += 1,
            b'(' => open += 1,
            b')' => close += 1,
            _ => return false,
        }
    }
    !s.is_empty() && spaces <= 2 && punct <= 1 && open <= 1 && close <= 1
}

/// The digit groups of all runs, masked values left out.
pub fn digit_groups<'r>(runs: &'r [Run]) -> impl Iterator<Item = &'r Group> {
    runs.iter().flat_map(|r| r.groups).filter(|g| !g.masked)
}

/// Where a run lies in the shared group list, before the list is borrowed.
struct Bounds {
    groups: std::ops::Range<usize>,
    plus: Option<usize>,
    start: usize,
    start_free: bool,
    end_free: bool,
}

/// Every run of digit groups in `text`. The groups of all runs live in `groups` (cleared
/// first), so a message costs two allocations however many numbers it holds.
pub fn runs<'g>(text: &str, groups: &'g mut Vec<Group>) -> Vec<Run<'g>> {
    let b = text.as_bytes();
    let n = b.len();
    groups.clear();
    let mut bounds = Vec::with_capacity(8);
    let mut i = 0;
    while i < n {
        i = crate::swar::find_digit_or_star(b, i);
        if i == n {
            break;
        }
        let first = groups.len();
        let mut j = i;
        loop {
            let gs = j;
            let masked = b[j] == b'*';
            if masked {
                // The stars, then the kept tail (`*******191P`).
                while j < n && b[j] == b'*' {
                    j += 1;
                }
                while j < n && b[j].is_ascii_alphanumeric() {
                    j += 1;
                }
            } else {
                while j < n && b[j].is_ascii_digit() {
                    j += 1;
                }
            }
            groups.push(Group { start: gs, end: j, masked });
            let mut k = j;
            while k < n
                && k - j < 3
                && matches!(b[k], b' ' | b'.' | b'-' | b'/' | b'_' | b'(' | b')')
            {
                k += 1;
            }
            if k > j && k < n && (b[k].is_ascii_digit() || b[k] == b'*') && is_joiner(&b[j..k]) {
                j = k;
            } else {
                break;
            }
        }
        let mut start = i;
        if start > 0 && b[start - 1] == b'(' {
            start -= 1;
        }
        let plus = if start > 0 && b[start - 1] == b'+' {
            Some(start - 1)
        } else if start > 1 && b[start - 1] == b' ' && b[start - 2] == b'+' {
            Some(start - 2)
        } else {
            None
        };
        // "(+49) 151…": the parenthesis opens the number.
        if let Some(p) = plus.filter(|&p| p > 0 && b[p - 1] == b'(') {
            start = p - 1;
        }
        let lead = plus.map_or(start, |p| p.min(start));
        bounds.push(Bounds {
            groups: first..groups.len(),
            plus,
            start,
            start_free: starts_free(text, lead),
            end_free: ends_free(text, j),
        });
        i = j;
    }
    let groups: &'g [Group] = groups;
    bounds
        .into_iter()
        .map(|r| Run {
            groups: &groups[r.groups],
            plus: r.plus,
            start: r.start,
            start_free: r.start_free,
            end_free: r.end_free,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run as the tests spell it: its groups, a leading `+`, free start, free end.
    type Shape<'t> = (Vec<&'t str>, bool, bool, bool);

    fn shapes(text: &str) -> Vec<Shape<'_>> {
        runs(text, &mut Vec::new())
            .iter()
            .map(|r| {
                let gs = r.groups.iter().map(|g| &text[g.start..g.end]).collect();
                (gs, r.plus.is_some(), r.start_free, r.end_free)
            })
            .collect()
    }

    #[test]
    fn runs_and_their_context() {
        let cases: &[(&str, Vec<Shape>)] = &[
            ("+ 1 (123) 456 7890", vec![(vec!["1", "123", "456", "7890"], true, true, true)]),
            ("at 0151/71851337.", vec![(vec!["0151", "71851337"], false, true, true)]),
            ("INV-2024-143346", vec![(vec!["2024", "143346"], false, false, true)]),
            ("v1.2.3", vec![(vec!["1", "2", "3"], false, false, true)]),
            ("$1009.15 ok", vec![(vec!["1009", "15"], false, false, true)]),
            ("10:30", vec![(vec!["10"], false, true, false), (vec!["30"], false, false, true)]),
            (
                "1 234,56 €",
                vec![(vec!["1", "234"], false, true, false), (vec!["56"], false, false, true)],
            ),
            ("على0501234567", vec![(vec!["0501234567"], false, true, true)]),
            ("abc123", vec![(vec!["123"], false, false, true)]),
            ("(+49) 151", vec![(vec!["49", "151"], true, true, true)]),
        ];
        for (text, want) in cases {
            assert_eq!(&shapes(text), want, "{text}");
        }
    }

    #[test]
    fn stems_fit_the_compared_prefix() {
        for word in REFERENCE_WORDS.iter().chain(REFERENCE_STEMS) {
            assert_eq!(word.to_lowercase(), *word);
            assert!(word.starts_with(|c: char| c.is_ascii_alphabetic()), "{word}");
            assert!(word.len() <= STEM_PREFIX, "{word}");
        }
    }

    #[test]
    fn reference_words() {
        let cases = [
            ("order 0123456789", true),
            ("Order no. 0123456789", true),
            ("numéro de commande 0123456789", true),
            ("Bestellnummer: 0123456789", true),
            ("رقم الطلب 0123456789", true),
            ("ref. 0123456789", true),
            ("order.lea@gmx.de 0123456789", false),
            ("Order received, call me at 0123456789", false),
            ("please refund via 0123456789", false),
            ("LÄHETYSNUMERO 0123456789", true),
            ("Lähetys 0123456789", true),
            ("xlähetys 0123456789", false),
            ("SPEDIZIONE 0123456789", true),
            ("Case: 0123456789", true),
            ("cases 0123456789", false),
            ("رقم_الشحنة 0123456789", false),
            ("رقم الشحنة 0123456789", true),
            ("call 0123456789", false),
            ("ref 15.03.2024 Hei! 0123456789", false),
            ("my order. Call 0123456789", false),
            ("Bestellung Nr. 0123456789", true),
            ("am 15.03. Nr. 0123456789", false),
            ("ref #479158 الرقم 0123456789", false),
        ];
        for (text, want) in cases {
            let pos = text.find("0123456789").unwrap();
            assert_eq!(follows_reference_word(text, pos), want, "{text}");
        }
    }
}
