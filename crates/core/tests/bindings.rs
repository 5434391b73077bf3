//! The TypeScript types of everything that crosses to the UI are generated from Rust and
//! committed in `ui/src/bindings/`. This test regenerates them and fails when the committed
//! copy differs; run it with `UPDATE_BINDINGS=1` to write the new ones. The core owns the
//! `.ts` files at the top of that folder; each feature crate owns a subfolder of its own.

use std::path::Path;

use cx_core::models::*;
use cx_core::{AccountForm, AppError};
use ts_rs::TS;

fn generate(into: &Path) {
    AppError::export_all_to(into).unwrap();
    AccountForm::export_all_to(into).unwrap();
    SessionView::export_all_to(into).unwrap();
    StoreQuery::export_all_to(into).unwrap();
    StoreView::export_all_to(into).unwrap();
    AppPage::export_all_to(into).unwrap();
    InstallRequest::export_all_to(into).unwrap();
    VersionChange::export_all_to(into).unwrap();
    PickOption::export_all_to(into).unwrap();
    AppInfo::export_all_to(into).unwrap();
}

#[test]
fn the_committed_typescript_bindings_match_the_rust_types() {
    cx_testkit::assert_bindings_fresh("", "-p cx-core --test core bindings::", generate);
}
