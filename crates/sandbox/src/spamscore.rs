//! DID Spam Score's check, as the sandbox models it, and its control knob.
//!
//! The trigger is an assumption (`docs/assumed-api.md`): the installed app's function
//! `POST scriptforge/1042/main/spam_score` with `{"ids": [DID ids], "email": "report address"}`.
//! It refuses when the Spam Score package is not on the account (`setup/package`) or the app's
//! `cx_api_user` variable is empty, before anything is charged. Otherwise each DID gets a new
//! score, drifting from its last one, written back to its `spam_score` field; the checks are
//! charged (counted in [`crate::Stats::spam_score_dids_charged`]) and the report e-mail is
//! recorded in [`crate::Stats::emails`] so a test can read what was sent.
//!
//! `POST /__sandbox/spam-score/package {"enabled": bool}` (or
//! [`crate::Sandbox::set_spam_score_package`]) takes the package off the account or puts it
//! back; a reset puts it back.

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::listing::scalar_text;
use crate::seed::featured::SPAM_SCORE_ID;
use crate::state::{AppState, Shared};
use crate::stats::SentEmail;
use crate::store::{Coll, Store};

/// What the package's `type` list carries.
const PACKAGE_TYPE: &str = "spam_score";

/// A DID's score never leaves 0..=100, and moves by at most this much between two checks.
const MAX_DRIFT: i64 = 12;

/// The function's log lines and its answer.
pub(crate) type Ran = (Vec<String>, Result<Value, ApiError>);

/// Runs the check for the DIDs the body names.
pub(crate) fn run(state: &AppState, body: &Value) -> Ran {
    let mut store = state.store();
    if let Err(error) = ready(&store) {
        return (vec![], Err(error));
    }
    let (ids, email) = match request(&store, body) {
        Ok(request) => request,
        Err(error) => return (vec![], Err(error)),
    };

    let mut logs = Vec::new();
    let mut lines = Vec::new();
    let mut numbers = Vec::new();
    for id in &ids {
        let Some(did) = store.find_mut(Coll::Dids, id) else {
            continue;
        };
        let number = scalar_text(&did["did"]).unwrap_or_default();
        let score = drifted(&number, &did["spam_score"]);
        did["spam_score"] = json!(score);
        logs.push(format!("Checked +{number}: {score}"));
        lines.push(format!("+{number}\t{score}"));
        numbers.push(number);
    }
    drop(store);

    let sent = SentEmail {
        to: email,
        subject: format!("DID Spam Score report: {} DIDs", numbers.len()),
        text: lines.join("\n"),
        dids: numbers.clone(),
    };
    state.stats.update(|stats| {
        stats.spam_score_dids_charged += numbers.len() as u64;
        stats.emails.push(sent);
    });
    logs.push(format!("Report sent for {} DIDs", numbers.len()));
    (
        logs,
        Ok(json!({ "status": "OK", "checked": numbers.len() })),
    )
}

/// The package is on the account and the app knows which user to act as.
fn ready(store: &Store) -> Result<(), ApiError> {
    if !store.all(Coll::Packages).iter().any(is_spam_score) {
        return Err(ApiError::Forbidden(
            "The Spam Score package is not on this account".into(),
        ));
    }
    let api_user = store.all(Coll::Vars).iter().find(|var| {
        scalar_text(&var["app_id"]) == Some(SPAM_SCORE_ID.to_string())
            && var["key"] == "cx_api_user"
    });
    let set = api_user.and_then(|var| var["value"].as_str()).unwrap_or("");
    if set.trim().is_empty() {
        return Err(ApiError::bad_request(
            "cx_api_user is empty: set it to the e-mail of the user the app signs in as",
        ));
    }
    Ok(())
}

/// The DID ids (every one known) and the report address.
fn request(store: &Store, body: &Value) -> Result<(Vec<String>, String), ApiError> {
    let email = body["email"].as_str().unwrap_or_default().trim().to_owned();
    let (local, domain) = email.split_once('@').unwrap_or_default();
    if local.is_empty() || !domain.contains('.') {
        return Err(ApiError::bad_request("email must be an e-mail address"));
    }
    let ids: Vec<String> = body["ids"]
        .as_array()
        .map(|list| list.iter().filter_map(scalar_text).collect())
        .unwrap_or_default();
    if ids.is_empty() {
        return Err(ApiError::bad_request("ids must list at least one DID"));
    }
    if let Some(unknown) = ids.iter().find(|id| store.find(Coll::Dids, id).is_none()) {
        return Err(ApiError::NotFound(format!("DID {unknown} not found")));
    }
    Ok((ids, email))
}

fn is_spam_score(package: &Value) -> bool {
    package["type"]
        .as_array()
        .is_some_and(|kinds| kinds.iter().any(|kind| kind == PACKAGE_TYPE))
}

/// The next score: a step of at most [`MAX_DRIFT`] from the last one, decided by the number
/// and the last score, so runs are repeatable yet every check moves.
fn drifted(number: &str, last: &Value) -> i64 {
    let last = last.as_i64();
    let seed = number
        .bytes()
        .fold(last.unwrap_or(50) as u64 + 7, |hash, byte| {
            hash.wrapping_mul(31).wrapping_add(u64::from(byte))
        });
    let step = (seed % (2 * MAX_DRIFT as u64 + 1)) as i64 - MAX_DRIFT;
    let step = if step == 0 { 1 } else { step };
    (last.unwrap_or(seed as i64 % 60) + step).clamp(0, 100)
}

/// Takes the package off the account, or puts the seeded one back.
pub(crate) fn set_package(state: &AppState, enabled: bool) {
    let mut store = state.store();
    let packages = store.all_mut(Coll::Packages);
    packages.retain(|p| !is_spam_score(p));
    if enabled {
        let seeded = crate::seed::account::packages();
        packages.extend(seeded.into_iter().filter(is_spam_score));
    }
}

pub(crate) fn control_routes() -> Router<Shared> {
    Router::new().route("/spam-score/package", post(package_knob))
}

#[derive(Debug, Deserialize)]
struct PackageKnob {
    enabled: bool,
}

async fn package_knob(State(state): State<Shared>, Json(knob): Json<PackageKnob>) -> Json<Value> {
    set_package(&state, knob.enabled);
    Json(json!({ "status": "OK" }))
}

impl crate::Sandbox {
    /// Puts the Spam Score package on the account (`true`, as seeded) or takes it off.
    pub fn set_spam_score_package(&self, enabled: bool) {
        set_package(self.state(), enabled);
    }
}
