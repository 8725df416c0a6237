//! PIN hashing: Argon2id with the `argon2` crate's defaults (19 MiB, 2 passes, 1 lane: the
//! OWASP recommendation) and a random salt, stored as a PHC string. The PIN itself is
//! never stored, logged or put into an error message.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use frontdesk_core::i18n::errors::CliSays;

/// Hashes a PIN whose shape was already checked.
pub fn hash(pin: &str) -> Result<String, CliSays> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| CliSays::HashPin { error: e.to_string() })
}

/// Whether `pin` matches the stored hash; a hash that does not parse matches nothing.
pub(crate) fn matches(pin: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| Argon2::default().verify_password(pin.as_bytes(), &h).is_ok())
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashes_are_salted_argon2id_and_verify_only_the_pin() {
        let (a, b) = (super::hash("4711").unwrap(), super::hash("4711").unwrap());
        assert_ne!(a, b, "a fresh salt each time");
        assert!(a.starts_with("$argon2id$") && !a.contains("4711"));
        assert!(super::matches("4711", &a) && !super::matches("4712", &a) && !super::matches("4711", "garbage"));
    }
}
