//! Autonomous Calling's calls, simulated: the app's `originate` and `status` functions as the
//! desktop client calls them through `POST scriptforge/1187/main/{originate,status}`.
//!
//! The route and both answer shapes are the project's assumption (see `docs/assumed-api.md`);
//! the arguments of `originate` are the contract's: exactly `company`, `server`, `destination`,
//! `cli` and `extension`. No real call is ever placed. Each call gets an outcome drawn in
//! realistic proportions (answered 45%, no answer 30%, busy 15%, failed 10%) from a generator
//! seeded by the destination, so a run can be repeated; it rings and talks for realistic
//! times, multiplied by [`CallSettings::time_scale`] so tests run fast.
//!
//! Like a platform with a per-account calls-per-second cap, more than
//! [`CallSettings::cps_limit`] originates within any one second are refused with 429 and
//! `Retry-After`. Every originate that was accepted is kept in [`Calls::records`], so a test
//! can count how often each destination was dialled. Faults on request come from the general
//! fault queue (`scriptforge/1187/main/originate` as the prefix), plus
//! [`CallSettings::answer_delay`]: the call is placed at once, its answer held back, which
//! leaves a client killed in between not knowing whether it dialled.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, NaiveDateTime, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::error::{rate_limited, ApiError};
use crate::listing::scalar_text;
use crate::seed::featured::AUTONOMOUS_CALLING_ID;
use crate::state::Shared;
use crate::stats::ScriptCall;
use crate::store::Coll;

/// Knobs of the simulation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CallSettings {
    /// Ringing and talking times are multiplied by this: 1.0 is real time, 0.001 turns a
    /// two-minute call into 120 ms.
    pub time_scale: f64,
    /// Originates accepted within any one second; the next is answered 429.
    pub cps_limit: u32,
    /// How long `originate` waits, after placing the call, before it answers.
    pub answer_delay_ms: u64,
}

impl Default for CallSettings {
    fn default() -> Self {
        Self {
            time_scale: 1.0,
            cps_limit: 30,
            answer_delay_ms: 0,
        }
    }
}

/// How a call ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallOutcome {
    Answered,
    Busy,
    NoAnswer,
    Failed,
}

/// One call the sandbox placed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CallRecord {
    pub call_id: String,
    /// The `company` argument, as sent.
    pub company: String,
    pub server: String,
    pub destination: String,
    pub cli: String,
    pub extension: String,
    /// When the originate was accepted.
    pub placed_at: DateTime<Utc>,
    /// What the call will come to.
    pub outcome: CallOutcome,
    /// Why a failed call failed.
    pub reason: Option<String>,
    /// Ringing time, then talking time (zero unless answered), already scaled.
    pub ring: Duration,
    pub talk: Duration,
}

/// The simulated calls of one sandbox.
#[derive(Debug, Default)]
pub struct Calls {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    settings: CallSettings,
    records: Vec<CallRecord>,
    /// When the originates of the last second were accepted.
    recent: VecDeque<Instant>,
}

impl Calls {
    /// Replaces the knobs; calls already placed keep their times.
    pub fn configure(&self, settings: CallSettings) {
        self.lock().settings = settings;
    }

    pub fn settings(&self) -> CallSettings {
        self.lock().settings.clone()
    }

    /// Every call placed, in order.
    pub fn records(&self) -> Vec<CallRecord> {
        self.lock().records.clone()
    }

    /// How many calls were placed to `destination`.
    pub fn placed_to(&self, destination: &str) -> usize {
        let inner = self.lock();
        inner
            .records
            .iter()
            .filter(|r| r.destination == destination)
            .count()
    }

    /// Forgets the calls (the knobs stay).
    pub(crate) fn reset(&self) {
        let mut inner = self.lock();
        inner.records.clear();
        inner.recent.clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Answers Autonomous Calling's `originate` and `status`; `None` for any other function, which
/// the generic script runner then answers.
pub(crate) async fn handle(state: &Shared, call: &ScriptCall) -> Option<Response> {
    if call.app_id != AUTONOMOUS_CALLING_ID.to_string() {
        return None;
    }
    match call.function.as_str() {
        "originate" => Some(originate(state, &call.body).await),
        "status" => Some(status(state, &call.body)),
        _ => None,
    }
}

async fn originate(state: &Shared, body: &Value) -> Response {
    let request = match OriginateRequest::read(state, body) {
        Ok(request) => request,
        Err(error) => return error.into_response(),
    };
    let delay = {
        let mut inner = state.calls.lock();
        if !inner.admit(Instant::now()) {
            return rate_limited(1);
        }
        let record = request.place(&inner.settings, inner.records.len());
        tracing::info!(call = %record.call_id, "sandbox call placed");
        let answer = json!({ "status": "OK", "call_id": record.call_id });
        inner.records.push(record);
        (
            Duration::from_millis(inner.settings.answer_delay_ms),
            answer,
        )
    };
    if !delay.0.is_zero() {
        tokio::time::sleep(delay.0).await;
    }
    Json(delay.1).into_response()
}

impl Inner {
    /// Counts the originate against the calls-per-second cap, or refuses it.
    fn admit(&mut self, now: Instant) -> bool {
        while let Some(first) = self.recent.front() {
            if now.duration_since(*first) < Duration::from_secs(1) {
                break;
            }
            self.recent.pop_front();
        }
        if self.recent.len() >= self.settings.cps_limit as usize {
            return false;
        }
        self.recent.push_back(now);
        true
    }
}

/// The five arguments of the platform's `originate`, checked.
struct OriginateRequest {
    company: String,
    server: String,
    destination: String,
    cli: String,
    extension: String,
}

impl OriginateRequest {
    fn read(state: &Shared, body: &Value) -> Result<Self, ApiError> {
        let text = |key: &str| {
            body.get(key)
                .and_then(scalar_text)
                .filter(|v| !v.trim().is_empty())
                .ok_or_else(|| ApiError::bad_request(format!("{key} is required")))
        };
        let request = Self {
            company: text("company")?,
            server: text("server")?,
            destination: text("destination")?,
            cli: text("cli")?,
            extension: text("extension")?,
        };
        for (name, value) in [("destination", &request.destination), ("cli", &request.cli)] {
            if !is_e164(value) {
                let message = format!("{name} must be a number in E.164 format");
                return Err(ApiError::bad_request(message));
            }
        }
        request.check_account(state)?;
        Ok(request)
    }

    /// The customer, server and extension must exist, and the extension be the customer's.
    fn check_account(&self, state: &Shared) -> Result<(), ApiError> {
        let store = state.store();
        if store.find(Coll::Customers, &self.company).is_none() {
            return Err(ApiError::bad_request("Unknown company"));
        }
        let server_known = store
            .all(Coll::Servers)
            .iter()
            .any(|s| s["alias"].as_str() == Some(self.server.as_str()));
        if !server_known {
            return Err(ApiError::bad_request("Unknown server"));
        }
        let extension_known = store.all(Coll::SipUsers).iter().any(|u| {
            u["username"].as_str() == Some(self.extension.as_str())
                && scalar_text(&u["company_id"]).as_deref() == Some(self.company.as_str())
        });
        if !extension_known {
            return Err(ApiError::bad_request("Unknown extension for this company"));
        }
        Ok(())
    }

    fn place(self, settings: &CallSettings, index: usize) -> CallRecord {
        let mut rng = StdRng::seed_from_u64(seed_of(&self.destination));
        let (outcome, reason, ring, talk) = draw(&mut rng);
        let scale = |seconds: f64| Duration::from_secs_f64(seconds * settings.time_scale.max(0.0));
        CallRecord {
            call_id: format!("ac-{:06}", index + 1),
            company: self.company,
            server: self.server,
            destination: self.destination,
            cli: self.cli,
            extension: self.extension,
            placed_at: Utc::now(),
            outcome,
            reason: reason.map(str::to_owned),
            ring: scale(ring),
            talk: scale(talk),
        }
    }
}

fn is_e164(value: &str) -> bool {
    let Some(digits) = value.strip_prefix('+') else {
        return false;
    };
    (8..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
}

/// A stable seed per destination (FNV-1a), so a rerun gives every number the same fate.
fn seed_of(destination: &str) -> u64 {
    destination
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
}

const FAILURES: [&str; 3] = [
    "Number unreachable (SIP 404)",
    "Congestion (SIP 503)",
    "Call rejected (SIP 603)",
];

/// Outcome, reason, ringing seconds and talking seconds, in a dialer's usual proportions.
fn draw(rng: &mut StdRng) -> (CallOutcome, Option<&'static str>, f64, f64) {
    let roll: f64 = rng.random();
    if roll < 0.45 {
        let ring = rng.random_range(4.0..20.0);
        (
            CallOutcome::Answered,
            None,
            ring,
            rng.random_range(15.0..180.0),
        )
    } else if roll < 0.75 {
        (CallOutcome::NoAnswer, None, 30.0, 0.0)
    } else if roll < 0.90 {
        (CallOutcome::Busy, None, rng.random_range(2.0..5.0), 0.0)
    } else {
        let reason = FAILURES[rng.random_range(0..FAILURES.len())];
        (
            CallOutcome::Failed,
            Some(reason),
            rng.random_range(0.5..3.0),
            0.0,
        )
    }
}

/// `status {call_id}` answers that call (404 when unknown); `status {destination, since}`
/// answers a bare array of the calls placed to it from `since` (`YYYY-MM-DD HH:MM:SS`, UTC)
/// on, empty when none was.
fn status(state: &Shared, body: &Value) -> Response {
    let inner = state.calls.lock();
    let now = Utc::now();
    if let Some(call_id) = body.get("call_id").and_then(scalar_text) {
        return match inner.records.iter().find(|r| r.call_id == call_id) {
            Some(record) => Json(describe(record, now)).into_response(),
            None => ApiError::not_found("Call").into_response(),
        };
    }
    let destination = body.get("destination").and_then(scalar_text);
    let since = body
        .get("since")
        .and_then(Value::as_str)
        .and_then(|text| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").ok())
        .map(|naive| naive.and_utc());
    let (Some(destination), Some(since)) = (destination, since) else {
        let message = "status needs call_id, or destination and since (YYYY-MM-DD HH:MM:SS)";
        return ApiError::bad_request(message).into_response();
    };
    let calls: Vec<Value> = inner
        .records
        .iter()
        .filter(|r| r.destination == destination && r.placed_at >= since)
        .map(|r| describe(r, now))
        .collect();
    Json(Value::Array(calls)).into_response()
}

/// A call as `status` shows it: `ringing`, `up` (answered, talking) or `ended`, with the
/// outcome and the talk time (seconds, as a string, the platform's way) once it has ended.
fn describe(record: &CallRecord, now: DateTime<Utc>) -> Value {
    let elapsed = (now - record.placed_at).to_std().unwrap_or_default();
    let ended = elapsed >= record.ring + record.talk;
    let call_state = if ended {
        "ended"
    } else if elapsed >= record.ring {
        "up"
    } else {
        "ringing"
    };
    json!({
        "call_id": record.call_id,
        "destination": record.destination,
        "placed_at": record.placed_at.format("%Y-%m-%d %H:%M:%S").to_string(),
        "state": call_state,
        "outcome": ended.then_some(record.outcome),
        "reason": if ended { record.reason.as_deref() } else { None },
        "duration": ended.then(|| format!("{:.3}", record.talk.as_secs_f64())),
    })
}

/// `/__sandbox/calls`: `GET` every call placed; `PUT` [`CallSettings`] (missing keys take
/// their defaults); `GET /__sandbox/calls/settings` the knobs.
pub(crate) fn control_routes() -> Router<Shared> {
    Router::new()
        .route("/calls", get(list).put(configure))
        .route("/calls/settings", get(settings))
}

async fn list(axum::extract::State(state): axum::extract::State<Shared>) -> Json<Vec<CallRecord>> {
    Json(state.calls.records())
}

async fn settings(axum::extract::State(state): axum::extract::State<Shared>) -> Json<CallSettings> {
    Json(state.calls.settings())
}

async fn configure(
    axum::extract::State(state): axum::extract::State<Shared>,
    Json(settings): Json<CallSettings>,
) -> Json<Value> {
    state.calls.configure(settings);
    Json(json!({ "status": "OK" }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_admits_that_many_in_a_second_then_refuses_until_the_first_is_a_second_old() {
        let mut inner = Inner {
            settings: CallSettings {
                cps_limit: 2,
                ..CallSettings::default()
            },
            ..Inner::default()
        };
        let start = Instant::now();

        assert!(inner.admit(start));
        assert!(inner.admit(start + Duration::from_millis(10)));
        assert!(
            !inner.admit(start + Duration::from_millis(999)),
            "a third within the second"
        );
        assert!(
            inner.admit(start + Duration::from_millis(1000)),
            "the first is a second old"
        );
    }

    #[test]
    fn outcomes_come_in_a_dialers_proportions() {
        let mut counts = [0u32; 4];
        for n in 0..10_000 {
            let mut rng = StdRng::seed_from_u64(seed_of(&format!("+1202555{n:04}")));
            let index = match draw(&mut rng).0 {
                CallOutcome::Answered => 0,
                CallOutcome::NoAnswer => 1,
                CallOutcome::Busy => 2,
                CallOutcome::Failed => 3,
            };
            counts[index] += 1;
        }

        let share = |i: usize| f64::from(counts[i]) / 10_000.0;
        assert!((share(0) - 0.45).abs() < 0.03, "answered {counts:?}");
        assert!((share(1) - 0.30).abs() < 0.03, "no answer {counts:?}");
        assert!((share(2) - 0.15).abs() < 0.03, "busy {counts:?}");
        assert!((share(3) - 0.10).abs() < 0.03, "failed {counts:?}");
    }
}
