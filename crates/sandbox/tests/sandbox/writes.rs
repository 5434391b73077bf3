//! Writes to account data: payments, DIDs, app variables.

use reqwest::{Method, Response};
use serde_json::{json, Value};

use super::*;

async fn send(sandbox: &cx_sandbox::Sandbox, method: Method, path: &str, body: Value) -> Response {
    basic(sandbox, method, path)
        .json(&body)
        .send()
        .await
        .unwrap()
}

fn payment(company_id: Value, total: Value, currency: &str) -> Value {
    json!({
        "company_id": company_id, "total": total, "description": "Top-up",
        "status": "Completed", "currency": currency,
    })
}

#[tokio::test]
async fn a_payment_tops_up_credit_and_a_string_credit_stays_a_string() {
    let sandbox = start().await;

    let response = send(
        &sandbox,
        Method::POST,
        "payment",
        payment(json!(1203), json!(50), "USD"),
    )
    .await;

    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"status": "OK"})
    );
    let customer = get_json(&sandbox, "customer/1203").await;
    assert_eq!(customer["credit"], "175.50", "125.50 + 50, still a string");
    let payments = get_json(&sandbox, "payment?company_id=1203").await;
    assert_eq!(payments["data"][0]["amount"], "50.00", "newest first");
}

#[tokio::test]
async fn a_negative_total_is_a_charge_and_a_number_credit_stays_a_number() {
    let sandbox = start().await;

    send(
        &sandbox,
        Method::POST,
        "payment",
        payment(json!("1202"), json!("-42.17"), "USD"),
    )
    .await;

    let customer = get_json(&sandbox, "customer/1202").await;
    assert_eq!(customer["credit"], json!(800.0));
}

#[tokio::test]
async fn a_payment_in_another_currency_than_the_customers_is_refused() {
    let sandbox = start().await;

    let response = send(
        &sandbox,
        Method::POST,
        "payment",
        payment(json!(1203), json!(5), "ZAR"),
    )
    .await;

    assert_eq!(
        response.status(),
        400,
        "the platform does not convert currencies"
    );
}

#[tokio::test]
async fn a_did_update_is_partial_and_refuses_fields_it_does_not_have() {
    let sandbox = start().await;

    let ok = send(&sandbox, Method::PUT, "did/7001", json!({"spam_score": 12})).await;
    let bad = send(&sandbox, Method::PUT, "did/7001", json!({"colour": "red"})).await;
    let missing = send(&sandbox, Method::PUT, "did/1", json!({"spam_score": 12})).await;

    assert_eq!(
        [ok.status(), bad.status(), missing.status()],
        [200, 400, 404]
    );
    let did = get_json(&sandbox, "did/7001").await;
    assert_eq!(
        (did["spam_score"].clone(), did["did"].clone()),
        (json!(12), json!("12025550100"))
    );
}

#[tokio::test]
async fn an_app_variable_is_created_once_then_updated_by_id_or_by_key() {
    let sandbox = start().await;
    let var = json!({"key": "cx_api_user", "value": "ops@example.test"});

    let created: Value = send(&sandbox, Method::POST, "setup/var?app_id=1042", var.clone())
        .await
        .json()
        .await
        .unwrap();
    let again = send(&sandbox, Method::POST, "setup/var?app_id=1042", var).await;
    let by_id = format!("setup/var/{}", created["id"]);
    send(
        &sandbox,
        Method::PUT,
        &by_id,
        json!({"value": "a@example.test"}),
    )
    .await;
    let by_key = json!({"key": "cx_api_user", "value": "b@example.test"});
    send(&sandbox, Method::PUT, "setup/var?app_id=1042", by_key).await;

    assert!(
        created["id"].is_number(),
        "a create answers the new object with its id"
    );
    assert_eq!(again.status(), 409, "one variable per key and app");
    let listed = get_json(&sandbox, "setup/var?app_id=1042").await;
    assert_eq!(listed[0]["value"], "b@example.test");
}

#[tokio::test]
async fn a_body_that_is_not_json_answers_400_with_a_message() {
    let sandbox = start().await;

    let request = basic(&sandbox, Method::POST, "appstore/install").body("app_id=1042");
    let response = request.send().await.unwrap();

    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert!(body["message"].is_string(), "{body}");
}

#[tokio::test]
async fn a_payment_for_an_unknown_customer_is_refused() {
    let sandbox = start().await;

    let response = send(
        &sandbox,
        Method::POST,
        "payment",
        payment(json!(9), json!(5), "USD"),
    )
    .await;

    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn a_method_a_path_does_not_take_answers_an_html_405() {
    let sandbox = start().await;

    let response = basic(&sandbox, Method::DELETE, "customer")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 405);
    let content_type = response.headers()[reqwest::header::CONTENT_TYPE]
        .to_str()
        .unwrap();
    assert!(content_type.starts_with("text/html"));
}
