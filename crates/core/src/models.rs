//! The shapes the UI receives. Each is exported to TypeScript (`ui/src/bindings/`) by the
//! `bindings` test, which also fails when the committed files are stale.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use cx_cache::Profile;
use cx_platform::appstore::{AppSummary, AppVersion, ConfigField};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who is signed in, where.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SessionView {
    pub profile: Profile,
    /// The company the account belongs to (`setup/account`), when the platform was reachable.
    pub account_name: Option<String>,
    /// Whether the platform answered when the session started.
    pub online: bool,
}

/// How fresh what is shown is, and why it may be old.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Freshness {
    /// When the data was fetched from the platform; `None` when it never was.
    pub synced_at: Option<DateTime<Utc>>,
    /// The platform could not be reached just now; the data is the cached copy.
    pub offline: bool,
    /// Why it is offline, in words.
    pub notice: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct StoreQuery {
    #[serde(default)]
    pub text: String,
    /// Only this category; `None` or empty for all.
    #[serde(default)]
    pub category: Option<String>,
}

/// An app in the store grid.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppCard {
    #[serde(flatten)]
    pub app: AppSummary,
    pub owned: bool,
    /// How many installs of it the account has.
    pub installed: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CategoryCount {
    pub name: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StoreView {
    /// The matching apps, best first, at most 500 of them.
    pub apps: Vec<AppCard>,
    /// How many apps match in all (more than `apps` holds when the cap cut it).
    pub matched: u32,
    /// Every category of the whole catalogue, with its size, for the sidebar.
    pub categories: Vec<CategoryCount>,
    /// How many apps the catalogue has in all.
    pub total: u32,
    pub freshness: Freshness,
}

/// An app's page: the four tabs' content.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppPage {
    pub app: AppSummary,
    pub description: String,
    /// Newest first.
    pub versions: Vec<AppVersion>,
    /// The `app_documentation` template, rendered and sanitised: safe to insert as HTML.
    pub documentation_html: Option<String>,
    pub owned: bool,
    pub installs: Vec<InstallView>,
    pub freshness: Freshness,
}

/// An installed instance and what its Config dialog needs.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct InstallView {
    pub id: String,
    pub app_id: String,
    pub app_name: String,
    pub name: String,
    pub version: String,
    pub latest_version: String,
    pub update_available: bool,
    /// The fields the installed version declares.
    pub fields: Vec<ConfigField>,
    /// Saved values of the non-secret fields.
    pub values: BTreeMap<String, String>,
    /// The secret fields that have a value saved (in the keyring); never the value itself.
    pub secrets_saved: Vec<String>,
    /// Required fields that have no value yet.
    pub missing: Vec<String>,
    pub installed_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct InstallRequest {
    pub app_id: String,
    pub name: String,
    pub version: String,
}

/// What moving an install from one version to another brings, for the confirmation.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct VersionChange {
    pub from: String,
    pub to: String,
    pub direction: ChangeDirection,
    /// The versions passed over, newest first: for an upgrade those after `from` up to `to`,
    /// for a rollback those after `to` up to `from` (what will be undone).
    pub versions: Vec<AppVersion>,
    /// Fields the target version asks for that the current one does not.
    pub new_fields: Vec<String>,
    /// Fields the current version has that the target drops (their values are discarded).
    pub dropped_fields: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeDirection {
    Upgrade,
    Rollback,
    Same,
}

/// An entry of a picker (customer, server, extension, user).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PickOption {
    pub value: String,
    pub label: String,
}

/// Facts about this running copy of the app, for the About and Settings screens.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    /// Where the local database lives.
    pub data_dir: String,
    /// Where the log files are written.
    pub log_dir: String,
    /// The built-in sandbox's address, when it runs in this process.
    pub sandbox_url: Option<String>,
}
