//! Placing calls on the platform: the ONE adapter between dial jobs and the platform.
//!
//! **This module is an assumption** (see `docs/assumed-api.md`). The contract says only that
//! inside the platform an app's scripts call `originate(company_id, server_alias, destination,
//! cli, extension)`, and that an installed app's functions are run with
//! `POST scriptforge/{app_id}/{script}/{fn}`. What is assumed here:
//!
//! - `POST scriptforge/{app_id}/main/originate` with exactly `{company, server, destination,
//!   cli, extension}` places one call and answers `{"status": "OK", "call_id": "..."}` once the
//!   call is placed (not when it ends). 429 (with `Retry-After`), 503, or an answer whose
//!   `status` is `"busy"` mean "not placed, try later". Any other 4xx is a refusal of that
//!   number (its outcome is "failed", with the platform's words as the reason).
//! - `POST scriptforge/{app_id}/main/status` with `{call_id}` answers that call:
//!   `{call_id, destination, placed_at, state: ringing|up|ended, outcome, reason, duration}`,
//!   `outcome` one of `answered`, `busy`, `no_answer`, `failed` once `state` is `ended`, and
//!   `duration` the talk time in seconds (a string or a number).
//! - The same function with `{destination, since}` (`since` in the platform's
//!   `YYYY-MM-DD HH:MM:SS`, UTC) answers the calls placed to that destination from then on, an
//!   empty list when there were none. Since originate takes no request id of ours, this is
//!   how a client that crashed between sending an originate and reading its answer finds out
//!   whether the call was placed. It assumes one job at a time dials a given number, and that
//!   the platform's clock is within [`CLOCK_MARGIN`] of ours.
//!
//! Everything else in the crate sees only the [`Dialer`] trait, so when the real contract
//! turns up only this file changes.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use cx_platform::{Client, PlatformError};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// How far the platform's clock may be behind ours when looking a call up by time.
pub const CLOCK_MARGIN: Duration = Duration::from_secs(5);

/// The four configured arguments of `originate`; the destination comes from the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallTarget {
    /// The customer (company) id the calls are billed to.
    pub company: String,
    /// The outbound server's alias.
    pub server: String,
    /// The extension that takes answered calls.
    pub extension: String,
    /// The caller id shown, E.164.
    pub cli: String,
}

/// Where a placed call stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallPhase {
    Ringing,
    Up,
    Ended,
}

/// How a call ended, as the platform reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlatformOutcome {
    Answered,
    Busy,
    NoAnswer,
    Failed,
}

/// A placed call, as `status` describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct CallStatus {
    pub call_id: String,
    pub phase: CallPhase,
    /// Set once the call has ended.
    pub outcome: Option<PlatformOutcome>,
    pub reason: Option<String>,
    pub talk_time: Option<Duration>,
}

/// Why a request about a call did not give an answer.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum DialError {
    /// The platform is busy or rate limited: nothing was placed; try again after `after`.
    #[error("the platform is busy; trying again in {} s", .after.as_secs_f32())]
    RetryLater { after: Duration },
    /// The platform refused this number: the call was not placed and will not be.
    #[error("refused: {0}")]
    Refused(String),
    /// No clear answer (the connection broke, a timeout, a server error): the call may or may
    /// not have been placed.
    #[error("no clear answer: {0}")]
    InDoubt(String),
    /// The request was refused as a whole (signed out, no permission, app not installed):
    /// nothing was placed, and nothing more will be until someone acts.
    #[error("{0}")]
    Blocked(String),
}

/// What dial jobs need from the platform. [`PlatformDialer`] is the real one.
pub trait Dialer: Send + Sync + 'static {
    /// Places a call to `destination`; answers the platform's call id.
    fn originate(
        &self,
        destination: &str,
    ) -> impl Future<Output = Result<String, DialError>> + Send;

    /// Where the call `call_id` stands.
    fn status(&self, call_id: &str) -> impl Future<Output = Result<CallStatus, DialError>> + Send;

    /// The call placed to `destination` at or after `since`, if there is one.
    fn find(
        &self,
        destination: &str,
        since: DateTime<Utc>,
    ) -> impl Future<Output = Result<Option<CallStatus>, DialError>> + Send;
}

/// Calls placed through the installed Autonomous Calling app's functions.
///
/// Every request is sent with [`Client::post_self_paced`]: a 429 is never waited out inside
/// the client (which would wake every task told the same `Retry-After` at once), it comes
/// back as [`DialError::RetryLater`] and the shared limiter holds every start instead. So the
/// app's own client (which waits out 429s for screens) can be used as it is.
#[derive(Debug, Clone)]
pub struct PlatformDialer {
    client: Arc<Client>,
    app_id: String,
    target: CallTarget,
}

impl PlatformDialer {
    pub fn new(client: Arc<Client>, app_id: &str, target: CallTarget) -> Self {
        Self {
            client,
            app_id: app_id.to_owned(),
            target,
        }
    }

    fn path(&self, function: &str) -> String {
        format!("scriptforge/{}/main/{function}", self.app_id)
    }
}

impl Dialer for PlatformDialer {
    async fn originate(&self, destination: &str) -> Result<String, DialError> {
        let body = json!({
            "company": self.target.company,
            "server": self.target.server,
            "destination": destination,
            "cli": self.target.cli,
            "extension": self.target.extension,
        });
        let answer = self
            .client
            .post_self_paced(&self.path("originate"), &body)
            .await
            .map_err(originate_error)?;
        if answer["status"].as_str() == Some("busy") {
            return Err(DialError::RetryLater {
                after: Duration::from_secs(1),
            });
        }
        answer
            .get("call_id")
            .and_then(text)
            .ok_or_else(|| DialError::InDoubt("the answer carried no call id".to_owned()))
    }

    async fn status(&self, call_id: &str) -> Result<CallStatus, DialError> {
        let answer = self
            .client
            .post_self_paced(&self.path("status"), &json!({ "call_id": call_id }))
            .await
            .map_err(lookup_error)?;
        read_status(&answer)
    }

    async fn find(
        &self,
        destination: &str,
        since: DateTime<Utc>,
    ) -> Result<Option<CallStatus>, DialError> {
        let since = since - CLOCK_MARGIN;
        let body = json!({
            "destination": destination,
            "since": since.format("%Y-%m-%d %H:%M:%S").to_string(),
        });
        let answer = self
            .client
            .post_self_paced(&self.path("status"), &body)
            .await
            .map_err(lookup_error)?;
        let calls = match answer {
            Value::Array(calls) => calls,
            Value::Object(ref object) => match object.get("result").or(object.get("data")) {
                Some(Value::Array(calls)) => calls.clone(),
                _ => return Err(DialError::InDoubt("status did not answer a list".into())),
            },
            _ => return Err(DialError::InDoubt("status did not answer a list".into())),
        };
        calls.first().map(read_status).transpose()
    }
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Seconds sent as a number or as a string (the platform does both).
fn seconds(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn read_status(answer: &Value) -> Result<CallStatus, DialError> {
    let unexpected = |what: &str| DialError::InDoubt(format!("status answer: {what}"));
    let call_id = answer
        .get("call_id")
        .and_then(text)
        .ok_or_else(|| unexpected("no call id"))?;
    let phase = match answer["state"].as_str() {
        Some("ringing") => CallPhase::Ringing,
        Some("up") => CallPhase::Up,
        Some("ended") => CallPhase::Ended,
        _ => return Err(unexpected("unknown state")),
    };
    let outcome = match &answer["outcome"] {
        Value::Null => None,
        other => {
            Some(serde_json::from_value(other.clone()).map_err(|_| unexpected("unknown outcome"))?)
        }
    };
    if phase == CallPhase::Ended && outcome.is_none() {
        return Err(unexpected("an ended call without an outcome"));
    }
    let talk_time = seconds(&answer["duration"])
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(Duration::from_secs_f64);
    Ok(CallStatus {
        call_id,
        phase,
        outcome,
        reason: answer.get("reason").and_then(text),
        talk_time,
    })
}

/// An originate that failed: was anything placed?
fn originate_error(error: PlatformError) -> DialError {
    match error {
        PlatformError::RateLimited { retry_after } => DialError::RetryLater { after: retry_after },
        PlatformError::Server { status: 503, .. } => DialError::RetryLater {
            after: Duration::from_secs(1),
        },
        PlatformError::Rejected(message) => DialError::Refused(message),
        PlatformError::SessionExpired
        | PlatformError::BadCredentials(_)
        | PlatformError::Forbidden(_)
        | PlatformError::NotFound(_)
        | PlatformError::BadBaseUrl(_) => DialError::Blocked(error.to_string()),
        other => DialError::InDoubt(other.to_string()),
    }
}

/// A status lookup that failed: it changes nothing, so any failure just means "ask again",
/// except a call the platform says it does not know.
fn lookup_error(error: PlatformError) -> DialError {
    match error {
        PlatformError::RateLimited { retry_after } => DialError::RetryLater { after: retry_after },
        PlatformError::NotFound(message) => DialError::Refused(message),
        PlatformError::SessionExpired | PlatformError::Forbidden(_) => {
            DialError::Blocked(error.to_string())
        }
        other => DialError::InDoubt(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ended_call_reads_its_outcome_and_a_talk_time_sent_as_a_string() {
        let answer = json!({
            "call_id": "ac-000001", "state": "ended", "outcome": "answered",
            "reason": null, "duration": "42.500"
        });

        let status = read_status(&answer).unwrap();

        assert_eq!(status.phase, CallPhase::Ended);
        assert_eq!(status.outcome, Some(PlatformOutcome::Answered));
        assert_eq!(status.talk_time, Some(Duration::from_millis(42_500)));
    }

    #[test]
    fn a_rate_limit_or_a_busy_platform_means_later_never_a_bad_number() {
        let limited = PlatformError::RateLimited {
            retry_after: Duration::from_secs(3),
        };
        let busy = PlatformError::Server {
            status: 503,
            message: "busy".into(),
        };

        assert_eq!(
            originate_error(limited),
            DialError::RetryLater {
                after: Duration::from_secs(3)
            }
        );
        assert!(matches!(
            originate_error(busy),
            DialError::RetryLater { .. }
        ));
    }

    #[test]
    fn a_broken_connection_leaves_the_call_in_doubt() {
        let broken = PlatformError::Unreachable {
            host: "127.0.0.1".into(),
            reason: "the connection broke".into(),
        };

        assert!(matches!(originate_error(broken), DialError::InDoubt(_)));
    }
}
