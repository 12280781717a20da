//! Eight bytes at a time in a `u64` ("SIMD within a register"): the scans that look for the
//! rare interesting byte (a digit, an `@`) in long stretches of ordinary text use these, with
//! no `unsafe` and no platform intrinsics.
//!
//! Every function works on ASCII bytes (high bit clear); callers mask non-ASCII bytes out
//! themselves, because adding to a byte with its high bit set would carry into the next one.

/// 1 in every byte.
pub const ONES: u64 = u64::from_le_bytes([1; 8]);
/// The high bit of every byte.
pub const HIGH: u64 = ONES * 0x80;

/// The high bit of each byte of `x` (all ASCII) that is at least `n` (`n <= 0x80`): adding
/// `0x80 - n` carries into the high bit exactly then, and never out of the byte.
#[inline]
pub fn ge(x: u64, n: u8) -> u64 {
    x.wrapping_add(ONES * u64::from(0x80 - n)) & HIGH
}

/// The high bit of each byte of `x` (all ASCII) that is `n`.
#[inline]
pub fn eq(x: u64, n: u8) -> u64 {
    !ge(x ^ (ONES * u64::from(n)), 1) & HIGH
}

/// The high bit of each byte of `x` (all ASCII) that is an ASCII digit.
#[inline]
pub fn digits(x: u64) -> u64 {
    ge(x, b'0') & !ge(x, b'9' + 1)
}

/// The high bit of each byte of `x` (all ASCII) that is an ASCII letter.
#[inline]
pub fn letters(x: u64) -> u64 {
    let lower = x | (ONES * 0x20);
    ge(lower, b'a') & !ge(lower, b'z' + 1)
}

/// The eight bytes of `b` from `i` (`i < b.len()`) as a little-endian word, zero-padded
/// past the end (NUL is neither a letter, a digit, a separator nor an `@`: the text simply
/// ends there).
#[inline]
pub fn block(b: &[u8], i: usize) -> u64 {
    if let Some(block) = b.get(i..i + 8) {
        return u64::from_le_bytes(block.try_into().unwrap_or_default());
    }
    let tail = b.len() - i;
    match b.len().checked_sub(8) {
        // The last eight bytes, shifted so the ones before `i` fall out: no copy.
        Some(last) => {
            let word = u64::from_le_bytes(b[last..].try_into().unwrap_or_default());
            word >> (8 * (8 - tail))
        }
        // A text shorter than a block.
        None => b[i..].iter().rev().fold(0, |word, &byte| word << 8 | u64::from(byte)),
    }
}

/// The first offset at or after `from` holding an ASCII digit or a `*`, or `b.len()`.
pub fn find_digit_or_star(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < b.len() {
        let x = block(b, i);
        // Bytes with the high bit set (non-ASCII) are masked out, after the arithmetic on
        // their low seven bits.
        let low = x & !HIGH;
        let hits = (digits(low) | eq(low, b'*')) & !x;
        if hits != 0 {
            return (i + hits.trailing_zeros() as usize / 8).min(b.len());
        }
        i += 8;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_digits_and_stars_only() {
        let cases = [
            ("", 0),
            ("abc", 3),
            ("abcdefgh1", 8),
            ("a*", 1),
            ("é٣ü 7", 7),
            ("\u{b0}\u{b9}\u{aa}:;/ x", 11),
            ("0", 0),
        ];
        for (text, want) in cases {
            assert_eq!(find_digit_or_star(text.as_bytes(), 0), want, "{text:?}");
        }
        assert_eq!(find_digit_or_star(b"12345678901", 3), 3);
        assert_eq!(find_digit_or_star(b"1bcdefghijkl2", 1), 12);
    }

    #[test]
    fn blocks_are_zero_padded() {
        let text = b"abcdefghijk";
        assert_eq!(block(text, 0), u64::from_le_bytes(*b"abcdefgh"));
        assert_eq!(block(text, 3), u64::from_le_bytes(*b"defghijk"));
        assert_eq!(block(text, 5), u64::from_le_bytes(*b"fghijk\0\0"));
        assert_eq!(block(text, 10), u64::from_le_bytes(*b"k\0\0\0\0\0\0\0"));
        assert_eq!(block(b"ok", 0), u64::from_le_bytes(*b"ok\0\0\0\0\0\0"));
        assert_eq!(block(b"ok", 1), u64::from_le_bytes(*b"k\0\0\0\0\0\0\0"));
    }

    #[test]
    fn masks_agree_with_the_byte_predicates() {
        for b in 0u8..0x80 {
            let x = u64::from_le_bytes([b, 0, b'a', b, b'9', b, b'@', b]);
            for (k, &byte) in x.to_le_bytes().iter().enumerate() {
                let bit = |m: u64| m >> (8 * k + 7) & 1 == 1;
                assert_eq!(bit(digits(x)), byte.is_ascii_digit());
                assert_eq!(bit(letters(x)), byte.is_ascii_alphabetic());
                assert_eq!(bit(eq(x, b'@')), byte == b'@');
                assert_eq!(bit(ge(x, b'A')), byte >= b'A');
            }
        }
    }
}
