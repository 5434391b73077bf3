//! The platform client against the sandbox over real HTTP: the sign-in flow, renewal, and
//! each of the platform's conventions and failure modes.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cx_platform::appstore::{self, StoreQuery};
use cx_platform::{resources, BaseUrl, Client, ClientOptions, PlatformError, SignIn};
use cx_sandbox::{Fault, Sandbox, SandboxConfig, DEMO_LOGIN, DEMO_PASSWORD};
use cx_secrets::Secret;

async fn sandbox_with(config: SandboxConfig) -> Sandbox {
    Sandbox::start(config)
        .await
        .expect("the sandbox starts on loopback")
}

async fn sandbox() -> Sandbox {
    sandbox_with(SandboxConfig::default()).await
}

fn demo() -> SignIn {
    SignIn {
        login: DEMO_LOGIN.into(),
        password: Secret::new(DEMO_PASSWORD),
    }
}

async fn signed_in(sandbox: &Sandbox, options: ClientOptions) -> Client {
    let base = BaseUrl::parse(&sandbox.base_url()).unwrap();
    Client::sign_in(base, demo(), options)
        .await
        .expect("the demo account signs in")
}

#[tokio::test]
async fn signing_in_mints_a_refresh_token_then_an_access_token() {
    let sandbox = sandbox().await;

    let client = signed_in(&sandbox, ClientOptions::default()).await;
    let account = resources::account(&client).await.unwrap();

    let stats = sandbox.stats();
    assert_eq!(
        stats.refresh_tokens_minted, 1,
        "Basic auth is used once, for the refresh token"
    );
    assert_eq!(
        stats.access_tokens_minted, 1,
        "one access token serves both requests"
    );
    assert!(!account.name.is_empty(), "setup/account names the company");
    assert_eq!(
        client.refresh_token().await.expose().split('.').count(),
        3,
        "a JWT"
    );
}

#[tokio::test]
async fn a_wrong_password_is_reported_as_bad_credentials() {
    let sandbox = sandbox().await;
    let base = BaseUrl::parse(&sandbox.base_url()).unwrap();
    let wrong = SignIn {
        login: DEMO_LOGIN.into(),
        password: Secret::new("not-the-password"),
    };

    let error = Client::sign_in(base, wrong, ClientOptions::default())
        .await
        .unwrap_err();

    assert!(
        matches!(error, PlatformError::BadCredentials(_)),
        "{error:?}"
    );
    assert!(
        !error.to_string().contains("not-the-password"),
        "the password is never echoed"
    );
}

#[tokio::test]
async fn a_401_fetches_a_new_access_token_and_retries_once() {
    let sandbox = sandbox().await;
    let client = signed_in(&sandbox, ClientOptions::default()).await;
    sandbox.faults().push(Fault::ExpireAccessTokens, 1);

    let customers = resources::customers(&client).await.unwrap();

    let stats = sandbox.stats();
    assert!(!customers.is_empty());
    assert_eq!(
        stats.unauthorized_sent, 1,
        "the expired token was refused once"
    );
    assert_eq!(stats.access_tokens_minted, 2, "and replaced by a new one");
}

#[tokio::test]
async fn a_refresh_token_with_under_fifteen_days_left_is_renewed_and_handed_over() {
    let ten_days = Duration::from_secs(10 * 24 * 3600);
    let sandbox = sandbox_with(SandboxConfig {
        refresh_token_ttl: ten_days,
        access_token_ttl: Duration::from_secs(1),
        ..SandboxConfig::default()
    })
    .await;
    let first = signed_in(&sandbox, ClientOptions::default()).await;
    let old = first.refresh_token().await;
    let seen: Arc<Mutex<Vec<Secret>>> = Arc::default();
    let sink = seen.clone();
    let base = BaseUrl::parse(&sandbox.base_url()).unwrap();
    let client = Client::with_refresh_token(base, old.clone(), ClientOptions::default())
        .unwrap()
        .on_new_refresh_token(Arc::new(move |token: &Secret| {
            sink.lock().unwrap().push(token.clone())
        }));

    resources::account(&client).await.unwrap();

    let renewed = client.refresh_token().await;
    assert_ne!(renewed, old, "the ageing token was swapped for a new one");
    assert_eq!(
        seen.lock().unwrap().as_slice(),
        [renewed],
        "the listener got the new token"
    );
}

#[tokio::test]
async fn a_429_is_waited_out_for_as_long_as_retry_after_says() {
    let sandbox = sandbox().await;
    let client = signed_in(&sandbox, ClientOptions::default()).await;
    sandbox.faults().push_for(
        "customer",
        Fault::RateLimited {
            retry_after_secs: 1,
        },
        1,
    );
    let started = Instant::now();

    let customers = resources::customers(&client).await.unwrap();

    assert_eq!(
        customers.len(),
        25,
        "the seeded customers, once the limit passed"
    );
    assert_eq!(sandbox.stats().responses_with(429), 1);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After was honoured, not ignored"
    );
}

#[tokio::test]
async fn rate_limiting_that_does_not_pass_becomes_a_rate_limited_error() {
    let sandbox = sandbox().await;
    let options = ClientOptions {
        rate_limit_retries: 0,
        ..ClientOptions::default()
    };
    let client = signed_in(&sandbox, options).await;
    sandbox.faults().push(
        Fault::RateLimited {
            retry_after_secs: 7,
        },
        1,
    );

    let error = resources::customers(&client).await.unwrap_err();

    assert!(
        matches!(error, PlatformError::RateLimited { retry_after } if retry_after.as_secs() == 7),
        "{error:?}"
    );
}

#[tokio::test]
async fn an_html_error_page_is_reported_by_its_title_not_shown_raw() {
    let sandbox = sandbox().await;
    let client = signed_in(&sandbox, ClientOptions::default()).await;
    sandbox.faults().push(Fault::HtmlError(500), 1);

    let error = resources::customers(&client).await.unwrap_err();

    match error {
        PlatformError::Server { status, message } => {
            assert_eq!(status, 500);
            assert_eq!(message, "500 Internal Server Error");
        }
        other => panic!("expected a server error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_json_error_body_gives_the_message() {
    let sandbox = sandbox().await;
    let client = signed_in(&sandbox, ClientOptions::default()).await;

    let error = appstore::app(&client, "999999").await.unwrap_err();

    assert!(
        matches!(&error, PlatformError::NotFound(text) if !text.is_empty()),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_dropped_connection_on_a_read_is_retried_once_then_reported() {
    let sandbox = sandbox().await;
    let client = signed_in(&sandbox, ClientOptions::default()).await;

    sandbox.faults().push_for("customer", Fault::Drop, 1);
    assert_eq!(
        resources::customers(&client).await.unwrap().len(),
        25,
        "one drop is survived"
    );

    sandbox.faults().push_for("customer", Fault::Drop, 2);
    let error = resources::customers(&client).await.unwrap_err();
    assert!(
        error.is_offline(),
        "two drops in a row mean the platform is unreachable: {error:?}"
    );
}

#[tokio::test]
async fn a_slow_answer_ends_in_a_timeout_that_names_the_host() {
    let sandbox = sandbox().await;
    let options = ClientOptions {
        timeout: Duration::from_millis(300),
        ..ClientOptions::default()
    };
    let client = signed_in(&sandbox, options).await;
    sandbox
        .faults()
        .push(Fault::Latency(Duration::from_secs(2)), 2);

    let error = resources::servers(&client).await.unwrap_err();

    assert!(matches!(error, PlatformError::Timeout { .. }), "{error:?}");
    assert!(error.to_string().contains("127.0.0.1"), "{error}");
}

#[tokio::test]
async fn wrapped_lists_are_read_and_paged_to_the_end() {
    let sandbox = sandbox().await;
    let client = signed_in(&sandbox, ClientOptions::default()).await;

    let apps = appstore::published_apps(&client, &StoreQuery::default())
        .await
        .unwrap();
    let customers: Vec<resources::Customer> = client.list_all("customer", &[], 10).await.unwrap();

    assert_eq!(
        apps.len(),
        42,
        "the `result`-wrapped catalogue, over one page of 100"
    );
    assert!(apps.iter().any(|app| app.name == "Autonomous Calling"));
    assert!(
        apps.iter().any(|app| app.id.contains('-')),
        "UUID ids are kept as text"
    );
    assert_eq!(customers.len(), 25, "three pages of 10, the last one short");
    let mut ids: Vec<_> = customers.iter().map(|c| c.id.clone()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 25, "no customer twice across pages");
}

#[tokio::test]
async fn numbers_sent_as_strings_are_read_as_numbers() {
    let sandbox = sandbox().await;
    let client = signed_in(&sandbox, ClientOptions::default()).await;

    let raw = client.get("customer", &[]).await.unwrap();
    let customers = resources::customers(&client).await.unwrap();

    let quoted = raw
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["credit"].is_string());
    let quoted = quoted.expect("the sandbox sends some credits as strings");
    let text = raw[quoted]["credit"]
        .as_str()
        .unwrap()
        .parse::<f64>()
        .unwrap();
    assert_eq!(customers[quoted].credit, text);
    let installs = appstore::published_apps(&client, &StoreQuery::default())
        .await
        .unwrap();
    assert!(
        installs.iter().all(|app| app.installs > 0),
        "`installs` arrives as \"1532\""
    );
}

#[tokio::test]
async fn a_stopped_platform_is_reported_as_unreachable() {
    let sandbox = sandbox().await;
    let client = signed_in(&sandbox, ClientOptions::default()).await;
    sandbox.shutdown().await;

    let error = resources::customers(&client).await.unwrap_err();

    assert!(
        matches!(error, PlatformError::Unreachable { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn plain_http_to_a_remote_host_is_refused_before_anything_is_sent() {
    let error = BaseUrl::parse("http://app.connexcs.com/api/cp/").unwrap_err();

    assert!(error.to_string().contains("unencrypted"), "{error}");
}
