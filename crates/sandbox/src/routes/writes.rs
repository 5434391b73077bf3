//! Resources a client can change: payments, DIDs and app environment variables. Writes answer
//! `{"status": "OK"}` and creates answer the new object, as the contract says.

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use super::generic::{find, list, list_json, Pairs};
use crate::error::{ApiError, ApiResult, JsonBody};
use crate::listing::{scalar_text, Shape};
use crate::money::{from_cents_like, to_cents};
use crate::state::Shared;
use crate::store::{Coll, Store};
use crate::timefmt::now_stamp;

pub(super) fn routes() -> Router<Shared> {
    Router::new()
        .route("/payment", get(list_payments).post(create_payment))
        .route("/did/{id}", get(get_did).put(update_did))
        .route(
            "/setup/var",
            list(Coll::Vars, Shape::Bare, &["key", "value"]),
        )
        .route(
            "/setup/var",
            axum::routing::post(create_var).put(update_var_by_body),
        )
        .route("/setup/var/{id}", get(get_var).put(update_var_by_id))
}

fn ok() -> Json<Value> {
    Json(json!({ "status": "OK" }))
}

fn body_object(body: &Value) -> ApiResult<&Map<String, Value>> {
    body.as_object()
        .ok_or_else(|| ApiError::bad_request("Expected a JSON object"))
}

impl crate::Sandbox {
    /// Makes `GET payment` leave out every payment's `description` (the contract does not list
    /// the field), so a client that matches payments by description can be shown failing closed.
    pub fn hide_payment_descriptions(&self, hidden: bool) {
        let flag = &self.state().hide_payment_descriptions;
        flag.store(hidden, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Payments newest first, wrapped in `data`.
async fn list_payments(State(state): State<Shared>, Query(pairs): Pairs) -> ApiResult<Json<Value>> {
    let mut items = state.store().all(Coll::Payments).to_vec();
    if state
        .hide_payment_descriptions
        .load(std::sync::atomic::Ordering::Relaxed)
    {
        for item in &mut items {
            if let Some(fields) = item.as_object_mut() {
                fields.remove("description");
            }
        }
    }
    items.sort_by(|a, b| b["payment_time"].as_str().cmp(&a["payment_time"].as_str()));
    list_json(items, &pairs, Shape::Data, &["description", "method"])
}

/// `POST payment`: records a top-up (or, with a negative total, a charge) and moves the
/// customer's credit by it when the status is `Completed`.
async fn create_payment(
    State(state): State<Shared>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Value>> {
    let fields = body_object(&body)?;
    let company_id = fields
        .get("company_id")
        .and_then(scalar_text)
        .unwrap_or_default();
    let mut store = state.store();
    let customer = store.find(Coll::Customers, &company_id).cloned();
    let customer = customer.ok_or_else(|| ApiError::bad_request("company_id is not a customer"))?;
    let total = payment_total(fields)?;
    let currency = payment_currency(fields, &customer)?;
    let status = fields
        .get("status")
        .and_then(Value::as_str)
        .unwrap_or("Completed")
        .to_owned();

    if status == "Completed" {
        credit_customer(&mut store, &company_id, total);
    }
    let payment = json!({
        "company_id": customer["id"],
        "amount": from_cents_like(total, &json!("")),
        "currency": currency,
        "payment_time": now_stamp(),
        "method": "API",
        "status": status,
        "description": fields.get("description").cloned().unwrap_or(Value::Null),
    });
    store.insert(Coll::Payments, payment);
    Ok(ok())
}

fn payment_total(fields: &Map<String, Value>) -> ApiResult<i64> {
    let total = fields.get("total").and_then(to_cents);
    match total {
        Some(0) => Err(ApiError::bad_request("total must not be zero")),
        Some(cents) => Ok(cents),
        None => Err(ApiError::bad_request(
            "total must be an amount with at most two decimals",
        )),
    }
}

/// The payment's currency must be the customer's: the platform does not convert.
fn payment_currency(fields: &Map<String, Value>, customer: &Value) -> ApiResult<String> {
    let own = customer["currency"].as_str().unwrap_or("USD");
    match fields.get("currency").and_then(Value::as_str) {
        None => Ok(own.to_owned()),
        Some(given) if given.eq_ignore_ascii_case(own) => Ok(own.to_owned()),
        Some(given) => Err(ApiError::bad_request(format!(
            "currency {given} does not match the customer's currency {own}"
        ))),
    }
}

/// Moves `credit` by `cents`, keeping its JSON type (string or number).
fn credit_customer(store: &mut Store, company_id: &str, cents: i64) {
    if let Some(customer) = store.find_mut(Coll::Customers, company_id) {
        let credit = customer["credit"].clone();
        let now = to_cents(&credit).unwrap_or(0) + cents;
        customer["credit"] = from_cents_like(now, &credit);
    }
}

async fn get_did(State(state): State<Shared>, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    find(&state, Coll::Dids, &id, "DID").map(Json)
}

/// Fields of a DID a `PUT` may change.
const DID_WRITABLE: [&str; 5] = [
    "destination",
    "tags",
    "customer_id",
    "spam_score",
    "ftc_reported",
];

/// `PUT did/{id}`: a partial update; fields the DID cannot take are refused, not ignored.
async fn update_did(
    State(state): State<Shared>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Value>> {
    let fields = body_object(&body)?;
    if let Some(bad) = fields.keys().find(|k| !DID_WRITABLE.contains(&k.as_str())) {
        return Err(ApiError::bad_request(format!(
            "{bad} cannot be changed on a DID"
        )));
    }
    let mut store = state.store();
    if let Some(customer) = fields.get("customer_id").filter(|c| !c.is_null()) {
        let known =
            scalar_text(customer).is_some_and(|c| store.find(Coll::Customers, &c).is_some());
        if !known {
            return Err(ApiError::bad_request("customer_id is not a customer"));
        }
    }
    let did = store
        .find_mut(Coll::Dids, &id)
        .ok_or_else(|| ApiError::not_found("DID"))?;
    for (key, value) in fields {
        did[key] = value.clone();
    }
    Ok(ok())
}

async fn get_var(State(state): State<Shared>, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    find(&state, Coll::Vars, &id, "Variable").map(Json)
}

/// The `app_id` of a variable request: from the body, else from the query.
fn var_app_id(fields: &Map<String, Value>, pairs: &[(String, String)]) -> Option<String> {
    let from_query = || {
        pairs
            .iter()
            .find(|(k, _)| k == "app_id")
            .map(|(_, v)| v.clone())
    };
    fields
        .get("app_id")
        .and_then(scalar_text)
        .or_else(from_query)
}

fn var_text(fields: &Map<String, Value>, key: &str) -> ApiResult<Option<String>> {
    match fields.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(ApiError::bad_request(format!("{key} must be a string"))),
    }
}

/// `POST setup/var`: creates a variable; a key an app already has answers 409, because the
/// contract says to list and match on `key` first.
async fn create_var(
    State(state): State<Shared>,
    Query(pairs): Pairs,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Value>> {
    let fields = body_object(&body)?;
    let app_id =
        var_app_id(fields, &pairs).ok_or_else(|| ApiError::bad_request("app_id is required"))?;
    let key = var_text(fields, "key")?.filter(|k| !k.trim().is_empty());
    let key = key.ok_or_else(|| ApiError::bad_request("key is required"))?;
    let value = var_text(fields, "value")?.unwrap_or_default();

    let mut store = state.store();
    if find_var(&store, &app_id, &key).is_some() {
        return Err(ApiError::Conflict(format!(
            "Variable \"{key}\" already exists"
        )));
    }
    let app_id_json = state
        .app(&app_id)
        .map_or_else(|| json!(app_id), |app| app.id.to_json());
    let created = json!({"key": key, "value": value, "app_id": app_id_json});
    Ok(Json(store.insert(Coll::Vars, created)))
}

fn find_var(store: &Store, app_id: &str, key: &str) -> Option<String> {
    store
        .all(Coll::Vars)
        .iter()
        .find(|v| scalar_text(&v["app_id"]).as_deref() == Some(app_id) && v["key"] == key)
        .and_then(|v| scalar_text(&v["id"]))
}

async fn update_var_by_id(
    State(state): State<Shared>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Value>> {
    apply_var_update(&mut state.store(), &id, body_object(&body)?)
}

/// `PUT setup/var?app_id=` with the variable named in the body by `id`, or by `key`.
async fn update_var_by_body(
    State(state): State<Shared>,
    Query(pairs): Pairs,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Value>> {
    let fields = body_object(&body)?;
    let mut store = state.store();
    let by_key = || {
        let key = fields.get("key")?.as_str()?;
        find_var(&store, &var_app_id(fields, &pairs)?, key)
    };
    let id = fields.get("id").and_then(scalar_text).or_else(by_key);
    let id = id.ok_or_else(|| ApiError::not_found("Variable"))?;
    apply_var_update(&mut store, &id, fields)
}

fn apply_var_update(
    store: &mut Store,
    id: &str,
    fields: &Map<String, Value>,
) -> ApiResult<Json<Value>> {
    let key = var_text(fields, "key")?;
    let value = var_text(fields, "value")?;
    let var = store
        .find_mut(Coll::Vars, id)
        .ok_or_else(|| ApiError::not_found("Variable"))?;
    if let Some(key) = key {
        var["key"] = json!(key);
    }
    if let Some(value) = value {
        var["value"] = json!(value);
    }
    Ok(ok())
}
