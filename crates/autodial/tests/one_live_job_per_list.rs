//! One list, one live job: a second Start on a list whose job is running or paused is refused
//! (it would dial every number again), both by the job store's check and by the unique index
//! on disk; a database that already held two live jobs on one list keeps the oldest.

use crate::support;

use std::time::Duration;

use cx_autodial::jobs::{service, JobError, JobState, Jobs, Timing};
use cx_autodial::platform::PlatformDialer;
use cx_core::ErrorCode;
use cx_sandbox::{Sandbox, SandboxConfig};
use rusqlite::params;

use support::{client, install_app, numbers, save_list, target, waiting_job, AUTONOMOUS_CALLING};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_start_on_a_list_being_dialled_is_refused_until_that_job_is_stopped() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let client = client(&sandbox, Duration::from_secs(5)).await;
    install_app(&client).await;
    let dialer = || PlatformDialer::new(client.clone(), AUTONOMOUS_CALLING, target());
    let dir = tempfile::tempdir().unwrap();
    let list_id = save_list(dir.path(), &numbers(3));
    let jobs = Jobs::open(dir.path(), Timing::default()).unwrap();

    let first = jobs
        .start(waiting_job(list_id, 5, 5), dialer())
        .unwrap()
        .job_id;
    let running = jobs.start(waiting_job(list_id, 5, 5), dialer());
    jobs.pause(first).unwrap();
    let paused = jobs.start(waiting_job(list_id, 5, 5), dialer());
    jobs.stop(first).unwrap();
    jobs.wait(first).await;
    let after_stop = jobs
        .start(waiting_job(list_id, 5, 5), dialer())
        .unwrap()
        .job_id;

    assert!(
        matches!(running, Err(JobError::ListBusy(id)) if id == first),
        "{running:?}"
    );
    assert!(
        matches!(paused, Err(JobError::ListBusy(id)) if id == first),
        "{paused:?}"
    );
    let error = service::app_error(paused.unwrap_err());
    assert_eq!(error.code, ErrorCode::Conflict);
    assert_eq!(
        error.message,
        "This list is already being dialled by a job that is running or paused: carry on with \
         that job, or stop it before starting again."
    );
    let all = jobs.jobs_of(support::PROFILE, support::INSTALL).unwrap();
    assert_eq!(all.len(), 2, "no job was saved for a refused start");
    assert_eq!(
        (all[0].job_id, all[0].state, all[1].state),
        (after_stop, JobState::Running, JobState::Stopped)
    );
    assert!(
        sandbox.calls().records().is_empty(),
        "nothing dialled outside the window"
    );
    jobs.stop(after_stop).unwrap();
    jobs.wait(after_stop).await;
}

#[test]
fn the_database_itself_refuses_a_second_live_job_on_a_list() {
    let dir = tempfile::tempdir().unwrap();
    let list_id = save_list(dir.path(), &numbers(2));
    let conn = cx_autodial::db::open(dir.path()).unwrap();
    let insert = |state: &str| {
        conn.execute(
            "INSERT INTO dial_job (profile_id, install_id, app_id, list_id, target, cps,
                max_concurrent, state, total, created_at)
             VALUES (?1, ?2, '1187', ?3, '{}', 5, 5, ?4, 2, '2026-06-01T09:00:00.000Z')",
            params![support::PROFILE, support::INSTALL, list_id, state],
        )
    };

    insert("finished").unwrap();
    insert("paused").unwrap();
    let second_live = insert("running");
    insert("stopped").unwrap();

    let error = second_live.expect_err("a second live job on the list");
    assert!(error.to_string().contains("UNIQUE"), "{error}");
}

#[test]
fn a_database_that_already_held_two_live_jobs_on_a_list_keeps_the_oldest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(cx_autodial::db::FILE_NAME);
    let before: &[&str] = &[
        include_str!("../src/migrations/0001_lists.sql"),
        include_str!("../src/migrations/0002_jobs.sql"),
    ];
    {
        let conn = cx_cache::open_database(&path, before).unwrap();
        conn.execute(
            "INSERT INTO number_list (profile_id, install_id, name, source, created_at, accepted,
                duplicates, rejected) VALUES (1, '5001', 'L', 'pasted', '2026-06-01', 0, 0, 0)",
            [],
        )
        .unwrap();
        for state in ["running", "paused", "running", "finished"] {
            conn.execute(
                "INSERT INTO dial_job (profile_id, install_id, app_id, list_id, target, cps,
                    max_concurrent, state, total, created_at)
                 VALUES (1, '5001', '1187', 1, '{}', 5, 5, ?1, 0, '2026-06-01T09:00:00.000Z')",
                [state],
            )
            .unwrap();
        }
    }

    let conn = cx_autodial::db::open(dir.path()).unwrap();

    let mut statement = conn
        .prepare("SELECT state, ended_at IS NOT NULL FROM dial_job ORDER BY id")
        .unwrap();
    let states: Vec<(String, bool)> = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let expected = [
        ("running", false),
        ("stopped", true),
        ("stopped", true),
        ("finished", false),
    ];
    assert_eq!(
        states,
        expected.map(|(s, e)| (s.to_owned(), e)),
        "the oldest live job kept, the later ones stopped"
    );
}
