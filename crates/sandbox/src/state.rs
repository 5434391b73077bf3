//! Everything a request handler can reach.

use std::sync::{Arc, Mutex, MutexGuard};

use crate::auth::TokenKeys;
use crate::catalogue::App;
use crate::config::SandboxConfig;
use crate::faults::Faults;
use crate::seed;
use crate::stats::Recorder;
use crate::store::Store;

/// The state shared by the router, the server and the [`crate::Sandbox`] handle.
#[derive(Debug)]
pub(crate) struct AppState {
    pub(crate) config: SandboxConfig,
    pub(crate) keys: TokenKeys,
    /// The published apps never change while the sandbox runs.
    pub(crate) catalogue: Vec<App>,
    store: Mutex<Store>,
    pub(crate) faults: Faults,
    pub(crate) stats: Recorder,
    pub(crate) calls: crate::calls::Calls,
    /// When set, `GET payment` leaves out each payment's `description` (see
    /// `Sandbox::hide_payment_descriptions`).
    pub(crate) hide_payment_descriptions: std::sync::atomic::AtomicBool,
}

pub(crate) type Shared = Arc<AppState>;

impl AppState {
    pub(crate) fn new(config: SandboxConfig) -> Self {
        let catalogue = seed::catalogue();
        let mut store = Store::seeded(&catalogue);
        if let Some(path) = &config.state_file {
            store.restore_installs(crate::persist::load(path));
        }
        let store = Mutex::new(store);
        Self {
            config,
            keys: TokenKeys::random(),
            catalogue,
            store,
            faults: Faults::default(),
            stats: Recorder::default(),
            calls: crate::calls::Calls::default(),
            hide_payment_descriptions: Default::default(),
        }
    }

    /// The data, locked. Handlers hold it only between awaits, never across one.
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Back to the seed: data, faults, counters and revoked tokens. Issued tokens stay valid,
    /// so a client that is signed in stays signed in.
    pub(crate) fn reset(&self) {
        *self.store() = Store::seeded(&self.catalogue);
        self.faults.clear();
        self.stats.reset();
        self.calls.reset();
        self.hide_payment_descriptions
            .store(false, std::sync::atomic::Ordering::Relaxed);
        self.keys.forget_revoked();
    }

    pub(crate) fn app(&self, id: &str) -> Option<&App> {
        self.catalogue.iter().find(|app| app.id.text() == id)
    }
}
