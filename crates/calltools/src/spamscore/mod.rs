//! DID Spam Score: the prerequisite package, the app's `cx_api_user` setting, the account's
//! DIDs (Global → DID), the chargeable check with its report e-mail, and every result kept
//! for the history, the chart and the CSV export.
//!
//! Nothing is charged before the package is confirmed on the account, the address is checked
//! and the user has confirmed how many DIDs will be checked (the last one is the UI's part).

mod history;
mod trigger;
mod wire;

use std::collections::BTreeMap;
use std::sync::Arc;

use cx_core::{AppError, Core, ErrorCode, FieldError};
use cx_platform::{resources, Client};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

pub use history::{label, CheckResult, ScorePoint};
use wire::{Did, Package, Var};

use crate::{db, settings};

/// The variable the app signs in to the API as.
pub const API_USER_KEY: &str = "cx_api_user";

/// Where the package is added, for the message when it is missing.
pub const PACKAGES_HELP: &str = "https://docs.connexcs.com/setup/config/packages/";

/// Whether the Spam Score package is on the account.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PackageStatus {
    pub present: bool,
    /// The package's name as the account has it, when present.
    pub name: Option<String>,
    /// What it means, and when missing how to add it.
    pub message: String,
}

/// The Settings page.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SpamSettings {
    /// The `cx_api_user` variable; empty when not set.
    pub api_user: String,
    /// The last report address used here; empty before the first run.
    pub report_email: String,
    pub package: PackageStatus,
}

/// A page of the DIDs table.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct DidQuery {
    #[serde(default)]
    pub search: String,
    #[serde(default)]
    pub customer_id: Option<String>,
    #[serde(default)]
    pub tag: Option<String>,
    #[serde(default)]
    pub offset: u32,
    #[serde(default)]
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DidRow {
    pub id: String,
    /// The number with `+`.
    pub did: String,
    pub customer_id: Option<String>,
    pub customer_name: Option<String>,
    pub tags: Vec<String>,
    #[ts(type = "number | null")]
    pub spam_score: Option<i64>,
    pub label: String,
    pub ftc_reported: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DidPage {
    pub rows: Vec<DidRow>,
    pub offset: u32,
    pub limit: u32,
    /// The platform sends no totals: a further page exists when this one came back full.
    pub has_more: bool,
}

/// Where a run is, for the progress bar.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RunProgress {
    pub step: String,
    pub done: u32,
    pub total: u32,
}

/// The largest page asked for.
const MAX_PAGE: u32 = 200;

fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Looks for the Spam Score package among the account's packages (`GET setup/package`).
pub async fn package_status(core: &Core) -> Result<PackageStatus, AppError> {
    let session = core.platform()?;
    let packages: Vec<Package> = session.client.list("setup/package", &[]).await?;
    let found = packages.into_iter().find(|package| {
        package.kinds.iter().any(|kind| kind == "spam_score")
            || package.name.eq_ignore_ascii_case("spam score")
    });
    Ok(match found {
        Some(package) => PackageStatus {
            present: true,
            message: format!("The {} package is on this account.", package.name),
            name: Some(package.name),
        },
        None => PackageStatus {
            present: false,
            name: None,
            message: format!(
                "The Spam Score package is not on this account, so no check can run and nothing \
                 has been charged. Add it in the Control Panel under Setup → Config → Packages \
                 ({PACKAGES_HELP}), then come back."
            ),
        },
    })
}

async fn app_id(core: &Core, install_id: &str) -> Result<String, AppError> {
    core.installs()
        .await?
        .into_iter()
        .find(|install| install.id == install_id)
        .map(|install| install.app_id)
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, "This install is gone."))
}

async fn api_user_var(client: &Client, app_id: &str) -> Result<Option<Var>, AppError> {
    let vars: Vec<Var> = client
        .list("setup/var", &[("app_id", app_id.to_owned())])
        .await?;
    Ok(vars.into_iter().find(|var| var.key == API_USER_KEY))
}

fn report_key(install_id: &str) -> String {
    format!("spamscore:{install_id}:report_email")
}

/// The Settings page: the variable, the remembered address, the package.
pub async fn settings(core: &Core, install_id: &str) -> Result<SpamSettings, AppError> {
    let session = core.platform()?;
    let app_id = app_id(core, install_id).await?;
    let var = api_user_var(&session.client, &app_id).await?;
    let report = settings::get(core, session.profile_id, &report_key(install_id))?;
    Ok(SpamSettings {
        api_user: var.and_then(|v| v.value).unwrap_or_default(),
        report_email: report.unwrap_or_default(),
        package: package_status(core).await?,
    })
}

/// Writes `cx_api_user`: updates the variable when the app has it, creates it otherwise.
pub async fn set_api_user(
    core: &Core,
    install_id: &str,
    email: &str,
) -> Result<SpamSettings, AppError> {
    let email = checked_email("api_user", email)?;
    let session = core.platform()?;
    let app_id = app_id(core, install_id).await?;
    match api_user_var(&session.client, &app_id).await? {
        Some(var) => {
            let path = format!("setup/var/{}", var.id);
            session
                .client
                .put(&path, &json!({ "value": email }))
                .await?;
        }
        None => {
            let path = format!("setup/var?app_id={app_id}");
            let body = json!({ "key": API_USER_KEY, "value": email, "app_id": app_id });
            session.client.post(&path, &body).await?;
        }
    }
    tracing::info!(install = install_id, "cx_api_user saved");
    mirror_in_config(core, install_id, &email).await?;
    settings(core, install_id).await
}

/// Versions whose Config dialog also asks for `cx_api_user` get the same address there, so
/// the install does not read as unconfigured.
async fn mirror_in_config(core: &Core, install_id: &str, email: &str) -> Result<(), AppError> {
    let install = core
        .installs()
        .await?
        .into_iter()
        .find(|install| install.id == install_id);
    let Some(install) = install else {
        return Ok(());
    };
    if !install.fields.iter().any(|field| field.key == API_USER_KEY) {
        return Ok(());
    }
    let mut values = install.values.clone();
    values.insert(API_USER_KEY.to_owned(), email.to_owned());
    core.configure(install_id, values).await?;
    Ok(())
}

/// An e-mail address, trimmed, or the field's error.
pub fn checked_email(field: &str, text: &str) -> Result<String, AppError> {
    let email = text.trim();
    let (local, domain) = email.split_once('@').unwrap_or_default();
    let ok = email.len() <= 254
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains(char::is_whitespace);
    if ok {
        Ok(email.to_owned())
    } else {
        Err(AppError::invalid(vec![FieldError {
            field: field.to_owned(),
            message: "Give an e-mail address such as noc@example.com.".to_owned(),
        }]))
    }
}

/// One page of the account's DIDs, filtered on the platform.
pub async fn dids(core: &Core, query: &DidQuery) -> Result<DidPage, AppError> {
    let session = core.platform()?;
    let limit = query.limit.clamp(1, MAX_PAGE);
    let mut params = vec![
        ("_limit", (limit + 1).to_string()),
        ("_offset", query.offset.to_string()),
    ];
    if !query.search.trim().is_empty() {
        params.push(("s", query.search.trim().to_owned()));
    }
    if let Some(customer) = query.customer_id.as_ref().filter(|c| !c.is_empty()) {
        params.push(("customer_id", customer.clone()));
    }
    if let Some(tag) = query.tag.as_ref().filter(|t| !t.is_empty()) {
        params.push(("tags", tag.clone()));
    }
    let mut found: Vec<Did> = session.client.list("did", &params).await?;
    let has_more = found.len() > limit as usize;
    found.truncate(limit as usize);
    let names = customer_names(&session.client).await;
    Ok(DidPage {
        rows: found.into_iter().map(|did| row(did, &names)).collect(),
        offset: query.offset,
        limit,
        has_more,
    })
}

async fn customer_names(client: &Client) -> BTreeMap<String, String> {
    match resources::customers(client).await {
        Ok(list) => list.into_iter().map(|c| (c.id, c.name)).collect(),
        Err(error) => {
            tracing::warn!(%error, "customer names unavailable");
            BTreeMap::new()
        }
    }
}

fn row(did: Did, names: &BTreeMap<String, String>) -> DidRow {
    DidRow {
        customer_name: did
            .customer_id
            .as_ref()
            .and_then(|id| names.get(id).cloned()),
        did: format!("+{}", did.did.trim_start_matches('+')),
        label: label(did.spam_score).to_owned(),
        id: did.id,
        customer_id: did.customer_id,
        tags: did.tags,
        spam_score: did.spam_score,
        ftc_reported: did.ftc_reported,
    }
}

/// The ids trimmed, empty ones dropped, each kept once, in the order they were asked for.
fn distinct_in_order(ids: &[String]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    ids.iter()
        .map(|id| id.trim())
        .filter(|id| !id.is_empty() && seen.insert(*id))
        .map(str::to_owned)
        .collect()
}

/// Runs the chargeable check for `ids`, sending the report to `email`; `progress` hears each
/// step. Refused before anything is charged when the package is missing, the address is not
/// one, or `cx_api_user` is empty.
pub async fn run(
    core: &Core,
    install_id: &str,
    ids: &[String],
    email: &str,
    progress: impl Fn(RunProgress),
) -> Result<Vec<CheckResult>, AppError> {
    let ids = distinct_in_order(ids);
    if ids.is_empty() {
        return Err(AppError::new(
            ErrorCode::InvalidInput,
            "Select at least one DID.",
        ));
    }
    let email = checked_email("email", email)?;
    let total = ids.len() as u32;
    let step = |text: &str, done: u32, total: u32| {
        progress(RunProgress {
            step: text.to_owned(),
            done,
            total,
        })
    };

    step("Checking the Spam Score package", 0, 1);
    let package = package_status(core).await?;
    if !package.present {
        return Err(AppError::new(ErrorCode::NotFound, package.message));
    }
    let session = core.platform()?;
    let app_id = app_id(core, install_id).await?;
    let api_user = api_user_var(&session.client, &app_id).await?;
    if api_user
        .and_then(|v| v.value)
        .unwrap_or_default()
        .trim()
        .is_empty()
    {
        return Err(AppError::invalid(vec![FieldError {
            field: "api_user".to_owned(),
            message: "Set the API user (cx_api_user) in Settings first: the app signs in as that \
                      user."
                .to_owned(),
        }]));
    }
    settings::set(core, session.profile_id, &report_key(install_id), &email)?;

    let before = read_dids(&session.client, &ids, |done| {
        step("Reading the selected DIDs", done, total)
    })
    .await?;
    step(&format!("Checking {total} DIDs"), 0, 1);
    trigger::run_check(&session.client, &app_id, &ids, &email).await?;
    tracing::info!(install = install_id, dids = total, "spam score check run");
    let after = read_dids(&session.client, &ids, |done| {
        step("Reading the new scores", done, total)
    })
    .await?;

    let checks: Vec<history::NewCheck<'_>> = after
        .iter()
        .map(|did| history::NewCheck {
            did_id: &did.id,
            did: &did.did,
            score: did.spam_score,
            ftc_reported: did.ftc_reported,
        })
        .collect();
    let scores_before: BTreeMap<&str, Option<i64>> = before
        .iter()
        .map(|did| (did.id.as_str(), did.spam_score))
        .collect();
    let mut conn = db::open(core.data_dir())?;
    let results = history::save_run(
        &mut conn,
        session.profile_id,
        install_id,
        &now(),
        &checks,
        |id| scores_before.get(id).copied().flatten(),
    )?;
    step("Done", total, total);
    Ok(results)
}

/// DIDs read at once; the platform publishes no limit, and a few at a time keeps a large
/// selection quick without hammering it (429s are waited out by the client).
const READ_AT_ONCE: usize = 6;

/// Reads each DID (`GET did/{id}`), a few at a time, in the order given.
async fn read_dids(
    client: &Arc<Client>,
    ids: &[String],
    progress: impl Fn(u32),
) -> Result<Vec<Did>, AppError> {
    let mut dids = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(READ_AT_ONCE) {
        let mut reads = tokio::task::JoinSet::new();
        for (n, id) in chunk.iter().enumerate() {
            let (client, path) = (client.clone(), format!("did/{id}"));
            reads.spawn(async move { (n, client.one::<Did>(&path, &[]).await) });
        }
        let mut read: Vec<Option<Did>> = vec![None; chunk.len()];
        while let Some(joined) = reads.join_next().await {
            let (n, did) = joined.map_err(|e| {
                AppError::new(ErrorCode::Internal, format!("Reading a DID stopped: {e}."))
            })?;
            read[n] = Some(did?);
            progress((dids.len() + read.iter().flatten().count()) as u32);
        }
        dids.extend(read.into_iter().flatten());
    }
    Ok(dids)
}

/// Every result kept, newest first.
pub fn history(core: &Core) -> Result<Vec<CheckResult>, AppError> {
    let profile = core.platform()?.profile_id;
    history::all(&db::open(core.data_dir())?, profile)
}

/// A DID's scores over time, oldest first.
pub fn chart(core: &Core, did_id: &str) -> Result<Vec<ScorePoint>, AppError> {
    let profile = core.platform()?.profile_id;
    history::points(&db::open(core.data_dir())?, profile, did_id)
}

/// A name for an exported history file, stamped with the time (UTC).
pub fn export_file_name() -> String {
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    format!("spam-score-history-{stamp}.csv")
}

/// The history as CSV.
pub fn export_csv(core: &Core) -> Result<String, AppError> {
    results_csv(&history(core)?)
}

/// Results as CSV, one line each under a header: `did` (with `+`), `checked_at`, `score`,
/// `label`, `change`, `ftc_reported`.
pub fn results_csv(results: &[CheckResult]) -> Result<String, AppError> {
    history::to_csv(results)
}

#[cfg(test)]
mod tests {
    use super::distinct_in_order;

    #[test]
    fn ids_are_deduplicated_in_the_order_asked_not_sorted_as_text() {
        let asked: Vec<String> = ["9", " 10 ", "", "9", "2", "10"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(distinct_in_order(&asked), ["9", "10", "2"]);
    }
}
