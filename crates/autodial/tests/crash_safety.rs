//! Crash safety on a real process: `autodial-worker` dials a list against the sandbox (in this
//! test's process, so it outlives every kill), is killed with SIGKILL at random moments several
//! times, and is started again each time. The sandbox's own record of calls must show every
//! number dialled exactly once.
//!
//! The sandbox holds back each originate's answer for a while after placing the call, so some
//! kills land between "the call was placed" and "the client heard so": the in-doubt case.

use crate::support;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use cx_sandbox::{CallSettings, Sandbox, SandboxConfig, DEMO_LOGIN, DEMO_PASSWORD};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use support::{client, install_app, numbers, save_list, target, AUTONOMOUS_CALLING, INSTALL};

const NUMBERS: usize = 150;
const KILLS: usize = 6;

fn worker(sandbox: &Sandbox, data: &std::path::Path, list_id: i64) -> Child {
    let target = target();
    Command::new(env!("CARGO_BIN_EXE_autodial-worker"))
        .env("CX_PASSWORD", DEMO_PASSWORD)
        .args(["--data", &data.display().to_string()])
        .args(["--api", &sandbox.base_url(), "--login", DEMO_LOGIN])
        .args(["--install", INSTALL, "--app", AUTONOMOUS_CALLING])
        .args(["--list", &list_id.to_string()])
        .args(["--company", &target.company, "--server", &target.server])
        .args(["--extension", &target.extension, "--cli", &target.cli])
        .args(["--cps", "25", "--concurrent", "10", "--poll-ms", "20"])
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the worker starts")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_killed_at_random_moments_dials_every_number_exactly_once() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    sandbox.calls().configure(CallSettings {
        time_scale: 0.001,
        answer_delay_ms: 40,
        ..CallSettings::default()
    });
    install_app(&*client(&sandbox, Duration::from_secs(5)).await).await;
    let dir = tempfile::tempdir().unwrap();
    let list = numbers(NUMBERS);
    let list_id = save_list(dir.path(), &list);
    // A fixed seed, so a failure can be replayed; change it to explore other kill points.
    let mut rng = StdRng::seed_from_u64(0x5eed_0001);

    let mut killed_with_calls_placed = Vec::new();
    for _ in 0..KILLS {
        let mut child = worker(&sandbox, dir.path(), list_id);
        let after = Duration::from_millis(rng.random_range(300..1200));
        tokio::time::sleep(after).await;
        child.kill().expect("SIGKILL is delivered");
        child.wait().unwrap();
        killed_with_calls_placed.push(sandbox.calls().records().len());
    }
    let mut last = worker(&sandbox, dir.path(), list_id);
    let status = tokio::task::spawn_blocking(move || last.wait())
        .await
        .unwrap()
        .unwrap();

    assert!(status.success(), "the last run finished the job");
    assert!(
        killed_with_calls_placed
            .windows(2)
            .any(|w| w[0] < w[1] && w[1] < NUMBERS),
        "kills landed mid-job: {killed_with_calls_placed:?}"
    );
    let records = sandbox.calls().records();
    for number in &list {
        let times = records.iter().filter(|r| &r.destination == number).count();
        assert_eq!(times, 1, "{number} was dialled {times} times");
    }
    assert_eq!(records.len(), NUMBERS);
    let conn = cx_autodial::db::open(dir.path()).unwrap();
    let done: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM dial_call WHERE state = 'done' AND outcome IS NOT NULL",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(done, NUMBERS as i64, "every number has its outcome on disk");
}
