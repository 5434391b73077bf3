//! The sandbox over real HTTP on loopback, as the client and the app's test suites see it.

mod auth;
mod catalogue;
mod faults;
mod installs;
mod lists;
mod server;
mod writes;

use std::time::Duration;

use cx_sandbox::{Sandbox, SandboxConfig, DEMO_LOGIN, DEMO_PASSWORD};
use reqwest::{Client, RequestBuilder, Response};
use serde_json::{json, Value};

/// A sandbox on a free port with the default settings.
pub async fn start() -> Sandbox {
    start_with(SandboxConfig::default()).await
}

pub async fn start_with(config: SandboxConfig) -> Sandbox {
    Sandbox::start(config)
        .await
        .expect("the sandbox binds a free loopback port")
}

/// A client that never goes through a proxy, whatever the environment says.
pub fn client() -> Client {
    Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(5))
        .build()
        .expect("a plain HTTP client builds")
}

/// The two steps of the contract's sign-in: a refresh token with Basic, then an access token.
pub async fn sign_in(sandbox: &Sandbox) -> (String, String) {
    let refresh = refresh_with_basic(sandbox, json!({"lifetime": 2_592_000, "audience": "t@h"}))
        .await
        .error_for_status()
        .expect("the demo login signs in");
    let refresh = token_of(refresh).await;
    let access = client()
        .get(format!("{}auth/jwt", sandbox.base_url()))
        .bearer_auth(&refresh)
        .send()
        .await
        .unwrap();
    (refresh, token_of(access).await)
}

pub async fn refresh_with_basic(sandbox: &Sandbox, body: Value) -> Response {
    client()
        .post(format!("{}auth/jwt/refresh", sandbox.base_url()))
        .basic_auth(DEMO_LOGIN, Some(DEMO_PASSWORD))
        .json(&body)
        .send()
        .await
        .unwrap()
}

pub async fn token_of(response: Response) -> String {
    assert_eq!(response.status(), 200, "a token endpoint answers 200");
    let body: Value = response.json().await.unwrap();
    body["token"]
        .as_str()
        .expect("the answer carries a token")
        .to_owned()
}

/// A request to `path` (relative to the base URL) authenticated with HTTP Basic.
pub fn basic(sandbox: &Sandbox, method: reqwest::Method, path: &str) -> RequestBuilder {
    let url = format!("{}{path}", sandbox.base_url());
    client()
        .request(method, url)
        .basic_auth(DEMO_LOGIN, Some(DEMO_PASSWORD))
}

/// `GET path` with Basic auth, expecting 200 and JSON.
pub async fn get_json(sandbox: &Sandbox, path: &str) -> Value {
    let response = basic(sandbox, reqwest::Method::GET, path)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "GET {path} answers 200");
    response.json().await.unwrap()
}

/// The claims of a JWT, read without checking the signature.
pub fn claims(token: &str) -> Value {
    use base64::Engine;
    let payload = token.split('.').nth(1).expect("a JWT has three parts");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}
