//! The TypeScript types of what this feature sends to the UI, generated from Rust into
//! `ui/src/bindings/neutrafix/` (a folder of its own, beside the core's). Run with
//! `UPDATE_BINDINGS=1` to write them; otherwise the test fails when the committed copy is stale.

use std::path::Path;

use cx_neutrafix::assumed::SignupForm;
use cx_neutrafix::market::MarketFilter;
use cx_neutrafix::models::*;
use ts_rs::TS;

fn generate(into: &Path) {
    AccountView::export_all_to(into).unwrap();
    LoginForm::export_all_to(into).unwrap();
    SignupForm::export_all_to(into).unwrap();
    MarketFilter::export_all_to(into).unwrap();
    MarketPage::export_all_to(into).unwrap();
    MarketWindow::export_all_to(into).unwrap();
    Progress::export_all_to(into).unwrap();
    PurchaseView::export_all_to(into).unwrap();
    CardView::export_all_to(into).unwrap();
    OwnPrefix::export_all_to(into).unwrap();
    RateRequest::export_all_to(into).unwrap();
    Rating::export_all_to(into).unwrap();
}

#[test]
fn the_committed_typescript_bindings_match_the_rust_types() {
    cx_testkit::assert_bindings_fresh(
        "neutrafix",
        "-p cx-neutrafix --test neutrafix bindings::",
        generate,
    );
}
