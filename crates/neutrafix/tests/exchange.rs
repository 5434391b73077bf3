//! The feature end to end against the sandbox's exchange and platform, over real loopback
//! HTTP, with a real Core (SQLite on disk, the OS keyring). Run inside
//! `run_in_throwaway_desktop` (the keyring needs a session bus).

use std::sync::Arc;
use std::time::Duration;

use cx_core::{Core, ErrorCode};
use cx_neutrafix::assumed::{DocumentKind, SignupForm};
use cx_neutrafix::client::ExchangeOptions;
use cx_neutrafix::market::{MarketFilter, OrderBy};
use cx_neutrafix::models::{AccountState, LoginForm, PurchaseState, RateRequest};
use cx_neutrafix::route::{Route, RouteKind};
use cx_neutrafix::Neutrafix;
use cx_sandbox::{Sandbox, NEUTRAFIX_DEMO_KEY, NEUTRAFIX_DEMO_LOGIN};
use cx_secrets::Secret;
use cx_testkit::{signed_in, start_sandbox, Platform};
use serde_json::{json, Value};

struct Buyer {
    feature: Neutrafix,
    _dir: tempfile::TempDir,
}

fn options() -> ExchangeOptions {
    ExchangeOptions {
        timeout: Duration::from_secs(10),
        ..ExchangeOptions::default()
    }
}

async fn buyer(sandbox: &Sandbox, label: &str, options: ExchangeOptions) -> Buyer {
    let test = signed_in(sandbox, label).await;
    let core: Arc<Core> = Arc::new(test.core);
    Buyer {
        feature: Neutrafix::new(core, options),
        _dir: test.dir,
    }
}

fn demo_login() -> LoginForm {
    LoginForm {
        api_login: NEUTRAFIX_DEMO_LOGIN.into(),
        exchange_url: None,
    }
}

async fn logged_in(sandbox: &Sandbox, label: &str, options: ExchangeOptions) -> Buyer {
    let buyer = buyer(sandbox, label, options).await;
    let view = buyer
        .feature
        .log_in(demo_login(), Some(Secret::new(NEUTRAFIX_DEMO_KEY)))
        .await
        .expect("the demo buyer logs in");
    assert_eq!(view.state, AccountState::LoggedIn);
    buyer
}

fn exchange_root(sandbox: &Sandbox) -> String {
    sandbox.base_url().replace("/api/cp/", "/neutrafix/")
}

async fn exchange_stats(sandbox: &Sandbox) -> Value {
    let url = format!("{}__sandbox/stats", exchange_root(sandbox));
    reqwest::get(url).await.unwrap().json().await.unwrap()
}

async fn set_controls(sandbox: &Sandbox, controls: Value) {
    let url = format!("{}__sandbox/controls", exchange_root(sandbox));
    let client = reqwest::Client::new();
    let answer = client.post(url).json(&controls).send().await.unwrap();
    assert!(answer.status().is_success());
}

async fn carriers_named_neutrafix(sandbox: &Sandbox) -> usize {
    let platform = Platform::connect(sandbox).await;
    let all: Vec<Value> = platform.client.list("carrier", &[]).await.unwrap();
    all.iter().filter(|c| c["name"] == "NeuTrafix").count()
}

/// A route of the fetched market whose seller is not `other`'s.
async fn route_for(buyer: &Buyer, prefix: &str, not_seller: Option<&str>) -> Route {
    let filter = MarketFilter {
        prefix: prefix.into(),
        kind: Some(RouteKind::Voice),
        ..Default::default()
    };
    let page = buyer
        .feature
        .market_search(filter, |_| {})
        .await
        .expect("the market answers");
    page.rows
        .into_iter()
        .map(|row| row.route)
        .find(|r| Some(r.seller.as_str()) != not_seller && !r.forbidden)
        .expect("a route to buy")
}

#[tokio::test]
async fn a_wrong_api_key_is_reported_as_a_wrong_signature() {
    let sandbox = start_sandbox().await;
    let buyer = buyer(&sandbox, "nx-wrong-key", options()).await;

    let error = buyer
        .feature
        .log_in(demo_login(), Some(Secret::new("not-the-key")))
        .await
        .unwrap_err();

    let error = cx_core::AppError::from(error);
    assert_eq!(error.code, ErrorCode::BadCredentials);
    assert!(
        error.message.contains("Wrong signature"),
        "{}",
        error.message
    );
    assert!(
        !error.message.contains("not-the-key"),
        "the key never shows in a message"
    );
    assert_eq!(buyer.feature.account().unwrap().state, AccountState::None);
}

#[tokio::test]
async fn the_carrier_is_created_once_over_ten_logins() {
    let sandbox = start_sandbox().await;
    assert_eq!(carriers_named_neutrafix(&sandbox).await, 0);

    let buyer = buyer(&sandbox, "nx-ten-logins", options()).await;
    let mut ids = Vec::new();
    for n in 0..10 {
        // The first login types the key; the next nine use the one the keyring kept.
        let key = (n == 0).then(|| Secret::new(NEUTRAFIX_DEMO_KEY));
        let view = buyer.feature.log_in(demo_login(), key).await.unwrap();
        ids.push(view.carrier_id.expect("the carrier is known after login"));
    }
    // Another computer (its own database) finds the same carrier by name.
    let other = logged_in(&sandbox, "nx-ten-logins-other", options()).await;

    assert_eq!(
        carriers_named_neutrafix(&sandbox).await,
        1,
        "one carrier, never a second"
    );
    assert!(ids.iter().all(|id| *id == ids[0]));
    assert_eq!(
        other.feature.account().unwrap().carrier_id,
        Some(ids[0].clone())
    );
}

#[tokio::test]
async fn the_market_is_read_through_its_traps_and_rate_limits() {
    let sandbox = start_sandbox().await;
    set_controls(&sandbox, json!({"per_second": 2, "per_hour": 5000})).await;
    let small_pages = ExchangeOptions {
        page_size: 400,
        ..options()
    };
    let buyer = logged_in(&sandbox, "nx-market", small_pages).await;

    let filter = MarketFilter {
        prefix: "44".into(),
        ..Default::default()
    };
    let page = buyer.feature.market_search(filter, |_| {}).await.unwrap();

    let stats = exchange_stats(&sandbox).await;
    assert!(
        stats["rate_limited"].as_u64().unwrap() > 0,
        "the 429s were met: {stats}"
    );
    assert!(
        page.fetched > 400,
        "several pages were fetched: {}",
        page.fetched
    );
    assert_eq!(page.total, page.fetched);
    assert!(page.rows.iter().all(|r| r.route.prefix.starts_with("44")));
    assert!(
        page.rows.iter().any(|r| r.route.daily_acd.is_some()),
        "ACD m:ss was read"
    );
    assert!(page.countries.iter().any(|c| c == "United Kingdom"));
    let prices: Vec<f64> = page.rows.iter().map(|r| r.route.price_1).collect();
    assert!(
        prices.windows(2).all(|w| w[0] <= w[1]),
        "ordered by price by default"
    );
}

#[tokio::test]
async fn filters_the_exchange_cannot_apply_are_applied_on_what_was_fetched() {
    let sandbox = start_sandbox().await;
    let buyer = logged_in(&sandbox, "nx-filters", options()).await;
    let fetched = buyer
        .feature
        .market_search(
            MarketFilter {
                prefix: "49".into(),
                ..Default::default()
            },
            |_| {},
        )
        .await
        .unwrap();

    let filter = MarketFilter {
        prefix: "49".into(),
        country: "germ".into(),
        route_type: "Premium".into(),
        kind: Some(RouteKind::Voice),
        min_price: Some(0.005),
        max_price: Some(0.2),
        order_by: OrderBy::Price,
        descending: true,
        ..Default::default()
    };
    let page = buyer.feature.market_query(&filter).unwrap();

    assert!(
        page.total > 0 && page.total < fetched.total,
        "{} of {}",
        page.total,
        fetched.total
    );
    let window = buyer.feature.market_rows(page.generation, 0, 1000).unwrap();
    assert_eq!(window.rows.len() as u32, page.total.min(1000));
    for row in &window.rows {
        let r = &row.route;
        assert_eq!(
            (r.country.as_str(), r.route_type.as_str()),
            ("Germany", "Premium")
        );
        assert!(r.price_1 >= 0.005 && r.price_1 <= 0.2, "{}", r.price_1);
    }
    let prices: Vec<f64> = window.rows.iter().map(|r| r.route.price_1).collect();
    assert!(
        prices.windows(2).all(|w| w[0] >= w[1]),
        "descending by price"
    );
    let stale = buyer.feature.market_rows(page.generation - 1, 0, 10);
    assert!(stale.is_err(), "a window of an older selection is refused");
}

#[tokio::test]
async fn a_double_click_buys_once_and_the_seller_card_gets_the_deck() {
    let sandbox = start_sandbox().await;
    let buyer = logged_in(&sandbox, "nx-double-click", options()).await;
    let route = route_for(&buyer, "33", None).await;

    let (first, second) = tokio::join!(
        buyer.feature.purchase(route.clone()),
        buyer.feature.purchase(route.clone())
    );
    let (first, second) = (first.unwrap(), second.unwrap());

    let stats = exchange_stats(&sandbox).await;
    assert_eq!(stats["purchase_requests"], 1, "one purchase sent: {stats}");
    assert_eq!(stats["purchases_made"], 1);
    assert_eq!(first, second);
    assert_eq!(first.state, PurchaseState::Provisioned);
    assert!(first.deck_rates > 3, "the deck was read: {first:?}");
    assert!(
        !first.deck_problems.is_empty(),
        "the deck's traps were reported, not fatal"
    );
    assert!(first
        .tech_prefix
        .as_deref()
        .is_some_and(|t| t.ends_with('#')));

    let card = buyer.feature.seller_card(&route.seller, "").await.unwrap();
    assert_eq!(Some(card.card_id.clone()), first.card_id);
    assert!(card.rules.len() as u32 <= first.deck_rates && card.rules.len() > 3);
    assert!(
        card.rules.iter().any(|r| r.prefix == route.prefix),
        "the bought prefix is on the card"
    );
    // The deck announces dearer rates for two weeks ahead (the sandbox lists each before the
    // rate in effect): each is reported on its line, and the card carries today's rate.
    let deck = bought_deck(&sandbox, &route).await;
    let lines: Vec<&str> = deck.lines().collect();
    let mut checked = 0;
    for problem in &first.deck_problems {
        let Some((prefix, current_line)) = waiting_rate(&problem.message) else {
            continue;
        };
        let announced = deck_price(lines[problem.line as usize - 1]);
        let today = deck_price(lines[current_line - 1]);
        assert!(
            today < announced,
            "{prefix}: {today} now, {announced} announced"
        );
        let rules: Vec<f64> = card
            .rules
            .iter()
            .filter(|r| r.prefix == prefix)
            .map(|r| r.cost)
            .collect();
        // A forbidden prefix is on no card; any other is on it once, at today's rate.
        if !rules.is_empty() {
            assert_eq!(rules.len(), 1, "{prefix}");
            assert!(
                (rules[0] - today).abs() < 1e-9,
                "{prefix}: {rules:?} vs {today}"
            );
            checked += 1;
        }
    }
    assert!(
        checked > 0,
        "announced rates were found: {:?}",
        first.deck_problems
    );
    let market_view = buyer.feature.purchases().unwrap();
    assert_eq!(market_view.len(), 1);
}

#[tokio::test]
async fn an_announced_rate_goes_on_the_card_when_its_day_comes() {
    let sandbox = start_sandbox().await;
    let buyer = logged_in(&sandbox, "nx-announced", options()).await;
    let route = route_for(&buyer, "33", None).await;
    let bought = buyer.feature.purchase(route.clone()).await.unwrap();
    let deck = bought_deck(&sandbox, &route).await;
    let lines: Vec<&str> = deck.lines().collect();
    let first_card = buyer.feature.seller_card(&route.seller, "").await.unwrap();
    // A prefix with a rate announced, and on the card (a forbidden one is on no card).
    let (prefix, announced, today) = bought
        .deck_problems
        .iter()
        .find_map(|p| {
            let (prefix, current) = waiting_rate(&p.message)?;
            first_card.rules.iter().find(|r| r.prefix == prefix)?;
            let announced = deck_price(lines[p.line as usize - 1]);
            Some((prefix.to_owned(), announced, deck_price(lines[current - 1])))
        })
        .expect("the sandbox's deck announces rates");
    let cost_on_card = |card: &cx_neutrafix::models::CardView| {
        card.rules
            .iter()
            .find(|r| r.prefix == prefix)
            .map(|r| r.cost)
    };
    let rated = |buyer: &Buyer| {
        let request = RateRequest {
            number: prefix.clone(),
            seller: route.seller.clone(),
            seconds: 60,
        };
        buyer.feature.rate(&request).unwrap().tariff.price_1
    };
    let utc_now = chrono::Utc::now().naive_utc();

    // Tomorrow nothing is due yet.
    let none = buyer
        .feature
        .apply_due_rates(utc_now + chrono::Days::new(1))
        .await
        .unwrap();
    assert_eq!(none, 0);
    let card = buyer.feature.seller_card(&route.seller, "").await.unwrap();
    assert_eq!(cost_on_card(&card), Some(today));
    assert_eq!(rated(&buyer), today);

    // Fifteen days on (the sandbox announces two weeks ahead), every announced rate is due.
    let applied = buyer
        .feature
        .apply_due_rates(utc_now + chrono::Days::new(15))
        .await
        .unwrap();
    let waiting = bought
        .deck_problems
        .iter()
        .filter(|p| p.kind == cx_neutrafix::deck::LeftOut::NotYet)
        .count();
    assert_eq!(applied as usize, waiting);
    let card = buyer.feature.seller_card(&route.seller, "").await.unwrap();
    let cost = cost_on_card(&card).expect("still on the card");
    assert!(
        (cost - announced).abs() < 1e-9,
        "{cost} on the card, {announced} announced"
    );
    assert!((rated(&buyer) - announced).abs() < 1e-9);
    let after = buyer.feature.purchases().unwrap();
    assert!(
        after[0]
            .deck_problems
            .iter()
            .all(|p| p.kind != cx_neutrafix::deck::LeftOut::NotYet),
        "{:?}",
        after[0].deck_problems
    );
    assert_eq!(
        buyer
            .feature
            .apply_due_rates(utc_now + chrono::Days::new(16))
            .await
            .unwrap(),
        0,
        "each announced rate is put on the card once"
    );
}

#[tokio::test]
async fn a_retry_after_a_timeout_never_buys_twice() {
    let sandbox = start_sandbox().await;
    let impatient = ExchangeOptions {
        timeout: Duration::from_millis(1500),
        ..options()
    };
    let buyer = logged_in(&sandbox, "nx-timeout", impatient).await;
    let route = route_for(&buyer, "27", None).await;
    set_controls(&sandbox, json!({"slow_purchases": 1, "slow_ms": 4000})).await;

    let lost = buyer.feature.purchase(route.clone()).await.unwrap_err();
    assert_eq!(cx_core::AppError::from(lost).code, ErrorCode::Offline);
    let recorded = buyer.feature.purchases().unwrap();
    assert_eq!(
        recorded[0].state,
        PurchaseState::Sending,
        "the record was written before sending"
    );

    let retried = buyer.feature.purchase(route.clone()).await.unwrap();
    let again = buyer.feature.purchase(route).await.unwrap();

    let stats = exchange_stats(&sandbox).await;
    assert_eq!(stats["purchases_made"], 1, "bought once: {stats}");
    assert_eq!(
        stats["already_purchased"], 1,
        "the retry met 'already purchased': {stats}"
    );
    assert_eq!(
        stats["purchase_requests"], 2,
        "the third call sent nothing: {stats}"
    );
    assert_eq!(retried.state, PurchaseState::Provisioned);
    assert_eq!(retried, again);
}

#[tokio::test]
async fn different_sellers_get_different_cards_and_prices_and_numbers_are_rated_by_the_longest_prefix(
) {
    let sandbox = start_sandbox().await;
    let buyer = logged_in(&sandbox, "nx-two-sellers", options()).await;
    let first = route_for(&buyer, "44", None).await;
    let second = route_for(&buyer, "44", Some(&first.seller)).await;

    let a = buyer.feature.purchase(first.clone()).await.unwrap();
    let b = buyer.feature.purchase(second.clone()).await.unwrap();

    assert_ne!(a.card_id, b.card_id, "one card per seller");
    let card_a = buyer.feature.seller_card(&first.seller, "").await.unwrap();
    let card_b = buyer.feature.seller_card(&second.seller, "").await.unwrap();
    let rule_a = card_a
        .rules
        .iter()
        .find(|r| r.prefix == "44")
        .expect("44 on the first card");
    let rule_b = card_b
        .rules
        .iter()
        .find(|r| r.prefix == "44")
        .expect("44 on the second card");
    assert_ne!(
        rule_a.cost, rule_b.cost,
        "each card carries its seller's price"
    );

    let request = RateRequest {
        number: "+44 20 7946 0000".into(),
        seller: first.seller.clone(),
        seconds: 61,
    };
    let rating = buyer.feature.rate(&request).unwrap();
    let longest = card_a
        .rules
        .iter()
        .filter(|r| "442079460000".starts_with(&r.prefix))
        .max_by_key(|r| r.prefix.len())
        .unwrap();
    assert_eq!(
        rating.prefix, longest.prefix,
        "the longest prefix on the seller's card rates it"
    );
    assert!((rating.tariff.price_1 - longest.cost).abs() < 1e-9);
    let expected = rating.tariff.cost(61);
    assert_eq!(rating.call, expected);
    let zero = buyer
        .feature
        .rate(&RateRequest {
            seconds: 0,
            ..request
        })
        .unwrap();
    assert_eq!(zero.call.cost, 0.0);
}

#[tokio::test]
async fn an_own_prefix_routed_over_a_purchase_is_billed_by_that_sellers_card() {
    let sandbox = start_sandbox().await;
    let buyer = logged_in(&sandbox, "nx-own-prefix", options()).await;
    let route = route_for(&buyer, "61", None).await;
    let bought = buyer.feature.purchase(route.clone()).await.unwrap();

    assert!(
        buyer.feature.create_prefix("", "nothing").is_err(),
        "an empty prefix is refused"
    );
    buyer
        .feature
        .create_prefix("99123", "Premium hotline")
        .unwrap();
    assert!(
        buyer.feature.create_prefix("99123", "again").is_err(),
        "no duplicate"
    );
    let found = buyer.feature.prefixes("hotline").unwrap();
    assert_eq!(found.len(), 1);
    let linked = buyer
        .feature
        .associate_prefix("99123", &bought.connection_id)
        .await
        .unwrap();
    assert_eq!(linked[0].seller.as_deref(), Some(route.seller.as_str()));

    let card = buyer
        .feature
        .seller_card(&route.seller, "99123")
        .await
        .unwrap();
    assert_eq!(card.rules.len(), 1, "the prefix is on the seller's card");
    assert!((card.rules[0].cost - route.price_1).abs() < 1e-6);
    let rating = buyer
        .feature
        .rate(&RateRequest {
            number: "991234567".into(),
            seller: route.seller.clone(),
            seconds: 30,
        })
        .unwrap();
    assert_eq!(
        (rating.prefix.as_str(), rating.source.as_str()),
        ("99123", "own prefix")
    );
    assert_eq!(rating.tariff, route.tariff());
}

#[tokio::test]
async fn the_selection_exports_as_csv() {
    let sandbox = start_sandbox().await;
    let buyer = logged_in(&sandbox, "nx-export", options()).await;
    let filter = MarketFilter {
        prefix: "353".into(),
        ..Default::default()
    };
    let page = buyer.feature.market_search(filter, |_| {}).await.unwrap();
    let file = tempfile::NamedTempFile::new().unwrap();

    let written = buyer.feature.export_csv(file.path()).unwrap();

    let text = std::fs::read_to_string(file.path()).unwrap();
    assert_eq!(written, page.total);
    assert_eq!(text.lines().count() as u32, page.total + 1);
    assert!(text.starts_with("Prefix,Price (USD),"));
    assert!(text.lines().skip(1).all(|l| l.starts_with("353")));
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

#[tokio::test]
async fn sign_up_uploads_documents_and_login_is_offered_only_after_verification() {
    let sandbox = start_sandbox().await;
    let buyer = buyer(&sandbox, "nx-signup", options()).await;
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.resize(200_000, 7);
    let form = SignupForm {
        company_name: "Kestrel Routes Ltd".into(),
        registration_number: "HRB 123456".into(),
        country: "Germany".into(),
        address: "1 Example Street".into(),
        contact_name: "Ada Buyer".into(),
        email: "ada@kestrel.example".into(),
        phone: "+4930123456".into(),
    };

    let bad = buyer
        .feature
        .sign_up(
            SignupForm {
                email: "nope".into(),
                ..form.clone()
            },
            None,
        )
        .await;
    assert!(bad.is_err(), "an e-mail without @ is refused");
    let started = buyer.feature.sign_up(form, None).await.unwrap();
    assert_eq!(started.state, AccountState::Draft);
    let text_file = write("articles.pdf", b"just text, named .pdf");
    let refused = buyer
        .feature
        .upload_document(DocumentKind::Registration, &text_file, |_| {})
        .await;
    let refused = cx_core::AppError::from(refused.unwrap_err());
    assert!(
        refused.message.contains("articles.pdf"),
        "{}",
        refused.message
    );
    assert!(
        buyer.feature.submit_application().await.is_err(),
        "documents come first"
    );

    let reports = std::sync::Mutex::new(Vec::new());
    let progress = |p| reports.lock().unwrap().push(p);
    let pdf = write("registration.pdf", PDF);
    buyer
        .feature
        .upload_document(DocumentKind::Registration, &pdf, progress)
        .await
        .unwrap();
    let scan = write("shareholders.png", &png);
    buyer
        .feature
        .upload_document(DocumentKind::Shareholder, &scan, progress)
        .await
        .unwrap();
    let pending = buyer.feature.submit_application().await.unwrap();
    assert_eq!(
        pending.state,
        AccountState::Pending,
        "pending until verified"
    );
    assert_eq!(
        buyer.feature.check_application().await.unwrap().state,
        AccountState::Pending
    );

    let reports = reports.into_inner().unwrap();
    let last = reports.last().unwrap();
    assert_eq!(
        *last,
        cx_neutrafix::models::Progress::Uploading {
            file_name: "shareholders.png".into(),
            sent: 200_000,
            total: 200_000
        }
    );
    assert!(
        reports.len() >= 5,
        "progress after every chunk: {}",
        reports.len()
    );

    let id = pending.application.unwrap().application_id;
    let verify = format!("{}__sandbox/verify/{id}", exchange_root(&sandbox));
    assert!(reqwest::Client::new()
        .post(verify)
        .send()
        .await
        .unwrap()
        .status()
        .is_success());
    let verified = buyer.feature.check_application().await.unwrap();
    assert_eq!(verified.state, AccountState::Verified);
    assert!(verified.key_saved, "the issued key went to the keyring");
    let login = verified.api_login.clone().unwrap();

    let view = buyer
        .feature
        .log_in(
            LoginForm {
                api_login: login,
                exchange_url: None,
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(view.state, AccountState::LoggedIn);
    assert_eq!(view.company.as_deref(), Some("Kestrel Routes Ltd"));
}

/// The seller's deck of a bought route, as the sandbox serves it.
async fn bought_deck(sandbox: &Sandbox, route: &Route) -> String {
    let url = format!(
        "{}rates/{}.csv",
        exchange_root(sandbox),
        route.connection_id
    );
    reqwest::get(url).await.unwrap().text().await.unwrap()
}

/// The prefix and the line of the rate in effect, from a deck problem about a rate announced
/// for later.
fn waiting_rate(message: &str) -> Option<(&str, usize)> {
    let rest = message.strip_prefix("prefix ")?;
    let (prefix, rest) = rest.split_once(": the rate from ")?;
    let line = rest
        .split_once("not in effect yet; line ")?
        .1
        .split_once('\'')?
        .0;
    Some((prefix, line.parse().ok()?))
}

/// The first price on a line of a sandbox deck, in either of its two layouts.
fn deck_price(line: &str) -> f64 {
    let european = line.contains(';');
    let cells: Vec<&str> = line.split(if european { ';' } else { ',' }).collect();
    let cell = cells[2].trim().trim_start_matches('$');
    let cell = if european {
        cell.replace(',', ".")
    } else {
        cell.to_owned()
    };
    cell.parse()
        .unwrap_or_else(|_| panic!("a price on {line:?}"))
}
