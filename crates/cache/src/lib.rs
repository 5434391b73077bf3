//! The local cache: a SQLite file on disk holding account profiles, the store's catalogue,
//! app pages and installs, so the app starts instantly and stays browsable offline.
//!
//! The schema is built by numbered migrations embedded in the binary ([`schema`]); its version
//! is `PRAGMA user_version`. A database written by a newer build is refused, never touched.

mod catalogue;
mod installs;
mod pages;
mod profiles;
mod schema;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

pub use pages::CachedAppPage;
pub use profiles::{NewProfile, Profile};
pub use schema::{create_at_version, SCHEMA_VERSION};

#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error(
        "the local database {path} was written by a newer version of this app (schema {found}, \
         this build knows up to {supported}); update the app, or move the file aside to start \
         afresh"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("the local database {path} could not be opened: {reason}")]
    Open { path: PathBuf, reason: String },
    #[error("the local database failed: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("the local database holds a record this build cannot read: {0}")]
    Corrupt(String),
}

/// One open connection to the cache file.
pub struct Cache {
    conn: Connection,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("path", &self.conn.path())
            .finish()
    }
}

impl Cache {
    /// Opens (creating when missing) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, CacheError> {
        let mut conn = connect(path)?;
        schema::migrate(&mut conn, path)?;
        Ok(Self { conn })
    }

    /// The version of the schema the open database is at.
    pub fn schema_version(&self) -> Result<i64, CacheError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    /// When `what` (`catalogue`, `installs`) was last fetched for the profile.
    pub fn synced_at(
        &self,
        profile_id: i64,
        what: &str,
    ) -> Result<Option<DateTime<Utc>>, CacheError> {
        let text: Option<String> = self
            .conn
            .query_row(
                "SELECT synced_at FROM sync WHERE profile_id = ?1 AND what = ?2",
                (profile_id, what),
                |row| row.get(0),
            )
            .optional()?;
        text.map(|text| parse_time(&text)).transpose()
    }

    fn mark_synced(
        tx: &rusqlite::Transaction<'_>,
        profile_id: i64,
        what: &str,
        at: DateTime<Utc>,
    ) -> Result<(), CacheError> {
        tx.execute(
            "INSERT INTO sync (profile_id, what, synced_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (profile_id, what) DO UPDATE SET synced_at = excluded.synced_at",
            (profile_id, what, at.to_rfc3339()),
        )?;
        Ok(())
    }
}

fn parse_time(text: &str) -> Result<DateTime<Utc>, CacheError> {
    DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|_| CacheError::Corrupt(format!("a time \"{text}\"")))
}

/// Opens (creating when missing) the SQLite file at `path` the way every file of the app is
/// opened (WAL, foreign keys on, a busy timeout) and brings it to the last of `migrations`.
///
/// A feature that keeps its own records (dial jobs, payments, purchased routes) owns its own
/// file and its own numbered list, so its schema moves independently of the cache's. A file
/// whose schema is newer than `migrations` knows is refused with [`CacheError::TooNew`].
pub fn open_database(path: &Path, migrations: &[&str]) -> Result<Connection, CacheError> {
    let mut conn = connect(path)?;
    schema::migrate_with(&mut conn, path, migrations)?;
    Ok(conn)
}

fn connect(path: &Path) -> Result<Connection, CacheError> {
    let open_error = |reason: String| CacheError::Open {
        path: path.to_owned(),
        reason,
    };
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|error| open_error(error.to_string()))?;
    }
    let conn = Connection::open(path).map_err(|error| open_error(error.to_string()))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    enter_wal_mode(&conn)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(conn)
}

/// Switches the database to WAL. The switch reads, then needs the file to itself; when
/// another process opening the same new file holds a lock meanwhile, SQLite answers "busy"
/// at once rather than calling the busy handler (waiting could deadlock), so the switch is
/// retried here until the busy timeout would have run out.
fn enter_wal_mode(conn: &Connection) -> Result<(), CacheError> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(rusqlite::Error::SqliteFailure(error, _))
                if error.code == rusqlite::ErrorCode::DatabaseBusy
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            result => return Ok(result?),
        }
    }
}
