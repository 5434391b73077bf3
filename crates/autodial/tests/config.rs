//! The Config page's checks against the sandbox through a real Core (its keyring included, so
//! run under `scripts/lib.sh`'s `run_in_throwaway_desktop`): each field with its own message,
//! an endpoint picked for one customer refused for another, and a good configuration saved on
//! the install where the platform keeps it.

use cx_autodial::config::{self, CLI, CUSTOMER, ENDPOINT, SERVER};
use cx_testkit::{install, signed_in, start_sandbox, values, Platform, AUTONOMOUS_CALLING};

fn messages(errors: &[cx_core::FieldError]) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|e| (e.field.clone(), e.message.clone()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_missing_or_wrong_field_has_its_own_message() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "autodial-config").await;
    let typed = values(&[
        (CUSTOMER, ""),
        (SERVER, ""),
        (ENDPOINT, "10a1"),
        (CLI, "0207 183 8750"),
    ]);

    let errors = config::check(&test.core, &typed, false).await.unwrap();

    let fields: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
    assert_eq!(
        fields,
        vec!["customer_id", "server_alias", "cli", "extension"],
        "{errors:?}"
    );
    assert!(errors[2].message.contains("starting with +"));
    assert!(errors[3].message.contains("digits only"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endpoint_picked_for_another_customer_is_refused_but_the_same_number_typed_is_not() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "autodial-config").await;
    // Customer 1204 has a single extension, 1001; 1003 belongs to customer 1201 only.
    let typed = values(&[
        (CUSTOMER, "1204"),
        (SERVER, "lon-sbc-1"),
        (ENDPOINT, "1003"),
        (CLI, "+442071838750"),
    ]);

    let picked = config::check(&test.core, &typed, true).await.unwrap();
    let typed_in = config::check(&test.core, &typed, false).await.unwrap();

    assert_eq!(
        messages(&picked),
        vec![(
            "extension".to_owned(),
            "Extension 1003 is not one of this customer's; pick one from the list or type \
             another."
                .to_owned()
        )]
    );
    assert!(
        typed_in.is_empty(),
        "a typed extension is the operator's call: {typed_in:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_good_configuration_is_saved_on_the_install_trimmed() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "autodial-config").await;
    let installed = install(&test.core, AUTONOMOUS_CALLING, "Dialer East", "2.1.0").await;
    let typed = values(&[
        (CUSTOMER, "1201"),
        (SERVER, "lon-sbc-1"),
        (ENDPOINT, "1002"),
        (CLI, " +442071838750 "),
    ]);

    config::save(&test.core, &installed.id, typed, true)
        .await
        .unwrap();

    let stored = Platform::connect(&sandbox)
        .await
        .install(&installed.id)
        .await
        .expect("the install is on the platform");
    assert_eq!(
        stored.config.get("cli").map(String::as_str),
        Some("+442071838750")
    );
    assert_eq!(
        stored.config.get("extension").map(String::as_str),
        Some("1002")
    );
}
