//! Fuzz target for the list reader, run briefly by the test command on stable Rust with
//! proptest's random engine (bolero was tried: its derive crate pins an old `indexmap`, which
//! drags Tauri back to a version that does not build). Inputs: arbitrary bytes, read as a text
//! file, a CSV and a workbook, plus the field cases as they are. Nothing may panic, and the
//! counts must add up.

use std::path::PathBuf;

use cx_numbers::{read, Entry, Input, ReadError, ReadOptions, Summary};
use proptest::prelude::*;

/// Reads `bytes` as a file named `name`; checks the invariants of what comes out.
fn check_one(name: &str, bytes: &[u8]) {
    let mut entries: Vec<Entry> = Vec::new();
    let options = ReadOptions {
        default_country: Some("GB".into()),
        column: None,
    };
    let result = read(
        Input::Bytes { name, bytes },
        &options,
        &mut |_| {},
        &mut |entry| {
            entries.push(entry);
            Ok(())
        },
    );
    match result {
        Ok(summary) => check_counts(&summary, &entries),
        Err(ReadError::Sink(e)) => panic!("the sink never fails here: {e}"),
        Err(_) => assert!(
            entries.is_empty() || name.ends_with(".csv"),
            "partial import"
        ),
    }
}

fn check_counts(summary: &Summary, entries: &[Entry]) {
    let counted = summary.accepted + summary.duplicates + summary.rejected;
    assert_eq!(counted, entries.len() as u64, "every entry is counted once");
    assert_eq!(
        counted + summary.blank + summary.header_lines,
        summary.lines,
        "accepted + duplicates + rejected + blank + header == lines"
    );
    let lines: Vec<u64> = entries.iter().map(Entry::line).collect();
    assert!(
        lines.windows(2).all(|w| w[0] < w[1]),
        "one entry a line, in line order: {lines:?}"
    );
    assert!(
        lines.iter().all(|&l| l >= 1 && l <= summary.lines),
        "lines within the source"
    );
    for entry in entries {
        if let Entry::Accepted { e164, .. } | Entry::Duplicate { e164, .. } = entry {
            assert!(e164.starts_with('+') && e164[1..].bytes().all(|b| b.is_ascii_digit()));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn fuzz_list_reader(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        check_one("fuzz.txt", &bytes);
        check_one("fuzz.csv", &bytes);
        check_one("fuzz.xlsx", &bytes);
    }
}

#[test]
fn fuzz_list_reader_corpus_of_field_cases() {
    let cases = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    for file in std::fs::read_dir(cases).unwrap().flatten() {
        let bytes = std::fs::read(file.path()).unwrap();
        let name = file.file_name().to_string_lossy().into_owned();
        check_one(&name, &bytes);
        for cut in 0..bytes.len() {
            check_one(&name, &bytes[..cut]);
        }
    }
}
