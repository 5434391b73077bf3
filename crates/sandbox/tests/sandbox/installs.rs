//! Installing, configuring and removing apps, secrets kept out of every answer.

use reqwest::{Method, Response};
use serde_json::{json, Value};

use super::*;

const CLICK_2_DIAL: &str = "5b0e8c1d-2f4a-4c9e-9a57-3d61f0b7c2e4";
const KEY: &str = "k3y_for-Kestrel_0123456789";

async fn install(sandbox: &cx_sandbox::Sandbox, body: Value) -> Response {
    basic(sandbox, Method::POST, "appstore/install")
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn put(sandbox: &cx_sandbox::Sandbox, id: &Value, body: Value) -> Response {
    let path = format!("appstore/install/{id}");
    basic(sandbox, Method::PUT, &path)
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// Click-2-Dial installed and configured with [`KEY`]; answers the install's id.
async fn configured_click_2_dial(sandbox: &cx_sandbox::Sandbox) -> Value {
    let body = json!({"app_id": CLICK_2_DIAL, "name": "Click-2-Dial", "version": "1.1.0"});
    let created: Value = install(sandbox, body).await.json().await.unwrap();
    let config = json!({"customer_id": "1203", "api_key": KEY, "extension": "1001"});
    assert_eq!(
        put(sandbox, &created["id"], json!({ "config": config }))
            .await
            .status(),
        200
    );
    created["id"].clone()
}

/// Calls Click-2-Dial's `send`, which succeeds only with the stored key.
async fn send_call(sandbox: &cx_sandbox::Sandbox, key: &str) -> u16 {
    let path = format!("scriptforge/{CLICK_2_DIAL}/api/send");
    let body = json!({"api_key": key, "phone": "+12025550123"});
    let response = basic(sandbox, Method::POST, &path)
        .json(&body)
        .send()
        .await
        .unwrap();
    response.status().as_u16()
}

#[tokio::test]
async fn installing_an_app_answers_the_install_with_its_id_and_lists_it() {
    let sandbox = start().await;
    assert_eq!(
        get_json(&sandbox, "appstore/install").await,
        json!([]),
        "none at first"
    );

    let response = install(
        &sandbox,
        json!({"app_id": 1187, "name": "Dialer", "version": "2.0.0"}),
    )
    .await;
    let created: Value = response.json().await.unwrap();

    assert!(created["id"].is_number());
    assert_eq!(
        (created["app_id"].clone(), created["version"].clone()),
        (json!(1187), json!("2.0.0"))
    );
    assert_eq!(
        get_json(&sandbox, "appstore/install").await,
        json!([created])
    );
}

#[tokio::test]
async fn installing_under_a_name_already_used_answers_409() {
    let sandbox = start().await;
    install(
        &sandbox,
        json!({"app_id": 1042, "name": "Spam Check", "version": "2.0.0"}),
    )
    .await;

    let again = install(
        &sandbox,
        json!({"app_id": 1311, "name": "spam check", "version": "1.3.0"}),
    )
    .await;

    assert_eq!(
        again.status(),
        409,
        "names are unique on the account, whatever their case"
    );
    let body: Value = again.json().await.unwrap();
    assert_eq!(
        body["error"],
        "An app named \"spam check\" is already installed"
    );
}

#[tokio::test]
async fn an_unknown_version_an_unknown_app_and_an_empty_name_answer_400() {
    let sandbox = start().await;

    let version = install(
        &sandbox,
        json!({"app_id": 1042, "name": "A", "version": "9.9.9"}),
    )
    .await;
    let app = install(
        &sandbox,
        json!({"app_id": 4242, "name": "B", "version": "1.0.0"}),
    )
    .await;
    let name = install(
        &sandbox,
        json!({"app_id": 1042, "name": "  ", "version": "2.0.0"}),
    )
    .await;

    for response in [version, app, name] {
        assert_eq!(response.status(), 400);
        let body: Value = response.json().await.unwrap();
        assert!(
            body["message"].is_string(),
            "400s carry their text in message: {body}"
        );
    }
}

#[tokio::test]
async fn secret_config_values_are_stored_but_answered_masked() {
    let sandbox = start().await;
    let id = configured_click_2_dial(&sandbox).await;

    let listed = get_json(&sandbox, "appstore/install").await;
    let one = get_json(&sandbox, &format!("appstore/install/{id}")).await;

    assert_eq!(listed[0]["config"]["api_key"], "********");
    assert_eq!(one["config"]["api_key"], "********");
    assert_eq!(
        one["config"]["extension"], "1001",
        "ordinary fields come back as they are"
    );
    assert_eq!(
        send_call(&sandbox, KEY).await,
        200,
        "the real key was stored"
    );
    assert_eq!(send_call(&sandbox, "wrong").await, 403);
}

#[tokio::test]
async fn sending_the_mask_back_keeps_the_stored_secret() {
    let sandbox = start().await;
    let id = configured_click_2_dial(&sandbox).await;

    let config = json!({"customer_id": "1203", "api_key": "********", "extension": "1002"});
    let response = put(&sandbox, &id, json!({ "config": config })).await;

    assert_eq!(response.status(), 200);
    assert_eq!(
        send_call(&sandbox, KEY).await,
        200,
        "the key survived the update"
    );
    let one = get_json(&sandbox, &format!("appstore/install/{id}")).await;
    assert_eq!(one["config"]["extension"], "1002");
}

#[tokio::test]
async fn a_config_replaces_the_stored_one_whole() {
    let sandbox = start().await;
    let id = configured_click_2_dial(&sandbox).await;

    put(&sandbox, &id, json!({"config": {"customer_id": "1204"}})).await;

    let one = get_json(&sandbox, &format!("appstore/install/{id}")).await;
    assert_eq!(
        one["config"],
        json!({"customer_id": "1204"}),
        "fields left out are dropped"
    );
}

#[tokio::test]
async fn changing_the_version_keeps_the_config_and_answers_ok() {
    let sandbox = start().await;
    let id = configured_click_2_dial(&sandbox).await;

    let response = put(&sandbox, &id, json!({"version": "1.0.3"})).await;

    let body: Value = response.json().await.unwrap();
    assert_eq!(body, json!({"status": "OK"}));
    let one = get_json(&sandbox, &format!("appstore/install/{id}")).await;
    assert_eq!(
        (one["version"].as_str(), one["config"]["extension"].as_str()),
        (Some("1.0.3"), Some("1001"))
    );
}

#[tokio::test]
async fn updates_with_a_bad_version_a_number_or_an_unknown_field_answer_400() {
    let sandbox = start().await;
    let id = configured_click_2_dial(&sandbox).await;

    let version = put(&sandbox, &id, json!({"version": "3.0.0"})).await;
    let number = put(&sandbox, &id, json!({"config": {"customer_id": 1203}})).await;
    let unknown = put(&sandbox, &id, json!({"config": {"max_cps": "5"}})).await;

    assert_eq!(
        [version.status(), number.status(), unknown.status()],
        [400, 400, 400]
    );
}

#[tokio::test]
async fn deleting_an_install_removes_it_and_a_second_delete_answers_404() {
    let sandbox = start().await;
    let id = configured_click_2_dial(&sandbox).await;
    let path = format!("appstore/install/{id}");

    let first = basic(&sandbox, Method::DELETE, &path).send().await.unwrap();
    let second = basic(&sandbox, Method::DELETE, &path).send().await.unwrap();

    assert_eq!(
        (first.status().as_u16(), second.status().as_u16()),
        (200, 404)
    );
    assert_eq!(get_json(&sandbox, "appstore/install").await, json!([]));
    assert_eq!(
        send_call(&sandbox, KEY).await,
        404,
        "a removed app's functions are gone"
    );
}

#[tokio::test]
async fn installing_did_spam_score_creates_its_empty_cx_api_user_variable() {
    let sandbox = start().await;

    install(
        &sandbox,
        json!({"app_id": 1042, "name": "Spam", "version": "1.2.0"}),
    )
    .await;

    let vars = get_json(&sandbox, "setup/var?app_id=1042").await;
    assert_eq!(vars.as_array().unwrap().len(), 1);
    assert_eq!(
        (vars[0]["key"].as_str(), vars[0]["value"].as_str()),
        (Some("cx_api_user"), Some(""))
    );
}

#[tokio::test]
async fn an_app_function_streams_logs_and_a_final_message_when_asked_for_events() {
    let sandbox = start().await;
    configured_click_2_dial(&sandbox).await;

    let path = format!("scriptforge/{CLICK_2_DIAL}/api/send");
    let body = json!({"api_key": KEY, "phone": "+12025550123"});
    let request = basic(&sandbox, Method::POST, &path).header("Accept", "text/event-stream");
    let text = request
        .json(&body)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    assert!(
        text.starts_with("event: log\ndata: \"Ringing extension 1001\"\n\n"),
        "{text}"
    );
    assert!(text.contains("event: message\ndata: {"), "{text}");
    let call = &sandbox.stats().script_calls[0];
    assert_eq!(
        (call.function.as_str(), &call.body["phone"]),
        ("send", &json!("+12025550123"))
    );
}

#[tokio::test]
async fn installs_outlive_a_restart_when_a_state_file_is_set_but_secrets_do_not() {
    let dir = tempfile::tempdir().unwrap();
    let config = SandboxConfig {
        state_file: Some(dir.path().join("sandbox-state.json")),
        ..SandboxConfig::default()
    };
    let first = start_with(config.clone()).await;
    let id = configured_click_2_dial(&first).await;
    first.shutdown().await;

    let file = std::fs::read_to_string(dir.path().join("sandbox-state.json")).unwrap();
    let second = start_with(config).await;
    let listed = get_json(&second, "appstore/install").await;

    assert!(!file.contains(KEY), "the secret never reaches the disk");
    assert_eq!(listed[0]["id"], id, "the install came back with its id");
    assert_eq!(
        listed[0]["config"]["extension"], "1001",
        "plain values are kept"
    );
    assert!(
        listed[0]["config"].get("api_key").is_none(),
        "the secret is forgotten, not replaced by its mask"
    );
    let body = json!({"app_id": CLICK_2_DIAL, "name": "Second", "version": "1.1.0"});
    let created: Value = install(&second, body).await.json().await.unwrap();
    assert_ne!(created["id"], id, "new ids continue after the kept ones");
}
