use chrono::{DateTime, Utc};
use cx_platform::appstore::AppSummary;

use crate::{Cache, CacheError};

impl Cache {
    /// Replaces the profile's catalogue with a fresh listing, in one transaction.
    pub fn replace_catalogue(
        &mut self,
        profile_id: i64,
        apps: &[AppSummary],
        at: DateTime<Utc>,
    ) -> Result<(), CacheError> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM catalogue_app WHERE profile_id = ?1",
            [profile_id],
        )?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO catalogue_app (profile_id, app_id, name, summary, category,
                     publisher, latest_version, installs, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for app in apps {
                insert.execute((
                    profile_id,
                    &app.id,
                    &app.name,
                    &app.summary,
                    &app.category,
                    &app.publisher,
                    &app.latest_version,
                    app.installs as i64,
                    &app.updated_at,
                ))?;
            }
        }
        Self::mark_synced(&tx, profile_id, "catalogue", at)?;
        tx.commit()?;
        Ok(())
    }

    /// The profile's catalogue as last fetched, by name.
    pub fn catalogue(&self, profile_id: i64) -> Result<Vec<AppSummary>, CacheError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT app_id, name, summary, category, publisher, latest_version, installs,
                    updated_at
             FROM catalogue_app WHERE profile_id = ?1 ORDER BY name COLLATE NOCASE",
        )?;
        let rows = statement.query_map([profile_id], |row| {
            Ok(AppSummary {
                id: row.get(0)?,
                name: row.get(1)?,
                summary: row.get(2)?,
                category: row.get(3)?,
                publisher: row.get(4)?,
                latest_version: row.get(5)?,
                installs: row.get::<_, i64>(6)?.max(0) as u64,
                updated_at: row.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Cache {
    /// Replaces the list of apps the account owns.
    pub fn replace_owned(&mut self, profile_id: i64, app_ids: &[String]) -> Result<(), CacheError> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM owned_app WHERE profile_id = ?1", [profile_id])?;
        for app_id in app_ids {
            tx.execute(
                "INSERT OR IGNORE INTO owned_app (profile_id, app_id) VALUES (?1, ?2)",
                (profile_id, app_id),
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn owned(&self, profile_id: i64) -> Result<Vec<String>, CacheError> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT app_id FROM owned_app WHERE profile_id = ?1")?;
        let rows = statement.query_map([profile_id], |row| row.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
