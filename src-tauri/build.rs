//! Declares the app's own commands, so that each window may call only those its capability
//! file (`capabilities/`) lists, runs Tauri's build step, and has a release build lay out the
//! code that runs at startup together (`startup-order.txt`).

use std::env;
use std::path::Path;
use std::process::Command;

/// Every command in `src-tauri/commands/` and `lib.rs`; a command missing here cannot be
/// called from the UI at all.
const COMMANDS: &[&str] = &[
    "neutrafix_account",
    "neutrafix_log_in",
    "neutrafix_log_out",
    "neutrafix_sign_up",
    "neutrafix_upload_document",
    "neutrafix_submit_application",
    "neutrafix_check_application",
    "neutrafix_market_search",
    "neutrafix_market_query",
    "neutrafix_market_rows",
    "neutrafix_export_csv",
    "neutrafix_purchase",
    "neutrafix_purchases",
    "neutrafix_seller_card",
    "neutrafix_prefixes",
    "neutrafix_create_prefix",
    "neutrafix_associate_prefix",
    "neutrafix_rate",
    "yoco_settings",
    "yoco_save_settings",
    "yoco_test_key",
    "yoco_customers",
    "yoco_quote",
    "yoco_start",
    "yoco_check",
    "yoco_history",
    "yoco_export_csv",
    "yoco_refund",
    "yoco_qr",
    "yoco_open_checkout",
    "yoco_watch",
    "report_first_paint",
    "app_info",
    "startup",
    "profiles_list",
    "sign_in",
    "use_sandbox",
    "resume_profile",
    "sign_out",
    "store_view",
    "store_refresh",
    "app_page",
    "installs_list",
    "install_app",
    "install_configure",
    "install_version_preview",
    "install_change_version",
    "install_remove",
    "field_options",
    "open_external",
    "autodial_config_check",
    "autodial_config_save",
    "autodial_job_lists",
    "autodial_jobs",
    "autodial_job_start",
    "autodial_job_pause",
    "autodial_job_resume",
    "autodial_job_stop",
    "autodial_job_results",
    "autodial_job_export",
    "autodial_job_watch",
    "autodial_list_preview",
    "autodial_list_save",
    "autodial_lists",
    "autodial_list_problems",
    "autodial_list_delete",
    "autodial_list_export_rejected",
    "autodial_list_export_rejected_to",
    "autodial_list_pick_file",
    "clicktodial_view",
    "clicktodial_add",
    "clicktodial_rotate",
    "clicktodial_revoke",
    "clicktodial_set_default",
    "clicktodial_call",
    "clicktodial_take_links",
    "clicktodial_open_link",
    "spamscore_package",
    "spamscore_settings",
    "spamscore_set_api_user",
    "spamscore_dids",
    "spamscore_run",
    "spamscore_history",
    "spamscore_chart",
    "spamscore_export_csv",
];

/// The functions a launch runs, up to the store drawn and a few seconds idle, in the mangled
/// names the linker knows, one per line; `scripts/startup-order` writes it from a profile.
const STARTUP_ORDER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src-tauri/startup-order.txt");

fn main() {
    println!("cargo:rerun-if-env-changed=RUSTC_LINKER");
    if Path::new(STARTUP_ORDER).is_file() {
        println!("cargo:rerun-if-changed={STARTUP_ORDER}");
        if startup_order_applies() {
            // Placed side by side, the few MB of code a launch runs share pages, instead of
            // each call bringing in the pages around a function spread over 20 MB of code. A
            // name the binary no longer has (after a dependency or compiler update) is
            // skipped, not an error. `-Xlinker` pairs, as a path may hold a comma.
            for arg in [
                &format!("--symbol-ordering-file={STARTUP_ORDER}"),
                "--no-warn-symbol-ordering",
            ] {
                println!("cargo:rustc-link-arg-bins=-Xlinker");
                println!("cargo:rustc-link-arg-bins={arg}");
            }
        }
    }

    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("the Tauri build step failed");
}

/// A release build for x86-64 Linux linked by the LLD that rustup's Rust brings and uses there
/// since 1.90: the only linker here sure to read a symbol order (GNU ld refuses the option).
/// Not when the build names a linker of its own, nor for a Rust without its own LLD (as a
/// distribution's package may be). Release only: tests gain nothing from it.
fn startup_order_applies() -> bool {
    let release = env::var("PROFILE").as_deref() == Ok("release");
    let target = env::var("TARGET").as_deref() == Ok("x86_64-unknown-linux-gnu");
    let flags = env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    let own_linker = env::var_os("RUSTC_LINKER").is_some()
        || ["linker", "link-self-contained", "fuse-ld"]
            .iter()
            .any(|flag| flags.contains(flag));
    release && target && !own_linker && rustc_links_with_its_own_lld()
}

/// Rust 1.90 or later, with the LLD its toolchain ships (`gcc-ld/ld.lld` in its sysroot).
fn rustc_links_with_its_own_lld() -> bool {
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let ask = |arg: &str| {
        let output = Command::new(&rustc).args(arg.split(' ')).output().ok()?;
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
    };
    let (Some(version), Some(sysroot)) = (ask("-V"), ask("--print sysroot")) else {
        return false;
    };
    // "rustc 1.95.0 (59807616e 2026-04-14)"
    let mut numbers = version.split_whitespace().nth(1).unwrap_or("").split('.');
    let mut next = || {
        numbers
            .next()
            .and_then(|n| n.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let recent = (next(), next()) >= (1, 90);
    let lld = Path::new(&sysroot).join("lib/rustlib/x86_64-unknown-linux-gnu/bin/gcc-ld/ld.lld");
    recent && lld.is_file()
}
