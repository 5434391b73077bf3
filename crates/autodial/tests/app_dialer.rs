//! The app's path (the service, on the signed-in core's own client, which waits out 429s for
//! the screens): an originate answered 429 must still reach the dial jobs' shared limiter
//! (recorded as a deferral, every start held), not be waited out quietly inside the client
//! where tasks told the same `Retry-After` would all fire together. Uses the core's keyring,
//! so run under `scripts/lib.sh`'s `run_in_throwaway_desktop`.

use cx_autodial::config::{self, CLI, CUSTOMER, ENDPOINT, SERVER};
use cx_autodial::jobs::{service, JobRequest, JobState, Jobs, Timing};
use cx_sandbox::{CallSettings, Fault};
use cx_testkit::{install, profile_id, signed_in, start_sandbox, values, AUTONOMOUS_CALLING};
use rusqlite::params;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_on_the_apps_own_client_goes_to_the_limiter_not_a_quiet_retry() {
    let sandbox = start_sandbox().await;
    sandbox.calls().configure(CallSettings {
        time_scale: 0.0005,
        ..CallSettings::default()
    });
    let test = signed_in(&sandbox, "autodial-app-dialer").await;
    let installed = install(&test.core, AUTONOMOUS_CALLING, "Auto Dial", "2.1.0").await;
    let typed = values(&[
        (CUSTOMER, "1201"),
        (SERVER, "lon-sbc-1"),
        (ENDPOINT, "1001"),
        (CLI, "+442071838750"),
    ]);
    config::save(&test.core, &installed.id, typed, false)
        .await
        .unwrap();
    let data = test.core.data_dir().to_owned();
    let numbers = ["+447400100001", "+447400100002"];
    let list_id = {
        let conn = cx_autodial::db::open(&data).unwrap();
        conn.execute(
            "INSERT INTO number_list (profile_id, install_id, name, source, created_at, accepted,
                duplicates, rejected) VALUES (?1, ?2, 'Two', 'pasted', '2026-06-01', 2, 0, 0)",
            params![profile_id(&test.core), installed.id],
        )
        .unwrap();
        let list_id = conn.last_insert_rowid();
        for (position, number) in numbers.iter().enumerate() {
            conn.execute(
                "INSERT INTO list_number (list_id, position, e164, line) VALUES (?1, ?2, ?3, ?4)",
                params![list_id, position, number, position + 1],
            )
            .unwrap();
        }
        list_id
    };
    let jobs = Jobs::open(&data, Timing::default()).unwrap();
    sandbox.faults().push_for(
        &format!("scriptforge/{AUTONOMOUS_CALLING}/main/originate"),
        Fault::RateLimited {
            retry_after_secs: 1,
        },
        1,
    );

    let request = JobRequest {
        install_id: installed.id.clone(),
        list_id,
        cps: 10,
        max_concurrent: 2,
        window: None,
        do_not_call: String::new(),
        do_not_call_country: None,
    };
    let id = service::start(&test.core, &jobs, request)
        .await
        .unwrap()
        .job_id;
    jobs.wait(id).await;

    assert_eq!(
        sandbox.stats().responses_with(429),
        1,
        "the platform said wait"
    );
    let row = jobs.store().job(id).unwrap().unwrap();
    let results = jobs.store().results(&row, 0, None).unwrap();
    assert_eq!(
        results.iter().map(|r| r.deferrals).sum::<u32>(),
        1,
        "the 429 reached the job (and its limiter), not a retry inside the client"
    );
    for number in numbers {
        assert_eq!(
            sandbox.calls().placed_to(number),
            1,
            "{number} dialled once"
        );
    }
    assert_eq!(jobs.progress_of(id).unwrap().state, JobState::Finished);
}
