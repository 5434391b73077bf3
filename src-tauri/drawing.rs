//! How the webview draws. WebKitGTK draws pages through OpenGL; on a computer without a GPU (a
//! virtual machine, a remote desktop, a headless session) OpenGL is Mesa's software renderer,
//! and drawing through it costs more time and memory than WebKit's own drawing on the CPU
//! (here, with the store on screen: 641 → 574 ms to the first frame, 362 → 324 MB). So when
//! there is no GPU to draw with, the webview is asked to draw on the CPU.

/// The WebKit switch for drawing on the CPU; a value the user set is left as it is.
#[cfg(target_os = "linux")]
const CPU_DRAWING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// How the webview will draw, decided before it starts; see [`choose`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drawing {
    /// The platform's default: through the GPU where there is one.
    Default,
    /// On the CPU, because there is no GPU render node.
    CpuForLackOfGpu,
    /// As the user's own `WEBKIT_SKIA_ENABLE_CPU_RENDERING` says.
    AsTheUserSet,
}

/// Chooses how the webview draws. Must run before any thread starts (it may set an environment
/// variable, which the webview's processes inherit).
#[cfg(target_os = "linux")]
pub fn choose() -> Drawing {
    if std::env::var_os(CPU_DRAWING).is_some() {
        return Drawing::AsTheUserSet;
    }
    if has_gpu_render_node() && !forced_software_gl() {
        return Drawing::Default;
    }
    // SAFETY: called first thing in `run`, before the app starts any thread, so nothing reads
    // the environment while it changes.
    unsafe { std::env::set_var(CPU_DRAWING, "1") };
    Drawing::CpuForLackOfGpu
}

#[cfg(not(target_os = "linux"))]
pub fn choose() -> Drawing {
    Drawing::Default
}

/// A GPU that can draw shows up as a render node, `/dev/dri/renderD128` and on.
#[cfg(target_os = "linux")]
fn has_gpu_render_node() -> bool {
    std::fs::read_dir("/dev/dri").is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// Mesa draws in software, GPU or not, when this is set.
#[cfg(target_os = "linux")]
fn forced_software_gl() -> bool {
    std::env::var_os("LIBGL_ALWAYS_SOFTWARE").is_some_and(|value| !value.is_empty() && value != "0")
}
