//! `POST scriptforge/{app_id}/{script}/{fn}`: runs an installed app's server-side function.
//! With `Accept: text/event-stream` the answer streams `log` events, an `error` event when the
//! function fails, and a final `message`; otherwise it is one JSON object.
//!
//! The sandbox runs no app code. Click-2-Dial's `send` is modelled (the contract documents
//! it); any other function of an installed app logs its start and end and answers OK, and
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
use crate::seed::featured::CLICK_2_DIAL_ID;
use crate::state::Shared;
use crate::stats::ScriptCall;
use crate::store::Install;

pub(super) fn routes() -> Router<Shared> {
    Router::new().route("/scriptforge/{app_id}/{script}/{function}", post(run))
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

    let install = state
        .store()
        .installs
        .iter()
        .find(|i| installed_as(i, &app_id))
        .cloned();
    let Some(install) = install else {
        return ApiError::NotFound("App is not installed".into()).into_response();
    };
    let outcome = execute(&install, &call);
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

fn execute(install: &Install, call: &ScriptCall) -> Outcome {
    if call.app_id == CLICK_2_DIAL_ID && call.function == "send" {
        return click_to_dial(install, &call.body);
    }
    let name = format!("{}.{}", call.script, call.function);
    Outcome {
        logs: vec![format!("{name} started"), format!("{name} finished")],
        result: Ok(json!({ "status": "OK" })),
    }
}

/// Click-2-Dial `send {api_key, phone}`: checks the key against the install's config, rings
/// the configured extension, then dials the number and bridges the two calls.
fn click_to_dial(install: &Install, body: &Value) -> Outcome {
    let failed = |logs: Vec<String>, error| Outcome {
        logs,
        result: Err(error),
    };
    let Some(stored) = install.config.get("api_key") else {
        return failed(
            vec![],
            ApiError::Forbidden("Click-2-Dial is not configured".into()),
        );
    };
    if body["api_key"].as_str() != Some(stored.as_str()) {
        return failed(vec![], ApiError::Forbidden("Invalid API key".into()));
    }
    let phone = body["phone"].as_str().unwrap_or_default();
    let digits = phone.strip_prefix('+').unwrap_or(phone);
    if !(8..=15).contains(&digits.len()) || !digits.chars().all(|c| c.is_ascii_digit()) {
        let error = ApiError::bad_request("phone must be a number in E.164 format");
        return failed(vec![format!("Rejected phone {phone:?}")], error);
    }
    let extension = install.config.get("extension").map_or("?", String::as_str);
    Outcome {
        logs: vec![
            format!("Ringing extension {extension}"),
            "Extension answered".to_owned(),
            format!("Dialling +{digits}"),
            "Bridged".to_owned(),
        ],
        result: Ok(json!({ "status": "OK", "call_id": format!("c2d-{digits}") })),
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
