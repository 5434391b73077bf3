//! Dial jobs on disk (`dial_job`, `dial_dnc`, `dial_call` in `autodial.sqlite3`). Every change
//! of a number's state is its own committed statement, made before the step it records is
//! taken, so a process killed at any instant leaves a state that tells the truth.
//!
//! One connection behind a mutex, used briefly and never across an await.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::model::{CallOutcome, CallResult, DialableList, JobState};
use crate::dnc::DoNotCall;
use crate::platform::CallTarget;
use crate::window::CallingWindow;

/// A failure of the job database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Open(#[from] cx_cache::CacheError),
    #[error("the dial jobs database failed: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("a saved job is damaged: {0}")]
    Damaged(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// A job as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct JobRow {
    pub id: i64,
    pub profile_id: i64,
    pub install_id: String,
    pub app_id: String,
    pub list_id: i64,
    pub list_name: String,
    pub target: CallTarget,
    pub cps: u32,
    pub max_concurrent: u32,
    pub window: Option<CallingWindow>,
    pub state: JobState,
    pub total: u32,
    pub created_at: String,
    pub ended_at: Option<String>,
}

/// What a new job is made of.
#[derive(Clone, Debug)]
pub struct NewJob {
    pub profile_id: i64,
    pub install_id: String,
    pub app_id: String,
    pub list_id: i64,
    pub target: CallTarget,
    pub cps: u32,
    pub max_concurrent: u32,
    pub window: Option<CallingWindow>,
    pub do_not_call: DoNotCall,
}

/// What became of a request to save a new job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Created {
    /// Saved, with this id.
    Job(i64),
    /// The list is not one of the install's.
    UnknownList,
    /// The list already has this job running or paused.
    ListBusy(i64),
}

/// A number of the list, by its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number {
    pub position: i64,
    pub e164: String,
}

/// A call that was being placed or was in progress when the job was last left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InFlight {
    /// The originate may or may not have reached the platform.
    InDoubt {
        number: Number,
        placing_at: DateTime<Utc>,
    },
    /// Placed; its outcome is still to be read.
    Placed { number: Number, call_id: String },
}

impl InFlight {
    pub fn number(&self) -> &Number {
        match self {
            Self::InDoubt { number, .. } | Self::Placed { number, .. } => number,
        }
    }
}

/// Numbers per state, to start a job's figures from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub in_progress: u32,
    pub answered: u32,
    pub busy: u32,
    pub no_answer: u32,
    pub failed: u32,
    pub skipped: u32,
}

/// The job database.
#[derive(Debug)]
pub struct JobStore {
    conn: Mutex<Connection>,
}

const JOB_COLUMNS: &str = "j.id, j.profile_id, j.install_id, j.app_id, j.list_id, l.name, \
    j.target, j.cps, j.max_concurrent, j.calling_window, j.state, j.total, j.created_at, \
    j.ended_at";

impl JobStore {
    /// Opens `autodial.sqlite3` in `data_dir`, bringing its schema up to date.
    pub fn open(data_dir: &Path) -> StoreResult<Self> {
        Ok(Self {
            conn: Mutex::new(crate::db::open(data_dir)?),
        })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The lists of an install, newest first.
    pub fn lists(&self, profile_id: i64, install_id: &str) -> StoreResult<Vec<DialableList>> {
        let conn = self.conn();
        let mut statement = conn.prepare(
            "SELECT id, name, accepted, created_at FROM number_list
             WHERE profile_id = ?1 AND install_id = ?2 ORDER BY id DESC",
        )?;
        let rows = statement.query_map(params![profile_id, install_id], |row| {
            Ok(DialableList {
                id: row.get(0)?,
                name: row.get(1)?,
                numbers: row.get(2)?,
                created_at: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Saves a new running job with its do-not-call numbers, unless the list is not the
    /// install's or already has a live (running or paused) job: one list is never dialled by
    /// two jobs at once. The check is made here and held by a unique index on disk, so a
    /// second process cannot slip a job in between.
    pub fn create(&self, job: &NewJob) -> StoreResult<Created> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let total: Option<u32> = tx
            .query_row(
                "SELECT (SELECT COUNT(*) FROM list_number WHERE list_id = l.id)
                 FROM number_list l WHERE l.id = ?1 AND l.profile_id = ?2 AND l.install_id = ?3",
                params![job.list_id, job.profile_id, job.install_id],
                |row| row.get(0),
            )
            .optional()?;
        let Some(total) = total else {
            return Ok(Created::UnknownList);
        };
        if let Some(live) = live_job(&tx, job)? {
            return Ok(Created::ListBusy(live));
        }
        let inserted = tx.execute(
            "INSERT INTO dial_job (profile_id, install_id, app_id, list_id, target, cps,
                max_concurrent, calling_window, state, total, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'running', ?9, ?10)",
            params![
                job.profile_id,
                job.install_id,
                job.app_id,
                job.list_id,
                to_json(&job.target),
                job.cps,
                job.max_concurrent,
                job.window.as_ref().map(to_json),
                total,
                now_text(),
            ],
        );
        if let Err(error) = inserted {
            // Another process took the list between the check and the insert.
            return match live_job(&tx, job)? {
                Some(live) if is_unique_violation(&error) => Ok(Created::ListBusy(live)),
                _ => Err(error.into()),
            };
        }
        let id = tx.last_insert_rowid();
        {
            let mut insert = tx.prepare("INSERT INTO dial_dnc (job_id, e164) VALUES (?1, ?2)")?;
            for number in job.do_not_call.iter() {
                insert.execute(params![id, number])?;
            }
        }
        tx.commit()?;
        Ok(Created::Job(id))
    }

    pub fn job(&self, id: i64) -> StoreResult<Option<JobRow>> {
        let conn = self.conn();
        let sql = format!(
            "SELECT {JOB_COLUMNS} FROM dial_job j JOIN number_list l ON l.id = j.list_id
             WHERE j.id = ?1"
        );
        let row = conn.query_row(&sql, [id], read_job).optional()?;
        row.transpose()
    }

    /// An install's jobs, newest first.
    pub fn jobs_of(&self, profile_id: i64, install_id: &str) -> StoreResult<Vec<JobRow>> {
        self.jobs_where(
            "j.profile_id = ?1 AND j.install_id = ?2",
            params![profile_id, install_id],
        )
    }

    /// A profile's jobs that still have work: running or paused, or with calls in progress.
    pub fn unfinished(&self, profile_id: i64) -> StoreResult<Vec<JobRow>> {
        self.jobs_where(
            "j.profile_id = ?1 AND (j.state IN ('running', 'paused')
             OR EXISTS (SELECT 1 FROM dial_call c WHERE c.job_id = j.id
                        AND c.state IN ('placing', 'placed')))",
            params![profile_id],
        )
    }

    fn jobs_where(&self, filter: &str, values: impl rusqlite::Params) -> StoreResult<Vec<JobRow>> {
        let conn = self.conn();
        let sql = format!(
            "SELECT {JOB_COLUMNS} FROM dial_job j JOIN number_list l ON l.id = j.list_id
             WHERE {filter} ORDER BY j.id DESC"
        );
        let mut statement = conn.prepare(&sql)?;
        let rows = statement.query_map(values, read_job)?;
        rows.map(|row| row?).collect()
    }

    /// Records the job's new state; an ended job gets its end time.
    pub fn set_state(&self, id: i64, state: JobState) -> StoreResult<()> {
        let ended = matches!(state, JobState::Stopped | JobState::Finished).then(now_text);
        self.conn().execute(
            "UPDATE dial_job SET state = ?2, ended_at = COALESCE(?3, ended_at) WHERE id = ?1",
            params![id, state.as_str(), ended],
        )?;
        Ok(())
    }

    /// Changes the limits the job runs with (from the next call on).
    pub fn set_limits(&self, id: i64, cps: u32, max_concurrent: u32) -> StoreResult<()> {
        self.conn().execute(
            "UPDATE dial_job SET cps = ?2, max_concurrent = ?3 WHERE id = ?1",
            params![id, cps, max_concurrent],
        )?;
        Ok(())
    }

    /// Up to `limit` numbers after `after` that still need dialling (never tried, or deferred
    /// by the platform), in list order.
    pub fn next_numbers(&self, job: &JobRow, after: i64, limit: u32) -> StoreResult<Vec<Number>> {
        let conn = self.conn();
        let mut statement = conn.prepare_cached(
            "SELECT n.position, n.e164 FROM list_number n
             LEFT JOIN dial_call c ON c.job_id = ?1 AND c.position = n.position
             WHERE n.list_id = ?2 AND n.position > ?3
               AND (c.state IS NULL OR c.state = 'deferred')
             ORDER BY n.position LIMIT ?4",
        )?;
        let rows = statement.query_map(params![job.id, job.list_id, after, limit], |row| {
            Ok(Number {
                position: row.get(0)?,
                e164: row.get(1)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Calls left placing or in progress.
    pub fn in_flight(&self, job_id: i64) -> StoreResult<Vec<InFlight>> {
        let conn = self.conn();
        let mut statement = conn.prepare(
            "SELECT position, e164, state, placing_at, call_id FROM dial_call
             WHERE job_id = ?1 AND state IN ('placing', 'placed') ORDER BY position",
        )?;
        let rows = statement.query_map([job_id], |row| {
            let number = Number {
                position: row.get(0)?,
                e164: row.get(1)?,
            };
            let state: String = row.get(2)?;
            let placing_at: Option<String> = row.get(3)?;
            let call_id: Option<String> = row.get(4)?;
            Ok((number, state, placing_at, call_id))
        })?;
        let mut calls = Vec::new();
        for row in rows {
            let (number, state, placing_at, call_id) = row?;
            calls.push(match (state.as_str(), call_id) {
                ("placed", Some(call_id)) => InFlight::Placed { number, call_id },
                _ => InFlight::InDoubt {
                    number,
                    placing_at: parse_time(placing_at.as_deref())?,
                },
            });
        }
        Ok(calls)
    }

    /// Written BEFORE the originate is sent: from here on the number counts as possibly
    /// dialled, and nothing dials it again without asking the platform first. Only a number
    /// never tried or `deferred` can be claimed; `false` when it is already placing, placed
    /// or done (it must not be dialled).
    pub fn claim(&self, job_id: i64, number: &Number, at: DateTime<Utc>) -> StoreResult<bool> {
        let changed = self.conn().execute(
            "INSERT INTO dial_call (job_id, position, e164, state, placing_at)
             VALUES (?1, ?2, ?3, 'placing', ?4)
             ON CONFLICT (job_id, position) DO UPDATE SET state = 'placing',
                placing_at = excluded.placing_at, call_id = NULL
             WHERE dial_call.state = 'deferred'",
            params![job_id, number.position, number.e164, time_text(at)],
        )?;
        Ok(changed == 1)
    }

    /// The platform took the call.
    pub fn placed(&self, job_id: i64, position: i64, call_id: &str) -> StoreResult<()> {
        self.update(
            "UPDATE dial_call SET state = 'placed', call_id = ?3 WHERE job_id = ?1 AND position = ?2",
            job_id,
            position,
            call_id,
        )
    }

    /// The platform said "not now" (nothing placed): dial it again later.
    pub fn defer(&self, job_id: i64, position: i64) -> StoreResult<()> {
        self.update(
            "UPDATE dial_call SET state = 'deferred', deferrals = deferrals + 1, call_id = ?3
             WHERE job_id = ?1 AND position = ?2",
            job_id,
            position,
            None::<String>,
        )
    }

    /// The platform confirmed that an in-doubt call was never placed: dial it again.
    pub fn not_placed(&self, job_id: i64, position: i64) -> StoreResult<()> {
        self.update(
            "UPDATE dial_call SET state = 'deferred', call_id = ?3 WHERE job_id = ?1 AND position = ?2",
            job_id,
            position,
            None::<String>,
        )
    }

    fn update(
        &self,
        sql: &str,
        job_id: i64,
        position: i64,
        value: impl rusqlite::ToSql,
    ) -> StoreResult<()> {
        self.conn()
            .prepare_cached(sql)?
            .execute(params![job_id, position, value])?;
        Ok(())
    }

    /// The number's outcome.
    pub fn finish(
        &self,
        job_id: i64,
        number: &Number,
        outcome: CallOutcome,
        reason: Option<&str>,
        talk_ms: Option<u64>,
    ) -> StoreResult<()> {
        self.conn()
            .prepare_cached(
                "INSERT INTO dial_call (job_id, position, e164, state, outcome, reason,
                    duration_ms, finished_at)
                 VALUES (?1, ?2, ?3, 'done', ?4, ?5, ?6, ?7)
                 ON CONFLICT (job_id, position) DO UPDATE SET state = 'done',
                    outcome = excluded.outcome, reason = excluded.reason,
                    duration_ms = excluded.duration_ms, finished_at = excluded.finished_at",
            )?
            .execute(params![
                job_id,
                number.position,
                number.e164,
                outcome.as_str(),
                reason,
                talk_ms,
                now_text(),
            ])?;
        Ok(())
    }

    /// The figures so far, counted once when a job is loaded.
    pub fn counts(&self, job_id: i64) -> StoreResult<Counts> {
        let conn = self.conn();
        let mut statement = conn.prepare(
            "SELECT state, outcome, COUNT(*) FROM dial_call WHERE job_id = ?1 GROUP BY 1, 2",
        )?;
        let mut counts = Counts::default();
        let rows = statement.query_map([job_id], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, Option<String>>(1)?,
                row.get(2)?,
            ))
        })?;
        for row in rows {
            let (state, outcome, n): (String, Option<String>, u32) = row?;
            let slot = match (
                state.as_str(),
                outcome.as_deref().and_then(CallOutcome::parse),
            ) {
                ("placing" | "placed", _) => &mut counts.in_progress,
                (_, Some(CallOutcome::Answered)) => &mut counts.answered,
                (_, Some(CallOutcome::Busy)) => &mut counts.busy,
                (_, Some(CallOutcome::NoAnswer)) => &mut counts.no_answer,
                (_, Some(CallOutcome::Failed)) => &mut counts.failed,
                (_, Some(CallOutcome::DoNotCall)) => &mut counts.skipped,
                _ => continue,
            };
            *slot += n;
        }
        Ok(counts)
    }

    /// The job's do-not-call numbers.
    pub fn do_not_call(&self, job_id: i64) -> StoreResult<DoNotCall> {
        let conn = self.conn();
        let mut statement = conn.prepare("SELECT e164 FROM dial_dnc WHERE job_id = ?1")?;
        let rows = statement.query_map([job_id], |row| row.get(0))?;
        Ok(DoNotCall::from_e164(
            rows.collect::<Result<Vec<String>, _>>()?,
        ))
    }

    /// Every number of the job's list with what became of it, in list order, `limit` from
    /// `offset` (`None`: all).
    pub fn results(
        &self,
        job: &JobRow,
        offset: u32,
        limit: Option<u32>,
    ) -> StoreResult<Vec<CallResult>> {
        let conn = self.conn();
        let mut statement = conn.prepare(
            "SELECT n.position, n.e164, c.state, c.outcome, c.reason, c.call_id, c.placing_at,
                    c.duration_ms, c.deferrals
             FROM list_number n
             LEFT JOIN dial_call c ON c.job_id = ?1 AND c.position = n.position
             WHERE n.list_id = ?2 ORDER BY n.position LIMIT ?3 OFFSET ?4",
        )?;
        let limit = limit.map_or(-1, i64::from);
        let rows = statement.query_map(params![job.id, job.list_id, limit, offset], |row| {
            let position: i64 = row.get(0)?;
            let duration: Option<i64> = row.get(7)?;
            Ok(CallResult {
                number: u32::try_from(position + 1).unwrap_or(u32::MAX),
                e164: row.get(1)?,
                state: row
                    .get::<_, Option<String>>(2)?
                    .unwrap_or_else(|| "pending".to_owned()),
                outcome: row
                    .get::<_, Option<String>>(3)?
                    .as_deref()
                    .and_then(CallOutcome::parse),
                reason: row.get(4)?,
                call_id: row.get(5)?,
                placed_at: row.get(6)?,
                talk_seconds: duration.map(|ms| ms as f64 / 1000.0),
                deferrals: row.get::<_, Option<u32>>(8)?.unwrap_or(0),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// The list's running or paused job, if it has one.
fn live_job(conn: &Connection, job: &NewJob) -> StoreResult<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM dial_job WHERE profile_id = ?1 AND install_id = ?2 AND list_id = ?3
               AND state IN ('running', 'paused')",
            params![job.profile_id, job.install_id, job.list_id],
            |row| row.get(0),
        )
        .optional()?)
}

fn is_unique_violation(error: &rusqlite::Error) -> bool {
    matches!(
        error,
        rusqlite::Error::SqliteFailure(failure, _)
            if failure.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
    )
}

fn read_job(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoreResult<JobRow>> {
    let target: String = row.get(6)?;
    let window: Option<String> = row.get(9)?;
    let state: String = row.get(10)?;
    let decoded = (|| {
        let target = serde_json::from_str(&target).map_err(|e| format!("target: {e}"))?;
        let window = window
            .map(|w| serde_json::from_str(&w))
            .transpose()
            .map_err(|e| format!("calling window: {e}"))?;
        Ok::<_, String>((target, window))
    })();
    let (target, window) = match decoded {
        Ok(parts) => parts,
        Err(message) => return Ok(Err(StoreError::Damaged(message))),
    };
    Ok(Ok(JobRow {
        id: row.get(0)?,
        profile_id: row.get(1)?,
        install_id: row.get(2)?,
        app_id: row.get(3)?,
        list_id: row.get(4)?,
        list_name: row.get(5)?,
        target,
        cps: row.get(7)?,
        max_concurrent: row.get(8)?,
        window,
        state: JobState::parse(&state),
        total: row.get(11)?,
        created_at: row.get(12)?,
        ended_at: row.get(13)?,
    }))
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("plain structs always serialise")
}

pub(crate) fn time_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn now_text() -> String {
    time_text(Utc::now())
}

fn parse_time(text: Option<&str>) -> rusqlite::Result<DateTime<Utc>> {
    text.and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| {
            rusqlite::Error::InvalidColumnType(3, "placing_at".into(), rusqlite::types::Type::Text)
        })
}
