//! The TypeScript types of what the Yoco screens receive and send are generated from Rust into
//! `ui/src/bindings/yoco/`. This test regenerates them and fails when the committed copy
//! differs; run it with `UPDATE_BINDINGS=1` to write the new ones.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
fn the_committed_yoco_typescript_bindings_match_the_rust_types() {
    let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings/yoco");
    let fresh = tempfile::tempdir().unwrap();
    generate(fresh.path());

    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        std::fs::create_dir_all(&committed).unwrap();
        generate(&committed);
        return;
    }

    let (want, have) = (read_tree(fresh.path()), read_tree(&committed));
    let stale: Vec<_> = want
        .keys()
        .chain(have.keys())
        .filter(|name| want.get(*name) != have.get(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/bindings/yoco is stale ({stale:?}); run `UPDATE_BINDINGS=1 cargo test -p \
         cx-yoco --test bindings` and commit the result"
    );
}
