//! Handlers shared by the plain read-only resources: a list with the platform's conventions,
//! and one object by id.

use axum::extract::{Path, Query, State};
use axum::routing::{get, MethodRouter};
use axum::Json;
use serde_json::Value;

use crate::error::{ApiError, ApiResult};
use crate::listing::{ListQuery, Shape};
use crate::state::Shared;
use crate::store::Coll;

/// The raw query pairs, in order; lists read their own conventions from them.
pub(crate) type Pairs = Query<Vec<(String, String)>>;

/// `GET` a collection: filtered, searched over `search` fields, paged, wrapped in `shape`.
pub(crate) fn list(
    coll: Coll,
    shape: Shape,
    search: &'static [&'static str],
) -> MethodRouter<Shared> {
    get(
        move |State(state): State<Shared>, Query(pairs): Pairs| async move {
            let items = state.store().all(coll).to_vec();
            list_json(items, &pairs, shape, search)
        },
    )
}

/// Applies the list conventions to `items` and wraps the page.
pub(crate) fn list_json(
    items: Vec<Value>,
    pairs: &[(String, String)],
    shape: Shape,
    search: &[&str],
) -> ApiResult<Json<Value>> {
    let query = ListQuery::parse(pairs)?;
    Ok(Json(shape.wrap(query.apply(items, search))))
}

/// `GET` one object of a collection by id; 404 names the kind of thing (`what`).
pub(crate) fn item(coll: Coll, what: &'static str) -> MethodRouter<Shared> {
    get(
        move |State(state): State<Shared>, Path(id): Path<String>| async move {
            find(&state, coll, &id, what).map(Json)
        },
    )
}

pub(crate) fn find(state: &Shared, coll: Coll, id: &str, what: &str) -> ApiResult<Value> {
    state
        .store()
        .find(coll, id)
        .cloned()
        .ok_or_else(|| ApiError::not_found(what))
}
