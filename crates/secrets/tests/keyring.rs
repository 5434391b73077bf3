//! The real OS keyring (Secret Service on Linux, run inside a private D-Bus session by the
//! test script). Each test files its entries under its own service name.

use cx_secrets::{Keyring, Secret};

fn keyring(test: &str) -> Keyring {
    Keyring::new(format!("cx-secrets-test-{test}-{}", std::process::id()))
}

#[test]
fn a_secret_stored_in_the_keyring_reads_back_and_deletes() {
    let keyring = keyring("roundtrip");
    let token = Secret::new("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2lnbmF0dXJl");

    keyring.set("profile:1:refresh-token", &token).unwrap();
    let read = keyring.get("profile:1:refresh-token").unwrap();
    keyring.delete("profile:1:refresh-token").unwrap();

    assert_eq!(read, Some(token));
    assert_eq!(
        keyring.get("profile:1:refresh-token").unwrap(),
        None,
        "deleted"
    );
}

#[test]
fn a_missing_entry_is_none_and_deleting_it_is_not_an_error() {
    let keyring = keyring("missing");

    assert_eq!(keyring.get("never-set").unwrap(), None);
    keyring.delete("never-set").unwrap();
}

#[test]
fn setting_again_replaces_the_value() {
    let keyring = keyring("replace");

    keyring.set("k", &Secret::new("first")).unwrap();
    keyring.set("k", &Secret::new("second")).unwrap();

    assert_eq!(keyring.get("k").unwrap().unwrap().expose(), "second");
    keyring.delete("k").unwrap();
}
