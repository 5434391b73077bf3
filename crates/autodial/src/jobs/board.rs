//! A job's live figures. Counted once from the database when the job is loaded, then kept up
//! to date in memory as calls start and end (counting a million-row table on every call would
//! not keep up), and published to whoever listens at most every [`PUBLISH_EVERY`], and at
//! once when the job's state changes.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::broadcast;
use tokio::time::Instant;

use super::model::{CallOutcome, JobProgress, JobState};
use super::store::Counts;

/// The rate is measured over this much of the recent past.
const RATE_WINDOW: Duration = Duration::from_secs(10);

/// Listeners hear of changes at most this often.
pub const PUBLISH_EVERY: Duration = Duration::from_millis(200);

/// One job's figures.
#[derive(Debug)]
pub struct Board {
    inner: Mutex<Inner>,
    listeners: broadcast::Sender<JobProgress>,
}

#[derive(Debug)]
struct Inner {
    progress: JobProgress,
    starts: VecDeque<Instant>,
    last_published: Option<Instant>,
    dirty: bool,
}

impl Board {
    /// Figures starting from `progress` (its counters from the database).
    pub fn new(progress: JobProgress, listeners: broadcast::Sender<JobProgress>) -> Self {
        Self {
            inner: Mutex::new(Inner {
                progress,
                starts: VecDeque::new(),
                last_published: None,
                dirty: true,
            }),
            listeners,
        }
    }

    /// Applies counts read from the database.
    pub fn load(progress: &mut JobProgress, counts: &Counts) {
        progress.in_progress = counts.in_progress;
        progress.answered = counts.answered;
        progress.busy = counts.busy;
        progress.no_answer = counts.no_answer;
        progress.failed = counts.failed;
        progress.skipped = counts.skipped;
    }

    /// The figures now, with rate and time left worked out.
    pub fn snapshot(&self) -> JobProgress {
        let mut inner = self.lock();
        inner.figures()
    }

    pub(crate) fn claimed(&self) {
        self.change(false, |inner| {
            inner.progress.in_progress += 1;
            inner.starts.push_back(Instant::now());
        });
    }

    /// A claimed number went back in line (deferred, or found not placed).
    pub(crate) fn unclaimed(&self) {
        self.change(false, |inner| {
            inner.progress.in_progress = inner.progress.in_progress.saturating_sub(1);
        });
    }

    pub(crate) fn ended(&self, outcome: CallOutcome) {
        self.change(false, |inner| {
            let p = &mut inner.progress;
            p.in_progress = p.in_progress.saturating_sub(1);
            *counter(p, outcome) += 1;
        });
    }

    pub(crate) fn skipped(&self) {
        self.change(false, |inner| inner.progress.skipped += 1);
    }

    pub(crate) fn set_state(&self, state: JobState) {
        self.change(true, |inner| {
            inner.progress.state = state;
            if matches!(state, JobState::Stopped | JobState::Finished) {
                inner.progress.ended_at = Some(super::store::now_text());
                inner.progress.waiting = None;
            }
            if state == JobState::Running {
                inner.progress.waiting = None;
            }
        });
    }

    pub(crate) fn set_limits(&self, cps: u32, max_concurrent: u32) {
        self.change(true, |inner| {
            inner.progress.cps = cps;
            inner.progress.max_concurrent = max_concurrent;
        });
    }

    pub(crate) fn set_waiting(&self, why: Option<String>) {
        let mut inner = self.lock();
        if inner.progress.waiting != why {
            inner.progress.waiting = why;
            inner.dirty = true;
            drop(inner);
            self.publish_if_due(true);
        }
    }

    /// Sends the figures now if anything changed.
    pub(crate) fn publish(&self) {
        self.publish_if_due(true);
    }

    /// Sends the figures if something changed since the last time and `PUBLISH_EVERY` has
    /// passed (or `now` says not to wait).
    pub(crate) fn publish_if_due(&self, now: bool) {
        let mut inner = self.lock();
        let due = inner
            .last_published
            .is_none_or(|last| last.elapsed() >= PUBLISH_EVERY);
        if inner.dirty && (now || due) {
            inner.dirty = false;
            inner.last_published = Some(Instant::now());
            let figures = inner.figures();
            drop(inner);
            let _ = self.listeners.send(figures);
        }
    }

    fn change(&self, urgent: bool, apply: impl FnOnce(&mut Inner)) {
        {
            let mut inner = self.lock();
            apply(&mut inner);
            inner.dirty = true;
        }
        self.publish_if_due(urgent);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Starts per second over the recent starts: `n` starts over the time from the first of them
/// to now plus one average gap, which is exact at a steady pace and falls off when starts stop.
fn rate(starts: &VecDeque<Instant>, now: Instant) -> f64 {
    let (Some(first), Some(last)) = (starts.front(), starts.back()) else {
        return 0.0;
    };
    if starts.len() < 2 {
        return 0.0;
    }
    let n = starts.len() as f64;
    let gap = last.duration_since(*first).as_secs_f64() / (n - 1.0);
    let span = now.duration_since(*first).as_secs_f64() + gap;
    if span <= 0.0 {
        0.0
    } else {
        n / span
    }
}

fn counter(progress: &mut JobProgress, outcome: CallOutcome) -> &mut u32 {
    match outcome {
        CallOutcome::Answered => &mut progress.answered,
        CallOutcome::Busy => &mut progress.busy,
        CallOutcome::NoAnswer => &mut progress.no_answer,
        CallOutcome::Failed => &mut progress.failed,
        CallOutcome::DoNotCall => &mut progress.skipped,
    }
}

impl Inner {
    fn figures(&mut self) -> JobProgress {
        let now = Instant::now();
        while self
            .starts
            .front()
            .is_some_and(|start| now.duration_since(*start) > RATE_WINDOW)
        {
            self.starts.pop_front();
        }
        let p = &mut self.progress;
        let ended = p.answered + p.busy + p.no_answer + p.failed;
        p.dialled = ended + p.in_progress;
        p.remaining = p.total.saturating_sub(p.dialled + p.skipped);
        p.rate = rate(&self.starts, now);
        p.seconds_left = seconds_left(p);
        p.clone()
    }
}

/// Until the last number has been started, at the configured pace: an estimate that says
/// nothing of how long the last calls will ring. `None` once nothing is left to start.
fn seconds_left(progress: &JobProgress) -> Option<u32> {
    if progress.remaining == 0 || progress.state != JobState::Running {
        return None;
    }
    let seconds = f64::from(progress.remaining) / f64::from(progress.cps.max(1));
    Some(seconds.ceil() as u32)
}
