use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use cx_cache::{Cache, CacheError, CachedAppPage, NewProfile, SCHEMA_VERSION};
use cx_platform::appstore::{AppSummary, AppVersion, Install};

fn sandbox_profile() -> NewProfile {
    NewProfile {
        name: "Sandbox".into(),
        base_url: "http://127.0.0.1:4010/api/cp/".into(),
        login: "demo@sandbox.connexcs.test".into(),
        is_sandbox: true,
    }
}

fn app(id: &str, name: &str) -> AppSummary {
    AppSummary {
        id: id.into(),
        name: name.into(),
        summary: format!("{name} does things"),
        category: "Dialer".into(),
        publisher: "ConnexCS".into(),
        latest_version: "2.1.0".into(),
        installs: 1532,
        updated_at: "2026-10-01 09:30:00".into(),
    }
}

fn install(id: &str, name: &str) -> Install {
    Install {
        id: id.into(),
        app_id: "101".into(),
        name: name.into(),
        version: "1.4.0".into(),
        config: BTreeMap::from([("cli".to_owned(), "+442071234567".to_owned())]),
        installed_at: "2026-11-02 10:00:00".into(),
        updated_at: "2026-11-02 10:00:00".into(),
    }
}

#[test]
fn a_fresh_database_is_created_at_the_latest_schema_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/cache.sqlite3");

    let cache = Cache::open(&path).unwrap();

    assert_eq!(cache.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(path.exists());
    assert!(
        dir.path().join("nested/cache.sqlite3-wal").exists(),
        "WAL journal expected"
    );
}

#[test]
fn catalogue_installs_and_pages_survive_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite3");
    let at = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
    let profile_id = {
        let mut cache = Cache::open(&path).unwrap();
        let profile = cache.save_profile(&sandbox_profile()).unwrap();
        cache.set_active_profile(profile.id).unwrap();
        cache
            .replace_catalogue(profile.id, &[app("101", "Zeta"), app("7", "alpha")], at)
            .unwrap();
        cache
            .replace_installs(profile.id, &[install("1", "Dialer East")], at)
            .unwrap();
        let page = CachedAppPage {
            app_id: "101".into(),
            description: "Dials.".into(),
            versions: vec![AppVersion {
                version: "2.1.0".into(),
                released_at: "2026-10-01 09:30:00".into(),
                release_notes: "- Faster".into(),
                config: vec![],
            }],
            documentation: Some("<h1>Docs</h1>".into()),
            owned: true,
            fetched_at: at,
        };
        cache.save_app_page(profile.id, &page).unwrap();
        profile.id
    };

    let cache = Cache::open(&path).unwrap();

    assert_eq!(cache.active_profile().unwrap().unwrap().name, "Sandbox");
    let names: Vec<_> = cache
        .catalogue(profile_id)
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(
        names,
        ["alpha", "Zeta"],
        "sorted by name, case-insensitively"
    );
    assert_eq!(
        cache.installs(profile_id).unwrap(),
        [install("1", "Dialer East")]
    );
    assert_eq!(cache.synced_at(profile_id, "catalogue").unwrap(), Some(at));
    let page = cache.app_page(profile_id, "101").unwrap().unwrap();
    assert!(page.owned);
    assert_eq!(page.versions[0].release_notes, "- Faster");
}

#[test]
fn a_database_of_the_previous_schema_is_upgraded_keeping_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite3");
    {
        let conn = cx_cache::create_at_version(&path, 1).unwrap();
        conn.execute(
            "INSERT INTO profile (name, base_url, login, is_sandbox, created_at)
             VALUES ('Production', 'https://app.connexcs.com/api/cp/', 'ops@example.com', 0,
                     '2026-01-01T00:00:00+00:00')",
            [],
        )
        .unwrap();
    }

    let cache = Cache::open(&path).unwrap();

    assert_eq!(cache.schema_version().unwrap(), SCHEMA_VERSION);
    let profiles = cache.profiles().unwrap();
    assert_eq!(profiles.len(), 1);
    assert_eq!(profiles[0].login, "ops@example.com");
    assert!(
        cache.app_page(profiles[0].id, "1").unwrap().is_none(),
        "new table usable"
    );
}

#[test]
fn a_database_from_a_newer_build_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite3");
    drop(Cache::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 5)
            .unwrap();
    }

    let error = Cache::open(&path).unwrap_err();

    assert!(matches!(error, CacheError::TooNew { found, .. } if found == SCHEMA_VERSION + 5));
    assert!(
        error.to_string().contains("newer version of this app"),
        "{error}"
    );
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(
        version,
        SCHEMA_VERSION + 5,
        "the newer database must not be rewritten"
    );
}

#[test]
fn two_processes_opening_a_new_database_at_once_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite3");

    let openers: Vec<_> = (0..4)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || Cache::open(&path).map(|c| c.schema_version().unwrap()))
        })
        .collect();

    for opener in openers {
        assert_eq!(opener.join().unwrap().unwrap(), SCHEMA_VERSION);
    }
}

#[test]
fn deleting_a_profile_removes_what_was_cached_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut cache = Cache::open(&dir.path().join("cache.sqlite3")).unwrap();
    let profile = cache.save_profile(&sandbox_profile()).unwrap();
    cache
        .replace_catalogue(profile.id, &[app("1", "One")], Utc::now())
        .unwrap();

    cache.delete_profile(profile.id).unwrap();

    assert!(cache.catalogue(profile.id).unwrap().is_empty());
    assert!(cache.profiles().unwrap().is_empty());
}

#[test]
fn a_profile_name_reused_for_another_account_starts_with_nothing_cached() {
    let dir = tempfile::tempdir().unwrap();
    let mut cache = Cache::open(&dir.path().join("cache.sqlite3")).unwrap();
    let mut first = sandbox_profile();
    first.is_sandbox = false;
    let old = cache.save_profile(&first).unwrap();
    cache
        .replace_installs(old.id, &[install("1", "Dialer East")], Utc::now())
        .unwrap();

    let same = cache.save_profile(&first).unwrap();
    let other = cache
        .save_profile(&NewProfile {
            login: "someone-else@example.com".into(),
            ..first
        })
        .unwrap();

    assert_eq!(same.id, old.id, "the same account keeps its profile");
    assert_eq!(
        cache.installs(other.id).unwrap(),
        [],
        "another account sees none of its installs"
    );
    assert_eq!(
        cache.installs(old.id).unwrap(),
        [],
        "and the old account's cache is gone"
    );
}

#[test]
fn a_feature_database_gets_its_own_schema_and_refuses_a_newer_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feature.sqlite3");
    let first: &[&str] = &["CREATE TABLE job (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"];
    let both: &[&str] = &[
        first[0],
        "ALTER TABLE job ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;",
    ];

    let conn = cx_cache::open_database(&path, first).unwrap();
    conn.execute("INSERT INTO job (name) VALUES ('kept')", [])
        .unwrap();
    drop(conn);

    let conn = cx_cache::open_database(&path, both).unwrap();
    let (name, paused): (String, i64) = conn
        .query_row("SELECT name, paused FROM job", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .unwrap();
    assert_eq!((name.as_str(), paused), ("kept", 0));
    drop(conn);

    let refused = cx_cache::open_database(&path, first).unwrap_err();
    assert!(
        matches!(
            refused,
            cx_cache::CacheError::TooNew {
                found: 2,
                supported: 1,
                ..
            }
        ),
        "{refused:?}"
    );
}
