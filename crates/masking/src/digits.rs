//! Digits in any script, and the normalised view of a message the detectors read.
//!
//! Customers type `٠٥٠١٢٣٤٥٦٧`, `۰۹۱۲…`, fullwidth `０１５１…` or paste numbers with no-break
//! spaces and bidi marks in them. The detectors are written for ASCII, so every message is
//! first folded into an ASCII-digit view ([`Normalized`]) that remembers, byte by byte, where
//! each character came from. Detection happens on the view; masking happens on the original,
//! so the digits a customer sees kept are the ones they typed.

use std::borrow::Cow;

/// The zero of every Unicode decimal-digit (`Nd`) block outside ASCII. Each block holds the
/// ten digits 0–9 in order, so a digit's value is its distance from the block's zero.
/// Generated from the Unicode Character Database (Unicode 14).
const NON_ASCII_ZEROS: [u32; 65] = [
    0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6,
    0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50,
    0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
    0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650,
    0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50,
    0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// The value of a decimal digit in any script (`'7'`, `'٧'`, `'۷'`, `'７'`, `'७'`…).
#[inline]
pub fn digit_value(c: char) -> Option<u8> {
    if c.is_ascii_digit() {
        return Some(c as u8 - b'0');
    }
    let cp = c as u32;
    if cp < NON_ASCII_ZEROS[0] {
        return None;
    }
    let i = NON_ASCII_ZEROS.partition_point(|&z| z <= cp) - 1;
    let d = cp - NON_ASCII_ZEROS[i];
    (d < 10).then_some(d as u8)
}

/// Zero-width and bidi formatting characters: invisible, so they are neither part of a value
/// nor shown when one is masked (`U+200E` often sits next to a `+` in right-to-left text).
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// What a character becomes in the ASCII view.
pub(crate) enum Fold {
    /// Unchanged.
    Keep,
    /// Replaced by one ASCII byte.
    Ascii(u8),
    /// Left out (invisible formatting).
    Drop,
}

#[inline]
pub(crate) fn fold(c: char) -> Fold {
    // Most text is ASCII, Latin letters or Arabic letters, none of which fold.
    if c < '\u{A0}' || ('\u{A1}'..'\u{660}').contains(&c) {
        return Fold::Keep;
    }
    if let Some(d) = digit_value(c) {
        return Fold::Ascii(b'0' + d);
    }
    match c {
        // Fullwidth forms of ASCII (digits, letters, `+`, `@`, `-`, parentheses…).
        '\u{FF01}'..='\u{FF5E}' => Fold::Ascii((c as u32 - 0xFEE0) as u8),
        // No-break, thin, narrow and ideographic spaces, used as digit-group separators.
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            Fold::Ascii(b' ')
        }
        // Hyphens, dashes and minus signs that keyboards and word processors substitute for
        // `-` (an autocorrected ` - ` becomes an en or em dash).
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' => Fold::Ascii(b'-'),
        // The Arabic decimal and thousands separators (`١٬٢٣٤٫٥٦`): an amount stays an amount.
        '\u{066B}' => Fold::Ascii(b'.'),
        '\u{066C}' => Fold::Ascii(b','),
        '\u{FE62}' => Fold::Ascii(b'+'),
        c if is_invisible(c) => Fold::Drop,
        _ => Fold::Keep,
    }
}

/// A message folded to ASCII digits and separators, with a map back to the original bytes.
pub struct Normalized<'a> {
    text: Cow<'a, str>,
    /// For each byte of `text`, the original byte range of the character it came from.
    /// `None` when `text` is the original itself.
    origin: Option<Vec<(u32, u32)>>,
}

impl<'a> Normalized<'a> {
    #[cfg(test)]
    pub fn new(original: &'a str) -> Self {
        let folds = original.chars().any(|c| !matches!(fold(c), Fold::Keep));
        Self::with_folds(original, folds)
    }

    /// The view of `original`, which holds characters to fold if `folds` (the pre-scan has
    /// already looked): text without any is its own view, at no cost.
    pub fn with_folds(original: &'a str, folds: bool) -> Self {
        if !folds {
            return Normalized { text: Cow::Borrowed(original), origin: None };
        }
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (i, c) in original.char_indices() {
            let range = (i as u32, (i + c.len_utf8()) as u32);
            match fold(c) {
                Fold::Keep => {
                    text.push(c);
                    origin.extend(std::iter::repeat_n(range, c.len_utf8()));
                }
                Fold::Ascii(b) => {
                    text.push(b as char);
                    origin.push(range);
                }
                Fold::Drop => {}
            }
        }
        Normalized { text: Cow::Owned(text), origin: Some(origin) }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original byte range of the normalised range `start..end` (`start < end`).
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        match &self.origin {
            None => (start, end),
            Some(origin) => (origin[start].0 as usize, origin[end - 1].1 as usize),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_in_every_script_have_their_value() {
        let cases = [
            ('0', Some(0)),
            ('9', Some(9)),
            ('٠', Some(0)),
            ('٥', Some(5)),
            ('۹', Some(9)),
            ('７', Some(7)),
            ('७', Some(7)),
            ('๓', Some(3)),
            ('a', None),
            ('٫', None),
            ('²', None),
        ];
        for (c, want) in cases {
            assert_eq!(digit_value(c), want, "{c:?}");
        }
    }

    #[test]
    fn ascii_text_is_borrowed_as_is() {
        let n = Normalized::new("call 0151 71851337");
        assert!(matches!(n.text, Cow::Borrowed(_)));
        assert_eq!(n.original_range(5, 9), (5, 9));
    }

    #[test]
    fn arabic_indic_digits_fold_and_map_back() {
        let text = "رقمي ٠٥٠١٢٣٤٥٦٧ شكرا";
        let n = Normalized::new(text);
        let s = n.as_str();
        let start = s.find("0501234567").unwrap();
        let (a, b) = n.original_range(start, start + 10);
        assert_eq!(&text[a..b], "٠٥٠١٢٣٤٥٦٧");
    }

    #[test]
    fn separators_fold_and_invisible_marks_drop() {
        let text = "\u{200E}+49\u{00A0}151\u{2011}71851337";
        let n = Normalized::new(text);
        assert_eq!(n.as_str(), "+49 151-71851337");
        let (a, b) = n.original_range(0, n.as_str().len());
        assert_eq!(&text[a..b], "+49\u{00A0}151\u{2011}71851337");
    }
}
