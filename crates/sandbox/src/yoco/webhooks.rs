//! Webhook subscriptions and signed deliveries (Standard Webhooks, as Yoco signs them). For
//! safety the sandbox delivers only to loopback addresses.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

use super::api::{caller, error};
use super::state::{Inner, Webhook, Yoco};

/// Yoco allows at most this many webhooks per account.
const MAX_WEBHOOKS: usize = 5;

/// `POST /webhooks {name, url}`: answers the subscription with its `whsec_` secret, once.
pub(crate) async fn create(
    State(yoco): State<Arc<Yoco>>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    let caller = match caller(&yoco, &headers) {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    let name = body["name"].as_str().unwrap_or_default().to_owned();
    let url = body["url"].as_str().unwrap_or_default().to_owned();
    if name.is_empty() || !is_loopback_url(&url) {
        return error(
            400,
            "description",
            "name and a loopback url are required here",
        );
    }
    let mut inner = yoco.lock();
    let mine = inner
        .webhooks
        .iter()
        .filter(|w| w.owner == caller.key)
        .count();
    if mine >= MAX_WEBHOOKS {
        return error(400, "description", "At most 5 webhooks per account");
    }
    let secret = format!("whsec_{}", STANDARD.encode(rand::random::<[u8; 24]>()));
    let webhook = Webhook {
        id: inner.new_id("sub_"),
        mode: if caller.live { "live" } else { "test" }.to_owned(),
        name,
        url,
        secret: secret.clone(),
        owner: caller.key,
    };
    let mut answer = serde_json::to_value(&webhook).unwrap_or_default();
    answer["secret"] = json!(secret);
    inner.webhooks.push(webhook);
    Json(answer).into_response()
}

/// `GET /webhooks`: the caller's subscriptions, secrets left out.
pub(crate) async fn list(State(yoco): State<Arc<Yoco>>, headers: HeaderMap) -> Response {
    let caller = match caller(&yoco, &headers) {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    let inner = yoco.lock();
    let mine: Vec<&Webhook> = inner
        .webhooks
        .iter()
        .filter(|w| w.owner == caller.key)
        .collect();
    Json(json!({ "subscriptions": mine })).into_response()
}

/// `DELETE /webhooks/{id}`.
pub(crate) async fn remove(
    State(yoco): State<Arc<Yoco>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let caller = match caller(&yoco, &headers) {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    let mut inner = yoco.lock();
    let before = inner.webhooks.len();
    inner
        .webhooks
        .retain(|w| !(w.id == id && w.owner == caller.key));
    if inner.webhooks.len() == before {
        return error(404, "errorMessage", "Webhook not found");
    }
    Json(json!({"id": id, "deleted": true})).into_response()
}

fn is_loopback_url(url: &str) -> bool {
    ["http://127.0.0.1:", "http://localhost:", "http://[::1]:"]
        .iter()
        .any(|p| url.starts_with(p))
}

/// The webhooks of the key `owner`.
pub(crate) fn targets(inner: &Inner, owner: &str) -> Vec<Webhook> {
    inner
        .webhooks
        .iter()
        .filter(|w| w.owner == owner)
        .cloned()
        .collect()
}

/// Sends `event` (`{type, payload}`) to `targets`, signed, in the background.
pub(crate) fn deliver(yoco: Arc<Yoco>, targets: Vec<Webhook>, event: Value) {
    if targets.is_empty() {
        return;
    }
    tokio::spawn(async move {
        let http = reqwest::Client::new();
        for target in targets {
            let envelope = json!({
                "id": format!("evt_{:016x}", rand::random::<u64>()),
                "type": event["type"],
                "createdDate": chrono::Utc::now().to_rfc3339(),
                "payload": event["payload"],
            });
            let body = envelope.to_string();
            let message_id = format!("msg_{:016x}", rand::random::<u64>());
            let timestamp = chrono::Utc::now().timestamp().to_string();
            let signature = sign(&target.secret, &message_id, &timestamp, &body);
            let sent = http
                .post(&target.url)
                .header("content-type", "application/json")
                .header("webhook-id", &message_id)
                .header("webhook-timestamp", &timestamp)
                .header("webhook-signature", format!("v1,{signature}"))
                .body(body)
                .send()
                .await;
            if sent.is_ok_and(|r| r.status().is_success()) {
                yoco.lock().stats.webhooks_delivered += 1;
            }
        }
    });
}

/// The base64 HMAC-SHA256 of `"{id}.{timestamp}.{body}"` under the secret's key.
fn sign(secret: &str, id: &str, timestamp: &str, body: &str) -> String {
    let key = STANDARD
        .decode(secret.trim_start_matches("whsec_"))
        .unwrap_or_default();
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("HMAC takes any key length");
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::sign;

    #[test]
    fn signatures_match_the_standard_webhooks_test_vector() {
        let signature = sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            "1614265330",
            r#"{"test": 2432232314}"#,
        );
        assert_eq!(signature, "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }
}
