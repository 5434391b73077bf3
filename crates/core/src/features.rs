//! What the feature crates (dialer, payments, route market …) take from the core: the signed-in
//! session's platform client, the keyring, a folder for their own database, and an install's
//! saved configuration including its secrets.

use std::path::Path;
use std::sync::Arc;

use cx_platform::Client;
use cx_secrets::Keyring;

use crate::installs::secret_key;
use crate::{AppError, Core, Secret};

/// The signed-in session, as a feature sees it.
#[derive(Debug, Clone)]
pub struct PlatformSession {
    pub client: Arc<Client>,
    pub profile_id: i64,
    /// The built-in sandbox: nothing real happens (no call placed, no card charged), and the
    /// screens say so.
    pub is_sandbox: bool,
}

impl Core {
    /// The signed-in session, or `signed_out`.
    pub fn platform(&self) -> Result<PlatformSession, AppError> {
        let session = self.current()?;
        Ok(PlatformSession {
            client: session.client.clone(),
            profile_id: session.profile.id,
            is_sandbox: session.profile.is_sandbox,
        })
    }

    pub fn keyring(&self) -> &Keyring {
        &self.keyring
    }

    /// The folder a feature keeps its own SQLite file in.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// A secret field of an install (an API key, a secret key), read from the keyring.
    pub fn install_secret(
        &self,
        install_id: &str,
        field: &str,
    ) -> Result<Option<Secret>, AppError> {
        let session = self.current()?;
        Ok(self
            .keyring
            .get(&secret_key(session.profile.id, install_id, field))?)
    }
}
