//! This feature's own SQLite file and its numbered migrations (see `cx_cache::open_database`).

use std::path::Path;

use rusqlite::Connection;

/// The file, in the app's data folder.
pub const FILE_NAME: &str = "autodial.sqlite3";

/// Applied in order; once shipped, a migration is never edited, only followed.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_lists.sql"),
    include_str!("migrations/0002_jobs.sql"),
    include_str!("migrations/0003_one_live_job_per_list.sql"),
];

/// Opens (creating when missing) the feature's database in `data_dir`.
pub fn open(data_dir: &Path) -> Result<Connection, cx_cache::CacheError> {
    cx_cache::open_database(&data_dir.join(FILE_NAME), MIGRATIONS)
}
