//! Messages assembled at random from the pieces customers type (digits of several scripts,
//! separators, letters, `@`, `+`, parentheses, Arabic, fullwidth forms): the masker never
//! panics, reports sorted non-overlapping spans on character boundaries, and masking a masked
//! message changes nothing.

use crate::MASKER;

const PIECES: &[&str] = &[
    "0",
    "1",
    "4",
    "5",
    "7",
    "9",
    "٠",
    "٥",
    "۷",
    "０",
    "３",
    " ",
    " ",
    " ",
    "-",
    ".",
    "/",
    "(",
    ")",
    "+",
    "@",
    ",",
    ":",
    "#",
    "€",
    "$",
    "a",
    "Z",
    "x",
    "é",
    "ä",
    "ع",
    "ب",
    "\u{200E}",
    "\u{00A0}",
    "4111 1111 1111 1111",
    "+44 7911 123456",
    "0151 71851337",
    "DE89 3704 0044 0532 0130 00",
    "lea@gmx.de",
    "131052-308T",
    "RSSMRA85T10A562S",
    "1668928383",
    "887-72-7630",
    "1 85 05 2A 123 456 33",
    "784-1987-1234567-1",
    "٠٥٠١٢٣٤٥٦٧",
    "2024-03-15",
    "10:30",
    "192.168.1.1",
    "v1.2.3",
    "1 234,56 €",
    "INV-2024-143346",
    "#479158",
    "order",
];

#[test]
fn random_messages_mask_safely_and_idempotently() {
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..20_000 {
        let len = 1 + next() % 12;
        let text: String =
            (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
        let spans = MASKER.find(&text);
        for s in &spans {
            assert!(
                s.start < s.end && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
            );
        }
        assert!(spans.windows(2).all(|w| w[0].end <= w[1].start), "{text:?}: {spans:?}");
        let once = MASKER.mask(&text).into_owned();
        assert_eq!(MASKER.mask(&once), once, "{text:?}");
    }
}
