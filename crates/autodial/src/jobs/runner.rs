//! One job's dialling loop, on tokio.
//!
//! The loop takes numbers in list order (numbers the platform deferred first), waits for the
//! calling window and for the shared [`Limiter`], writes `placing`, and hands the number to a
//! task of its own that sends the originate, then follows the call to its outcome. A number's
//! life on disk: no row → `placing` (before the request) → `placed` (call id known) → `done`;
//! or `placing` → `deferred` when the platform said "not now", which puts it back in line.
//!
//! A `placing` row found at start, or an originate that got no clear answer, is in doubt: the
//! platform is asked whether that call exists ([`Dialer::find`]) and the number is dialled
//! again only when the platform says no call was placed. If it cannot be asked, it is asked
//! again later; it is never guessed.

use std::collections::{HashSet, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;

use super::board::Board;
use super::model::{CallOutcome, JobState};
use super::store::{InFlight, JobRow, JobStore, Number, StoreResult};
use crate::limiter::{CallSlot, Limiter};
use crate::platform::{CallPhase, CallStatus, DialError, Dialer, PlatformOutcome};
use crate::window::Window;

/// How often things are asked, and how long is waited before asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    /// Between status requests about a call in progress.
    pub poll: Duration,
    /// After an originate with no clear answer, before asking whether it was placed (so the
    /// request, if it is still on its way, has arrived).
    pub in_doubt_grace: Duration,
    /// Between attempts to ask about an in-doubt call when asking fails.
    pub lookup_retry: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Self {
            poll: Duration::from_secs(2),
            in_doubt_grace: Duration::from_secs(10),
            lookup_retry: Duration::from_secs(5),
        }
    }
}

/// How many numbers are read from the list at a time.
const BATCH: u32 = 256;

/// The longest the loop sleeps for a closed window before looking at the clock again.
const WINDOW_RECHECK: Duration = Duration::from_secs(60);

/// What every task of one job shares.
pub(crate) struct Context<D> {
    pub(crate) job: JobRow,
    pub(crate) dialer: D,
    pub(crate) limiter: Arc<Limiter>,
    pub(crate) store: Arc<JobStore>,
    pub(crate) board: Arc<Board>,
    pub(crate) control: Arc<watch::Sender<JobState>>,
    pub(crate) timing: Timing,
}

/// Runs the job until it is finished or stopped and its calls in progress have ended.
///
/// When its database fails the job is paused, and a resume starts again from what is on disk
/// (calls cut off are in doubt there, and are settled by asking the platform).
pub(crate) async fn run<D: Dialer>(context: Arc<Context<D>>, window: Option<Window>) {
    let mut control = context.control.subscribe();
    while let Err(error) = drive(&context, window.clone()).await {
        tracing::error!(job = context.job.id, %error, "the job's database failed; pausing it");
        context.pause_with(format!("Paused: {error}"));
        loop {
            if control.changed().await.is_err() {
                return;
            }
            if *control.borrow_and_update() != JobState::Paused {
                break;
            }
        }
    }
}

async fn drive<D: Dialer>(context: &Arc<Context<D>>, window: Option<Window>) -> StoreResult<()> {
    let (retry, retries) = mpsc::unbounded_channel();
    let mut calls = JoinSet::new();
    let in_flight = context.store.in_flight(context.job.id)?;
    let mut line = Line::new(retries, in_flight.iter().map(|call| call.number().position));
    for call in in_flight {
        let (context, retry) = (context.clone(), retry.clone());
        calls.spawn(async move { context.take_up(call, retry).await });
    }
    let dnc = context.store.do_not_call(context.job.id)?;
    let mut control = context.control.subscribe();

    loop {
        while calls.try_join_next().is_some() {}
        let state = *control.borrow_and_update();
        if matches!(state, JobState::Stopped | JobState::Finished) {
            break;
        }
        if state == JobState::Paused {
            wait_for_change(&mut control, &mut calls).await;
            continue;
        }
        if let Some(opening) = window.as_ref().and_then(|w| w.next_opening(Utc::now())) {
            context.board.set_waiting(Some(closed_message(opening)));
            let wait = (opening - Utc::now()).to_std().unwrap_or_default();
            tokio::select! {
                () = tokio::time::sleep(wait.min(WINDOW_RECHECK)) => {}
                _ = control.changed() => {}
            }
            continue;
        }
        let Some(number) = line.next(&context.store, &context.job)? else {
            if calls.is_empty() {
                context.finish();
                break;
            }
            wait_for_change(&mut control, &mut calls).await;
            continue;
        };
        if dnc.contains(&number.e164) {
            context.skip(&number)?;
            continue;
        }
        let slot = tokio::select! {
            slot = context.limiter.acquire() => slot,
            _ = control.changed() => {
                line.put_back(number);
                continue;
            }
        };
        // The claim is written by the call's own task, so the loop is back waiting for the
        // next start at once, and a slow disk does not slow the pace.
        let (task_context, retry) = (context.clone(), retry.clone());
        calls.spawn(async move { task_context.dial(number, slot, retry).await });
    }
    while calls.join_next().await.is_some() {}
    context.board.publish();
    Ok(())
}

/// Until the job is told something new, or a call task ends.
async fn wait_for_change(control: &mut watch::Receiver<JobState>, calls: &mut JoinSet<()>) {
    tokio::select! {
        _ = control.changed() => {}
        Some(_) = calls.join_next(), if !calls.is_empty() => {}
    }
}

fn closed_message(opening: DateTime<Utc>) -> String {
    let local = opening.with_timezone(&chrono::Local);
    format!(
        "Outside the calling window; calls start again {}",
        local.format("%a %d %b at %H:%M")
    )
}

/// The numbers still to dial: those the platform deferred first, then the list in order.
///
/// A number reaches the loop by exactly one of two roads, never both: read once from the list
/// (in batches, each after the last), or sent back through `retries` each time the platform
/// said it was not placed. A number that can come back that way is `deferred` on disk while
/// it waits, and a later batch would read it again; so every number that has been in flight
/// in this run (the in-doubt calls taken up at start, and whatever came back through
/// `retries`) is left out of the batches: its only road is `retries`.
struct Line {
    retries: mpsc::UnboundedReceiver<Number>,
    /// Positions whose only road is `retries`.
    requeued: HashSet<i64>,
    ahead: VecDeque<Number>,
    after: i64,
    read_all: bool,
}

impl Line {
    /// `in_flight`: the positions of the calls taken up at start.
    fn new(retries: mpsc::UnboundedReceiver<Number>, in_flight: impl Iterator<Item = i64>) -> Self {
        Self {
            retries,
            requeued: in_flight.collect(),
            ahead: VecDeque::new(),
            after: -1,
            read_all: false,
        }
    }

    fn next(&mut self, store: &JobStore, job: &JobRow) -> StoreResult<Option<Number>> {
        if let Ok(number) = self.retries.try_recv() {
            self.requeued.insert(number.position);
            return Ok(Some(number));
        }
        while self.ahead.is_empty() && !self.read_all {
            let batch = store.next_numbers(job, self.after, BATCH)?;
            self.read_all = batch.len() < BATCH as usize;
            if let Some(last) = batch.last() {
                self.after = last.position;
            }
            let requeued = &self.requeued;
            self.ahead.extend(
                batch
                    .into_iter()
                    .filter(|n| !requeued.contains(&n.position)),
            );
        }
        Ok(self.ahead.pop_front())
    }

    fn put_back(&mut self, number: Number) {
        self.ahead.push_front(number);
    }
}

impl<D: Dialer> Context<D> {
    /// Writes `placing`, sends the originate, then follows the call.
    async fn dial(&self, number: Number, slot: CallSlot, retry: mpsc::UnboundedSender<Number>) {
        let placing_at = Utc::now();
        match self.store.claim(self.job.id, &number, placing_at) {
            Ok(true) => {}
            Ok(false) => {
                // Already placing, placed or done: never dialled a second time.
                tracing::warn!(
                    job = self.job.id,
                    position = number.position,
                    "number already taken"
                );
                return;
            }
            Err(error) => {
                // Nothing was sent; the number goes back in line for when the job is resumed.
                let _ = retry.send(number);
                self.record(Err(error));
                return;
            }
        }
        self.board.claimed();
        match self.dialer.originate(&number.e164).await {
            Ok(call_id) => {
                self.record(self.store.placed(self.job.id, number.position, &call_id));
                self.board.set_waiting(None);
                self.follow(&number, &call_id, slot).await;
            }
            Err(DialError::RetryLater { after }) => {
                self.limiter.hold_off(after);
                self.board.set_waiting(Some(format!(
                    "The platform is busy; calls resume in {} s",
                    after.as_secs().max(1)
                )));
                self.record(self.store.defer(self.job.id, number.position));
                self.board.unclaimed();
                let _ = retry.send(number);
            }
            Err(DialError::Refused(reason)) => {
                self.conclude(&number, CallOutcome::Failed, Some(&reason), None);
            }
            Err(DialError::InDoubt(why)) => {
                tracing::warn!(job = self.job.id, position = number.position, %why, "originate in doubt");
                tokio::time::sleep(self.timing.in_doubt_grace).await;
                self.settle(number, placing_at, slot, retry).await;
            }
            Err(DialError::Blocked(why)) => {
                self.record(self.store.not_placed(self.job.id, number.position));
                self.board.unclaimed();
                let _ = retry.send(number);
                self.pause_with(format!("Paused: {why}"));
            }
        }
    }

    /// Picks up a call left in flight by an earlier run.
    async fn take_up(&self, call: InFlight, retry: mpsc::UnboundedSender<Number>) {
        let slot = self.limiter.slot().await;
        match call {
            InFlight::Placed { number, call_id } => self.follow(&number, &call_id, slot).await,
            InFlight::InDoubt { number, placing_at } => {
                self.settle(number, placing_at, slot, retry).await;
            }
        }
    }

    /// Asks the platform whether the in-doubt call to `number` was placed, until it answers.
    async fn settle(
        &self,
        number: Number,
        placing_at: DateTime<Utc>,
        slot: CallSlot,
        retry: mpsc::UnboundedSender<Number>,
    ) {
        loop {
            match self.dialer.find(&number.e164, placing_at).await {
                Ok(Some(status)) => {
                    tracing::info!(
                        job = self.job.id,
                        position = number.position,
                        "in-doubt call was placed"
                    );
                    self.record(
                        self.store
                            .placed(self.job.id, number.position, &status.call_id),
                    );
                    if status.phase == CallPhase::Ended {
                        self.end(&number, &status);
                    } else {
                        self.follow(&number, &status.call_id, slot).await;
                    }
                    return;
                }
                Ok(None) => {
                    tracing::info!(
                        job = self.job.id,
                        position = number.position,
                        "in-doubt call was not placed"
                    );
                    self.record(self.store.not_placed(self.job.id, number.position));
                    self.board.unclaimed();
                    let _ = retry.send(number);
                    return;
                }
                Err(error) => {
                    tracing::info!(job = self.job.id, %error, "could not ask about an in-doubt call yet");
                    tokio::time::sleep(self.timing.lookup_retry).await;
                }
            }
        }
    }

    /// Asks about a placed call until it has ended; the slot is held until then.
    async fn follow(&self, number: &Number, call_id: &str, _slot: CallSlot) {
        loop {
            tokio::time::sleep(self.timing.poll).await;
            match self.dialer.status(call_id).await {
                Ok(status) if status.phase == CallPhase::Ended => {
                    self.end(number, &status);
                    return;
                }
                Ok(_) => {}
                Err(DialError::Refused(message)) => {
                    let reason = format!("the platform lost track of the call: {message}");
                    self.conclude(number, CallOutcome::Failed, Some(&reason), None);
                    return;
                }
                Err(DialError::RetryLater { after }) => tokio::time::sleep(after).await,
                Err(error) => {
                    tracing::debug!(job = self.job.id, %error, "status not read; asking again")
                }
            }
        }
    }

    fn end(&self, number: &Number, status: &CallStatus) {
        let outcome = match status.outcome {
            Some(PlatformOutcome::Answered) => CallOutcome::Answered,
            Some(PlatformOutcome::Busy) => CallOutcome::Busy,
            Some(PlatformOutcome::NoAnswer) => CallOutcome::NoAnswer,
            Some(PlatformOutcome::Failed) | None => CallOutcome::Failed,
        };
        self.conclude(number, outcome, status.reason.as_deref(), status.talk_time);
    }

    fn conclude(
        &self,
        number: &Number,
        outcome: CallOutcome,
        reason: Option<&str>,
        talk: Option<Duration>,
    ) {
        let talk_ms = talk.map(|t| u64::try_from(t.as_millis()).unwrap_or(u64::MAX));
        self.record(
            self.store
                .finish(self.job.id, number, outcome, reason, talk_ms),
        );
        self.board.ended(outcome);
    }

    fn skip(&self, number: &Number) -> StoreResult<()> {
        self.store
            .finish(self.job.id, number, CallOutcome::DoNotCall, None, None)?;
        self.board.skipped();
        Ok(())
    }

    fn finish(&self) {
        self.record(self.store.set_state(self.job.id, JobState::Finished));
        self.control.send_replace(JobState::Finished);
        self.board.set_state(JobState::Finished);
    }

    /// Stops new calls until someone resumes the job, saying why.
    pub(crate) fn pause_with(&self, why: String) {
        self.record(self.store.set_state(self.job.id, JobState::Paused));
        self.control.send_replace(JobState::Paused);
        self.board.set_state(JobState::Paused);
        self.board.set_waiting(Some(why));
    }

    /// A write that failed leaves the job unable to promise anything: it is paused.
    fn record(&self, written: StoreResult<()>) {
        if let Err(error) = written {
            tracing::error!(job = self.job.id, %error, "could not record a call");
            if *self.control.borrow() == JobState::Running {
                self.control.send_replace(JobState::Paused);
                self.board.set_state(JobState::Paused);
                self.board.set_waiting(Some(format!("Paused: {error}")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::store::{Created, NewJob};
    use crate::platform::CallTarget;

    /// A job on a list of `count` numbers, saved in `dir`.
    fn job(dir: &std::path::Path, count: i64) -> (JobStore, JobRow) {
        let conn = crate::db::open(dir).unwrap();
        conn.execute(
            "INSERT INTO number_list (profile_id, install_id, name, source, created_at, accepted,
                duplicates, rejected) VALUES (1, '5001', 'L', 'pasted', '2026-06-01', ?1, 0, 0)",
            [count],
        )
        .unwrap();
        for position in 0..count {
            conn.execute(
                "INSERT INTO list_number (list_id, position, e164, line) VALUES (1, ?1, ?2, ?3)",
                rusqlite::params![position, format!("+4474001{position:05}"), position + 1],
            )
            .unwrap();
        }
        let store = JobStore::open(dir).unwrap();
        let new = NewJob {
            profile_id: 1,
            install_id: "5001".into(),
            app_id: "1187".into(),
            list_id: 1,
            target: CallTarget {
                company: "1201".into(),
                server: "lon-sbc-1".into(),
                extension: "1001".into(),
                cli: "+442071838750".into(),
            },
            cps: 5,
            max_concurrent: 5,
            window: None,
            do_not_call: Default::default(),
        };
        let Created::Job(id) = store.create(&new).unwrap() else {
            panic!("saved");
        };
        let row = store.job(id).unwrap().unwrap();
        (store, row)
    }

    fn number(position: i64) -> Number {
        Number {
            position,
            e164: format!("+4474001{position:05}"),
        }
    }

    #[test]
    fn a_number_sent_back_after_a_batch_of_deferred_rows_is_handed_out_once() {
        let dir = tempfile::tempdir().unwrap();
        let (store, job) = job(dir.path(), 300);
        let earlier = Utc::now();
        // A long run of 429s: a whole batch of deferred rows; then a call left in doubt.
        for position in 0..i64::from(BATCH) {
            assert!(store.claim(job.id, &number(position), earlier).unwrap());
            store.defer(job.id, position).unwrap();
        }
        assert!(store.claim(job.id, &number(280), earlier).unwrap());
        let (retry, retries) = mpsc::unbounded_channel();
        let mut line = Line::new(retries, [280].into_iter());

        let mut handed = Vec::new();
        while let Some(next) = line.next(&store, &job).unwrap() {
            if next.position == 5 {
                // The in-doubt call was not placed: deferred on disk and sent back, while the
                // loop is still in the first batch.
                store.not_placed(job.id, 280).unwrap();
                retry.send(number(280)).unwrap();
            }
            handed.push(next.position);
        }

        let mut sorted = handed.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), handed.len(), "a number handed out twice");
        assert_eq!(
            sorted,
            (0..300).collect::<Vec<i64>>(),
            "every number handed out"
        );
    }

    #[test]
    fn a_number_claimed_already_cannot_be_claimed_again() {
        let dir = tempfile::tempdir().unwrap();
        let (store, job) = job(dir.path(), 2);

        let first = store.claim(job.id, &number(0), Utc::now()).unwrap();
        let while_placing = store.claim(job.id, &number(0), Utc::now()).unwrap();
        store.defer(job.id, 0).unwrap();
        let after_a_deferral = store.claim(job.id, &number(0), Utc::now()).unwrap();

        assert_eq!(
            (first, while_placing, after_a_deferral),
            (true, false, true)
        );
    }
}
