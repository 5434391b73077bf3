//! Without a D-Bus session there is no Secret Service: the error must say what to do. This
//! test changes the process environment, so it lives alone in its own test binary.

use cx_secrets::{Keyring, KeyringError, Secret};

#[test]
fn without_a_session_bus_the_keyring_error_says_what_is_missing() {
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/cx-no-bus",
    );

    let error = Keyring::new("cx-secrets-test-no-bus")
        .set("k", &Secret::new("v"))
        .unwrap_err();

    assert!(matches!(error, KeyringError::Unavailable(_)), "{error:?}");
    assert!(
        error.to_string().contains("Secret Service provider"),
        "{error}"
    );
}
