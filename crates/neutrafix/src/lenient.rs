//! Field-by-field lenient readers for what the exchange and the sellers' rate decks send:
//! numbers quoted or bare, with `$`, spaces or a decimal comma; ACD as `m:ss`; dates in several
//! formats, and the zero date `0000-00-00 00:00:00` meaning "none". A field that cannot be read
//! is `None`; it never costs the whole record.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde_json::Value;

/// A number from text such as `"0.0023"`, `"$0.0100"`, `"0,0079"`, `" 1 200.5 "` or `"12 USD"`.
pub fn number_text(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .trim_end_matches("USD")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '$')
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    let normalised = match (cleaned.rfind(','), cleaned.rfind('.')) {
        (Some(comma), Some(dot)) if comma > dot => cleaned.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => cleaned.replace(',', ""),
        (Some(_), None) => cleaned.replace(',', "."),
        _ => cleaned,
    };
    normalised.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A number from a JSON value that may be a number or a string.
pub fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => number_text(s),
        _ => None,
    }
}

/// A whole, non-negative number (seconds, counts) from a JSON number or string.
pub fn whole(value: &Value) -> Option<u32> {
    number(value)
        .filter(|n| *n >= 0.0 && *n <= f64::from(u32::MAX))
        .map(|n| n.round() as u32)
}

/// Text from a JSON string or number (ids and prefixes arrive both ways); empty is `None`.
pub fn text(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// A yes/no flag: `1`, `"1"`, `true`, `"yes"`, `"y"`, `"true"` are yes; anything else no.
pub fn flag(value: &Value) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        Value::String(s) => flag_text(s),
        _ => false,
    }
}

pub fn flag_text(text: &str) -> bool {
    matches!(
        text.trim().to_ascii_lowercase().as_str(),
        "1" | "y" | "yes" | "true" | "x"
    )
}

/// Seconds from an ACD given as `m:ss`, `h:mm:ss`, or a plain number of seconds.
pub fn duration_secs(value: &Value) -> Option<u32> {
    let Value::String(s) = value else {
        return whole(value);
    };
    let parts: Vec<&str> = s.trim().split(':').collect();
    if parts.len() == 1 {
        return whole(value);
    }
    let mut total: u32 = 0;
    for part in parts {
        let n: u32 = part.trim().parse().ok()?;
        total = total.checked_mul(60)?.checked_add(n)?;
    }
    Some(total)
}

/// The formats dates have been seen in; tried in order.
const DATE_TIME_FORMATS: &[&str] = &[
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%d.%m.%Y %H:%M:%S",
];
const DATE_FORMATS: &[&str] = &["%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%d-%b-%Y", "%Y%m%d"];

/// A date and time from text; the zero date, empty text and anything unreadable are `None`.
pub fn date_text(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    if text.is_empty() || text.starts_with("0000-00-00") {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(dt.naive_utc());
    }
    for format in DATE_TIME_FORMATS {
        if let Ok(dt) = NaiveDateTime::parse_from_str(text, format) {
            return Some(dt);
        }
    }
    DATE_FORMATS
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
}

/// A date from a JSON string, or from a Unix timestamp number.
pub fn date(value: &Value) -> Option<NaiveDateTime> {
    match value {
        Value::String(s) => date_text(s),
        Value::Number(n) => n
            .as_i64()
            .filter(|secs| *secs > 0)
            .and_then(|secs| DateTime::from_timestamp(secs, 0))
            .map(|dt| dt.naive_utc()),
        _ => None,
    }
}

/// A dialling prefix kept as a digit string: spaces and a leading `+` dropped; anything else
/// than digits, or nothing at all, is refused.
pub fn prefix(text: &str) -> Result<String, PrefixError> {
    let digits: String = text
        .trim()
        .trim_start_matches('+')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if digits.is_empty() {
        return Err(PrefixError::Empty);
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PrefixError::NotDigits(text.trim().to_owned()));
    }
    Ok(digits)
}

/// Why a prefix was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrefixError {
    #[error("the prefix is empty")]
    Empty,
    #[error("\"{0}\" is not a prefix (digits only)")]
    NotDigits(String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_are_read_quoted_bare_with_dollars_and_decimal_commas() {
        assert_eq!(number(&json!("0.0023")), Some(0.0023));
        assert_eq!(number(&json!(0.0023)), Some(0.0023));
        assert_eq!(number_text("$0.0100"), Some(0.01));
        assert_eq!(number_text("0,0079"), Some(0.0079));
        assert_eq!(number_text("1.234,5"), Some(1234.5));
        assert_eq!(number_text(" 12 USD"), Some(12.0));
        assert_eq!(number_text("n/a"), None);
        assert_eq!(number(&json!(null)), None);
    }

    #[test]
    fn acd_is_read_as_minutes_and_seconds() {
        assert_eq!(duration_secs(&json!("3:07")), Some(187));
        assert_eq!(duration_secs(&json!("1:00:05")), Some(3605));
        assert_eq!(duration_secs(&json!(95)), Some(95));
        assert_eq!(duration_secs(&json!("x:10")), None);
    }

    #[test]
    fn dates_come_in_several_formats_and_the_zero_date_is_none() {
        let want = NaiveDate::from_ymd_opt(2026, 3, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0);
        assert_eq!(date(&json!("2026-03-01 00:00:00")), want);
        assert_eq!(date(&json!("2026-03-01")), want);
        assert_eq!(date(&json!("01.03.2026")), want);
        assert_eq!(date(&json!("2026-03-01T00:00:00Z")), want);
        assert_eq!(date(&json!("0000-00-00 00:00:00")), None);
        assert_eq!(date(&json!("")), None);
    }

    #[test]
    fn prefixes_stay_digit_strings_and_empty_is_refused() {
        assert_eq!(prefix(" +44 7400 "), Ok("447400".into()));
        assert_eq!(prefix("0044"), Ok("0044".into()));
        assert_eq!(prefix(""), Err(PrefixError::Empty));
        assert!(matches!(prefix("44a"), Err(PrefixError::NotDigits(_))));
    }
}
