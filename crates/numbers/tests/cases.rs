//! The field cases of `shared/cases/number-lists/`, one test each, named after the file, with the
//! right answer from the cases README. The files are copied into `tests/cases/` so a clean
//! checkout of the repository has them.

use std::path::PathBuf;

use cx_numbers::{read, Entry, Input, ReadOptions, Reason, Summary};

fn case(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(name)
}

fn read_case(name: &str, default_country: Option<&str>) -> (Summary, Vec<Entry>) {
    let options = ReadOptions {
        default_country: default_country.map(str::to_owned),
        column: None,
    };
    let mut entries = Vec::new();
    let summary = read(
        Input::Path(&case(name)),
        &options,
        &mut |_| {},
        &mut |entry| {
            entries.push(entry);
            Ok(())
        },
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"));
    (summary, entries)
}

fn accepted(line: u64, e164: &str) -> Entry {
    Entry::Accepted {
        line,
        e164: e164.into(),
    }
}

#[test]
fn crlf_trailing_blank() {
    let (summary, entries) = read_case("crlf-trailing-blank.txt", None);

    assert_eq!(
        entries,
        [accepted(1, "+12025550143"), accepted(2, "+12025550144")]
    );
    assert_eq!(
        (summary.blank, summary.rejected),
        (1, 0),
        "the blank line is skipped, not an error"
    );
}

#[test]
fn utf8_bom() {
    let (summary, entries) = read_case("utf8-bom.txt", None);

    assert_eq!(
        entries,
        [accepted(1, "+447400123456"), accepted(2, "+447400123457")]
    );
    assert_eq!(summary.layout.encoding.as_deref(), Some("UTF-8 with BOM"));
}

#[test]
fn utf16le_excel_unicode_text() {
    let (summary, entries) = read_case("utf16le-excel-unicode-text.txt", None);

    assert_eq!(
        entries,
        [accepted(1, "+447400123456"), accepted(2, "+12025550145")]
    );
    assert_eq!(summary.layout.encoding.as_deref(), Some("UTF-16 LE"));
}

#[test]
fn semicolon_excel() {
    let (summary, entries) = read_case("semicolon-excel.csv", None);

    assert_eq!(
        entries,
        [accepted(2, "+447400123456"), accepted(3, "+12025550146")]
    );
    let layout = &summary.layout;
    assert_eq!(
        (layout.delimiter.as_deref(), layout.header, layout.column),
        (Some(";"), true, Some(0))
    );
    assert_eq!(
        summary.header_lines, 1,
        "the header row is recognised, not read as a number"
    );
}

#[test]
fn national_leading_zero() {
    let (summary, entries) = read_case("national-leading-zero.txt", None);
    let refused = Entry::Rejected {
        line: 1,
        text: "0412345678".into(),
        reason: Reason::NationalWithoutCountry,
    };
    assert_eq!(entries, [refused]);
    assert_eq!(summary.accepted, 0);

    let (_, with_australia) = read_case("national-leading-zero.txt", Some("AU"));
    assert_eq!(with_australia, [accepted(1, "+61412345678")]);
}

#[test]
fn double_zero_no_region() {
    let (_, entries) = read_case("double-zero-no-region.txt", None);

    assert_eq!(
        entries,
        [accepted(1, "+32470123456")],
        "00 is the international prefix"
    );
}

#[test]
fn letter_inside() {
    let (_, entries) = read_case("letter-inside.txt", None);

    let refused = Entry::Rejected {
        line: 1,
        text: "+3361a234567".into(),
        reason: Reason::Letters,
    };
    assert_eq!(
        entries,
        [refused],
        "the letter is never turned into a digit"
    );
}

#[test]
fn same_number_many_forms() {
    let (summary, entries) = read_case("same-number-many-forms.txt", None);

    let copy = |line| Entry::Duplicate {
        line,
        e164: "+12025550147".into(),
        first_line: 1,
    };
    assert_eq!(
        entries,
        [
            accepted(1, "+12025550147"),
            copy(2),
            copy(3),
            accepted(4, "+12025550148")
        ]
    );
    assert_eq!((summary.accepted, summary.duplicates), (2, 2));
}

#[test]
fn the_copies_in_tests_match_the_shared_cases_when_the_shared_folder_is_there() {
    let shared =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/cases/number-lists");
    let Ok(files) = std::fs::read_dir(&shared) else {
        return; // A clean checkout (CI) has only the copies.
    };
    for file in files.flatten() {
        let name = file.file_name();
        let copy = std::fs::read(case(&name.to_string_lossy()));
        assert_eq!(
            copy.ok(),
            std::fs::read(file.path()).ok(),
            "{name:?} differs from shared/"
        );
    }
}
