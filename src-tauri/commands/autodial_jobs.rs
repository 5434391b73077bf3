//! Auto Dial's Config and Start pages: thin commands over `cx_autodial`. Dial jobs run in this
//! process on tokio; their figures reach the page through a `tauri::ipc::Channel` (no event
//! permission needed), and a desktop notification says when a job has ended. Jobs left running
//! when the app stopped are taken up again once the same account is signed in.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex};

use cx_autodial::jobs::{
    export, service, CallResult, DialableList, JobProgress, JobRequest, JobState, Jobs, Timing,
};
use cx_core::models::InstallView;
use cx_core::{AppError, ErrorCode, FieldError};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_notification::NotificationExt;

use super::{export_path, logged, Answer};
use crate::AppState;

/// The dial jobs of this process (or why their database could not open), and the channel of
/// the Start page now shown, which hears every job's figures.
pub struct AutodialState {
    jobs: Result<Jobs, AppError>,
    page: Arc<Mutex<Option<Channel<JobProgress>>>>,
}

impl AutodialState {
    fn jobs(&self) -> Answer<&Jobs> {
        self.jobs.as_ref().map_err(Clone::clone)
    }
}

/// Opens the jobs' database and starts the end-of-job notifier; called once from `setup`.
pub fn setup(app: &tauri::App, data_dir: &Path) {
    let jobs = Jobs::open(data_dir, Timing::default()).map_err(|error| {
        tracing::error!(%error, "the dial jobs database could not open");
        AppError::new(
            ErrorCode::Database,
            format!("Dial jobs are unavailable: {error}."),
        )
    });
    let page = Arc::new(Mutex::new(None));
    if let Ok(jobs) = &jobs {
        let ended = jobs.subscribe();
        tauri::async_runtime::spawn(notify_endings(app.handle().clone(), ended));
        tauri::async_runtime::spawn(forward_to_page(jobs.subscribe(), page.clone()));
    }
    app.manage(AutodialState { jobs, page });
}

/// Sends every job's figures to the page's channel, while there is one.
async fn forward_to_page(
    mut progress: tokio::sync::broadcast::Receiver<JobProgress>,
    page: Arc<Mutex<Option<Channel<JobProgress>>>>,
) {
    loop {
        let job = match progress.recv().await {
            Ok(job) => job,
            Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
            Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
        };
        let mut current = page.lock().unwrap_or_else(|p| p.into_inner());
        if current
            .as_ref()
            .is_some_and(|channel| channel.send(job).is_err())
        {
            *current = None;
        }
    }
}

/// Takes up the signed-in account's unfinished jobs (at launch, once the session is ready).
pub async fn take_up(app: &AppHandle) {
    let (state, autodial) = (app.state::<AppState>(), app.state::<AutodialState>());
    let (Ok(core), Ok(jobs)) = (state.core(), autodial.jobs()) else {
        return;
    };
    match service::take_up_all(&core, jobs).await {
        Ok(taken) if !taken.is_empty() => tracing::info!(jobs = taken.len(), "dial jobs taken up"),
        Ok(_) => {}
        Err(error) => tracing::warn!(message = %error.message, "dial jobs not taken up"),
    }
}

/// A desktop notification for each job that finishes or is stopped.
async fn notify_endings(
    app: AppHandle,
    mut progress: tokio::sync::broadcast::Receiver<JobProgress>,
) {
    let mut told = HashSet::new();
    loop {
        let job = match progress.recv().await {
            Ok(job) => job,
            Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
            Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
        };
        let ended = matches!(job.state, JobState::Finished | JobState::Stopped);
        if !ended || !told.insert(job.job_id) {
            continue;
        }
        let title = match job.state {
            JobState::Finished => format!("Dial job finished: {}", job.list_name),
            _ => format!("Dial job stopped: {}", job.list_name),
        };
        let body = format!(
            "{} dialled: {} answered, {} busy, {} no answer, {} failed.",
            job.dialled, job.answered, job.busy, job.no_answer, job.failed
        );
        if let Err(error) = app.notification().builder().title(title).body(body).show() {
            tracing::info!(%error, "no desktop notification shown");
        }
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn autodial_config_check(
    state: State<'_, AppState>,
    values: BTreeMap<String, String>,
    endpoint_picked: bool,
) -> Answer<Vec<FieldError>> {
    let core = state.core()?;
    let checked = cx_autodial::config::check(&core, &values, endpoint_picked).await;
    logged("autodial_config_check", checked)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn autodial_config_save(
    state: State<'_, AppState>,
    install_id: String,
    values: BTreeMap<String, String>,
    endpoint_picked: bool,
) -> Answer<InstallView> {
    let core = state.core()?;
    let saved = cx_autodial::config::save(&core, &install_id, values, endpoint_picked).await;
    logged("autodial_config_save", saved)
}

#[tauri::command(rename_all = "snake_case")]
pub fn autodial_job_lists(
    state: State<'_, AppState>,
    autodial: State<'_, AutodialState>,
    install_id: String,
) -> Answer<Vec<DialableList>> {
    let lists = service::lists(&*state.core()?, autodial.jobs()?, &install_id);
    logged("autodial_job_lists", lists)
}

/// The install's jobs; first takes up any unfinished job of this account not running yet.
#[tauri::command(rename_all = "snake_case")]
pub async fn autodial_jobs(
    state: State<'_, AppState>,
    autodial: State<'_, AutodialState>,
    install_id: String,
) -> Answer<Vec<JobProgress>> {
    let (core, jobs) = (state.core()?, autodial.jobs()?);
    if let Err(error) = service::take_up_all(&core, jobs).await {
        tracing::warn!(message = %error.message, "dial jobs not taken up");
    }
    logged("autodial_jobs", service::jobs_of(&core, jobs, &install_id))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn autodial_job_start(
    state: State<'_, AppState>,
    autodial: State<'_, AutodialState>,
    request: JobRequest,
) -> Answer<JobProgress> {
    let started = service::start(&*state.core()?, autodial.jobs()?, request).await;
    logged("autodial_job_start", started)
}

#[tauri::command(rename_all = "snake_case")]
pub fn autodial_job_pause(autodial: State<'_, AutodialState>, job_id: i64) -> Answer<JobProgress> {
    let paused = autodial.jobs()?.pause(job_id).map_err(service::app_error);
    logged("autodial_job_pause", paused)
}

#[tauri::command(rename_all = "snake_case")]
pub fn autodial_job_resume(autodial: State<'_, AutodialState>, job_id: i64) -> Answer<JobProgress> {
    let resumed = autodial
        .jobs()?
        .resume(job_id, None)
        .map_err(service::app_error);
    logged("autodial_job_resume", resumed)
}

#[tauri::command(rename_all = "snake_case")]
pub fn autodial_job_stop(autodial: State<'_, AutodialState>, job_id: i64) -> Answer<JobProgress> {
    let stopped = autodial.jobs()?.stop(job_id).map_err(service::app_error);
    logged("autodial_job_stop", stopped)
}

#[tauri::command(rename_all = "snake_case")]
pub fn autodial_job_results(
    autodial: State<'_, AutodialState>,
    job_id: i64,
    offset: u32,
    limit: u32,
) -> Answer<Vec<CallResult>> {
    logged(
        "autodial_job_results",
        results(autodial.jobs()?, job_id, offset, Some(limit)),
    )
}

/// Writes the job's results as CSV into the Downloads folder; answers the file's path.
#[tauri::command(rename_all = "snake_case")]
pub fn autodial_job_export(
    app: AppHandle,
    autodial: State<'_, AutodialState>,
    job_id: i64,
) -> Answer<String> {
    let written = export_to_downloads(&app, autodial.jobs()?, job_id);
    logged("autodial_job_export", written)
}

/// Streams every job's figures to this channel, in place of the one a page opened before.
#[tauri::command(rename_all = "snake_case")]
pub fn autodial_job_watch(
    autodial: State<'_, AutodialState>,
    on_progress: Channel<JobProgress>,
) -> Answer<()> {
    autodial.jobs()?;
    *autodial.page.lock().unwrap_or_else(|p| p.into_inner()) = Some(on_progress);
    Ok(())
}

fn results(jobs: &Jobs, job_id: i64, offset: u32, limit: Option<u32>) -> Answer<Vec<CallResult>> {
    let unknown = || {
        AppError::new(
            ErrorCode::NotFound,
            format!("There is no dial job {job_id}."),
        )
    };
    let database = |error: cx_autodial::jobs::StoreError| {
        AppError::new(
            ErrorCode::Database,
            format!("The dial jobs database failed: {error}."),
        )
    };
    let job = jobs
        .store()
        .job(job_id)
        .map_err(database)?
        .ok_or_else(unknown)?;
    jobs.store().results(&job, offset, limit).map_err(database)
}

fn export_to_downloads(app: &AppHandle, jobs: &Jobs, job_id: i64) -> Answer<String> {
    let rows = results(jobs, job_id, 0, None)?;
    let stamp = unix_seconds();
    let path = export_path(app, &format!("auto-dial-job-{job_id}-{stamp}.csv"));
    let failed = |error: String| {
        AppError::new(
            ErrorCode::Internal,
            format!("Could not write {}: {error}.", path.display()),
        )
    };
    let file = std::fs::File::create(&path).map_err(|e| failed(e.to_string()))?;
    export::write_csv(&rows, std::io::BufWriter::new(file)).map_err(|e| failed(e.to_string()))?;
    tracing::info!(job = job_id, rows = rows.len(), "dial job exported");
    Ok(path.display().to_string())
}

/// Seconds since 1970, so that each export gets a file of its own.
fn unix_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}
