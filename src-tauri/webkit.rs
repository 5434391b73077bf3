//! How the webview is set up before it starts. On Linux the webview is WebKitGTK, which reads
//! some of its choices from the environment of the processes it starts. Two switches are set
//! here, first thing at launch, and a switch the user set is always left as it is; one setting
//! of the webview follows as the window opens.
//!
//! - **Without a GPU the page is drawn on the CPU** (`WEBKIT_SKIA_ENABLE_CPU_RENDERING`).
//!   WebKit draws pages through OpenGL; on a computer without a GPU (a virtual machine, a
//!   remote desktop, a headless session) that is Mesa's software renderer, and WebKit's own
//!   drawing on the CPU is faster and smaller (here, with the store on screen: 641 → 574 ms to
//!   the first frame, 362 → 324 MB). With a GPU, WebKit draws as it chooses.
//! - **JavaScript stops at the baseline compiler** (`JSC_useDFGJIT=0`). The script engine
//!   compiles hot functions in tiers: a quick baseline compiler, then the optimising DFG and
//!   FTL compilers. The screens' work (search, sorting, number lists) happens in Rust, and the
//!   optimising tiers make no difference we can measure to the UI (drawing 500 store cards:
//!   138–148 ms with them, 144–151 ms without), but at launch they compile dozens of functions
//!   and hold 11–12 MB for it.
//! - **Without a GPU a scrolling box is repainted as it scrolls** (WebKit's
//!   `AsyncOverflowScrolling` feature, off). By default WebKit gives each scrolling box a layer
//!   of its own and paints tiles up to about a screen beyond what shows, so that a scroll only
//!   moves them; drawn on the CPU, each tile is held twice (as painted and as a texture for the
//!   compositor). For the store that is 13–16 MB. Repainted instead, the box costs nothing
//!   beyond the window, and scrolling the store stayed at one frame per refresh (150 frames
//!   scrolled from script: 16–17 ms per frame at the median, 18–19 ms at p90, against 17–23 and
//!   22–26 ms with the layer). With a GPU the tiles are cheap and the default stands. Unlike the
//!   two above, this is a setting of the webview, not of the environment, so nothing outside
//!   the app changes it.
//!
//! One more switch was tried and left out: `WEBKIT_DISABLE_DMABUF_RENDERER` holds 75 MB less
//! without a GPU, but 4 launches in 14 then waited about half a second longer before their first
//! frame reached the screen.

// The switches are set on Linux only; elsewhere only the tests use them.
#![cfg_attr(not(target_os = "linux"), allow(dead_code))]

/// WebKit draws the page on the CPU.
const CPU_DRAWING: (&str, &str) = ("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1");

/// The script engine skips its optimising compilers (DFG, and FTL above it).
const NO_OPTIMISING_JIT: (&str, &str) = ("JSC_useDFGJIT", "0");

/// What became of one switch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Switch {
    /// Left unset: the webview's own default stands.
    Unset,
    /// Set by the app.
    Set,
    /// The user set it; their value stands.
    AsTheUserSet,
}

/// How a box with more content than room scrolls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scrolling {
    /// In a layer of its own, painted ahead (WebKit's default).
    Composited,
    /// Repainted as it moves: no layer, no tiles beyond the window.
    Repainted,
}

/// What was chosen for the webview, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setup {
    pub cpu_drawing: Switch,
    pub no_optimising_jit: Switch,
    pub scrolling: Scrolling,
}

/// What the machine looks like, as far as the switches go.
struct Machine<'a> {
    /// The value of an environment variable, if it is set.
    env: &'a dyn Fn(&str) -> Option<String>,
    /// Whether a GPU render node (`/dev/dri/renderD128` and on) exists.
    has_render_node: bool,
}

/// The switches, and the environment variables that carry them out.
fn decide(machine: &Machine) -> (Setup, Vec<(&'static str, &'static str)>) {
    let mut to_set = Vec::new();
    let mut switch = |(name, value): (&'static str, &'static str), wanted: bool| {
        if (machine.env)(name).is_some() {
            Switch::AsTheUserSet
        } else if wanted {
            to_set.push((name, value));
            Switch::Set
        } else {
            Switch::Unset
        }
    };

    // Mesa draws in software, GPU or not, when this is set.
    let software_gl = (machine.env)("LIBGL_ALWAYS_SOFTWARE")
        .is_some_and(|value| !value.is_empty() && value != "0");
    let no_gpu = !machine.has_render_node || software_gl;
    let setup = Setup {
        cpu_drawing: switch(CPU_DRAWING, no_gpu),
        no_optimising_jit: switch(NO_OPTIMISING_JIT, true),
        scrolling: if no_gpu {
            Scrolling::Repainted
        } else {
            Scrolling::Composited
        },
    };
    (setup, to_set)
}

/// Sets the switches. Must run before any thread starts: it sets environment variables, which
/// the webview's processes inherit.
#[cfg(target_os = "linux")]
pub fn set_up() -> Setup {
    let env = |name: &str| std::env::var(name).ok();
    let machine = Machine {
        env: &env,
        has_render_node: has_gpu_render_node(),
    };
    let (setup, to_set) = decide(&machine);
    for (name, value) in to_set {
        // SAFETY: called first thing in `run`, before the app starts any thread, so nothing
        // reads the environment while it changes.
        unsafe { std::env::set_var(name, value) };
    }
    setup
}

/// Other platforms' webviews (WebView2, WKWebView) take none of these switches.
#[cfg(not(target_os = "linux"))]
pub fn set_up() -> Setup {
    Setup {
        cpu_drawing: Switch::Unset,
        no_optimising_jit: Switch::Unset,
        scrolling: Scrolling::Composited,
    }
}

/// Makes the settings of `setup` that belong to the webview rather than to the environment.
/// Called as the app sets up, when the window exists and its page has only begun to load.
#[cfg(target_os = "linux")]
pub fn apply(window: &tauri::WebviewWindow, setup: Setup) {
    if setup.scrolling == Scrolling::Composited {
        return;
    }
    let done = window.with_webview(|webview| {
        use webkit2gtk::WebViewExt;
        let Some(settings) = webview.inner().settings() else {
            tracing::warn!("the webview has no settings: scrolling boxes keep their layers");
            return;
        };
        match features::turn_off(&settings, "AsyncOverflowScrolling") {
            Ok(()) => tracing::debug!("scrolling boxes are repainted as they scroll"),
            Err(why) => tracing::info!(why, "scrolling boxes keep their layers"),
        }
    });
    if let Err(error) = done {
        tracing::warn!(%error, "could not reach the webview to set it up");
    }
}

#[cfg(not(target_os = "linux"))]
pub fn apply(_window: &tauri::WebviewWindow, _setup: Setup) {}

/// WebKitGTK's switches for its own features (`webkit_settings_set_feature_enabled` and the
/// functions around it). They came with WebKitGTK 2.42, and the app also runs on older ones, so
/// they are looked up as the app runs rather than linked: a missing one means "not here".
#[cfg(target_os = "linux")]
mod features {
    use std::ffi::{c_char, c_int, c_void, CStr};
    use webkit2gtk::glib::translate::ToGlibPtr;

    pub const NO_SWITCHES: &str = "this WebKitGTK has no feature switches (they came with 2.42)";
    pub const NO_SUCH_FEATURE: &str = "this WebKitGTK has no such feature";

    type AllFeatures = unsafe extern "C" fn() -> *mut c_void;
    type Length = unsafe extern "C" fn(*mut c_void) -> usize;
    type Get = unsafe extern "C" fn(*mut c_void, usize) -> *mut c_void;
    type Identifier = unsafe extern "C" fn(*mut c_void) -> *const c_char;
    type SetEnabled = unsafe extern "C" fn(*mut c_void, *mut c_void, c_int);
    type Unref = unsafe extern "C" fn(*mut c_void);

    /// Turns off the feature WebKit names `identifier` in `settings`.
    pub fn turn_off(settings: &webkit2gtk::Settings, identifier: &str) -> Result<(), &'static str> {
        // SAFETY: each name is looked up in the WebKitGTK library the process already runs, and
        // cast to the signature its documentation gives it.
        let (all, length, get, name_of, set_enabled, unref) = unsafe {
            (
                find::<AllFeatures>(c"webkit_settings_get_all_features"),
                find::<Length>(c"webkit_feature_list_get_length"),
                find::<Get>(c"webkit_feature_list_get"),
                find::<Identifier>(c"webkit_feature_get_identifier"),
                find::<SetEnabled>(c"webkit_settings_set_feature_enabled"),
                find::<Unref>(c"webkit_feature_list_unref"),
            )
        };
        let (Some(all), Some(length), Some(get), Some(name_of), Some(set_enabled), Some(unref)) =
            (all, length, get, name_of, set_enabled, unref)
        else {
            return Err(NO_SWITCHES);
        };

        let settings: *mut webkit2gtk::ffi::WebKitSettings = settings.to_glib_none().0;
        // SAFETY: the list is owned here and released once; its features live as long as it
        // does, and each identifier is a string WebKit owns.
        unsafe {
            let list = all();
            if list.is_null() {
                return Err("this WebKitGTK lists no features");
            }
            let wanted = (0..length(list))
                .map(|index| get(list, index))
                .filter(|feature| !feature.is_null())
                .find(|&feature| {
                    let name = name_of(feature);
                    !name.is_null() && CStr::from_ptr(name).to_bytes() == identifier.as_bytes()
                });
            if let Some(feature) = wanted {
                set_enabled(settings.cast(), feature, 0);
            }
            unref(list);
            wanted.map(|_| ()).ok_or(NO_SUCH_FEATURE)
        }
    }

    /// Whether the feature WebKit names `identifier` is on in `settings`, or why that cannot
    /// be told (the same reasons as `turn_off`'s).
    #[cfg(test)]
    pub fn is_on(settings: &webkit2gtk::Settings, identifier: &str) -> Result<bool, &'static str> {
        type IsEnabled = unsafe extern "C" fn(*mut c_void, *mut c_void) -> c_int;
        // SAFETY: as in `turn_off`.
        let found = unsafe {
            (
                find::<AllFeatures>(c"webkit_settings_get_all_features"),
                find::<Length>(c"webkit_feature_list_get_length"),
                find::<Get>(c"webkit_feature_list_get"),
                find::<Identifier>(c"webkit_feature_get_identifier"),
                find::<IsEnabled>(c"webkit_settings_get_feature_enabled"),
                find::<Unref>(c"webkit_feature_list_unref"),
            )
        };
        let (Some(all), Some(length), Some(get), Some(name_of), Some(is_enabled), Some(unref)) =
            found
        else {
            return Err(NO_SWITCHES);
        };
        let settings: *mut webkit2gtk::ffi::WebKitSettings = settings.to_glib_none().0;
        // SAFETY: as in `turn_off`; where the switches exist, the list and names are not null.
        unsafe {
            let list = all();
            let state = (0..length(list))
                .map(|index| get(list, index))
                .find(|&feature| {
                    CStr::from_ptr(name_of(feature)).to_bytes() == identifier.as_bytes()
                })
                .map(|feature| is_enabled(settings.cast(), feature) != 0);
            unref(list);
            state.ok_or(NO_SUCH_FEATURE)
        }
    }

    /// The function named `name` in the libraries loaded so far, as a `F`.
    ///
    /// # Safety
    /// `F` must be the function pointer type of that function.
    unsafe fn find<F: Copy>(name: &CStr) -> Option<F> {
        const { assert!(size_of::<F>() == size_of::<*mut c_void>()) };
        // SAFETY: dlsym reads a C string and returns an address or null.
        let address = unsafe { libc::dlsym(libc::RTLD_DEFAULT, name.as_ptr()) };
        // SAFETY: non-null, and the caller vouches for the type.
        (!address.is_null()).then(|| unsafe { std::mem::transmute_copy(&address) })
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The switches on a machine with these variables set and, or not, a render node.
    fn decide_on(
        vars: &[(&str, &str)],
        has_render_node: bool,
    ) -> (Setup, Vec<(&'static str, &'static str)>) {
        let env = |name: &str| {
            vars.iter()
                .find(|(set, _)| *set == name)
                .map(|(_, value)| (*value).to_owned())
        };
        decide(&Machine {
            env: &env,
            has_render_node,
        })
    }

    #[test]
    fn without_a_gpu_the_page_is_drawn_on_the_cpu() {
        let (setup, to_set) = decide_on(&[], false);
        assert_eq!(setup.cpu_drawing, Switch::Set);
        assert_eq!(
            to_set,
            vec![
                ("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1"),
                ("JSC_useDFGJIT", "0"),
            ]
        );
    }

    #[test]
    fn without_a_gpu_a_scrolling_box_is_repainted_rather_than_given_a_layer() {
        let (setup, _) = decide_on(&[], false);
        assert_eq!(setup.scrolling, Scrolling::Repainted);
        let (setup, _) = decide_on(&[("LIBGL_ALWAYS_SOFTWARE", "1")], true);
        assert_eq!(setup.scrolling, Scrolling::Repainted);
    }

    /// The real WebKitGTK this builds against: the feature is found by its name and turned
    /// off. Skipped, with a message, without a display or on a WebKitGTK older than 2.42.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_scrolling_feature_is_found_and_turned_off_in_webkits_settings() {
        // WebKit sets itself up against a display, and without one GTK ends the whole process.
        if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
            eprintln!("skipped: no display (scripts/test runs this under Xvfb)");
            return;
        }
        // Made as a plain object: `Settings::new` asks for GTK to be set up first, in this
        // thread; the test needs no window.
        let settings = webkit2gtk::glib::Object::new::<webkit2gtk::Settings>();
        let before = match features::is_on(&settings, "AsyncOverflowScrolling") {
            Err(features::NO_SWITCHES) => {
                eprintln!("skipped: {}", features::NO_SWITCHES);
                return;
            }
            other => other.expect("the feature is found by its name"),
        };
        assert!(
            before,
            "WebKit scrolls boxes in layers of their own by default"
        );

        features::turn_off(&settings, "AsyncOverflowScrolling").expect("turn the feature off");
        let after = features::is_on(&settings, "AsyncOverflowScrolling");
        assert_eq!(after, Ok(false));
        let unknown = features::turn_off(&settings, "NoSuchFeature");
        assert_eq!(unknown, Err(features::NO_SUCH_FEATURE));
    }

    #[test]
    fn with_a_gpu_webkit_draws_its_own_way() {
        let (setup, to_set) = decide_on(&[], true);
        assert_eq!(setup.cpu_drawing, Switch::Unset);
        assert_eq!(setup.scrolling, Scrolling::Composited);
        assert_eq!(setup.no_optimising_jit, Switch::Set);
        assert_eq!(to_set, vec![("JSC_useDFGJIT", "0")]);
    }

    #[test]
    fn software_opengl_counts_as_no_gpu() {
        let (setup, _) = decide_on(&[("LIBGL_ALWAYS_SOFTWARE", "1")], true);
        assert_eq!(setup.cpu_drawing, Switch::Set);
        let (setup, _) = decide_on(&[("LIBGL_ALWAYS_SOFTWARE", "0")], true);
        assert_eq!(setup.cpu_drawing, Switch::Unset);
    }

    #[test]
    fn a_switch_the_user_set_is_left_as_it_is() {
        let vars = [
            ("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "0"),
            ("JSC_useDFGJIT", "1"),
        ];
        let (setup, to_set) = decide_on(&vars, false);
        assert_eq!(setup.cpu_drawing, Switch::AsTheUserSet);
        assert_eq!(setup.no_optimising_jit, Switch::AsTheUserSet);
        assert!(to_set.is_empty(), "{to_set:?}");
    }

    #[test]
    fn one_switch_the_user_set_leaves_the_other_to_the_app() {
        let (setup, to_set) = decide_on(&[("JSC_useDFGJIT", "1")], false);
        assert_eq!(setup.no_optimising_jit, Switch::AsTheUserSet);
        assert_eq!(setup.cpu_drawing, Switch::Set);
        assert_eq!(to_set, vec![("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1")]);
    }
}
