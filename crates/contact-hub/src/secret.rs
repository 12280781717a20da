//! Passwords and bearer tokens.
//!
//! Passwords are argon2 (slow on purpose, so the hub verifies them off the async runtime, on
//! the few threads of [`crate::passwords`], each hashing into memory it keeps and reuses).
//! Bearer tokens are 256 random bits, so a fast SHA-256 is enough to store them: the
//! database then holds nothing that lets anyone sign in.

use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

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

/// Whether `password` matches the argon2 PHC string `phc`; a malformed `phc` never matches.
///
/// What argon2's own `verify_password` does (the hash's algorithm, version, parameters and
/// salt; the outputs compared in constant time), but hashing into `memory` (grown to the
/// hash's memory cost when smaller, then kept) instead of allocating 19 MiB each time: the
/// caller keeps one buffer per thread, so checks reuse it (issue 16).
pub(crate) fn verify_password_in(password: &str, phc: &str, memory: &mut Vec<Block>) -> bool {
    let Ok(hash) = PasswordHash::new(phc) else { return false };
    let (Some(salt), Some(expected)) = (hash.salt, hash.hash) else { return false };
    let Ok(algorithm) = Algorithm::try_from(hash.algorithm) else { return false };
    let version = match hash.version.map(Version::try_from).transpose() {
        Ok(version) => version.unwrap_or_default(),
        Err(_) => return false,
    };
    let Ok(params) = Params::try_from(&hash) else { return false };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else { return false };
    let blocks = params.block_count();
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    let expected = expected.as_bytes();
    let mut computed = [0u8; 64];
    let Some(computed) = computed.get_mut(..expected.len()) else { return false };
    let argon2 = Argon2::new(algorithm, version, params);
    if argon2
        .hash_password_into_with_memory(password.as_bytes(), salt, computed, &mut memory[..blocks])
        .is_err()
    {
        return false;
    }
    computed.ct_eq(expected).into()
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

    fn verify_password(password: &str, phc: &str) -> bool {
        verify_password_in(password, phc, &mut Vec::new())
    }

    #[test]
    fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let phc = hash_password("correct horse").unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &phc));
        assert!(!verify_password("battery staple", &phc));
        assert!(!verify_password("correct horse", "not a hash"));
        assert!(!verify_password("correct horse", &phc.replace("$argon2id$", "$bcrypt$")));
    }

    /// One buffer, reused across hashes of every shape, gives argon2's own answers.
    #[test]
    fn reused_memory_agrees_with_argon2s_own_verification() {
        use argon2::password_hash::PasswordVerifier;
        let salt = SaltString::from_b64("c29tZXNhbHRzb21lc2FsdA").unwrap();
        let shapes = [
            Argon2::default(),
            Argon2::new(Algorithm::Argon2i, Version::V0x10, Params::new(4096, 3, 2, None).unwrap()),
            Argon2::new(
                Algorithm::Argon2d,
                Version::V0x13,
                Params::new(64, 1, 1, Some(16)).unwrap(),
            ),
            Argon2::new(
                Algorithm::Argon2id,
                Version::V0x13,
                Params::new(2048, 2, 4, Some(64)).unwrap(),
            ),
        ];
        let mut memory = Vec::new();
        for argon2 in &shapes {
            let phc = argon2.hash_password(b"correct horse", &salt).unwrap().to_string();
            let parsed = PasswordHash::new(&phc).unwrap();
            for attempt in ["correct horse", "correct hors", ""] {
                let theirs = Argon2::default().verify_password(attempt.as_bytes(), &parsed).is_ok();
                assert_eq!(
                    verify_password_in(attempt, &phc, &mut memory),
                    theirs,
                    "{phc} {attempt:?}"
                );
            }
            assert!(verify_password_in("correct horse", &phc, &mut memory), "{phc}");
        }
        // Grown to the largest cost seen (the default, 19 MiB), never allocated again.
        assert_eq!(memory.len(), Params::default().block_count());
        assert!(verify_password_in("demo", DUMMY_HASH, &mut memory));
        assert_eq!(memory.len(), Params::default().block_count());
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
