//! The shapes the Yoco screens receive and send, exported to TypeScript (`ui/src/bindings/`)
//! by this crate's `bindings` test.

use cx_secrets::Secret;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::client::Mode;
use crate::money::Cents;
use crate::surcharge::Quote;

/// Where a top-up is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TopUpState {
    /// The idempotency key is stored; Yoco has not yet confirmed the checkout.
    Creating,
    /// The checkout exists; waiting for the payer.
    AwaitingPayment,
    /// Yoco says paid; the platform does not hold the payment yet.
    Paid,
    /// Paid and recorded on the platform: done.
    Recorded,
    Cancelled,
    Expired,
    /// Yoco refused the checkout (the reason is in `error`); nothing was charged.
    Failed,
}

impl TopUpState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Creating => "creating",
            Self::AwaitingPayment => "awaiting_payment",
            Self::Paid => "paid",
            Self::Recorded => "recorded",
            Self::Cancelled => "cancelled",
            Self::Expired => "expired",
            Self::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Creating,
            Self::AwaitingPayment,
            Self::Paid,
            Self::Recorded,
            Self::Cancelled,
            Self::Expired,
            Self::Failed,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }

    /// Whether the app still has work to do on it (create, poll or record).
    pub fn is_pending(self) -> bool {
        matches!(self, Self::Creating | Self::AwaitingPayment | Self::Paid)
    }
}

/// One change of state, with when.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TopUpEvent {
    pub at: String,
    pub state: String,
    pub note: Option<String>,
}

/// A top-up as the screens show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TopUpView {
    pub id: String,
    pub install_id: String,
    pub customer_id: String,
    pub customer_name: String,
    pub top_up: Cents,
    pub fee: Cents,
    pub total: Cents,
    pub mode: Mode,
    pub state: TopUpState,
    pub checkout_id: Option<String>,
    pub redirect_url: Option<String>,
    pub payment_id: Option<String>,
    /// Yoco's last status, as Yoco wrote it (an open set).
    pub checkout_status: Option<String>,
    /// Why it failed or what is being retried, in words.
    pub error: Option<String>,
    /// Refunded so far, of the charged total.
    pub refunded: Cents,
    pub created_at: String,
    pub updated_at: String,
    pub recorded_at: Option<String>,
    /// Oldest first.
    pub events: Vec<TopUpEvent>,
}

/// What "Create checkout" sends.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct TopUpRequest {
    /// A fresh id per attempt, made by the screen: a double click sends the same one twice.
    pub attempt: String,
    pub customer_id: String,
    /// As typed, in rand.
    pub amount: String,
}

/// What "Refund" sends.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct RefundRequest {
    pub attempt: String,
    pub top_up_id: String,
    /// As typed, in rand; `None` or empty refunds all that is left.
    pub amount: Option<String>,
}

/// The History filter; every part optional.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct HistoryFilter {
    #[serde(default)]
    pub install_id: Option<String>,
    #[serde(default)]
    pub state: Option<TopUpState>,
    #[serde(default)]
    pub customer_id: Option<String>,
    /// Matched against customer name, checkout id and payment id.
    #[serde(default)]
    pub text: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

/// A customer in the Top up picker. Yoco charges rand only, so only ZAR accounts can be paid.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PayableCustomer {
    pub id: String,
    pub name: String,
    pub currency: Option<String>,
    pub payable: bool,
}

/// What the settings hold, secrets reduced to a hint.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct YocoSettings {
    pub install_id: String,
    pub api_user: Option<String>,
    /// The saved key's mode and last four characters; never the key.
    pub key: Option<KeyHint>,
    pub surcharge_type: String,
    pub surcharge: String,
    /// `2.5%`, `R5.00` or `none`.
    pub surcharge_text: String,
    pub rounding_rule: String,
    /// Required settings still missing, in words.
    pub missing: Vec<String>,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct KeyHint {
    pub mode: Mode,
    pub last_four: String,
}

/// The settings form. An empty `secret_key` keeps the saved key.
///
/// The key is a [`Secret`], so printing the form (`{:?}`) never shows it.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SettingsForm {
    pub api_user: String,
    #[ts(type = "string")]
    pub secret_key: Secret,
    pub surcharge_type: String,
    pub surcharge: String,
}

/// A quote for the Top up screen, from a typed amount.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct QuoteView {
    pub quote: Quote,
    pub mode: Mode,
    pub surcharge_text: String,
}

#[cfg(test)]
mod tests {
    use super::SettingsForm;

    #[test]
    fn printing_the_settings_form_never_shows_the_secret_key() {
        let form: SettingsForm = serde_json::from_value(serde_json::json!({
            "api_user": "demo@sandbox.connexcs.test",
            "secret_key": "sk_live_8Hc2Np5Tq9Wm3Xr6Zb1Vd",
            "surcharge_type": "percent",
            "surcharge": "2.5",
        }))
        .unwrap();
        let printed = format!("{form:?}");
        assert!(!printed.contains("8Hc2Np5Tq9Wm3Xr6Zb1Vd"), "{printed}");
        assert!(printed.contains("demo@sandbox.connexcs.test"), "{printed}");
        assert_eq!(form.secret_key.expose(), "sk_live_8Hc2Np5Tq9Wm3Xr6Zb1Vd");
    }
}
