//! Check-digit algorithms shared by several detectors: what makes a detection "validated, not
//! just shaped".

/// The Luhn (mod 10) check over ASCII digits: cards, Saudi national IDs, Emirates IDs.
pub fn luhn(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, &d) in digits.iter().rev().enumerate() {
        let mut v = u32::from(d - b'0');
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum.is_multiple_of(10)
}

/// ISO 7064 mod 97-10 remainder of alphanumeric text, letters counting as 10–35 (IBAN).
pub fn mod97(chars: impl IntoIterator<Item = u8>) -> u32 {
    chars.into_iter().fold(0u32, |acc, c| {
        if c.is_ascii_digit() {
            (acc * 10 + u32::from(c - b'0')) % 97
        } else {
            (acc * 100 + u32::from(c.to_ascii_uppercase() - b'A') + 10) % 97
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_table() {
        for (digits, ok) in [
            ("4111111111111111", true),
            ("4111111111111112", false),
            ("378282246310005", true),
            ("1668928383", true),
            ("0", true),
        ] {
            assert_eq!(luhn(digits.as_bytes()), ok, "{digits}");
        }
    }

    #[test]
    fn mod97_of_a_known_iban() {
        // GB82 WEST 1234 5698 7654 32, rearranged: BBAN, then country and check digits.
        let rearranged = b"WEST12345698765432GB82";
        assert_eq!(mod97(rearranged.iter().copied()), 1);
    }
}
