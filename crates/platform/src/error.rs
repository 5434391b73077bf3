use std::time::Duration;

/// What went wrong talking to the platform, in words a user can act on.
///
/// Messages never carry a credential: request URLs hold none (tokens travel in headers), and
/// the platform's own error text is passed on as it came.
#[derive(Debug, thiserror::Error)]
pub enum PlatformError {
    #[error("{0}")]
    BadBaseUrl(String),
    #[error("can't reach {host}: {reason}")]
    Unreachable { host: String, reason: String },
    #[error("{host} did not answer within {} seconds", .after.as_secs())]
    Timeout { host: String, after: Duration },
    #[error("the platform refused the login: {0}")]
    BadCredentials(String),
    #[error("the session has expired; sign in again")]
    SessionExpired,
    #[error("your user's group lacks permission for this: {0}")]
    Forbidden(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("the platform rejected the request: {0}")]
    Rejected(String),
    #[error("the platform is busy (rate limited); try again in {} seconds", .retry_after.as_secs().max(1))]
    RateLimited { retry_after: Duration },
    #[error("the platform failed (HTTP {status}): {message}")]
    Server { status: u16, message: String },
    #[error("the platform answered something this client does not understand: {0}")]
    Unexpected(String),
}

impl PlatformError {
    /// Whether the platform could not be reached at all, so cached data is the best we have.
    pub fn is_offline(&self) -> bool {
        matches!(self, Self::Unreachable { .. } | Self::Timeout { .. })
    }
}
