//! The TypeScript types of what the Auto Dial Config and Start pages exchange with Rust are
//! generated from these types and committed in `ui/src/bindings/autodial/`; this test fails
//! when the committed copy is stale (`UPDATE_BINDINGS=1` rewrites it).

use std::path::Path;

use cx_autodial::jobs::model::{CallResult, DialableList, JobProgress, JobRequest};
use ts_rs::TS;

/// Writes every type (and the types they use) under `root/autodial/`.
fn generate(root: &Path) {
    JobRequest::export_all_to(root).unwrap();
    JobProgress::export_all_to(root).unwrap();
    CallResult::export_all_to(root).unwrap();
    DialableList::export_all_to(root).unwrap();
}

#[test]
fn the_committed_autodial_bindings_match_the_rust_types() {
    cx_testkit::assert_bindings_fresh(
        "autodial",
        "-p cx-autodial --test autodial bindings::",
        generate,
    );
}
