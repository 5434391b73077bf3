//! The App Store endpoints.
//!
//! **These endpoints are the project's assumption**: the platform publishes no contract for
//! listing published apps, their versions, or installing one under a chosen name. What is
//! assumed is written down in `docs/assumed-api.md` and lives in this module only, so the real
//! contract, when it turns up, replaces this file and nothing else. The two parts that *are*
//! known — documentation as the `app_documentation` template (`setup/template`) and the
//! account's own apps (`setup/app`) — follow the platform's contract.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{json, Value};

use crate::wire::{lenient_bool, lenient_u64, list_items, string_id, Id};
use crate::{Client, PlatformError};

/// How the platform masks a stored secret in an install's configuration, and how a client
/// says "keep the stored one" when it sends the configuration back.
pub const MASKED_SECRET: &str = "********";

/// A published app as the store lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppSummary {
    #[serde(deserialize_with = "string_id")]
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub publisher: String,
    #[serde(default)]
    pub latest_version: String,
    #[serde(default, deserialize_with = "lenient_u64")]
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub installs: u64,
    #[serde(default)]
    pub updated_at: String,
}

/// An app's page: its summary and long description.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppDetail {
    #[serde(flatten)]
    pub summary: AppSummary,
    #[serde(default)]
    pub description: String,
}

/// One published version of an app, with the configuration it asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppVersion {
    pub version: String,
    #[serde(default)]
    pub released_at: String,
    #[serde(default)]
    pub release_notes: String,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub config: Vec<ConfigField>,
}

/// A field of an install's Config dialog, as the app version declares it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConfigField {
    pub key: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: FieldKind,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub required: bool,
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub pattern_message: Option<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub options: Vec<FieldOption>,
    #[serde(default)]
    pub depends_on: Option<String>,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub default: Option<String>,
}

/// What a configuration field holds, which decides its input and its checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    Email,
    /// An E.164 number such as `+447400123456`.
    Phone,
    /// A decimal number.
    Number,
    /// One of the field's `options`.
    Select,
    /// A customer of the account.
    Customer,
    /// A switch server, by alias.
    Server,
    /// An extension (SIP user) of the customer named by `depends_on`.
    SipUser,
    /// A Control Panel user of the account.
    User,
    /// Kept in the OS keyring, never shown again once saved.
    Secret,
    /// A kind this client does not know yet: shown and checked as text.
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldOption {
    #[serde(deserialize_with = "string_id")]
    pub value: String,
    pub label: String,
}

/// An installed instance of an app under its own name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Install {
    #[serde(deserialize_with = "string_id")]
    pub id: Id,
    #[serde(deserialize_with = "string_id")]
    pub app_id: Id,
    pub name: String,
    pub version: String,
    #[serde(default, deserialize_with = "config_values")]
    pub config: BTreeMap<String, String>,
    #[serde(default)]
    pub installed_at: String,
    #[serde(default)]
    pub updated_at: String,
}

/// What the store list is asked for.
#[derive(Debug, Clone, Default)]
pub struct StoreQuery {
    pub text: Option<String>,
    pub category: Option<String>,
}

/// Every published app matching `query`, all pages.
pub async fn published_apps(
    client: &Client,
    query: &StoreQuery,
) -> Result<Vec<AppSummary>, PlatformError> {
    let mut params = Vec::new();
    if let Some(text) = query.text.as_deref().filter(|text| !text.is_empty()) {
        params.push(("s", text.to_owned()));
    }
    if let Some(category) = query.category.as_deref().filter(|text| !text.is_empty()) {
        params.push(("category", category.to_owned()));
    }
    client.list_all("appstore", &params, 100).await
}

pub async fn app(client: &Client, app_id: &str) -> Result<AppDetail, PlatformError> {
    client
        .one(&format!("appstore/{}", segment(app_id)), &[])
        .await
}

/// The app's versions, newest first.
pub async fn versions(client: &Client, app_id: &str) -> Result<Vec<AppVersion>, PlatformError> {
    client
        .list(&format!("appstore/{}/version", segment(app_id)), &[])
        .await
}

/// The HTML of the app's `app_documentation` template, if it has one (not yet rendered or
/// sanitised: that is the caller's job).
pub async fn documentation(client: &Client, app_id: &str) -> Result<Option<String>, PlatformError> {
    #[derive(Deserialize)]
    struct Template {
        name: String,
        #[serde(default)]
        html: Option<String>,
    }

    let templates: Vec<Template> = client
        .list("setup/template", &[("app_id", app_id.to_owned())])
        .await?;
    Ok(templates
        .into_iter()
        .find(|t| t.name == "app_documentation")
        .and_then(|t| t.html))
}

/// The ids of the apps the account built itself (it owns them).
pub async fn owned_app_ids(client: &Client) -> Result<Vec<Id>, PlatformError> {
    #[derive(Deserialize)]
    struct OwnApp {
        #[serde(deserialize_with = "string_id")]
        id: Id,
    }

    let apps: Vec<OwnApp> = client.list_all("setup/app", &[], 100).await?;
    Ok(apps.into_iter().map(|app| app.id).collect())
}

pub async fn installs(client: &Client) -> Result<Vec<Install>, PlatformError> {
    list_items(
        client.get("appstore/install", &[]).await?,
        "appstore/install",
    )
}

pub async fn install(
    client: &Client,
    app_id: &str,
    name: &str,
    version: &str,
) -> Result<Install, PlatformError> {
    let body = json!({"app_id": app_id, "name": name, "version": version});
    let created = client.post("appstore/install", &body).await?;
    crate::wire::decode(created, "appstore/install")
}

/// Moves an install to `version`; with `config`, also replaces its configuration (to drop the
/// values of fields that version no longer has).
pub async fn change_version(
    client: &Client,
    install_id: &str,
    version: &str,
    config: Option<&BTreeMap<String, String>>,
) -> Result<(), PlatformError> {
    let path = format!("appstore/install/{}", segment(install_id));
    let body = match config {
        Some(config) => json!({"version": version, "config": config}),
        None => json!({"version": version}),
    };
    client.put(&path, &body).await.map(drop)
}

/// Replaces the install's configuration. Secret fields the user left alone are sent as
/// [`MASKED_SECRET`], which tells the platform to keep what it has.
pub async fn configure(
    client: &Client,
    install_id: &str,
    config: &BTreeMap<String, String>,
) -> Result<(), PlatformError> {
    let path = format!("appstore/install/{}", segment(install_id));
    client
        .put(&path, &json!({"config": config}))
        .await
        .map(drop)
}

pub async fn remove(client: &Client, install_id: &str) -> Result<(), PlatformError> {
    client
        .delete(&format!("appstore/install/{}", segment(install_id)))
        .await
        .map(drop)
}

/// An id as one path segment, so an id with `/` or `?` in it cannot change the path.
fn segment(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// Configuration values arrive as strings, numbers or booleans; the client keeps them as text.
fn config_values<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, String>, D::Error> {
    let raw = Option::<BTreeMap<String, Value>>::deserialize(deserializer)?.unwrap_or_default();
    Ok(raw
        .into_iter()
        .filter_map(|(key, value)| {
            let text = match value {
                Value::Null => return None,
                Value::String(text) => text,
                other => other.to_string(),
            };
            Some((key, text))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_fields_read_flags_given_as_numbers_and_unknown_kinds() {
        let field: ConfigField = serde_json::from_value(json!({
            "key": "x", "label": "X", "type": "hologram", "required": 1, "options": null
        }))
        .unwrap();

        assert!(field.required);
        assert_eq!(field.kind, FieldKind::Unknown);
        assert!(field.options.is_empty());
    }

    #[test]
    fn install_config_values_are_kept_as_text() {
        let install: Install = serde_json::from_value(json!({
            "id": 7, "app_id": "a1b2", "name": "Dialer", "version": "1.0.0",
            "config": {"max_cps": 5, "cli": "+442071234567", "gone": null}
        }))
        .unwrap();

        assert_eq!(install.id, "7");
        assert_eq!(install.config["max_cps"], "5");
        assert!(!install.config.contains_key("gone"));
    }

    #[test]
    fn ids_are_escaped_into_a_single_path_segment() {
        assert_eq!(segment("12"), "12");
        assert_eq!(segment("../setup?x=1"), "..%2Fsetup%3Fx%3D1");
    }
}
