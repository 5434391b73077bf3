//! The TypeScript types of what the Yoco screens receive and send are generated from Rust into
//! `ui/src/bindings/yoco/`. This test regenerates them and fails when the committed copy
//! differs; run it with `UPDATE_BINDINGS=1` to write the new ones.

use std::path::Path;

use cx_yoco::models::*;
use ts_rs::TS;

fn generate(into: &Path) {
    TopUpView::export_all_to(into).unwrap();
    TopUpRequest::export_all_to(into).unwrap();
    RefundRequest::export_all_to(into).unwrap();
    HistoryFilter::export_all_to(into).unwrap();
    PayableCustomer::export_all_to(into).unwrap();
    YocoSettings::export_all_to(into).unwrap();
    SettingsForm::export_all_to(into).unwrap();
    QuoteView::export_all_to(into).unwrap();
}

#[test]
fn the_committed_yoco_typescript_bindings_match_the_rust_types() {
    cx_testkit::assert_bindings_fresh("yoco", "-p cx-yoco --test yoco bindings::", |root| {
        generate(&root.join("yoco"))
    });
}
