//! Click-2-Dial: a table of customers, each with its own API key and the extension that rings
//! first; keys generated here, shown once, kept in the OS keyring and saved to the install's
//! configuration on the platform; test calls through the app's public `send` function.
//!
//! Two shapes of configuration exist (see `docs/assumed-api.md`): version 1.2.0 and later keep
//! a table (`customers`, a JSON list of `{customer_id, extension}`, and `api_keys`, a secret
//! JSON object from customer id to key); earlier versions keep one row (`customer_id`,
//! `api_key`, `extension`). Both are saved through [`Core::configure`], so the keys go to the
//! keyring before the platform and never into the local database.

use std::collections::BTreeMap;

use cx_core::models::InstallView;
use cx_core::{AppError, Core, ErrorCode, FieldError};
use cx_platform::resources;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::keys::generate_key;
use crate::links;
use crate::settings;

/// The app function an outside system calls, and the script it lives in [assumed].
pub const SEND_SCRIPT: &str = "main";
pub const SEND_FUNCTION: &str = "send";

/// One customer's row as the Config table shows it; the key itself is never in it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DialRow {
    pub customer_id: String,
    pub customer_name: String,
    pub extension: String,
    /// A key is saved (in the keyring and on the platform).
    pub has_key: bool,
    /// Links without a choice use this row.
    pub is_default: bool,
}

/// The Config page of a Click-2-Dial install.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DialView {
    pub install_id: String,
    pub rows: Vec<DialRow>,
    /// Version 1.2.0 or later: one key per customer. Earlier versions hold one row.
    pub per_customer: bool,
    /// The URL an outside system posts `{api_key, phone}` to.
    pub endpoint: String,
    /// A ready command line calling `endpoint`, the key left as `$CX_C2D_KEY`.
    pub curl: String,
    /// Nothing real happens on the sandbox: no call is placed.
    pub is_sandbox: bool,
}

/// A key just made, for the UI to show once. Its `Debug` leaves the key out.
#[derive(Clone, PartialEq, Serialize, TS)]
pub struct NewKey {
    pub customer_id: String,
    pub api_key: String,
    pub view: DialView,
}

impl std::fmt::Debug for NewKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewKey")
            .field("customer_id", &self.customer_id)
            .field("api_key", &"<redacted>")
            .field("view", &self.view)
            .finish()
    }
}

/// What a test call (or a `tel:` link) did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CallPlaced {
    /// The number dialled, in E.164.
    pub phone: String,
    pub customer_id: String,
    pub extension: String,
    /// The platform's id for the call, when it gives one.
    pub call_id: Option<String>,
}

/// A stored row: what the platform's `customers` table holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Row {
    customer_id: String,
    extension: String,
}

/// The install's rows and keys, in whichever shape its version uses.
struct Table {
    per_customer: bool,
    rows: Vec<Row>,
    keys: BTreeMap<String, String>,
}

/// The Config page.
pub async fn view(core: &Core, install_id: &str) -> Result<DialView, AppError> {
    let install = find_install(core, install_id).await?;
    let table = load(core, &install)?;
    render(core, &install, &table).await
}

/// +Add: a new row for `customer_id` with a fresh key.
pub async fn add(
    core: &Core,
    install_id: &str,
    customer_id: &str,
    extension: &str,
) -> Result<NewKey, AppError> {
    let install = find_install(core, install_id).await?;
    let mut table = load(core, &install)?;
    check_customer(core, customer_id).await?;
    let extension = check_extension(core, customer_id, extension).await?;
    if table.rows.iter().any(|row| row.customer_id == customer_id) {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "This customer already has a key: rotate it instead.",
        ));
    }
    if !table.per_customer && !table.rows.is_empty() {
        return Err(single_row_only());
    }
    table.rows.push(Row {
        customer_id: customer_id.to_owned(),
        extension,
    });
    issue_key(core, &install, table, customer_id).await
}

/// A new key for the customer; the old one stops working once the platform has the new one.
pub async fn rotate(core: &Core, install_id: &str, customer_id: &str) -> Result<NewKey, AppError> {
    let install = find_install(core, install_id).await?;
    let table = load(core, &install)?;
    row_of(&table, customer_id)?;
    issue_key(core, &install, table, customer_id).await
}

/// Removes the customer's row and key; its key stops working.
pub async fn revoke(
    core: &Core,
    install_id: &str,
    customer_id: &str,
) -> Result<DialView, AppError> {
    let install = find_install(core, install_id).await?;
    let mut table = load(core, &install)?;
    row_of(&table, customer_id)?;
    if !table.per_customer {
        return Err(AppError::new(
            ErrorCode::InvalidInput,
            format!(
                "Version {} keeps a single key, which it cannot do without; rotate it, or \
                 upgrade to 1.2.0 to revoke keys one customer at a time.",
                install.version
            ),
        ));
    }
    table.rows.retain(|row| row.customer_id != customer_id);
    table.keys.remove(customer_id);
    let install = save(core, &install, &table).await?;
    render(core, &install, &table).await
}

/// The row `tel:` links use when the user does not pick one.
pub async fn set_default(
    core: &Core,
    install_id: &str,
    customer_id: &str,
) -> Result<DialView, AppError> {
    let install = find_install(core, install_id).await?;
    let table = load(core, &install)?;
    row_of(&table, customer_id)?;
    let profile = core.platform()?.profile_id;
    settings::set(core, profile, &default_key(install_id), customer_id)?;
    render(core, &install, &table).await
}

/// Places a call to `phone` through the app's `send` function with the customer's key, the
/// same route an outside system uses.
pub async fn call(
    core: &Core,
    install_id: &str,
    customer_id: Option<&str>,
    phone: &str,
) -> Result<CallPlaced, AppError> {
    let phone = links::normalise(phone.trim()).map_err(|error| {
        AppError::invalid(vec![FieldError {
            field: "phone".to_owned(),
            message: error.to_string(),
        }])
    })?;
    let install = find_install(core, install_id).await?;
    let table = load(core, &install)?;
    let customer_id = match customer_id {
        Some(id) => id.to_owned(),
        None => default_customer(core, install_id, &table)?,
    };
    let row = row_of(&table, &customer_id)?.clone();
    let key = table.keys.get(&customer_id).ok_or_else(|| {
        AppError::new(
            ErrorCode::NotFound,
            "This customer's key is not in the keyring here: rotate it to make a new one.",
        )
    })?;

    let session = core.platform()?;
    let path = send_path(&install.app_id);
    let body = json!({ "api_key": key, "phone": phone });
    let answer = session.client.post(&path, &body).await?;
    tracing::info!(install = install_id, customer = %customer_id, "test call placed");
    Ok(CallPlaced {
        phone,
        customer_id,
        extension: row.extension,
        call_id: answer["call_id"].as_str().map(str::to_owned),
    })
}

/// The customer a link dials with when none is chosen: the default, or the only row.
fn default_customer(core: &Core, install_id: &str, table: &Table) -> Result<String, AppError> {
    let profile = core.platform()?.profile_id;
    if let Some(id) = settings::get(core, profile, &default_key(install_id))? {
        if table.rows.iter().any(|row| row.customer_id == id) {
            return Ok(id);
        }
    }
    match table.rows.as_slice() {
        [only] => Ok(only.customer_id.clone()),
        [] => Err(AppError::new(
            ErrorCode::NotFound,
            "Add a customer with + Add first.",
        )),
        _ => Err(AppError::new(
            ErrorCode::InvalidInput,
            "Choose which customer places the call, or set a default.",
        )),
    }
}

fn default_key(install_id: &str) -> String {
    format!("clicktodial:{install_id}:default_customer")
}

fn send_path(app_id: &str) -> String {
    format!("scriptforge/{app_id}/{SEND_SCRIPT}/{SEND_FUNCTION}")
}

async fn find_install(core: &Core, install_id: &str) -> Result<InstallView, AppError> {
    core.installs()
        .await?
        .into_iter()
        .find(|install| install.id == install_id)
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, "This install is gone."))
}

fn has_field(install: &InstallView, key: &str) -> bool {
    install.fields.iter().any(|field| field.key == key)
}

/// The rows from the install's saved values and the keys from the keyring.
fn load(core: &Core, install: &InstallView) -> Result<Table, AppError> {
    if has_field(install, "customers") {
        let rows = match install.values.get("customers") {
            Some(text) if !text.trim().is_empty() => serde_json::from_str(text)
                .map_err(|_| unreadable("The saved customers table is not readable."))?,
            _ => Vec::new(),
        };
        let keys = saved_keys(core, install)?;
        return Ok(Table {
            per_customer: true,
            rows,
            keys,
        });
    }
    if has_field(install, "api_key") {
        return single_row(core, install);
    }
    Err(AppError::new(
        ErrorCode::Platform,
        format!(
            "Version {} of Click-2-Dial has neither a customers table nor an API key.",
            install.version
        ),
    ))
}

fn single_row(core: &Core, install: &InstallView) -> Result<Table, AppError> {
    let value = |key: &str| install.values.get(key).cloned().unwrap_or_default();
    let customer_id = value("customer_id");
    let mut keys = BTreeMap::new();
    if let Some(key) = core.install_secret(&install.id, "api_key")? {
        keys.insert(customer_id.clone(), key.expose().to_owned());
    }
    let rows = if customer_id.is_empty() {
        Vec::new()
    } else {
        vec![Row {
            customer_id,
            extension: value("extension"),
        }]
    };
    Ok(Table {
        per_customer: false,
        rows,
        keys,
    })
}

/// The customer → key map kept in the keyring. When the platform holds keys this computer
/// never saw, merging would wipe them, so that is refused with what to do.
fn saved_keys(core: &Core, install: &InstallView) -> Result<BTreeMap<String, String>, AppError> {
    match core.install_secret(&install.id, "api_keys")? {
        Some(secret) => serde_json::from_str(secret.expose())
            .map_err(|_| unreadable("The API keys kept in the keyring are not readable.")),
        None if install.secrets_saved.iter().any(|key| key == "api_keys") => Err(AppError::new(
            ErrorCode::Keyring,
            "The API keys of this install were made on another computer and are not in this \
                 keyring. Revoke and add the customers again here to manage them.",
        )),
        None => Ok(BTreeMap::new()),
    }
}

fn unreadable(message: &str) -> AppError {
    AppError::new(ErrorCode::Platform, message)
}

fn single_row_only() -> AppError {
    AppError::new(
        ErrorCode::InvalidInput,
        "This version of Click-2-Dial keeps one customer; upgrade to 1.2.0 for one key per \
         customer.",
    )
}

fn row_of<'a>(table: &'a Table, customer_id: &str) -> Result<&'a Row, AppError> {
    table
        .rows
        .iter()
        .find(|row| row.customer_id == customer_id)
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, "This customer has no row here."))
}

/// Makes the customer's key, saves the table, and answers the key once.
async fn issue_key(
    core: &Core,
    install: &InstallView,
    mut table: Table,
    customer_id: &str,
) -> Result<NewKey, AppError> {
    let key = generate_key()?;
    table
        .keys
        .insert(customer_id.to_owned(), key.expose().to_owned());
    let install = save(core, install, &table).await?;
    tracing::info!(install = %install.id, customer = customer_id, "Click-2-Dial key issued");
    Ok(NewKey {
        customer_id: customer_id.to_owned(),
        api_key: key.expose().to_owned(),
        view: render(core, &install, &table).await?,
    })
}

/// Saves the table through the core: keys to the keyring, then everything to the platform.
async fn save(core: &Core, install: &InstallView, table: &Table) -> Result<InstallView, AppError> {
    let mut values = BTreeMap::new();
    if table.per_customer {
        let rows = serde_json::to_string(&table.rows).unwrap_or_default();
        let keys = serde_json::to_string(&table.keys).unwrap_or_default();
        values.insert("customers".to_owned(), rows);
        values.insert("api_keys".to_owned(), keys);
    } else if let Some(row) = table.rows.first() {
        values.insert("customer_id".to_owned(), row.customer_id.clone());
        values.insert("extension".to_owned(), row.extension.clone());
        let key = table
            .keys
            .get(&row.customer_id)
            .cloned()
            .unwrap_or_default();
        values.insert("api_key".to_owned(), key);
    }
    core.configure(&install.id, values).await
}

async fn render(core: &Core, install: &InstallView, table: &Table) -> Result<DialView, AppError> {
    let session = core.platform()?;
    let names: BTreeMap<String, String> = match resources::customers(&session.client).await {
        Ok(customers) => customers.into_iter().map(|c| (c.id, c.name)).collect(),
        Err(error) => {
            tracing::warn!(%error, "customer names unavailable");
            BTreeMap::new()
        }
    };
    let default = settings::get(core, session.profile_id, &default_key(&install.id))?;
    let rows = table
        .rows
        .iter()
        .map(|row| DialRow {
            customer_name: names
                .get(&row.customer_id)
                .cloned()
                .unwrap_or_else(|| format!("Customer {}", row.customer_id)),
            customer_id: row.customer_id.clone(),
            extension: row.extension.clone(),
            has_key: table.keys.contains_key(&row.customer_id),
            is_default: default.as_deref() == Some(row.customer_id.as_str()),
        })
        .collect();
    let endpoint = format!(
        "{}{}",
        session.client.base_url().as_str(),
        send_path(&install.app_id)
    );
    Ok(DialView {
        install_id: install.id.clone(),
        rows,
        per_customer: table.per_customer,
        curl: curl_line(&endpoint),
        endpoint,
        is_sandbox: session.is_sandbox,
    })
}

/// The command an outside system runs; the key comes from the environment, never the page.
pub fn curl_line(endpoint: &str) -> String {
    format!(
        "curl -X POST '{endpoint}' -H 'Content-Type: application/json' \
         -d '{{\"api_key\": \"'\"$CX_C2D_KEY\"'\", \"phone\": \"+12025550147\"}}'"
    )
}

async fn check_customer(core: &Core, customer_id: &str) -> Result<(), AppError> {
    let session = core.platform()?;
    let known = resources::customers(&session.client)
        .await?
        .iter()
        .any(|customer| customer.id == customer_id);
    if known {
        Ok(())
    } else {
        Err(field_error(
            "customer_id",
            "Pick a customer of this account.",
        ))
    }
}

/// One of the customer's SIP users, or a typed extension of 2–32 letters, digits, `_ . -`.
async fn check_extension(core: &Core, customer_id: &str, typed: &str) -> Result<String, AppError> {
    let extension = typed.trim();
    if extension.is_empty() {
        return Err(field_error(
            "extension",
            "Give the extension that rings first.",
        ));
    }
    let session = core.platform()?;
    let users = resources::sip_users(&session.client, customer_id).await?;
    if users.iter().any(|user| user.username == extension) {
        return Ok(extension.to_owned());
    }
    let well_formed = (2..=32).contains(&extension.len())
        && extension
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if well_formed {
        Ok(extension.to_owned())
    } else {
        Err(field_error(
            "extension",
            "An extension is 2 to 32 letters, digits, '_', '.' or '-', such as 1001.",
        ))
    }
}

fn field_error(field: &str, message: &str) -> AppError {
    AppError::invalid(vec![FieldError {
        field: field.to_owned(),
        message: message.to_owned(),
    }])
}
