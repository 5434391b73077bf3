//! Dial jobs against the sandbox over real HTTP: outcomes recorded as the platform reports
//! them, the do-not-call list, the calling window, in-doubt calls, pause and resume, export.

use crate::support;

use std::collections::HashMap;
use std::time::Duration;

use chrono::{Datelike, Utc};
use cx_autodial::dnc::DoNotCall;
use cx_autodial::jobs::{export, CallOutcome, JobState, Jobs, Timing};
use cx_autodial::platform::PlatformDialer;
use cx_autodial::window::CallingWindow;
use cx_sandbox::{CallOutcome as SandboxOutcome, CallSettings, Fault, Sandbox, SandboxConfig};

use support::{client, install_app, new_job, numbers, save_list, target, AUTONOMOUS_CALLING};

fn fast_timing() -> Timing {
    Timing {
        poll: Duration::from_millis(20),
        in_doubt_grace: Duration::from_millis(300),
        lookup_retry: Duration::from_millis(100),
    }
}

/// A sandbox whose calls last milliseconds, with Autonomous Calling installed.
async fn sandbox() -> Sandbox {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    sandbox.calls().configure(CallSettings {
        time_scale: 0.0005,
        ..CallSettings::default()
    });
    install_app(&*client(&sandbox, Duration::from_secs(5)).await).await;
    sandbox
}

async fn dialer(sandbox: &Sandbox, timeout: Duration) -> PlatformDialer {
    PlatformDialer::new(client(sandbox, timeout).await, AUTONOMOUS_CALLING, target())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_numbers_outcome_is_the_one_the_platform_reported() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let list = numbers(40);
    let list_id = save_list(dir.path(), &list);
    let jobs = Jobs::open(dir.path(), fast_timing()).unwrap();

    let id = jobs
        .start(
            new_job(list_id, 30, 20),
            dialer(&sandbox, Duration::from_secs(5)).await,
        )
        .unwrap()
        .job_id;
    jobs.wait(id).await;

    let placed: HashMap<String, SandboxOutcome> = sandbox
        .calls()
        .records()
        .into_iter()
        .map(|r| (r.destination, r.outcome))
        .collect();
    let job = jobs.store().job(id).unwrap().unwrap();
    let results = jobs.store().results(&job, 0, None).unwrap();
    assert_eq!(placed.len(), 40, "every number placed");
    for result in &results {
        let expected = match placed[&result.e164] {
            SandboxOutcome::Answered => CallOutcome::Answered,
            SandboxOutcome::Busy => CallOutcome::Busy,
            SandboxOutcome::NoAnswer => CallOutcome::NoAnswer,
            SandboxOutcome::Failed => CallOutcome::Failed,
        };
        assert_eq!(result.outcome, Some(expected), "{}", result.e164);
        assert_eq!(result.state, "done");
        if expected == CallOutcome::Failed {
            assert!(
                result.reason.as_deref().is_some_and(|r| r.contains("SIP")),
                "{result:?}"
            );
        }
    }
    let progress = jobs.progress_of(id).unwrap();
    assert_eq!(progress.state, JobState::Finished);
    assert_eq!(
        (progress.dialled, progress.remaining, progress.in_progress),
        (40, 0, 0)
    );
    let outcomes = progress.answered + progress.busy + progress.no_answer + progress.failed;
    assert_eq!(outcomes, 40);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn numbers_on_the_do_not_call_list_are_never_dialled_however_they_were_written() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let list = numbers(10);
    let list_id = save_list(dir.path(), &list);
    let jobs = Jobs::open(dir.path(), fast_timing()).unwrap();
    // list[2] and list[7], written as people write them.
    let text = "+44 7400 100002\n\n0044 7400 100007\n";
    let mut job = new_job(list_id, 30, 5);
    job.do_not_call = DoNotCall::parse(text, None).unwrap();

    let id = jobs
        .start(job, dialer(&sandbox, Duration::from_secs(5)).await)
        .unwrap()
        .job_id;
    jobs.wait(id).await;

    assert_eq!(sandbox.calls().placed_to(&list[2]), 0);
    assert_eq!(sandbox.calls().placed_to(&list[7]), 0);
    assert_eq!(sandbox.calls().records().len(), 8);
    let progress = jobs.progress_of(id).unwrap();
    assert_eq!(
        (progress.skipped, progress.dialled, progress.remaining),
        (2, 8, 0)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outside_the_calling_window_nothing_is_dialled_and_the_job_says_when_it_will_be() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let list_id = save_list(dir.path(), &numbers(3));
    let jobs = Jobs::open(dir.path(), fast_timing()).unwrap();
    // Only tomorrow (UTC), so it is closed now whatever the hour.
    let tomorrow = (Utc::now().weekday().num_days_from_monday() + 1) % 7;
    let mut job = new_job(list_id, 30, 5);
    job.window = Some(CallingWindow {
        start: "00:00".into(),
        end: "23:59".into(),
        days: vec![tomorrow as u8],
        time_zone: Some("UTC".into()),
    });

    let id = jobs
        .start(job, dialer(&sandbox, Duration::from_secs(5)).await)
        .unwrap()
        .job_id;
    tokio::time::sleep(Duration::from_millis(500)).await;

    assert!(
        sandbox.calls().records().is_empty(),
        "no call outside the window"
    );
    let progress = jobs.progress_of(id).unwrap();
    assert_eq!(progress.state, JobState::Running);
    let waiting = progress.waiting.unwrap_or_default();
    assert!(
        waiting.starts_with("Outside the calling window"),
        "{waiting}"
    );
    jobs.stop(id).unwrap();
    jobs.wait(id).await;
    assert_eq!(jobs.progress_of(id).unwrap().state, JobState::Stopped);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_whose_answer_was_lost_is_looked_up_not_dialled_again() {
    let sandbox = sandbox().await;
    // The platform places the call at once but answers after the client has given up.
    sandbox.calls().configure(CallSettings {
        time_scale: 0.0005,
        answer_delay_ms: 1500,
        ..CallSettings::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let list = numbers(2);
    let list_id = save_list(dir.path(), &list);
    let jobs = Jobs::open(dir.path(), fast_timing()).unwrap();

    let id = jobs
        .start(
            new_job(list_id, 10, 2),
            dialer(&sandbox, Duration::from_millis(500)).await,
        )
        .unwrap()
        .job_id;
    jobs.wait(id).await;

    for number in &list {
        assert_eq!(
            sandbox.calls().placed_to(number),
            1,
            "{number} dialled once"
        );
    }
    let progress = jobs.progress_of(id).unwrap();
    assert_eq!((progress.state, progress.dialled), (JobState::Finished, 2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_originate_dropped_before_the_platform_saw_it_is_dialled_again_once() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let list = numbers(3);
    let list_id = save_list(dir.path(), &list);
    let jobs = Jobs::open(dir.path(), fast_timing()).unwrap();
    let originate = format!("scriptforge/{AUTONOMOUS_CALLING}/main/originate");
    sandbox.faults().push_for(&originate, Fault::Drop, 1);
    sandbox.faults().push_for(
        &originate,
        Fault::RateLimited {
            retry_after_secs: 1,
        },
        1,
    );

    let id = jobs
        .start(
            new_job(list_id, 10, 1),
            dialer(&sandbox, Duration::from_secs(5)).await,
        )
        .unwrap()
        .job_id;
    jobs.wait(id).await;

    for number in &list {
        assert_eq!(
            sandbox.calls().placed_to(number),
            1,
            "{number} dialled once"
        );
    }
    let job = jobs.store().job(id).unwrap().unwrap();
    let results = jobs.store().results(&job, 0, None).unwrap();
    assert!(results
        .iter()
        .all(|r| r.state == "done" && r.outcome.is_some()));
    assert_eq!(
        results.iter().map(|r| r.deferrals).sum::<u32>(),
        1,
        "the 429 is on record"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paused_job_starts_no_call_until_resumed_then_finishes_the_list() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let list_id = save_list(dir.path(), &numbers(20));
    let jobs = Jobs::open(dir.path(), fast_timing()).unwrap();

    let id = jobs
        .start(
            new_job(list_id, 5, 2),
            dialer(&sandbox, Duration::from_secs(5)).await,
        )
        .unwrap()
        .job_id;
    tokio::time::sleep(Duration::from_millis(500)).await;
    jobs.pause(id).unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let at_pause = sandbox.calls().records().len();
    tokio::time::sleep(Duration::from_millis(800)).await;

    assert!(at_pause < 20, "paused before the end");
    assert_eq!(
        sandbox.calls().records().len(),
        at_pause,
        "nothing started while paused"
    );
    assert_eq!(jobs.progress_of(id).unwrap().state, JobState::Paused);
    jobs.resume(id, Some((20, 5))).unwrap();
    jobs.wait(id).await;
    assert_eq!(sandbox.calls().records().len(), 20);
    let progress = jobs.progress_of(id).unwrap();
    assert_eq!((progress.state, progress.cps), (JobState::Finished, 20));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_csv_export_has_a_row_per_number_in_list_order_with_its_outcome() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let list = numbers(6);
    let list_id = save_list(dir.path(), &list);
    let jobs = Jobs::open(dir.path(), fast_timing()).unwrap();
    let mut job = new_job(list_id, 30, 6);
    job.do_not_call = DoNotCall::parse(&list[5], None).unwrap();

    let id = jobs
        .start(job, dialer(&sandbox, Duration::from_secs(5)).await)
        .unwrap()
        .job_id;
    jobs.wait(id).await;
    let row = jobs.store().job(id).unwrap().unwrap();
    let results = jobs.store().results(&row, 0, None).unwrap();
    let mut csv = Vec::new();
    export::write_csv(&results, &mut csv).unwrap();
    let text = String::from_utf8(csv).unwrap();

    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "number,phone,status,outcome,reason,call_id,placed_at,talk_seconds,deferrals"
    );
    assert_eq!(lines.len(), 7);
    assert!(
        lines[1].starts_with(&format!("1,{},Done,", list[0])),
        "{}",
        lines[1]
    );
    assert_eq!(
        lines[6],
        format!("6,{},Done,Do not call (skipped),,,,,0", list[5])
    );
    let records = sandbox.calls().records();
    let first = records.iter().find(|r| r.destination == list[0]).unwrap();
    assert!(
        lines[1].contains(&first.call_id),
        "the platform's call id is exported"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_platforms_own_cap_answers_429_and_every_number_is_still_dialled_once() {
    let sandbox = sandbox().await;
    sandbox.calls().configure(CallSettings {
        time_scale: 0.0005,
        cps_limit: 3,
        ..CallSettings::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let list = numbers(12);
    let list_id = save_list(dir.path(), &list);
    let jobs = Jobs::open(dir.path(), fast_timing()).unwrap();

    // Asked for 10 a second; the platform takes 3.
    let id = jobs
        .start(
            new_job(list_id, 10, 10),
            dialer(&sandbox, Duration::from_secs(5)).await,
        )
        .unwrap()
        .job_id;
    jobs.wait(id).await;

    assert!(sandbox.stats().responses_with(429) > 0, "the cap was met");
    for number in &list {
        assert_eq!(
            sandbox.calls().placed_to(number),
            1,
            "{number} dialled once"
        );
    }
    let job = jobs.store().job(id).unwrap().unwrap();
    let results = jobs.store().results(&job, 0, None).unwrap();
    assert!(results.iter().all(|r| r.state == "done"));
    assert!(
        results
            .iter()
            .all(|r| r.reason.as_deref() != Some("Too Many Requests")),
        "a 429 is never a number's outcome"
    );
    assert!(results.iter().map(|r| r.deferrals).sum::<u32>() > 0);
}
