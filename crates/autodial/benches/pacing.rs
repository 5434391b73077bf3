//! Pacing figure (a benchmark, not a test): a job at 20 calls per second against the sandbox
//! over real HTTP for 60 seconds. Prints the achieved rate (target: within 1% of 20/s), the
//! most starts in any one wall-clock second (target: never more than 20), the gaps between
//! starts, and how many originates the sandbox refused with 429.
//!
//! `cargo bench -p cx-autodial --bench pacing` (set `PACING_SECONDS` for a shorter run).

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::Duration;

use chrono::{DateTime, Utc};
use cx_autodial::jobs::{Jobs, Timing};
use cx_autodial::platform::PlatformDialer;
use cx_sandbox::{CallSettings, Sandbox, SandboxConfig};

use support::{client, install_app, new_job, numbers, save_list, target, AUTONOMOUS_CALLING};

const CPS: u32 = 20;

#[tokio::main]
async fn main() {
    let seconds: u64 = std::env::var("PACING_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    // Calls of realistic shape, ten times shorter, so about 40 are up at once.
    sandbox.calls().configure(CallSettings {
        time_scale: 0.1,
        ..CallSettings::default()
    });
    let http = client(&sandbox, Duration::from_secs(5)).await;
    install_app(&http).await;
    let dir = tempfile::tempdir().unwrap();
    let count = (seconds as usize + 10) * CPS as usize;
    let list_id = save_list(dir.path(), &numbers(count));
    let timing = Timing {
        poll: Duration::from_millis(500),
        ..Timing::default()
    };
    let jobs = Jobs::open(dir.path(), timing).unwrap();
    let dialer = PlatformDialer::new(http, AUTONOMOUS_CALLING, target());

    let id = jobs
        .start(new_job(list_id, CPS, 200), dialer)
        .unwrap()
        .job_id;
    tokio::time::sleep(Duration::from_secs(seconds + 2)).await;
    jobs.stop(id).unwrap();
    let stats = sandbox.stats();

    let starts: Vec<DateTime<Utc>> = sandbox
        .calls()
        .records()
        .iter()
        .map(|r| r.placed_at)
        .collect();
    report(&starts, seconds, stats.responses_with(429));
}

fn report(starts: &[DateTime<Utc>], seconds: u64, refused: u64) {
    let first = starts[0];
    let span = chrono::Duration::seconds(seconds as i64);
    let inside: Vec<&DateTime<Utc>> = starts.iter().filter(|t| **t - first < span).collect();
    let rate = inside.len() as f64 / seconds as f64;
    let mut per_second = std::collections::BTreeMap::<i64, u32>::new();
    for t in &inside {
        *per_second.entry(t.timestamp()).or_default() += 1;
    }
    let busiest = per_second.values().max().copied().unwrap_or(0);
    let mut gaps: Vec<f64> = inside
        .windows(2)
        .map(|w| (*w[1] - *w[0]).num_microseconds().unwrap_or(0) as f64 / 1000.0)
        .collect();
    gaps.sort_by(f64::total_cmp);
    let pick = |q: f64| gaps[((gaps.len() - 1) as f64 * q) as usize];
    let error = (rate - f64::from(CPS)).abs() / f64::from(CPS) * 100.0;

    println!("pacing at {CPS} calls/s over {seconds} s against the sandbox (HTTP, loopback)");
    println!("  calls started:              {}", inside.len());
    println!("  achieved rate:              {rate:.3}/s ({error:.2}% from {CPS}/s)");
    println!("  most starts in one second:  {busiest} (wall-clock seconds)");
    println!(
        "  gap between starts, ms:     min {:.1}  p50 {:.1}  p99 {:.1}  max {:.1}",
        gaps[0],
        pick(0.5),
        pick(0.99),
        gaps[gaps.len() - 1]
    );
    println!("  429s from the sandbox:      {refused}");
    println!(
        "  within 1%: {}   no second over {CPS}: {}",
        error <= 1.0,
        busiest <= CPS
    );
}
