//! Passwords and bearer tokens.
//!
//! Passwords are argon2 (slow on purpose, so the hub verifies them off the async runtime).
//! Bearer tokens are 256 random bits, so a fast SHA-256 is enough to store them: the
//! database then holds nothing that lets anyone sign in.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sha2::{Digest, Sha256};

/// Verified when the user name is unknown, so an unknown name costs as much time as a wrong
/// password and the answer time does not tell which names exist. (The password `demo`.)
pub(crate) const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$vmROif2lcitDkDko0xKcPg$BwG7Q+7gFDW6yvxWcvxK1lRAo11pjUvq/+LF70lX2LQ";

/// A new bearer token: 32 random bytes, hex.
pub(crate) fn new_token() -> String {
    hex(&rand::random::<[u8; 32]>())
}

/// What the database stores for a token.
pub(crate) fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Whether `password` matches the PHC string `phc`. A malformed `phc` never matches.
pub(crate) fn verify_password(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// An argon2id PHC string for `password`, with a fresh salt (`contact-hub hash-password`).
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Ok(Argon2::default().hash_password(password.as_bytes(), &salt)?.to_string())
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let phc = hash_password("correct horse").unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &phc));
        assert!(!verify_password("battery staple", &phc));
        assert!(!verify_password("correct horse", "not a hash"));
    }

    #[test]
    fn tokens_are_unique_and_hash_to_hex_sha256() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn the_dummy_hash_is_a_real_hash() {
        assert!(verify_password("demo", DUMMY_HASH));
    }
}
