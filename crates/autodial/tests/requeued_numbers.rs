//! A number the platform sent back (a 429, or an in-doubt call it says was never placed) is
//! `deferred` on disk while it waits to be dialled again, and the job's loop reads the list in
//! batches of rows never tried or deferred. A long run of 429s leaves hundreds of deferred
//! rows ahead of an in-doubt call; when that call comes back (again and again, under more
//! 429s) just as the batch ahead runs out, the next batch must not hand it out a second time.
//! The sandbox's own record of calls must show each number dialled exactly once.

use crate::support;

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use cx_autodial::jobs::{Created, JobState, JobStore, Jobs, Timing};
use cx_autodial::platform::{CallStatus, DialError, Dialer, PlatformDialer};
use cx_sandbox::{CallSettings, Sandbox, SandboxConfig};

use support::{client, install_app, new_job, numbers, save_list, target, AUTONOMOUS_CALLING};

const LIST: usize = 300;
/// Deferred by a long run of 429s in an earlier run: a whole batch of them.
const DEFERRED: std::ops::Range<usize> = 0..256;
/// Left `placing` by an earlier run that was cut off; the sandbox never saw them.
const IN_DOUBT: std::ops::Range<usize> = 280..285;
/// The in-doubt number the platform keeps answering 429 while the first batch is dialled.
const BUSY: usize = 282;

/// The sandbox, except that one in-doubt number is answered 429 until every number of the
/// first batch has been sent: it keeps coming back through the retry line, every other start,
/// until the batch ahead of it has run out.
#[derive(Clone)]
struct BusyForSome {
    platform: PlatformDialer,
    busy: Arc<HashSet<String>>,
    others_sent: Arc<AtomicUsize>,
    refusals: Arc<AtomicUsize>,
}

impl Dialer for BusyForSome {
    async fn originate(&self, destination: &str) -> Result<String, DialError> {
        if !self.busy.contains(destination) {
            self.others_sent.fetch_add(1, Ordering::SeqCst);
        } else if self.others_sent.load(Ordering::SeqCst) < DEFERRED.len() {
            self.refusals.fetch_add(1, Ordering::SeqCst);
            return Err(DialError::RetryLater {
                after: Duration::from_millis(1),
            });
        }
        self.platform.originate(destination).await
    }

    async fn status(&self, call_id: &str) -> Result<CallStatus, DialError> {
        self.platform.status(call_id).await
    }

    async fn find(
        &self,
        destination: &str,
        since: DateTime<Utc>,
    ) -> Result<Option<CallStatus>, DialError> {
        self.platform.find(destination, since).await
    }
}

#[tokio::test]
async fn numbers_requeued_under_many_429s_are_dialled_exactly_once() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    sandbox.calls().configure(CallSettings {
        time_scale: 0.0005,
        ..CallSettings::default()
    });
    let client = client(&sandbox, Duration::from_secs(5)).await;
    install_app(&client).await;
    let dir = tempfile::tempdir().unwrap();
    let list = numbers(LIST);
    let list_id = save_list(dir.path(), &list);
    let id = {
        let store = JobStore::open(dir.path()).unwrap();
        let Created::Job(id) = store.create(&new_job(list_id, 50, 50)).unwrap() else {
            panic!("the job is saved");
        };
        let earlier = Utc::now() - chrono::Duration::minutes(1);
        for position in DEFERRED.chain(IN_DOUBT) {
            let number = cx_autodial::jobs::store::Number {
                position: position as i64,
                e164: list[position].clone(),
            };
            assert!(store.claim(id, &number, earlier).unwrap());
            if DEFERRED.contains(&position) {
                store.defer(id, number.position).unwrap();
            }
        }
        id
    };
    let dialer = BusyForSome {
        platform: PlatformDialer::new(client, AUTONOMOUS_CALLING, target()),
        busy: Arc::new(HashSet::from([list[BUSY].clone()])),
        others_sent: Arc::default(),
        refusals: Arc::default(),
    };
    let timing = Timing {
        poll: Duration::from_millis(20),
        in_doubt_grace: Duration::from_millis(100),
        lookup_retry: Duration::from_millis(100),
    };
    let jobs = Jobs::open(dir.path(), timing).unwrap();

    let row = jobs.store().job(id).unwrap().unwrap();
    jobs.take_up(row, dialer.clone()).unwrap();
    jobs.wait(id).await;

    assert!(
        dialer.refusals.load(Ordering::SeqCst) >= 100,
        "the in-doubt number was sent back by 429s all along the first batch"
    );
    let records = sandbox.calls().records();
    let twice: Vec<(&String, usize)> = list
        .iter()
        .map(|n| (n, records.iter().filter(|r| &r.destination == n).count()))
        .filter(|(_, times)| *times != 1)
        .collect();
    assert!(twice.is_empty(), "not dialled exactly once: {twice:?}");
    assert_eq!(records.len(), LIST);
    let progress = jobs.progress_of(id).unwrap();
    assert_eq!(
        (progress.state, progress.dialled, progress.remaining),
        (JobState::Finished, LIST as u32, 0)
    );
}
