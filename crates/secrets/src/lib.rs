//! Secrets for the App Store client.
//!
//! Two things live here: [`Secret`], a string that never prints itself, and [`Keyring`], the
//! one door to the OS keyring (Secret Service on Linux, Keychain on macOS, Credential Manager on
//! Windows). Nothing else in the project stores a password, token or key.

mod keyring_store;
mod secret;

pub use keyring_store::{Keyring, KeyringError};
pub use secret::Secret;
