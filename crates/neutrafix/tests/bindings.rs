//! The TypeScript types of what this feature sends to the UI, generated from Rust into
//! `ui/src/bindings/neutrafix/` (a folder of its own, beside the core's). Run with
//! `UPDATE_BINDINGS=1` to write them; otherwise the test fails when the committed copy is stale.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

fn read_tree(root: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(root).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "ts") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            files.insert(name, std::fs::read_to_string(&path).unwrap());
        }
    }
    files
}

#[test]
fn the_committed_typescript_bindings_match_the_rust_types() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings");
    let committed = root.join("neutrafix");
    let fresh = tempfile::tempdir().unwrap();
    generate(fresh.path());

    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        generate(&root);
        return;
    }

    let (want, have) = (
        read_tree(&fresh.path().join("neutrafix")),
        read_tree(&committed),
    );
    assert!(!want.is_empty(), "the types were generated");
    let stale: Vec<_> = want
        .keys()
        .chain(have.keys())
        .filter(|name| want.get(*name) != have.get(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/bindings/neutrafix is stale ({stale:?}); run `UPDATE_BINDINGS=1 cargo test -p \
         cx-neutrafix --test bindings` and commit the result"
    );
}
