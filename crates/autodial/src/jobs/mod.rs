//! Dial jobs: a job per (list, install), run on tokio, paced by one [`Limiter`] shared by every
//! job, written to SQLite as each call is placed and finished, resumed after a crash with no
//! number dialled twice and none skipped. See [`runner`] for how a number goes through.
//!
//! [`Jobs`] is the surface: start, pause, resume, stop, figures, results. It knows nothing of
//! Tauri or of the core; [`service`] ties it to the signed-in account.
//!
//! One pace for all: the limiter is shared by every running job of this app (the platform
//! counts the account's calls, not a job's), so its calls per second and calls at once are
//! those of the running jobs. A job is started or resumed only at the pace in force while
//! another job runs ([`JobError::PaceShared`] says which); it is never silently changed
//! under a running job. With no job running, the next one started sets the pace. After a
//! restart, a running job whose pace differs from the one taken up before it is taken up
//! paused, saying why.

mod board;
pub mod export;
pub mod model;
mod runner;
pub mod service;
pub mod store;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use tokio::sync::{broadcast, watch};
use tokio::task::JoinHandle;

pub use board::PUBLISH_EVERY;
pub use model::{CallOutcome, CallResult, DialableList, JobProgress, JobRequest, JobState};
pub use runner::Timing;
pub use store::{Created, JobRow, JobStore, NewJob, StoreError};

use crate::limiter::Limiter;
use crate::platform::Dialer;
use board::Board;
use runner::Context;

/// Why a job request could not be done.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("there is no dial job {0}")]
    UnknownJob(i64),
    #[error("that list is not one of this install's lists")]
    UnknownList,
    #[error("job {0} is not loaded; sign in to its account first")]
    NotLoaded(i64),
    /// The list already has a running or paused job (its id); a second would dial every
    /// number again.
    #[error("this list is already being dialled by a job that is running or paused: carry on with that job, or stop it before starting again")]
    ListBusy(i64),
    /// Another job is running at a different pace, and every running job shares one.
    #[error("every running dial job of this app shares one pace, now {cps} calls a second and up to {max_concurrent} at once: use the same figures, or pause the running jobs first")]
    PaceShared { cps: u32, max_concurrent: u32 },
    #[error("job {id} has {state:?}; it cannot be changed")]
    Ended { id: i64, state: JobState },
}

/// Every dial job of this process.
pub struct Jobs {
    store: Arc<JobStore>,
    limiter: Arc<Limiter>,
    timing: Timing,
    live: Mutex<HashMap<i64, Live>>,
    progress: broadcast::Sender<JobProgress>,
}

/// A job whose loop is running (dialling, paused, or finishing its last calls).
struct Live {
    control: Arc<watch::Sender<JobState>>,
    board: Arc<Board>,
    task: JoinHandle<()>,
}

impl Jobs {
    /// The jobs kept in `data_dir`'s `autodial.sqlite3`; nothing runs until started or resumed.
    pub fn open(data_dir: &Path, timing: Timing) -> Result<Self, JobError> {
        Ok(Self {
            store: Arc::new(JobStore::open(data_dir)?),
            limiter: Arc::new(Limiter::new(1, 1)),
            timing,
            live: Mutex::new(HashMap::new()),
            progress: broadcast::channel(1024).0,
        })
    }

    pub fn store(&self) -> &JobStore {
        &self.store
    }

    /// The limiter every job dials through.
    pub fn limiter(&self) -> &Limiter {
        &self.limiter
    }

    /// Every job's figures as they change (at most every [`PUBLISH_EVERY`] per job, and at
    /// once on a change of state). A job that ends sends a last message with its end state.
    pub fn subscribe(&self) -> broadcast::Receiver<JobProgress> {
        self.progress.subscribe()
    }

    /// Saves and starts a new job.
    pub fn start<D: Dialer>(&self, job: NewJob, dialer: D) -> Result<JobProgress, JobError> {
        self.check_pace(None, job.cps, job.max_concurrent)?;
        let id = match self.store.create(&job)? {
            Created::Job(id) => id,
            Created::UnknownList => return Err(JobError::UnknownList),
            Created::ListBusy(live) => return Err(JobError::ListBusy(live)),
        };
        let row = self.store.job(id)?.ok_or(JobError::UnknownJob(id))?;
        tracing::info!(
            job = id,
            list = row.list_id,
            total = row.total,
            "dial job started"
        );
        Ok(self.launch(row, dialer)?)
    }

    /// Loads a saved job that still has work (after a restart) and carries on where it stood:
    /// in-doubt calls are settled, calls in progress followed, and, unless it was paused, the
    /// rest of the list dialled. A job already loaded is left alone.
    pub fn take_up<D: Dialer>(&self, mut row: JobRow, dialer: D) -> Result<JobProgress, JobError> {
        if let Some(live) = self.lock().get(&row.id) {
            return Ok(live.board.snapshot());
        }
        let mut why_paused = None;
        if row.state == JobState::Running {
            if let Err(error) = self.check_pace(Some(row.id), row.cps, row.max_concurrent) {
                self.store.set_state(row.id, JobState::Paused)?;
                row.state = JobState::Paused;
                why_paused = Some(format!("Paused: {error}."));
            }
        }
        tracing::info!(
            job = row.id,
            state = row.state.as_str(),
            "dial job taken up"
        );
        let id = row.id;
        let mut progress = self.launch(row, dialer)?;
        if let Some(why) = why_paused {
            if let Some(live) = self.lock().get(&id) {
                live.board.set_waiting(Some(why));
                progress = live.board.snapshot();
            }
        }
        Ok(progress)
    }

    /// Refuses limits other than those in force while another job (not `except`) runs.
    fn check_pace(
        &self,
        except: Option<i64>,
        cps: u32,
        max_concurrent: u32,
    ) -> Result<(), JobError> {
        let another_runs = self.lock().iter().any(|(id, live)| {
            Some(*id) != except
                && !live.task.is_finished()
                && live.board.snapshot().state == JobState::Running
        });
        let (in_force, at_once) = self.limiter.limits();
        if another_runs && (in_force, at_once) != (cps, max_concurrent) {
            return Err(JobError::PaceShared {
                cps: in_force,
                max_concurrent: at_once,
            });
        }
        Ok(())
    }

    fn launch<D: Dialer>(&self, row: JobRow, dialer: D) -> Result<JobProgress, StoreError> {
        let window = row.window.as_ref().and_then(|w| w.check().ok());
        let mut progress = self.saved_figures(&row)?;
        board::Board::load(&mut progress, &self.store.counts(row.id)?);
        let board = Arc::new(Board::new(progress, self.progress.clone()));
        let control = Arc::new(watch::channel(row.state).0);
        if row.state == JobState::Running {
            self.limiter.configure(row.cps, row.max_concurrent);
        }
        let context = Arc::new(Context {
            job: row.clone(),
            dialer,
            limiter: self.limiter.clone(),
            store: self.store.clone(),
            board: board.clone(),
            control: control.clone(),
            timing: self.timing,
        });
        let pump = tokio::spawn(pump(board.clone()));
        let task = tokio::spawn(async move {
            runner::run(context, window).await;
            pump.abort();
        });
        board.publish();
        let snapshot = board.snapshot();
        let live = Live {
            control,
            board,
            task,
        };
        self.lock().insert(row.id, live);
        Ok(snapshot)
    }

    /// Stops starting calls; calls in progress end normally.
    pub fn pause(&self, id: i64) -> Result<JobProgress, JobError> {
        self.command(id, JobState::Paused)
    }

    /// Starts calling again after a pause, at the job's limits (or new ones).
    pub fn resume(&self, id: i64, limits: Option<(u32, u32)>) -> Result<JobProgress, JobError> {
        let (cps, max_concurrent) = match limits {
            Some(limits) => limits,
            None => {
                let row = self.store.job(id)?.ok_or(JobError::UnknownJob(id))?;
                (row.cps, row.max_concurrent)
            }
        };
        self.check_pace(Some(id), cps, max_concurrent)?;
        if let Some((cps, max_concurrent)) = limits {
            self.store.set_limits(id, cps, max_concurrent)?;
            if let Some(live) = self.lock().get(&id) {
                live.board.set_limits(cps, max_concurrent);
            }
        }
        let row = self.store.job(id)?.ok_or(JobError::UnknownJob(id))?;
        self.limiter.configure(row.cps, row.max_concurrent);
        self.command(id, JobState::Running)
    }

    /// Stops the job for good: the rest of the list is not dialled.
    pub fn stop(&self, id: i64) -> Result<JobProgress, JobError> {
        self.command(id, JobState::Stopped)
    }

    fn command(&self, id: i64, state: JobState) -> Result<JobProgress, JobError> {
        let current = self.progress_of(id)?.state;
        if matches!(current, JobState::Stopped | JobState::Finished) {
            return Err(JobError::Ended { id, state: current });
        }
        let live = self.lock();
        let live = live.get(&id).ok_or(JobError::NotLoaded(id))?;
        self.store.set_state(id, state)?;
        live.board.set_state(state);
        live.control.send_replace(state);
        tracing::info!(job = id, state = state.as_str(), "dial job told");
        Ok(live.board.snapshot())
    }

    /// A job's figures: live when loaded, else as saved.
    pub fn progress_of(&self, id: i64) -> Result<JobProgress, JobError> {
        if let Some(live) = self.lock().get(&id) {
            return Ok(live.board.snapshot());
        }
        let row = self.store.job(id)?.ok_or(JobError::UnknownJob(id))?;
        self.saved_progress(&row)
    }

    /// An install's jobs, newest first.
    pub fn jobs_of(&self, profile_id: i64, install_id: &str) -> Result<Vec<JobProgress>, JobError> {
        let rows = self.store.jobs_of(profile_id, install_id)?;
        rows.iter()
            .map(|row| match self.lock().get(&row.id) {
                Some(live) => Ok(live.board.snapshot()),
                None => self.saved_progress(row),
            })
            .collect()
    }

    fn saved_progress(&self, row: &JobRow) -> Result<JobProgress, JobError> {
        let mut progress = self.saved_figures(row)?;
        Board::load(&mut progress, &self.store.counts(row.id)?);
        let board = Board::new(progress, broadcast::channel(1).0);
        Ok(board.snapshot())
    }

    fn saved_figures(&self, row: &JobRow) -> Result<JobProgress, StoreError> {
        Ok(JobProgress {
            job_id: row.id,
            install_id: row.install_id.clone(),
            list_id: row.list_id,
            list_name: row.list_name.clone(),
            state: row.state,
            cps: row.cps,
            max_concurrent: row.max_concurrent,
            window: row.window.clone(),
            do_not_call: u32::try_from(self.store.do_not_call(row.id)?.len()).unwrap_or(u32::MAX),
            total: row.total,
            dialled: 0,
            in_progress: 0,
            answered: 0,
            busy: 0,
            no_answer: 0,
            failed: 0,
            skipped: 0,
            remaining: row.total,
            rate: 0.0,
            seconds_left: None,
            waiting: None,
            created_at: row.created_at.clone(),
            ended_at: row.ended_at.clone(),
        })
    }

    /// Waits until the job's loop has ended (finished or stopped, last calls ended).
    pub async fn wait(&self, id: i64) {
        let task = self
            .lock()
            .get_mut(&id)
            .map(|live| std::mem::replace(&mut live.task, tokio::spawn(async {})));
        if let Some(task) = task {
            let _ = task.await;
        }
    }

    /// Whether a job's loop is running in this process.
    pub fn is_loaded(&self, id: i64) -> bool {
        self.lock()
            .get(&id)
            .is_some_and(|live| !live.task.is_finished())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Live>> {
        self.live.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Publishes changes that came too soon after the last message, until the job's loop ends.
async fn pump(board: Arc<Board>) {
    let mut tick = tokio::time::interval(PUBLISH_EVERY);
    loop {
        tick.tick().await;
        board.publish_if_due(false);
    }
}
