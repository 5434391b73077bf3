//! The store's main job, as an administrator does it in the real window: find an app, read its
//! page, install the version before the latest under a name of their own, configure it,
//! upgrade it, remove it. A screenshot is saved at each step (`artifacts/screenshots/store-*`).

use serde_json::{json, Value};
use thirtyfour::prelude::*;

use crate::support::ui::{
    click, click_in, eventually, pick, saved_toast, shown, type_into, with_text,
};
use crate::support::App;

async fn installs(app: &App) -> Vec<Value> {
    let listed = app
        .invoke("installs_list", json!({}))
        .await
        .expect("installs_list answers");
    listed.as_array().cloned().unwrap_or_default()
}

const ROW: &str = "[data-testid=installed-row][data-install-name='Dialer East']";

#[tokio::test]
async fn an_admin_installs_an_older_version_under_their_own_name_configures_upgrades_and_removes_it(
) {
    let Some(app) = App::launch("store_flow").await else {
        return;
    };

    // The store, then a search.
    with_text(&app, "h1", |t| t == "Store").await;
    app.screenshot("store-01-store").await;
    let search = shown(&app, "[data-testid=store-search]").await;
    search.send_keys("autonomous").await.expect("type a search");
    let card = eventually("one search result", || async {
        let cards = app
            .driver()
            .find_all(By::Css("[data-testid=app-card]"))
            .await
            .ok()?;
        (cards.len() == 1)
            .then(|| cards.into_iter().next())
            .flatten()
    })
    .await;
    assert_eq!(
        card.attr("data-app-name").await.unwrap().as_deref(),
        Some("Autonomous Calling")
    );
    app.screenshot("store-02-search").await;

    // The app's page and its tabs.
    card.click().await.expect("open the app");
    with_text(&app, "h1", |t| t == "Autonomous Calling").await;
    app.screenshot("store-03-description").await;
    click(&app, "[data-testid=tab-versions]").await;
    let versions = with_text(&app, "main", |t| t.contains("1.0.0"))
        .await
        .text()
        .await
        .unwrap();
    let at = |version: &str| {
        versions
            .find(version)
            .unwrap_or_else(|| panic!("{version} listed:\n{versions}"))
    };
    assert!(
        at("2.1.0") < at("2.0.0") && at("2.0.0") < at("1.1.0") && at("1.1.0") < at("1.0.0"),
        "every version, newest first:\n{versions}"
    );
    app.screenshot("store-04-all-versions").await;
    click(&app, "[data-testid=tab-docs]").await;
    // A line of the app's own documentation template, found nowhere else on the page.
    with_text(&app, "main", |t| {
        t.contains("The extension that takes each answered call")
    })
    .await;
    app.screenshot("store-05-documentation").await;

    // Install the version before the latest under a custom name.
    click(&app, "[data-testid=install-button]").await;
    let name = shown(&app, "[data-testid=install-name]").await;
    assert_eq!(
        name.value().await.unwrap().as_deref(),
        Some("Autonomous Calling"),
        "defaults"
    );
    let version = shown(&app, "[data-testid=install-version]").await;
    assert_eq!(
        version.value().await.unwrap().as_deref(),
        Some("2.1.0"),
        "latest by default"
    );
    type_into(&name, "Dialer East").await;
    version
        .find(By::Css("option[value='2.0.0']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.screenshot("store-06-install-dialog").await;
    click(&app, "[data-testid=install-submit]").await;

    let row = with_text(&app, ROW, |t| t.contains("2.0.0")).await;
    assert!(
        row.text().await.unwrap().contains("Update available"),
        "2.1.0 is newer"
    );
    let listed = installs(&app).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0]["name"].as_str(), listed[0]["version"].as_str()),
        (Some("Dialer East"), Some("2.0.0"))
    );
    app.screenshot("store-07-installed").await;

    // Configure it: customer, server, extension of that customer, CLI.
    click_in(&row, "[data-testid=config-button]").await;
    pick(&app, "customer_id", "Northbridge Communications Ltd").await;
    pick(&app, "server_alias", "lon-sbc-1").await;
    pick(&app, "extension", "1001").await;
    type_into(
        &shown(&app, "[data-testid=config-field-cli]").await,
        "+442071234567",
    )
    .await;
    app.screenshot("store-08-config").await;
    click(&app, "[data-testid=config-save]").await;
    saved_toast(&app, "Saved the configuration").await;
    let values = installs(&app).await[0]["values"].clone();
    assert_eq!(
        values["customer_id"], "1201",
        "the customer's id, not its name, is saved"
    );
    assert_eq!(values["server_alias"], "lon-sbc-1");
    assert_eq!(values["extension"], "1001");
    assert_eq!(values["cli"], "+442071234567");
    app.screenshot("store-09-configured").await;

    // Upgrade to the latest, reading what it brings first.
    let row = shown(&app, ROW).await;
    click_in(&row, "[data-testid=change-version-button]").await;
    let select = shown(&app, "[data-testid=change-version-select]").await;
    select
        .find(By::Css("option[value='2.1.0']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    with_text(&app, "dialog[open]", |t| {
        t.contains("Upgrade") && t.contains("voicemail")
    })
    .await;
    app.screenshot("store-10-change-version").await;
    click(&app, "[data-testid=change-version-confirm]").await;
    let row = with_text(&app, ROW, |t| t.contains("2.1.0")).await;
    assert!(
        !row.text().await.unwrap().contains("Update available"),
        "now on the latest"
    );
    assert_eq!(
        installs(&app).await[0]["values"]["cli"],
        "+442071234567",
        "config kept"
    );
    app.screenshot("store-11-upgraded").await;

    // Remove it, after confirming.
    click_in(&row, "[data-testid=remove-button]").await;
    with_text(&app, "dialog[open]", |t| t.contains("Dialer East")).await;
    app.screenshot("store-12-remove-confirm").await;
    click(&app, "[data-testid=remove-confirm]").await;
    eventually("the row to go", || async {
        app.driver().find(By::Css(ROW)).await.is_err().then_some(())
    })
    .await;
    assert!(installs(&app).await.is_empty(), "nothing left installed");
    app.screenshot("store-13-removed").await;

    let info = app
        .invoke("app_info", json!({}))
        .await
        .expect("app_info answers");
    app.close().await;
    assert_no_credentials_under(info["data_dir"].as_str().unwrap());
    assert_no_credentials_under(info["log_dir"].as_str().unwrap());
}

/// Reads every file under `folder` (the database, its journal, the sandbox's state, the logs)
/// and fails if the sign-in password or any JWT (all start with the same encoded header)
/// was written there.
fn assert_no_credentials_under(folder: &str) {
    let mut pending = vec![std::path::PathBuf::from(folder)];
    let mut read = 0;
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            pending.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let bytes = std::fs::read(&path).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(cx_sandbox::DEMO_PASSWORD),
            "password in {}",
            path.display()
        );
        assert!(
            !text.contains("eyJhbGciOi"),
            "a token in {}",
            path.display()
        );
        read += 1;
    }
    assert!(read > 0, "{folder} holds the app's files");
}
