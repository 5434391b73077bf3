//! A checkout's status as an open set: Yoco may add statuses, and one this build does not
//! know is kept (and shown) rather than failing the read or being taken for payment.

use std::fmt;

use serde::{Deserialize, Deserializer};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckoutStatus {
    Created,
    Started,
    Processing,
    Completed,
    Cancelled,
    Expired,
    /// A status this build does not know; not terminal, never payment.
    Unknown(String),
}

impl CheckoutStatus {
    pub fn parse(text: &str) -> Self {
        match text {
            "created" => Self::Created,
            "started" => Self::Started,
            "processing" => Self::Processing,
            "completed" => Self::Completed,
            "cancelled" => Self::Cancelled,
            "expired" => Self::Expired,
            other => Self::Unknown(other.to_owned()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Self::Created => "created",
            Self::Started => "started",
            Self::Processing => "processing",
            Self::Completed => "completed",
            Self::Cancelled => "cancelled",
            Self::Expired => "expired",
            Self::Unknown(text) => text,
        }
    }

    /// Whether the checkout can no longer change (so polling stops).
    pub fn is_final(&self) -> bool {
        matches!(self, Self::Completed | Self::Cancelled | Self::Expired)
    }
}

impl fmt::Display for CheckoutStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CheckoutStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self::parse(&String::deserialize(deserializer)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_status_is_kept_and_is_not_final() {
        let status: CheckoutStatus = serde_json::from_str("\"on_hold\"").unwrap();
        assert_eq!(status, CheckoutStatus::Unknown("on_hold".into()));
        assert!(!status.is_final());
        assert_eq!(status.to_string(), "on_hold");
    }
}
