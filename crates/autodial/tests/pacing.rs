//! Pacing on tokio's paused clock: the real limiter, the real job loop and a real SQLite file,
//! against a far end kept in memory that notes when each call started and how many were up at
//! once. (HTTP cannot run on a paused clock: its timeouts would fire as time jumps; the same
//! loop against the sandbox over HTTP is in `jobs.rs`, and the rate is measured by the
//! `pacing` bench.)

use crate::support;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use cx_autodial::jobs::{CallOutcome, Jobs, Timing};
use cx_autodial::platform::{CallPhase, CallStatus, DialError, Dialer, PlatformOutcome};
use tokio::time::Instant;

use support::{new_job, numbers, save_list};

/// A far end in memory. Every call is answered and lasts `call_length`.
#[derive(Clone, Default)]
struct FarEnd(Arc<Mutex<FarState>>);

#[derive(Default)]
struct FarState {
    call_length: Duration,
    /// (destination, when the originate arrived), calls refused included.
    attempts: Vec<(String, Instant, bool)>,
    /// Destinations whose first originate is answered 429 with this Retry-After.
    refuse_once: HashMap<String, Duration>,
    ends: HashMap<String, Instant>,
    ended: HashSet<String>,
    up: usize,
    most_up: usize,
}

impl FarEnd {
    fn new(call_length: Duration) -> Self {
        let far = Self::default();
        far.lock().call_length = call_length;
        far
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FarState> {
        self.0.lock().unwrap()
    }

    /// When each accepted call started, in order.
    fn starts(&self) -> Vec<(String, Instant)> {
        let state = self.lock();
        state
            .attempts
            .iter()
            .filter(|(_, _, accepted)| *accepted)
            .map(|(d, at, _)| (d.clone(), *at))
            .collect()
    }
}

impl Dialer for FarEnd {
    async fn originate(&self, destination: &str) -> Result<String, DialError> {
        let mut state = self.lock();
        let now = Instant::now();
        if let Some(after) = state.refuse_once.remove(destination) {
            state.attempts.push((destination.to_owned(), now, false));
            return Err(DialError::RetryLater { after });
        }
        state.attempts.push((destination.to_owned(), now, true));
        state.up += 1;
        state.most_up = state.most_up.max(state.up);
        let end = now + state.call_length;
        state.ends.insert(destination.to_owned(), end);
        Ok(destination.to_owned())
    }

    async fn status(&self, call_id: &str) -> Result<CallStatus, DialError> {
        let mut state = self.lock();
        let over = state.ends[call_id] <= Instant::now();
        if over && state.ended.insert(call_id.to_owned()) {
            state.up -= 1;
        }
        Ok(CallStatus {
            call_id: call_id.to_owned(),
            phase: if over {
                CallPhase::Ended
            } else {
                CallPhase::Up
            },
            outcome: over.then_some(PlatformOutcome::Answered),
            reason: None,
            talk_time: over.then_some(state.call_length),
        })
    }

    async fn find(&self, _: &str, _: DateTime<Utc>) -> Result<Option<CallStatus>, DialError> {
        Ok(None)
    }
}

fn timing() -> Timing {
    Timing {
        poll: Duration::from_millis(100),
        in_doubt_grace: Duration::from_secs(1),
        lookup_retry: Duration::from_secs(1),
    }
}

async fn run_job(far: &FarEnd, count: usize, cps: u32, max_concurrent: u32) -> (Jobs, i64) {
    let dir = tempfile::tempdir().unwrap().keep();
    let list = save_list(&dir, &numbers(count));
    let jobs = Jobs::open(&dir, timing()).unwrap();
    let id = jobs
        .start(new_job(list, cps, max_concurrent), far.clone())
        .unwrap()
        .job_id;
    jobs.wait(id).await;
    (jobs, id)
}

#[tokio::test(start_paused = true)]
async fn at_one_call_per_second_five_numbers_queued_at_once_start_a_second_apart() {
    let far = FarEnd::new(Duration::from_millis(300));

    run_job(&far, 5, 1, 5).await;

    let starts = far.starts();
    assert_eq!(starts.len(), 5, "every number was dialled once");
    for pair in starts.windows(2) {
        let gap = pair[1].1 - pair[0].1;
        assert!(
            gap >= Duration::from_secs(1),
            "{} followed {} after {gap:?}",
            pair[1].0,
            pair[0].0
        );
    }
}

#[tokio::test(start_paused = true)]
async fn the_cap_on_calls_at_once_is_never_exceeded_and_is_reached() {
    let far = FarEnd::new(Duration::from_secs(2));

    run_job(&far, 30, 50, 3).await;

    let state = far.lock();
    assert_eq!(state.ended.len(), 30, "every call ended");
    assert_eq!(state.most_up, 3, "three long calls at once, never four");
}

#[tokio::test(start_paused = true)]
async fn a_429_delays_the_number_and_everyone_after_it_but_never_fails_it() {
    let far = FarEnd::new(Duration::from_millis(200));
    let list = numbers(5);
    far.lock()
        .refuse_once
        .insert(list[1].clone(), Duration::from_secs(3));

    let (jobs, id) = run_job(&far, 5, 10, 5).await;

    let state = far.lock();
    let refused_at = state.attempts.iter().find(|(_, _, ok)| !ok).unwrap().1;
    let accepted: Vec<&(String, Instant, bool)> = state.attempts.iter().filter(|a| a.2).collect();
    assert_eq!(accepted.len(), 5, "each number placed exactly once");
    let retried = accepted.iter().find(|a| a.0 == list[1]).unwrap();
    assert!(
        retried.1 - refused_at >= Duration::from_secs(3),
        "waited out Retry-After"
    );
    let later: Vec<_> = accepted.iter().filter(|a| a.1 > refused_at).collect();
    assert!(
        later
            .iter()
            .all(|a| a.1 - refused_at >= Duration::from_secs(3)),
        "no start of any number while the platform said wait"
    );
    let results = jobs
        .store()
        .results(&jobs.store().job(id).unwrap().unwrap(), 0, None)
        .unwrap();
    assert!(results
        .iter()
        .all(|r| r.outcome == Some(CallOutcome::Answered)));
    assert_eq!(results[1].deferrals, 1, "the deferral is on record");
}
