//! The App Store catalogue: the five featured apps as the App Store page describes them.

use reqwest::Method;
use serde_json::Value;

use super::*;

const FEATURED: [&str; 5] = [
    "DID Spam Score",
    "Autonomous Calling",
    "Click-2-Dial",
    "Yoco Payments",
    "NeuTrafix",
];

async fn app_named(sandbox: &cx_sandbox::Sandbox, name: &str) -> Value {
    let found = get_json(sandbox, &format!("appstore?s={name}")).await;
    let apps = found["result"].as_array().unwrap();
    apps.iter()
        .find(|a| a["name"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("{name} listed"))
}

async fn versions_of(sandbox: &cx_sandbox::Sandbox, app: &Value) -> Vec<Value> {
    let id = app["id"]
        .as_str()
        .map_or_else(|| app["id"].to_string(), str::to_owned);
    get_json(sandbox, &format!("appstore/{id}/version"))
        .await
        .as_array()
        .unwrap()
        .clone()
}

fn keys(version: &Value) -> Vec<&str> {
    version["config"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["key"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn the_five_featured_apps_are_listed_with_three_to_five_versions_each() {
    let sandbox = start().await;

    for name in FEATURED {
        let app = app_named(&sandbox, name).await;
        let versions = versions_of(&sandbox, &app).await;

        assert!(
            (3..=5).contains(&versions.len()),
            "{name} has {} versions",
            versions.len()
        );
        assert_eq!(
            app["latest_version"], versions[0]["version"],
            "{name}: newest first"
        );
        assert!(
            app["installs"].is_string(),
            "{name}: installs is a number as a string"
        );
        let notes = versions[0]["release_notes"].as_str().unwrap();
        assert!(
            notes.lines().all(|l| l.starts_with("- ")),
            "{name}: notes are - lines"
        );
    }
}

#[tokio::test]
async fn autonomous_calling_asks_for_the_originate_arguments_and_2x_adds_max_cps() {
    let sandbox = start().await;
    let app = app_named(&sandbox, "Autonomous Calling").await;
    let versions = versions_of(&sandbox, &app).await;

    let newest = &versions[0];
    let oldest = versions.last().unwrap();

    assert_eq!(
        keys(oldest),
        ["customer_id", "server_alias", "extension", "cli"]
    );
    assert_eq!(
        keys(newest),
        ["customer_id", "server_alias", "extension", "cli", "max_cps"]
    );
    let endpoint = &newest["config"][2];
    assert_eq!(
        (endpoint["type"].as_str(), endpoint["depends_on"].as_str()),
        (Some("sip_user"), Some("customer_id"))
    );
    assert_eq!(newest["config"][4]["default"], "5");
}

#[tokio::test]
async fn yoco_validates_the_secret_key_with_a_pattern_and_a_message() {
    let sandbox = start().await;
    let app = app_named(&sandbox, "Yoco Payments").await;
    let versions = versions_of(&sandbox, &app).await;

    let secret = &versions[0]["config"][1];

    assert_eq!(secret["type"], "secret");
    assert_eq!(secret["pattern"], "^sk_(test|live)_[A-Za-z0-9]{16,}$");
    assert!(secret["pattern_message"].is_string());
    assert!(
        secret["help"].is_string() && versions[1]["config"][1]["help"].is_null(),
        "1.3 adds help"
    );
}

#[tokio::test]
async fn app_ids_are_numbers_for_some_apps_and_uuids_for_others() {
    let sandbox = start().await;

    let spam = app_named(&sandbox, "DID Spam Score").await;
    let dial = app_named(&sandbox, "Click-2-Dial").await;

    assert!(spam["id"].is_number() && dial["id"].is_string());
    let detail = get_json(
        &sandbox,
        &format!("appstore/{}", dial["id"].as_str().unwrap()),
    )
    .await;
    assert!(
        detail["description"].as_str().unwrap().contains("\n\n"),
        "paragraphs"
    );
}

#[tokio::test]
async fn category_filters_and_search_covers_the_publisher() {
    let sandbox = start().await;

    let fraud = get_json(&sandbox, "appstore?category=Fraud").await;
    let by_publisher = get_json(&sandbox, "appstore?s=sentinel").await;

    let fraud = fraud["result"].as_array().unwrap();
    assert!(fraud.len() >= 3 && fraud.iter().all(|a| a["category"] == "Fraud"));
    assert!(!by_publisher["result"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn every_app_documentation_template_is_valid_handlebars() {
    let sandbox = start().await;
    let templates = get_json(&sandbox, "setup/template").await;
    let templates = templates["result"].as_array().unwrap();
    let mut registry = handlebars::Handlebars::new();
    registry.set_strict_mode(true);
    let data = serde_json::json!({"app_name": "X", "version": "1.0.0", "company_name": "Y"});

    let docs: Vec<&Value> = templates
        .iter()
        .filter(|t| t["name"] == "app_documentation")
        .collect();

    assert!(docs.len() >= 40, "one per app");
    for doc in docs {
        let html = doc["html"].as_str().unwrap();
        let rendered = registry.render_template(html, &data);
        assert!(
            rendered.is_ok(),
            "app {} renders: {rendered:?}",
            doc["app_id"]
        );
    }
}

#[tokio::test]
async fn an_apps_templates_include_others_than_its_documentation() {
    let sandbox = start().await;

    let templates = get_json(&sandbox, "setup/template?app_id=1042").await;

    let names: Vec<&str> = templates["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["app_documentation", "spam_report_email"]);
}

#[tokio::test]
async fn the_account_owns_balance_alerts_which_is_published_in_the_store() {
    let sandbox = start().await;

    let own = get_json(&sandbox, "setup/app").await;
    let balance = app_named(&sandbox, "Balance Alerts").await;

    let owned_ids: Vec<&Value> = own.as_array().unwrap().iter().map(|a| &a["id"]).collect();
    assert!(
        owned_ids.contains(&&balance["id"]),
        "Balance Alerts is the account's own"
    );
    for name in FEATURED {
        let app = app_named(&sandbox, name).await;
        assert!(
            !owned_ids.contains(&&app["id"]),
            "{name} belongs to someone else"
        );
    }
}

#[tokio::test]
async fn an_unknown_app_answers_404() {
    let sandbox = start().await;

    let response = basic(&sandbox, Method::GET, "appstore/424242/version")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 404);
}
