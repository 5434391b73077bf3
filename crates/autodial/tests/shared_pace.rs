//! One pace for every running job: a job started (or resumed) at other limits while another
//! runs is refused with the pace in force, never silently changing the running job's pace.

use crate::support;

use std::time::Duration;

use cx_autodial::jobs::{service, JobError, Jobs, Timing};
use cx_autodial::platform::PlatformDialer;
use cx_core::ErrorCode;
use cx_sandbox::{Sandbox, SandboxConfig};

use support::{client, install_app, numbers, save_list, target, waiting_job, AUTONOMOUS_CALLING};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_at_another_pace_is_refused_while_one_runs_and_the_running_pace_is_kept() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let client = client(&sandbox, Duration::from_secs(5)).await;
    install_app(&client).await;
    let dialer = || PlatformDialer::new(client.clone(), AUTONOMOUS_CALLING, target());
    let dir = tempfile::tempdir().unwrap();
    let first_list = save_list(dir.path(), &numbers(3));
    let second_list = save_list(dir.path(), &numbers(3));
    let jobs = Jobs::open(dir.path(), Timing::default()).unwrap();

    let first = jobs
        .start(waiting_job(first_list, 5, 10), dialer())
        .unwrap()
        .job_id;
    let faster = jobs.start(waiting_job(second_list, 20, 10), dialer());
    let pace_after_refusal = jobs.limiter().limits();
    let second = jobs
        .start(waiting_job(second_list, 5, 10), dialer())
        .unwrap()
        .job_id;
    jobs.pause(first).unwrap();
    let resumed_faster = jobs.resume(first, Some((20, 10)));

    assert!(
        matches!(
            faster,
            Err(JobError::PaceShared {
                cps: 5,
                max_concurrent: 10
            })
        ),
        "{faster:?}"
    );
    assert_eq!(
        pace_after_refusal,
        (5, 10),
        "the running job's pace is kept"
    );
    assert!(
        matches!(resumed_faster, Err(JobError::PaceShared { cps: 5, .. })),
        "{resumed_faster:?}"
    );
    let error = service::app_error(resumed_faster.unwrap_err());
    assert_eq!(error.code, ErrorCode::Conflict);
    assert_eq!(
        error.message,
        "Every running dial job of this app shares one pace, now 5 calls a second and up to 10 \
         at once: use the same figures, or pause the running jobs first."
    );
    assert_eq!(
        jobs.store().job(first).unwrap().unwrap().cps,
        5,
        "limits unchanged"
    );
    jobs.pause(second).unwrap();
    jobs.resume(first, Some((20, 10))).unwrap();
    assert_eq!(
        jobs.limiter().limits(),
        (20, 10),
        "with nothing else running, it sets the pace"
    );
    for id in [first, second] {
        jobs.stop(id).unwrap();
        jobs.wait(id).await;
    }
}
