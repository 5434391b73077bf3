//! Click-2-Dial's per-customer keys, as version 1.2.0 stores them, and its public `send`
//! function.
//!
//! Versions up to 1.1.0 hold one key per install (`customer_id`, `api_key`, `extension`).
//! Version 1.2.0 holds a table: `customers`, a JSON array of `{customer_id, extension}` rows
//! (shown as stored), and `api_keys`, a JSON object from customer id to key, which is a secret
//! field (stored, never returned). `send {api_key, phone}` looks the key up across every
//! Click-2-Dial install, rings the extension of the customer it belongs to, dials the number
//! and bridges the two calls. The table's shape is an assumption, written down in
//! `docs/assumed-api.md`.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{json, Value};

use crate::catalogue::{field, ConfigField};
use crate::error::ApiError;
use crate::listing::scalar_text;
use crate::seed::featured::CLICK_2_DIAL_ID;
use crate::store::{Install, Store};

/// The Config fields of the per-customer version.
pub(crate) fn table_fields() -> Vec<ConfigField> {
    vec![
        field("customers", "Customers", "json")
            .help("One row per customer: its id and the extension that rings first"),
        field("api_keys", "API Keys", "secret")
            .optional()
            .help("Each customer's key, generated when you press + Add; letters, digits, _ and -"),
    ]
}

/// One row of the `customers` table.
#[derive(Debug, Deserialize)]
struct Row {
    customer_id: Value,
    #[serde(default)]
    extension: Option<String>,
}

/// Whose key it was: the customer and the extension to ring.
struct Caller {
    extension: String,
}

/// What `send` did: its log lines and its answer.
pub(crate) struct Sent {
    pub(crate) logs: Vec<String>,
    pub(crate) result: Result<Value, ApiError>,
}

/// `send {api_key, phone}` against every Click-2-Dial install of the account.
pub(crate) fn send(store: &Store, body: &Value) -> Sent {
    let installs: Vec<&Install> = store
        .installs
        .iter()
        .filter(|i| scalar_text(&i.app_id).as_deref() == Some(CLICK_2_DIAL_ID))
        .collect();
    let configured = installs.iter().any(|i| has_keys(i));
    if !configured {
        let error = ApiError::Forbidden("Click-2-Dial is not configured".into());
        return refused(vec![], error);
    }
    let key = body["api_key"].as_str().unwrap_or_default();
    let Some(caller) = installs.iter().find_map(|i| caller_for(i, key)) else {
        return refused(vec![], ApiError::Forbidden("Invalid API key".into()));
    };
    let phone = body["phone"].as_str().unwrap_or_default();
    let digits = phone.strip_prefix('+').unwrap_or(phone);
    if !(8..=15).contains(&digits.len()) || !digits.chars().all(|c| c.is_ascii_digit()) {
        let error = ApiError::bad_request("phone must be a number in E.164 format");
        return refused(vec![format!("Rejected phone {phone:?}")], error);
    }
    Sent {
        logs: vec![
            format!("Ringing extension {}", caller.extension),
            "Extension answered".to_owned(),
            format!("Dialling +{digits}"),
            "Bridged".to_owned(),
        ],
        result: Ok(json!({ "status": "OK", "call_id": format!("c2d-{digits}") })),
    }
}

fn refused(logs: Vec<String>, error: ApiError) -> Sent {
    Sent {
        logs,
        result: Err(error),
    }
}

fn has_keys(install: &Install) -> bool {
    install.config.contains_key("api_key") || !key_table(install).is_empty()
}

/// The customer id → key map of a 1.2.0 install (empty for older ones or unreadable JSON).
fn key_table(install: &Install) -> BTreeMap<String, String> {
    install
        .config
        .get("api_keys")
        .and_then(|text| serde_json::from_str(text).ok())
        .unwrap_or_default()
}

fn caller_for(install: &Install, key: &str) -> Option<Caller> {
    if key.is_empty() {
        return None;
    }
    if install.config.get("api_key").map(String::as_str) == Some(key) {
        let extension = install.config.get("extension").cloned();
        return Some(Caller {
            extension: extension.unwrap_or_else(|| "?".to_owned()),
        });
    }
    let (customer, _) = key_table(install).into_iter().find(|(_, k)| k == key)?;
    let rows: Vec<Row> = install
        .config
        .get("customers")
        .and_then(|text| serde_json::from_str(text).ok())
        .unwrap_or_default();
    let extension = rows
        .into_iter()
        .find(|row| scalar_text(&row.customer_id).as_deref() == Some(customer.as_str()))
        .and_then(|row| row.extension);
    Some(Caller {
        extension: extension.unwrap_or_else(|| "?".to_owned()),
    })
}
