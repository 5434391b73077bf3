//! Numbered migrations, embedded in the binary. The schema version is `PRAGMA user_version`.
//!
//! Each migration runs in its own `BEGIN IMMEDIATE` transaction that re-reads the version
//! first, so two processes starting at once on a new file cannot both apply the same step.
//! (A general migration crate was tried and read the version outside its transaction, which
//! loses exactly that race.) Once shipped, a migration is never edited, only followed.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use crate::CacheError;

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_profiles_catalogue_installs.sql"),
    include_str!("migrations/0002_app_pages.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), CacheError> {
    migrate_up_to(conn, path, SCHEMA_VERSION)
}

fn migrate_up_to(conn: &mut Connection, path: &Path, target: i64) -> Result<(), CacheError> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(CacheError::TooNew {
                path: path.to_owned(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        if found < 0 {
            return Err(CacheError::Corrupt(format!("schema version {found}")));
        }
        if found >= target {
            return Ok(());
        }

        tracing::info!(from = found, to = found + 1, "migrating the local database");
        tx.execute_batch(MIGRATIONS[found as usize])?;
        tx.pragma_update(None, "user_version", found + 1)?;
        tx.commit()?;
    }
}

/// Creates a database at an older schema version, as an older build would have left it; for
/// the upgrade tests only.
#[doc(hidden)]
pub fn create_at_version(path: &Path, version: i64) -> Result<Connection, CacheError> {
    let mut conn = Connection::open(path)?;
    migrate_up_to(&mut conn, path, version)?;
    Ok(conn)
}
