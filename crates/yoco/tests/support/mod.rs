//! What the Yoco tests share: a sandbox on loopback (platform and Yoco), a real Core signed in
//! to it on a temporary folder and its own keyring service, a Yoco install configured with a
//! key, the feature's engine, and a driver for the sandbox's checkout page and controls.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use cx_core::models::StoreQuery;
use cx_core::{Core, Secret};
use cx_sandbox::{Sandbox, DEMO_LOGIN, DEMO_PASSWORD};
use cx_testkit::{install, open_core, start_sandbox, unique_service, values, Platform, YOCO};
use cx_yoco::client::ClientOptions;
use cx_yoco::models::{TopUpRequest, TopUpState, TopUpView};
use cx_yoco::{EngineOptions, TopUps};
use serde_json::{json, Value};
use tempfile::TempDir;

/// The one ZAR customer the tests top up (the sandbox's "Cape Point Connect").
pub const ZAR_CUSTOMER: &str = "1206";

pub const TEST_KEY: &str = "sk_test_4f9Qm2Zx7Lp3Rt8Vw1Ky";
pub const LIVE_KEY: &str = "sk_live_8Hc2Np5Tq9Wm3Xr6Zb1Vd";

/// Fast polling and short timeouts: a test that goes wrong fails quickly.
pub fn fast_options() -> EngineOptions {
    EngineOptions {
        client: ClientOptions {
            timeout: Duration::from_secs(2),
            retries: 6,
            backoff: Duration::from_millis(20),
            max_wait: Duration::from_secs(2),
        },
        poll_first: Duration::from_millis(20),
        poll_max: Duration::from_millis(100),
        ..EngineOptions::default()
    }
}

/// One running app: its folder and keyring service outlive restarts.
pub struct World {
    pub sandbox: Sandbox,
    pub dir: TempDir,
    pub service: String,
    pub core: Arc<Core>,
    pub engine: Arc<TopUps>,
    pub install_id: String,
    pub http: reqwest::Client,
}

impl World {
    /// A sandbox, a signed-in core, Yoco 1.3.0 installed and configured with `key` and a
    /// surcharge of `surcharge_type`/`surcharge`.
    pub async fn new(key: &str, surcharge_type: &str, surcharge: &str) -> World {
        Self::with_options(key, surcharge_type, surcharge, fast_options()).await
    }

    pub async fn with_options(
        key: &str,
        surcharge_type: &str,
        surcharge: &str,
        options: EngineOptions,
    ) -> World {
        let sandbox = start_sandbox().await;
        let dir = tempfile::tempdir().expect("a temporary folder");
        let service = unique_service("yoco");
        let core = signed_in_core(&sandbox, &dir, &service).await;
        let installed = install(&core, YOCO, "Yoco Top-ups", "1.3.0").await;
        let engine = TopUps::open(core.clone(), options).expect("yoco.sqlite3 opens");
        let form = cx_yoco::models::SettingsForm {
            api_user: "demo@sandbox.connexcs.test".into(),
            secret_key: cx_core::Secret::new(key),
            surcharge_type: surcharge_type.into(),
            surcharge: surcharge.into(),
        };
        engine
            .save_settings(&installed.id, form)
            .await
            .expect("the settings save");
        World {
            sandbox,
            dir,
            service,
            core,
            engine,
            install_id: installed.id,
            http: reqwest::Client::new(),
        }
    }

    /// Closes the app and opens it again on the same folder and keyring: a new Core, a new
    /// engine, pending top-ups resumed.
    pub async fn restart(&mut self, options: EngineOptions) {
        self.engine.shutdown();
        let core = signed_in_core(&self.sandbox, &self.dir, &self.service).await;
        self.core = core.clone();
        self.engine = TopUps::open(core, options).expect("yoco.sqlite3 opens again");
        let _ = values(&[]);
    }

    pub fn yoco_url(&self, path: &str) -> String {
        format!("http://{}/yoco/{path}", self.sandbox.addr())
    }

    pub async fn top_up(&self, attempt: &str, amount: &str) -> TopUpView {
        self.engine
            .start(&self.install_id, request(attempt, amount))
            .await
            .expect("the top-up starts")
    }

    /// Presses a button of the sandbox's checkout page: `pay`, `cancel` or `expire`.
    pub async fn press(&self, checkout_id: &str, action: &str) -> String {
        let page = self.yoco_url(&format!("pay/{checkout_id}"));
        let shown = self.http.get(&page).send().await.expect("the page answers");
        assert!(shown.status().is_success(), "the checkout page opens");
        let url = format!("{page}/{action}");
        let answer = self.http.post(url).send().await.expect("the page answers");
        answer.text().await.unwrap_or_default()
    }

    /// Queues a fault on the sandbox's Yoco API.
    pub async fn yoco_fault(&self, fault: Value) {
        let url = self.yoco_url("__sandbox/fault");
        let answer = self
            .http
            .post(url)
            .json(&fault)
            .send()
            .await
            .expect("control answers");
        assert!(answer.status().is_success(), "the fault is accepted");
    }

    pub async fn yoco_stats(&self) -> Value {
        let url = self.yoco_url("__sandbox/stats");
        self.http
            .get(url)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    pub async fn checkouts(&self) -> Vec<Value> {
        let url = self.yoco_url("__sandbox/checkouts");
        self.http
            .get(url)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    pub async fn force_status(&self, checkout_id: &str, status: &str, payment_id: Option<&str>) {
        let url = self.yoco_url(&format!("__sandbox/checkouts/{checkout_id}/status"));
        let body = json!({"status": status, "paymentId": payment_id});
        let answer = self.http.post(url).json(&body).send().await.unwrap();
        assert!(answer.status().is_success());
    }

    /// Waits (up to 20 s) until the top-up reaches `state`.
    pub async fn wait_for(&self, id: &str, state: TopUpState) -> TopUpView {
        for _ in 0..2000 {
            let view = self.engine.view(id).expect("the top-up is on record");
            if view.state == state {
                return view;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!(
            "top-up {id} never reached {state:?}: {:?}",
            self.engine.view(id)
        );
    }
}

pub fn request(attempt: &str, amount: &str) -> TopUpRequest {
    TopUpRequest {
        attempt: attempt.into(),
        customer_id: ZAR_CUSTOMER.into(),
        amount: amount.into(),
    }
}

pub async fn signed_in_core(sandbox: &Sandbox, dir: &TempDir, service: &str) -> Arc<Core> {
    let core = Arc::new(open_core(dir.path(), service));
    core.sign_in_sandbox(&sandbox.base_url(), DEMO_LOGIN, Secret::new(DEMO_PASSWORD))
        .await
        .expect("the demo login signs in");
    core.refresh_store(&StoreQuery::default())
        .await
        .expect("the store answers");
    core
}

/// The platform's payments of a customer whose description carries `marker`.
pub async fn payments_with(sandbox: &Sandbox, customer: &str, marker: &str) -> Vec<Value> {
    let platform = Platform::connect(sandbox).await;
    let query = [("company_id", customer.to_owned())];
    let all: Vec<Value> = platform
        .client
        .list_all("payment", &query, 100)
        .await
        .expect("the platform lists payments");
    all.into_iter()
        .filter(|p| {
            p["description"]
                .as_str()
                .is_some_and(|d| d.contains(marker))
        })
        .collect()
}

/// A customer's credit, in cents, as the platform holds it.
pub async fn credit_cents(sandbox: &Sandbox, customer: &str) -> i64 {
    let platform = Platform::connect(sandbox).await;
    let value: Value = platform
        .client
        .get(&format!("customer/{customer}"), &[])
        .await
        .expect("the customer reads");
    let text = match &value["credit"] {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    cx_yoco::money::parse_cents(text.trim_start_matches('-'))
        .map(|c| if text.starts_with('-') { -c.0 } else { c.0 })
        .expect("credit is money")
}
