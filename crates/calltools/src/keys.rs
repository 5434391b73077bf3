//! Click-2-Dial API keys: 192 bits from the operating system's secure random source, written
//! with the 64 characters `A–Z a–z 0–9 _ -` only, so a key survives a URL query, a JSON body
//! and a shell line unchanged (no `+`, `/` or `=` that a query string would mangle).

use cx_core::{AppError, ErrorCode, Secret};
use rand::rngs::OsRng;
use rand::TryRngCore;

/// The characters a key is drawn from: exactly 64, so six random bits pick one without bias.
pub const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

/// Characters per key: 32 × 6 bits = 192 bits of entropy, well above the 128 required.
pub const KEY_LENGTH: usize = 32;

/// Bits of entropy in one key.
pub const KEY_BITS: usize = KEY_LENGTH * 6;

// The field case asks for at least 128 bits; a shorter key does not compile.
const _: () = assert!(KEY_BITS >= 128);

/// A new key, or `internal` when the OS refuses random bytes (it should never).
pub fn generate_key() -> Result<Secret, AppError> {
    let mut bytes = [0u8; KEY_LENGTH];
    OsRng.try_fill_bytes(&mut bytes).map_err(|error| {
        AppError::new(
            ErrorCode::Internal,
            format!("The system's random source failed: {error}."),
        )
    })?;
    let text: String = bytes
        .iter()
        .map(|byte| char::from(ALPHABET[usize::from(byte & 0b11_1111)]))
        .collect();
    Ok(Secret::new(text))
}

/// Whether `key` has the form of a generated key.
pub fn is_well_formed(key: &str) -> bool {
    key.len() == KEY_LENGTH && key.bytes().all(|b| ALPHABET.contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alphabet_has_sixty_four_distinct_url_safe_characters() {
        let mut sorted = ALPHABET.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 64, "six bits pick one character without bias");
    }

    #[test]
    fn a_generated_key_is_well_formed_and_a_foreign_one_is_not() {
        let key = generate_key().unwrap();
        assert!(is_well_formed(key.expose()), "{}", key.expose().len());
        assert!(!is_well_formed("abc+def/ghi=jklmnopqrstuvwxyz0123"));
        assert!(!is_well_formed("short"));
    }
}
