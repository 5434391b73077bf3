//! Every fault kind, in process and over the HTTP control surface.

use std::time::{Duration, Instant};

use cx_sandbox::{Fault, SandboxConfig};
use reqwest::{header, Method};
use serde_json::{json, Value};

use super::*;

async fn account(sandbox: &cx_sandbox::Sandbox) -> reqwest::Response {
    basic(sandbox, Method::GET, "setup/account")
        .send()
        .await
        .expect("an HTTP answer")
}

#[tokio::test]
async fn a_status_fault_answers_that_status_with_a_json_error_body() {
    let sandbox = start().await;
    sandbox.faults().push(Fault::Status(500), 1);

    let faulted = account(&sandbox).await;
    let status = faulted.status();
    let body: Value = faulted.json().await.expect("the error body is JSON");

    assert_eq!(status, 500);
    assert!(
        body["error"].is_string(),
        "the error text is in error: {body}"
    );
    assert_eq!(account(&sandbox).await.status(), 200, "one time only");
}

#[tokio::test]
async fn an_html_fault_answers_an_nginx_style_page() {
    let sandbox = start().await;
    sandbox.faults().push(Fault::HtmlError(502), 1);

    let faulted = account(&sandbox).await;
    let content_type = faulted.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .to_owned();
    let status = faulted.status();
    let body = faulted.text().await.unwrap();

    assert_eq!(status, 502);
    assert!(
        content_type.starts_with("text/html"),
        "content type is {content_type}"
    );
    assert!(
        body.starts_with("<html>") && body.contains("502 Bad Gateway"),
        "body: {body}"
    );
}

#[tokio::test]
async fn a_rate_limit_fault_answers_429_with_retry_after() {
    let sandbox = start().await;
    sandbox.faults().push(
        Fault::RateLimited {
            retry_after_secs: 7,
        },
        1,
    );

    let faulted = account(&sandbox).await;

    assert_eq!(faulted.status(), 429);
    assert_eq!(
        faulted.headers()[header::RETRY_AFTER],
        "7",
        "Retry-After is in seconds"
    );
}

#[tokio::test]
async fn a_drop_fault_closes_the_connection_without_an_answer() {
    let sandbox = start().await;
    sandbox.faults().push(Fault::Drop, 1);

    let outcome = basic(&sandbox, Method::GET, "setup/account").send().await;

    let error = outcome.expect_err("a dropped connection is an error, not a status");
    assert!(
        error.status().is_none(),
        "no HTTP status came back: {error:?}"
    );
    assert!(
        !error.is_timeout(),
        "the connection was closed, not left hanging: {error:?}"
    );
    assert_eq!(sandbox.stats().connections_dropped, 1);
    assert_eq!(
        account(&sandbox).await.status(),
        200,
        "the next request is served"
    );
}

#[tokio::test]
async fn a_latency_fault_delays_the_answer_but_still_answers() {
    let sandbox = start().await;
    sandbox
        .faults()
        .push(Fault::Latency(Duration::from_millis(300)), 1);

    let began = Instant::now();
    let status = account(&sandbox).await.status();

    assert_eq!(status, 200);
    assert!(
        began.elapsed() >= Duration::from_millis(300),
        "took {:?}",
        began.elapsed()
    );
}

#[tokio::test]
async fn configured_latency_applies_to_every_api_request() {
    let config = SandboxConfig {
        latency: Duration::from_millis(150),
        ..Default::default()
    };
    let sandbox = start_with(config).await;

    let began = Instant::now();
    account(&sandbox).await;
    account(&sandbox).await;

    assert!(
        began.elapsed() >= Duration::from_millis(300),
        "took {:?}",
        began.elapsed()
    );
}

#[tokio::test]
async fn an_expiry_fault_kills_the_next_access_token_for_good() {
    let sandbox = start().await;
    let (refresh, access) = sign_in(&sandbox).await;
    sandbox.faults().push(Fault::ExpireAccessTokens, 1);
    let url = format!("{}customer", sandbox.base_url());

    let first = client()
        .get(&url)
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    let again = client()
        .get(&url)
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    let renewed = client()
        .get(format!("{}auth/jwt", sandbox.base_url()))
        .bearer_auth(refresh);
    let fresh = token_of(renewed.send().await.unwrap()).await;
    let retried = client().get(&url).bearer_auth(&fresh).send().await.unwrap();

    assert_eq!(first.status(), 401, "the token is treated as expired");
    assert_eq!(
        again.status(),
        401,
        "and stays expired, as a really expired token would"
    );
    assert_eq!(
        retried.status(),
        200,
        "a new access token from the refresh token works"
    );
}

#[tokio::test]
async fn an_expiry_fault_waits_for_a_request_that_carries_an_access_token() {
    let sandbox = start().await;
    sandbox.faults().push(Fault::ExpireAccessTokens, 1);

    assert_eq!(
        account(&sandbox).await.status(),
        200,
        "Basic requests do not use it up"
    );
    let (_, access) = sign_in(&sandbox).await;
    let url = format!("{}setup/account", sandbox.base_url());
    let response = client().get(url).bearer_auth(access).send().await.unwrap();

    assert_eq!(response.status(), 401);
}

#[tokio::test]
async fn a_fault_for_a_path_prefix_leaves_other_paths_alone() {
    let sandbox = start().await;
    sandbox.faults().push_for("appstore", Fault::Status(503), 1);

    let other = account(&sandbox).await.status().as_u16();
    let hit = basic(&sandbox, Method::GET, "appstore")
        .send()
        .await
        .unwrap()
        .status()
        .as_u16();

    assert_eq!((other, hit), (200, 503));
}

#[tokio::test]
async fn faults_never_touch_the_control_surface_and_clear_forgets_them() {
    let sandbox = start().await;
    sandbox.faults().push(Fault::Status(500), 1);

    let control = client()
        .get(format!("http://{}/__sandbox/stats", sandbox.addr()))
        .send();

    assert_eq!(
        control.await.unwrap().status(),
        200,
        "/__sandbox is never faulted"
    );
    sandbox.faults().clear();
    assert_eq!(
        account(&sandbox).await.status(),
        200,
        "the cleared fault is gone"
    );
}

#[tokio::test]
async fn faults_pushed_over_http_apply_to_the_next_requests() {
    let sandbox = start().await;
    let control = format!("http://{}/__sandbox/fault", sandbox.addr());
    let fault = json!({"kind": "status", "status": 503, "times": 2, "path_prefix": "setup/"});

    let pushed = client().post(control).json(&fault).send().await.unwrap();

    assert_eq!(pushed.status(), 200);
    assert_eq!(account(&sandbox).await.status(), 503);
    assert_eq!(account(&sandbox).await.status(), 503);
    assert_eq!(
        account(&sandbox).await.status(),
        200,
        "times: 2 means two requests"
    );
}

#[tokio::test]
async fn an_unknown_fault_kind_over_http_is_refused() {
    let sandbox = start().await;
    let control = format!("http://{}/__sandbox/fault", sandbox.addr());

    let pushed = client()
        .post(control)
        .json(&json!({"kind": "gremlins"}))
        .send()
        .await
        .unwrap();

    assert_eq!(pushed.status(), 400);
}

#[tokio::test]
async fn stats_over_http_match_the_in_process_stats() {
    let sandbox = start().await;
    account(&sandbox).await;

    let url = format!("http://{}/__sandbox/stats", sandbox.addr());
    let remote: cx_sandbox::Stats = client()
        .get(url)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    assert_eq!(remote, sandbox.stats());
    assert_eq!(
        remote.requests_to("setup/account"),
        1,
        "control requests are not counted"
    );
}
