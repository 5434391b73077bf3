//! NeuTrafix commands: account (sign-up with documents, login), the market (fetched with
//! progress, filtered and ordered in the core, read by window, exported as CSV), purchases,
//! seller cards, own prefixes and rating. Each is a few lines over `cx_neutrafix::Neutrafix`.
//! The API key arrives as a `Secret` and is never logged.

use std::sync::{Arc, OnceLock};

use cx_core::{AppError, Secret};
use cx_neutrafix::assumed::{DocumentKind, SignupForm};
use cx_neutrafix::client::ExchangeOptions;
use cx_neutrafix::market::MarketFilter;
use cx_neutrafix::models::*;
use cx_neutrafix::route::Route;
use cx_neutrafix::Neutrafix;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use super::{export_path, logged, Answer};
use crate::AppState;

/// The feature, made on first use from the app's core.
#[derive(Default)]
pub struct NeutrafixState(OnceLock<Arc<Neutrafix>>);

/// Registers the feature's state; called once from `setup`.
pub fn setup(app: &mut tauri::App) {
    app.manage(NeutrafixState::default());
}

fn feature(app: &State<'_, AppState>, nx: &State<'_, NeutrafixState>) -> Answer<Arc<Neutrafix>> {
    if let Some(feature) = nx.0.get() {
        return Ok(feature.clone());
    }
    let core = app.core()?;
    Ok(nx
        .0
        .get_or_init(|| Arc::new(Neutrafix::new(core, ExchangeOptions::default())))
        .clone())
}

fn answer<T>(command: &str, result: cx_neutrafix::Result<T>) -> Answer<T> {
    logged(command, result.map_err(AppError::from))
}

fn progress_to(channel: Channel<Progress>) -> impl Fn(Progress) {
    move |step| {
        if let Err(error) = channel.send(step) {
            tracing::debug!(%error, "progress not delivered");
        }
    }
}

#[tauri::command(rename_all = "snake_case")]
pub fn neutrafix_account(
    app: State<'_, AppState>,
    nx: State<'_, NeutrafixState>,
) -> Answer<AccountView> {
    answer("neutrafix_account", feature(&app, &nx)?.account())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn neutrafix_log_in(
    app: State<'_, AppState>,
    nx: State<'_, NeutrafixState>,
    form: LoginForm,
    api_key: Option<Secret>,
) -> Answer<AccountView> {
    let feature = feature(&app, &nx)?;
    answer("neutrafix_log_in", feature.log_in(form, api_key).await)
}

#[tauri::command(rename_all = "snake_case")]
pub fn neutrafix_log_out(
    app: State<'_, AppState>,
    nx: State<'_, NeutrafixState>,
) -> Answer<AccountView> {
    answer("neutrafix_log_out", feature(&app, &nx)?.log_out())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn neutrafix_sign_up(
    app: State<'_, AppState>,
    nx: State<'_, NeutrafixState>,
    form: SignupForm,
    exchange_url: Option<String>,
) -> Answer<AccountView> {
    let feature = feature(&app, &nx)?;
    answer(
        "neutrafix_sign_up",
        feature.sign_up(form, exchange_url).await,
    )
}

#[tauri::command(rename_all = "snake_case")]
pub async fn neutrafix_upload_document(
    app: State<'_, AppState>,
    nx: State<'_, NeutrafixState>,
    kind: DocumentKind,
    file_name: String,
    bytes: Vec<u8>,
    on_progress: Channel<Progress>,
) -> Answer<AccountView> {
    let feature = feature(&app, &nx)?;
    let progress = progress_to(on_progress);
    let uploaded = feature
        .upload_document_bytes(kind, &file_name, &bytes, progress)
        .await;
    answer("neutrafix_upload_document", uploaded)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn neutrafix_submit_application(
    app: State<'_, AppState>,
    nx: State<'_, NeutrafixState>,
) -> Answer<AccountView> {
    let feature = feature(&app, &nx)?;
    answer(
        "neutrafix_submit_application",
        feature.submit_application().await,
    )
}

#[tauri::command(rename_all = "snake_case")]
pub async fn neutrafix_check_application(
    app: State<'_, AppState>,
    nx: State<'_, NeutrafixState>,
) -> Answer<AccountView> {
    let feature = feature(&app, &nx)?;
    answer(
        "neutrafix_check_application",
        feature.check_application().await,
    )
}

#[tauri::command(rename_all = "snake_case")]
pub async fn neutrafix_market_search(
    app: State<'_, AppState>,
    nx: State<'_, NeutrafixState>,
    filter: MarketFilter,
    on_progress: Channel<Progress>,
) -> Answer<MarketPage> {
    let feature = feature(&app, &nx)?;
    let progress = progress_to(on_progress);
    answer(
        "neutrafix_market_search",
        feature.market_search(filter, progress).await,
    )
}

#[tauri::command(rename_all = "snake_case")]
pub fn neutrafix_market_query(
    app: State<'_, AppState>,
    nx: State<'_, NeutrafixState>,
    filter: MarketFilter,
) -> Answer<MarketPage> {
    answer(
        "neutrafix_market_query",
        feature(&app, &nx)?.market_query(&filter),
    )
}

#[tauri::command(rename_all = "snake_case")]
pub fn neutrafix_market_rows(
    app: State<'_, AppState>,
    nx: State<'_, NeutrafixState>,
    generation: u32,
    offset: u32,
    limit: u32,
) -> Answer<MarketWindow> {
    let rows = feature(&app, &nx)?.market_rows(generation, offset, limit);
    answer("neutrafix_market_rows", rows)
}

/// Writes the current selection to the Downloads folder (else the data folder).
#[tauri::command(rename_all = "snake_case")]
pub fn neutrafix_export_csv(
    handle: AppHandle,
    app: State<'_, AppState>,
    nx: State<'_, NeutrafixState>,
) -> Answer<String> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let path = export_path(&handle, &format!("neutrafix-market-{stamp}.csv"));
    let written = feature(&app, &nx)?.export_csv(&path);
    answer(
        "neutrafix_export_csv",
        written.map(|_| path.display().to_string()),
    )
}

#[tauri::command(rename_all = "snake_case")]
pub async fn neutrafix_purchase(
    app: State<'_, AppState>,
    nx: State<'_, NeutrafixState>,
    route: Route,
) -> Answer<PurchaseView> {
    let feature = feature(&app, &nx)?;
    answer("neutrafix_purchase", feature.purchase(route).await)
}

/// The purchases, once the rates announced for a day that has come are on the sellers' cards.
/// Failing to put them there (the platform out of reach, say) does not hide the list: they
/// wait for the next time.
#[tauri::command(rename_all = "snake_case")]
pub async fn neutrafix_purchases(
    app: State<'_, AppState>,
    nx: State<'_, NeutrafixState>,
) -> Answer<Vec<PurchaseView>> {
    let feature = feature(&app, &nx)?;
    if let Err(error) = feature
        .apply_due_rates(chrono::Utc::now().naive_utc())
        .await
    {
        tracing::warn!(%error, "announced rates could not go on the cards yet");
    }
    answer("neutrafix_purchases", feature.purchases())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn neutrafix_seller_card(
    app: State<'_, AppState>,
    nx: State<'_, NeutrafixState>,
    seller: String,
    search: String,
) -> Answer<CardView> {
    let feature = feature(&app, &nx)?;
    answer(
        "neutrafix_seller_card",
        feature.seller_card(&seller, &search).await,
    )
}

#[tauri::command(rename_all = "snake_case")]
pub fn neutrafix_prefixes(
    app: State<'_, AppState>,
    nx: State<'_, NeutrafixState>,
    search: String,
) -> Answer<Vec<OwnPrefix>> {
    answer("neutrafix_prefixes", feature(&app, &nx)?.prefixes(&search))
}

#[tauri::command(rename_all = "snake_case")]
pub fn neutrafix_create_prefix(
    app: State<'_, AppState>,
    nx: State<'_, NeutrafixState>,
    prefix: String,
    note: String,
) -> Answer<Vec<OwnPrefix>> {
    let created = feature(&app, &nx)?.create_prefix(&prefix, &note);
    answer("neutrafix_create_prefix", created)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn neutrafix_associate_prefix(
    app: State<'_, AppState>,
    nx: State<'_, NeutrafixState>,
    prefix: String,
    connection_id: String,
) -> Answer<Vec<OwnPrefix>> {
    let feature = feature(&app, &nx)?;
    let linked = feature.associate_prefix(&prefix, &connection_id).await;
    answer("neutrafix_associate_prefix", linked)
}

#[tauri::command(rename_all = "snake_case")]
pub fn neutrafix_rate(
    app: State<'_, AppState>,
    nx: State<'_, NeutrafixState>,
    request: RateRequest,
) -> Answer<Rating> {
    answer("neutrafix_rate", feature(&app, &nx)?.rate(&request))
}
