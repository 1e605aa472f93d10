//! Password hashing: Argon2id with the argon2 crate's defaults, which are
//! OWASP's (m=19456 KiB, t=2, p=1). Hashing takes tens of milliseconds of
//! CPU on purpose: callers on async threads run it with `spawn_blocking`.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::RngCore;

/// The PHC string of `password` with a new random salt.
pub fn hash(password: &str) -> String {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).expect("16 bytes make a valid salt");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("Argon2 with its default parameters hashes any password")
        .to_string()
}

/// Whether `password` is the one `phc` was made from. A `phc` that is not
/// a hash matches nothing.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of no one's password, verified against when an address has no
/// account, so that an unknown address takes as long as a wrong password.
pub static DECOY: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash("no account has this password"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let phc = hash("Mechelen declaration 2017");
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify("Mechelen declaration 2017", &phc));
        assert!(!verify("mechelen declaration 2017", &phc));
        assert!(!verify("anything", "not a hash"));
        assert_ne!(phc, hash("Mechelen declaration 2017"), "salted");
    }
}
