//! Click-2-Dial against the sandbox: per-customer keys in the keyring and on the platform,
//! rotation and revocation, extensions, test calls through the public `send` function.

use cx_calltools::clicktodial::{self, NewKey};
use cx_core::ErrorCode;
use cx_platform::PlatformError;
use cx_testkit::{install, install_secret_key, profile_id, signed_in, start_sandbox, Platform};
use cx_testkit::{TestCore, CLICK_2_DIAL};

/// Northbridge Communications Ltd and Harbour Lane Telecom, with their first extensions.
const NORTHBRIDGE: &str = "1201";
const SECOND: &str = "1202";

async fn add(test: &TestCore, install_id: &str, customer: &str) -> NewKey {
    clicktodial::add(&test.core, install_id, customer, "1001")
        .await
        .unwrap_or_else(|error| panic!("adding {customer}: {error:?}"))
}

#[tokio::test]
async fn click_2_dial_api_keys_a_rotated_key_stops_working_and_the_new_one_places_the_call() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "c2d-rotate").await;
    let platform = Platform::connect(&sandbox).await;
    let c2d = install(&test.core, CLICK_2_DIAL, "Web Calls", "1.2.0").await;

    let first = add(&test, &c2d.id, NORTHBRIDGE).await;
    let answer = platform
        .click_to_dial(&first.api_key, "+12025550147")
        .await
        .expect("the new key opens send");
    assert_eq!(answer["call_id"], "c2d-12025550147");

    let rotated = clicktodial::rotate(&test.core, &c2d.id, NORTHBRIDGE)
        .await
        .unwrap();
    assert_ne!(rotated.api_key, first.api_key);
    let old = platform.click_to_dial(&first.api_key, "+12025550147").await;
    assert!(
        matches!(old, Err(PlatformError::Forbidden(_))),
        "the rotated-out key is refused: {old:?}"
    );
    platform
        .click_to_dial(&rotated.api_key, "+12025550147")
        .await
        .expect("the new key works");
}

#[tokio::test]
async fn each_customer_has_its_own_key_and_revoking_one_leaves_the_other_working() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "c2d-revoke").await;
    let platform = Platform::connect(&sandbox).await;
    let c2d = install(&test.core, CLICK_2_DIAL, "Web Calls", "1.2.0").await;
    let north = add(&test, &c2d.id, NORTHBRIDGE).await;
    let second = add(&test, &c2d.id, SECOND).await;

    let view = clicktodial::revoke(&test.core, &c2d.id, NORTHBRIDGE)
        .await
        .unwrap();

    let customers: Vec<_> = view.rows.iter().map(|r| r.customer_id.as_str()).collect();
    assert_eq!(customers, [SECOND]);
    let revoked = platform.click_to_dial(&north.api_key, "+12025550147").await;
    assert!(
        matches!(revoked, Err(PlatformError::Forbidden(_))),
        "{revoked:?}"
    );
    platform
        .click_to_dial(&second.api_key, "+447400123456")
        .await
        .expect("the other customer's key still works");
}

#[tokio::test]
async fn the_keys_live_in_the_keyring_and_the_platform_never_shows_them() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "c2d-keyring").await;
    let platform = Platform::connect(&sandbox).await;
    let c2d = install(&test.core, CLICK_2_DIAL, "Web Calls", "1.2.0").await;
    let added = add(&test, &c2d.id, NORTHBRIDGE).await;

    let filed = test
        .keyring()
        .get(&install_secret_key(
            profile_id(&test.core),
            &c2d.id,
            "api_keys",
        ))
        .unwrap()
        .expect("the key map is in the keyring");
    assert!(filed.expose().contains(&added.api_key));
    let remote = platform.install(&c2d.id).await.unwrap();
    assert_eq!(
        remote.config["api_keys"], "********",
        "masked on the platform"
    );
    assert!(remote.config["customers"].contains(NORTHBRIDGE));
    assert!(!remote.config["customers"].contains(&added.api_key));
    let cache = std::fs::read(test.dir.path().join("cache.sqlite3")).unwrap();
    let needle = added.api_key.as_bytes();
    assert!(
        !cache.windows(needle.len()).any(|w| w == needle),
        "the key never reaches the local database"
    );
    assert!(
        !format!("{added:?}").contains(&added.api_key),
        "Debug output leaves the key out"
    );
    let row = &added.view.rows[0];
    assert_eq!(row.customer_name, "Northbridge Communications Ltd");
    assert!(row.has_key);
}

#[tokio::test]
async fn the_test_call_goes_through_send_and_answers_the_call() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "c2d-call").await;
    let c2d = install(&test.core, CLICK_2_DIAL, "Web Calls", "1.2.0").await;
    let added = add(&test, &c2d.id, NORTHBRIDGE).await;

    let placed = clicktodial::call(&test.core, &c2d.id, Some(NORTHBRIDGE), "+1 202-555-0147")
        .await
        .unwrap();

    assert_eq!(placed.phone, "+12025550147", "normalised to E.164");
    assert_eq!(placed.call_id.as_deref(), Some("c2d-12025550147"));
    let calls = sandbox.stats().script_calls;
    let last = calls.last().unwrap();
    assert_eq!(last.function, "send");
    assert_eq!(last.body["api_key"], added.api_key.as_str());
    assert!(added
        .view
        .endpoint
        .ends_with(&format!("scriptforge/{CLICK_2_DIAL}/main/send")));
    assert!(added.view.curl.contains(&added.view.endpoint));
}

#[tokio::test]
async fn send_is_public_an_outside_system_needs_only_the_key() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "c2d-public").await;
    let c2d = install(&test.core, CLICK_2_DIAL, "Web Calls", "1.2.0").await;
    let added = add(&test, &c2d.id, NORTHBRIDGE).await;

    let http = reqwest_free_post(&added.view.endpoint, &added.api_key).await;

    assert!(http.starts_with("HTTP/1.1 200"), "{http}");
    assert!(http.contains("c2d-12025550147"), "{http}");
}

/// A plain HTTP/1.1 POST over a TCP socket, with no Control Panel credentials at all.
async fn reqwest_free_post(endpoint: &str, key: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let url = url::Url::parse(endpoint).unwrap();
    let body = format!(r#"{{"api_key":"{key}","phone":"+12025550147"}}"#);
    let request = format!(
        "POST {} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        url.path(),
        body.len()
    );
    let address = format!("127.0.0.1:{}", url.port().unwrap());
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer
}

#[tokio::test]
async fn a_bad_extension_or_unknown_customer_is_refused_on_its_field_and_nothing_is_saved() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "c2d-validate").await;
    let c2d = install(&test.core, CLICK_2_DIAL, "Web Calls", "1.2.0").await;
    let puts_before = sandbox
        .stats()
        .requests_to(&format!("appstore/install/{}", c2d.id));

    let bad = clicktodial::add(&test.core, &c2d.id, NORTHBRIDGE, "10 01; drop")
        .await
        .unwrap_err();
    let unknown = clicktodial::add(&test.core, &c2d.id, "999999", "1001")
        .await
        .unwrap_err();

    assert_eq!(bad.code, ErrorCode::InvalidInput);
    assert_eq!(bad.fields[0].field, "extension");
    assert_eq!(unknown.fields[0].field, "customer_id");
    assert_eq!(
        sandbox
            .stats()
            .requests_to(&format!("appstore/install/{}", c2d.id)),
        puts_before,
        "nothing was written"
    );
    let typed = clicktodial::add(&test.core, &c2d.id, NORTHBRIDGE, "desk-7")
        .await
        .expect("a typed extension of the right form is accepted");
    assert_eq!(typed.view.rows[0].extension, "desk-7");
}

#[tokio::test]
async fn a_link_without_a_choice_uses_the_default_customer() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "c2d-default").await;
    let c2d = install(&test.core, CLICK_2_DIAL, "Web Calls", "1.2.0").await;
    add(&test, &c2d.id, NORTHBRIDGE).await;
    add(&test, &c2d.id, SECOND).await;

    let undecided = clicktodial::call(&test.core, &c2d.id, None, "+12025550147").await;
    assert_eq!(undecided.unwrap_err().code, ErrorCode::InvalidInput);
    let view = clicktodial::set_default(&test.core, &c2d.id, SECOND)
        .await
        .unwrap();
    assert!(view
        .rows
        .iter()
        .any(|r| r.customer_id == SECOND && r.is_default));

    let placed = clicktodial::call(&test.core, &c2d.id, None, "+12025550147")
        .await
        .unwrap();
    assert_eq!(placed.customer_id, SECOND);
}

#[tokio::test]
async fn an_older_version_keeps_one_row_and_rotating_it_still_replaces_the_key() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "c2d-single").await;
    let platform = Platform::connect(&sandbox).await;
    let c2d = install(&test.core, CLICK_2_DIAL, "Old Button", "1.1.0").await;
    let first = add(&test, &c2d.id, NORTHBRIDGE).await;
    assert!(!first.view.per_customer);

    let second = clicktodial::add(&test.core, &c2d.id, SECOND, "1001").await;
    assert_eq!(
        second.unwrap_err().code,
        ErrorCode::InvalidInput,
        "one row only"
    );
    let rotated = clicktodial::rotate(&test.core, &c2d.id, NORTHBRIDGE)
        .await
        .unwrap();

    let old = platform.click_to_dial(&first.api_key, "+12025550147").await;
    assert!(matches!(old, Err(PlatformError::Forbidden(_))), "{old:?}");
    platform
        .click_to_dial(&rotated.api_key, "+12025550147")
        .await
        .expect("the single key was replaced");
}
