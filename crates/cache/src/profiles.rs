use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::{parse_time, Cache, CacheError};

/// An account profile: where to connect and as whom. Secrets are not part of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Profile {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub name: String,
    pub base_url: String,
    pub login: String,
    /// The built-in sandbox rather than a real account.
    pub is_sandbox: bool,
    pub last_used_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct NewProfile {
    pub name: String,
    pub base_url: String,
    pub login: String,
    pub is_sandbox: bool,
}

const ACTIVE_PROFILE: &str = "active_profile";
const PROFILE_COLUMNS: &str = "id, name, base_url, login, is_sandbox, last_used_at";

impl Cache {
    pub fn profiles(&self) -> Result<Vec<Profile>, CacheError> {
        let sql = format!("SELECT {PROFILE_COLUMNS} FROM profile ORDER BY is_sandbox DESC, name");
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map([], profile_row)?;
        rows.map(|row| row?).collect()
    }

    pub fn profile(&self, id: i64) -> Result<Option<Profile>, CacheError> {
        let sql = format!("SELECT {PROFILE_COLUMNS} FROM profile WHERE id = ?1");
        self.conn
            .query_row(&sql, [id], profile_row)
            .optional()?
            .transpose()
    }

    /// Saves a profile, updating the one with the same name if there is one. When that name
    /// now points at another account (address or login changed), the old profile and all
    /// that was cached for it go first, so nothing of one account shows under another.
    pub fn save_profile(&self, new: &NewProfile) -> Result<Profile, CacheError> {
        let existing: Option<(i64, String, String)> = self
            .conn
            .query_row(
                "SELECT id, base_url, login FROM profile WHERE name = ?1",
                [&new.name],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        if let Some((id, base_url, login)) = existing {
            let same_account = login == new.login && (new.is_sandbox || base_url == new.base_url);
            if !same_account {
                self.delete_profile(id)?;
            }
        }
        let id: i64 = self.conn.query_row(
            "INSERT INTO profile (name, base_url, login, is_sandbox, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (name) DO UPDATE SET
                 base_url = excluded.base_url, login = excluded.login,
                 is_sandbox = excluded.is_sandbox
             RETURNING id",
            (
                &new.name,
                &new.base_url,
                &new.login,
                new.is_sandbox,
                Utc::now().to_rfc3339(),
            ),
            |row| row.get(0),
        )?;
        self.profile(id)?
            .ok_or_else(|| CacheError::Corrupt("a profile just saved".into()))
    }

    /// Deletes a profile and everything cached for it.
    pub fn delete_profile(&self, id: i64) -> Result<(), CacheError> {
        self.conn
            .execute("DELETE FROM profile WHERE id = ?1", [id])?;
        Ok(())
    }

    pub fn active_profile(&self) -> Result<Option<Profile>, CacheError> {
        let id: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM setting WHERE key = ?1",
                [ACTIVE_PROFILE],
                |row| row.get(0),
            )
            .optional()?;
        match id.and_then(|id| id.parse().ok()) {
            Some(id) => self.profile(id),
            None => Ok(None),
        }
    }

    pub fn set_active_profile(&self, id: i64) -> Result<(), CacheError> {
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (ACTIVE_PROFILE, id.to_string()),
        )?;
        self.conn.execute(
            "UPDATE profile SET last_used_at = ?2 WHERE id = ?1",
            (id, Utc::now().to_rfc3339()),
        )?;
        Ok(())
    }
}

fn profile_row(row: &Row<'_>) -> rusqlite::Result<Result<Profile, CacheError>> {
    let profile = Profile {
        id: row.get(0)?,
        name: row.get(1)?,
        base_url: row.get(2)?,
        login: row.get(3)?,
        is_sandbox: row.get(4)?,
        last_used_at: None,
    };
    let last_used: Option<String> = row.get(5)?;
    Ok(match last_used {
        None => Ok(profile),
        Some(text) => parse_time(&text).map(|at| Profile {
            last_used_at: Some(at),
            ..profile
        }),
    })
}
