//! Tauri glue of the ConnexCS App Store desktop client: windows, plugins, logging and the
//! commands in [`commands`]. What the app does lives in `cx-core`; the built-in sandbox in
//! `cx-sandbox`, started in this process when the user picks it.

mod commands;
mod logging;
mod webkit;

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use cx_core::models::{AppInfo, SessionView};
use cx_core::{AccountForm, AppError, Core, CoreOptions, ErrorCode, Secret};
use cx_sandbox::{Sandbox, SandboxConfig};
use tauri::Manager;

/// When `run` started: the origin of the first-paint figure (close to process start).
static STARTED: OnceLock<Instant> = OnceLock::new();

/// How the webview is set up, chosen first thing at launch.
static WEBVIEW: OnceLock<webkit::Setup> = OnceLock::new();

/// Milliseconds since launch, for the startup timeline logged at debug level.
pub(crate) fn since_launch_ms() -> u128 {
    STARTED.get().map_or(0, |start| start.elapsed().as_millis())
}

/// Every secret of the app is filed under this keyring service.
const KEYRING_SERVICE: &str = "com.connexcs.appstore.desktop";

/// What the commands share.
pub struct AppState {
    /// The core, or why it could not open (a database from a newer build, say), which the UI
    /// shows instead of crashing.
    core: Result<Arc<Core>, AppError>,
    sandbox: tokio::sync::Mutex<Option<Sandbox>>,
    /// Held while a session starts or changes, so that the start begun at launch and the UI's
    /// own call to `startup` end in one session, and two sign-ins never interleave.
    starting: tokio::sync::Mutex<()>,
    data_dir: PathBuf,
    log_dir: PathBuf,
    version: String,
}

impl AppState {
    fn core(&self) -> Result<Arc<Core>, AppError> {
        self.core.clone()
    }

    fn info(&self) -> AppInfo {
        let sandbox_url = self
            .sandbox
            .try_lock()
            .ok()
            .and_then(|s| s.as_ref().map(Sandbox::base_url));
        AppInfo {
            version: self.version.clone(),
            data_dir: self.data_dir.display().to_string(),
            log_dir: self.log_dir.display().to_string(),
            sandbox_url,
        }
    }

    /// The last real account when there is one, else the sandbox.
    async fn startup(&self) -> Result<SessionView, AppError> {
        let core = self.core()?;
        let _one_at_a_time = self.starting.lock().await;
        if let Some(session) = core.session() {
            return Ok(session);
        }
        match core.active_profile()? {
            Some(profile) if !profile.is_sandbox => core.resume(profile.id).await,
            _ => self.start_sandbox_session().await,
        }
    }

    async fn resume(&self, profile_id: i64) -> Result<SessionView, AppError> {
        let core = self.core()?;
        let _one_at_a_time = self.starting.lock().await;
        let is_sandbox = core
            .profiles()?
            .iter()
            .any(|p| p.id == profile_id && p.is_sandbox);
        if is_sandbox {
            return self.start_sandbox_session().await;
        }
        core.resume(profile_id).await
    }

    async fn sign_in(&self, form: AccountForm, password: Secret) -> Result<SessionView, AppError> {
        let core = self.core()?;
        let _one_at_a_time = self.starting.lock().await;
        core.sign_in(form, password).await
    }

    async fn use_sandbox(&self) -> Result<SessionView, AppError> {
        let _one_at_a_time = self.starting.lock().await;
        self.start_sandbox_session().await
    }

    /// Starts the sandbox in this process (once) and signs in to it with its demo account.
    /// The caller holds `starting`.
    async fn start_sandbox_session(&self) -> Result<SessionView, AppError> {
        let core = self.core()?;
        let mut sandbox = self.sandbox.lock().await;
        if sandbox.is_none() {
            let started = Sandbox::start(SandboxConfig::default())
                .await
                .map_err(|error| {
                    AppError::new(
                        ErrorCode::Internal,
                        format!("The sandbox could not start: {error}."),
                    )
                })?;
            tracing::info!(url = %started.base_url(), "sandbox started");
            *sandbox = Some(started);
        }
        let base_url = sandbox.as_ref().map(Sandbox::base_url).unwrap_or_default();
        let password = Secret::new(cx_sandbox::DEMO_PASSWORD);
        core.sign_in_sandbox(&base_url, cx_sandbox::DEMO_LOGIN, password)
            .await
    }
}

/// Startup-benchmark convention (see README, "Benchmarks"): the UI calls this once its first
/// frame is drawn, and the app prints `CX_FIRST_PAINT_MS=<ms since start>` on stdout, once.
#[tauri::command]
fn report_first_paint() {
    static REPORTED: OnceLock<()> = OnceLock::new();
    if REPORTED.set(()).is_err() {
        return;
    }
    let elapsed = since_launch_ms();
    tracing::debug!(at_ms = elapsed, "first paint reported");
    let mut stdout = std::io::stdout().lock();
    // NOTE: stdout may be closed (started from a desktop launcher); the figure is optional.
    let _ = writeln!(stdout, "CX_FIRST_PAINT_MS={elapsed}");
    let _ = stdout.flush();
}

/// Folders from `CX_APPSTORE_DATA_DIR` / `CX_APPSTORE_LOG_DIR`, else the OS's own.
fn folders(app: &tauri::App) -> (PathBuf, PathBuf) {
    let from_env = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let paths = app.path();
    let data = from_env("CX_APPSTORE_DATA_DIR")
        .or_else(|| paths.app_data_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."));
    let logs = from_env("CX_APPSTORE_LOG_DIR")
        .or_else(|| paths.app_log_dir().ok())
        .unwrap_or_else(|| data.join("logs"));
    (data, logs)
}

fn setup(app: &mut tauri::App) -> Result<(), Box<dyn std::error::Error>> {
    let (data_dir, log_dir) = folders(app);
    let guard = logging::init(&log_dir);
    let version = app.package_info().version.to_string();
    let webview = WEBVIEW.get().copied();
    tracing::info!(%version, data = %data_dir.display(), ?webview, "starting");
    if let (Some(window), Some(setup)) = (app.get_webview_window("main"), webview) {
        webkit::apply(&window, setup);
    }

    let core = Core::open(CoreOptions {
        data_dir: data_dir.clone(),
        keyring_service: KEYRING_SERVICE.to_owned(),
        client: Default::default(),
    })
    .map(Arc::new);
    if let Err(error) = &core {
        tracing::error!(message = %error.message, "the core could not open");
    }
    commands::autodial_jobs::setup(app, &data_dir);
    commands::yoco::setup(app);
    commands::neutrafix::setup(app);
    app.manage(AppState {
        core,
        sandbox: tokio::sync::Mutex::new(None),
        starting: tokio::sync::Mutex::new(()),
        data_dir,
        log_dir,
        version,
    });
    app.manage(guard);
    commands::clicktodial::listen_for_links(app);
    tracing::debug!(at_ms = since_launch_ms(), "setup done");

    // Start the session while the webview loads the UI; the UI's `startup` joins it.
    let handle = app.handle().clone();
    tauri::async_runtime::spawn(async move {
        let state = handle.state::<AppState>();
        match state.startup().await {
            Ok(_) => tracing::debug!(at_ms = since_launch_ms(), "session ready"),
            Err(error) => {
                tracing::info!(code = ?error.code, "no session at launch; the UI will ask")
            }
        }
        commands::autodial_jobs::take_up(&handle).await;
        commands::yoco::resume(&handle);
    });
    Ok(())
}

/// Builds and runs the app; returns when the last window closes.
pub fn run() {
    STARTED.get_or_init(Instant::now);
    WEBVIEW.get_or_init(webkit::set_up);

    tauri::Builder::default()
        // First: a second launch (a phone link clicked while the app runs) hands its link to
        // this one and exits.
        .plugin(tauri_plugin_single_instance::init(
            commands::clicktodial::second_launch,
        ))
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .setup(setup)
        .invoke_handler(tauri::generate_handler![
            report_first_paint,
            commands::app_info,
            commands::startup,
            commands::profiles_list,
            commands::sign_in,
            commands::use_sandbox,
            commands::resume_profile,
            commands::sign_out,
            commands::store_view,
            commands::store_refresh,
            commands::app_page,
            commands::installs_list,
            commands::install_app,
            commands::install_configure,
            commands::install_version_preview,
            commands::install_change_version,
            commands::install_remove,
            commands::field_options,
            commands::open_external,
            commands::autodial_jobs::autodial_config_check,
            commands::autodial_jobs::autodial_config_save,
            commands::autodial_jobs::autodial_job_lists,
            commands::autodial_jobs::autodial_jobs,
            commands::autodial_jobs::autodial_job_start,
            commands::autodial_jobs::autodial_job_pause,
            commands::autodial_jobs::autodial_job_resume,
            commands::autodial_jobs::autodial_job_stop,
            commands::autodial_jobs::autodial_job_results,
            commands::autodial_jobs::autodial_job_export,
            commands::autodial_jobs::autodial_job_watch,
            commands::autodial_lists::autodial_list_preview,
            commands::autodial_lists::autodial_list_save,
            commands::autodial_lists::autodial_lists,
            commands::autodial_lists::autodial_list_problems,
            commands::autodial_lists::autodial_list_delete,
            commands::autodial_lists::autodial_list_export_rejected,
            commands::autodial_lists::autodial_list_export_rejected_to,
            commands::autodial_lists::autodial_list_pick_file,
            commands::neutrafix::neutrafix_account,
            commands::neutrafix::neutrafix_log_in,
            commands::neutrafix::neutrafix_log_out,
            commands::neutrafix::neutrafix_sign_up,
            commands::neutrafix::neutrafix_upload_document,
            commands::neutrafix::neutrafix_submit_application,
            commands::neutrafix::neutrafix_check_application,
            commands::neutrafix::neutrafix_market_search,
            commands::neutrafix::neutrafix_market_query,
            commands::neutrafix::neutrafix_market_rows,
            commands::neutrafix::neutrafix_export_csv,
            commands::neutrafix::neutrafix_purchase,
            commands::neutrafix::neutrafix_purchases,
            commands::neutrafix::neutrafix_seller_card,
            commands::neutrafix::neutrafix_prefixes,
            commands::neutrafix::neutrafix_create_prefix,
            commands::neutrafix::neutrafix_associate_prefix,
            commands::neutrafix::neutrafix_rate,
            commands::yoco::yoco_settings,
            commands::yoco::yoco_save_settings,
            commands::yoco::yoco_test_key,
            commands::yoco::yoco_customers,
            commands::yoco::yoco_quote,
            commands::yoco::yoco_start,
            commands::yoco::yoco_check,
            commands::yoco::yoco_history,
            commands::yoco::yoco_export_csv,
            commands::yoco::yoco_refund,
            commands::yoco::yoco_qr,
            commands::yoco::yoco_open_checkout,
            commands::yoco::yoco_watch,
            commands::clicktodial::clicktodial_view,
            commands::clicktodial::clicktodial_add,
            commands::clicktodial::clicktodial_rotate,
            commands::clicktodial::clicktodial_revoke,
            commands::clicktodial::clicktodial_set_default,
            commands::clicktodial::clicktodial_call,
            commands::clicktodial::clicktodial_take_links,
            commands::clicktodial::clicktodial_open_link,
            commands::spamscore::spamscore_package,
            commands::spamscore::spamscore_settings,
            commands::spamscore::spamscore_set_api_user,
            commands::spamscore::spamscore_dids,
            commands::spamscore::spamscore_run,
            commands::spamscore::spamscore_history,
            commands::spamscore::spamscore_chart,
            commands::spamscore::spamscore_export_csv,
        ])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}
