//! The Checkout API: create, read, refund. Every POST goes through [`idempotent`], which
//! replays, refuses (409 in flight, 422 another body) or runs the work once per key.

// Handlers turn a refusal straight into the `Response` they answer; boxing it would gain
// nothing on a test server.
#![allow(clippy::result_large_err)]

use std::future;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::state::{Checkout, FaultKind, Idempotent, Inner, Stage, Yoco, IDEMPOTENCY_TTL};
use super::webhooks;
use crate::middleware::ConnectionKill;

/// The smallest amount Yoco charges, in cents.
pub(crate) const MIN_AMOUNT: i64 = 200;

/// An error answer. Yoco's bodies vary by case; the sandbox varies them the same way so that a
/// client reading only one field is caught.
pub(crate) fn error(status: u16, field: &str, text: &str) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    (code, Json(json!({ field: text }))).into_response()
}

fn bad_request(code: &str, text: &str) -> Response {
    let body = json!({"errorType": "validation_error", "errorCode": code, "description": text});
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

fn not_found() -> Response {
    let body = json!({"errorCode": "not_found", "errorMessage": "Checkout not found"});
    (StatusCode::NOT_FOUND, Json(body)).into_response()
}

/// Who is calling: the key and the mode its prefix gives.
pub(crate) struct Caller {
    pub(crate) key: String,
    pub(crate) live: bool,
}

/// The bearer key, or the 403 a missing or wrong key gets.
pub(crate) fn caller(yoco: &Yoco, headers: &HeaderMap) -> Result<Caller, Response> {
    let key = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    let (live, body) = match (key.strip_prefix("sk_live_"), key.strip_prefix("sk_test_")) {
        (Some(body), _) => (true, body),
        (_, Some(body)) => (false, body),
        _ => (false, ""),
    };
    let well_formed = body.len() >= 16 && body.bytes().all(|b| b.is_ascii_alphanumeric());
    if !well_formed || body.starts_with("revoked") {
        yoco.lock().stats.forbidden += 1;
        return Err(error(
            403,
            "message",
            "Forbidden: the secret key is missing or wrong",
        ));
    }
    Ok(Caller {
        key: key.to_owned(),
        live,
    })
}

/// Applies a fault queued for `path` at the `Before` stage, if any.
async fn fault_before(yoco: &Yoco, path: &str, kill: Option<&ConnectionKill>) -> FaultOutcome {
    let fault = yoco.lock().take_fault(path, Stage::Before);
    match fault {
        None => FaultOutcome::Proceed(None),
        Some(FaultKind::Status(code)) => FaultOutcome::Answer(error(
            code,
            "errorMessage",
            "Internal error, please try again",
        )),
        Some(FaultKind::RateLimited(seconds)) => {
            let mut response = error(429, "description", "Too many requests");
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            FaultOutcome::Answer(response)
        }
        Some(FaultKind::DropBefore) => FaultOutcome::Answer(drop_connection(kill).await),
        Some(FaultKind::Slow(delay)) => FaultOutcome::Proceed(Some(delay)),
        Some(FaultKind::DropAfter) => FaultOutcome::Proceed(None),
    }
}

enum FaultOutcome {
    Answer(Response),
    /// Go on, holding the request in flight this long first.
    Proceed(Option<std::time::Duration>),
}

/// Closes the connection and never answers.
async fn drop_connection(kill: Option<&ConnectionKill>) -> Response {
    if let Some(kill) = kill {
        kill.fire();
    }
    future::pending().await
}

/// A POST's shared steps: faults, idempotency, the work, the answer. Once the key is claimed
/// the work runs to the end in a task of its own, as on a real server: a client that hangs
/// up (a timeout) does not leave the key in flight forever.
async fn idempotent(
    yoco: &Arc<Yoco>,
    caller: &Caller,
    headers: &HeaderMap,
    path: &str,
    body: &Value,
    kill: Option<&ConnectionKill>,
    work: impl FnOnce(&mut Inner) -> (u16, Value) + Send + 'static,
) -> Response {
    let delay = match fault_before(yoco, path, kill).await {
        FaultOutcome::Answer(response) => return response,
        FaultOutcome::Proceed(delay) => delay,
    };
    let idempotency_key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let fingerprint = format!("{path} {body}");
    let slot = idempotency_key.map(|k| (caller.key.clone(), k));
    if let Some(slot) = &slot {
        if let Some(early) = replay_or_claim(yoco, slot, &fingerprint) {
            return early;
        }
    }
    let worker = yoco.clone();
    let task = tokio::spawn(async move {
        if let Some(delay) = delay {
            tokio::time::sleep(delay).await;
        }
        let mut inner = worker.lock();
        let done = work(&mut inner);
        if let Some(slot) = slot {
            if let Some(record) = inner.idempotency.get_mut(&slot) {
                record.answer = Some(done.clone());
            }
        }
        done
    });
    let Ok((status, answer)) = task.await else {
        return error(500, "errorMessage", "Internal error");
    };
    if yoco.lock().take_fault(path, Stage::After).is_some() {
        return drop_connection(kill).await;
    }
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    (code, Json(answer)).into_response()
}

/// The answer for a key already seen (replay, 409 or 422), or `None` after claiming it.
fn replay_or_claim(yoco: &Yoco, slot: &(String, String), fingerprint: &str) -> Option<Response> {
    let mut inner = yoco.lock();
    let fresh = |r: &Idempotent| r.at.elapsed() < IDEMPOTENCY_TTL;
    match inner.idempotency.get(slot).filter(|r| fresh(r)).cloned() {
        Some(record) if record.fingerprint != fingerprint => {
            inner.stats.key_mismatches += 1;
            Some(error(
                422,
                "errorMessage",
                "The idempotency key was already used with a different request body",
            ))
        }
        Some(Idempotent { answer: None, .. }) => {
            inner.stats.in_flight_conflicts += 1;
            Some(error(
                409,
                "detail",
                "A request with this idempotency key is still being processed",
            ))
        }
        Some(Idempotent {
            answer: Some((status, body)),
            ..
        }) => {
            inner.stats.replays += 1;
            let code = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            let mut response = (code, Json(body)).into_response();
            let replayed = HeaderValue::from_static("true");
            response
                .headers_mut()
                .insert("idempotent-replayed", replayed);
            Some(response)
        }
        None => {
            let record = Idempotent {
                fingerprint: fingerprint.to_owned(),
                at: Instant::now(),
                answer: None,
            };
            inner.idempotency.insert(slot.clone(), record);
            None
        }
    }
}

fn parse_body(bytes: &Bytes) -> Result<Value, Response> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    serde_json::from_slice(bytes)
        .map_err(|e| bad_request("invalid_json", &format!("The body is not JSON: {e}")))
}

/// `POST /checkouts`.
pub(crate) async fn create_checkout(
    State(yoco): State<Arc<Yoco>>,
    headers: HeaderMap,
    kill: Option<axum::Extension<ConnectionKill>>,
    bytes: Bytes,
) -> Response {
    let caller = match caller(&yoco, &headers) {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    let body = match parse_body(&bytes) {
        Ok(body) => body,
        Err(response) => return response,
    };
    if let Err(response) = validate_checkout(&body) {
        return response;
    }
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("127.0.0.1")
        .to_owned();
    let kill = kill.map(|k| k.0);
    let (owner, live, request) = (caller.key.clone(), caller.live, body.clone());
    idempotent(
        &yoco,
        &caller,
        &headers,
        "checkouts",
        &body,
        kill.as_ref(),
        move |inner| {
            let caller = Caller { key: owner, live };
            let checkout = new_checkout(inner, &caller, &host, &request);
            let answer = checkout_json(&checkout);
            inner.order.push(checkout.id.clone());
            inner.checkouts.insert(checkout.id.clone(), checkout);
            inner.stats.checkouts_created += 1;
            (200, answer)
        },
    )
    .await
}

fn validate_checkout(body: &Value) -> Result<(), Response> {
    let amount = body.get("amount").and_then(Value::as_i64);
    match amount {
        None => {
            return Err(bad_request(
                "invalid_amount",
                "amount must be an integer in cents",
            ))
        }
        Some(a) if a < MIN_AMOUNT => {
            return Err(bad_request(
                "amount_too_small",
                "amount must be at least 200 cents (R2.00)",
            ))
        }
        Some(_) => {}
    }
    match body.get("currency").and_then(Value::as_str) {
        Some("ZAR") => Ok(()),
        _ => Err(bad_request("invalid_currency", "currency must be ZAR")),
    }
}

fn new_checkout(inner: &mut Inner, caller: &Caller, host: &str, body: &Value) -> Checkout {
    let id = inner.new_id("ch_");
    Checkout {
        redirect_url: format!("http://{host}/yoco/pay/{id}"),
        id,
        owner: caller.key.clone(),
        live: caller.live,
        amount: body["amount"].as_i64().unwrap_or_default(),
        status: "created".to_owned(),
        payment_id: None,
        settling: false,
        refunded: 0,
        request: body.clone(),
    }
}

/// A checkout as Yoco answers it.
pub(crate) fn checkout_json(c: &Checkout) -> Value {
    let echo = |key: &str| c.request.get(key).cloned().unwrap_or(Value::Null);
    json!({
        "id": c.id,
        "redirectUrl": c.redirect_url,
        "status": c.status,
        "amount": c.amount,
        "currency": "ZAR",
        "paymentId": c.payment_id,
        "successUrl": echo("successUrl"),
        "cancelUrl": echo("cancelUrl"),
        "failureUrl": echo("failureUrl"),
        "metadata": echo("metadata"),
        "lineItems": echo("lineItems"),
        "externalId": echo("externalId"),
        "subtotalAmount": echo("subtotalAmount"),
        "totalDiscount": echo("totalDiscount"),
        "totalTaxAmount": echo("totalTaxAmount"),
        "merchantId": "sandbox-merchant",
        "processingMode": if c.live { "live" } else { "test" },
    })
}

/// `GET /checkouts/{id}`. A payment being settled shows `processing` (with its `paymentId`)
/// once, then `completed`.
pub(crate) async fn get_checkout(
    State(yoco): State<Arc<Yoco>>,
    headers: HeaderMap,
    kill: Option<axum::Extension<ConnectionKill>>,
    Path(id): Path<String>,
) -> Response {
    let caller = match caller(&yoco, &headers) {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    let path = format!("checkouts/{id}");
    let kill = kill.map(|k| k.0);
    if let FaultOutcome::Answer(response) = fault_before(&yoco, &path, kill.as_ref()).await {
        return response;
    }
    let mut inner = yoco.lock();
    let Some(checkout) = inner
        .checkouts
        .get_mut(&id)
        .filter(|c| c.owner == caller.key)
    else {
        return not_found();
    };
    let answer = checkout_json(checkout);
    if checkout.settling {
        checkout.settling = false;
        checkout.status = "completed".to_owned();
    }
    Json(answer).into_response()
}

/// `POST /checkouts/{id}/refund`: no body refunds the rest; `{amount}` a part. Live only.
pub(crate) async fn refund(
    State(yoco): State<Arc<Yoco>>,
    headers: HeaderMap,
    kill: Option<axum::Extension<ConnectionKill>>,
    Path(id): Path<String>,
    bytes: Bytes,
) -> Response {
    let caller = match caller(&yoco, &headers) {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    let body = match parse_body(&bytes) {
        Ok(body) => body,
        Err(response) => return response,
    };
    let path = format!("checkouts/{id}/refund");
    let kill = kill.map(|k| k.0);
    let events = yoco.clone();
    let (owner, live, request, checkout_id) = (caller.key.clone(), caller.live, body.clone(), id);
    idempotent(
        &yoco,
        &caller,
        &headers,
        &path,
        &body,
        kill.as_ref(),
        move |inner| {
            let caller = Caller { key: owner, live };
            let answer = apply_refund(inner, &caller, &checkout_id, &request);
            if answer.0 == 202 {
                if let Some((owner, event)) = inner
                    .checkouts
                    .get(&checkout_id)
                    .map(|c| refund_event(c, &answer.1))
                {
                    webhooks::deliver(events, webhooks::targets(inner, &owner), event);
                }
            }
            answer
        },
    )
    .await
}

fn apply_refund(inner: &mut Inner, caller: &Caller, id: &str, body: &Value) -> (u16, Value) {
    let refund_id = inner.new_id("rfd_");
    let Some(checkout) = inner
        .checkouts
        .get_mut(id)
        .filter(|c| c.owner == caller.key)
    else {
        return (
            404,
            json!({"errorCode": "not_found", "errorMessage": "Checkout not found"}),
        );
    };
    let refusal = |text: &str| {
        (
            400,
            json!({"errorCode": "refund_refused", "description": text}),
        )
    };
    if !checkout.live {
        return refusal("Refunds are only possible with live keys");
    }
    if checkout.status != "completed" {
        return refusal("Only a completed checkout can be refunded");
    }
    let left = checkout.amount - checkout.refunded;
    let amount = match body.get("amount") {
        None | Some(Value::Null) => left,
        Some(value) => match value.as_i64() {
            Some(a) if a > 0 && a <= left => a,
            _ => return refusal("amount must be a positive number of cents, at most what is left"),
        },
    };
    if amount == 0 {
        return refusal("The checkout is already refunded in full");
    }
    checkout.refunded += amount;
    inner.stats.refunds += 1;
    let answer = json!({
        "id": id,
        "refundId": refund_id,
        "message": "Refund succeeded",
        "status": "succeeded",
        "amount": amount,
    });
    (202, answer)
}

fn refund_event(checkout: &Checkout, answer: &Value) -> (String, Value) {
    let payload = json!({
        "id": answer["refundId"],
        "amount": answer["amount"],
        "currency": "ZAR",
        "status": "succeeded",
        "mode": if checkout.live { "live" } else { "test" },
        "metadata": {"checkoutId": checkout.id},
    });
    (
        checkout.owner.clone(),
        json!({"type": "refund.succeeded", "payload": payload}),
    )
}
