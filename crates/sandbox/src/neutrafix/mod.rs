//! The NeuTrafix route exchange, served by the sandbox under `/neutrafix/` (its own state, its
//! own rules), following `contracts/neutrafix.md` to the letter: signed form posts checked
//! ("Wrong signature"), per-second and per-hour rate limits answered with 429, a large market
//! whose records carry every parsing trap the contract lists, purchases answering `rates_url`,
//! `tech_prefix` and `route_type`, "already purchased" as an error, rate decks as CSV with
//! traps of their own. Sign-up and the buyer's account follow the client's [assumed] adapter
//! (`crates/neutrafix/src/assumed.rs`). Under `/neutrafix/__sandbox/` tests find controls.
//!
//! The platform's side (the carrier, rate cards and rules the app writes) is in [`platform`].

// Handlers here answer early with a ready axum `Response` as the error; its size does not
// matter in a test server.
#![allow(clippy::result_large_err)]

mod countries;
mod deck;
mod inventory;
mod market;
pub(crate) mod platform;
mod signup;

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Form, Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use inventory::Inventory;

/// A verified buyer every sandbox has, for the app's demo and the tests.
pub const NEUTRAFIX_DEMO_LOGIN: &str = "demo-buyer";
/// Its API key.
pub const NEUTRAFIX_DEMO_KEY: &str = "nx-demo-7f3a9c1e5b2d4f60";
const DEMO_ACCOUNT: &str = "7001";

/// A buyer's account.
#[derive(Debug, Clone)]
struct Account {
    key: String,
    i_account: String,
    company: String,
    /// Connection ids bought.
    purchased: HashSet<u64>,
}

/// What tests can read back.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct ExchangeStats {
    pub(crate) searches: u64,
    pub(crate) purchase_requests: u64,
    /// Purchases that bought something (never twice for one buyer and route).
    pub(crate) purchases_made: u64,
    pub(crate) already_purchased: u64,
    pub(crate) wrong_signatures: u64,
    pub(crate) rate_limited: u64,
    pub(crate) decks_served: u64,
    pub(crate) chunks_received: u64,
}

/// Settings tests change through the control routes.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub(crate) struct Controls {
    pub(crate) per_second: usize,
    pub(crate) per_hour: usize,
    /// The next N purchases are made, then answered only after `slow_ms` (a lost answer).
    pub(crate) slow_purchases: u32,
    pub(crate) slow_ms: u64,
    /// Applications are verified this long after submission.
    pub(crate) verify_after_secs: u64,
}

impl Default for Controls {
    fn default() -> Self {
        Self {
            per_second: 10,
            per_hour: 5000,
            slow_purchases: 0,
            slow_ms: 0,
            verify_after_secs: 60,
        }
    }
}

#[derive(Debug, Default)]
struct Data {
    accounts: HashMap<String, Account>,
    applications: HashMap<String, signup::Application>,
    calls: HashMap<String, VecDeque<Instant>>,
    stats: ExchangeStats,
    controls: Controls,
    next_account: u64,
}

/// The exchange's state.
#[derive(Debug, Default)]
pub(crate) struct Exchange {
    inventory: OnceLock<Inventory>,
    data: Mutex<Data>,
}

pub(crate) type Shared = Arc<Exchange>;

impl Exchange {
    fn new() -> Self {
        let exchange = Self::default();
        {
            let mut data = exchange.data();
            data.next_account = 7002;
            data.accounts.insert(
                NEUTRAFIX_DEMO_LOGIN.to_owned(),
                Account {
                    key: NEUTRAFIX_DEMO_KEY.to_owned(),
                    i_account: DEMO_ACCOUNT.to_owned(),
                    company: "Sandbox Telecom Ltd".to_owned(),
                    purchased: HashSet::new(),
                },
            );
        }
        exchange
    }

    fn data(&self) -> MutexGuard<'_, Data> {
        self.data.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The market, generated on first use.
    fn inventory(&self) -> &Inventory {
        self.inventory.get_or_init(Inventory::generate)
    }
}

/// The exchange's routes, with their own state; nested at `/neutrafix`.
pub(crate) fn router<S>() -> Router<S> {
    let state: Shared = Arc::new(Exchange::new());
    Router::new()
        .route("/marketview/search", post(market::search))
        .route("/buyers/interconnect", post(purchase))
        .route("/buyers/interconnects", post(my_interconnects))
        .route("/account/info", post(account_info))
        .route("/rates/{file}", get(deck::serve))
        .route("/signup", post(signup::start))
        .route("/signup/{id}", get(signup::status))
        .route("/signup/{id}/documents", post(signup::add_document))
        .route("/signup/{id}/documents/{doc}/content", put(signup::content))
        .route("/signup/{id}/submit", post(signup::submit))
        .route("/__sandbox/stats", get(stats))
        .route("/__sandbox/controls", get(controls).post(set_controls))
        .route("/__sandbox/verify/{id}", post(signup::verify_now))
        .with_state(state)
}

/// An error as the exchange words it: HTTP 200 with `{status: "error", message}`.
fn refusal(message: &str) -> Response {
    Json(json!({"status": "error", "message": message})).into_response()
}

fn too_many() -> Response {
    let body = Json(json!({"status": "error", "message": "Too many requests"}));
    (StatusCode::TOO_MANY_REQUESTS, [("Retry-After", "1")], body).into_response()
}

fn hex_sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Checks the signature and the rate limits of a signed call; answers the caller's login.
fn authorise(
    exchange: &Exchange,
    controller: &str,
    form: &HashMap<String, String>,
) -> Result<String, Response> {
    let field = |name: &str| form.get(name).map(String::as_str).unwrap_or_default();
    let (login, ts, signature) = (field("api_login"), field("ts"), field("signature"));
    let mut data = exchange.data();
    let expected = data
        .accounts
        .get(login)
        .map(|a| hex_sha256(&format!("{controller}{}{login}{ts}", a.key)));
    let fresh = ts
        .parse::<i64>()
        .is_ok_and(|ts| (chrono::Utc::now().timestamp() - ts).abs() <= 300);
    if expected.as_deref() != Some(signature) || !fresh {
        data.stats.wrong_signatures += 1;
        return Err(refusal("Wrong signature"));
    }
    let (per_second, per_hour) = (data.controls.per_second, data.controls.per_hour);
    let calls = data.calls.entry(login.to_owned()).or_default();
    let now = Instant::now();
    while calls
        .front()
        .is_some_and(|t| now.duration_since(*t) > Duration::from_secs(3600))
    {
        calls.pop_front();
    }
    let last_second = calls
        .iter()
        .rev()
        .take_while(|t| now.duration_since(**t) < Duration::from_secs(1))
        .count();
    if last_second >= per_second || calls.len() >= per_hour {
        data.stats.rate_limited += 1;
        return Err(too_many());
    }
    calls.push_back(now);
    Ok(login.to_owned())
}

type FormMap = Form<HashMap<String, String>>;

async fn account_info(State(ex): State<Shared>, Form(form): FormMap) -> Response {
    let login = match authorise(&ex, "account/info", &form) {
        Ok(login) => login,
        Err(response) => return response,
    };
    let data = ex.data();
    let account = &data.accounts[&login];
    Json(json!({
        "status": "success",
        "i_account": account.i_account.parse::<u64>().map_or(json!(account.i_account), |n| json!(n)),
        "company": account.company,
        "balance": "1520.35",
    }))
    .into_response()
}

/// The deck address, tech prefix and type of a connection, as a purchase answers them.
fn interconnect(ex: &Exchange, host: &str, connection: u64) -> Value {
    let inventory = ex.inventory();
    let kind = inventory
        .connections
        .iter()
        .find(|c| c.id == connection)
        .map_or("voice", |c| {
            if c.route_type == "SMS" {
                "sms"
            } else {
                "voice"
            }
        });
    json!({
        "id": connection,
        "rates_url": format!("http://{host}/neutrafix/rates/{connection}.csv"),
        "tech_prefix": format!("{}{connection}#", 33),
        "route_type": kind,
    })
}

fn host(headers: &HeaderMap) -> String {
    headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1")
        .to_owned()
}

async fn purchase(State(ex): State<Shared>, headers: HeaderMap, Form(form): FormMap) -> Response {
    let login = match authorise(&ex, "buyers/interconnect", &form) {
        Ok(login) => login,
        Err(response) => return response,
    };
    let field = |name: &str| form.get(name).map(String::as_str).unwrap_or_default();
    if field("add") != "1" || field("agree") != "yes" {
        return refusal("You must agree to the terms (agree=yes) to add an interconnect");
    }
    let Ok(connection) = field("id").parse::<u64>() else {
        return refusal("Unknown interconnect");
    };
    if !ex
        .inventory()
        .connections
        .iter()
        .any(|c| c.id == connection)
    {
        return refusal("Unknown interconnect");
    }
    let slow = {
        let mut data = ex.data();
        data.stats.purchase_requests += 1;
        let account = data.accounts.get_mut(&login).expect("authorised");
        if account.i_account != field("i_account") {
            return refusal("Invalid i_account");
        }
        if !account.purchased.insert(connection) {
            data.stats.already_purchased += 1;
            return refusal("Interconnect already purchased");
        }
        data.stats.purchases_made += 1;
        let slow = data.controls.slow_purchases > 0;
        if slow {
            data.controls.slow_purchases -= 1;
        }
        slow.then(|| Duration::from_millis(data.controls.slow_ms))
    };
    if let Some(delay) = slow {
        tokio::time::sleep(delay).await;
    }
    let mut answer = interconnect(&ex, &host(&headers), connection);
    answer["status"] = json!("success");
    Json(answer).into_response()
}

async fn my_interconnects(
    State(ex): State<Shared>,
    headers: HeaderMap,
    Form(form): FormMap,
) -> Response {
    let login = match authorise(&ex, "buyers/interconnects", &form) {
        Ok(login) => login,
        Err(response) => return response,
    };
    let mut bought: Vec<u64> = ex.data().accounts[&login]
        .purchased
        .iter()
        .copied()
        .collect();
    bought.sort_unstable();
    let host = host(&headers);
    let list: Vec<Value> = bought
        .into_iter()
        .map(|c| interconnect(&ex, &host, c))
        .collect();
    Json(json!({"status": "success", "interconnects": list})).into_response()
}

async fn stats(State(ex): State<Shared>) -> Json<ExchangeStats> {
    Json(ex.data().stats.clone())
}

async fn controls(State(ex): State<Shared>) -> Json<Controls> {
    Json(ex.data().controls.clone())
}

async fn set_controls(State(ex): State<Shared>, Json(controls): Json<Controls>) -> Json<Controls> {
    ex.data().controls = controls.clone();
    Json(controls)
}

/// Path parameters of the sign-up routes.
type Ids = Path<(String, String)>;

/// The inventory's generator, for other deterministic ids of the sandbox's NeuTrafix side.
pub(crate) fn inventory_mix(x: u64) -> u64 {
    inventory::mix(x)
}
