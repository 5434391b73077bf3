//! The one error type the UI sees: a closed set of codes it can switch on, and a message for
//! people. Core modules keep their own error enums; they meet here.

use cx_cache::CacheError;
use cx_platform::PlatformError;
use cx_secrets::KeyringError;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The platform could not be reached; cached data is shown instead.
    Offline,
    /// No account is signed in, or the session expired: sign in again.
    SignedOut,
    /// The login or password was refused.
    BadCredentials,
    /// The user's group lacks permission.
    Forbidden,
    NotFound,
    /// The input was wrong; `fields` says where.
    InvalidInput,
    /// The name or thing is already taken.
    Conflict,
    /// The platform asked us to slow down.
    RateLimited,
    /// The platform failed or answered nonsense.
    Platform,
    /// The OS keyring could not be used.
    Keyring,
    /// The local database could not be used.
    Database,
    Internal,
}

/// A field-level message, for forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// What a command answers on failure: `{code, message, fields}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    pub fn invalid(fields: Vec<FieldError>) -> Self {
        let message = match fields.as_slice() {
            [only] => only.message.clone(),
            _ => format!("{} fields need attention", fields.len()),
        };
        Self {
            code: ErrorCode::InvalidInput,
            message,
            fields,
        }
    }

    pub fn signed_out() -> Self {
        Self::new(ErrorCode::SignedOut, "Sign in to an account first.")
    }
}

impl From<PlatformError> for AppError {
    fn from(error: PlatformError) -> Self {
        let code = match &error {
            PlatformError::Unreachable { .. } | PlatformError::Timeout { .. } => ErrorCode::Offline,
            PlatformError::SessionExpired => ErrorCode::SignedOut,
            PlatformError::BadCredentials(_) => ErrorCode::BadCredentials,
            PlatformError::Forbidden(_) => ErrorCode::Forbidden,
            PlatformError::NotFound(_) => ErrorCode::NotFound,
            PlatformError::Conflict(_) => ErrorCode::Conflict,
            PlatformError::Rejected(_) | PlatformError::BadBaseUrl(_) => ErrorCode::InvalidInput,
            PlatformError::RateLimited { .. } => ErrorCode::RateLimited,
            PlatformError::Server { .. } | PlatformError::Unexpected(_) => ErrorCode::Platform,
        };
        Self::new(code, sentence(error.to_string()))
    }
}

impl From<CacheError> for AppError {
    fn from(error: CacheError) -> Self {
        Self::new(ErrorCode::Database, sentence(error.to_string()))
    }
}

impl From<KeyringError> for AppError {
    fn from(error: KeyringError) -> Self {
        Self::new(ErrorCode::Keyring, sentence(error.to_string()))
    }
}

/// Starts a message with a capital letter and ends it with a full stop.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_the_ui_receives_is_pinned() {
        let error = AppError::invalid(vec![FieldError {
            field: "name".into(),
            message: "Give the install a name.".into(),
        }]);

        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            serde_json::json!({
                "code": "invalid_input",
                "message": "Give the install a name.",
                "fields": [{"field": "name", "message": "Give the install a name."}]
            })
        );
    }

    #[test]
    fn platform_failures_map_to_codes_and_sentences() {
        let offline = AppError::from(PlatformError::Unreachable {
            host: "app.connexcs.com".into(),
            reason: "refused".into(),
        });
        assert_eq!(offline.code, ErrorCode::Offline);
        assert_eq!(offline.message, "Can't reach app.connexcs.com: refused.");

        let expired = AppError::from(PlatformError::SessionExpired);
        assert_eq!(expired.code, ErrorCode::SignedOut);
    }
}
