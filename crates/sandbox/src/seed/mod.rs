//! The deterministic data the sandbox starts with, and returns to on `POST /__sandbox/reset`.

pub(crate) mod account;
mod docs;
pub(crate) mod featured;
pub(crate) mod more_apps;
pub(crate) mod platform;

use crate::catalogue::App;

/// The five featured apps first, then the rest of the store.
pub(crate) fn catalogue() -> Vec<App> {
    let mut apps = featured::apps();
    apps.extend(more_apps::apps());
    apps
}
