//! What can go wrong in the route market, in words a buyer can act on; met by the core's
//! [`AppError`] at the boundary.

use std::time::Duration;

use cx_core::{AppError, ErrorCode};

/// A failure of the exchange, the platform side, or the local file.
#[derive(Debug, thiserror::Error)]
pub enum NeutrafixError {
    #[error("can't reach the exchange at {host}: {reason}")]
    Unreachable { host: String, reason: String },
    #[error("the exchange did not answer within {} seconds", .after.as_secs())]
    Timeout { after: Duration },
    #[error(
        "the exchange answered \"Wrong signature\": the API Login or API Key is wrong, or this \
         computer's clock is off"
    )]
    WrongSignature,
    #[error("the exchange is busy (rate limited); try again in {} seconds", .retry_after.as_secs().max(1))]
    RateLimited { retry_after: Duration },
    #[error("the exchange refused: {0}")]
    Refused(String),
    #[error("the exchange failed (HTTP {status}): {message}")]
    Server { status: u16, message: String },
    #[error("the exchange answered something this client does not understand: {0}")]
    Unexpected(String),
    #[error("log in to NeuTrafix first")]
    NotLoggedIn,
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    NotFound(String),
    #[error(transparent)]
    Platform(#[from] cx_platform::PlatformError),
    #[error("the NeuTrafix database failed: {0}")]
    Database(#[from] rusqlite::Error),
    #[error(transparent)]
    Cache(#[from] cx_cache::CacheError),
    #[error(transparent)]
    Keyring(#[from] cx_secrets::KeyringError),
    #[error("{0}")]
    Io(String),
}

impl NeutrafixError {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Unreachable { .. } | Self::Timeout { .. } => ErrorCode::Offline,
            Self::WrongSignature => ErrorCode::BadCredentials,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::Refused(_) | Self::Invalid(_) | Self::Io(_) => ErrorCode::InvalidInput,
            Self::Server { .. } | Self::Unexpected(_) => ErrorCode::Platform,
            Self::NotLoggedIn => ErrorCode::SignedOut,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::Database(_) | Self::Cache(_) => ErrorCode::Database,
            Self::Keyring(_) => ErrorCode::Keyring,
            Self::Platform(_) => ErrorCode::Platform,
        }
    }
}

impl From<NeutrafixError> for AppError {
    fn from(error: NeutrafixError) -> Self {
        if let NeutrafixError::Platform(platform) = error {
            return AppError::from(platform);
        }
        if let NeutrafixError::Cache(cache) = error {
            return AppError::from(cache);
        }
        let code = error.code();
        AppError::new(code, sentence(&error.to_string()))
    }
}

fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

pub type Result<T, E = NeutrafixError> = std::result::Result<T, E>;
