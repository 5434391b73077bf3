//! The one limiter every dialling task goes through:
//!
//! - calls per second: starts on a fixed schedule, one every `1/cps` seconds. A start that
//!   came a little late (timer rounding, a busy machine) keeps the schedule, so the next one
//!   comes sooner and the rate holds; after a pause (idle, a hold, a closed window) the
//!   schedule starts afresh from now, with no burst to catch up;
//! - never more than `cps` starts within any one second: a log of the last second's starts,
//!   the hard cap whatever the schedule did;
//! - calls at once: a tokio semaphore whose permit a call holds until it has ended;
//! - a pause for everyone when the platform says "busy, try later".
//!
//! NOTE: `governor`'s GCRA was tried first: with no burst, every late start is lost for good
//! (19 calls a second measured instead of 20 on a busy machine); with a burst of two, every
//! pause ends in two starts at once. Neither gives an even 20 a second, so the schedule is
//! kept here, in a few lines.
//!
//! Time is tokio's (`tokio::time::Instant`), so tests run it on a paused clock.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

const SECOND: Duration = Duration::from_secs(1);

/// When starts may happen: the schedule and the last second's log.
#[derive(Debug)]
struct Pacer {
    cps: u32,
    interval: Duration,
    /// The scheduled time of the next start; `None` before the first.
    next: Option<Instant>,
    recent: VecDeque<Instant>,
}

impl Pacer {
    fn new(cps: u32) -> Self {
        let cps = cps.max(1);
        Self {
            cps,
            interval: SECOND / cps,
            next: None,
            recent: VecDeque::new(),
        }
    }

    /// A new rate from the next start on. The log of the last second's starts is kept, so a
    /// change never lets one second hold more starts than the new cap.
    fn set_cps(&mut self, cps: u32) {
        self.cps = cps.max(1);
        self.interval = SECOND / self.cps;
    }

    /// Takes a start at `now` if one is allowed; otherwise answers how long to wait.
    fn try_start(&mut self, now: Instant) -> Option<Duration> {
        while self
            .recent
            .front()
            .is_some_and(|start| now.duration_since(*start) >= SECOND)
        {
            self.recent.pop_front();
        }
        if self.recent.len() >= self.cps as usize {
            let oldest = *self.recent.front()?;
            return Some(oldest + SECOND - now);
        }
        let next = match self.next {
            // Less than an interval late: keep the schedule and make the time up.
            Some(next) if now.saturating_duration_since(next) < self.interval => next,
            // First start, or after a pause: the schedule starts from now.
            _ => now,
        };
        if now < next {
            return Some(next - now);
        }
        self.next = Some(next + self.interval);
        self.recent.push_back(now);
        None
    }
}

/// A slot for one call: held from before the originate until the call has ended.
#[derive(Debug)]
pub struct CallSlot {
    _permit: OwnedSemaphorePermit,
}

/// Pacing shared by every job.
#[derive(Debug)]
pub struct Limiter {
    pace: Mutex<Pacer>,
    slots: Arc<Semaphore>,
    state: Mutex<Settings>,
}

#[derive(Debug)]
struct Settings {
    cps: u32,
    max_concurrent: u32,
    /// No call starts before this.
    hold_until: Option<Instant>,
}

impl Limiter {
    /// A limiter allowing `cps` starts per second and `max_concurrent` calls at once (each at
    /// least 1).
    pub fn new(cps: u32, max_concurrent: u32) -> Self {
        let cps = cps.max(1);
        let max_concurrent = max_concurrent.max(1);
        Self {
            pace: Mutex::new(Pacer::new(cps)),
            slots: Arc::new(Semaphore::new(max_concurrent as usize)),
            state: Mutex::new(Settings {
                cps,
                max_concurrent,
                hold_until: None,
            }),
        }
    }

    /// Changes both limits. Calls in progress keep their slots; a lower cap is reached as
    /// they end.
    pub fn configure(&self, cps: u32, max_concurrent: u32) {
        let cps = cps.max(1);
        let max_concurrent = max_concurrent.max(1);
        let mut state = self.lock();
        if state.cps != cps {
            self.pace
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .set_cps(cps);
            state.cps = cps;
        }
        let old = state.max_concurrent;
        state.max_concurrent = max_concurrent;
        drop(state);
        if max_concurrent > old {
            self.slots.add_permits((max_concurrent - old) as usize);
        } else if max_concurrent < old {
            let slots = self.slots.clone();
            let surplus = old - max_concurrent;
            tokio::spawn(async move {
                if let Ok(permits) = slots.acquire_many_owned(surplus).await {
                    permits.forget();
                }
            });
        }
    }

    /// The calls-per-second and calls-at-once limits.
    pub fn limits(&self) -> (u32, u32) {
        let state = self.lock();
        (state.cps, state.max_concurrent)
    }

    /// Waits for a free slot, then for the next start the rate (and any hold) allows.
    pub async fn acquire(&self) -> CallSlot {
        let slot = self.slot().await;
        loop {
            if let Some(until) = self.hold() {
                tokio::time::sleep_until(until).await;
                continue;
            }
            match self.try_start(Instant::now()) {
                None => return slot,
                Some(wait) => tokio::time::sleep(wait).await,
            }
        }
    }

    /// Takes a start at `now` if the pace allows it; otherwise how long to wait.
    fn try_start(&self, now: Instant) -> Option<Duration> {
        self.pace
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .try_start(now)
    }

    /// A slot alone, with no start: for following a call that is already placed.
    pub async fn slot(&self) -> CallSlot {
        let permit = self
            .slots
            .clone()
            .acquire_owned()
            .await
            .expect("the limiter's semaphore is never closed");
        CallSlot { _permit: permit }
    }

    /// Holds every start for `wait`, as the platform asked (a 429's `Retry-After`).
    pub fn hold_off(&self, wait: Duration) {
        let until = Instant::now() + wait;
        let mut state = self.lock();
        if state.hold_until.is_none_or(|current| current < until) {
            state.hold_until = Some(until);
        }
    }

    /// When starts may resume, if they are held.
    pub fn hold(&self) -> Option<Instant> {
        let mut state = self.lock();
        match state.hold_until {
            Some(until) if until > Instant::now() => Some(until),
            _ => {
                state.hold_until = None;
                None
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Settings> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn no_second_ever_holds_more_starts_than_the_rate() {
        let limiter = Limiter::new(4, 10);
        let begin = Instant::now();
        let mut starts = Vec::new();

        for _ in 0..12 {
            let _slot = limiter.acquire().await;
            starts.push(begin.elapsed());
        }

        for (i, start) in starts.iter().enumerate().skip(4) {
            let gap = *start - starts[i - 4];
            assert!(
                gap >= Duration::from_secs(1),
                "five starts within {gap:?}: {starts:?}"
            );
        }
        assert_eq!(
            starts[11],
            Duration::from_millis(2750),
            "4 a second on average"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_start_that_came_late_is_made_up_without_a_fifth_start_in_a_second() {
        let limiter = Limiter::new(4, 10);
        let begin = Instant::now();
        let mut starts = Vec::new();

        for n in 0..8 {
            if n == 3 {
                // A busy moment: the fourth start, due at 750 ms, comes at 900 ms.
                tokio::time::sleep(Duration::from_millis(400)).await;
            }
            let _slot = limiter.acquire().await;
            starts.push(begin.elapsed());
        }

        assert_eq!(
            starts[4],
            Duration::from_secs(1),
            "the next start kept its time: {starts:?}"
        );
        for (i, start) in starts.iter().enumerate().skip(4) {
            assert!(
                *start - starts[i - 4] >= Duration::from_secs(1),
                "{starts:?}"
            );
        }
    }

    #[tokio::test(start_paused = true)]
    async fn after_an_idle_spell_starts_are_spaced_again_with_no_burst() {
        let limiter = Limiter::new(4, 10);
        let _first = limiter.acquire().await;
        tokio::time::sleep(Duration::from_secs(5)).await;

        let begin = Instant::now();
        let _second = limiter.acquire().await;
        let _third = limiter.acquire().await;

        assert_eq!(begin.elapsed(), Duration::from_millis(250));
    }

    #[tokio::test(start_paused = true)]
    async fn a_lower_rate_set_mid_second_counts_the_starts_already_made() {
        let limiter = Limiter::new(10, 20);
        let begin = Instant::now();
        let mut starts = Vec::new();
        for _ in 0..10 {
            let _slot = limiter.acquire().await;
            starts.push(begin.elapsed());
        }

        limiter.configure(5, 20);
        for _ in 0..5 {
            let _slot = limiter.acquire().await;
            starts.push(begin.elapsed());
        }

        assert_eq!(starts[9], Duration::from_millis(900), "{starts:?}");
        assert_eq!(
            starts[10],
            Duration::from_millis(1500),
            "the first start at 5 a second waits until only four starts are in the last second"
        );
        for (i, start) in starts.iter().enumerate().skip(10) {
            let in_last_second = starts[..=i]
                .iter()
                .filter(|earlier| *start - **earlier < Duration::from_secs(1))
                .count();
            assert!(
                in_last_second <= 5,
                "{in_last_second} starts within a second: {starts:?}"
            );
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_hold_delays_the_next_start_by_the_time_asked() {
        let limiter = Limiter::new(50, 10);
        let begin = Instant::now();

        limiter.hold_off(Duration::from_secs(3));
        let _slot = limiter.acquire().await;

        assert_eq!(begin.elapsed(), Duration::from_secs(3));
    }
}
