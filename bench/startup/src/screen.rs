//! When an app's first frame really reached the screen, read from its window's own pixels.
//!
//! A page's report of its first paint comes from its frame callbacks, which run before WebKit
//! has rasterised the frame; for a page heavier than one heading the pixels come later. So,
//! beside the report, a thread grabs the app's window over X11 every few milliseconds and keeps
//! the times at which its content changed; the frame that was on screen when the page settled
//! is the figure. Without an X11 display (Wayland) there is no such figure.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{Atom, AtomEnum, ConnectionExt, ImageFormat, MapState, Window};
use x11rb::rust_connection::RustConnection;

/// A change that alters less than this share of the window (a text caret blinking) is not a
/// new frame.
const CHANGED_SHARE: f64 = 0.002;

/// Every this many pixels is compared, which is plenty to see a frame change.
const PIXEL_STRIDE: usize = 7;

/// How long after the page's report a frame still counts as the first one drawn: the frames
/// that follow it (the rest of a list drawn just after) belong to it.
pub const SETTLE: Duration = Duration::from_millis(1000);

/// A thread watching one app's window.
pub struct Watch {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<Vec<Duration>>,
}

/// Starts watching the window of process `pid`, timing changes from `launched`.
pub fn watch(pid: u32, launched: Instant) -> Option<Watch> {
    let (connection, screen) = x11rb::connect(None).ok()?;
    let root = connection.setup().roots.get(screen)?.root;
    let pid_atom = connection
        .intern_atom(false, b"_NET_WM_PID")
        .ok()?
        .reply()
        .ok()?
        .atom;
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = Arc::clone(&stop);
    let thread = thread::spawn(move || {
        let mut changes = Vec::new();
        let mut window = None;
        let mut previous: Vec<u32> = Vec::new();
        while !stopped.load(Ordering::Relaxed) {
            let Some((id, width, height)) =
                window.or_else(|| find_window(&connection, root, pid_atom, pid))
            else {
                thread::sleep(Duration::from_millis(2));
                continue;
            };
            window = Some((id, width, height));
            let Some(sample) = grab(&connection, id, width, height) else {
                window = None;
                continue;
            };
            if changed(&previous, &sample) {
                changes.push(launched.elapsed());
            }
            previous = sample;
        }
        changes
    });
    Some(Watch { stop, thread })
}

impl Watch {
    /// Milliseconds from launch to the frame on screen when the page settled: the last change
    /// up to `SETTLE` after `reported` (the page's report, from launch).
    pub fn settled_ms(self, reported: Duration) -> Option<f64> {
        self.stop.store(true, Ordering::Relaxed);
        let changes = self.thread.join().ok()?;
        changes
            .into_iter()
            .take_while(|at| *at <= reported + SETTLE)
            .last()
            .map(|at| at.as_secs_f64() * 1000.0)
    }
}

/// The app's shown top-level window (the largest, if several, whose `_NET_WM_PID` is `pid`):
/// id, width, height.
fn find_window(
    connection: &RustConnection,
    root: Window,
    pid_atom: Atom,
    pid: u32,
) -> Option<(Window, u16, u16)> {
    let children = connection.query_tree(root).ok()?.reply().ok()?.children;
    children
        .into_iter()
        .filter(|&window| {
            connection
                .get_property(false, window, pid_atom, AtomEnum::CARDINAL, 0, 1)
                .ok()
                .and_then(|cookie| cookie.reply().ok())
                .and_then(|property| property.value32()?.next())
                == Some(pid)
        })
        .filter(|&window| {
            connection
                .get_window_attributes(window)
                .ok()
                .and_then(|cookie| cookie.reply().ok())
                .is_some_and(|attributes| attributes.map_state == MapState::VIEWABLE)
        })
        .filter_map(|window| {
            let geometry = connection.get_geometry(window).ok()?.reply().ok()?;
            Some((window, geometry.width, geometry.height))
        })
        .max_by_key(|&(_, width, height)| u32::from(width) * u32::from(height))
}

/// Every `PIXEL_STRIDE`th pixel of the window, or `None` when it cannot be read (gone, or no
/// longer shown).
fn grab(connection: &RustConnection, window: Window, width: u16, height: u16) -> Option<Vec<u32>> {
    let image = connection
        .get_image(ImageFormat::Z_PIXMAP, window, 0, 0, width, height, !0)
        .ok()?
        .reply()
        .ok()?;
    Some(
        image
            .data
            .chunks_exact(4)
            .step_by(PIXEL_STRIDE)
            .map(|pixel| u32::from_le_bytes([pixel[0], pixel[1], pixel[2], 0]))
            .collect(),
    )
}

/// Whether `now` is a new frame after `before`.
fn changed(before: &[u32], now: &[u32]) -> bool {
    if before.len() != now.len() {
        return true;
    }
    let differing = before.iter().zip(now).filter(|(a, b)| a != b).count();
    differing as f64 > CHANGED_SHARE * now.len() as f64
}
