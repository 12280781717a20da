//! Webhook authenticity: `X-Hub-Signature-256` and the `hub.verify_token` handshake.
//!
//! Meta signs every webhook `POST` with HMAC-SHA256 of the body under the app secret and
//! sends it as `X-Hub-Signature-256: sha256=<hex>`. Anyone who knows the callback URL can
//! post to it, so the hub must check that header before it believes a single byte.
//!
//! The HMAC is over the **raw bytes received**, never over a re-serialised body: Messenger
//! signs its own escaped-unicode form (`\u00e4`), which no JSON library reproduces. The
//! comparisons are constant-time, so response timing reveals nothing about the expected
//! value.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

type HmacSha256 = Hmac<Sha256>;

/// The header value's fixed prefix.
const PREFIX: &str = "sha256=";
/// SHA-256 output length in bytes.
const DIGEST_BYTES: usize = 32;

/// Why a webhook's signature was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// No (or an empty) `X-Hub-Signature-256` header.
    #[error("the X-Hub-Signature-256 header is missing")]
    Missing,
    /// The header is not `sha256=` followed by 64 hex digits.
    #[error("the X-Hub-Signature-256 header is not `sha256=<64 hex digits>`")]
    Malformed,
    /// Well-formed, but not the body's signature under our app secret.
    #[error("the X-Hub-Signature-256 header does not match the body")]
    Mismatch,
}

fn mac(app_secret: &[u8], body: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length (long ones are hashed), so this cannot fail.
    let mut mac = HmacSha256::new_from_slice(app_secret).expect("HMAC accepts keys of any length");
    mac.update(body);
    mac
}

/// Checks `header` (the `X-Hub-Signature-256` value, if the request had one) against the
/// exact body bytes. Hex digits may be upper or lower case.
pub fn verify(app_secret: &[u8], body: &[u8], header: Option<&str>) -> Result<(), SignatureError> {
    let header = header.map(str::trim).filter(|value| !value.is_empty());
    let header = header.ok_or(SignatureError::Missing)?;
    let hex_digest = header.strip_prefix(PREFIX).ok_or(SignatureError::Malformed)?;
    let expected = hex::decode(hex_digest).map_err(|_| SignatureError::Malformed)?;
    if expected.len() != DIGEST_BYTES {
        return Err(SignatureError::Malformed);
    }
    mac(app_secret, body).verify_slice(&expected).map_err(|_| SignatureError::Mismatch)
}

/// The `X-Hub-Signature-256` value Meta would send with `body`: `sha256=<lowercase hex>`.
pub fn sign(app_secret: &[u8], body: &[u8]) -> String {
    format!("{PREFIX}{}", hex::encode(mac(app_secret, body).finalize().into_bytes()))
}

/// Whether the `hub.verify_token` of a subscription handshake is the configured one, in
/// constant time. An empty configured token matches nothing, so a forgotten setting cannot
/// let anyone subscribe.
pub fn token_matches(expected: &str, given: &str) -> bool {
    !expected.is_empty() && bool::from(expected.as_bytes().ct_eq(given.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channels::samples;
    use serde_json::Value;

    const SECRET: &[u8] = b"test_app_secret_key";

    fn manifest() -> Value {
        serde_json::from_slice(&samples::read("signatures_manifest.json")).unwrap()
    }

    #[test]
    fn every_signature_in_the_manifest_verifies() {
        let manifest = manifest();
        assert_eq!(manifest["app_secret"], "test_app_secret_key");
        let signatures = manifest["signatures"].as_object().unwrap();
        assert!(signatures.len() >= 39, "{}", signatures.len());
        for (file, header) in signatures {
            let header = header.as_str().unwrap();
            let body = samples::read(file);
            assert_eq!(verify(SECRET, &body, Some(header)), Ok(()), "{file}");
            assert_eq!(sign(SECRET, &body), header, "{file}");
        }
    }

    #[test]
    fn a_flipped_byte_is_a_mismatch() {
        let manifest = manifest();
        for (file, header) in manifest["signatures"].as_object().unwrap() {
            let mut body = samples::read(file);
            for position in [0, body.len() / 2, body.len() - 1] {
                body[position] ^= 0x01;
                assert_eq!(
                    verify(SECRET, &body, header.as_str()),
                    Err(SignatureError::Mismatch),
                    "{file} byte {position}"
                );
                body[position] ^= 0x01;
            }
        }
    }

    #[test]
    fn the_wrong_secret_is_a_mismatch() {
        let body = samples::read("wa_inbound_text.json");
        let header = sign(SECRET, &body);
        assert_eq!(verify(b"another_secret", &body, Some(&header)), Err(SignatureError::Mismatch));
    }

    #[test]
    fn vector_1_of_the_spec_file() {
        let spec: Value =
            serde_json::from_slice(&samples::read("webhook_signature_spec.json")).unwrap();
        let vectors = &spec["computed_test_vectors"];
        let vector = &vectors["vector_1_raw_captured_body"];
        let body = vector["body_utf8"].as_str().unwrap().as_bytes();
        let header = vector["X-Hub-Signature-256"].as_str().unwrap();
        assert_eq!(
            header,
            "sha256=1d86aa7548feeadc5707f83adde4908609ca418ed6392dabac091e496858c30c"
        );
        let secret = vectors["app_secret"].as_str().unwrap().as_bytes();
        assert_eq!(verify(secret, body, Some(header)), Ok(()));
        assert_eq!(sign(secret, body), header);
        // The vector is the captured file without its trailing newline.
        let file = samples::read("wa_dashboard_test_sample_captured.json");
        assert_eq!(file.strip_suffix(b"\n"), Some(body));
    }

    #[test]
    fn vector_2_escaped_and_raw_unicode_sign_differently() {
        let spec: Value =
            serde_json::from_slice(&samples::read("webhook_signature_spec.json")).unwrap();
        let vector = &spec["computed_test_vectors"]["vector_2_escaped_unicode_wire_form"];
        let escaped = vector["body_ascii"].as_str().unwrap();
        assert_eq!(sign(SECRET, escaped.as_bytes()), vector["X-Hub-Signature-256"]);
        let raw = escaped.replace("\\ud83d\\udc4d", "👍");
        assert_eq!(sign(SECRET, raw.as_bytes()), vector["same_json_with_raw_utf8_emoji_signs_as"]);
    }

    #[test]
    fn uppercase_hex_is_accepted() {
        let body = b"{}";
        let header = sign(SECRET, body);
        let upper = format!("sha256={}", header["sha256=".len()..].to_uppercase());
        assert_eq!(verify(SECRET, body, Some(&upper)), Ok(()));
    }

    #[test]
    fn missing_and_malformed_headers() {
        let body = b"{}";
        let good = sign(SECRET, body);
        let hex_part = &good["sha256=".len()..];
        assert_eq!(verify(SECRET, body, None), Err(SignatureError::Missing));
        assert_eq!(verify(SECRET, body, Some("")), Err(SignatureError::Missing));
        assert_eq!(verify(SECRET, body, Some("   ")), Err(SignatureError::Missing));
        for malformed in [
            hex_part.to_owned(),                     // no prefix
            format!("sha1={hex_part}"),              // the old header's algorithm
            format!("SHA256={hex_part}"),            // prefix is lower case
            "sha256=".to_owned(),                    // nothing after it
            format!("sha256={}", &hex_part[..62]),   // too short
            format!("sha256={hex_part}00"),          // too long
            format!("sha256={}zz", &hex_part[..62]), // not hex
            format!("sha256={}", &hex_part[..63]),   // odd length
            format!("sha256=é{}", &hex_part[..62]),  // non-ASCII
        ] {
            assert_eq!(
                verify(SECRET, body, Some(&malformed)),
                Err(SignatureError::Malformed),
                "{malformed}"
            );
        }
        // Surrounding whitespace is forgiven.
        assert_eq!(verify(SECRET, body, Some(&format!(" {good} "))), Ok(()));
    }

    #[test]
    fn verify_token_comparison() {
        assert!(token_matches("vibecoding", "vibecoding"));
        assert!(!token_matches("vibecoding", "vibecodinG"));
        assert!(!token_matches("vibecoding", "vibecod"));
        assert!(!token_matches("vibecoding", ""));
        assert!(!token_matches("", ""));
    }
}
