//! The server itself: where it listens, stopping, resetting.

use std::time::Duration;

use cx_sandbox::Fault;
use reqwest::Method;
use serde_json::json;

use super::*;

#[tokio::test]
async fn the_base_url_is_the_api_root_on_loopback() {
    let sandbox = start().await;

    assert!(sandbox.addr().ip().is_loopback());
    assert_eq!(
        sandbox.base_url(),
        format!("http://127.0.0.1:{}/api/cp/", sandbox.addr().port())
    );
}

#[tokio::test]
async fn after_shutdown_the_port_refuses_connections() {
    let sandbox = start().await;
    let url = format!("{}setup/account", sandbox.base_url());
    assert_eq!(
        client().get(&url).send().await.unwrap().status(),
        401,
        "it was serving"
    );

    sandbox.shutdown().await;

    let error = client()
        .get(&url)
        .send()
        .await
        .expect_err("nothing listens any more");
    assert!(error.is_connect(), "the connection is refused: {error:?}");
}

#[tokio::test]
async fn shutdown_lets_a_request_in_flight_finish() {
    let sandbox = start().await;
    sandbox
        .faults()
        .push(Fault::Latency(Duration::from_millis(300)), 1);
    let in_flight = tokio::spawn(basic(&sandbox, Method::GET, "setup/account").send());
    tokio::time::sleep(Duration::from_millis(100)).await;

    sandbox.shutdown().await;

    let answered = in_flight
        .await
        .unwrap()
        .expect("the slow request was answered");
    assert_eq!(answered.status(), 200);
}

#[tokio::test]
async fn reset_over_http_reseeds_the_data_and_zeroes_the_counters() {
    let sandbox = start().await;
    let body = json!({"app_id": 1187, "name": "Dialer", "version": "2.0.0"});
    basic(&sandbox, Method::POST, "appstore/install")
        .json(&body)
        .send()
        .await
        .unwrap();

    let url = format!("http://{}/__sandbox/reset", sandbox.addr());
    assert_eq!(client().post(url).send().await.unwrap().status(), 200);

    assert_eq!(
        sandbox.stats(),
        cx_sandbox::Stats::default(),
        "counters start again"
    );
    assert_eq!(
        get_json(&sandbox, "appstore/install").await,
        json!([]),
        "installs are gone"
    );
}
