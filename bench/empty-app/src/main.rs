//! The smallest Tauri 2 app that follows the startup-benchmark convention (see README,
//! "Benchmarks"): its page calls `report_first_paint` after its first frame, and the app prints
//! `CX_FIRST_PAINT_MS=<ms since start>` on stdout, once.

use std::io::Write;
use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();

#[tauri::command]
fn report_first_paint() {
    static REPORTED: OnceLock<()> = OnceLock::new();
    if REPORTED.set(()).is_ok() {
        let elapsed = STARTED.get().map_or(0, |start| start.elapsed().as_millis());
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "CX_FIRST_PAINT_MS={elapsed}");
        let _ = stdout.flush();
    }
}

fn main() {
    STARTED.get_or_init(Instant::now);

    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![report_first_paint])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}
