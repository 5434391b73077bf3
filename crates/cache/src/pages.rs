use chrono::{DateTime, Utc};
use cx_platform::appstore::AppVersion;
use rusqlite::OptionalExtension;

use crate::{parse_time, Cache, CacheError};

/// What an app's page shows beyond its catalogue entry, as last fetched.
#[derive(Debug, Clone, PartialEq)]
pub struct CachedAppPage {
    pub app_id: String,
    pub description: String,
    /// Newest first.
    pub versions: Vec<AppVersion>,
    /// The `app_documentation` template, rendered and sanitised.
    pub documentation: Option<String>,
    pub owned: bool,
    pub fetched_at: DateTime<Utc>,
}

impl Cache {
    pub fn save_app_page(&self, profile_id: i64, page: &CachedAppPage) -> Result<(), CacheError> {
        let versions = serde_json::to_string(&page.versions)
            .map_err(|error| CacheError::Corrupt(error.to_string()))?;
        self.conn.execute(
            "INSERT INTO app_page (profile_id, app_id, description, versions, documentation,
                 owned, fetched_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (profile_id, app_id) DO UPDATE SET
                 description = excluded.description, versions = excluded.versions,
                 documentation = excluded.documentation, owned = excluded.owned,
                 fetched_at = excluded.fetched_at",
            (
                profile_id,
                &page.app_id,
                &page.description,
                versions,
                &page.documentation,
                page.owned,
                page.fetched_at.to_rfc3339(),
            ),
        )?;
        Ok(())
    }

    pub fn app_page(
        &self,
        profile_id: i64,
        app_id: &str,
    ) -> Result<Option<CachedAppPage>, CacheError> {
        let row = self
            .conn
            .query_row(
                "SELECT description, versions, documentation, owned, fetched_at
                 FROM app_page WHERE profile_id = ?1 AND app_id = ?2",
                (profile_id, app_id),
                |row| {
                    let texts: (String, String, Option<String>, bool, String) = (
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                    );
                    Ok(texts)
                },
            )
            .optional()?;
        let Some((description, versions, documentation, owned, fetched_at)) = row else {
            return Ok(None);
        };
        let versions = serde_json::from_str(&versions)
            .map_err(|error| CacheError::Corrupt(format!("an app's versions: {error}")))?;
        Ok(Some(CachedAppPage {
            app_id: app_id.to_owned(),
            description,
            versions,
            documentation,
            owned,
            fetched_at: parse_time(&fetched_at)?,
        }))
    }
}
