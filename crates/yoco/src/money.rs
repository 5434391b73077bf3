//! Money as people type it and as Yoco charges it: rand in text, integer cents in code.
//!
//! Typed amounts are parsed digit by digit into cents, never through floating point (which
//! turns 0.29, 19.99 and 2.01 into 28, 1998 and 200 cents).

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The smallest amount Yoco charges: R2.00.
pub const MIN_CHARGE: Cents = Cents(200);

/// The largest top-up this client takes in one go: R1 000 000.00. Yoco publishes no maximum;
/// the cap keeps a slip of the finger (an extra zero or three) from reaching a payer.
pub const MAX_TOP_UP: Cents = Cents(100_000_000);

/// A whole number of cents of rand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "number")]
pub struct Cents(pub i64);

impl Cents {
    /// `270.85`: the decimal text the platform's `total` and a CSV take (no symbol).
    pub fn decimal(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        format!("{sign}{}.{:02}", self.0.abs() / 100, self.0.abs() % 100)
    }
}

impl fmt::Display for Cents {
    /// `R270.85`, `-R10.00`: how amounts are shown to people.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "{sign}R{}.{:02}", self.0.abs() / 100, self.0.abs() % 100)
    }
}

/// Why a typed amount was refused, in words that say what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("Type an amount in rand, such as 150 or 270.85.")]
    Empty,
    #[error("\"{0}\" is not an amount: use digits, with a dot before the cents (270.85).")]
    NotAnAmount(String),
    #[error("Use a dot before the cents, not a comma: 270.85 rather than 270,85.")]
    Comma,
    #[error("An amount has at most two decimals (cents): \"{0}\" has more.")]
    TooManyDecimals(String),
    #[error("The amount must be positive.")]
    Negative,
    #[error("The smallest top-up Yoco takes is R2.00; {0} is under it.")]
    UnderMinimum(Cents),
    #[error("At most {max} in one top-up; {0} is more.", max = MAX_TOP_UP)]
    OverMaximum(Cents),
}

/// Cents in a typed amount of rand: `270.85`, `R 270.85`, `150`, `0.5` (50 cents).
/// Refuses more than two decimals, a sign, a comma, anything else that is not digits,
/// and amounts outside [`MIN_CHARGE`]..=[`MAX_TOP_UP`].
pub fn parse_rand(typed: &str) -> Result<Cents, MoneyError> {
    let cents = parse_cents(typed)?;
    if cents < MIN_CHARGE {
        return Err(MoneyError::UnderMinimum(cents));
    }
    if cents > MAX_TOP_UP {
        return Err(MoneyError::OverMaximum(cents));
    }
    Ok(cents)
}

/// Like [`parse_rand`] but with no bounds: zero and tiny amounts pass (a fixed surcharge).
pub fn parse_cents(typed: &str) -> Result<Cents, MoneyError> {
    let text = typed.trim();
    let text = text.strip_prefix('R').unwrap_or(text).trim_start();
    if text.is_empty() {
        return Err(MoneyError::Empty);
    }
    if text.starts_with('-') {
        return Err(MoneyError::Negative);
    }
    if text.contains(',') {
        return Err(MoneyError::Comma);
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let whole_ok = !whole.is_empty() && digits(whole);
    let fraction_ok = digits(fraction) && !(text.ends_with('.') && fraction.is_empty());
    if !whole_ok || !fraction_ok {
        return Err(MoneyError::NotAnAmount(typed.trim().to_owned()));
    }
    if fraction.len() > 2 {
        return Err(MoneyError::TooManyDecimals(typed.trim().to_owned()));
    }
    // 15 whole digits keep the cents far inside i64, and far above any cap.
    if whole.trim_start_matches('0').len() > 15 {
        return Err(MoneyError::OverMaximum(MAX_TOP_UP));
    }
    let rands: i64 = whole
        .parse()
        .map_err(|_| MoneyError::NotAnAmount(typed.to_owned()))?;
    let cents: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
    Ok(Cents(rands * 100 + cents))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_rand_sign_and_spaces_around_are_accepted() {
        assert_eq!(parse_rand(" R 150 "), Ok(Cents(15000)));
        assert_eq!(parse_rand("R2.5"), Ok(Cents(250)));
    }

    #[test]
    fn garbage_commas_signs_and_lone_dots_are_refused_with_their_own_message() {
        assert_eq!(
            parse_rand("ten"),
            Err(MoneyError::NotAnAmount("ten".into()))
        );
        assert_eq!(parse_rand("270,85"), Err(MoneyError::Comma));
        assert_eq!(parse_rand("-5"), Err(MoneyError::Negative));
        assert_eq!(parse_rand("5."), Err(MoneyError::NotAnAmount("5.".into())));
        assert_eq!(parse_rand(".5"), Err(MoneyError::NotAnAmount(".5".into())));
        assert_eq!(
            parse_rand("1e3"),
            Err(MoneyError::NotAnAmount("1e3".into()))
        );
        assert_eq!(parse_rand(""), Err(MoneyError::Empty));
        assert_eq!(
            parse_rand("10.005"),
            Err(MoneyError::TooManyDecimals("10.005".into()))
        );
    }

    #[test]
    fn amounts_over_the_cap_are_refused_however_many_digits_they_have() {
        assert_eq!(
            parse_rand("1000000.01"),
            Err(MoneyError::OverMaximum(Cents(100_000_001)))
        );
        assert!(matches!(
            parse_rand("99999999999999999999999"),
            Err(MoneyError::OverMaximum(_))
        ));
        assert_eq!(parse_rand("1000000"), Ok(MAX_TOP_UP));
    }

    #[test]
    fn cents_print_as_rand_with_two_decimals() {
        assert_eq!(Cents(27085).to_string(), "R270.85");
        assert_eq!(Cents(-1000).to_string(), "-R10.00");
        assert_eq!(Cents(5).decimal(), "0.05");
    }

    proptest! {
        #[test]
        fn every_amount_printed_with_two_decimals_parses_back_to_the_same_cents(
            cents in 200i64..=100_000_000
        ) {
            let text = Cents(cents).decimal();
            prop_assert_eq!(parse_rand(&text), Ok(Cents(cents)));
        }
    }
}
