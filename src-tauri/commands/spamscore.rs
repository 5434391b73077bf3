//! DID Spam Score commands: the package, `cx_api_user`, the DIDs table, the run (its progress
//! streamed over a channel), the history, the chart and the CSV export.

use cx_calltools::spamscore::{
    self, CheckResult, DidPage, DidQuery, PackageStatus, RunProgress, ScorePoint, SpamSettings,
};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use super::{export_path, logged, write_export, Answer};
use crate::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn spamscore_package(state: State<'_, AppState>) -> Answer<PackageStatus> {
    let core = state.core()?;
    logged("spamscore_package", spamscore::package_status(&core).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn spamscore_settings(
    state: State<'_, AppState>,
    install_id: String,
) -> Answer<SpamSettings> {
    let core = state.core()?;
    logged(
        "spamscore_settings",
        spamscore::settings(&core, &install_id).await,
    )
}

#[tauri::command(rename_all = "snake_case")]
pub async fn spamscore_set_api_user(
    state: State<'_, AppState>,
    install_id: String,
    email: String,
) -> Answer<SpamSettings> {
    let core = state.core()?;
    let saved = spamscore::set_api_user(&core, &install_id, &email).await;
    logged("spamscore_set_api_user", saved)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn spamscore_dids(state: State<'_, AppState>, query: DidQuery) -> Answer<DidPage> {
    let core = state.core()?;
    logged("spamscore_dids", spamscore::dids(&core, &query).await)
}

/// Runs the chargeable check; the UI has already confirmed how many DIDs.
#[tauri::command(rename_all = "snake_case")]
pub async fn spamscore_run(
    state: State<'_, AppState>,
    install_id: String,
    ids: Vec<String>,
    email: String,
    on_progress: Channel<RunProgress>,
) -> Answer<Vec<CheckResult>> {
    let core = state.core()?;
    let report = |step: RunProgress| {
        if let Err(error) = on_progress.send(step) {
            tracing::debug!(%error, "progress not delivered");
        }
    };
    let results = spamscore::run(&core, &install_id, &ids, &email, report).await;
    logged("spamscore_run", results)
}

#[tauri::command(rename_all = "snake_case")]
pub fn spamscore_history(state: State<'_, AppState>) -> Answer<Vec<CheckResult>> {
    let core = state.core()?;
    logged("spamscore_history", spamscore::history(&core))
}

#[tauri::command(rename_all = "snake_case")]
pub fn spamscore_chart(state: State<'_, AppState>, did_id: String) -> Answer<Vec<ScorePoint>> {
    let core = state.core()?;
    logged("spamscore_chart", spamscore::chart(&core, &did_id))
}

/// Writes the history as CSV into the Downloads folder (else the data folder) and answers
/// the file's path.
#[tauri::command(rename_all = "snake_case")]
pub fn spamscore_export_csv(app: AppHandle, state: State<'_, AppState>) -> Answer<String> {
    let written = (|| {
        let core = state.core()?;
        let csv = spamscore::export_csv(&core)?;
        write_export(&export_path(&app, &spamscore::export_file_name()), csv)
    })();
    logged("spamscore_export_csv", written)
}
