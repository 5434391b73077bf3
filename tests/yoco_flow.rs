//! Yoco Top-ups in the real window, as an operator does it: configure the gateway (API user,
//! secret key tested with Yoco, a 2.5% surcharge), top a customer up by R10.60, the payer pays
//! on the sandbox's checkout page, and the top-up shows as paid and recorded, with the payment
//! on the customer. A screenshot per step (`artifacts/screenshots/yoco-*`).

use std::io::{Read, Write};
use std::net::TcpStream;

use serde_json::{json, Value};
use thirtyfour::By;

use crate::support::ui::{click, pick, saved_toast, set_hash, shown, type_into, with_text};
use crate::support::App;

const KEY: &str = "sk_test_4f9Qm2Zx7Lp3Rt8Vw1Ky";

/// One HTTP/1.1 request over a plain loopback socket; answers the status line and body.
fn http(addr: &str, method: &str, path: &str, auth: Option<&str>) -> (String, String) {
    let mut stream = TcpStream::connect(addr).expect("the sandbox accepts");
    let auth = auth
        .map(|a| format!("Authorization: Basic {a}\r\n"))
        .unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Content-Length: 0\r\n\
         Connection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    (
        head.lines().next().unwrap_or_default().to_owned(),
        body.to_owned(),
    )
}

#[tokio::test]
async fn an_operator_configures_yoco_tops_up_a_customer_and_sees_it_paid_and_recorded() {
    let Some(app) = App::launch("yoco_flow").await else {
        return;
    };
    with_text(&app, "h1", |t| t == "Store").await;
    let request = json!({"app_id": "1311", "name": "Yoco Top-ups", "version": "1.3.0"});
    let installed = app
        .invoke("install_app", json!({ "request": request }))
        .await;
    let id = installed.expect("Yoco installs")["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Settings: API user, key (tested with Yoco), surcharge.
    set_hash(&app, &format!("#/install/{id}/config")).await;
    shown(&app, "[data-testid=yoco-settings]").await;
    app.screenshot("yoco-01-settings-empty").await;
    pick(&app, "api_user", "Yoco API User").await;
    type_into(&shown(&app, "[data-testid=yoco-secret-key]").await, KEY).await;
    click(&app, "[data-testid=yoco-test-key]").await;
    with_text(&app, ".yoco-settings", |t| {
        t.contains("Yoco accepted the key: test mode")
    })
    .await;
    click(&app, "[data-testid=yoco-surcharge-percent]").await;
    type_into(&shown(&app, "[data-testid=yoco-surcharge]").await, "2.5").await;
    app.screenshot("yoco-02-settings-filled").await;
    click(&app, "[data-testid=yoco-save]").await;
    saved_toast(&app, "Yoco settings saved").await;
    let hint = with_text(&app, ".yoco-settings", |t| t.contains("ending …w1Ky")).await;
    assert!(
        !hint.text().await.unwrap().contains(KEY),
        "the key is never shown again"
    );
    app.screenshot("yoco-03-settings-saved").await;

    // Top up: customer, amount, the fee on its own line.
    set_hash(&app, &format!("#/install/{id}/top-up")).await;
    shown(&app, "[data-testid=yoco-topup]").await;
    pick(&app, "customer_id", "Cape Point Connect").await;
    type_into(&shown(&app, "[data-testid=yoco-amount]").await, "10.60").await;
    let total = with_text(&app, "[data-testid=yoco-total]", |t| t == "R10.87").await;
    assert_eq!(
        total.text().await.unwrap(),
        "R10.87",
        "2.5% of R10.60 is R0.27, half-up"
    );
    let fee = shown(&app, "[data-testid=yoco-fee]")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(fee, "R0.27");
    with_text(&app, "[data-testid=yoco-mode]", |t| t.contains("Test mode")).await;
    app.screenshot("yoco-04-top-up-quote").await;
    click(&app, "[data-testid=yoco-create]").await;
    let link = with_text(&app, "[data-testid=yoco-link]", |t| {
        t.contains("/yoco/pay/ch_")
    })
    .await;
    let link = link.text().await.unwrap();
    shown(&app, "[data-testid=yoco-qr] svg").await;
    app.screenshot("yoco-05-checkout-waiting").await;

    // The payer pays on the checkout page (over HTTP, as a browser would post its form).
    let rest = link.strip_prefix("http://").expect("a loopback page");
    let (addr, path) = rest.split_once('/').unwrap();
    let path = format!("/{path}");
    let (status, page) = http(addr, "GET", &path, None);
    assert!(
        status.contains("200") && page.contains("R10.87"),
        "{status}\n{page}"
    );
    std::fs::write(
        crate::support::artifacts_dir().join("yoco-06-checkout-page.html"),
        &page,
    )
    .ok();
    let (status, paid) = http(addr, "POST", &format!("{path}/pay"), None);
    assert!(
        status.contains("200") && paid.contains("Checkout paid"),
        "{status}\n{paid}"
    );

    // Paid and recorded, live in the window.
    with_text(&app, "[data-testid=yoco-state]", |t| {
        t == "Paid and recorded"
    })
    .await;
    with_text(&app, "[data-testid=yoco-checkout]", |t| {
        t.contains("R10.60 added to Cape Point Connect")
    })
    .await;
    app.screenshot("yoco-07-paid-and-recorded").await;

    // The payment is on the customer, at the platform (without the fee).
    let checkout = link.rsplit('/').next().unwrap().to_owned();
    let basic = "ZGVtb0BzYW5kYm94LmNvbm5leGNzLnRlc3Q6c2FuZGJveC1kZW1v"; // the demo login
    let (status, body) = http(addr, "GET", "/api/cp/payment?company_id=1206", Some(basic));
    assert!(status.contains("200"), "{status}");
    let payments: Value = serde_json::from_str(&body).expect("JSON");
    let ours: Vec<&Value> = payments["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            p["description"]
                .as_str()
                .unwrap_or_default()
                .contains(&checkout)
        })
        .collect();
    assert_eq!(ours.len(), 1, "one payment for the checkout: {ours:?}");
    assert_eq!(ours[0]["amount"], "10.60", "the top-up, without the fee");

    // History.
    set_hash(&app, &format!("#/install/{id}/history")).await;
    let row = with_text(&app, "[data-testid=yoco-row]", |t| {
        t.contains("Paid and recorded")
    })
    .await;
    app.screenshot("yoco-08-history").await;
    let cell = row.find(By::Css("td")).await.expect("a cell of the row");
    cell.click().await.expect("open the top-up");
    with_text(&app, "dialog[open]", |t| {
        t.contains("recorded on the platform")
    })
    .await;
    app.screenshot("yoco-09-history-detail").await;
    let info = app
        .invoke("app_info", json!({}))
        .await
        .expect("app_info answers");
    app.close().await;

    // The secret key is in the OS keyring only: no file of the app's folders holds it.
    for folder in [&info["data_dir"], &info["log_dir"]] {
        for file in files_under(std::path::Path::new(folder.as_str().unwrap())) {
            let bytes = std::fs::read(&file).unwrap_or_default();
            let found = bytes.windows(KEY.len()).any(|w| w == KEY.as_bytes());
            assert!(!found, "the secret key is written in {}", file.display());
        }
    }
}

fn files_under(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut pending = vec![folder.to_owned()];
    let mut files = Vec::new();
    while let Some(path) = pending.pop() {
        match std::fs::read_dir(&path) {
            Ok(entries) => pending.extend(entries.flatten().map(|e| e.path())),
            Err(_) => files.push(path),
        }
    }
    files
}

#[tokio::test]
async fn a_live_top_up_is_refunded_in_part_after_the_operator_confirms() {
    let Some(app) = App::launch("yoco_refund_flow").await else {
        return;
    };
    with_text(&app, "h1", |t| t == "Store").await;
    let request = json!({"app_id": "1311", "name": "Yoco Live", "version": "1.3.0"});
    let installed = app
        .invoke("install_app", json!({ "request": request }))
        .await;
    let id = installed.expect("Yoco installs")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let form = json!({"api_user": "yoco-api@sandbox.connexcs.test",
        "secret_key": "sk_live_8Hc2Np5Tq9Wm3Xr6Zb1Vd", "surcharge_type": "amount", "surcharge": "5"});
    app.invoke(
        "yoco_save_settings",
        json!({"install_id": id, "form": form}),
    )
    .await
    .expect("the live key saves");
    let top_up = json!({"attempt": "e2e-live-1", "customer_id": "1206", "amount": "150"});
    let view = app
        .invoke("yoco_start", json!({"install_id": id, "request": top_up}))
        .await
        .expect("the top-up starts");
    let link = view["redirect_url"].as_str().unwrap().to_owned();
    let rest = link.strip_prefix("http://").unwrap();
    let (addr, path) = rest.split_once('/').unwrap();
    http(addr, "GET", &format!("/{path}"), None);
    http(addr, "POST", &format!("/{path}/pay"), None);

    set_hash(&app, &format!("#/install/{id}/history")).await;
    let row = with_text(&app, "[data-testid=yoco-row]", |t| {
        t.contains("Paid and recorded")
    })
    .await;
    let cell = row.find(By::Css("td")).await.expect("a cell of the row");
    cell.click().await.expect("open the top-up");
    let amount = shown(&app, "dialog[open] input").await;
    type_into(&amount, "50").await;
    click(&app, "[data-testid=yoco-refund]").await;
    with_text(&app, "[data-testid=yoco-refund]", |t| {
        t.contains("Yes, refund R50")
    })
    .await;
    app.screenshot("yoco-10-refund-confirm").await;
    click(&app, "[data-testid=yoco-refund]").await;
    saved_toast(&app, "Refunded and recorded").await;
    with_text(&app, "dialog[open]", |t| {
        t.contains("recorded on the platform as -R50.00")
    })
    .await;
    app.screenshot("yoco-11-refunded").await;
    app.close().await;
}
