//! The TypeScript types of everything that crosses to the UI are generated from Rust and
//! committed in `ui/src/bindings/`. This test regenerates them and fails when the committed
//! copy differs; run it with `UPDATE_BINDINGS=1` to write the new ones. The core owns the
//! `.ts` files at the top of that folder; each feature crate owns a subfolder of its own.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
    let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings");
    let fresh = tempfile::tempdir().unwrap();
    generate(fresh.path());

    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        // Only the core's own files: the features' subfolders are theirs to write.
        for name in read_tree(&committed).keys() {
            std::fs::remove_file(committed.join(name)).unwrap();
        }
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
        "ui/src/bindings is stale ({stale:?}); run `UPDATE_BINDINGS=1 cargo test -p cx-core \
         --test bindings` and commit the result"
    );
}
