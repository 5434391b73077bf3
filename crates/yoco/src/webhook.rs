//! Verifies Yoco's signed webhook events (the Standard Webhooks scheme): HMAC-SHA256 over
//! `"{webhook-id}.{webhook-timestamp}.{raw body}"` with the key inside the `whsec_` secret,
//! base64, compared in constant time against every `v1,` entry of `webhook-signature`, and
//! the timestamp within three minutes of now (replays of old events are refused).
//!
//! The body must be the raw bytes received: parsing and re-serialising JSON changes them.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How far a timestamp may be from now, either way.
pub const TOLERANCE_SECS: i64 = 3 * 60;

/// The three headers of a delivery.
#[derive(Debug, Clone, Copy)]
pub struct SignedHeaders<'a> {
    /// `webhook-id`.
    pub id: &'a str,
    /// `webhook-timestamp`, Unix seconds.
    pub timestamp: &'a str,
    /// `webhook-signature`: space-separated `v1,<base64>` entries.
    pub signature: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebhookError {
    #[error("the webhook secret is not a whsec_ secret with a base64 key")]
    BadSecret,
    #[error("the {0} header is missing or empty")]
    MissingHeader(&'static str),
    #[error("the webhook-timestamp is not a number of seconds")]
    BadTimestamp,
    #[error("the event is {0} seconds away from now, more than the 180 allowed")]
    Stale(i64),
    #[error("no v1 signature matches the body")]
    NoMatch,
}

/// `Ok` when one of the signatures is the body's, under `secret`, and the timestamp is fresh
/// relative to `now_unix` (passed in, so tests choose the clock).
pub fn verify(
    secret: &str,
    headers: SignedHeaders<'_>,
    body: &[u8],
    now_unix: i64,
) -> Result<(), WebhookError> {
    let key = secret
        .strip_prefix("whsec_")
        .and_then(|b64| STANDARD.decode(b64).ok())
        .filter(|key| !key.is_empty())
        .ok_or(WebhookError::BadSecret)?;
    for (value, name) in [
        (headers.id, "webhook-id"),
        (headers.timestamp, "webhook-timestamp"),
        (headers.signature, "webhook-signature"),
    ] {
        if value.trim().is_empty() {
            return Err(WebhookError::MissingHeader(name));
        }
    }
    let sent: i64 = headers
        .timestamp
        .trim()
        .parse()
        .map_err(|_| WebhookError::BadTimestamp)?;
    // Saturating, so a hostile timestamp (i64::MIN, i64::MAX) is merely stale, never an overflow.
    let age = now_unix.saturating_sub(sent);
    if age.unsigned_abs() > TOLERANCE_SECS.unsigned_abs() {
        return Err(WebhookError::Stale(age));
    }

    let mut mac = Hmac::<Sha256>::new_from_slice(&key).map_err(|_| WebhookError::BadSecret)?;
    mac.update(headers.id.as_bytes());
    mac.update(b".");
    mac.update(headers.timestamp.trim().as_bytes());
    mac.update(b".");
    mac.update(body);
    let matched = headers
        .signature
        .split_whitespace()
        .filter_map(|entry| entry.strip_prefix("v1,"))
        .filter_map(|b64| STANDARD.decode(b64).ok())
        .any(|candidate| mac.clone().verify_slice(&candidate).is_ok());
    if matched {
        Ok(())
    } else {
        Err(WebhookError::NoMatch)
    }
}
