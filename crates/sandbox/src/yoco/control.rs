//! `/yoco/__sandbox`: faults, counters, the checkouts held, and forcing a status (for statuses
//! Yoco may add later). Not part of Yoco's API; no key needed.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::api::checkout_json;
use super::state::{FaultKind, PendingFault, Yoco};

/// `POST /yoco/__sandbox/fault`.
#[derive(Debug, Deserialize)]
pub(crate) struct FaultRequest {
    /// `status`, `rate_limited`, `drop_before`, `drop_after` or `slow`.
    kind: String,
    status: Option<u16>,
    retry_after: Option<u64>,
    ms: Option<u64>,
    times: Option<u32>,
    /// Relative to `/yoco/api/`; empty or absent for every API path.
    path_prefix: Option<String>,
}

pub(crate) async fn push_fault(
    State(yoco): State<Arc<Yoco>>,
    Json(request): Json<FaultRequest>,
) -> Response {
    let kind = match request.kind.as_str() {
        "status" => FaultKind::Status(request.status.unwrap_or(500)),
        "rate_limited" => FaultKind::RateLimited(request.retry_after.unwrap_or(1)),
        "drop_before" => FaultKind::DropBefore,
        "drop_after" => FaultKind::DropAfter,
        "slow" => FaultKind::Slow(Duration::from_millis(request.ms.unwrap_or(1000))),
        other => {
            let text = format!("Unknown fault kind {other:?}");
            return (StatusCode::BAD_REQUEST, Json(json!({"message": text}))).into_response();
        }
    };
    let times = request.times.unwrap_or(1);
    if times > 0 {
        yoco.lock().faults.push_back(PendingFault {
            kind,
            path_prefix: request.path_prefix.unwrap_or_default(),
            left: times,
        });
    }
    Json(json!({"status": "OK"})).into_response()
}

pub(crate) async fn clear(State(yoco): State<Arc<Yoco>>) -> Json<Value> {
    yoco.lock().faults.clear();
    Json(json!({"status": "OK"}))
}

pub(crate) async fn stats(State(yoco): State<Arc<Yoco>>) -> Json<Value> {
    Json(serde_json::to_value(&yoco.lock().stats).unwrap_or_default())
}

/// Every checkout, oldest first, with its mode, status and refunded cents.
pub(crate) async fn checkouts(State(yoco): State<Arc<Yoco>>) -> Json<Value> {
    let inner = yoco.lock();
    let list: Vec<Value> = inner
        .order
        .iter()
        .filter_map(|id| inner.checkouts.get(id))
        .map(|c| {
            let mut value = checkout_json(c);
            value["refunded"] = json!(c.refunded);
            value
        })
        .collect();
    Json(Value::Array(list))
}

#[derive(Debug, Deserialize)]
pub(crate) struct ForcedStatus {
    status: String,
    #[serde(rename = "paymentId")]
    payment_id: Option<String>,
}

/// Sets a checkout's status (and `paymentId`) as given, whatever it was.
pub(crate) async fn force_status(
    State(yoco): State<Arc<Yoco>>,
    Path(id): Path<String>,
    Json(forced): Json<ForcedStatus>,
) -> Response {
    let mut inner = yoco.lock();
    let Some(checkout) = inner.checkouts.get_mut(&id) else {
        return (
            StatusCode::NOT_FOUND,
            Json(json!({"message": "no such checkout"})),
        )
            .into_response();
    };
    checkout.status = forced.status;
    checkout.payment_id = forced.payment_id;
    checkout.settling = false;
    Json(checkout_json(checkout)).into_response()
}
