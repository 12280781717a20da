//! Sensitive-data detection and masking for customer text.
//!
//! Every text that reaches an agent passes through a [`Masker`]: with masking on, an agent must
//! never see a customer's payment card, IBAN, national identifier, email address or mobile
//! number in the clear. Detections are *validated*, not just shaped (Luhn and issuer ranges,
//! IBAN mod 97 and the registry's formats, each national ID's own check, numbering plans for
//! phones), so dates, amounts, order numbers, IP addresses and versions survive untouched.
//!
//! Digits of any script are recognised (`٠٥٠١٢٣٤٥٦٧`); the masked value keeps its last four
//! characters as the customer typed them. The format is the product's: see [`mask_value`].
//!
//! Every message is masked, and most hold nothing to mask: a pre-scan reads each one once,
//! mostly eight bytes at a time, and only the detectors it found evidence for run, on the
//! digit groups they share. A message with nothing comes back borrowed, with no allocation.
//!
//! The crate does no I/O; the `mask` binary is a stdin/stdout filter around [`Masker`].

mod card;
mod checksum;
mod digits;
mod email;
mod format;
mod iban;
mod national_id;
mod phone;
mod plan;
mod prescan;
mod scan;
mod swar;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

pub use format::mask_value;

/// What kind of sensitive value a span holds. Serialised in snake_case (`"national_id"`), the
/// corpus's and the wire's type names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Card,
    Iban,
    NationalId,
    Email,
    Phone,
}

impl Kind {
    /// Which detection wins when two overlap: the more specific evidence first. An email's
    /// local part may hold digits; an IBAN holds card-length digit runs; an identifier with a
    /// check digit beats a phone number that happens to be valid somewhere.
    fn precedence(self) -> u8 {
        match self {
            Kind::Email => 0,
            Kind::Iban => 1,
            Kind::NationalId => 2,
            Kind::Card => 3,
            Kind::Phone => 4,
        }
    }
}

/// A detected value: byte offsets into the text given to [`Masker::find`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// A detection in the normalised text, before overlaps are resolved.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// Finds and masks sensitive values. Build once and share: it is `Send + Sync`, cheap to
/// clone, holds no per-call state, and building the first one loads the phone numbering plans
/// (about a tenth of a second), which every later one shares.
#[derive(Clone, Debug)]
pub struct Masker {
    phone: phone::PhoneDetector,
}

impl Masker {
    /// A masker with every detector.
    pub fn new() -> Self {
        Masker { phone: phone::PhoneDetector::new() }
    }

    /// `text` with every sensitive value masked; borrowed when there was nothing to mask.
    pub fn mask<'a>(&self, text: &'a str) -> Cow<'a, str> {
        apply(text, &self.find(text))
    }

    /// `text` with only values of the given kinds masked (the hub redacts cards from stored
    /// transcripts). Detection still runs for every kind, so an IBAN is never mistaken for a
    /// card just because IBANs were not asked for.
    pub fn mask_kinds<'a>(&self, text: &'a str, kinds: &[Kind]) -> Cow<'a, str> {
        let mut spans = self.find(text);
        spans.retain(|s| kinds.contains(&s.kind));
        apply(text, &spans)
    }

    /// The sensitive values in `text`: non-overlapping, sorted by position.
    pub fn find(&self, text: &str) -> Vec<Span> {
        let candidates = prescan::prescan(text);
        if !candidates.any() {
            return Vec::new();
        }
        self.find_among(text, candidates)
    }

    /// Runs the detectors the pre-scan found evidence for. Skipping the others changes
    /// nothing: each would have found nothing (see [`prescan`]).
    fn find_among(&self, text: &str, candidates: prescan::Candidates) -> Vec<Span> {
        let normalized = digits::Normalized::with_folds(text, candidates.folds);
        let norm = normalized.as_str();
        let mut groups = Vec::new();
        let runs = if candidates.numeric || candidates.iban {
            // Room for a message's usual numbers at once, rather than growing step by step.
            groups.reserve(16);
            scan::runs(norm, &mut groups)
        } else {
            Vec::new()
        };
        // Detectors run from the most specific evidence to the least, and the searching ones
        // (cards, phones) skip what is already taken, trying shorter readings instead: the
        // same values are then found whether a neighbour is still in the clear or masked.
        let mut found = Vec::new();
        let mut kept = Vec::new();
        if candidates.email {
            email::find(norm, &mut found);
        }
        if candidates.iban {
            iban::find(norm, &runs, &mut found);
        }
        national_id::find(norm, &runs, candidates, &mut found);
        keep_free(&mut kept, &mut found);
        if candidates.numeric {
            card::find(norm, &runs, &kept, &mut found);
            keep_free(&mut kept, &mut found);
            self.phone.find(norm, &runs, &kept, &mut found);
            keep_free(&mut kept, &mut found);
        }
        for span in &mut kept {
            (span.start, span.end) = normalized.original_range(span.start, span.end);
        }
        kept
    }
}

/// Moves the detections of `found` that clash with nothing in `kept` into it, most specific
/// first, then left to right and longest first. `kept` stays sorted and non-overlapping.
fn keep_free(kept: &mut Vec<Span>, found: &mut Vec<Found>) {
    found.sort_unstable_by_key(|f| (f.kind.precedence(), f.start, usize::MAX - f.end));
    for f in found.drain(..) {
        if !overlaps(kept, f.start, f.end) {
            let at = kept.partition_point(|k| k.start < f.start);
            kept.insert(at, Span { start: f.start, end: f.end, kind: f.kind });
        }
    }
}

/// Does `start..end` overlap a span of `taken` (sorted, non-overlapping)?
pub(crate) fn overlaps(taken: &[Span], start: usize, end: usize) -> bool {
    let at = taken.partition_point(|k| k.end <= start);
    at < taken.len() && taken[at].start < end
}

impl Default for Masker {
    fn default() -> Self {
        Self::new()
    }
}

/// `text` with the given spans (sorted, non-overlapping) masked.
fn apply<'a>(text: &'a str, spans: &[Span]) -> Cow<'a, str> {
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for s in spans {
        out.push_str(&text[pos..s.start]);
        format::mask_into(&text[s.start..s.end], s.kind, &mut out);
        pos = s.end;
    }
    out.push_str(&text[pos..]);
    // Text masked before (an address masks to itself) comes back borrowed too.
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

/// Messages assembled at random from `pieces`, up to `max_pieces` each: for the tests that
/// hold a fast path to the plain rule it stands for. Deterministic (xorshift), so a failure
/// reproduces.
#[cfg(test)]
pub(crate) fn random_texts<'p>(
    pieces: &'p [&'p str],
    count: usize,
    max_pieces: u64,
) -> impl Iterator<Item = String> + 'p {
    let mut seed = 0x5851_f42d_4c95_7f2d_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..count).map(move |_| {
        let len = next() % (max_pieces + 1);
        (0..len).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static MASKER: LazyLock<Masker> = LazyLock::new(Masker::new);

    #[test]
    fn masker_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Masker>();
    }

    #[test]
    fn kinds_serialise_as_the_corpus_names() {
        let names: Vec<String> =
            [Kind::Card, Kind::Iban, Kind::NationalId, Kind::Email, Kind::Phone]
                .iter()
                .map(|k| serde_json::to_string(k).unwrap())
                .collect();
        assert_eq!(names, ["\"card\"", "\"iban\"", "\"national_id\"", "\"email\"", "\"phone\""]);
    }

    #[test]
    fn product_examples() {
        let cases = [
            ("Call me on + 1 (123) 456 7890.", "Call me on **********7890."),
            ("Call me on +447966197542.", "Call me on *********7542."),
            ("Write to melissa@gmail.com.", "Write to m******@gmail.com."),
        ];
        for (text, want) in cases {
            assert_eq!(MASKER.mask(text), want, "{text}");
        }
    }

    #[test]
    fn messages_in_many_scripts_and_formats() {
        let cases = [
            ("رقمي ٠٥٠١٢٣٤٥٦٧ شكرا", "رقمي ******٤٥٦٧ شكرا"),
            ("اتصل على +٩٧١ ٥٠ ١٢٣ ٤٥٦٧", "اتصل على *********٤٥٦٧"),
            ("رقم الهوية ١٦٦٨٩٢٨٣٨٣", "رقم الهوية ******٨٣٨٣"),
            ("کارت ۴۱۱۱ ۱۱۱۱ ۱۱۱۱ ۱۱۱۱", "کارت ************۱۱۱۱"),
            ("tel ０１５１ ７１８５１３３７", "tel ********１３３７"),
            ("codice fiscale rssmra85t10a562s", "codice fiscale ************562s"),
            ("NIR 1 85 05 2A 123 456 33 merci", "NIR ***********5633 merci"),
            ("IBAN fi21 1234 5600 0007 85", "IBAN **************0785"),
            ("hetu 131052a308t", "hetu *******308t"),
            ("EID 784-1987-1234567-1", "EID *************5671"),
            ("SSN 123 45 6789", "SSN *****6789"),
            ("tel. 0049 170 16630494", "tel. ***********0494"),
        ];
        for (text, want) in cases {
            assert_eq!(MASKER.mask(text), want, "{text}");
        }
    }

    #[test]
    fn non_sensitive_text_is_borrowed_untouched() {
        for text in [
            "Order #479158 shipped on 2024-03-15 at 10:30.",
            "Server 192.168.1.1 runs v1.2.3; total 1 234,56 €.",
            "Invoice INV-2024-143346, tracking 1Z999AA10123456784, postcode 00100.",
            "Bestellung 07.08.2025, Betrag $1009.15",
            "",
            "no digits at all",
        ] {
            assert!(matches!(MASKER.mask(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn masking_is_idempotent() {
        for text in [
            "Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, lea@gmx.de, +49 151 71851337",
            "رقمي ٠٥٠١٢٣٤٥٦٧ و ١٦٦٨٩٢٨٣٨٣",
            "SSN 887-72-7630 / hetu 171064-191P / CF DFDFML93C10B594M",
            // Found by the fuzz target: masked numbers, spaces dropped, glued to a domain.
            "ou à giulia@web.de.06 40 44 673380.de.",
            "Fi1@web.0 7098 1077 352.il",
            "lea@mail.4111 1111 1111 1111.com",
            "lea@gmx.deب1668928383",
        ] {
            let once = MASKER.mask(text).into_owned();
            assert_ne!(once, text);
            assert!(matches!(MASKER.mask(&once), Cow::Borrowed(t) if t == once), "{text}");
        }
    }

    #[test]
    fn find_reports_original_offsets_sorted() {
        let text = "٠٥٠١٢٣٤٥٦٧ then lea@gmx.de";
        let spans = MASKER.find(text);
        assert_eq!(spans.len(), 2);
        assert_eq!(&text[spans[0].start..spans[0].end], "٠٥٠١٢٣٤٥٦٧");
        assert_eq!(spans[0].kind, Kind::Phone);
        assert_eq!(&text[spans[1].start..spans[1].end], "lea@gmx.de");
        assert_eq!(spans[1].kind, Kind::Email);
    }

    /// The pre-scan only skips work: with it, the masker finds exactly what it finds running
    /// every detector over the normalised text. Checked on the dev corpus and on random
    /// messages made of the pieces values, decoys and their neighbours are made of.
    #[test]
    fn prescan_changes_no_detection() {
        let all = |text: &str| MASKER.find_among(text, prescan::Candidates::ALL);
        let corpus = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/corpus/masking-dev.jsonl"
        ))
        .unwrap_or_default();
        for line in corpus.lines() {
            let row: serde_json::Value = serde_json::from_str(line).unwrap();
            for key in ["text", "expected"] {
                let text = row[key].as_str().unwrap();
                assert_eq!(MASKER.find(text), all(text), "{text}");
            }
        }
        const PIECES: &[&str] = &[
            "0",
            "1",
            "2",
            "3",
            "4",
            "7",
            "9",
            "٣",
            "۷",
            "８",
            " ",
            " ",
            "-",
            ".",
            "/",
            "(",
            ")",
            "+",
            "*",
            "@",
            "＠",
            "#",
            ":",
            "a",
            "B",
            "x",
            "Z",
            "é",
            "ع",
            "Ｄ",
            "\u{200E}",
            "\u{00A0}",
            "\u{2011}",
            "4111 1111 1111",
            "1111",
            "+44 7911",
            "123456",
            "0151 7185",
            "1337",
            "DE89 3704 0044",
            "0532 0130 00",
            "GB82",
            "WEST",
            "lea@gmx",
            ".de",
            "131052",
            "-308T",
            "A308T",
            "RSSMRA85T10A",
            "562S",
            "RSSMRAURTMLA",
            "RSNL",
            "16689",
            "28383",
            "887-72",
            "-7630",
            "1 85 05 2A",
            "123 456 33",
            "784-1987",
            "-1234567-1",
            "٠٥٠١٢٣",
            "٤٥٦٧",
            "order ",
            "SSN ",
            "65 180539",
            " W 001",
        ];
        for text in random_texts(PIECES, 30_000, 10) {
            assert_eq!(MASKER.find(&text), all(&text), "{text:?}");
        }
    }

    #[test]
    fn mask_kinds_masks_only_those() {
        let text = "card 4111 1111 1111 1111, mail lea@gmx.de";
        assert_eq!(
            MASKER.mask_kinds(text, &[Kind::Card]),
            "card ************1111, mail lea@gmx.de"
        );
        assert!(matches!(MASKER.mask_kinds(text, &[Kind::Iban]), Cow::Borrowed(_)));
    }
}
