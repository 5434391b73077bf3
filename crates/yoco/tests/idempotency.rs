//! Idempotency against the sandbox's Yoco over real HTTP: retries of one attempt reuse its key
//! and make one checkout; a reused key with another body is a bug surfaced at once.

use crate::support;

use std::time::Duration;

use cx_secrets::Secret;
use cx_testkit::start_sandbox;
use cx_yoco::client::{CheckoutRequest, ClientOptions, LineItem, Pricing};
use cx_yoco::{YocoClient, YocoError};
use serde_json::{json, Value};

struct Yoco {
    sandbox: cx_sandbox::Sandbox,
    http: reqwest::Client,
}

impl Yoco {
    async fn start() -> Self {
        Self {
            sandbox: start_sandbox().await,
            http: reqwest::Client::new(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}/yoco/{path}", self.sandbox.addr())
    }

    fn client(&self, key: &str, timeout_ms: u64) -> YocoClient {
        let options = ClientOptions {
            timeout: Duration::from_millis(timeout_ms),
            retries: 8,
            backoff: Duration::from_millis(50),
            max_wait: Duration::from_secs(3),
        };
        YocoClient::new(&self.url("api/"), Secret::new(key), options).expect("a client")
    }

    async fn fault(&self, fault: Value) {
        let answer = self
            .http
            .post(self.url("__sandbox/fault"))
            .json(&fault)
            .send()
            .await;
        assert!(answer.unwrap().status().is_success());
    }

    async fn stats(&self) -> Value {
        self.http
            .get(self.url("__sandbox/stats"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    async fn checkout_count(&self) -> usize {
        let list: Vec<Value> = self
            .http
            .get(self.url("__sandbox/checkouts"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        list.len()
    }
}

fn order(cents: i64) -> CheckoutRequest {
    CheckoutRequest {
        amount: cents,
        currency: "ZAR",
        line_items: vec![LineItem {
            display_name: "Account top-up".into(),
            quantity: 1,
            pricing_details: Pricing { price: cents },
        }],
        metadata: json!({"topUpId": "tu_test"}),
        external_id: None,
    }
}

#[tokio::test]
async fn the_same_attempt_retried_after_a_dropped_connection_makes_one_checkout() {
    let yoco = Yoco::start().await;
    let client = yoco.client(support::TEST_KEY, 2000);
    yoco.fault(json!({"kind": "drop_after", "path_prefix": "checkouts"}))
        .await;

    let checkout = client
        .create_checkout(&order(1000), "idem-drop-1")
        .await
        .expect("created");

    assert!(
        checkout.replayed,
        "the retry got the first answer again (Idempotent-Replayed)"
    );
    assert_eq!(
        yoco.checkout_count().await,
        1,
        "the dropped first try made the only checkout"
    );
    assert_eq!(yoco.stats().await["replays"], 1);
}

#[tokio::test]
async fn a_different_body_with_the_same_key_is_a_422_bug_and_is_not_retried() {
    let yoco = Yoco::start().await;
    let client = yoco.client(support::TEST_KEY, 2000);
    client
        .create_checkout(&order(1000), "idem-reused")
        .await
        .expect("first body");

    let error = client
        .create_checkout(&order(1100), "idem-reused")
        .await
        .unwrap_err();

    assert!(
        matches!(error, YocoError::IdempotencyMismatch(_)),
        "{error:?}"
    );
    assert!(!error.is_retryable());
    assert!(error.to_string().starts_with("Bug:"), "{error}");
    assert_eq!(
        yoco.stats().await["key_mismatches"],
        1,
        "sent once, not retried"
    );
    assert_eq!(yoco.checkout_count().await, 1);
}

#[tokio::test]
async fn a_timeout_is_retried_with_the_same_key_through_409_to_the_first_answer() {
    let yoco = Yoco::start().await;
    let client = yoco.client(support::TEST_KEY, 300);
    yoco.fault(json!({"kind": "slow", "ms": 700, "path_prefix": "checkouts"}))
        .await;

    let checkout = client
        .create_checkout(&order(2500), "idem-slow")
        .await
        .expect("created");

    let stats = yoco.stats().await;
    assert!(
        stats["in_flight_conflicts"].as_u64().unwrap() >= 1,
        "a retry met 409: {stats}"
    );
    assert!(checkout.replayed);
    assert_eq!(yoco.checkout_count().await, 1);
}

#[tokio::test]
async fn a_429_is_waited_out_and_500s_are_retried_with_the_same_key() {
    let yoco = Yoco::start().await;
    let client = yoco.client(support::TEST_KEY, 2000);
    yoco.fault(json!({"kind": "rate_limited", "retry_after": 1, "path_prefix": "checkouts"}))
        .await;
    yoco.fault(json!({"kind": "status", "status": 500, "times": 2, "path_prefix": "checkouts"}))
        .await;

    let started = std::time::Instant::now();
    let checkout = client
        .create_checkout(&order(5000), "idem-429")
        .await
        .expect("created");

    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After: 1 was honoured"
    );
    assert!(
        !checkout.replayed,
        "the faults struck before any work: the last try created it"
    );
    assert_eq!(yoco.stats().await["faults_applied"], 3);
    assert_eq!(yoco.checkout_count().await, 1);
}

#[tokio::test]
async fn a_wrong_key_is_a_403_and_under_200_cents_is_refused_with_yocos_words() {
    let yoco = Yoco::start().await;
    let wrong = yoco.client("sk_test_revoked123456789012", 2000);
    let error = wrong
        .create_checkout(&order(1000), "idem-403")
        .await
        .unwrap_err();
    assert!(matches!(error, YocoError::Forbidden(_)), "{error:?}");
    assert_eq!(yoco.stats().await["forbidden"], 1, "not retried");

    let client = yoco.client(support::TEST_KEY, 2000);
    let small = client
        .create_checkout(&order(199), "idem-199")
        .await
        .unwrap_err();
    assert_eq!(
        small,
        YocoError::Rejected {
            status: 400,
            message: "amount must be at least 200 cents (R2.00)".into()
        }
    );
    assert_eq!(
        client.checkout("ch_nope").await.unwrap_err(),
        YocoError::NotFound("Checkout not found".into())
    );
}
