//! `/__sandbox`: the control surface for tests that run the sandbox in another process. It is
//! not part of the platform's API, needs no credentials, and is never faulted or counted.

use std::time::Duration;

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::error::{ApiError, ApiResult};
use crate::faults::Fault;
use crate::state::Shared;
use crate::stats::Stats;

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/fault", post(push_fault).delete(clear_faults))
        .route("/stats", get(stats))
        .route("/reset", post(reset))
        .merge(crate::calls::control_routes())
        .merge(crate::spamscore::control_routes())
}

/// `POST /__sandbox/fault`.
#[derive(Debug, Deserialize)]
struct FaultRequest {
    kind: String,
    status: Option<u16>,
    retry_after: Option<u64>,
    ms: Option<u64>,
    times: Option<u32>,
    path_prefix: Option<String>,
}

impl FaultRequest {
    fn fault(&self) -> ApiResult<Fault> {
        Ok(match self.kind.as_str() {
            "status" => Fault::Status(self.status.unwrap_or(500)),
            "html" => Fault::HtmlError(self.status.unwrap_or(502)),
            "rate_limited" => Fault::RateLimited {
                retry_after_secs: self.retry_after.unwrap_or(1),
            },
            "drop" => Fault::Drop,
            "drop_after" => Fault::DropAfter,
            "latency" => Fault::Latency(Duration::from_millis(self.ms.unwrap_or(1000))),
            "expire_access" => Fault::ExpireAccessTokens,
            other => {
                return Err(ApiError::bad_request(format!(
                    "Unknown fault kind {other:?}"
                )))
            }
        })
    }
}

async fn push_fault(
    State(state): State<Shared>,
    Json(request): Json<FaultRequest>,
) -> ApiResult<Json<Value>> {
    let fault = request.fault()?;
    let times = request.times.unwrap_or(1);
    match request.path_prefix.as_deref() {
        Some(prefix) => state.faults.push_for(prefix, fault, times),
        None => state.faults.push(fault, times),
    }
    Ok(Json(json!({ "status": "OK" })))
}

async fn clear_faults(State(state): State<Shared>) -> Json<Value> {
    state.faults.clear();
    Json(json!({ "status": "OK" }))
}

async fn stats(State(state): State<Shared>) -> Json<Stats> {
    Json(state.stats.snapshot())
}

/// Reseeds the data and forgets faults and counters.
async fn reset(State(state): State<Shared>) -> Json<Value> {
    state.reset();
    Json(json!({ "status": "OK" }))
}
