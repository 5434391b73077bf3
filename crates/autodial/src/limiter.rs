//! The one limiter every dialling task goes through: calls per second (a GCRA rate limiter
//! from `governor`, with no burst, so starts are evenly spaced), calls at once (a tokio
//! semaphore whose permit a call holds until it has ended), and a pause for everyone when the
//! platform says "busy, try later".
//!
//! Time is tokio's (`tokio::time::Instant`), so tests can run it on a paused clock.

use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use governor::clock::{Clock, ReasonablyRealtime};
use governor::middleware::NoOpMiddleware;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// tokio's clock, as `governor` wants one.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokioClock;

impl Clock for TokioClock {
    type Instant = std::time::Instant;

    fn now(&self) -> std::time::Instant {
        Instant::now().into_std()
    }
}

impl ReasonablyRealtime for TokioClock {}

type Pace = RateLimiter<NotKeyed, InMemoryState, TokioClock, NoOpMiddleware<std::time::Instant>>;

/// A slot for one call: held from before the originate until the call has ended.
#[derive(Debug)]
pub struct CallSlot {
    _permit: OwnedSemaphorePermit,
}

/// Pacing shared by every job.
#[derive(Debug)]
pub struct Limiter {
    pace: Mutex<Arc<Pace>>,
    slots: Arc<Semaphore>,
    state: Mutex<Settings>,
}

#[derive(Debug)]
struct Settings {
    cps: NonZeroU32,
    max_concurrent: u32,
    /// No call starts before this.
    hold_until: Option<Instant>,
}

impl Limiter {
    /// A limiter allowing `cps` starts per second and `max_concurrent` calls at once (each at
    /// least 1).
    pub fn new(cps: u32, max_concurrent: u32) -> Self {
        let cps = NonZeroU32::new(cps).unwrap_or(NonZeroU32::MIN);
        let max_concurrent = max_concurrent.max(1);
        Self {
            pace: Mutex::new(Arc::new(pace(cps))),
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
        let cps = NonZeroU32::new(cps).unwrap_or(NonZeroU32::MIN);
        let max_concurrent = max_concurrent.max(1);
        let mut state = self.lock();
        if state.cps != cps {
            *self.pace.lock().unwrap_or_else(|p| p.into_inner()) = Arc::new(pace(cps));
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
        (state.cps.get(), state.max_concurrent)
    }

    /// Waits for a free slot, then for the next start the rate (and any hold) allows.
    pub async fn acquire(&self) -> CallSlot {
        let slot = self.slot().await;
        loop {
            if let Some(until) = self.hold() {
                tokio::time::sleep_until(until).await;
                continue;
            }
            let pace = self.pace.lock().unwrap_or_else(|p| p.into_inner()).clone();
            match pace.check() {
                Ok(()) => return slot,
                Err(not_until) => {
                    let wait = not_until.wait_time_from(TokioClock.now());
                    tokio::time::sleep(wait).await;
                }
            }
        }
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

/// `cps` evenly spaced starts a second, never two at once.
fn pace(cps: NonZeroU32) -> Pace {
    let quota = Quota::per_second(cps).allow_burst(NonZeroU32::MIN);
    RateLimiter::direct_with_clock(quota, TokioClock)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn starts_are_spaced_by_the_rate_with_no_burst() {
        let limiter = Limiter::new(4, 10);
        let begin = Instant::now();
        let mut starts = Vec::new();

        for _ in 0..5 {
            let _slot = limiter.acquire().await;
            starts.push(begin.elapsed());
        }

        let expected: Vec<Duration> = (0..5).map(|n| Duration::from_millis(250 * n)).collect();
        assert_eq!(starts, expected, "4 a second is one every 250 ms");
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
