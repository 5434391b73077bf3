//! A client of Yoco's Checkout API (`contracts/yoco.md`): checkouts, refunds and a key check.
//!
//! Every POST carries the `Idempotency-Key` its caller chose (and stored) beforehand; a timeout,
//! a broken connection, a 5xx, a 409 "still in flight" or a 429 is retried with the very same
//! key and body, so Yoco answers the first result again instead of charging twice. A 422
//! (same key, other body) is a bug and comes back at once.

use std::time::Duration;

use cx_secrets::Secret;
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::money::Cents;
use crate::status::CheckoutStatus;
use crate::YocoError;

/// Yoco's production API.
pub const DEFAULT_BASE_URL: &str = "https://payments.yoco.com/api/";

/// Test keys take no money; live keys do. The key's prefix decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Test,
    Live,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Test => "test",
            Self::Live => "live",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "test" => Some(Self::Test),
            "live" => Some(Self::Live),
            _ => None,
        }
    }
}

/// The mode of a secret key, or why it is not one: `sk_test_`/`sk_live_` then at least 16
/// letters or digits.
pub fn key_mode(key: &Secret) -> Result<Mode, String> {
    let text = key.expose().trim();
    let (mode, rest) = match (text.strip_prefix("sk_test_"), text.strip_prefix("sk_live_")) {
        (Some(rest), _) => (Mode::Test, rest),
        (_, Some(rest)) => (Mode::Live, rest),
        _ if text.starts_with("pk_") => {
            return Err(
                "That is a public key (pk_…); paste the Secret Key, which starts \
                        sk_test_ or sk_live_."
                    .to_owned(),
            )
        }
        _ => return Err("A Yoco secret key starts sk_test_ or sk_live_.".to_owned()),
    };
    if rest.len() < 16 || !rest.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(
            "After sk_test_ or sk_live_ a Yoco secret key has at least 16 letters or \
                    digits; check that the whole key was pasted."
                .to_owned(),
        );
    }
    Ok(mode)
}

/// Timeouts and retries.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub timeout: Duration,
    /// Further tries of a retryable failure, with the same idempotency key.
    pub retries: u32,
    /// The first pause between tries; it doubles each time.
    pub backoff: Duration,
    /// The longest pause accepted (a longer `Retry-After` gives up instead).
    pub max_wait: Duration,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(20),
            retries: 4,
            backoff: Duration::from_millis(500),
            max_wait: Duration::from_secs(30),
        }
    }
}

/// One line of what the payer sees on Yoco's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LineItem {
    pub display_name: String,
    pub quantity: u32,
    pub pricing_details: Pricing,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pricing {
    /// Cents.
    pub price: i64,
}

/// `POST /checkouts`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutRequest {
    /// Cents: what the card is charged (top-up plus fee).
    pub amount: i64,
    pub currency: &'static str,
    pub line_items: Vec<LineItem>,
    pub metadata: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
}

/// A checkout as Yoco answers it; unknown fields are ignored, unknown statuses kept.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Checkout {
    pub id: String,
    #[serde(default)]
    pub redirect_url: Option<String>,
    pub status: CheckoutStatus,
    #[serde(default)]
    pub payment_id: Option<String>,
    #[serde(default)]
    pub amount: Option<i64>,
    #[serde(default)]
    pub metadata: Value,
    #[serde(default)]
    pub processing_mode: Option<String>,
    /// Set from the `Idempotent-Replayed: true` header, not the body.
    #[serde(skip)]
    pub replayed: bool,
}

impl Checkout {
    /// Paid means `completed` with a `paymentId`; a `paymentId` alone is not payment.
    pub fn is_paid(&self) -> bool {
        self.status == CheckoutStatus::Completed && self.payment_id.is_some()
    }
}

/// `POST /checkouts/{id}/refund`'s 202.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundAnswer {
    #[serde(default)]
    pub id: Option<String>,
    pub refund_id: String,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(skip)]
    pub replayed: bool,
}

/// A client for one secret key.
pub struct YocoClient {
    http: reqwest::Client,
    base: url::Url,
    key: Secret,
    mode: Mode,
    options: ClientOptions,
}

impl std::fmt::Debug for YocoClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("YocoClient")
            .field("base", &self.base.as_str())
            .field("mode", &self.mode)
            .finish_non_exhaustive()
    }
}

impl YocoClient {
    /// A client of the API at `base` (ending in `/api/`) with `key`.
    pub fn new(base: &str, key: Secret, options: ClientOptions) -> Result<Self, YocoError> {
        let mode = key_mode(&key).map_err(YocoError::BadKey)?;
        let mut base = url::Url::parse(base)
            .map_err(|e| YocoError::Unexpected(format!("the Yoco address {base:?}: {e}")))?;
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        let http = reqwest::Client::builder()
            .timeout(options.timeout)
            .connect_timeout(options.timeout.min(Duration::from_secs(10)))
            .user_agent(concat!(
                "connexcs-appstore-desktop/",
                env!("CARGO_PKG_VERSION")
            ))
            .build()
            .map_err(|e| YocoError::Unexpected(format!("HTTP client: {e}")))?;
        Ok(Self {
            http,
            base,
            key,
            mode,
            options,
        })
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Creates a checkout, retrying retryable failures with the same key and body.
    pub async fn create_checkout(
        &self,
        request: &CheckoutRequest,
        idempotency_key: &str,
    ) -> Result<Checkout, YocoError> {
        let body = serde_json::to_value(request)
            .map_err(|e| YocoError::Unexpected(format!("checkout request: {e}")))?;
        self.create_checkout_json(&body, idempotency_key).await
    }

    /// Creates a checkout from a body stored earlier, so that a retry after a restart sends
    /// exactly the first request again.
    pub async fn create_checkout_json(
        &self,
        body: &Value,
        idempotency_key: &str,
    ) -> Result<Checkout, YocoError> {
        let (value, replayed) = self
            .with_retries(Method::POST, "checkouts", Some(body), Some(idempotency_key))
            .await?;
        let mut checkout: Checkout = decode(value, "checkout")?;
        checkout.replayed = replayed;
        Ok(checkout)
    }

    /// Reads a checkout (retrying transient failures).
    pub async fn checkout(&self, id: &str) -> Result<Checkout, YocoError> {
        let path = format!("checkouts/{id}");
        let (value, _) = self.with_retries(Method::GET, &path, None, None).await?;
        decode(value, "checkout")
    }

    /// Refunds a paid checkout: all of what is left with no body at all, or `amount`.
    pub async fn refund(
        &self,
        checkout_id: &str,
        amount: Option<Cents>,
        idempotency_key: &str,
    ) -> Result<RefundAnswer, YocoError> {
        let path = format!("checkouts/{checkout_id}/refund");
        let body = amount.map(|a| serde_json::json!({ "amount": a.0 }));
        let (value, replayed) = self
            .with_retries(Method::POST, &path, body.as_ref(), Some(idempotency_key))
            .await?;
        let mut answer: RefundAnswer = decode(value, "refund")?;
        answer.replayed = replayed;
        Ok(answer)
    }

    /// Checks the key without charging anything: lists the account's webhooks.
    pub async fn check_key(&self) -> Result<(), YocoError> {
        self.with_retries(Method::GET, "webhooks", None, None)
            .await
            .map(|_| ())
    }

    async fn with_retries(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        idempotency_key: Option<&str>,
    ) -> Result<(Value, bool), YocoError> {
        let mut attempt = 0;
        loop {
            let request = self.request(method.clone(), path, body, idempotency_key);
            match send(request, self.options.timeout).await {
                Ok(answer) => return Ok(answer),
                Err(error) if error.is_retryable() && attempt < self.options.retries => {
                    let wait = self.wait_before_retry(&error, attempt)?;
                    tracing::info!(path, attempt, wait_ms = wait.as_millis() as u64, %error,
                        "retrying Yoco with the same idempotency key");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                Err(error) => return Err(error),
            }
        }
    }

    fn wait_before_retry(&self, error: &YocoError, attempt: u32) -> Result<Duration, YocoError> {
        let doubled = self.options.backoff.saturating_mul(1 << attempt.min(10));
        match error {
            YocoError::RateLimited { retry_after } if *retry_after > self.options.max_wait => {
                Err(error.clone())
            }
            YocoError::RateLimited { retry_after } => Ok(*retry_after),
            _ => Ok(doubled.min(self.options.max_wait)),
        }
    }

    fn request(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        idempotency_key: Option<&str>,
    ) -> RequestBuilder {
        let url = self.base.join(path).unwrap_or_else(|_| self.base.clone());
        let mut request = self
            .http
            .request(method, url)
            .bearer_auth(self.key.expose());
        if let Some(key) = idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        request
    }
}

/// One request: the JSON answer and whether it was an idempotent replay, or the error.
async fn send(request: RequestBuilder, timeout: Duration) -> Result<(Value, bool), YocoError> {
    let response = request.send().await.map_err(|e| transport(e, timeout))?;
    let status = response.status();
    let replayed = response
        .headers()
        .get("idempotent-replayed")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    if status.is_success() {
        let text = response.text().await.map_err(|e| transport(e, timeout))?;
        let value = if text.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text)
                .map_err(|e| YocoError::Unexpected(format!("not JSON ({e})")))?
        };
        return Ok((value, replayed));
    }
    Err(status_error(response).await)
}

async fn status_error(response: Response) -> YocoError {
    let status = response.status();
    let retry_after = retry_after(&response);
    let text = response.text().await.unwrap_or_default();
    let message = error_message(&text, status);
    match status.as_u16() {
        403 => YocoError::Forbidden(message),
        404 => YocoError::NotFound(message),
        409 => YocoError::InFlight(message),
        422 => YocoError::IdempotencyMismatch(message),
        429 => YocoError::RateLimited { retry_after },
        code @ 400..=499 => YocoError::Rejected {
            status: code,
            message,
        },
        code => YocoError::Server {
            status: code,
            message,
        },
    }
}

/// The error text, from whichever field Yoco used this time.
pub(crate) fn error_message(body: &str, status: StatusCode) -> String {
    let fallback = || {
        status
            .canonical_reason()
            .unwrap_or("no explanation given")
            .to_owned()
    };
    let Ok(value) = serde_json::from_str::<Value>(body) else {
        return fallback();
    };
    [
        "description",
        "message",
        "errorMessage",
        "detail",
        "errorCode",
    ]
    .iter()
    .find_map(|field| value.get(field)?.as_str().filter(|s| !s.is_empty()))
    .map(str::to_owned)
    .unwrap_or_else(fallback)
}

fn retry_after(response: &Response) -> Duration {
    response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(Duration::from_secs(1), Duration::from_secs)
}

fn transport(error: reqwest::Error, timeout: Duration) -> YocoError {
    if error.is_timeout() {
        return YocoError::Timeout(timeout);
    }
    if error.is_connect() {
        return YocoError::Connection("the connection was refused or the host is unknown".into());
    }
    YocoError::Connection("the connection broke before an answer came".into())
}

fn decode<T: serde::de::DeserializeOwned>(value: Value, what: &str) -> Result<T, YocoError> {
    serde_json::from_value(value).map_err(|e| YocoError::Unexpected(format!("{what}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_text_is_read_from_whichever_field_carries_it() {
        let ok = StatusCode::BAD_REQUEST;
        assert_eq!(
            error_message(r#"{"description":"too small"}"#, ok),
            "too small"
        );
        assert_eq!(error_message(r#"{"errorMessage":"nope"}"#, ok), "nope");
        assert_eq!(
            error_message(r#"{"errorCode":"amount_low"}"#, ok),
            "amount_low"
        );
        assert_eq!(error_message(r#"{"detail":"in flight"}"#, ok), "in flight");
        assert_eq!(error_message("<html>", ok), "Bad Request");
    }

    #[test]
    fn a_key_prefix_decides_the_mode_and_bad_keys_say_why() {
        let mode = |k: &str| key_mode(&Secret::new(k));
        assert_eq!(mode("sk_test_4f9Qm2Zx7Lp3Rt8Vw1Ky"), Ok(Mode::Test));
        assert_eq!(mode("sk_live_4f9Qm2Zx7Lp3Rt8Vw1Ky"), Ok(Mode::Live));
        assert!(mode("pk_test_4f9Qm2Zx7Lp3Rt8Vw1Ky")
            .unwrap_err()
            .contains("public key"));
        assert!(mode("sk_test_short").unwrap_err().contains("at least 16"));
        assert!(mode("hello").unwrap_err().contains("sk_test_"));
    }
}
