//! Secrets live only in the OS keyring: not in the SQLite cache (nor its journal), and not in
//! anything the Core prints or answers.

use crate::support;

use std::path::Path;

use cx_core::models::{InstallRequest, StoreQuery};
use cx_core::{Core, Secret};
use cx_sandbox::DEMO_PASSWORD;
use support::*;

/// Every file under `dir`, with its bytes, subfolders included.
fn read_all_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("the data folder is readable") {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(read_all_files(&path));
        } else {
            let bytes = std::fs::read(&path).expect("a cache file is readable");
            files.push((path.display().to_string(), bytes));
        }
    }
    files
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

/// Asserts that none of `needles` (name, value) appears in any file under `dir`.
fn assert_no_file_holds(dir: &Path, needles: &[(&str, &str)], when: &str) {
    let files = read_all_files(dir);
    assert!(
        files
            .iter()
            .any(|(name, _)| name.ends_with("cache.sqlite3")),
        "{when}: the cache file is among those read: {:?}",
        files.iter().map(|(name, _)| name).collect::<Vec<_>>()
    );
    for (file, bytes) in &files {
        for (what, needle) in needles {
            assert!(
                !contains(bytes, needle),
                "{when}: the {what} was written to {file}"
            );
        }
    }
}

/// Asserts that none of `needles` appears in `text`, a printed value named `what`.
fn assert_not_printed(what: &str, text: &str, needles: &[(&str, &str)]) {
    for (name, needle) in needles {
        assert!(!text.contains(needle), "the {name} shows in {what}: {text}");
    }
}

/// Provokes the errors a user is likely to meet along the way, for their Debug output.
async fn provoke_errors(core: &Core, sandbox_url: &str, yoco_id: &str) -> Vec<String> {
    let bad_password = core
        .sign_in(
            cx_core::AccountForm {
                name: "Production".into(),
                base_url: sandbox_url.into(),
                login: cx_sandbox::DEMO_LOGIN.into(),
            },
            Secret::new("not-the-password-31337"),
        )
        .await
        .expect_err("a wrong password is refused");
    let bad_key = core
        .configure(yoco_id, values(&[("secret_key", "sk_test_tooShort")]))
        .await
        .expect_err("a key not matching the pattern is refused");
    let taken = core
        .install(InstallRequest {
            app_id: YOCO.into(),
            name: "Card Top-Ups".into(),
            version: "1.3.0".into(),
        })
        .await
        .expect_err("the name is taken");
    [bad_password, bad_key, taken]
        .iter()
        .map(|error| format!("{error:?} {error}"))
        .collect()
}

#[tokio::test]
async fn no_password_token_or_app_secret_reaches_the_cache_files_or_any_printed_value() {
    let sandbox = start_sandbox().await;
    let TestCore { core, dir, service } = TestCore::new("secrets-scan");
    let session = core
        .sign_in(
            account_form(&sandbox, "Production"),
            Secret::new(DEMO_PASSWORD),
        )
        .await
        .unwrap();
    core.refresh_store(&StoreQuery::default()).await.unwrap();
    let yoco = install(&core, YOCO, "Card Top-Ups", "1.3.0").await;
    let configured = core
        .configure(
            &yoco.id,
            values(&[
                ("api_user", "yoco-api@sandbox.connexcs.test"),
                ("secret_key", YOCO_TEST_KEY),
                ("surcharge_type", "amount"),
                ("surcharge", "5"),
            ]),
        )
        .await
        .unwrap();
    core.app_page(YOCO).await.unwrap();

    let keyring = cx_secrets::Keyring::new(service);
    let refresh = keyring
        .get(&refresh_token_key(session.profile.id))
        .unwrap()
        .expect("the refresh token is in the keyring");
    let refresh = refresh.expose().to_owned();
    let parts: Vec<&str> = refresh.split('.').collect();
    assert_eq!(parts.len(), 3, "the refresh token is a JWT");
    // Access tokens are never handed out by the Core, but they share the refresh token's
    // header: finding no JWT header anywhere rules them out too.
    let jwt_header = format!("{}.", parts[0]);
    let needles = [
        ("password", DEMO_PASSWORD),
        ("refresh token", refresh.as_str()),
        ("refresh token's signature", parts[2]),
        (
            "header of a JWT (access or refresh token)",
            jwt_header.as_str(),
        ),
        ("Yoco secret key", YOCO_TEST_KEY),
    ];

    assert_no_file_holds(dir.path(), &needles, "while the Core is open");

    let printed = [
        ("the session view", format!("{session:?}")),
        ("the session", format!("{:?}", core.session())),
        ("the configured install", format!("{configured:?}")),
        (
            "the installs",
            format!("{:?}", core.installs().await.unwrap()),
        ),
        (
            "the installs as JSON",
            serde_json::to_string(&core.installs().await.unwrap()).unwrap(),
        ),
        ("the profiles", format!("{:?}", core.profiles().unwrap())),
    ];
    for (what, text) in &printed {
        assert_not_printed(what, text, &needles);
    }
    for error in provoke_errors(&core, &sandbox.base_url(), &yoco.id).await {
        assert_not_printed("an error", &error, &needles);
        assert_not_printed(
            "an error",
            &error,
            &[
                ("wrong password", "not-the-password-31337"),
                ("rejected key", "sk_test_tooShort"),
            ],
        );
    }

    sandbox.shutdown().await;
    let offline = core
        .install(InstallRequest {
            app_id: YOCO.into(),
            name: "Second Till".into(),
            version: "1.3.0".into(),
        })
        .await
        .expect_err("the sandbox is gone");
    assert_not_printed("the offline error", &format!("{offline:?}"), &needles);
    drop(core);

    assert_no_file_holds(dir.path(), &needles, "after the Core closed the database");
}
