//! Startup benchmark: launches Tauri apps under the current display, one after the other, and
//! compares their time to first paint and their memory, side by side (median of N runs).
//!
//! Convention every measured app follows (see README, "Benchmarks"): once its first frame is
//! drawn, the page calls the command `report_first_paint`, and the app prints
//! `CX_FIRST_PAINT_MS=<ms since start>` on stdout. The benchmark times launch → that line
//! itself, and shows the app's own figure beside it, and the time the frame was really on
//! screen, read from the window's pixels (see `screen`).
//!
//! Two kinds of launch are measured. By default each app keeps one set of folders for the whole
//! series, so that the warm-up launch fills them and the measured ones start as a user's does on
//! any day but the first: the store drawn from the app's cache, WebKit's and the graphics
//! driver's caches in place. With `--fresh` every launch gets new, empty folders: the first
//! launch ever.
//!
//! Usage: `bench-startup [--fresh] [--runs N] [--warmup N] [--idle SECS]
//! [--env LABEL NAME=VALUE]... LABEL=BINARY...`

mod screen;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

const MARKER: &str = "CX_FIRST_PAINT_MS=";

const USAGE: &str = "usage: bench-startup [--fresh] [--runs N] [--warmup N] [--idle SECS]
                     [--env LABEL NAME=VALUE]... LABEL=BINARY...

Launches each BINARY in turn under the current display, --warmup times unrecorded (default 1)
then --runs times (default 5), and prints the median time from launch to first paint, the time
that frame was on screen (read from the window's pixels, X11 only), and the memory (PSS and
RSS of the app and all its child processes) after --idle seconds (default 5).

Each app keeps its data, cache and config folders from one launch to the next, so the warm-up
fills them and the measured launches start from the cache, as on a user's second day; with
--fresh every launch starts from new, empty folders (the first launch ever).

--env sets an environment variable for the app with that LABEL only, as many times as needed:
to measure the empty app with the same WebKit switches another app sets for itself.";

/// How long an app may take to report its first paint before the run counts as failed.
const PAINT_TIMEOUT: Duration = Duration::from_secs(60);

/// How long an app may take to exit after SIGTERM before it gets SIGKILL.
const EXIT_TIMEOUT: Duration = Duration::from_secs(5);

struct Options {
    /// New, empty folders for every launch instead of one set per app.
    fresh: bool,
    runs: usize,
    warmup: usize,
    idle: Duration,
    apps: Vec<App>,
}

/// One app to measure.
struct App {
    label: String,
    binary: PathBuf,
    /// Environment variables set for this app alone (`--env`).
    env: Vec<(String, String)>,
}

/// What one launch of one app measured.
#[derive(Clone, Copy)]
struct Sample {
    paint_ms: f64,
    reported_ms: f64,
    /// From launch to the frame on screen when the page settled, read from the window's
    /// pixels (NaN without an X11 display).
    screen_ms: f64,
    pss_kb: u64,
    rss_kb: u64,
    processes: usize,
}

fn main() -> ExitCode {
    if std::env::args().any(|arg| arg == "-h" || arg == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("bench-startup: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!("bench-startup: no DISPLAY; run it in a desktop session or under `xvfb-run -a`");
        return ExitCode::from(2);
    }

    match measure_all(&options) {
        Ok(samples) => {
            print_table(&options, &samples);
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("bench-startup: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut env: Vec<(String, String, String)> = Vec::new();
    let mut options = Options {
        fresh: false,
        runs: 5,
        warmup: 1,
        idle: Duration::from_secs(5),
        apps: Vec::new(),
    };
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            let value = args.next().ok_or(format!("{name} needs a value"))?;
            value
                .parse()
                .map_err(|_| format!("{name} needs a whole number, not {value:?}"))
        };
        match arg.as_str() {
            "--fresh" => options.fresh = true,
            "--runs" => options.runs = number("--runs")?.max(1) as usize,
            "--warmup" => options.warmup = number("--warmup")? as usize,
            "--idle" => options.idle = Duration::from_secs(number("--idle")?),
            "--env" => {
                let (Some(label), Some(assignment)) = (args.next(), args.next()) else {
                    return Err("--env needs a LABEL and a NAME=VALUE".into());
                };
                let (name, value) = assignment
                    .split_once('=')
                    .ok_or(format!("--env {label} {assignment:?} is not NAME=VALUE"))?;
                env.push((label, name.to_owned(), value.to_owned()));
            }
            _ => options.apps.push(parse_app(&arg)?),
        }
    }
    if options.apps.is_empty() {
        return Err("name at least one app as LABEL=BINARY".into());
    }
    for (label, name, value) in env {
        let app = options
            .apps
            .iter_mut()
            .find(|app| app.label == label)
            .ok_or(format!("--env names {label:?}, which is no app's label"))?;
        app.env.push((name, value));
    }
    if !options.fresh && options.warmup == 0 {
        return Err("--warmup 0 leaves the caches empty: add --fresh to measure that".into());
    }
    Ok(options)
}

fn parse_app(arg: &str) -> Result<App, String> {
    let (label, binary) = arg
        .split_once('=')
        .ok_or(format!("{arg:?} is not LABEL=BINARY"))?;
    let binary = PathBuf::from(binary);
    if !binary.is_file() {
        return Err(format!(
            "{} is not a file (build it first)",
            binary.display()
        ));
    }
    Ok(App {
        label: label.to_owned(),
        binary,
        env: Vec::new(),
    })
}

/// Runs every app `warmup + runs` times, interleaved so that drift in the machine's load spreads
/// evenly; returns the kept samples per app, in the order given.
fn measure_all(options: &Options) -> Result<Vec<Vec<Sample>>, String> {
    let mut samples = vec![Vec::new(); options.apps.len()];
    let kept_homes = options
        .apps
        .iter()
        .map(|_| new_home())
        .collect::<Result<Vec<_>, _>>()?;
    for run in 0..options.warmup + options.runs {
        let warmup = run < options.warmup;
        for (index, app) in options.apps.iter().enumerate() {
            let label = &app.label;
            let fresh_home;
            let home = if options.fresh {
                fresh_home = new_home()?;
                fresh_home.path()
            } else {
                kept_homes[index].path()
            };
            let sample = measure_once(app, home, options.idle)
                .map_err(|e| format!("{label} (run {}): {e}", run + 1))?;
            eprintln!(
                "{label:>8} run {:>2}{}: first paint {:>5.0} ms, on screen {:>5.0} ms, PSS {:>6.1} MB, {} processes",
                run + 1,
                if warmup { " (warm-up)" } else { "" },
                sample.paint_ms,
                sample.screen_ms,
                mb(sample.pss_kb),
                sample.processes
            );
            if !warmup {
                samples[index].push(sample);
            }
        }
    }
    Ok(samples)
}

/// A folder for an app's data, cache and config, removed when dropped.
fn new_home() -> Result<tempfile::TempDir, String> {
    tempfile::TempDir::with_prefix("cx-bench-").map_err(|e| e.to_string())
}

/// Launches `app` with its data and WebKit folders under `home`, waits for its first paint,
/// lets it idle, reads the memory of its whole process tree, and stops it.
fn measure_once(app: &App, home: &Path, idle: Duration) -> Result<Sample, String> {
    let launched = Instant::now();
    let mut child = launch(app, home)?;
    let watch = screen::watch(child.id(), launched);
    let painted = wait_for_paint(&mut child);

    let result = painted.map(|(at, reported_ms)| {
        thread::sleep(screen::SETTLE);
        let screen_ms = watch
            .and_then(|watch| watch.settled_ms(at.duration_since(launched)))
            .unwrap_or(f64::NAN);
        thread::sleep(idle.saturating_sub(screen::SETTLE));
        let (pss_kb, rss_kb, processes) = memory_of_tree(child.id());
        Sample {
            paint_ms: at.duration_since(launched).as_secs_f64() * 1000.0,
            reported_ms,
            screen_ms,
            pss_kb,
            rss_kb,
            processes,
        }
    });
    stop(&mut child);
    result
}

fn launch(app: &App, home: &Path) -> Result<Child, String> {
    Command::new(&app.binary)
        .envs(app.env.iter().map(|(name, value)| (name, value)))
        .env("CX_APPSTORE_DATA_DIR", home.join("data"))
        .env("CX_APPSTORE_LOG_DIR", home.join("logs"))
        .env("XDG_DATA_HOME", home.join("xdg-data"))
        .env("XDG_CACHE_HOME", home.join("xdg-cache"))
        .env("XDG_CONFIG_HOME", home.join("xdg-config"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", app.binary.display()))
}

/// Reads the app's stdout on a thread (draining it until exit, so the app never blocks on a
/// full pipe) and returns when the marker line arrived, with the figure it carried.
fn wait_for_paint(child: &mut Child) -> Result<(Instant, f64), String> {
    let stdout = child.stdout.take().ok_or("the app's stdout is not piped")?;
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(ms) = line.trim().strip_prefix(MARKER) {
                let _ = sender.send((Instant::now(), ms.parse::<f64>().unwrap_or(f64::NAN)));
            }
        }
    });
    receiver.recv_timeout(PAINT_TIMEOUT).map_err(|_| {
        format!("no {MARKER} line within {PAINT_TIMEOUT:?} (does the app follow the convention?)")
    })
}

/// Total PSS and RSS in kB of `pid` and all its descendants (WebKit's web and network
/// processes), and how many processes that is.
fn memory_of_tree(pid: u32) -> (u64, u64, usize) {
    let tree = process_tree(pid);
    let (pss, rss) = tree.iter().fold((0, 0), |(pss, rss), &p| {
        let rollup = fs::read_to_string(format!("/proc/{p}/smaps_rollup")).unwrap_or_default();
        (
            pss + field_kb(&rollup, "Pss:"),
            rss + field_kb(&rollup, "Rss:"),
        )
    });
    (pss, rss, tree.len())
}

fn field_kb(rollup: &str, name: &str) -> u64 {
    rollup
        .lines()
        .find_map(|line| line.strip_prefix(name))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kb| kb.parse().ok())
        .unwrap_or(0)
}

/// `pid` and every process below it, from the parent links in `/proc/*/stat`.
fn process_tree(pid: u32) -> Vec<u32> {
    let links: Vec<(u32, u32)> = fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|p| Some((p, parent_of(p)?)))
        .collect();

    let mut tree = vec![pid];
    let mut next = 0;
    while next < tree.len() {
        let parent = tree[next];
        tree.extend(
            links
                .iter()
                .filter(|(_, up)| *up == parent)
                .map(|(p, _)| *p),
        );
        next += 1;
    }
    tree
}

/// The parent of `pid` (the command name in `stat` may hold spaces, so count from its `)`).
fn parent_of(pid: u32) -> Option<u32> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = stat.get(stat.rfind(')')? + 2..)?;
    after_name.split(' ').nth(1)?.parse().ok()
}

/// SIGTERM to the app and everything it started; SIGKILL for what is still there after
/// [`EXIT_TIMEOUT`]. All of these are processes this benchmark launched.
fn stop(child: &mut Child) {
    let tree = process_tree(child.id());
    tree.iter().for_each(|&p| signal(p, libc::SIGTERM));

    let deadline = Instant::now() + EXIT_TIMEOUT;
    while Instant::now() < deadline && !matches!(child.try_wait(), Ok(Some(_))) {
        thread::sleep(Duration::from_millis(50));
    }
    for &p in &tree {
        if Path::new(&format!("/proc/{p}")).exists() {
            signal(p, libc::SIGKILL);
        }
    }
    let _ = child.wait();
}

fn signal(pid: u32, signal: libc::c_int) {
    if let Ok(pid) = libc::pid_t::try_from(pid) {
        // SAFETY: kill(2) only sends a signal to a process this benchmark started.
        unsafe {
            libc::kill(pid, signal);
        }
    }
}

fn print_table(options: &Options, samples: &[Vec<Sample>]) {
    println!();
    println!(
        "Startup {}, median of {} runs ({} s idle before reading memory):",
        if options.fresh {
            "from new, empty folders (the first launch ever)"
        } else {
            "from the folders the warm-up filled (the store drawn from the cache)"
        },
        options.runs,
        options.idle.as_secs()
    );
    println!();
    println!(
        "| {:<10} | {:>20} | {:>13} | {:>16} | {:>18} | {:>18} | {:>9} |",
        "app",
        "launch → first paint",
        "self-reported",
        "on screen (pixels)",
        "PSS, all processes",
        "RSS, all processes",
        "processes"
    );
    println!(
        "|{:-<12}|{:->22}|{:->15}|{:->20}|{:->20}|{:->20}|{:->11}|",
        ":", ":", ":", ":", ":", ":", ":"
    );
    for (App { label, .. }, runs) in options.apps.iter().zip(samples) {
        let median_of = |f: fn(&Sample) -> f64| median(runs.iter().map(f).collect());
        println!(
            "| {:<10} | {:>17.0} ms | {:>10.0} ms | {:>15.0} ms | {:>15.1} MB | {:>15.1} MB | {:>9.0} |",
            label,
            median_of(|s| s.paint_ms),
            median_of(|s| s.reported_ms),
            median_of(|s| s.screen_ms),
            median_of(|s| mb(s.pss_kb)),
            median_of(|s| mb(s.rss_kb)),
            median_of(|s| s.processes as f64),
        );
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[middle],
        _ => (values[middle - 1] + values[middle]) / 2.0,
    }
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}
