//! `POST scriptforge/{app_id}/{script}/{fn}`: runs an installed app's server-side function.
//! With `Accept: text/event-stream` the answer streams `log` events, an `error` event when the
//! function fails, and a final `message`; otherwise it is one JSON object.
//!
//! The sandbox runs no app code. Click-2-Dial's `send` is modelled (the contract documents
//! it; see `crate::clicktodial`), and so is DID Spam Score's check (`crate::spamscore`, an
//! assumption); any other function of an installed app logs its start and end and answers OK, and
//! every call is recorded in [`crate::Stats::script_calls`] for tests to inspect.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::listing::scalar_text;
use crate::seed::featured::{CLICK_2_DIAL_ID, SPAM_SCORE_ID};
use crate::state::Shared;
use crate::stats::ScriptCall;
use crate::store::Install;

pub(super) fn routes() -> Router<Shared> {
    Router::new().route("/scriptforge/{app_id}/{script}/{function}", post(run))
}

/// Click-2-Dial's `send` is the app's public function: an outside system calls it with the
/// customer's API key and no Control Panel login, so it is routed outside the auth layer.
pub(super) fn public_routes() -> Router<Shared> {
    let path = format!("/scriptforge/{CLICK_2_DIAL_ID}/{{script}}/send");
    Router::new().route(&path, post(public_send))
}

async fn public_send(
    state: State<Shared>,
    Path(script): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let names = (CLICK_2_DIAL_ID.to_owned(), script, "send".to_owned());
    run(state, Path(names), headers, body).await
}

/// What a function did: its log lines, then its final message or its error.
struct Outcome {
    logs: Vec<String>,
    result: Result<Value, ApiError>,
}

async fn run(
    State(state): State<Shared>,
    Path((app_id, script, function)): Path<(String, String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let body = match parse_body(&body) {
        Ok(body) => body,
        Err(error) => return error.into_response(),
    };
    let call = ScriptCall {
        app_id: app_id.clone(),
        script,
        function,
        body,
    };
    state.stats.update(|s| s.script_calls.push(call.clone()));

    let installed = state
        .store()
        .installs
        .iter()
        .any(|i| installed_as(i, &app_id));
    if !installed {
        return ApiError::NotFound("App is not installed".into()).into_response();
    }
    if let Some(answer) = crate::calls::handle(&state, &call).await {
        return answer;
    }
    let outcome = execute(&state, &call);
    if wants_stream(&headers) {
        event_stream(outcome)
    } else {
        match outcome.result {
            Ok(message) => Json(message).into_response(),
            Err(error) => error.into_response(),
        }
    }
}

fn parse_body(body: &Bytes) -> Result<Value, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    serde_json::from_slice(body).map_err(|e| ApiError::bad_request(format!("Invalid JSON: {e}")))
}

fn installed_as(install: &Install, app_id: &str) -> bool {
    scalar_text(&install.app_id).as_deref() == Some(app_id)
}

fn wants_stream(headers: &HeaderMap) -> bool {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    accept.contains("text/event-stream")
}

fn execute(state: &Shared, call: &ScriptCall) -> Outcome {
    if call.app_id == CLICK_2_DIAL_ID && call.function == "send" {
        let sent = crate::clicktodial::send(&state.store(), &call.body);
        return Outcome {
            logs: sent.logs,
            result: sent.result,
        };
    }
    if call.app_id == SPAM_SCORE_ID.to_string() && call.function == "spam_score" {
        let (logs, result) = crate::spamscore::run(state, &call.body);
        return Outcome { logs, result };
    }
    let name = format!("{}.{}", call.script, call.function);
    Outcome {
        logs: vec![format!("{name} started"), format!("{name} finished")],
        result: Ok(json!({ "status": "OK" })),
    }
}

/// Server-sent events: `log` lines as JSON strings, then `error` and/or `message`.
fn event_stream(outcome: Outcome) -> Response {
    let mut text = String::new();
    for line in &outcome.logs {
        push_event(&mut text, "log", &json!(line));
    }
    match outcome.result {
        Ok(message) => push_event(&mut text, "message", &message),
        Err(error) => {
            let described = error_text(&error);
            push_event(&mut text, "error", &json!({ "error": described }));
            push_event(
                &mut text,
                "message",
                &json!({ "status": "error", "error": described }),
            );
        }
    }
    let mut response = text.into_response();
    let stream = HeaderValue::from_static("text/event-stream");
    response.headers_mut().insert(header::CONTENT_TYPE, stream);
    response
}

fn push_event(text: &mut String, event: &str, data: &Value) {
    text.push_str(&format!("event: {event}\ndata: {data}\n\n"));
}

fn error_text(error: &ApiError) -> String {
    match error {
        ApiError::BadRequest(m)
        | ApiError::Unauthorized(m)
        | ApiError::Forbidden(m)
        | ApiError::NotFound(m)
        | ApiError::Conflict(m) => m.clone(),
    }
}
