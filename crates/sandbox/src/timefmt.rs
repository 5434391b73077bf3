//! The platform's timestamp format: `YYYY-MM-DD HH:MM:SS`, UTC, no zone marker.

use chrono::Utc;

/// Now, as the platform writes it.
pub(crate) fn now_stamp() -> String {
    Utc::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Seconds since the Unix epoch, for JWT claims.
pub(crate) fn now_unix() -> u64 {
    u64::try_from(Utc::now().timestamp()).unwrap_or(0)
}
