//! The check every crate that hands types to the UI runs: the TypeScript generated from its
//! Rust types (with ts-rs) must equal the copy committed under `ui/src/bindings/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The committed bindings, `ui/src/bindings/`.
fn committed_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings")
}

/// The `.ts` files directly in `folder` (not in its subfolders), by name.
fn ts_files(folder: &Path) -> BTreeMap<String, String> {
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

/// Fails when the bindings a crate owns are stale. `folder` is its part of `ui/src/bindings/`
/// (`""` for the core's top-level files, `"yoco"` for a feature's subfolder); `generate`
/// writes every binding into the bindings root it is given, so that the crate's own land in
/// `folder` there. With `UPDATE_BINDINGS` set, the committed files of `folder` are rewritten
/// instead (and no one else's).
pub fn assert_bindings_fresh(folder: &str, crate_and_test: &str, generate: impl Fn(&Path)) {
    let committed = committed_root().join(folder);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        for name in ts_files(&committed).keys() {
            std::fs::remove_file(committed.join(name)).unwrap();
        }
        std::fs::create_dir_all(&committed).unwrap();
        generate(&committed_root());
        return;
    }

    let fresh = tempfile::tempdir().unwrap();
    generate(fresh.path());
    let (want, have) = (ts_files(&fresh.path().join(folder)), ts_files(&committed));
    assert!(
        !want.is_empty(),
        "no bindings were generated into {folder:?}"
    );
    let stale: Vec<_> = want
        .keys()
        .chain(have.keys())
        .filter(|name| want.get(*name) != have.get(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/bindings/{folder} is stale ({stale:?}); run `UPDATE_BINDINGS=1 cargo test \
         {crate_and_test}` and commit the result"
    );
}
