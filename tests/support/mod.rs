//! End-to-end harness: the real app in a real window, driven over WebDriver.
//!
//! `tauri-driver` bridges WebDriver to WebKitGTK's `WebKitWebDriver`, which starts the app. Each
//! test gets its own `tauri-driver` on free loopback ports and its own data folder (the app
//! inherits the driver's environment), so tests share nothing. Tests in this binary run one at
//! a time: they hold [`SERIAL`] from launch to close. Run them with `cargo test` (nextest runs
//! each test in its own process; use `-j 1` there).
//!
//! The binary under test is named by `CX_APPSTORE_E2E_BINARY` and must be built with the
//! `custom-protocol` feature so it embeds the UI instead of loading the dev server.
//! `scripts/test` builds it and sets the variable; without it the tests are skipped.

pub mod ui;

use std::fs::{self, File};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;
use thirtyfour::prelude::*;
use tokio::sync::{Mutex, MutexGuard};

/// Names the app binary under test.
pub const BINARY_VAR: &str = "CX_APPSTORE_E2E_BINARY";

/// How long a page may take to show what a test waits for.
const WAIT: Duration = Duration::from_secs(20);

/// How long `tauri-driver` may take to listen, and then to exit after SIGTERM.
const DRIVER_TIMEOUT: Duration = Duration::from_secs(15);

/// Held by the running test so that two app windows never compete for the display and the CPU.
static SERIAL: Mutex<()> = Mutex::const_new(());

/// One running app, with its driver and its private folders.
pub struct App {
    driver: Option<WebDriver>,
    tauri_driver: Child,
    artifacts: PathBuf,
    _data: TempDir,
    _serial: MutexGuard<'static, ()>,
}

impl App {
    /// Starts the app for the test `name`, or returns `None` (and says why) when no binary is
    /// configured, so a plain `cargo test` passes on a machine without a display.
    pub async fn launch(name: &str) -> Option<App> {
        let Some(binary) = binary_under_test() else {
            eprintln!(
                "skipping end-to-end test {name}: {BINARY_VAR} is not set (scripts/test sets it)"
            );
            return None;
        };
        let serial = SERIAL.lock().await;

        let artifacts = artifacts_dir().join("e2e").join(name);
        let _ = fs::remove_dir_all(&artifacts);
        fs::create_dir_all(&artifacts).expect("create the test's artifacts folder");
        let data = TempDir::with_prefix("cx-appstore-e2e-").expect("create a data folder");

        let port = free_port();
        let native_port = loop {
            match free_port() {
                same if same == port => continue,
                other => break other,
            }
        };
        let tauri_driver = start_tauri_driver(port, native_port, data.path(), &artifacts);
        let mut app = App {
            driver: None,
            tauri_driver,
            artifacts,
            _data: data,
            _serial: serial,
        };
        // tauri-driver listens at once but forwards to WebKitWebDriver, which takes a moment:
        // a session asked for before both listen is refused.
        app.wait_until_listening(port);
        app.wait_until_listening(native_port);
        app.driver = Some(new_session(port, &binary).await);
        Some(app)
    }

    /// The WebDriver session attached to the app's main window.
    pub fn driver(&self) -> &WebDriver {
        self.driver
            .as_ref()
            .expect("the session is open until close()")
    }

    /// Waits until the element found by `by` has text for which `ready` holds, and returns it.
    pub async fn wait_for_text(&self, by: By, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(element) = self.driver().find(by.clone()).await {
                last = element.text().await.unwrap_or_default();
                if ready(&last) {
                    return last;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("timed out after {WAIT:?} waiting for {by:?}; its last text was {last:?}");
    }

    /// Calls the app's command `command` over the same IPC bridge the UI uses, and returns what
    /// it answered: `Ok(value)`, or `Err(error)` as the command's error JSON.
    pub async fn invoke(&self, command: &str, args: Value) -> Result<Value, Value> {
        let script = "const [command, args, done] = arguments;\n\
                      window.__TAURI_INTERNALS__.invoke(command, args).then(\n\
                        (value) => done({ ok: value ?? null }),\n\
                        (error) => done({ err: error ?? null }));";
        let answer = self
            .driver()
            .execute_async(script, vec![Value::from(command), args])
            .await
            .unwrap_or_else(|e| panic!("run a script that invokes {command}: {e}"));

        match answer.json() {
            Value::Object(map) if map.contains_key("ok") => Ok(map["ok"].clone()),
            Value::Object(map) if map.contains_key("err") => Err(map["err"].clone()),
            other => panic!("invoking {command} answered {other}, neither ok nor err"),
        }
    }

    /// Saves a PNG of the window as `artifacts/screenshots/<name>.png` and returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let dir = artifacts_dir().join("screenshots");
        fs::create_dir_all(&dir).expect("create artifacts/screenshots");
        let path = dir.join(format!("{name}.png"));

        // The page may have changed since its last paint: let two frames pass first, or the
        // picture can still show the previous state.
        self.driver()
            .execute_async(
                "const done = arguments[arguments.length - 1];\n\
                 requestAnimationFrame(() => requestAnimationFrame(() => done()));",
                Vec::<Value>::new(),
            )
            .await
            .expect("wait for the next frame");
        let png = self
            .driver()
            .screenshot_as_png()
            .await
            .expect("take a WebDriver screenshot");
        fs::write(&path, png).expect("write the screenshot");
        path
    }

    /// Ends the WebDriver session (which closes the app), then stops `tauri-driver`.
    pub async fn close(mut self) {
        if let Some(driver) = self.driver.take() {
            driver.quit().await.expect("end the WebDriver session");
        }
        // Drop stops tauri-driver.
    }

    /// Shows the end of `tauri-driver.log` (the driver's and the app's output) in the test's
    /// output, so that a failure in CI can be read without the artifacts.
    fn print_driver_log(&self) {
        let path = self.artifacts.join("tauri-driver.log");
        let log = fs::read_to_string(&path).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        let tail = &lines[lines.len().saturating_sub(40)..];
        eprintln!(
            "--- last lines of {} ---\n{}",
            path.display(),
            tail.join("\n")
        );
    }

    fn wait_until_listening(&mut self, port: u16) {
        let deadline = Instant::now() + DRIVER_TIMEOUT;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.tauri_driver.try_wait() {
                panic!(
                    "tauri-driver exited early ({status}); see {}",
                    self.artifacts.join("tauri-driver.log").display()
                );
            }
            if TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the drivers did not listen on port {port} within {DRIVER_TIMEOUT:?}");
    }
}

impl Drop for App {
    /// Stops `tauri-driver` with SIGTERM, never SIGKILL: a killed driver leaves `WebKitWebDriver`
    /// holding the output pipe open, which hangs CI. Anything it started and left behind (the
    /// app, when a test failed before `close`) gets SIGTERM too.
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.print_driver_log();
        }
        // A session not closed by `close` ends here, while its driver still listens.
        drop(self.driver.take());

        let pid = self.tauri_driver.id();
        let descendants = descendants_of(pid);
        terminate(pid);
        let deadline = Instant::now() + DRIVER_TIMEOUT;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.tauri_driver.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        for child in descendants {
            terminate(child);
        }
    }
}

/// The binary named by [`BINARY_VAR`], checked to exist.
fn binary_under_test() -> Option<PathBuf> {
    let path = PathBuf::from(std::env::var_os(BINARY_VAR)?);
    assert!(
        path.is_file(),
        "{BINARY_VAR} names {}, which is not a file; build it with \
         `cargo build --features custom-protocol`",
        path.display()
    );
    Some(path)
}

/// `artifacts/` at the repository root: screenshots and per-test logs, kept after the run.
pub fn artifacts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts")
}

/// A loopback port nobody listens on right now.
fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind a loopback port");
    listener.local_addr().expect("read the bound port").port()
}

/// Starts `tauri-driver` with the app's environment; its output (and so the app's) goes to
/// `tauri-driver.log` in the test's artifacts folder.
fn start_tauri_driver(port: u16, native_port: u16, data: &Path, artifacts: &Path) -> Child {
    let log = File::create(artifacts.join("tauri-driver.log")).expect("create tauri-driver.log");
    let program = std::env::var_os("TAURI_DRIVER").unwrap_or_else(|| "tauri-driver".into());

    Command::new(&program)
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .env("CX_APPSTORE_DATA_DIR", data)
        .env("CX_APPSTORE_LOG_DIR", artifacts.join("logs"))
        .env(
            "CX_APPSTORE_LOG",
            std::env::var("CX_APPSTORE_LOG").unwrap_or("debug".into()),
        )
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("share the log file"))
        .stderr(log)
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot start {program:?} ({e}); install it with \
                 `cargo install tauri-driver --version ^2 --locked`"
            )
        })
}

/// Opens a WebDriver session, which makes `tauri-driver` launch `binary`.
async fn new_session(port: u16, binary: &Path) -> WebDriver {
    let mut caps = Capabilities::new();
    caps.set(
        "tauri:options",
        serde_json::json!({ "application": binary }),
    )
    .expect("serialise tauri:options");

    WebDriver::new(format!("http://127.0.0.1:{port}"), caps)
        .await
        .expect("open a WebDriver session on the app")
}

/// Every process below `pid`, read from `/proc`.
fn descendants_of(pid: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|child| Some((child, parent_of(child)?)))
        .collect();

    let mut found = vec![pid];
    let mut next = 0;
    while next < found.len() {
        let parent = found[next];
        found.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(c, _)| *c),
        );
        next += 1;
    }
    found.split_off(1)
}

/// The parent of `pid` from `/proc/<pid>/stat` (after the command name, which may hold spaces).
fn parent_of(pid: u32) -> Option<u32> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    after_name.split(' ').nth(1)?.parse().ok()
}

fn terminate(pid: u32) {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return;
    };
    // SAFETY: kill(2) only sends a signal; `pid` is a process this harness started.
    unsafe {
        libc::kill(pid, libc::SIGTERM);
    }
}
