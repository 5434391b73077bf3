//! Yoco Top-ups: thin commands over `cx_yoco::TopUps`. The engine is opened on first use
//! (it needs the core), follows pending top-ups in this process on tokio, and streams every
//! change to the pages through `tauri::ipc::Channel`s. Top-ups left pending when the app
//! stopped are taken up again once an account is signed in ([`resume`]).

use std::sync::{Arc, Mutex};

use cx_core::{AppError, ErrorCode, Secret};
use cx_yoco::models::{
    HistoryFilter, PayableCustomer, QuoteView, RefundRequest, SettingsForm, TopUpRequest,
    TopUpView, YocoSettings,
};
use cx_yoco::{EngineOptions, Mode, TopUps};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_opener::OpenerExt;

use super::{export_path, logged, write_export, Answer};
use crate::AppState;

/// The Yoco engine of this process, once opened, and the pages watching it.
#[derive(Default)]
pub struct YocoState {
    engine: Mutex<Option<Arc<TopUps>>>,
    watchers: Arc<Mutex<Vec<Channel<TopUpView>>>>,
}

impl YocoState {
    fn engine(&self, state: &AppState) -> Answer<Arc<TopUps>> {
        let mut engine = self.engine.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(engine) = engine.as_ref() {
            return Ok(engine.clone());
        }
        let opened = TopUps::open(state.core()?, EngineOptions::default())?;
        let watchers = self.watchers.clone();
        opened.set_listener(Arc::new(move |view: &TopUpView| {
            let mut watchers = watchers.lock().unwrap_or_else(|p| p.into_inner());
            watchers.retain(|channel| channel.send(view.clone()).is_ok());
        }));
        *engine = Some(opened.clone());
        Ok(opened)
    }
}

/// Registers the state; called once from `setup`.
pub fn setup(app: &tauri::App) {
    app.manage(YocoState::default());
}

/// Takes up the signed-in account's pending top-ups (at launch, once the session is ready).
pub fn resume(app: &AppHandle) {
    let (state, yoco) = (app.state::<AppState>(), app.state::<YocoState>());
    match yoco
        .engine(&state)
        .and_then(|engine| engine.resume_pending())
    {
        Ok(0) => {}
        Ok(count) => tracing::info!(count, "pending Yoco top-ups taken up"),
        Err(error) => tracing::info!(code = ?error.code, "Yoco top-ups not taken up"),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn yoco_settings(
    state: State<'_, AppState>,
    yoco: State<'_, YocoState>,
    install_id: String,
) -> Answer<YocoSettings> {
    let engine = yoco.engine(&state)?;
    logged("yoco_settings", engine.settings(&install_id).await)
}

/// Saves the settings; the form carries the secret key, so it is never logged.
#[tauri::command(rename_all = "snake_case")]
pub async fn yoco_save_settings(
    state: State<'_, AppState>,
    yoco: State<'_, YocoState>,
    install_id: String,
    form: SettingsForm,
) -> Answer<YocoSettings> {
    let engine = yoco.engine(&state)?;
    logged(
        "yoco_save_settings",
        engine.save_settings(&install_id, form).await,
    )
}

/// Checks a key (the typed one, else the saved one) against Yoco, charging nothing.
#[tauri::command(rename_all = "snake_case")]
pub async fn yoco_test_key(
    state: State<'_, AppState>,
    yoco: State<'_, YocoState>,
    install_id: String,
    secret_key: Option<Secret>,
) -> Answer<Mode> {
    let engine = yoco.engine(&state)?;
    logged(
        "yoco_test_key",
        engine.test_key(&install_id, secret_key).await,
    )
}

#[tauri::command(rename_all = "snake_case")]
pub async fn yoco_customers(
    state: State<'_, AppState>,
    yoco: State<'_, YocoState>,
) -> Answer<Vec<PayableCustomer>> {
    let engine = yoco.engine(&state)?;
    logged("yoco_customers", engine.customers().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn yoco_quote(
    state: State<'_, AppState>,
    yoco: State<'_, YocoState>,
    install_id: String,
    amount: String,
) -> Answer<QuoteView> {
    let engine = yoco.engine(&state)?;
    logged("yoco_quote", engine.quote(&install_id, &amount).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn yoco_start(
    state: State<'_, AppState>,
    yoco: State<'_, YocoState>,
    install_id: String,
    request: TopUpRequest,
) -> Answer<TopUpView> {
    let engine = yoco.engine(&state)?;
    logged("yoco_start", engine.start(&install_id, request).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn yoco_check(
    state: State<'_, AppState>,
    yoco: State<'_, YocoState>,
    top_up_id: String,
) -> Answer<TopUpView> {
    let engine = yoco.engine(&state)?;
    logged("yoco_check", engine.check_now(&top_up_id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub fn yoco_history(
    state: State<'_, AppState>,
    yoco: State<'_, YocoState>,
    filter: HistoryFilter,
) -> Answer<Vec<TopUpView>> {
    let engine = yoco.engine(&state)?;
    logged("yoco_history", engine.history(&filter))
}

/// Writes the filtered history as CSV into the Downloads folder; answers the file's path.
#[tauri::command(rename_all = "snake_case")]
pub fn yoco_export_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    yoco: State<'_, YocoState>,
    filter: HistoryFilter,
) -> Answer<String> {
    let written = yoco.engine(&state).and_then(|engine| {
        let csv = engine.history_csv(&filter)?;
        let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
        write_export(
            &export_path(&app, &format!("yoco-top-ups-{stamp}.csv")),
            csv,
        )
    });
    logged("yoco_export_csv", written)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn yoco_refund(
    state: State<'_, AppState>,
    yoco: State<'_, YocoState>,
    request: RefundRequest,
) -> Answer<TopUpView> {
    let engine = yoco.engine(&state)?;
    logged("yoco_refund", engine.refund(request).await)
}

/// The QR code of a top-up's checkout link, as SVG.
#[tauri::command(rename_all = "snake_case")]
pub fn yoco_qr(
    state: State<'_, AppState>,
    yoco: State<'_, YocoState>,
    top_up_id: String,
) -> Answer<String> {
    let svg = yoco.engine(&state).and_then(|engine| {
        let url = engine.view(&top_up_id)?.redirect_url.unwrap_or_default();
        cx_yoco::qr_svg(&url)
    });
    logged("yoco_qr", svg)
}

/// Opens a top-up's checkout page in the default browser. The address comes from the
/// database, never from the page: Yoco's (https) or the built-in sandbox's (loopback).
#[tauri::command(rename_all = "snake_case")]
pub fn yoco_open_checkout(
    app: AppHandle,
    state: State<'_, AppState>,
    yoco: State<'_, YocoState>,
    top_up_id: String,
) -> Answer<()> {
    let opened = yoco.engine(&state).and_then(|engine| {
        let url = engine.view(&top_up_id)?.redirect_url.unwrap_or_default();
        let allowed = url.starts_with("https://") || url.starts_with("http://127.0.0.1:");
        if !allowed {
            return Err(AppError::new(
                ErrorCode::InvalidInput,
                "This checkout has no page to open.",
            ));
        }
        app.opener()
            .open_url(&url, None::<&str>)
            .map_err(|error| AppError::new(ErrorCode::Internal, error.to_string()))
    });
    logged("yoco_open_checkout", opened)
}

/// Streams every change of every top-up to the page until the page goes away.
#[tauri::command(rename_all = "snake_case")]
pub fn yoco_watch(
    state: State<'_, AppState>,
    yoco: State<'_, YocoState>,
    on_change: Channel<TopUpView>,
) -> Answer<()> {
    yoco.engine(&state)?;
    yoco.watchers
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(on_change);
    Ok(())
}
