//! What can go wrong talking to Yoco, and what the app does about each case. Messages never
//! carry the secret key: it travels in a header only, and no header is ever quoted.

use std::time::Duration;

use cx_core::{AppError, ErrorCode};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum YocoError {
    /// The key is not a Yoco secret key at all (nothing was sent).
    #[error("{0}")]
    BadKey(String),
    #[error("Yoco refused the secret key (403): {0}. Check the key in the Yoco settings.")]
    Forbidden(String),
    /// 409: the first request with this idempotency key is still being processed; waiting
    /// and sending the same request again is safe.
    #[error("Yoco is still processing the first try of this request (409): {0}")]
    InFlight(String),
    /// 422: the idempotency key came with a different body. The client reuses a key only
    /// for the very same request, so this is a bug in the app, never retried.
    #[error(
        "Bug: Yoco saw this request's idempotency key with a different body (422): {0}. \
         Nothing was charged twice; please report this."
    )]
    IdempotencyMismatch(String),
    #[error("Yoco is rate limiting; try again in {} seconds", .retry_after.as_secs().max(1))]
    RateLimited { retry_after: Duration },
    #[error("Yoco has no such checkout (404): {0}")]
    NotFound(String),
    #[error("Yoco refused the request ({status}): {message}")]
    Rejected { status: u16, message: String },
    #[error("Yoco failed ({status}): {message}")]
    Server { status: u16, message: String },
    #[error("Yoco did not answer within {} seconds", .0.as_secs())]
    Timeout(Duration),
    #[error("the connection to Yoco broke: {0}")]
    Connection(String),
    #[error("Yoco answered something this app does not understand: {0}")]
    Unexpected(String),
}

impl YocoError {
    /// Whether sending the same request again (with the same idempotency key) may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Self::InFlight(_)
                | Self::RateLimited { .. }
                | Self::Server { .. }
                | Self::Timeout(_)
                | Self::Connection(_)
        )
    }

    /// Whether the request may have been carried out although no answer came.
    pub fn outcome_unknown(&self) -> bool {
        matches!(
            self,
            Self::Timeout(_) | Self::Connection(_) | Self::Server { .. }
        )
    }
}

impl From<YocoError> for AppError {
    fn from(error: YocoError) -> Self {
        let code = match &error {
            YocoError::Forbidden(_) => ErrorCode::Forbidden,
            YocoError::RateLimited { .. } => ErrorCode::RateLimited,
            YocoError::NotFound(_) => ErrorCode::NotFound,
            YocoError::Rejected { .. } | YocoError::BadKey(_) => ErrorCode::InvalidInput,
            YocoError::Timeout(_) | YocoError::Connection(_) => ErrorCode::Offline,
            YocoError::IdempotencyMismatch(_) => ErrorCode::Internal,
            YocoError::InFlight(_) | YocoError::Server { .. } | YocoError::Unexpected(_) => {
                ErrorCode::Platform
            }
        };
        AppError::new(code, sentence(error.to_string()))
    }
}

/// A capital first letter and a full stop.
pub(crate) fn sentence(text: String) -> String {
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return text,
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}
