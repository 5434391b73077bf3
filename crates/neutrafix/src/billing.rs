//! Billing arithmetic from the rate sheet contract [doc]: a call of `d` whole seconds on
//! intervals `i1`/`iN` bills 0 s when `d = 0`, `i1` when `d ≤ i1`, else
//! `i1 + ceil((d − i1) / iN) × iN`; it costs `(i1 × price_1 + (billed − i1) × price_n) / 60`
//! with prices per minute.

use serde::Serialize;
use ts_rs::TS;

/// What a route charges: per-minute prices for the first interval and the next ones.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
#[ts(export_to = "neutrafix/")]
pub struct Tariff {
    pub price_1: f64,
    pub price_n: f64,
    pub interval_1: u32,
    pub interval_n: u32,
}

/// The cost of one call.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
#[ts(export_to = "neutrafix/")]
pub struct CallCost {
    pub seconds: u32,
    pub billed_seconds: u32,
    /// USD.
    pub cost: f64,
}

/// Billed seconds of a call lasting `seconds`. An `interval_n` of 0 is read as 1 (per second)
/// rather than dividing by zero. Near `u32::MAX` (136 years) the answer saturates at
/// `u32::MAX` instead of overflowing.
pub fn billed_seconds(seconds: u32, interval_1: u32, interval_n: u32) -> u32 {
    if seconds == 0 {
        return 0;
    }
    if seconds <= interval_1 {
        return interval_1;
    }
    let step = interval_n.max(1);
    let rest = (seconds - interval_1).div_ceil(step).saturating_mul(step);
    interval_1.saturating_add(rest)
}

impl Tariff {
    /// What a call of `seconds` costs on this tariff.
    pub fn cost(&self, seconds: u32) -> CallCost {
        let billed = billed_seconds(seconds, self.interval_1, self.interval_n);
        let cost = if billed == 0 {
            0.0
        } else {
            let first = f64::from(self.interval_1.min(billed)) * self.price_1;
            let rest = f64::from(billed.saturating_sub(self.interval_1)) * self.price_n;
            (first + rest) / 60.0
        };
        CallCost {
            seconds,
            billed_seconds: billed,
            cost,
        }
    }
}
