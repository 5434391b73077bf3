//! Sign-in exactly as the contract describes it.

use std::time::Duration;

use cx_sandbox::{SandboxConfig, DEMO_LOGIN};
use serde_json::{json, Value};

use super::*;

async fn account_with_bearer(sandbox: &cx_sandbox::Sandbox, token: &str) -> reqwest::Response {
    let url = format!("{}setup/account", sandbox.base_url());
    client().get(url).bearer_auth(token).send().await.unwrap()
}

#[tokio::test]
async fn refresh_token_minted_with_basic_auth_carries_exp_sub_and_aud() {
    let sandbox = start().await;
    let body = json!({"lifetime": 2_592_000, "audience": "appstore@laptop"});

    let token = token_of(refresh_with_basic(&sandbox, body).await).await;

    let claims = claims(&token);
    assert_eq!(
        claims["sub"], DEMO_LOGIN,
        "sub names the user who signed in"
    );
    assert_eq!(
        claims["aud"], "appstore@laptop",
        "aud is the audience the client sent"
    );
    let lifetime = claims["exp"].as_u64().unwrap() - claims["iat"].as_u64().unwrap();
    assert_eq!(
        lifetime, 2_592_000,
        "exp is iat plus the lifetime asked for"
    );
}

#[tokio::test]
async fn refresh_lifetime_is_capped_by_the_configured_maximum() {
    let config = SandboxConfig {
        refresh_token_ttl: Duration::from_secs(3600),
        ..SandboxConfig::default()
    };
    let sandbox = start_with(config).await;

    let body = json!({"lifetime": 2_592_000, "audience": "a@b"});
    let claims = claims(&token_of(refresh_with_basic(&sandbox, body).await).await);

    let lifetime = claims["exp"].as_u64().unwrap() - claims["iat"].as_u64().unwrap();
    assert_eq!(
        lifetime, 3600,
        "the sandbox never issues more than its configured maximum"
    );
}

#[tokio::test]
async fn access_token_lives_for_the_configured_ttl_and_reads_the_account() {
    let sandbox = start().await;
    let (_, access) = sign_in(&sandbox).await;

    let claims = claims(&access);
    let lifetime = claims["exp"].as_u64().unwrap() - claims["iat"].as_u64().unwrap();
    assert_eq!(
        lifetime,
        15 * 60,
        "access tokens last the default 15 minutes"
    );

    let account: Value = account_with_bearer(&sandbox, &access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        account["name"], "Sandbox Telecom Ltd",
        "setup/account names the company"
    );
    assert_eq!(account["email"], DEMO_LOGIN);
}

#[tokio::test]
async fn wrong_password_is_refused_with_401_and_an_error_field() {
    let sandbox = start().await;
    let url = format!("{}auth/jwt/refresh", sandbox.base_url());

    let response = client()
        .post(url)
        .basic_auth(DEMO_LOGIN, Some("guess"))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 401);
    let body: Value = response.json().await.unwrap();
    assert!(
        body["error"].is_string(),
        "401 bodies carry their text in error: {body}"
    );
    assert_eq!(
        sandbox.stats().refresh_tokens_minted,
        0,
        "no token for a wrong password"
    );
}

#[tokio::test]
async fn basic_auth_is_accepted_on_ordinary_api_paths() {
    let sandbox = start().await;

    let account = get_json(&sandbox, "setup/account").await;

    assert_eq!(account["name"], "Sandbox Telecom Ltd");
}

#[tokio::test]
async fn a_request_without_credentials_answers_401() {
    let sandbox = start().await;

    let response = client()
        .get(format!("{}customer", sandbox.base_url()))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 401);
    assert_eq!(
        sandbox.stats().unauthorized_sent,
        1,
        "the stats count every 401 sent"
    );
}

#[tokio::test]
async fn refresh_token_used_as_an_access_token_is_refused() {
    let sandbox = start().await;
    let (refresh, _) = sign_in(&sandbox).await;

    let response = account_with_bearer(&sandbox, &refresh).await;

    assert_eq!(response.status(), 401, "only access tokens call the API");
}

#[tokio::test]
async fn access_token_cannot_get_another_access_token() {
    let sandbox = start().await;
    let (_, access) = sign_in(&sandbox).await;

    let url = format!("{}auth/jwt", sandbox.base_url());
    let response = client().get(url).bearer_auth(access).send().await.unwrap();

    assert_eq!(response.status(), 401, "auth/jwt wants the refresh token");
}

#[tokio::test]
async fn refresh_with_a_bearer_refresh_token_renews_it_for_the_same_audience() {
    let sandbox = start().await;
    let (refresh, _) = sign_in(&sandbox).await;

    let url = format!("{}auth/jwt/refresh", sandbox.base_url());
    let body = json!({"lifetime": 2_592_000});
    let response = client()
        .post(url)
        .bearer_auth(&refresh)
        .json(&body)
        .send()
        .await
        .unwrap();
    let renewed = token_of(response).await;

    assert_ne!(renewed, refresh, "a renewal is a new token");
    assert_eq!(claims(&renewed)["aud"], "t@h", "the audience carries over");
    let stats = sandbox.stats();
    assert_eq!(
        (stats.refresh_tokens_minted, stats.access_tokens_minted),
        (2, 1)
    );
}

#[tokio::test]
async fn an_access_token_is_refused_once_its_exp_has_passed() {
    let config = SandboxConfig {
        access_token_ttl: Duration::from_secs(2),
        ..Default::default()
    };
    let sandbox = start_with(config).await;
    let (_, access) = sign_in(&sandbox).await;
    assert_eq!(
        account_with_bearer(&sandbox, &access).await.status(),
        200,
        "fresh, it works"
    );

    tokio::time::sleep(Duration::from_millis(2100)).await;
    let response = account_with_bearer(&sandbox, &access).await;

    assert_eq!(response.status(), 401, "past exp the token is refused");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "Token expired");
}

#[tokio::test]
async fn an_access_token_with_no_ttl_is_expired_on_arrival() {
    let config = SandboxConfig {
        access_token_ttl: Duration::ZERO,
        ..Default::default()
    };
    let sandbox = start_with(config).await;
    let (_, access) = sign_in(&sandbox).await;

    assert_eq!(account_with_bearer(&sandbox, &access).await.status(), 401);
}

#[tokio::test]
async fn a_hand_minted_refresh_token_gets_access_tokens_until_it_expires() {
    let sandbox = start().await;
    let url = format!("{}auth/jwt", sandbox.base_url());

    let pasted = sandbox.mint_refresh_token(Duration::from_secs(3600));
    let live = client().get(&url).bearer_auth(pasted).send().await.unwrap();
    let expired = sandbox.mint_refresh_token(Duration::ZERO);
    let dead = client()
        .get(&url)
        .bearer_auth(expired)
        .send()
        .await
        .unwrap();

    assert_eq!(
        live.status(),
        200,
        "a pasted panel token works like a refresh token"
    );
    assert_eq!(dead.status(), 401, "an expired one is refused");
}

#[tokio::test]
async fn a_forged_token_is_refused() {
    let sandbox = start().await;
    let other = start().await;
    let (_, foreign) = sign_in(&other).await;

    let response = account_with_bearer(&sandbox, &foreign).await;

    assert_eq!(
        response.status(),
        401,
        "a token signed by another sandbox is not ours"
    );
}
