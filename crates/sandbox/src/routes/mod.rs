//! The route table. Every path the contract names is here; anything else falls through to
//! an nginx-style HTML 404, as on the platform.

mod appstore;
mod generic;
mod installs;
mod resources;
mod scriptforge;
mod writes;

use axum::middleware::from_fn_with_state;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use crate::auth;
use crate::control;
use crate::error::html_page;
use crate::middleware::api_gate;
use crate::state::Shared;

pub(crate) fn router(state: Shared) -> Router {
    let protected = Router::new()
        .merge(resources::routes())
        .merge(writes::routes())
        .merge(appstore::routes())
        .merge(installs::routes())
        .merge(scriptforge::routes())
        .merge(crate::neutrafix::platform::routes())
        .route_layer(from_fn_with_state(state.clone(), auth::require_auth));
    let tokens = Router::new()
        .route("/auth/jwt/refresh", post(auth::refresh))
        .route("/auth/jwt", get(auth::access))
        .merge(scriptforge::public_routes());

    Router::new()
        .nest("/api/cp", protected.merge(tokens))
        .nest("/__sandbox", control::routes())
        .nest("/yoco", crate::yoco::routes())
        .nest("/neutrafix", crate::neutrafix::router())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn_with_state(state.clone(), api_gate))
        .with_state(state)
}

async fn not_found() -> Response {
    html_page(404)
}

async fn method_not_allowed() -> Response {
    html_page(405)
}
