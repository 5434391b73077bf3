//! Declares the app's own commands, so that each window may call only those its capability
//! file (`capabilities/`) lists, and runs Tauri's build step.

/// Every command in `src-tauri/commands/` and `lib.rs`; a command missing here cannot be
/// called from the UI at all.
const COMMANDS: &[&str] = &[
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

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("the Tauri build step failed");
}
