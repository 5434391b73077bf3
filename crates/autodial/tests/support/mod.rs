//! What the dial job tests share: a list written straight into the lists schema (as the Set
//! Numbers page saves one), and a signed-in client of a sandbox.
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use chrono::{Datelike, Utc};
use cx_autodial::jobs::NewJob;
use cx_autodial::platform::CallTarget;
use cx_autodial::window::CallingWindow;
use cx_core::Secret;
use cx_platform::{BaseUrl, Client, ClientOptions, SignIn};
use cx_sandbox::{Sandbox, DEMO_LOGIN, DEMO_PASSWORD};
use rusqlite::params;

pub const PROFILE: i64 = 1;
pub const INSTALL: &str = "5001";
pub const AUTONOMOUS_CALLING: &str = "1187";

/// `count` distinct numbers in the fictional +44 7400 range.
pub fn numbers(count: usize) -> Vec<String> {
    (0..count).map(|n| format!("+4474001{n:05}")).collect()
}

/// Saves `numbers` as a list of the test install, in order; answers its id.
pub fn save_list(data_dir: &Path, numbers: &[String]) -> i64 {
    let mut conn = cx_autodial::db::open(data_dir).expect("the feature database opens");
    let tx = conn.transaction().unwrap();
    tx.execute(
        "INSERT INTO number_list (profile_id, install_id, name, source, created_at, accepted,
            duplicates, rejected) VALUES (?1, ?2, 'Test list', 'pasted', '2026-06-01 09:00:00',
            ?3, 0, 0)",
        params![PROFILE, INSTALL, numbers.len()],
    )
    .unwrap();
    let list_id = tx.last_insert_rowid();
    for (position, number) in numbers.iter().enumerate() {
        tx.execute(
            "INSERT INTO list_number (list_id, position, e164, line) VALUES (?1, ?2, ?3, ?4)",
            params![list_id, position, number, position + 1],
        )
        .unwrap();
    }
    tx.commit().unwrap();
    list_id
}

/// Customer 1201's first extension on a London server, as the sandbox seeds them.
pub fn target() -> CallTarget {
    CallTarget {
        company: "1201".into(),
        server: "lon-sbc-1".into(),
        extension: "1001".into(),
        cli: "+442071838750".into(),
    }
}

pub fn new_job(list_id: i64, cps: u32, max_concurrent: u32) -> NewJob {
    NewJob {
        profile_id: PROFILE,
        install_id: INSTALL.into(),
        app_id: AUTONOMOUS_CALLING.into(),
        list_id,
        target: target(),
        cps,
        max_concurrent,
        window: None,
        do_not_call: Default::default(),
    }
}

/// A job that stays running without dialling: its window opens only tomorrow (UTC).
pub fn waiting_job(list_id: i64, cps: u32, max_concurrent: u32) -> NewJob {
    let tomorrow = (Utc::now().weekday().num_days_from_monday() + 1) % 7;
    let mut job = new_job(list_id, cps, max_concurrent);
    job.window = Some(CallingWindow {
        start: "00:00".into(),
        end: "23:59".into(),
        days: vec![tomorrow as u8],
        time_zone: Some("UTC".into()),
    });
    job
}

/// A client of the sandbox that hands every 429 to the caller (the dial jobs' limiter).
pub async fn client(sandbox: &Sandbox, timeout: Duration) -> Arc<Client> {
    let base = BaseUrl::parse(&sandbox.base_url()).unwrap();
    let credentials = SignIn {
        login: DEMO_LOGIN.into(),
        password: Secret::new(DEMO_PASSWORD),
    };
    let options = ClientOptions {
        timeout,
        rate_limit_retries: 0,
        ..ClientOptions::default()
    };
    Arc::new(Client::sign_in(base, credentials, options).await.unwrap())
}

/// Installs Autonomous Calling on the sandbox (its functions answer only when installed).
pub async fn install_app(client: &Client) {
    cx_platform::appstore::install(client, AUTONOMOUS_CALLING, "Auto Dial", "2.1.0")
        .await
        .expect("the sandbox installs Autonomous Calling");
}
