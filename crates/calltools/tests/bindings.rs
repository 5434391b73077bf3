//! The TypeScript types of what this crate hands the UI are generated from Rust into
//! `ui/src/bindings/calltools/` (a folder of its own, so the core's bindings check, which reads
//! only its own top-level files, is not disturbed). This test fails when the committed copy is
//! stale; `UPDATE_BINDINGS=1 cargo test -p cx-calltools --test bindings` rewrites it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
fn the_committed_typescript_bindings_of_call_tools_match_the_rust_types() {
    let committed =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings/calltools");
    let fresh = tempfile::tempdir().unwrap();
    generate(fresh.path());

    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        std::fs::create_dir_all(&committed).unwrap();
        generate(&committed);
        return;
    }

    let (want, have) = (read_tree(fresh.path()), read_tree(&committed));
    assert_eq!(
        want.keys().collect::<Vec<_>>(),
        have.keys().collect::<Vec<_>>(),
        "ui/src/bindings/calltools lists other files; run UPDATE_BINDINGS=1"
    );
    for (name, text) in &want {
        assert_eq!(
            Some(text),
            have.get(name),
            "{name} is stale; run UPDATE_BINDINGS=1"
        );
    }
}
