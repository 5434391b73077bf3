//! The TypeScript types of the Set Numbers page are generated from the Rust types of
//! `cx-numbers` and `cx_autodial::lists` and committed in `ui/src/bindings/numbers/`. This test
//! regenerates them and fails when the committed copy differs; `UPDATE_BINDINGS=1` writes them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

fn read_tree(folder: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "ts") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            files.insert(name, std::fs::read_to_string(&path).unwrap());
        }
    }
    files
}

#[test]
fn the_committed_number_list_bindings_match_the_rust_types() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings");
    let committed = root.join("numbers");
    let fresh = tempfile::tempdir().unwrap();
    generate(fresh.path());

    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        std::fs::create_dir_all(&committed).unwrap();
        generate(&root);
        return;
    }

    let (want, have) = (read_tree(&fresh.path().join("numbers")), read_tree(&committed));
    let stale: Vec<_> =
        want.keys().chain(have.keys()).filter(|name| want.get(*name) != have.get(*name)).collect();
    assert!(
        stale.is_empty(),
        "ui/src/bindings/numbers is stale ({stale:?}); run `UPDATE_BINDINGS=1 cargo test -p \
         cx-autodial --test list_bindings` and commit the result"
    );
}
