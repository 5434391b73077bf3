//! The platform's DID, package and variable records, read leniently: ids and numbers as
//! numbers or strings, `customer_id` possibly null, `tags` a list or a comma-separated string.

use serde::de::Deserializer;
use serde::Deserialize;
use serde_json::Value;

/// `GET did` (Global → DID), the fields this feature uses.
#[derive(Debug, Clone, Deserialize)]
pub struct Did {
    #[serde(deserialize_with = "cx_platform::string_id")]
    pub id: String,
    #[serde(deserialize_with = "text")]
    pub did: String,
    #[serde(default, deserialize_with = "optional_text")]
    pub customer_id: Option<String>,
    #[serde(default, deserialize_with = "tags")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "optional_score")]
    pub spam_score: Option<i64>,
    #[serde(default, deserialize_with = "flag")]
    pub ftc_reported: bool,
}

/// `GET setup/package` / `GET package?company_id=`.
#[derive(Debug, Clone, Deserialize)]
pub struct Package {
    #[serde(default)]
    pub name: String,
    #[serde(default, deserialize_with = "tags", rename = "type")]
    pub kinds: Vec<String>,
}

/// `GET setup/var?app_id=`.
#[derive(Debug, Clone, Deserialize)]
pub struct Var {
    #[serde(deserialize_with = "cx_platform::string_id")]
    pub id: String,
    pub key: String,
    #[serde(default, deserialize_with = "optional_text")]
    pub value: Option<String>,
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(scalar(&Value::deserialize(deserializer)?).unwrap_or_default())
}

fn optional_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(scalar(&Value::deserialize(deserializer)?).filter(|text| !text.is_empty()))
}

fn tags<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::Array(items) => items.iter().filter_map(scalar).collect(),
        Value::String(text) => text
            .split(',')
            .map(str::trim)
            .filter(|tag| !tag.is_empty())
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    })
}

fn optional_score<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::Number(number) => number.as_f64().map(|n| n.round() as i64),
        Value::String(text) => text.trim().parse::<f64>().ok().map(|n| n.round() as i64),
        _ => None,
    })
}

fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::Bool(flag) => flag,
        Value::Number(number) => number.as_i64().unwrap_or(0) != 0,
        Value::String(text) => matches!(text.trim(), "1" | "true" | "yes"),
        _ => false,
    })
}
