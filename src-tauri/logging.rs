//! Logging, set up once: `tracing` to a daily file in the OS log folder (a week kept) and to
//! stderr, with the level from `CX_APPSTORE_LOG` (an `EnvFilter` such as `debug` or
//! `info,cx_platform=debug`). Nothing logged carries a secret: the core logs ids and
//! counts, and secrets are wrapped in a type that prints `<redacted>`.

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter};

const DEFAULT_FILTER: &str = "info,hyper=warn,hyper_util=warn,reqwest=warn,tao=warn,wry=warn";

/// Starts logging; keep the guard alive for as long as the app runs so the file is flushed.
pub fn init(log_dir: &Path) -> Option<WorkerGuard> {
    let filter = EnvFilter::try_from_env("CX_APPSTORE_LOG")
        .unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    // The appender does not create its folder; without it there would be no log file at all.
    let _ = std::fs::create_dir_all(log_dir);
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("connexcs-appstore")
        .filename_suffix("log")
        .max_log_files(7)
        .build(log_dir);
    let (file_layer, guard, file_error) = match appender {
        Ok(appender) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            (
                Some(fmt::layer().with_ansi(false).with_writer(writer)),
                Some(guard),
                None,
            )
        }
        Err(error) => (None, None, Some(error)),
    };

    tracing_subscriber::registry()
        .with(filter)
        .with(fmt::layer().with_writer(std::io::stderr))
        .with(file_layer)
        .init();
    if let Some(error) = file_error {
        tracing::warn!(%error, dir = %log_dir.display(), "no log file; logging to stderr only");
    }
    guard
}
