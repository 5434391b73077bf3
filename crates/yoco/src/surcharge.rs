//! The Yoco app's surcharge: a fixed amount in rand, or a percentage of the top-up.
//!
//! **Rounding rule**: a percentage fee is computed in whole cents and rounded half-up to the
//! cent (0.5 cent and above goes up): 2.5% of R10.10 is 25.25 cents → 25 cents; 2.5% of R10.60
//! is 26.5 cents → 27 cents. The fee is always shown to the payer as its own line before they
//! pay: South African card rules forbid surcharging a payment for being made by card, so it is
//! presented as a service fee of the top-up, never hidden in the total.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::money::{parse_cents, Cents};

/// The highest percentage accepted: 10.00%.
pub const MAX_PERCENT_HUNDREDTHS: u32 = 1_000;

/// The highest fixed fee accepted: R500.00.
pub const MAX_FIXED_FEE: Cents = Cents(50_000);

/// The words shown next to the field in the settings.
pub const ROUNDING_RULE: &str = "A percentage is worked out in cents and rounded half-up to \
     the cent (2.5% of R10.10 is R0.25; of R10.60, R0.27). The payer sees the fee as its own \
     line before paying.";

/// A surcharge as configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Surcharge {
    None,
    /// A fixed fee per top-up.
    Amount(Cents),
    /// Hundredths of a percent: 250 is 2.5%.
    Percent(u32),
}

/// A top-up with its fee: what the payer sees before paying.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Quote {
    /// What the customer's balance goes up by.
    pub top_up: Cents,
    /// The surcharge, its own line.
    pub fee: Cents,
    /// What the card is charged.
    pub total: Cents,
}

/// Why a surcharge setting was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SurchargeError {
    #[error("Surcharge Type must be Amount (ZAR) or Percent.")]
    UnknownKind,
    #[error("Surcharge must be a number such as 5 or 2.5, not negative, at most two decimals.")]
    NotANumber,
    #[error("A percentage surcharge may be at most 10%.")]
    PercentTooHigh,
    #[error("A fixed surcharge may be at most R500.00.")]
    AmountTooHigh,
}

impl Surcharge {
    /// Reads the app's two settings, `surcharge_type` (`amount` or `percent`) and `surcharge`
    /// (empty or `0` for none).
    pub fn from_settings(kind: &str, value: &str) -> Result<Self, SurchargeError> {
        let value = value.trim();
        let cents = match value {
            "" => Cents(0),
            text => parse_cents(text).map_err(|_| SurchargeError::NotANumber)?,
        };
        if cents.0 == 0 {
            return match kind {
                "" | "amount" | "percent" => Ok(Self::None),
                _ => Err(SurchargeError::UnknownKind),
            };
        }
        match kind {
            // Two decimals of a percent are cents of a "percent unit": 2.5 → 250.
            "percent" if cents.0 > i64::from(MAX_PERCENT_HUNDREDTHS) => {
                Err(SurchargeError::PercentTooHigh)
            }
            "percent" => Ok(Self::Percent(cents.0 as u32)),
            "amount" | "" if cents > MAX_FIXED_FEE => Err(SurchargeError::AmountTooHigh),
            "amount" | "" => Ok(Self::Amount(cents)),
            _ => Err(SurchargeError::UnknownKind),
        }
    }

    /// The fee on a top-up, rounded half-up to the cent.
    pub fn fee(self, top_up: Cents) -> Cents {
        match self {
            Self::None => Cents(0),
            Self::Amount(fee) => fee,
            Self::Percent(hundredths) => {
                let scaled = i128::from(top_up.0) * i128::from(hundredths);
                Cents(((scaled + 5_000) / 10_000) as i64)
            }
        }
    }

    /// The top-up, its fee and the total.
    pub fn quote(self, top_up: Cents) -> Quote {
        let fee = self.fee(top_up);
        Quote {
            top_up,
            fee,
            total: Cents(top_up.0 + fee.0),
        }
    }

    /// How the settings screen names it: `2.5%`, `R5.00`, `none`.
    pub fn describe(self) -> String {
        match self {
            Self::None => "none".to_owned(),
            Self::Amount(fee) => fee.to_string(),
            Self::Percent(h) => {
                let text = format!("{}.{:02}", h / 100, h % 100);
                format!("{}%", text.trim_end_matches('0').trim_end_matches('.'))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_read_as_amount_percent_or_none() {
        assert_eq!(
            Surcharge::from_settings("percent", "2.5"),
            Ok(Surcharge::Percent(250))
        );
        assert_eq!(
            Surcharge::from_settings("amount", "5"),
            Ok(Surcharge::Amount(Cents(500)))
        );
        assert_eq!(Surcharge::from_settings("amount", ""), Ok(Surcharge::None));
        assert_eq!(
            Surcharge::from_settings("percent", "0.00"),
            Ok(Surcharge::None)
        );
    }

    #[test]
    fn bad_settings_are_refused_with_the_reason() {
        let refused = |kind, value| Surcharge::from_settings(kind, value).unwrap_err();
        assert_eq!(refused("percent", "2.555"), SurchargeError::NotANumber);
        assert_eq!(refused("percent", "-1"), SurchargeError::NotANumber);
        assert_eq!(refused("percent", "10.01"), SurchargeError::PercentTooHigh);
        assert_eq!(refused("amount", "500.01"), SurchargeError::AmountTooHigh);
        assert_eq!(refused("fixed", "1"), SurchargeError::UnknownKind);
    }

    #[test]
    fn a_fixed_fee_is_added_whatever_the_top_up() {
        let quote = Surcharge::Amount(Cents(500)).quote(Cents(20_000));
        assert_eq!((quote.fee, quote.total), (Cents(500), Cents(20_500)));
    }

    #[test]
    fn percentages_are_described_without_trailing_zeros() {
        assert_eq!(Surcharge::Percent(250).describe(), "2.5%");
        assert_eq!(Surcharge::Percent(300).describe(), "3%");
        assert_eq!(Surcharge::Percent(295).describe(), "2.95%");
    }
}
