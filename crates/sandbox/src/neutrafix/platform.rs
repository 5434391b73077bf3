//! The platform's write side for carriers, rate cards and rules, which the contract leaves
//! [assumed]; the shapes are the ones `crates/neutrafix/src/cards.rs` documents:
//! `POST carrier`, `GET card` (filters such as `carrier_id`, `name`), `POST card`, and
//! `POST card/{id}/rev/{rev}/rule` with one rule or an array (a prefix already on the revision
//! is replaced). Served behind the platform's auth like every other `/api/cp` path.

use axum::extract::{Path, Query, State};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::error::{ApiError, ApiResult};
use crate::listing::{ListQuery, Shape};
use crate::state::Shared;
use crate::store::Coll;

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/carrier", post(create_carrier))
        .route("/card", post(create_card).get(list_cards))
        .route("/card/{card_id}/rev/{rev}/rule", post(add_rules))
}

fn required(body: &Value, field: &str) -> ApiResult<String> {
    body[field]
        .as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| ApiError::bad_request(format!("{field} is required")))
}

async fn create_carrier(
    State(state): State<Shared>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let name = required(&body, "name")?;
    let mut store = state.store();
    let taken = store
        .all(Coll::Carriers)
        .iter()
        .any(|c| c["name"].as_str() == Some(name.as_str()));
    if taken {
        return Err(ApiError::Conflict(format!(
            "A carrier named \"{name}\" already exists"
        )));
    }
    let carrier = json!({
        "name": name,
        "status": body["status"].as_str().unwrap_or("Active"),
        "currency": body["currency"].as_str().unwrap_or("USD"),
    });
    Ok(Json(store.insert(Coll::Carriers, carrier)))
}

async fn list_cards(
    State(state): State<Shared>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> ApiResult<Json<Value>> {
    let query = ListQuery::parse(&pairs)?;
    let cards = state.store().all(Coll::Cards).to_vec();
    Ok(Json(Shape::Bare.wrap(query.apply(cards, &["name"]))))
}

/// Card ids look like the platform's (`GjjS-E0FO`): derived from a counter, fixed per run.
fn card_id(n: usize) -> String {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789";
    let mut x = crate::neutrafix::inventory_mix(n as u64 + 0x5eed);
    let mut id = String::new();
    for i in 0..8 {
        if i == 4 {
            id.push('-');
        }
        id.push(char::from(LETTERS[(x % LETTERS.len() as u64) as usize]));
        x /= LETTERS.len() as u64;
    }
    id
}

async fn create_card(
    State(state): State<Shared>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let name = required(&body, "name")?;
    let carrier_id = body["carrier_id"].clone();
    let carrier_text = crate::listing::scalar_text(&carrier_id).unwrap_or_default();
    let mut store = state.store();
    if store.find(Coll::Carriers, &carrier_text).is_none() {
        return Err(ApiError::bad_request("carrier_id names no carrier"));
    }
    let id = card_id(store.all(Coll::Cards).len());
    let card = json!({
        "id": id,
        "name": name,
        "carrier_id": carrier_id,
        "active_rev": 1,
        "currency": body["currency"].as_str().unwrap_or("USD"),
    });
    store.push(Coll::Cards, card.clone());
    store.rules_mut(&id, 1);
    Ok(Json(card))
}

async fn add_rules(
    State(state): State<Shared>,
    Path((card_id, rev)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let rev: u32 = rev.parse().map_err(|_| ApiError::not_found("Revision"))?;
    let rules = match body {
        Value::Array(rules) => rules,
        rule @ Value::Object(_) => vec![rule],
        _ => return Err(ApiError::bad_request("send a rule or an array of rules")),
    };
    for rule in &rules {
        let prefix = crate::listing::scalar_text(&rule["prefix"]).unwrap_or_default();
        if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ApiError::bad_request(format!(
                "prefix \"{prefix}\" must be digits"
            )));
        }
    }
    let mut store = state.store();
    if store.find(Coll::Cards, &card_id).is_none() {
        return Err(ApiError::not_found("Rate card"));
    }
    let list = store.rules_mut(&card_id, rev);
    for rule in rules {
        let prefix = crate::listing::scalar_text(&rule["prefix"]).unwrap_or_default();
        let stored = json!({
            "prefix": prefix,
            "name": rule["name"].as_str().unwrap_or_default(),
            "cost": crate::listing::scalar_text(&rule["cost"]).unwrap_or_else(|| "0".into()),
            "mcd": rule["mcd"].as_u64().unwrap_or(0),
            "pulse": rule["pulse"].as_u64().unwrap_or(60),
        });
        match list
            .iter_mut()
            .find(|r| r["prefix"].as_str() == Some(prefix.as_str()))
        {
            Some(existing) => *existing = stored,
            None => list.push(stored),
        }
    }
    Ok(Json(json!({"status": "OK"})))
}
