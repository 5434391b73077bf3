//! What the sandbox's Yoco keeps: checkouts, idempotency records, webhooks, injected faults
//! and counters. One lock; handlers never hold it across an await.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::Value;

/// Idempotency keys are remembered this long, as Yoco documents.
pub(crate) const IDEMPOTENCY_TTL: Duration = Duration::from_secs(24 * 60 * 60);

/// Yoco's whole state in the sandbox.
#[derive(Debug, Default)]
pub(crate) struct Yoco {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
pub(crate) struct Inner {
    pub(crate) checkouts: HashMap<String, Checkout>,
    /// Creation order, for the control listing.
    pub(crate) order: Vec<String>,
    pub(crate) idempotency: HashMap<(String, String), Idempotent>,
    pub(crate) webhooks: Vec<Webhook>,
    pub(crate) faults: VecDeque<PendingFault>,
    pub(crate) stats: YocoStats,
    next: u64,
}

impl Yoco {
    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Inner {
    /// A new id with Yoco's prefixes (`ch_`, `p_`, `rfd_`, `wh_`): unique within the sandbox.
    pub(crate) fn new_id(&mut self, prefix: &str) -> String {
        self.next += 1;
        let salt: u32 = rand::random();
        format!("{prefix}{:06}{salt:08x}", self.next)
    }

    /// Takes one use of the first pending fault whose path prefix matches and that applies at
    /// this stage (before or after the request is processed).
    pub(crate) fn take_fault(&mut self, path: &str, stage: Stage) -> Option<FaultKind> {
        let at = self
            .faults
            .iter()
            .position(|f| f.kind.stage() == stage && path.starts_with(&f.path_prefix))?;
        let kind = self.faults[at].kind.clone();
        self.faults[at].left -= 1;
        if self.faults[at].left == 0 {
            self.faults.remove(at);
        }
        self.stats.faults_applied += 1;
        Some(kind)
    }
}

/// A checkout as the sandbox holds it.
#[derive(Debug, Clone)]
pub(crate) struct Checkout {
    pub(crate) id: String,
    /// The secret key that created it: only that key may read or refund it.
    pub(crate) owner: String,
    pub(crate) live: bool,
    pub(crate) amount: i64,
    pub(crate) status: String,
    pub(crate) payment_id: Option<String>,
    /// The payer pressed Pay: the next read moves `processing` to `completed`.
    pub(crate) settling: bool,
    pub(crate) refunded: i64,
    pub(crate) redirect_url: String,
    /// The request's fields echoed back (`metadata`, `lineItems`, URLs, `externalId`).
    pub(crate) request: Value,
}

/// What an idempotency key is bound to.
#[derive(Debug, Clone)]
pub(crate) struct Idempotent {
    pub(crate) fingerprint: String,
    pub(crate) at: Instant,
    /// `None` while the first request is still being processed.
    pub(crate) answer: Option<(u16, Value)>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Webhook {
    pub(crate) id: String,
    pub(crate) mode: String,
    pub(crate) name: String,
    pub(crate) url: String,
    #[serde(skip)]
    pub(crate) secret: String,
    #[serde(skip)]
    pub(crate) owner: String,
}

/// When a fault strikes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    /// Before the request is processed: nothing happens on the server.
    Before,
    /// After it is processed: the work is done, but the answer is lost or late.
    After,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FaultKind {
    /// Answer this status with an error body, doing nothing.
    Status(u16),
    /// 429 with `Retry-After` seconds.
    RateLimited(u64),
    /// Close the connection without an answer, doing nothing.
    DropBefore,
    /// Do the work, then close the connection without an answer.
    DropAfter,
    /// Hold the request in flight this long before doing the work (a retry meanwhile
    /// meets 409), then answer.
    Slow(Duration),
}

impl FaultKind {
    fn stage(&self) -> Stage {
        match self {
            Self::DropAfter => Stage::After,
            _ => Stage::Before,
        }
    }
}

#[derive(Debug)]
pub(crate) struct PendingFault {
    pub(crate) kind: FaultKind,
    /// Relative to `/yoco/api/`, e.g. `checkouts` or `checkouts/ch_1/refund`.
    pub(crate) path_prefix: String,
    pub(crate) left: u32,
}

/// Counters a test asserts on.
#[derive(Debug, Default, Clone, Serialize)]
pub(crate) struct YocoStats {
    pub(crate) checkouts_created: u64,
    pub(crate) replays: u64,
    pub(crate) in_flight_conflicts: u64,
    pub(crate) key_mismatches: u64,
    pub(crate) forbidden: u64,
    pub(crate) refunds: u64,
    pub(crate) faults_applied: u64,
    pub(crate) webhooks_delivered: u64,
}
