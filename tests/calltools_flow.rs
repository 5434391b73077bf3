//! Click-2-Dial and DID Spam Score as an administrator uses them in the real window: add a
//! customer and copy its key, place a test call, open phone links; set the API user, select
//! DIDs, run Spam Score twice, read the results, the chart and the history. A screenshot is
//! saved at each step (`artifacts/screenshots/calltools-*`).

use serde_json::json;
use thirtyfour::prelude::*;

use crate::support::ui::{
    click, eventually, pick, saved_toast, set_hash, shown, type_into, with_text,
};
use crate::support::App;

const CLICK_2_DIAL: &str = "5b0e8c1d-2f4a-4c9e-9a57-3d61f0b7c2e4";
const SPAM_SCORE: &str = "1042";

async fn install(app: &App, app_id: &str, name: &str, version: &str) -> String {
    let request = json!({"request": {"app_id": app_id, "name": name, "version": version}});
    let made = app
        .invoke("install_app", request)
        .await
        .expect("install_app answers");
    made["id"].as_str().expect("an install id").to_owned()
}

/// Opens the Installed list and waits for the install's row, pressing Reload while it is
/// missing (the install was made over IPC, so a list loaded just before may not have it).
async fn installed_row(app: &App, name: &str) -> WebElement {
    set_hash(app, "#/installed").await;
    let css = format!("[data-testid=installed-row][data-install-name='{name}']");
    eventually(&css, || async {
        if let Ok(row) = app.driver().find(By::Css(&css)).await {
            if row.is_displayed().await.unwrap_or(false) {
                return Some(row);
            }
        }
        let reload = app
            .driver()
            .find(By::XPath("//button[contains(., 'Reload')]"))
            .await;
        if let Ok(button) = reload {
            button.click().await.ok();
        }
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        None
    })
    .await
}

#[tokio::test]
async fn an_admin_adds_a_click_2_dial_key_test_calls_and_runs_spam_score_with_a_chart() {
    let Some(app) = App::launch("calltools_flow").await else {
        return;
    };
    with_text(&app, "h1", |t| t == "Store").await;
    click_to_dial(&app).await;
    spam_score(&app).await;
    app.close().await;
}

async fn click_to_dial(app: &App) {
    install(app, CLICK_2_DIAL, "Web Calls", "1.2.0").await;

    // The store's Config button of a Click-2-Dial install opens its customers table.
    let row = installed_row(app, "Web Calls").await;
    app.screenshot("calltools-00-installed").await;
    row.find(By::Css("[data-testid=config-button]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    shown(app, "[data-testid=c2d-config]").await;
    with_text(app, "[data-testid=c2d-config]", |t| {
        t.contains("No customers yet")
    })
    .await;
    app.screenshot("calltools-01-c2d-empty").await;

    // + Add: a customer and one of its extensions; the key is shown once, then copied.
    click(app, "[data-testid=c2d-add]").await;
    pick(app, "customer_id", "Northbridge Communications Ltd").await;
    pick(app, "extension", "1001").await;
    app.screenshot("calltools-02-c2d-add").await;
    click(app, "[data-testid=c2d-add-submit]").await;
    let key = shown(app, "[data-testid=c2d-key-value]")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(key.len(), 32, "{key}");
    assert!(
        key.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'),
        "{key}"
    );
    click(app, "[data-testid=c2d-copy-key]").await;
    with_text(app, "[data-testid=c2d-copy-key]", |t| t.contains("Copied")).await;
    app.screenshot("calltools-03-c2d-key-once").await;
    click(app, "[data-testid=c2d-key-done]").await;
    let table = with_text(app, "[data-testid=c2d-rows]", |t| {
        t.contains("Northbridge Communications Ltd") && t.contains("Saved in the keyring")
    })
    .await;
    assert!(
        !table.text().await.unwrap().contains(&key),
        "the key is not shown again"
    );
    app.screenshot("calltools-04-c2d-table").await;

    // Rotate (confirmed): a new key, shown once; Revoke asks first too (cancelled here).
    click(app, "[data-testid=c2d-rotate]").await;
    with_text(app, "[data-testid=c2d-confirm]", |t| {
        t.contains("stops working")
    })
    .await;
    app.screenshot("calltools-04b-c2d-rotate-confirm").await;
    click(app, "[data-testid=c2d-confirm-submit]").await;
    let rotated = shown(app, "[data-testid=c2d-key-value]")
        .await
        .text()
        .await
        .unwrap();
    assert_ne!(rotated, key, "a new key");
    click(app, "[data-testid=c2d-key-done]").await;
    click(app, "[data-testid=c2d-revoke]").await;
    with_text(app, "[data-testid=c2d-confirm]", |t| {
        t.contains("refused from now on")
    })
    .await;
    app.screenshot("calltools-04c-c2d-revoke-confirm").await;
    click(app, "[data-testid=c2d-confirm] .dialog-footer button").await;

    // Usage: the endpoint and a test call through it.
    click(app, "[data-testid=page-tab-usage]").await;
    let curl = shown(app, "[data-testid=c2d-curl]")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        curl.contains(&format!("scriptforge/{CLICK_2_DIAL}/main/send")),
        "{curl}"
    );
    type_into(
        &shown(app, "[data-testid=c2d-test-phone]").await,
        "+1 202-555-0147",
    )
    .await;
    click(app, "[data-testid=c2d-test-call]").await;
    with_text(app, "[data-testid=c2d-test-result]", |t| {
        t.contains("Call placed to +12025550147") && t.contains("extension 1001")
    })
    .await;
    app.screenshot("calltools-05-c2d-test-call").await;

    // Phone links, as the desktop hands them over: a hostile one is refused, a real one dials.
    let link = shown(app, "[data-testid=c2d-link-input]").await;
    type_into(&link, "tel:javascript:alert(1)").await;
    click(app, "[data-testid=c2d-link-open]").await;
    with_text(app, "[data-testid=link-refused]", |t| {
        t.contains("not a phone number")
    })
    .await;
    app.screenshot("calltools-06-link-refused").await;
    click(app, "[data-testid=link-refused] button[type=submit]").await;
    set_hash(app, "#/installed").await;
    app.invoke(
        "clicktodial_open_link",
        json!({"link": "tel:%2B12025550147"}),
    )
    .await
    .expect("the link is handed over");
    with_text(app, "[data-testid=link-call]", |t| {
        t.contains("Call +12025550147")
    })
    .await;
    app.screenshot("calltools-07-link-call").await;
    click(app, "[data-testid=link-call-submit]").await;
    with_text(app, "[data-testid=link-call-result]", |t| {
        t.contains("Call placed")
    })
    .await;
    click(app, "[data-testid=link-call] .dialog-footer button").await;

    // A link clicked elsewhere while the app runs: the desktop starts the app again with the
    // link; that second launch hands it to this window and exits.
    let binary = std::env::var("CX_APPSTORE_E2E_BINARY").expect("the binary under test");
    let mut second = std::process::Command::new(binary)
        .arg("callto:+447400123456")
        .spawn()
        .expect("start a second instance");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let exited = loop {
        if let Some(status) = second.try_wait().expect("poll the second launch") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = second.kill();
            panic!("the second launch did not exit: it ran as an app of its own");
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert!(
        exited.success(),
        "the second launch exits cleanly: {exited}"
    );
    with_text(app, "[data-testid=link-call]", |t| {
        t.contains("Call +447400123456")
    })
    .await;
    app.screenshot("calltools-07b-link-from-second-launch")
        .await;
    click(app, "[data-testid=link-call] .dialog-footer button").await;
}

async fn spam_score(app: &App) {
    install(app, SPAM_SCORE, "Spam Checks", "2.0.0").await;
    installed_row(app, "Spam Checks").await;
    let id = eventually("the install id", || async {
        let listed = app.invoke("installs_list", json!({})).await.ok()?;
        listed
            .as_array()?
            .iter()
            .find(|i| i["name"] == "Spam Checks")?["id"]
            .as_str()
            .map(str::to_owned)
    })
    .await;

    // Settings: the API user the app signs in as.
    set_hash(app, &format!("#/install/{id}/settings")).await;
    type_into(
        &shown(app, "[data-testid=spam-api-user]").await,
        "api@sandbox.connexcs.test",
    )
    .await;
    click(app, "[data-testid=spam-api-user-save]").await;
    saved_toast(app, "Saved the API user").await;
    app.screenshot("calltools-08-spam-settings").await;

    // DIDs: filter to Northbridge's numbers, select three, run, confirm.
    click(app, "[data-testid=page-tab-dids]").await;
    shown(app, "[data-testid=spam-did-row]").await;
    app.screenshot("calltools-09-spam-dids").await;
    let boxes = app
        .driver()
        .find_all(By::Css("[data-testid=spam-select]"))
        .await
        .unwrap();
    for checkbox in boxes.iter().take(3) {
        checkbox.click().await.unwrap();
    }
    with_text(app, "[data-testid=spam-selected-count]", |t| {
        t == "3 selected"
    })
    .await;
    click(app, "[data-testid=spam-run]").await;
    with_text(app, "[data-testid=spam-run-count]", |t| {
        t.starts_with("3 DIDs will be checked")
    })
    .await;
    type_into(
        &shown(app, "[data-testid=spam-run-email]").await,
        "noc@example.com",
    )
    .await;
    app.screenshot("calltools-10-spam-confirm").await;
    click(app, "[data-testid=spam-run-confirm]").await;
    let results = with_text(app, "[data-testid=spam-results-table]", |t| {
        t.contains("+12025550100") && t.contains("+12025550102")
    })
    .await;
    let rows = results
        .find_all(By::Css("[data-testid=spam-result]"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 3);
    app.screenshot("calltools-11-spam-results").await;

    // Again, so the chart has two points and the change shows.
    click(app, "[data-testid=spam-run]").await;
    let email = shown(app, "[data-testid=spam-run-email]").await;
    eventually("the remembered address", || async {
        (email.value().await.ok()??.as_str() == "noc@example.com").then_some(())
    })
    .await;
    click(app, "[data-testid=spam-run-confirm]").await;
    eventually("the second run to end", || async {
        let open = app
            .driver()
            .find(By::Css("[data-testid=spam-run-dialog]"))
            .await;
        open.is_err().then_some(())
    })
    .await;
    click(
        app,
        "[data-testid=spam-result] [data-testid=spam-chart-button]",
    )
    .await;
    let points = eventually("two points on the chart", || async {
        let found = app
            .driver()
            .find_all(By::Css("[data-testid=spam-chart-point]"))
            .await
            .ok()?;
        (found.len() == 2).then_some(found.len())
    })
    .await;
    assert_eq!(points, 2);
    app.screenshot("calltools-12-spam-chart").await;
    click(app, "[data-testid=spam-chart-dialog] button[type=submit]").await;

    // History, exported as CSV.
    set_hash(app, &format!("#/install/{id}/history")).await;
    let history = shown(app, "[data-testid=spam-history-table]").await;
    let kept = history
        .find_all(By::Css("[data-testid=spam-result]"))
        .await
        .unwrap();
    assert_eq!(kept.len(), 6, "two runs of three DIDs");
    click(app, "[data-testid=spam-export]").await;
    let saved = with_text(app, "[data-testid=spam-exported]", |t| t.contains(".csv")).await;
    let text = saved.text().await.unwrap();
    let path = text.trim_start_matches("Saved ").trim();
    let csv = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    assert_eq!(csv.lines().count(), 7, "{csv}");
    app.screenshot("calltools-13-spam-history").await;

    // Without the package: said so, and the Spam Score button is off.
    package_knob(app, false).await;
    set_hash(app, "#/installed").await;
    set_hash(app, &format!("#/install/{id}/dids")).await;
    with_text(app, "[data-testid=spam-package-missing]", |t| {
        t.contains("not on this account") && t.contains("nothing has been charged")
    })
    .await;
    click(app, "[data-testid=spam-select]").await;
    with_text(app, "[data-testid=spam-selected-count]", |t| {
        t == "1 selected"
    })
    .await;
    let run = shown(app, "[data-testid=spam-run]").await;
    assert!(
        !run.is_enabled().await.unwrap(),
        "no run without the package"
    );
    app.screenshot("calltools-14-spam-no-package").await;
}

/// Takes the Spam Score package off the built-in sandbox's account (or puts it back) through
/// its control surface, as a test of the sandbox itself would.
async fn package_knob(app: &App, enabled: bool) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let info = app.invoke("app_info", json!({})).await.expect("app_info");
    let base = info["sandbox_url"].as_str().expect("the sandbox runs");
    let address = base
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let body = format!(r#"{{"enabled":{enabled}}}"#);
    let request = format!(
        "POST /__sandbox/spam-score/package HTTP/1.1\r\nHost: {address}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}
