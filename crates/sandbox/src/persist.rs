//! Installs kept between runs in [`crate::SandboxConfig::state_file`], so that someone
//! rehearsing in the desktop app finds their installs again after a restart.
//!
//! The file holds installs as the API serves them, secret values masked: a secret typed into
//! the sandbox never reaches the disk, and is forgotten on restart.

use std::path::Path;

use serde_json::Value;

use crate::listing::scalar_text;
use crate::state::Shared;
use crate::store::{Install, MASK};

/// The installs in `path`; none when the file is missing, and none (with a warning) when it
/// cannot be read, so a damaged file never stops the sandbox.
pub(crate) fn load(path: &Path) -> Vec<Install> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(error) => {
            tracing::warn!(%error, path = %path.display(), "sandbox state unreadable; starting afresh");
            return Vec::new();
        }
    };
    let items: Vec<Value> = serde_json::from_str(&text).unwrap_or_else(|error| {
        tracing::warn!(%error, path = %path.display(), "sandbox state damaged; starting afresh");
        Vec::new()
    });
    items.iter().filter_map(install_from).collect()
}

fn install_from(item: &Value) -> Option<Install> {
    let text = |key: &str| item.get(key).and_then(scalar_text);
    let config = item
        .get("config")?
        .as_object()?
        .iter()
        .filter_map(|(key, value)| Some((key.clone(), value.as_str()?.to_owned())))
        .filter(|(_, value)| value != MASK)
        .collect();
    Some(Install {
        id: text("id")?.parse().ok()?,
        app_id: item.get("app_id")?.clone(),
        name: text("name")?,
        version: text("version")?,
        config,
        installed_at: text("installed_at").unwrap_or_default(),
        updated_at: text("updated_at").unwrap_or_default(),
    })
}

/// Writes the installs, as `render` serves them (secrets masked), through a temporary file
/// so a crash mid-write leaves the previous state whole.
pub(crate) fn save(state: &Shared, render: fn(&Shared, &Install) -> Value) {
    let Some(path) = &state.config.state_file else {
        return;
    };
    let installs = state.store().installs.clone();
    let items: Vec<Value> = installs
        .iter()
        .map(|install| render(state, install))
        .collect();

    let temporary = path.with_extension("tmp");
    let written = serde_json::to_vec_pretty(&items)
        .map_err(std::io::Error::other)
        .and_then(|bytes| std::fs::write(&temporary, bytes))
        .and_then(|()| std::fs::rename(&temporary, path));
    if let Err(error) = written {
        tracing::warn!(%error, path = %path.display(), "could not keep the sandbox's installs");
    }
}
