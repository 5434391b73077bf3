use std::sync::{Mutex, PoisonError};

use crate::Secret;

/// One keyring call at a time from this process. Each call opens its own Secret Service
/// connection and session, and gnome-keyring-daemon has been seen to abort when a process opened
/// many at once (parallel tests storing keys); taking turns costs a few milliseconds at most.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn in_turn<T>(call: impl FnOnce() -> T) -> T {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    call()
}

/// Why the OS keyring could not be used, in words a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum KeyringError {
    #[error(
        "the system keyring is not available ({0}); on Linux, start a desktop session with a \
         Secret Service provider such as GNOME Keyring or KWallet"
    )]
    Unavailable(String),
    #[error("the system keyring is locked or refused access ({0}); unlock it and try again")]
    Locked(String),
    #[error("the system keyring failed: {0}")]
    Other(String),
}

/// The OS keyring, with every entry of this app under one service name.
///
/// Entries are keyed by a plain string such as `profile:3:refresh-token`; the value is a
/// [`Secret`]. A missing entry is `Ok(None)`, never an error.
#[derive(Debug, Clone)]
pub struct Keyring {
    service: String,
}

impl Keyring {
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    pub fn get(&self, key: &str) -> Result<Option<Secret>, KeyringError> {
        let entry = self.entry(key)?;
        match in_turn(|| entry.get_password()) {
            Ok(value) => Ok(Some(Secret::new(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(classify(error)),
        }
    }

    pub fn set(&self, key: &str, value: &Secret) -> Result<(), KeyringError> {
        let entry = self.entry(key)?;
        in_turn(|| entry.set_password(value.expose())).map_err(classify)?;
        tracing::debug!(service = %self.service, key, "stored a secret in the keyring");
        Ok(())
    }

    /// Removes the entry; removing one that is not there is not an error.
    pub fn delete(&self, key: &str) -> Result<(), KeyringError> {
        let entry = self.entry(key)?;
        match in_turn(|| entry.delete_credential()) {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(classify(error)),
        }
    }

    fn entry(&self, key: &str) -> Result<keyring::Entry, KeyringError> {
        keyring::Entry::new(&self.service, key).map_err(classify)
    }
}

/// Maps the keyring crate's errors to the three cases a user can tell apart. The messages
/// of the underlying platform errors name D-Bus, prompts and the like, never a secret value.
fn classify(error: keyring::Error) -> KeyringError {
    let text = error.to_string();
    match error {
        keyring::Error::NoStorageAccess(_) | keyring::Error::PlatformFailure(_)
            if looks_locked(&text) =>
        {
            KeyringError::Locked(text)
        }
        keyring::Error::NoStorageAccess(_) | keyring::Error::PlatformFailure(_) => {
            KeyringError::Unavailable(text)
        }
        _ => KeyringError::Other(text),
    }
}

fn looks_locked(text: &str) -> bool {
    let text = text.to_ascii_lowercase();
    text.contains("locked") || text.contains("prompt") || text.contains("dismissed")
}
