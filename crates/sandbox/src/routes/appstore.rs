//! The published catalogue [assumed, see docs/assumed-api.md]: the list (wrapped in `result`),
//! one app with its description, and its versions (a bare array, newest first).

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

use super::generic::{list_json, Pairs};
use crate::catalogue::App;
use crate::error::{ApiError, ApiResult};
use crate::listing::Shape;
use crate::state::Shared;

pub(super) fn routes() -> Router<Shared> {
    Router::new()
        .route("/appstore", get(list_apps))
        .route("/appstore/{id}", get(get_app))
        .route("/appstore/{id}/version", get(list_versions))
}

/// `s` searches name, summary and publisher; `category` and other fields filter by equality.
async fn list_apps(State(state): State<Shared>, Query(pairs): Pairs) -> ApiResult<Json<Value>> {
    let items = state.catalogue.iter().map(App::summary_json).collect();
    list_json(
        items,
        &pairs,
        Shape::Result,
        &["name", "summary", "publisher"],
    )
}

fn app<'a>(state: &'a Shared, id: &str) -> ApiResult<&'a App> {
    state.app(id).ok_or_else(|| ApiError::not_found("App"))
}

async fn get_app(State(state): State<Shared>, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    Ok(Json(app(&state, &id)?.detail_json()))
}

async fn list_versions(
    State(state): State<Shared>,
    Path(id): Path<String>,
    Query(pairs): Pairs,
) -> ApiResult<Json<Value>> {
    let versions = &app(&state, &id)?.versions;
    let items = versions
        .iter()
        .map(|v| serde_json::to_value(v).unwrap_or_default())
        .collect();
    list_json(items, &pairs, Shape::Bare, &["version", "release_notes"])
}
