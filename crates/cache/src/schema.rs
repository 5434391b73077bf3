//! Numbered migrations, embedded in the binary. The schema version is `PRAGMA user_version`.
//!
//! The same machinery serves every SQLite file of the app: the cache here, and each feature's
//! own file (dial jobs, payments, routes) through [`open_database`] with that feature's list.
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
    migrate_up_to(conn, path, MIGRATIONS, SCHEMA_VERSION)
}

/// Brings `conn` up to the last of `migrations` (each one SQL batch, applied in order).
pub(crate) fn migrate_with(
    conn: &mut Connection,
    path: &Path,
    migrations: &[&str],
) -> Result<(), CacheError> {
    migrate_up_to(conn, path, migrations, migrations.len() as i64)
}

fn migrate_up_to(
    conn: &mut Connection,
    path: &Path,
    migrations: &[&str],
    target: i64,
) -> Result<(), CacheError> {
    let supported = migrations.len() as i64;
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if found > supported {
            return Err(CacheError::TooNew {
                path: path.to_owned(),
                found,
                supported,
            });
        }
        if found < 0 {
            return Err(CacheError::Corrupt(format!("schema version {found}")));
        }
        if found >= target {
            return Ok(());
        }

        tracing::info!(from = found, to = found + 1, "migrating the local database");
        tx.execute_batch(migrations[found as usize])?;
        tx.pragma_update(None, "user_version", found + 1)?;
        tx.commit()?;
    }
}

/// Creates a database at an older schema version, as an older build would have left it; for
/// the upgrade tests only.
#[doc(hidden)]
pub fn create_at_version(path: &Path, version: i64) -> Result<Connection, CacheError> {
    let mut conn = Connection::open(path)?;
    migrate_up_to(&mut conn, path, MIGRATIONS, version)?;
    Ok(conn)
}
