//! Money as the platform stores it: decimal amounts that arrive as numbers or as strings.
//! Arithmetic is done in whole cents so a top-up of 0.29 adds 29 cents, not 28.

use serde_json::Value;

/// Cents in a decimal amount given as a JSON number or string (`"125.50"`, `-20`, `19.99`).
/// `None` when it is not a decimal with at most two places.
pub(crate) fn to_cents(value: &Value) -> Option<i64> {
    let text = match value {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    parse_cents(&text)
}

fn parse_cents(text: &str) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || fraction.len() > 2 || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let cents = whole.parse::<i64>().ok()? * 100 + format!("{fraction:0<2}").parse::<i64>().ok()?;
    Some(if negative { -cents } else { cents })
}

/// Cents back as the same kind of JSON value the field held before: a string stays a
/// two-place string, a number stays a number.
pub(crate) fn from_cents_like(cents: i64, like: &Value) -> Value {
    let text = format!(
        "{}{}.{:02}",
        if cents < 0 { "-" } else { "" },
        cents.abs() / 100,
        cents.abs() % 100
    );
    match like {
        Value::String(_) => Value::String(text),
        _ => serde_json::from_str(&text).unwrap_or(Value::Null),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn amounts_parse_to_exact_cents_whatever_their_json_type() {
        assert_eq!(to_cents(&json!("125.50")), Some(12550));
        assert_eq!(to_cents(&json!(0.29)), Some(29));
        assert_eq!(to_cents(&json!(-20)), Some(-2000));
        assert_eq!(
            to_cents(&json!("12.345")),
            None,
            "three places is not money"
        );
    }

    #[test]
    fn a_string_balance_stays_a_string_after_arithmetic() {
        assert_eq!(from_cents_like(13050, &json!("1.00")), json!("130.50"));
        assert_eq!(from_cents_like(-5, &json!(1.5)), json!(-0.05));
    }
}
