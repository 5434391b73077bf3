//! Counters a test can assert on: what the client asked for, and what the sandbox answered.

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A snapshot of the sandbox's counters since start (or since `POST /__sandbox/reset`).
///
/// Paths are relative to `/api/cp/` and carry no query string; control requests to
/// `/__sandbox` are not counted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Every API request received, answered or not.
    pub requests: u64,
    /// Requests per path, e.g. `"appstore/install/5001"`.
    pub requests_by_path: BTreeMap<String, u64>,
    /// Requests per method and path, e.g. `"POST auth/jwt/refresh"`.
    pub requests_by_endpoint: BTreeMap<String, u64>,
    /// Responses per HTTP status, faults included.
    pub responses_by_status: BTreeMap<u16, u64>,
    /// Refresh tokens issued by `POST auth/jwt/refresh`, first sign-ins and renewals alike.
    pub refresh_tokens_minted: u64,
    /// Access tokens issued by `GET auth/jwt`.
    pub access_tokens_minted: u64,
    /// 401 responses sent.
    pub unauthorized_sent: u64,
    /// Requests that met an injected fault (latency included).
    pub faults_applied: u64,
    /// Connections closed without an answer by [`crate::Fault::Drop`].
    pub connections_dropped: u64,
    /// Calls to app functions through `scriptforge`, in order, with their bodies.
    pub script_calls: Vec<ScriptCall>,
    /// E-mails the apps sent (DID Spam Score reports), in order.
    #[serde(default)]
    pub emails: Vec<SentEmail>,
    /// DIDs checked (and charged for) by DID Spam Score.
    #[serde(default)]
    pub spam_score_dids_charged: u64,
}

/// One e-mail an app sent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SentEmail {
    pub to: String,
    pub subject: String,
    pub text: String,
    /// The DIDs a Spam Score report lists, as numbers without `+`.
    pub dids: Vec<String>,
}

/// One `POST scriptforge/{app_id}/{script}/{fn}` call.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScriptCall {
    /// The app id as it appeared in the path.
    pub app_id: String,
    /// The script name.
    pub script: String,
    /// The function name.
    pub function: String,
    /// The JSON body sent, or `null`.
    pub body: Value,
}

impl Stats {
    /// How many requests reached `path` (relative to `/api/cp/`, any method).
    pub fn requests_to(&self, path: &str) -> u64 {
        self.requests_by_path.get(path).copied().unwrap_or(0)
    }

    /// How many responses carried `status`.
    pub fn responses_with(&self, status: u16) -> u64 {
        self.responses_by_status.get(&status).copied().unwrap_or(0)
    }
}

/// The live counters behind [`Stats`].
#[derive(Debug, Default)]
pub(crate) struct Recorder {
    stats: Mutex<Stats>,
}

impl Recorder {
    pub(crate) fn snapshot(&self) -> Stats {
        self.lock().clone()
    }

    pub(crate) fn reset(&self) {
        *self.lock() = Stats::default();
    }

    /// Applies `change` to the counters under the lock.
    pub(crate) fn update(&self, change: impl FnOnce(&mut Stats)) {
        change(&mut self.lock());
    }

    pub(crate) fn request(&self, method: &str, path: &str) {
        self.update(|stats| {
            stats.requests += 1;
            *stats.requests_by_path.entry(path.to_owned()).or_default() += 1;
            let endpoint = format!("{method} {path}");
            *stats.requests_by_endpoint.entry(endpoint).or_default() += 1;
        });
    }

    pub(crate) fn response(&self, status: u16) {
        self.update(|stats| {
            *stats.responses_by_status.entry(status).or_default() += 1;
            if status == 401 {
                stats.unauthorized_sent += 1;
            }
        });
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Stats> {
        self.stats
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
