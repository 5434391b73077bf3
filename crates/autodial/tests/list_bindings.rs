//! The TypeScript types of the Set Numbers page are generated from the Rust types of
//! `cx-numbers` and `cx_autodial::lists` and committed in `ui/src/bindings/numbers/`. This test
//! regenerates them and fails when the committed copy differs; `UPDATE_BINDINGS=1` writes them.

use std::path::Path;

use cx_autodial::lists::{ListInfo, ListPreview, ListSource, ProblemPage, Progress, ReadOptions};
use ts_rs::TS;

/// Writes every type (and the types they use) under `root/numbers/`.
fn generate(root: &Path) {
    ListInfo::export_all_to(root).unwrap();
    ListPreview::export_all_to(root).unwrap();
    ListSource::export_all_to(root).unwrap();
    ProblemPage::export_all_to(root).unwrap();
    Progress::export_all_to(root).unwrap();
    ReadOptions::export_all_to(root).unwrap();
}

#[test]
fn the_committed_number_list_bindings_match_the_rust_types() {
    cx_testkit::assert_bindings_fresh(
        "numbers",
        "-p cx-autodial --test autodial list_bindings::",
        generate,
    );
}
