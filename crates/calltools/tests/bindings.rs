//! The TypeScript types of what this crate hands the UI are generated from Rust into
//! `ui/src/bindings/calltools/` (a folder of its own, so the core's bindings check, which reads
//! only its own top-level files, is not disturbed). This test fails when the committed copy is
//! stale; `UPDATE_BINDINGS=1 cargo test -p cx-calltools --test calltools bindings::` rewrites it.

use std::path::Path;

use cx_calltools::clicktodial::{CallPlaced, DialView, NewKey};
use cx_calltools::links::DialLink;
use cx_calltools::spamscore::{
    CheckResult, DidPage, DidQuery, PackageStatus, RunProgress, ScorePoint, SpamSettings,
};
use ts_rs::TS;

fn generate(into: &Path) {
    DialView::export_all_to(into).unwrap();
    NewKey::export_all_to(into).unwrap();
    CallPlaced::export_all_to(into).unwrap();
    DialLink::export_all_to(into).unwrap();
    PackageStatus::export_all_to(into).unwrap();
    SpamSettings::export_all_to(into).unwrap();
    DidQuery::export_all_to(into).unwrap();
    DidPage::export_all_to(into).unwrap();
    RunProgress::export_all_to(into).unwrap();
    CheckResult::export_all_to(into).unwrap();
    ScorePoint::export_all_to(into).unwrap();
}

#[test]
fn the_committed_typescript_bindings_of_call_tools_match_the_rust_types() {
    cx_testkit::assert_bindings_fresh(
        "calltools",
        "-p cx-calltools --test calltools bindings::",
        |root| generate(&root.join("calltools")),
    );
}
