//! Faults a test can inject, so the client's handling of a bad network or a bad day on the
//! platform is exercised against a real server rather than a mocked client.

use std::sync::Mutex;
use std::time::Duration;

/// One misbehaviour, applied to one API request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Answer normally, but only after this delay.
    Latency(Duration),
    /// Answer this status with a JSON `{"error": ...}` body.
    Status(u16),
    /// Answer this status with an nginx-style HTML page, as a proxy in front of the API does.
    HtmlError(u16),
    /// Answer 429 with a `Retry-After` header.
    RateLimited {
        /// The seconds put in `Retry-After`.
        retry_after_secs: u64,
    },
    /// Close the TCP connection without answering at all.
    Drop,
    /// Handle the request (its write is done), then close the connection before the answer
    /// goes out: the client cannot tell whether it happened.
    DropAfter,
    /// Treat the bearer access token of the next request that carries one as expired (401).
    /// The token stays dead afterwards, as a really expired one would.
    ExpireAccessTokens,
}

/// A queue of pending faults, shared by the server and whoever injects them.
#[derive(Debug, Default)]
pub struct Faults {
    queue: Mutex<Vec<Pending>>,
}

#[derive(Debug)]
struct Pending {
    prefix: Option<String>,
    fault: Fault,
    left: u32,
}

impl Faults {
    /// Applies `fault` to the next `times` API requests (never to `/__sandbox`).
    pub fn push(&self, fault: Fault, times: u32) {
        self.enqueue(None, fault, times);
    }

    /// Like [`Faults::push`], but only for requests whose path, relative to `/api/cp/`, starts
    /// with `path_prefix` (`"appstore"`, `"auth/jwt"`; a leading `/` or `/api/cp/` is ignored).
    pub fn push_for(&self, path_prefix: &str, fault: Fault, times: u32) {
        self.enqueue(Some(normalise_prefix(path_prefix)), fault, times);
    }

    /// Forgets every pending fault.
    pub fn clear(&self) {
        self.lock().clear();
    }

    fn enqueue(&self, prefix: Option<String>, fault: Fault, times: u32) {
        if times > 0 {
            self.lock().push(Pending {
                prefix,
                fault,
                left: times,
            });
        }
    }

    /// Takes one use of the first pending fault that matches `path` and is (or is not, per
    /// `expiry`) an [`Fault::ExpireAccessTokens`]. Expiry faults wait for a request that
    /// carries an access token, so a sign-in request in between does not use them up.
    pub(crate) fn take(&self, path: &str, expiry: bool) -> Option<Fault> {
        let mut queue = self.lock();
        let index = queue.iter().position(|pending| {
            let is_expiry = pending.fault == Fault::ExpireAccessTokens;
            is_expiry == expiry
                && pending
                    .prefix
                    .as_deref()
                    .is_none_or(|p| path.starts_with(p))
        })?;
        let fault = queue[index].fault.clone();
        queue[index].left -= 1;
        if queue[index].left == 0 {
            queue.remove(index);
        }
        Some(fault)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Pending>> {
        self.queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Makes `"/api/cp/appstore"`, `"/appstore"` and `"appstore"` the same prefix.
fn normalise_prefix(prefix: &str) -> String {
    let trimmed = prefix.trim_start_matches('/');
    trimmed
        .strip_prefix("api/cp/")
        .unwrap_or(trimmed)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fault_pushed_twice_applies_to_two_requests_then_stops() {
        let faults = Faults::default();
        faults.push(Fault::Status(500), 2);

        assert_eq!(faults.take("customer", false), Some(Fault::Status(500)));
        assert_eq!(faults.take("customer", false), Some(Fault::Status(500)));
        assert_eq!(faults.take("customer", false), None);
    }

    #[test]
    fn a_prefixed_fault_skips_other_paths() {
        let faults = Faults::default();
        faults.push_for("/api/cp/appstore", Fault::Drop, 1);

        assert_eq!(
            faults.take("customer", false),
            None,
            "customer is not under appstore"
        );
        assert_eq!(faults.take("appstore/install", false), Some(Fault::Drop));
    }

    #[test]
    fn an_expiry_fault_waits_for_a_request_with_an_access_token() {
        let faults = Faults::default();
        faults.push(Fault::ExpireAccessTokens, 1);

        assert_eq!(
            faults.take("auth/jwt", false),
            None,
            "ordinary faults are taken first"
        );
        assert_eq!(
            faults.take("customer", true),
            Some(Fault::ExpireAccessTokens)
        );
    }
}
