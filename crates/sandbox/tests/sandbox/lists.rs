//! The platform's list conventions: shapes, paging, search, filters, ids.

use reqwest::{header, Method};
use serde_json::Value;

use super::*;

fn array(value: &Value) -> &Vec<Value> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("expected an array, got {value}"))
}

#[tokio::test]
async fn paging_with_limit_and_offset_walks_every_customer_without_a_total() {
    let sandbox = start().await;
    let mut seen = Vec::new();

    for page in 0.. {
        let body = get_json(
            &sandbox,
            &format!("customer?_limit=10&_offset={}", page * 10),
        )
        .await;
        let rows = array(&body).clone();
        seen.extend(rows.iter().map(|c| c["id"].clone()));
        if rows.len() < 10 {
            break;
        }
    }

    assert_eq!(seen.len(), 25, "three pages: 10, 10 and a short page of 5");
    seen.dedup();
    assert_eq!(seen.len(), 25, "pages do not overlap");
}

#[tokio::test]
async fn lists_come_bare_or_wrapped_depending_on_the_endpoint() {
    let sandbox = start().await;

    let customers = get_json(&sandbox, "customer").await;
    let dids = get_json(&sandbox, "did").await;
    let apps = get_json(&sandbox, "appstore").await;
    let packages = get_json(&sandbox, "setup/package").await;
    let groups = get_json(&sandbox, "setup/server/rtp-group").await;

    assert!(customers.is_array(), "customer is a bare array");
    assert_eq!(array(&dids["data"]).len(), 40, "did is wrapped in data");
    assert!(
        array(&apps["result"]).len() >= 40,
        "appstore is wrapped in result"
    );
    assert!(
        packages["result"].is_array(),
        "setup/package is wrapped in result"
    );
    assert!(groups["data"].is_array(), "rtp groups are wrapped in data");
}

#[tokio::test]
async fn a_query_by_id_answers_an_array_and_a_path_id_an_object() {
    let sandbox = start().await;

    let by_query = get_json(&sandbox, "customer?id=1203").await;
    let by_path = get_json(&sandbox, "customer/1203").await;

    assert_eq!(array(&by_query).len(), 1);
    assert_eq!(by_query[0], by_path, "the same customer either way");
    assert_eq!(by_path["name"], "Kestrel Voice Solutions");
}

#[tokio::test]
async fn an_unknown_id_answers_404_with_a_json_error() {
    let sandbox = start().await;

    let response = basic(&sandbox, Method::GET, "customer/999999")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 404);
    let body: Value = response.json().await.unwrap();
    assert!(body["error"].is_string());
}

#[tokio::test]
async fn an_unknown_path_answers_404_with_an_html_page() {
    let sandbox = start().await;

    let response = basic(&sandbox, Method::GET, "no/such/thing")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 404);
    let content_type = response.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(content_type.starts_with("text/html"));
}

#[tokio::test]
async fn free_text_search_matches_part_of_a_name_in_any_case() {
    let sandbox = start().await;

    let found = get_json(&sandbox, "customer?s=NORTH").await;

    let names: Vec<&str> = array(&found)
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Northbridge Communications Ltd"]);
}

#[tokio::test]
async fn an_equality_filter_matches_ids_stored_as_numbers_or_strings() {
    let sandbox = start().await;

    let dids = get_json(&sandbox, "did?customer_id=1208").await;
    let kinds: Vec<bool> = array(&dids["data"])
        .iter()
        .map(|d| d["customer_id"].is_string())
        .collect();

    assert!(
        kinds.contains(&true) && kinds.contains(&false),
        "both forms: {kinds:?}"
    );
}

#[tokio::test]
async fn null_in_brackets_filters_for_unassigned_dids() {
    let sandbox = start().await;

    let dids = get_json(&sandbox, "did?customer_id=[null]").await;

    let rows = array(&dids["data"]);
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|d| d["customer_id"].is_null()));
}

#[tokio::test]
async fn credit_arrives_as_a_string_for_some_customers_and_a_number_for_others() {
    let sandbox = start().await;

    let customers = get_json(&sandbox, "customer").await;
    let credits: Vec<&Value> = array(&customers).iter().map(|c| &c["credit"]).collect();

    assert!(credits.iter().any(|c| c.is_string()) && credits.iter().any(|c| c.is_number()));
}

#[tokio::test]
async fn sip_users_are_listed_per_customer_by_extension() {
    let sandbox = start().await;

    let users = get_json(&sandbox, "switch/user?company_id=1201").await;

    let names: Vec<&str> = array(&users)
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["1001", "1002", "1003"]);
}

#[tokio::test]
async fn rate_card_rules_page_with_limit_and_offset_without_underscores() {
    let sandbox = start().await;

    let card = get_json(&sandbox, "card/GjjS-E0FO").await;
    let path = format!(
        "card/GjjS-E0FO/rev/{}/rule?limit=5&offset=20",
        card["active_rev"]
    );
    let rules = get_json(&sandbox, &path).await;

    assert_eq!(array(&rules).len(), 4, "24 rules, offset 20: the last 4");
    assert!(rules[0]["cost"].is_string(), "costs come as strings");
    let missing = basic(&sandbox, Method::GET, "card/GjjS-E0FO/rev/9/rule")
        .send()
        .await;
    assert_eq!(missing.unwrap().status(), 404, "an unknown revision is 404");
}

#[tokio::test]
async fn an_offset_past_the_end_answers_an_empty_page() {
    let sandbox = start().await;

    let page = get_json(&sandbox, "appstore?_offset=500&_limit=10").await;

    assert_eq!(page["result"], serde_json::json!([]));
}

#[tokio::test]
async fn a_limit_that_is_not_a_number_answers_400() {
    let sandbox = start().await;

    let response = basic(&sandbox, Method::GET, "customer?_limit=all")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 400);
}
