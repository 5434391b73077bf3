//! The secret key after a full run (configure, key test, top-ups paid and refused, a refund,
//! a wrong key): in no file under the data folder, no log line, no error message, no Debug.

use crate::support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use cx_yoco::models::{RefundRequest, SettingsForm, TopUpState};
use support::{World, LIVE_KEY};

/// Every log line of the run, at trace level, from every crate.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_full_run_the_secret_key_is_in_no_file_log_line_or_error() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let world = World::new(LIVE_KEY, "percent", "2.5").await;
    let mut errors = Vec::new();
    world
        .engine
        .test_key(&world.install_id, None)
        .await
        .unwrap();
    let view = world.top_up("s-1", "99.99").await;
    world
        .press(view.checkout_id.as_deref().unwrap(), "pay")
        .await;
    world.wait_for(&view.id, TopUpState::Recorded).await;
    let refund = RefundRequest {
        attempt: "s-r".into(),
        top_up_id: view.id.clone(),
        amount: Some("10".into()),
    };
    world.engine.refund(refund).await.unwrap();
    errors.push(
        world
            .engine
            .start(&world.install_id, support::request("s-2", "1.99"))
            .await
            .unwrap_err(),
    );
    let bad_key = format!("{}x!", LIVE_KEY);
    let form = SettingsForm {
        api_user: "demo@sandbox.connexcs.test".into(),
        secret_key: cx_core::Secret::new(bad_key.clone()),
        surcharge_type: "percent".into(),
        surcharge: "2.5".into(),
    };
    errors.push(
        world
            .engine
            .save_settings(&world.install_id, form)
            .await
            .unwrap_err(),
    );
    let revoked = cx_core::Secret::new("sk_live_revoked9999999999999");
    errors.push(
        world
            .engine
            .test_key(&world.install_id, Some(revoked))
            .await
            .unwrap_err(),
    );
    let settings = world.engine.settings(&world.install_id).await.unwrap();
    world.engine.shutdown();

    let hint = settings.key.clone().expect("a key is saved");
    assert_eq!(
        (hint.mode, hint.last_four.as_str()),
        (cx_yoco::Mode::Live, "b1Vd")
    );
    let settings_json = serde_json::to_string(&settings).unwrap();
    assert!(
        !settings_json.contains(LIVE_KEY),
        "the settings answer shows a hint only"
    );
    for error in &errors {
        let json = serde_json::to_string(error).unwrap();
        assert!(
            !json.contains(LIVE_KEY) && !json.contains(&bad_key),
            "{json}"
        );
        assert!(!json.contains("sk_live_revoked"), "{json}");
    }
    let client = world.engine.test_key(&world.install_id, None).await;
    assert!(client.is_ok());

    for path in files_under(world.dir.path()) {
        let bytes = std::fs::read(&path).unwrap();
        let found = bytes
            .windows(LIVE_KEY.len())
            .any(|w| w == LIVE_KEY.as_bytes());
        assert!(!found, "the key is written in {}", path.display());
    }
    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.lines().count() > 20,
        "the run did log: {} lines",
        logs.lines().count()
    );
    assert!(!logs.contains(LIVE_KEY), "a log line carries the key");
    assert!(
        !logs.contains("sk_live_"),
        "a log line carries a key prefix"
    );
}
