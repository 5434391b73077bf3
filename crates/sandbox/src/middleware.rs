//! What happens to every API request before its handler: counting, configured latency, and
//! injected faults. Control requests under `/__sandbox` pass straight through.

use std::future;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::Notify;

use crate::error::{html_page, rate_limited, status_page};
use crate::faults::Fault;
use crate::state::Shared;

/// The API's mount point.
pub(crate) const API_PREFIX: &str = "/api/cp/";

/// The path as tests and fault prefixes name it: relative to `/api/cp/`, no leading slash.
pub(crate) fn relative_path(path: &str) -> String {
    path.strip_prefix(API_PREFIX)
        .unwrap_or(path.trim_start_matches('/'))
        .to_owned()
}

/// A handle on the TCP connection a request arrived on; firing it closes the connection
/// without an answer. The server puts one in every request's extensions.
#[derive(Clone, Debug, Default)]
pub(crate) struct ConnectionKill(pub(crate) Arc<Notify>);

impl ConnectionKill {
    pub(crate) fn fire(&self) {
        self.0.notify_one();
    }
}

/// Counts the request, waits out any latency, applies a pending fault, then counts the answer.
pub(crate) async fn api_gate(State(state): State<Shared>, req: Request, next: Next) -> Response {
    if req.uri().path().starts_with("/__sandbox") {
        return next.run(req).await;
    }
    let path = relative_path(req.uri().path());
    state.stats.request(req.method().as_str(), &path);
    if !state.config.latency.is_zero() {
        tokio::time::sleep(state.config.latency).await;
    }

    let response = match state.faults.take(&path, false) {
        Some(fault) => {
            state.stats.update(|s| s.faults_applied += 1);
            apply_fault(&state, fault, req, next).await
        }
        None => next.run(req).await,
    };
    state.stats.response(response.status().as_u16());
    response
}

async fn apply_fault(state: &Shared, fault: Fault, req: Request, next: Next) -> Response {
    match fault {
        Fault::Latency(delay) => {
            tokio::time::sleep(delay).await;
            next.run(req).await
        }
        Fault::Status(code) => status_page(code),
        Fault::HtmlError(code) => html_page(code),
        Fault::RateLimited { retry_after_secs } => rate_limited(retry_after_secs),
        Fault::Drop => {
            let kill = req.extensions().get::<ConnectionKill>().cloned();
            drop_connection(state, kill).await
        }
        Fault::DropAfter => {
            let kill = req.extensions().get::<ConnectionKill>().cloned();
            let _ = next.run(req).await;
            drop_connection(state, kill).await
        }
        // Taken only by the auth layer; listed so the match stays exhaustive.
        Fault::ExpireAccessTokens => next.run(req).await,
    }
}

/// Closes the connection and never answers: the server drops the connection's future when the
/// kill fires, and this future with it.
async fn drop_connection(state: &Shared, kill: Option<ConnectionKill>) -> Response {
    state.stats.update(|s| s.connections_dropped += 1);
    if let Some(kill) = kill {
        kill.fire();
    }
    future::pending().await
}
