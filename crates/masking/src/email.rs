//! Email addresses: a local part of letters, digits and `. _ % + - '`, an `@`, and a domain of
//! at least two labels ending in an alphabetic top-level domain. Letters of any script count,
//! for internationalised addresses.
//!
//! An address already masked (`m******@gmail.com`) is found again but masks to itself, so
//! masking stays idempotent.

use crate::{Found, Kind};

/// `*` is read as part of a local part too: an address already masked (`m******@gmail.com`)
/// then masks to itself, and one glued to a masked value is judged as before masking.
fn is_local(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-' | '\'' | '*')
}

/// `*` is read as part of a domain so that an address glued to a masked value is judged the
/// same before and after masking (it stands for the letters and digits it replaced).
fn is_domain(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-' | '*')
}

/// The end of a valid domain starting at `start`, trailing dots and dashes left out.
///
/// Masking keeps domains as they are, so stars after an `@` are a value masked after the
/// address, which has lost its spaces (`lea@x.0151 71851337.com` → `lea@x.********1337.com`):
/// the domain ends with the label holding them, as it ended inside the value before. And when
/// the longest candidate is not a domain, labels are dropped from its end until the rest is
/// one: in `lea@web.de.0151 71851337` the address is `lea@web.de`, a number follows. Both keep
/// masking idempotent.
fn domain_end(text: &str, start: usize) -> Option<usize> {
    let len = text[start..].find(|c| !is_domain(c)).unwrap_or(text.len() - start);
    let mut domain = &text[start..start + len];
    if let Some(star) = domain.find('*') {
        let end = domain[star..].find('.').map_or(domain.len(), |dot| star + dot);
        domain = &domain[..end];
    }
    let mut domain = domain.trim_end_matches(['.', '-']);
    while !is_domain_name(domain) {
        let cut = domain.rfind('.')?;
        domain = domain[..cut].trim_end_matches(['.', '-']);
    }
    Some(start + domain.len())
}

/// At least two labels, none empty or with a dash at either end, the last alphabetic.
fn is_domain_name(domain: &str) -> bool {
    let Some((_, tld)) = domain.rsplit_once('.') else { return false };
    let labels_ok =
        domain.split('.').all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'));
    labels_ok && tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic)
}

/// A letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
/// presentation forms).
fn is_rtl_letter(c: char) -> bool {
    c.is_alphabetic()
        && matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// The length in bytes of the local part that ends `before` (the text up to an `@`). An
/// address is written in one direction: Arabic glued to a left-to-right local part (`وlea@…`, or a
/// word joined to it by a bidi isolate the view has dropped) is the sentence, not the address.
fn local_part_len(before: &str) -> usize {
    let mut len = 0;
    let mut latin = false;
    for c in before.chars().rev() {
        if !is_local(c) || (latin && is_rtl_letter(c)) {
            break;
        }
        // A star stands for what it masked, so a masked address reads as before.
        latin |= c == '*' || (c.is_alphanumeric() && !is_rtl_letter(c));
        len += c.len_utf8();
    }
    len
}

pub fn find(text: &str, out: &mut Vec<Found>) {
    let mut from = 0;
    while let Some(at) = text[from..].find('@').map(|p| p + from) {
        from = at + 1;
        let local_len = local_part_len(&text[..at]);
        // Quotes, dots and other punctuation before the first letter are not part of the address.
        let local =
            text[at - local_len..at].trim_start_matches(|c: char| !c.is_alphanumeric() && c != '*');
        // A "local part" right after another `@` is that address's domain: not a new address.
        let glued_to_address = text[..at - local_len].ends_with(['@', '＠']);
        if local.is_empty() || local.len() > 64 || glued_to_address {
            continue;
        }
        if let Some(end) = domain_end(text, at + 1) {
            out.push(Found { start: at - local.len(), end, kind: Kind::Email });
            from = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emails(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find(text, &mut out);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("Email me at anna.virtanen@gmx.de before 10.10.2024.", &["anna.virtanen@gmx.de"]),
            ("(melissa@gmail.com)", &["melissa@gmail.com"]),
            ("'lea@gmx.de'", &["lea@gmx.de"]),
            ("a+tag@sub.example.co.uk, b@x.fi", &["a+tag@sub.example.co.uk", "b@x.fi"]),
            ("jürgen.müller@web.de", &["jürgen.müller@web.de"]),
            ("راسلني على omar@gmail.com شكرا", &["omar@gmail.com"]),
            ("m******@gmail.com", &["m******@gmail.com"]),
            ("user@localhost", &[]),
            ("@handle and a@b.c1", &[]),
            ("lea@gmx.delea@gmx.de", &["lea@gmx.delea"]),
            ("lea@web.de.0151 71851337", &["lea@web.de"]),
            ("lea@web.de.12.com", &["lea@web.de.12.com"]),
            ("lea@web.de.12", &["lea@web.de"]),
            ("l**@web.de.********1337", &["l**@web.de"]),
            ("lea@x.************1111.com", &[]),
            ("lea@gmx.deب******8383", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(&emails(text), want, "{text}");
        }
    }
}
