//! The platform's JSON conventions, read leniently: ids as numbers or strings, numbers that
//! arrive quoted, lists bare or wrapped, and error text wherever the server put it.

use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde::Deserialize;
use serde_json::Value;

use crate::PlatformError;

/// An id that arrives as a number (`12`) or a string (`"GjjS-E0FO"`, a UUID); kept as text.
pub type Id = String;

/// Reads an id given as a number or a string.
pub fn string_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::String(text) => Ok(text),
        Value::Number(number) => Ok(number.to_string()),
        other => Err(D::Error::custom(format!("expected an id, found {other}"))),
    }
}

/// Reads a number given bare or quoted (`"125.50"`); a missing value or `null` reads as 0.
pub fn lenient_f64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    match Option::<Value>::deserialize(deserializer)? {
        None | Some(Value::Null) => Ok(0.0),
        Some(Value::Number(number)) => Ok(number.as_f64().unwrap_or(0.0)),
        Some(Value::String(text)) if text.trim().is_empty() => Ok(0.0),
        Some(Value::String(text)) => text
            .trim()
            .parse()
            .map_err(|_| D::Error::custom(format!("expected a number, found \"{text}\""))),
        Some(other) => Err(D::Error::custom(format!(
            "expected a number, found {other}"
        ))),
    }
}

/// Reads a whole number given bare or quoted; a missing value or `null` reads as 0.
pub fn lenient_u64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    match Option::<Value>::deserialize(deserializer)? {
        None | Some(Value::Null) => Ok(0),
        Some(Value::Number(number)) => number
            .as_u64()
            .ok_or_else(|| D::Error::custom(format!("expected a whole number, found {number}"))),
        Some(Value::String(text)) if text.trim().is_empty() => Ok(0),
        Some(Value::String(text)) => text
            .trim()
            .parse()
            .map_err(|_| D::Error::custom(format!("expected a whole number, found \"{text}\""))),
        Some(other) => Err(D::Error::custom(format!(
            "expected a whole number, found {other}"
        ))),
    }
}

/// Reads a flag given as `true`, `1`, `"1"` or `"true"`.
pub fn lenient_bool<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(match Option::<Value>::deserialize(deserializer)? {
        Some(Value::Bool(flag)) => flag,
        Some(Value::Number(number)) => number.as_i64().unwrap_or(0) != 0,
        Some(Value::String(text)) => matches!(text.trim(), "1" | "true" | "yes"),
        _ => false,
    })
}

/// Takes the items out of a list answer: a bare array, or one wrapped in `result` or `data`.
pub fn list_items<T: DeserializeOwned>(body: Value, what: &str) -> Result<Vec<T>, PlatformError> {
    let items = match body {
        Value::Array(items) => items,
        Value::Object(mut object) => match ["result", "data"]
            .iter()
            .find_map(|key| object.remove(*key).filter(Value::is_array))
        {
            Some(Value::Array(items)) => items,
            _ => return Err(unexpected(what, "a list")),
        },
        _ => return Err(unexpected(what, "a list")),
    };
    let total = items.len();
    let mut decoded = Vec::with_capacity(total);
    let mut first_error = None;
    for item in items {
        match decode(item, what) {
            Ok(value) => decoded.push(value),
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    match first_error {
        // One malformed record does not hide the rest; it is logged, not dropped silently.
        Some(error) if !decoded.is_empty() => {
            let skipped = total - decoded.len();
            tracing::warn!(what, skipped, %error, "records the client cannot read were skipped");
            Ok(decoded)
        }
        Some(error) => Err(error),
        None => Ok(decoded),
    }
}

/// Takes one object out of an answer: the object itself, or the first item of a one-item list
/// (`?id=` answers an array).
pub fn one_item<T: DeserializeOwned>(body: Value, what: &str) -> Result<T, PlatformError> {
    match body {
        Value::Array(_) => list_items::<T>(body, what)?
            .into_iter()
            .next()
            .ok_or_else(|| PlatformError::NotFound(what.to_owned())),
        other => decode(other, what),
    }
}

pub fn decode<T: DeserializeOwned>(value: Value, what: &str) -> Result<T, PlatformError> {
    serde_json::from_value(value)
        .map_err(|error| PlatformError::Unexpected(format!("{what}: {error}")))
}

fn unexpected(what: &str, expected: &str) -> PlatformError {
    PlatformError::Unexpected(format!("{what}: expected {expected}"))
}

/// The human text of an error answer: `error` or `message` of a JSON body (as a string, or
/// inside an object), else the title or first heading of an HTML page, else the plain text.
pub fn error_text(body: &str) -> String {
    if let Ok(value) = serde_json::from_str::<Value>(body) {
        if let Some(text) = json_error_text(&value) {
            return text;
        }
    }
    if looks_like_html(body) {
        return html_text(body);
    }
    shorten(body.trim())
}

fn json_error_text(value: &Value) -> Option<String> {
    ["error", "message", "description", "detail"]
        .iter()
        .find_map(|key| match value.get(*key)? {
            Value::String(text) if !text.trim().is_empty() => Some(shorten(text.trim())),
            nested @ Value::Object(_) => json_error_text(nested),
            _ => None,
        })
}

fn looks_like_html(body: &str) -> bool {
    let head = body
        .trim_start()
        .get(..body.len().min(200))
        .unwrap_or_default()
        .to_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
}

/// The text of the `<title>` or first `<h1>`, tags stripped; an HTML page is never shown raw.
fn html_text(body: &str) -> String {
    // ASCII lower-casing keeps every byte where it was, so positions found in `lower` cut
    // `body` on the same character boundaries (full Unicode lower-casing would not).
    let lower = body.to_ascii_lowercase();
    let inner = ["title", "h1"].iter().find_map(|tag| {
        let start = lower.find(&format!("<{tag}"))?;
        let start = start + lower[start..].find('>')? + 1;
        let end = start + lower[start..].find(&format!("</{tag}"))?;
        Some(strip_tags(&body[start..end]))
    });
    match inner {
        Some(text) if !text.is_empty() => shorten(&text),
        _ => "an HTML error page with no title".to_owned(),
    }
}

fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn shorten(text: &str) -> String {
    const MAX: usize = 300;
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Row {
        #[serde(deserialize_with = "string_id")]
        id: String,
        #[serde(default, deserialize_with = "lenient_f64")]
        credit: f64,
    }

    #[test]
    fn lists_are_read_bare_or_wrapped_in_result_or_data() {
        for body in [
            r#"[{"id": 1, "credit": "12.5"}]"#,
            r#"{"result": [{"id": 1, "credit": 12.5}]}"#,
            r#"{"data": [{"id": "1", "credit": "12.50"}]}"#,
        ] {
            let rows: Vec<Row> = list_items(serde_json::from_str(body).unwrap(), "rows").unwrap();
            assert_eq!(rows.len(), 1, "{body}");
            assert_eq!(rows[0].id, "1");
            assert_eq!(rows[0].credit, 12.5);
        }
    }

    #[test]
    fn a_non_list_answer_where_a_list_is_expected_is_an_unexpected_answer() {
        let error = list_items::<Row>(serde_json::json!({"status": "OK"}), "customers");
        assert!(matches!(error, Err(PlatformError::Unexpected(_))));
    }

    #[test]
    fn one_malformed_record_is_skipped_and_the_rest_kept() {
        let body = serde_json::json!([{"id": 1}, {"id": null}, {"id": "3"}]);

        let rows: Vec<Row> = list_items(body, "rows").unwrap();

        let ids: Vec<_> = rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["1", "3"]);
    }

    #[test]
    fn html_whose_lower_case_changes_length_is_read_without_panicking() {
        let page = "<html>\u{130}\u{212A}<title>Gateway \u{e9}rror</title></html>";

        assert_eq!(error_text(page), "Gateway \u{e9}rror");
    }

    #[test]
    fn error_text_comes_from_error_message_or_an_html_title() {
        assert_eq!(error_text(r#"{"error": "Bad token"}"#), "Bad token");
        assert_eq!(error_text(r#"{"message": "No such app"}"#), "No such app");
        assert_eq!(error_text(r#"{"error": {"message": "Nested"}}"#), "Nested");
        let page = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>";
        assert_eq!(error_text(page), "502 Bad Gateway");
        assert_eq!(
            error_text("<html><body><h1>Oops <b>down</b></h1></body></html>"),
            "Oops down"
        );
        assert_eq!(error_text("  plain words "), "plain words");
    }

    #[test]
    fn quoted_numbers_that_are_not_numbers_are_refused_with_the_value() {
        let error = serde_json::from_str::<Row>(r#"{"id": 1, "credit": "lots"}"#).unwrap_err();
        assert!(error.to_string().contains("\"lots\""), "{error}");
    }
}
