//! Yoco's Checkout API, served by the same sandbox under `/yoco`, as
//! `shared/contracts/yoco.md` describes it: so the payments client is proven against the
//! contract's quirks (idempotency replays, 409 in flight, 422 for a reused key with another
//! body, 403 for a bad key, 429 with `Retry-After`, a 200-cent minimum, refunds in live mode
//! only, odd error bodies) rather than against a mocked client.
//!
//! | path | what |
//! | --- | --- |
//! | `POST /yoco/api/checkouts`, `GET …/{id}`, `POST …/{id}/refund` | the API |
//! | `POST/GET /yoco/api/webhooks`, `DELETE …/{id}` | webhook subscriptions, signed deliveries |
//! | `GET /yoco/pay/{id}` | the checkout page the `redirectUrl` points to: Pay, Cancel, Expire |
//! | `/yoco/__sandbox/…` | control for tests: faults, stats, forcing a status |
//!
//! Keys: any `sk_test_`/`sk_live_` key with at least 16 letters or digits after the prefix is
//! an account of its own (its prefix decides the mode), except keys whose body starts with
//! `revoked`, which answer 403 as a wrong key does. Checkouts are visible only to the key that
//! made them. The state lives as long as the sandbox; `POST /__sandbox/reset` leaves it.

mod api;
mod control;
mod page;
mod state;
mod webhooks;

use std::sync::Arc;

use axum::routing::{delete, get, post};
use axum::Router;

pub(crate) use state::Yoco;

/// Yoco's routes, with their own state; nest them under `/yoco`.
pub(crate) fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    let yoco = Arc::new(Yoco::default());
    Router::new()
        .route("/api/checkouts", post(api::create_checkout))
        .route("/api/checkouts/{id}", get(api::get_checkout))
        .route("/api/checkouts/{id}/refund", post(api::refund))
        .route("/api/webhooks", post(webhooks::create).get(webhooks::list))
        .route("/api/webhooks/{id}", delete(webhooks::remove))
        .route("/pay/{id}", get(page::show))
        .route("/pay/{id}/{action}", post(page::act))
        .route(
            "/__sandbox/fault",
            post(control::push_fault).delete(control::clear),
        )
        .route("/__sandbox/stats", get(control::stats))
        .route("/__sandbox/checkouts", get(control::checkouts))
        .route(
            "/__sandbox/checkouts/{id}/status",
            post(control::force_status),
        )
        .with_state(yoco)
}
