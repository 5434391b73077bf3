//! How the webview is set up before it starts. On Linux the webview is WebKitGTK, which reads
//! some of its choices from the environment of the processes it starts. Two switches are set
//! here, first thing at launch; a switch the user set is always left as it is.
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

/// What was chosen for the webview, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setup {
    pub cpu_drawing: Switch,
    pub no_optimising_jit: Switch,
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
    fn with_a_gpu_webkit_draws_its_own_way() {
        let (setup, to_set) = decide_on(&[], true);
        assert_eq!(setup.cpu_drawing, Switch::Unset);
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
