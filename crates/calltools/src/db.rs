//! This crate's own SQLite file, `spamscore.sqlite3`, and its numbered migrations (see
//! `cx_cache::open_database`): Spam Score results, and the features' remembered settings.

use std::path::Path;

use cx_core::{AppError, ErrorCode};
use rusqlite::Connection;

/// The file, in the app's data folder.
pub const FILE_NAME: &str = "spamscore.sqlite3";

/// Applied in order; once shipped, a migration is never edited, only followed.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_spamscore.sql"),
    include_str!("migrations/0002_change.sql"),
];

/// Opens (creating when missing) the database in `data_dir`.
pub fn open(data_dir: &Path) -> Result<Connection, AppError> {
    Ok(cx_cache::open_database(
        &data_dir.join(FILE_NAME),
        MIGRATIONS,
    )?)
}

/// A failed statement, for the UI.
pub(crate) fn error(error: rusqlite::Error) -> AppError {
    AppError::new(
        ErrorCode::Database,
        format!("The Spam Score database could not be used: {error}."),
    )
}
