use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use cx_platform::appstore::Install;
use rusqlite::{Row, Transaction};

use crate::{Cache, CacheError};

impl Cache {
    /// Replaces the profile's installs with a fresh listing, in one transaction.
    pub fn replace_installs(
        &mut self,
        profile_id: i64,
        installs: &[Install],
        at: DateTime<Utc>,
    ) -> Result<(), CacheError> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM install WHERE profile_id = ?1", [profile_id])?;
        for install in installs {
            upsert(&tx, profile_id, install)?;
        }
        Self::mark_synced(&tx, profile_id, "installs", at)?;
        tx.commit()?;
        Ok(())
    }

    /// Saves one install after a change the platform accepted.
    pub fn save_install(&mut self, profile_id: i64, install: &Install) -> Result<(), CacheError> {
        let tx = self.conn.transaction()?;
        upsert(&tx, profile_id, install)?;
        tx.commit()?;
        Ok(())
    }

    pub fn delete_install(&self, profile_id: i64, install_id: &str) -> Result<(), CacheError> {
        self.conn.execute(
            "DELETE FROM install WHERE profile_id = ?1 AND install_id = ?2",
            (profile_id, install_id),
        )?;
        Ok(())
    }

    /// The profile's installs as last known, by name.
    pub fn installs(&self, profile_id: i64) -> Result<Vec<Install>, CacheError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT install_id, app_id, name, version, config, installed_at, updated_at
             FROM install WHERE profile_id = ?1 ORDER BY name COLLATE NOCASE",
        )?;
        let rows = statement.query_map([profile_id], install_row)?;
        rows.map(|row| row?).collect()
    }
}

/// Writes an install. Its `config` must already be free of secrets: the caller stores
/// secret values in the keyring and passes the platform's mask in their place.
fn upsert(tx: &Transaction<'_>, profile_id: i64, install: &Install) -> Result<(), CacheError> {
    let config = serde_json::to_string(&install.config)
        .map_err(|error| CacheError::Corrupt(error.to_string()))?;
    tx.execute(
        "INSERT INTO install (profile_id, install_id, app_id, name, version, config,
             installed_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (profile_id, install_id) DO UPDATE SET
             app_id = excluded.app_id, name = excluded.name, version = excluded.version,
             config = excluded.config, updated_at = excluded.updated_at",
        (
            profile_id,
            &install.id,
            &install.app_id,
            &install.name,
            &install.version,
            config,
            &install.installed_at,
            &install.updated_at,
        ),
    )?;
    Ok(())
}

fn install_row(row: &Row<'_>) -> rusqlite::Result<Result<Install, CacheError>> {
    let config: String = row.get(4)?;
    let install = Install {
        id: row.get(0)?,
        app_id: row.get(1)?,
        name: row.get(2)?,
        version: row.get(3)?,
        config: BTreeMap::new(),
        installed_at: row.get(5)?,
        updated_at: row.get(6)?,
    };
    Ok(serde_json::from_str(&config)
        .map(|config| Install { config, ..install })
        .map_err(|error| CacheError::Corrupt(format!("an install's configuration: {error}"))))
}
