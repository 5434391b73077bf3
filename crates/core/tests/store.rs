//! The store, app pages and installs, through the Core against a real sandbox on loopback, a
//! real SQLite file and the real OS keyring.

use crate::support;

use std::collections::BTreeMap;

use cx_core::models::{ChangeDirection, InstallRequest, StoreQuery};
use cx_core::{Core, ErrorCode, FieldKind};
use cx_platform::PlatformError;
use support::*;

fn query(text: &str) -> StoreQuery {
    StoreQuery {
        text: text.to_owned(),
        category: None,
    }
}

fn names(view: &cx_core::models::StoreView) -> Vec<&str> {
    view.apps
        .iter()
        .map(|card| card.app.name.as_str())
        .collect()
}

/// Values for Autonomous Calling's four `originate` fields, picked from the account's own
/// customers, servers and extensions as the Config dialog's pickers offer them.
async fn calling_values(core: &Core) -> BTreeMap<String, String> {
    let customers = core
        .field_options(FieldKind::Customer, None)
        .await
        .expect("customers load");
    let servers = core
        .field_options(FieldKind::Server, None)
        .await
        .expect("servers load");
    let mut picked = None;
    for customer in &customers {
        let extensions = core
            .field_options(FieldKind::SipUser, Some(customer.value.clone()))
            .await
            .expect("extensions load");
        if let Some(extension) = extensions.into_iter().next() {
            picked = Some((customer.value.clone(), extension.value));
            break;
        }
    }
    let (customer, extension) = picked.expect("some customer of the sandbox has an extension");
    values(&[
        ("customer_id", &customer),
        ("server_alias", &servers[0].value),
        ("extension", &extension),
        ("cli", "+12025550123"),
    ])
}

#[tokio::test]
async fn signing_in_to_the_sandbox_then_refreshing_lists_the_whole_catalogue() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "catalogue").await;

    let session = test.core.session().expect("signed in");
    let view = test.core.store(&StoreQuery::default()).unwrap();

    assert!(session.online, "the sandbox answered the sign-in");
    assert!(
        session.profile.is_sandbox,
        "sign_in_sandbox makes the sandbox profile"
    );
    assert_eq!(
        session.account_name.as_deref(),
        Some("Sandbox Telecom Ltd"),
        "the company comes from setup/account"
    );
    assert_eq!(view.total, 42, "the sandbox publishes 42 apps");
    assert_eq!(view.apps.len(), 42, "an empty query shows every app");
    let counts: Vec<(&str, u32)> = view
        .categories
        .iter()
        .map(|c| (c.name.as_str(), c.count))
        .collect();
    assert_eq!(
        counts,
        [
            ("CRM", 4),
            ("Dialer", 5),
            ("Fraud", 4),
            ("Numbers", 5),
            ("Payments", 4),
            ("Reporting", 4),
            ("Routing", 5),
            ("Utilities", 11),
        ],
        "every category of the seed, by name, with its size"
    );
    let owned: Vec<&str> = view
        .apps
        .iter()
        .filter(|card| card.owned)
        .map(|card| card.app.name.as_str())
        .collect();
    assert_eq!(
        owned,
        ["Balance Alerts"],
        "Balance Alerts is the account's only published app of its own (NOC Wallboard is not)"
    );
    assert!(
        view.apps.iter().all(|card| card.installed == 0),
        "the sandbox starts with no installs"
    );
    assert!(
        view.freshness.synced_at.is_some() && !view.freshness.offline,
        "the catalogue was just fetched: {:?}",
        view.freshness
    );
}

#[tokio::test]
async fn searching_ranks_names_that_start_with_the_text_then_names_that_contain_it() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "search").await;

    let call = test.core.store(&query("call")).unwrap();
    let dial = test.core.store(&query("dial")).unwrap();

    assert_eq!(
        names(&call)[..2],
        ["Call Recording Vault", "Autonomous Calling"],
        "a name starting with \"call\" comes before one merely containing it"
    );
    // No name in the seed starts with "dial", so the names containing it lead.
    assert_eq!(
        names(&dial)[..2],
        ["Click-2-Dial", "Predictive Dialer Lite"],
        "names containing \"dial\" come first, alphabetically"
    );
    assert!(
        names(&dial)[2..]
            .iter()
            .all(|name| !name.to_lowercase().contains("dial")),
        "the rest matched only on summary, publisher or category: {:?}",
        names(&dial)
    );
    assert!(
        names(&dial).contains(&"Autonomous Calling"),
        "its summary says \"Dial an uploaded list\""
    );
    assert_eq!(
        dial.total, 42,
        "the total counts the whole catalogue, not the hits"
    );
}

#[tokio::test]
async fn the_app_page_of_autonomous_calling_has_its_description_versions_and_documentation() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "page").await;

    let page = test.core.app_page(AUTONOMOUS_CALLING).await.unwrap();

    assert_eq!(page.app.name, "Autonomous Calling");
    assert!(
        page.description
            .starts_with("Autonomous Calling dials the numbers on an uploaded list"),
        "the description is the platform's plain text: {}",
        page.description
    );
    let versions: Vec<&str> = page.versions.iter().map(|v| v.version.as_str()).collect();
    assert_eq!(
        versions,
        ["2.1.0", "2.0.0", "1.1.0", "1.0.0"],
        "versions are newest first"
    );
    assert!(
        page.versions[1]
            .release_notes
            .contains("- New Max Calls per Second setting, 5 by default"),
        "each version carries its release notes: {}",
        page.versions[1].release_notes
    );
    let docs = page.documentation_html.expect("the app has documentation");
    assert!(
        docs.starts_with("<h1>Autonomous Calling</h1>"),
        "{{{{app_name}}}} is filled in: {docs}"
    );
    assert!(
        docs.contains("Version 2.1.0."),
        "{{{{version}}}} is the latest version"
    );
    assert!(
        !docs.contains("{{"),
        "no Handlebars expression is left unrendered"
    );
    assert!(
        !page.owned,
        "ConnexCS published it, not the signed-in account"
    );
    assert!(page.installs.is_empty(), "it is not installed yet");
    assert!(!page.freshness.offline, "the page was fetched just now");
}

#[tokio::test]
async fn installing_the_version_before_the_latest_under_a_custom_name_offers_an_update() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "install").await;
    let platform = Platform::connect(&sandbox).await;

    let installed = install(&test.core, AUTONOMOUS_CALLING, "  Dialer East ", "2.0.0").await;
    let installs = test.core.installs().await.unwrap();
    let card = test.core.store(&query("autonomous")).unwrap().apps[0].clone();

    assert_eq!(installed.name, "Dialer East", "the name is trimmed");
    assert_eq!(installs.len(), 1, "one install: {installs:?}");
    let listed = &installs[0];
    assert_eq!(listed.id, installed.id);
    assert_eq!(listed.name, "Dialer East");
    assert_eq!(listed.app_name, "Autonomous Calling");
    assert_eq!(
        listed.version, "2.0.0",
        "the version chosen, not the latest"
    );
    assert_eq!(listed.latest_version, "2.1.0");
    assert!(listed.update_available, "2.1.0 is newer than 2.0.0");
    let keys: Vec<&str> = listed.fields.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(
        keys,
        ["customer_id", "server_alias", "extension", "cli", "max_cps"],
        "the fields are those of 2.0.0"
    );
    assert_eq!(
        listed.missing,
        ["customer_id", "server_alias", "extension", "cli"],
        "the four required fields have no value yet; max_cps is optional"
    );
    assert_eq!(card.app.name, "Autonomous Calling");
    assert_eq!(card.installed, 1, "the store card counts the install");
    let remote = platform
        .install(&installed.id)
        .await
        .expect("on the sandbox");
    assert_eq!(
        (remote.name.as_str(), remote.version.as_str()),
        ("Dialer East", "2.0.0"),
        "the sandbox holds the install as asked"
    );
}

#[tokio::test]
async fn a_name_already_used_is_refused_as_a_conflict_and_nothing_is_installed() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "duplicate").await;
    install(&test.core, CLICK_2_DIAL, "Web Calls", "1.1.0").await;
    let posts_before = sandbox.stats().requests_by_endpoint["POST appstore/install"];

    for name in ["Web Calls", "web CALLS", "  Web Calls  "] {
        let error = test
            .core
            .install(InstallRequest {
                app_id: AUTONOMOUS_CALLING.to_owned(),
                name: name.to_owned(),
                version: "2.1.0".to_owned(),
            })
            .await
            .expect_err("the name is taken");

        assert_eq!(error.code, ErrorCode::Conflict, "{name:?}: {error:?}");
        assert_eq!(error.fields.len(), 1, "{error:?}");
        assert_eq!(
            error.fields[0].field, "name",
            "the form shows it on the name"
        );
        assert!(
            error.fields[0].message.contains("already installed"),
            "the message says why: {}",
            error.fields[0].message
        );
    }

    let platform = Platform::connect(&sandbox).await;
    assert_eq!(
        platform.installs().await.len(),
        1,
        "the sandbox still has only the first install"
    );
    assert_eq!(
        sandbox.stats().requests_by_endpoint["POST appstore/install"],
        posts_before,
        "the cached installs already show the clash, so no create is even sent"
    );
    assert_eq!(test.core.installs().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_name_taken_on_the_platform_behind_the_clients_back_is_also_a_conflict_on_name() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "conflict-remote").await;
    let platform = Platform::connect(&sandbox).await;
    cx_platform::appstore::install(&platform.client, YOCO, "Card Payments", "1.3.0")
        .await
        .expect("another client installs first");

    let error = test
        .core
        .install(InstallRequest {
            app_id: YOCO.to_owned(),
            name: "card payments".to_owned(),
            version: "1.3.0".to_owned(),
        })
        .await
        .expect_err("the platform answers 409");

    assert_eq!(error.code, ErrorCode::Conflict, "{error:?}");
    assert_eq!(error.fields[0].field, "name", "{error:?}");
    assert_eq!(
        platform.installs().await.len(),
        1,
        "nothing new was created"
    );
}

#[tokio::test]
async fn an_empty_or_blank_name_is_invalid_input_on_name() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "blank-name").await;

    for name in ["", "   ", "\t"] {
        let error = test
            .core
            .install(InstallRequest {
                app_id: YOCO.to_owned(),
                name: name.to_owned(),
                version: "1.3.0".to_owned(),
            })
            .await
            .expect_err("a name is needed");

        assert_eq!(error.code, ErrorCode::InvalidInput, "{name:?}: {error:?}");
        assert_eq!(error.fields[0].field, "name", "{error:?}");
        assert_eq!(error.fields[0].message, "Give the install a name.");
    }
    assert!(
        !sandbox
            .stats()
            .requests_by_endpoint
            .contains_key("POST appstore/install"),
        "nothing was sent to the platform"
    );
}

#[tokio::test]
async fn upgrading_then_rolling_back_keeps_the_values_of_the_fields_both_versions_have() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "versions").await;
    let platform = Platform::connect(&sandbox).await;
    let core = &test.core;
    let installed = install(core, AUTONOMOUS_CALLING, "Campaign Dialer", "1.1.0").await;
    let typed = calling_values(core).await;
    core.configure(&installed.id, typed.clone()).await.unwrap();

    let up = core
        .preview_version_change(&installed.id, "2.1.0")
        .await
        .unwrap();

    assert_eq!(up.direction, ChangeDirection::Upgrade);
    let passed: Vec<&str> = up.versions.iter().map(|v| v.version.as_str()).collect();
    assert_eq!(
        passed,
        ["2.1.0", "2.0.0"],
        "what the upgrade brings, newest first"
    );
    assert!(
        up.versions.iter().all(|v| !v.release_notes.is_empty()),
        "each carries its release notes"
    );
    assert_eq!(up.new_fields, ["max_cps"], "2.x adds Max Calls per Second");
    assert!(
        up.dropped_fields.is_empty(),
        "2.1.0 keeps every 1.1.0 field"
    );

    let upgraded = core.change_version(&installed.id, "2.1.0").await.unwrap();

    assert_eq!(upgraded.version, "2.1.0");
    assert!(!upgraded.update_available, "2.1.0 is the latest");
    assert_eq!(
        upgraded.values, typed,
        "the four values survive the upgrade"
    );
    let remote = platform.install(&installed.id).await.unwrap();
    assert_eq!(remote.version, "2.1.0", "the sandbox runs 2.1.0 now");
    assert_eq!(remote.config, typed, "the sandbox kept the values too");

    let mut with_cps = typed.clone();
    with_cps.insert("max_cps".into(), "10".into());
    core.configure(&installed.id, with_cps).await.unwrap();
    let down = core
        .preview_version_change(&installed.id, "1.0.0")
        .await
        .unwrap();

    assert_eq!(down.direction, ChangeDirection::Rollback);
    let undone: Vec<&str> = down.versions.iter().map(|v| v.version.as_str()).collect();
    assert_eq!(
        undone,
        ["2.1.0", "2.0.0", "1.1.0"],
        "what the rollback undoes"
    );
    assert_eq!(
        down.dropped_fields,
        ["max_cps"],
        "1.0.0 has no Max Calls per Second"
    );
    assert!(down.new_fields.is_empty());

    let rolled_back = core.change_version(&installed.id, "1.0.0").await.unwrap();

    assert_eq!(rolled_back.version, "1.0.0");
    assert!(rolled_back.update_available, "2.1.0 is newer again");
    assert_eq!(
        rolled_back.values, typed,
        "the kept fields' values survive; the dropped field's value is discarded"
    );
    let remote = platform.install(&installed.id).await.unwrap();
    assert_eq!(remote.version, "1.0.0");
    assert_eq!(
        remote.config, typed,
        "the platform was told to drop the value too, or it would come back on the next sync"
    );
    let listed = core.installs().await.unwrap();
    assert_eq!(
        listed[0].version, "1.0.0",
        "the cache agrees with the sandbox"
    );
}

#[tokio::test]
async fn removing_an_install_takes_it_off_the_account_and_its_secrets_out_of_the_keyring() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "remove").await;
    let platform = Platform::connect(&sandbox).await;
    let core = &test.core;
    let installed = install(core, CLICK_2_DIAL, "Website Button", "1.1.0").await;
    let mut typed = calling_values(core).await;
    typed.retain(|key, _| key == "customer_id" || key == "extension");
    typed.insert("api_key".into(), "c2d_key_Remove_Me_0042".into());
    core.configure(&installed.id, typed).await.unwrap();
    let key = install_secret_key(profile_id(core), &installed.id, "api_key");
    let filed = test.keyring().get(&key).unwrap();
    assert_eq!(
        filed.as_ref().map(|s| s.expose()),
        Some("c2d_key_Remove_Me_0042"),
        "configuring filed the key in the keyring first"
    );

    core.remove(&installed.id).await.unwrap();

    assert!(
        core.installs().await.unwrap().is_empty(),
        "gone from the installs"
    );
    assert!(
        platform.install(&installed.id).await.is_none(),
        "gone from the sandbox"
    );
    assert!(
        test.keyring().get(&key).unwrap().is_none(),
        "its API key is gone from the keyring"
    );
    assert_eq!(
        core.store(&query("click-2-dial")).unwrap().apps[0].installed,
        0,
        "the store card no longer counts it"
    );
    let call = platform
        .click_to_dial("c2d_key_Remove_Me_0042", "+12025550143")
        .await;
    assert!(
        matches!(call, Err(PlatformError::NotFound(_))),
        "the removed app's function no longer answers: {call:?}"
    );
}

#[tokio::test]
async fn each_kind_of_bad_config_value_is_reported_on_its_own_field_and_nothing_is_saved() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "validation").await;
    let platform = Platform::connect(&sandbox).await;
    let core = &test.core;
    let spam = install(core, SPAM_SCORE, "Spam Checks", "2.0.0").await;
    let calling = install(core, AUTONOMOUS_CALLING, "Outbound", "2.1.0").await;
    let yoco = install(core, YOCO, "Card Top-Ups", "1.3.0").await;
    let good_calling = calling_values(core).await;
    core.configure(&calling.id, good_calling.clone())
        .await
        .unwrap();
    let before = platform.installs().await;
    let requests_before = sandbox.stats().requests;

    let spam_error = core
        .configure(&spam.id, values(&[("cx_api_user", "ops at example.com")]))
        .await
        .unwrap_err();
    let mut bad_calling = good_calling.clone();
    bad_calling.insert("cli".into(), "020 7123 4567".into());
    bad_calling.remove("server_alias");
    let calling_error = core.configure(&calling.id, bad_calling).await.unwrap_err();
    let yoco_error = core
        .configure(
            &yoco.id,
            values(&[
                ("secret_key", "pk_test_0123456789abcdefgh"),
                ("surcharge_type", "fixed"),
                ("surcharge", "two rand"),
            ]),
        )
        .await
        .unwrap_err();

    let fields = |error: &cx_core::AppError| -> Vec<(String, String)> {
        assert_eq!(error.code, ErrorCode::InvalidInput, "{error:?}");
        error
            .fields
            .iter()
            .map(|f| (f.field.clone(), f.message.clone()))
            .collect()
    };
    let spam_fields = fields(&spam_error);
    assert_eq!(spam_fields.len(), 1, "{spam_fields:?}");
    assert_eq!(spam_fields[0].0, "cx_api_user");
    assert!(
        spam_fields[0].1.contains("e-mail address"),
        "{}",
        spam_fields[0].1
    );

    let calling_fields = fields(&calling_error);
    let keys: Vec<&str> = calling_fields.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        ["server_alias", "cli"],
        "in the order the fields are declared"
    );
    assert_eq!(calling_fields[0].1, "Outbound Server is required.");
    assert!(
        calling_fields[1].1.contains("international format"),
        "{}",
        calling_fields[1].1
    );

    let yoco_fields = fields(&yoco_error);
    let by_key: BTreeMap<&str, &str> = yoco_fields
        .iter()
        .map(|(k, m)| (k.as_str(), m.as_str()))
        .collect();
    assert_eq!(by_key.len(), 4, "four problems, one per field: {by_key:?}");
    assert_eq!(by_key["api_user"], "API User is required.");
    assert!(
        by_key["secret_key"].starts_with("A Yoco secret key starts sk_test_ or sk_live_"),
        "the app's own pattern message: {}",
        by_key["secret_key"]
    );
    assert_eq!(
        by_key["surcharge_type"],
        "Surcharge Type must be one of: Amount (ZAR), Percent."
    );
    assert!(
        by_key["surcharge"].contains("must be a number"),
        "{}",
        by_key["surcharge"]
    );
    assert!(
        !yoco_error.message.contains("pk_test_") && !format!("{yoco_error:?}").contains("pk_test_"),
        "a rejected secret is not echoed back: {yoco_error:?}"
    );

    assert_eq!(
        sandbox.stats().requests,
        requests_before,
        "a form with mistakes is never sent"
    );
    assert_eq!(
        platform.installs().await,
        before,
        "the sandbox's stored configs are unchanged"
    );
    let keyring = test.keyring();
    let secret = install_secret_key(profile_id(core), &yoco.id, "secret_key");
    assert!(
        keyring.get(&secret).unwrap().is_none(),
        "a rejected secret is not filed in the keyring"
    );
    let views = core.installs().await.unwrap();
    let outbound = views.iter().find(|v| v.id == calling.id).unwrap();
    assert_eq!(
        outbound.values, good_calling,
        "the saved values stay as they were"
    );
}

#[tokio::test]
async fn a_yoco_secret_key_goes_to_the_keyring_is_never_shown_and_survives_an_empty_field() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "yoco-secret").await;
    let platform = Platform::connect(&sandbox).await;
    let core = &test.core;
    let yoco = install(core, YOCO, "Card Top-Ups", "1.3.0").await;
    let users = core.field_options(FieldKind::User, None).await.unwrap();
    let api_user = users
        .iter()
        .find(|u| u.value == "yoco-api@sandbox.connexcs.test")
        .expect("the sandbox has a Yoco API user");
    let mut typed = values(&[
        ("api_user", &api_user.value),
        ("secret_key", YOCO_TEST_KEY),
        ("surcharge_type", "percent"),
        ("surcharge", "2.5"),
    ]);

    let view = core.configure(&yoco.id, typed.clone()).await.unwrap();

    let key = install_secret_key(profile_id(core), &yoco.id, "secret_key");
    let filed = test
        .keyring()
        .get(&key)
        .unwrap()
        .map(|s| s.expose().to_owned());
    assert_eq!(
        filed.as_deref(),
        Some(YOCO_TEST_KEY),
        "the key is in the keyring"
    );
    assert_eq!(
        view.secrets_saved,
        ["secret_key"],
        "the view says a key is saved"
    );
    assert!(
        !view.values.contains_key("secret_key"),
        "but not what it is"
    );
    assert!(view.missing.is_empty(), "every required field has a value");
    for shown in [
        format!("{view:?}"),
        serde_json::to_string(&view).unwrap(),
        format!("{:?}", core.installs().await.unwrap()),
    ] {
        assert!(
            !shown.contains(YOCO_TEST_KEY),
            "the value is never shown: {shown}"
        );
    }
    let remote = platform.install(&yoco.id).await.unwrap();
    assert_eq!(
        remote.config["secret_key"], "********",
        "the sandbox stores it (and masks it, as the platform does)"
    );

    typed.insert("secret_key".into(), String::new());
    typed.insert("surcharge".into(), "3".into());
    let again = core.configure(&yoco.id, typed).await.unwrap();

    assert_eq!(again.values["surcharge"], "3", "the other change was saved");
    assert_eq!(
        again.secrets_saved,
        ["secret_key"],
        "the key is still saved"
    );
    let kept = test
        .keyring()
        .get(&key)
        .unwrap()
        .map(|s| s.expose().to_owned());
    assert_eq!(
        kept.as_deref(),
        Some(YOCO_TEST_KEY),
        "an empty field keeps the key"
    );
    let remote = platform.install(&yoco.id).await.unwrap();
    assert_eq!(
        remote.config.get("secret_key").map(String::as_str),
        Some("********"),
        "the sandbox still holds a key"
    );
    assert_eq!(remote.config["surcharge"], "3");
}

#[tokio::test]
async fn a_click_2_dial_key_left_empty_on_reconfiguring_still_opens_the_send_function() {
    let sandbox = start_sandbox().await;
    let test = signed_in(&sandbox, "c2d-secret").await;
    let platform = Platform::connect(&sandbox).await;
    let core = &test.core;
    let c2d = install(core, CLICK_2_DIAL, "CRM Button", "1.1.0").await;
    let mut typed = calling_values(core).await;
    typed.retain(|key, _| key == "customer_id" || key == "extension");
    typed.insert("api_key".into(), "c2d_Original_Key_7731".into());
    core.configure(&c2d.id, typed.clone()).await.unwrap();

    typed.insert("api_key".into(), "  ".into());
    let again = core.configure(&c2d.id, typed).await.unwrap();

    assert_eq!(again.secrets_saved, ["api_key"]);
    let answer = platform
        .click_to_dial("c2d_Original_Key_7731", "+12025550143")
        .await
        .expect("the original key still opens send, so the sandbox kept it");
    assert_eq!(answer["call_id"], "c2d-12025550143", "the call was placed");
    let wrong = platform.click_to_dial("********", "+12025550143").await;
    assert!(
        matches!(wrong, Err(PlatformError::Forbidden(_))),
        "the mask itself was not stored as the key: {wrong:?}"
    );
}
