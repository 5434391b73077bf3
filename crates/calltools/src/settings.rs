//! Small remembered choices of these features (the default Click-2-Dial customer for links,
//! the last Spam Score report address), per account profile, in the Spam Score database file
//! so that the two features share one file of their own.

use cx_core::{AppError, Core};
use rusqlite::{params, OptionalExtension};

use crate::db;

pub fn get(core: &Core, profile_id: i64, key: &str) -> Result<Option<String>, AppError> {
    let conn = db::open(core.data_dir())?;
    conn.query_row(
        "SELECT value FROM settings WHERE profile_id = ?1 AND key = ?2",
        params![profile_id, key],
        |row| row.get(0),
    )
    .optional()
    .map_err(db::error)
}

pub fn set(core: &Core, profile_id: i64, key: &str, value: &str) -> Result<(), AppError> {
    let conn = db::open(core.data_dir())?;
    conn.execute(
        "INSERT INTO settings (profile_id, key, value) VALUES (?1, ?2, ?3)
         ON CONFLICT (profile_id, key) DO UPDATE SET value = excluded.value",
        params![profile_id, key, value],
    )
    .map_err(db::error)?;
    Ok(())
}
