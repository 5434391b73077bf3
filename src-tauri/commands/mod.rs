//! The commands the UI invokes. Each is a few lines over [`cx_core::Core`]; failures reach
//! the UI as `{code, message, fields}` and are logged once here, with the command's name.
//! Arguments are never logged: some carry passwords and secret configuration values.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cx_core::models::{
    AppInfo, AppPage, InstallRequest, InstallView, PickOption, SessionView, StoreQuery, StoreView,
    VersionChange,
};
use cx_core::{AccountForm, AccountProfile, AppError, ErrorCode, FieldKind, Secret};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_opener::OpenerExt;

use crate::AppState;

pub mod autodial_jobs;
pub mod autodial_lists;
pub mod clicktodial;
pub mod neutrafix;
pub mod spamscore;
pub mod yoco;

/// Where an export named `name` is written: the user's Downloads folder, or the app's data
/// folder where there is none.
pub(crate) fn export_path(app: &AppHandle, name: &str) -> PathBuf {
    let folder = app
        .path()
        .download_dir()
        .ok()
        .filter(|dir| dir.is_dir())
        .unwrap_or_else(|| app.state::<AppState>().data_dir.clone());
    folder.join(name)
}

/// Writes an export's contents to `path`; answers the path to show the user.
pub(crate) fn write_export(path: &Path, contents: impl AsRef<[u8]>) -> Answer<String> {
    std::fs::write(path, contents).map_err(|error| {
        AppError::new(
            ErrorCode::Internal,
            format!("Could not write {}: {error}.", path.display()),
        )
    })?;
    Ok(path.display().to_string())
}

pub(crate) type Answer<T> = Result<T, AppError>;

/// Logs a failed command once, by name and code; the message carries no secret.
pub(crate) fn logged<T>(command: &str, answer: Answer<T>) -> Answer<T> {
    if let Err(error) = &answer {
        tracing::warn!(command, code = ?error.code, message = %error.message, "command failed");
    }
    answer
}

#[tauri::command(rename_all = "snake_case")]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    state.info()
}

/// Resumes the last account, or starts the built-in sandbox (the default on first start).
#[tauri::command(rename_all = "snake_case")]
pub async fn startup(state: State<'_, AppState>) -> Answer<SessionView> {
    tracing::debug!(
        at_ms = crate::since_launch_ms(),
        "the UI asks for the session"
    );
    logged("startup", state.startup().await)
}

#[tauri::command(rename_all = "snake_case")]
pub fn profiles_list(state: State<'_, AppState>) -> Answer<Vec<AccountProfile>> {
    logged("profiles_list", state.core()?.profiles())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn sign_in(
    state: State<'_, AppState>,
    form: AccountForm,
    password: Secret,
) -> Answer<SessionView> {
    logged("sign_in", state.sign_in(form, password).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn use_sandbox(state: State<'_, AppState>) -> Answer<SessionView> {
    logged("use_sandbox", state.use_sandbox().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn resume_profile(state: State<'_, AppState>, profile_id: i64) -> Answer<SessionView> {
    logged("resume_profile", state.resume(profile_id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub fn sign_out(state: State<'_, AppState>) -> Answer<()> {
    logged("sign_out", state.core()?.sign_out())
}

#[tauri::command(rename_all = "snake_case")]
pub fn store_view(state: State<'_, AppState>, query: StoreQuery) -> Answer<StoreView> {
    tracing::debug!(
        at_ms = crate::since_launch_ms(),
        "the UI asks for the store"
    );
    logged("store_view", state.core()?.store(&query))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn store_refresh(state: State<'_, AppState>, query: StoreQuery) -> Answer<StoreView> {
    logged("store_refresh", state.core()?.refresh_store(&query).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn app_page(state: State<'_, AppState>, app_id: String) -> Answer<AppPage> {
    logged("app_page", state.core()?.app_page(&app_id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn installs_list(state: State<'_, AppState>) -> Answer<Vec<InstallView>> {
    logged("installs_list", state.core()?.installs().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn install_app(
    state: State<'_, AppState>,
    request: InstallRequest,
) -> Answer<InstallView> {
    logged("install_app", state.core()?.install(request).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn install_configure(
    state: State<'_, AppState>,
    install_id: String,
    values: BTreeMap<String, String>,
) -> Answer<InstallView> {
    logged(
        "install_configure",
        state.core()?.configure(&install_id, values).await,
    )
}

#[tauri::command(rename_all = "snake_case")]
pub async fn install_version_preview(
    state: State<'_, AppState>,
    install_id: String,
    to: String,
) -> Answer<VersionChange> {
    let core = state.core()?;
    logged(
        "install_version_preview",
        core.preview_version_change(&install_id, &to).await,
    )
}

#[tauri::command(rename_all = "snake_case")]
pub async fn install_change_version(
    state: State<'_, AppState>,
    install_id: String,
    to: String,
) -> Answer<InstallView> {
    logged(
        "install_change_version",
        state.core()?.change_version(&install_id, &to).await,
    )
}

#[tauri::command(rename_all = "snake_case")]
pub async fn install_remove(state: State<'_, AppState>, install_id: String) -> Answer<()> {
    logged("install_remove", state.core()?.remove(&install_id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn field_options(
    state: State<'_, AppState>,
    kind: FieldKind,
    customer_id: Option<String>,
) -> Answer<Vec<PickOption>> {
    logged(
        "field_options",
        state.core()?.field_options(kind, customer_id).await,
    )
}

/// Opens a documentation link in the default browser; only `https:` and `mailto:` links.
#[tauri::command(rename_all = "snake_case")]
pub fn open_external(app: tauri::AppHandle, url: String) -> Answer<()> {
    let scheme = url
        .split_once(':')
        .map(|(scheme, _)| scheme.to_ascii_lowercase());
    let allowed = matches!(scheme.as_deref(), Some("https" | "mailto"));
    if !allowed {
        let message = "Only https and mailto links open from the app.";
        return logged(
            "open_external",
            Err(AppError::new(ErrorCode::InvalidInput, message)),
        );
    }
    let opened = app.opener().open_url(&url, None::<&str>);
    logged(
        "open_external",
        opened.map_err(|error| AppError::new(ErrorCode::Internal, error.to_string())),
    )
}
