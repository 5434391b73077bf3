//! What the App Store client does, free of any UI toolkit.
//!
//! [`Core`] is the single surface the desktop shell (and the tests) call: sessions on account
//! profiles, the store and its search, app pages, and installs with their configuration. It
//! owns the local cache, the OS keyring and the platform client, and answers every failure as
//! an [`AppError`] the UI can show.

pub mod config;
pub mod docs;
mod error;
mod features;
mod installs;
pub mod models;
pub mod search;
mod session;
mod store;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use cx_cache::{Cache, Profile};
use cx_platform::{Client, ClientOptions};
use cx_secrets::Keyring;

pub use cx_cache::Profile as AccountProfile;
pub use cx_platform::appstore::{AppSummary, AppVersion, ConfigField, FieldKind, FieldOption};
pub use cx_secrets::Secret;
pub use error::{AppError, ErrorCode, FieldError};
pub use features::PlatformSession;
pub use session::AccountForm;

use search::CatalogueIndex;

/// Where the core keeps its things.
#[derive(Debug, Clone)]
pub struct CoreOptions {
    /// Folder of the SQLite cache (`cache.sqlite3`).
    pub data_dir: PathBuf,
    /// The keyring service name every secret of this app is filed under.
    pub keyring_service: String,
    pub client: ClientOptions,
}

pub struct Core {
    cache: Mutex<Cache>,
    data_dir: PathBuf,
    keyring: Keyring,
    client_options: ClientOptions,
    session: RwLock<Option<Arc<Session>>>,
    store: RwLock<StoreState>,
}

/// A signed-in profile and its client.
struct Session {
    profile: Profile,
    client: Arc<Client>,
    account_name: Option<String>,
    online: bool,
    /// Why the last attempt to reach the platform failed, while it keeps failing.
    offline_notice: Mutex<Option<String>>,
}

/// The catalogue in memory, with what the account owns.
#[derive(Default)]
struct StoreState {
    index: CatalogueIndex,
    owned: HashSet<String>,
}

impl Core {
    /// Opens the cache; nothing is signed in until [`Core::sign_in`] or [`Core::resume`].
    pub fn open(options: CoreOptions) -> Result<Self, AppError> {
        let cache = Cache::open(&options.data_dir.join("cache.sqlite3"))?;
        Ok(Self {
            cache: Mutex::new(cache),
            data_dir: options.data_dir.clone(),
            keyring: Keyring::new(options.keyring_service),
            client_options: options.client,
            session: RwLock::new(None),
            store: RwLock::new(StoreState::default()),
        })
    }

    fn cache(&self) -> MutexGuard<'_, Cache> {
        // A panic while holding the lock leaves SQLite consistent (transactions roll back),
        // so the cache stays usable.
        self.cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn current(&self) -> Result<Arc<Session>, AppError> {
        let session = self
            .session
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        session.clone().ok_or_else(AppError::signed_out)
    }
}

impl Session {
    /// Remembers (or forgets) why the platform could not be reached.
    fn note_reachability<T>(&self, result: &Result<T, cx_platform::PlatformError>) {
        let mut notice = self
            .offline_notice
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        *notice = match result {
            Err(error) if error.is_offline() => Some(format!(
                "{} Showing what was saved on this computer.",
                error::sentence(error.to_string())
            )),
            _ => None,
        };
    }

    fn offline_notice(&self) -> Option<String> {
        self.offline_notice
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}
