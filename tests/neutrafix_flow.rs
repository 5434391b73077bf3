//! NeuTrafix in the real window, as a route buyer does it: sign up with documents (pending
//! until verified, then login offered), log in, filter the market, sort by price, buy a route,
//! see it in Market View and on the seller's rate card, route an own prefix over it, and rate
//! a number. A screenshot per step (`artifacts/screenshots/neutrafix-*`).

use std::io::{Read, Write};
use std::net::TcpStream;

use serde_json::json;
use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

use crate::support::ui::{click, eventually, saved_toast, set_hash, shown, type_into, with_text};
use crate::support::App;

const NEUTRAFIX: &str = "e2a4f7c0-8b1d-4d3a-b6f2-71c9a0d5e813";

/// A `POST` with no body over a plain loopback socket; answers the status line.
fn post(url: &str) -> String {
    let rest = url.strip_prefix("http://").expect("a loopback address");
    let (addr, path) = rest.split_once('/').unwrap();
    let mut stream = TcpStream::connect(addr).expect("the sandbox accepts");
    let request = format!(
        "POST /{path} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    answer.lines().next().unwrap_or_default().to_owned()
}

async fn rows(app: &App) -> Vec<WebElement> {
    app.driver()
        .find_all(By::Css("[data-testid=nx-row]"))
        .await
        .unwrap_or_default()
}

async fn row_prices(app: &App) -> Vec<f64> {
    let mut prices = Vec::new();
    for row in rows(app).await {
        let price = row
            .attr("data-price")
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        prices.push(price.parse::<f64>().unwrap_or(f64::NAN));
    }
    prices
}

async fn sign_up_and_get_verified(app: &App, id: &str, sandbox_url: &str) {
    set_hash(app, &format!("#/install/{id}/account")).await;
    shown(app, "[data-testid=nx-account]").await;
    app.screenshot("neutrafix-01-account-new").await;
    click(app, "[data-testid=nx-start-signup]").await;
    for (field, value) in [
        ("company_name", "Kestrel Routes Ltd"),
        ("registration_number", "HRB 123456"),
        ("country", "Germany"),
        ("contact_name", "Ada Buyer"),
        ("email", "ada@kestrel.example"),
    ] {
        type_into(
            &shown(app, &format!("[data-testid=nx-signup-{field}]")).await,
            value,
        )
        .await;
    }
    app.screenshot("neutrafix-02-signup-company").await;
    // With the login and sign-up forms both open, the exchange address they share is asked once.
    let exchange_fields = app
        .driver()
        .find_all(By::Css("[data-testid=nx-exchange-url]"))
        .await
        .expect("look for the exchange address fields");
    assert_eq!(
        exchange_fields.len(),
        1,
        "one exchange address field for both forms"
    );
    click(app, "[data-testid=nx-signup-submit]").await;
    shown(app, "[data-testid=nx-application]").await;

    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("registration.pdf");
    std::fs::write(
        &pdf,
        b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n",
    )
    .unwrap();
    let mut png_bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    png_bytes.resize(300_000, 1);
    let png = dir.path().join("shareholders.png");
    std::fs::write(&png, png_bytes).unwrap();
    for (kind, path) in [("registration", &pdf), ("shareholder", &png)] {
        let input = app
            .driver()
            .find(By::Css(format!("[data-testid=nx-file-{kind}]")))
            .await
            .unwrap();
        input
            .send_keys(path.display().to_string())
            .await
            .expect("choose the file");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        with_text(app, &format!("[data-testid=nx-doc-{kind}]"), |t| {
            t.contains(&name)
        })
        .await;
    }
    app.screenshot("neutrafix-03-signup-documents").await;
    click(app, "[data-testid=nx-submit-application]").await;
    with_text(app, "[data-testid=nx-account-state]", |t| {
        t == "Pending verification"
    })
    .await;
    assert!(
        app.driver()
            .find(By::Css("[data-testid=nx-login]"))
            .await
            .is_err(),
        "no login is offered while the application is pending"
    );
    app.screenshot("neutrafix-04-pending").await;

    let account = app
        .invoke("neutrafix_account", json!({}))
        .await
        .expect("the account");
    let application = account["application"]["application_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let verify = sandbox_url.replace(
        "/api/cp/",
        &format!("/neutrafix/__sandbox/verify/{application}"),
    );
    assert!(
        post(&verify).contains("200"),
        "the sandbox verifies on request"
    );
    click(app, "[data-testid=nx-check-application]").await;
    with_text(app, "[data-testid=nx-account-state]", |t| {
        t == "Verified: log in"
    })
    .await;
    app.screenshot("neutrafix-05-verified").await;
}

#[tokio::test]
async fn a_buyer_signs_up_logs_in_filters_sorts_buys_a_route_and_rates_a_number() {
    let Some(app) = App::launch("neutrafix_flow").await else {
        return;
    };
    with_text(&app, "h1", |t| t == "Store").await;
    let info = app.invoke("app_info", json!({})).await.expect("app_info");
    let sandbox_url = info["sandbox_url"]
        .as_str()
        .expect("the sandbox runs")
        .to_owned();
    let request = json!({"app_id": NEUTRAFIX, "name": "NeuTrafix", "version": "1.2.0"});
    let installed = app
        .invoke("install_app", json!({ "request": request }))
        .await;
    let id = installed.expect("NeuTrafix installs")["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Sign up, documents, pending, verified; then log in with the issued key (in the keyring).
    sign_up_and_get_verified(&app, &id, &sandbox_url).await;

    // The exchange address starts as the sandbox's own. One that is not https is refused before
    // any request, with the reason, and the login form keeps what was typed.
    let exchange = shown(&app, "[data-testid=nx-exchange-url]").await;
    let sandbox_exchange = exchange.value().await.unwrap().unwrap_or_default();
    assert!(
        sandbox_exchange.starts_with("http://127.0.0.1:")
            && sandbox_exchange.ends_with("/neutrafix/"),
        "{sandbox_exchange}"
    );
    type_into(&exchange, "http://exchange.example/").await;
    click(&app, "[data-testid=nx-log-in]").await;
    let refused = with_text(&app, "[data-testid=nx-login-error]", |t| !t.is_empty()).await;
    let reason = refused.text().await.unwrap();
    assert!(reason.contains("must start with https://"), "{reason}");
    app.screenshot("neutrafix-05b-exchange-refused").await;
    let account = app
        .invoke("neutrafix_account", json!({}))
        .await
        .expect("account");
    assert_eq!(account["state"], "verified", "nothing was saved: {account}");
    type_into(&exchange, &sandbox_exchange).await;
    click(&app, "[data-testid=nx-log-in]").await;
    saved_toast(&app, "Logged in to NeuTrafix").await;
    let carrier = with_text(&app, "[data-testid=nx-carrier]", |t| t.contains("id")).await;
    assert!(
        !carrier.text().await.unwrap().contains("–"),
        "the carrier exists after login"
    );
    app.screenshot("neutrafix-06-logged-in").await;

    // Market: fetch prefix 44, then filter here by country and type.
    set_hash(&app, &format!("#/install/{id}/market")).await;
    type_into(&shown(&app, "[data-testid=nx-filter-prefix]").await, "44").await;
    click(&app, "[data-testid=nx-search]").await;
    with_text(&app, "[data-testid=nx-market-count]", |t| {
        t.contains("fetched routes")
    })
    .await;
    shown(&app, "[data-testid=nx-row]").await;
    app.screenshot("neutrafix-07-market-fetched").await;
    let fetched = shown(&app, "[data-testid=nx-market-count]")
        .await
        .text()
        .await
        .unwrap();
    type_into(
        &shown(&app, "[data-testid=nx-filter-country]").await,
        "United Kingdom",
    )
    .await;
    let select = shown(&app, "[data-testid=nx-filter-route_type]").await;
    let select = SelectElement::new(&select).await.unwrap();
    select.select_by_exact_text("CLI").await.expect("pick CLI");
    let filtered = with_text(&app, "[data-testid=nx-market-count]", |t| {
        t != fetched && t.contains(" of ")
    })
    .await;
    let filtered = filtered.text().await.unwrap();
    app.screenshot("neutrafix-08-market-filtered").await;
    let shown_rows = rows(&app).await.len();
    assert!(
        shown_rows > 0 && shown_rows < 60,
        "only the rows in view are rendered: {shown_rows}"
    );

    // Sort by price: the header toggles to highest first, then back to lowest first.
    click(&app, "[data-testid=nx-sort-price]").await;
    eventually("prices highest first", || async {
        let prices = row_prices(&app).await;
        (prices.len() > 2 && prices.windows(2).all(|w| w[0] >= w[1])).then_some(())
    })
    .await;
    app.screenshot("neutrafix-09-sorted-price-desc").await;
    click(&app, "[data-testid=nx-sort-price]").await;
    eventually("prices lowest first", || async {
        let prices = row_prices(&app).await;
        (prices.len() > 2 && prices.windows(2).all(|w| w[0] <= w[1])).then_some(())
    })
    .await;
    assert!(filtered.contains(" of "), "{filtered}");

    // Buy the cheapest route: the confirmation shows the price and intervals.
    let mut chosen = None;
    for row in rows(&app).await {
        let button = row.find(By::Css("[data-testid=nx-buy]")).await.unwrap();
        if button.is_enabled().await.unwrap() {
            chosen = Some((row.attr("data-prefix").await.unwrap().unwrap(), button));
            break;
        }
    }
    let (prefix, buy) = chosen.expect("a route that may be bought");
    buy.click().await.unwrap();
    let price = with_text(&app, "[data-testid=nx-purchase-price]", |t| t.contains('$')).await;
    assert!(price.text().await.unwrap().contains("per minute"));
    with_text(&app, "[data-testid=nx-purchase-intervals]", |t| {
        t.contains('/')
    })
    .await;
    app.screenshot("neutrafix-10-purchase-confirm").await;
    click(&app, "[data-testid=nx-purchase-confirm]").await;
    saved_toast(&app, "rates is on").await;
    with_text(&app, "[data-testid=nx-row]", |t| t.contains("Purchased")).await;
    app.screenshot("neutrafix-11-purchased").await;

    // Market View, and the seller's card as the platform lists it.
    set_hash(&app, &format!("#/install/{id}/market-view")).await;
    with_text(&app, "[data-testid=nx-purchase-row]", |t| {
        t.contains("On card")
    })
    .await;
    // The sandbox's decks announce dearer rates for later: told apart from refused rows.
    let left_out = shown(&app, "[data-testid=nx-deck-left-out]").await;
    let left_out = left_out.text().await.unwrap();
    assert!(
        left_out.contains("rates announced for later") && left_out.contains("rows refused"),
        "{left_out}"
    );
    app.screenshot("neutrafix-12-market-view").await;
    click(&app, "[data-testid=nx-show-card]").await;
    shown(&app, "[data-testid=nx-card-rule]").await;
    type_into(&shown(&app, "[data-testid=nx-card-search]").await, &prefix).await;
    shown(
        &app,
        &format!("[data-testid=nx-card-rule][data-prefix='{prefix}']"),
    )
    .await;
    app.screenshot("neutrafix-13-seller-card").await;

    // An own prefix routed over the purchase.
    set_hash(&app, &format!("#/install/{id}/prefixes")).await;
    type_into(&shown(&app, "[data-testid=nx-prefix-new]").await, "99123").await;
    type_into(
        &shown(&app, "[data-testid=nx-prefix-note]").await,
        "Hotline",
    )
    .await;
    click(&app, "[data-testid=nx-prefix-add]").await;
    saved_toast(&app, "Prefix 99123 added").await;
    let route = shown(&app, "[data-testid=nx-prefix-route]").await;
    let route = SelectElement::new(&route).await.unwrap();
    route
        .select_by_index(1)
        .await
        .expect("pick the purchased route");
    with_text(&app, "[data-testid=nx-prefix-row]", |t| t.contains("card")).await;
    app.screenshot("neutrafix-14-prefixes").await;

    // Rating: a number under the bought prefix, and a 61-second call.
    set_hash(&app, &format!("#/install/{id}/rating")).await;
    type_into(
        &shown(&app, "[data-testid=nx-rate-number]").await,
        &format!("+{prefix}123456"),
    )
    .await;
    type_into(&shown(&app, "[data-testid=nx-rate-seconds]").await, "61").await;
    click(&app, "[data-testid=nx-rate-go]").await;
    let rated = with_text(&app, "[data-testid=nx-rated-prefix]", |t| !t.is_empty()).await;
    let rated = rated.text().await.unwrap();
    let rated_prefix = rated.split_whitespace().next().unwrap().to_owned();
    assert!(
        format!("{prefix}123456").starts_with(&rated_prefix) && rated_prefix.len() >= prefix.len(),
        "the longest prefix on the card rates it: {rated} (bought {prefix})"
    );
    with_text(&app, "[data-testid=nx-rated-cost]", |t| t.contains("bills")).await;
    app.screenshot("neutrafix-15-rating").await;
    app.close().await;
}
