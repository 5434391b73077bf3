//! Number lists saved in the feature's real SQLite file, in a temporary data folder.

use cx_autodial::lists::{self, ListError, Owner};
use cx_numbers::{Input, ReadOptions, Reason};
use rusqlite::Connection;

const MESSY: &str = "+1 (202) 555-0147\n\
                     +44 7400 123456\n\
                     \n\
                     001 202 555 0147\n\
                     +3361a234567\n\
                     4.474E+11\n\
                     0412345678\n\
                     +44 7400 123457\r\n";

fn owner(install: &str) -> Owner {
    Owner {
        profile_id: 1,
        install_id: install.into(),
    }
}

fn open() -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let db = cx_autodial::db::open(dir.path()).unwrap();
    (dir, db)
}

fn import_text(db: &mut Connection, owner: &Owner, name: &str, text: &str) -> lists::ListInfo {
    let options = ReadOptions::default();
    let input = Input::Text(text);
    lists::import(db, owner, name, "pasted", input, &options, &mut |_| {})
        .unwrap()
        .0
}

#[test]
fn an_import_saves_the_numbers_in_order_and_every_problem_with_its_line() {
    let (_dir, mut db) = open();
    let info = import_text(&mut db, &owner("a"), "March", MESSY);

    assert_eq!((info.accepted, info.duplicates, info.rejected), (3, 1, 3));
    let numbers: Vec<(i64, String, i64)> = db
        .prepare(
            "SELECT position, e164, line FROM list_number WHERE list_id = ?1 ORDER BY position",
        )
        .unwrap()
        .query_map([info.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        numbers,
        [
            (0, "+12025550147".into(), 1),
            (1, "+447400123456".into(), 2),
            (2, "+447400123457".into(), 8)
        ]
    );

    let page = lists::problems(&db, &owner("a"), info.id, 0, 10).unwrap();
    let seen: Vec<(u64, Option<Reason>, Option<u64>)> = page
        .items
        .iter()
        .map(|p| (p.line, p.reason, p.first_line))
        .collect();
    assert_eq!(
        seen,
        [
            (4, None, Some(1)),
            (5, Some(Reason::Letters), None),
            (6, Some(Reason::ExcelScientific), None),
            (7, Some(Reason::NationalWithoutCountry), None),
        ]
    );
    assert_eq!(page.total, 4);
}

#[test]
fn problems_are_paged_in_line_order() {
    let (_dir, mut db) = open();
    let info = import_text(&mut db, &owner("a"), "March", MESSY);

    let second = lists::problems(&db, &owner("a"), info.id, 2, 2).unwrap();
    let lines: Vec<u64> = second.items.iter().map(|p| p.line).collect();
    assert_eq!(lines, [6, 7]);
    assert_eq!(
        second.items[1].message,
        Reason::NationalWithoutCountry.describe()
    );
}

#[test]
fn the_lists_of_an_install_are_its_own_newest_first_with_counts_by_reason() {
    let (_dir, mut db) = open();
    let first = import_text(&mut db, &owner("a"), "first", MESSY);
    let second = import_text(&mut db, &owner("a"), "second", "+12025550147\n");
    import_text(&mut db, &owner("b"), "elsewhere", "+12025550148\n");

    let listed = lists::lists(&db, &owner("a")).unwrap();
    let ids: Vec<i64> = listed.iter().map(|l| l.id).collect();
    assert_eq!(ids, [second.id, first.id]);
    let reasons: Vec<(Reason, u64)> = listed[1]
        .by_reason
        .iter()
        .map(|c| (c.reason, c.count))
        .collect();
    assert_eq!(
        reasons,
        [
            (Reason::Letters, 1),
            (Reason::ExcelScientific, 1),
            (Reason::NationalWithoutCountry, 1)
        ]
    );
    assert!(matches!(
        lists::list(&db, &owner("b"), first.id),
        Err(ListError::NotFound(_))
    ));
}

#[test]
fn deleting_a_list_removes_its_numbers_and_problems() {
    let (_dir, mut db) = open();
    let info = import_text(&mut db, &owner("a"), "March", MESSY);

    assert!(matches!(
        lists::delete(&db, &owner("b"), info.id),
        Err(ListError::NotFound(_))
    ));
    lists::delete(&db, &owner("a"), info.id).unwrap();

    let left: i64 = db
        .query_row(
            "SELECT (SELECT COUNT(*) FROM list_number) + (SELECT COUNT(*) FROM list_problem)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
    assert!(lists::lists(&db, &owner("a")).unwrap().is_empty());
}

#[test]
fn the_rejected_lines_export_as_csv_with_line_text_and_reason() {
    let (dir, mut db) = open();
    let info = import_text(&mut db, &owner("a"), "March", MESSY);
    let path = dir.path().join("rejected.csv");

    let written = lists::export_rejected_to(&db, &owner("a"), info.id, &path).unwrap();

    assert_eq!(written, 3);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "line,text,reason\n\
         5,'+3361a234567,contains a letter\n\
         6,4.474E+11,\"Excel scientific notation, digits lost: export the column as text\"\n\
         7,0412345678,\"national number with no country: add + and the country code, or pick a default country\"\n"
    );
}

#[test]
fn an_import_that_fails_midway_saves_nothing_and_keeps_the_lists_saved_before() {
    let (_dir, mut db) = open();
    let kept = import_text(&mut db, &owner("a"), "kept", MESSY);
    db.execute_batch(
        "CREATE TEMP TRIGGER full AFTER INSERT ON list_number WHEN NEW.position = 1 \
         BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
    )
    .unwrap();

    let options = ReadOptions::default();
    let failed = lists::import(
        &mut db,
        &owner("a"),
        "new",
        "pasted",
        Input::Text(MESSY),
        &options,
        &mut |_| {},
    );

    assert!(failed.unwrap_err().to_string().contains("disk full"));
    let listed = lists::lists(&db, &owner("a")).unwrap();
    assert_eq!(listed.iter().map(|l| l.id).collect::<Vec<_>>(), [kept.id]);
    let numbers: i64 = db
        .query_row("SELECT COUNT(*) FROM list_number", [], |r| r.get(0))
        .unwrap();
    assert_eq!(numbers, 3, "only the first list's numbers");
}

#[test]
fn a_file_that_cannot_be_decoded_is_refused_whole() {
    let (dir, mut db) = open();
    let path = dir.path().join("latin1.txt");
    std::fs::write(&path, b"+447400123456\n+44 7400\xA0123457\n").unwrap();

    let options = ReadOptions::default();
    let result = lists::import(
        &mut db,
        &owner("a"),
        "bad",
        "latin1.txt",
        Input::Path(&path),
        &options,
        &mut |_| {},
    );

    let message = result.unwrap_err().to_string();
    assert!(message.contains("not UTF-8"), "{message}");
    assert!(lists::lists(&db, &owner("a")).unwrap().is_empty());
}

#[test]
fn progress_is_reported_up_to_the_last_line() {
    let (_dir, mut db) = open();
    let text: String = (0..40_000).map(|i| format!("+44 7400 {i:06}\n")).collect();
    let mut reports = Vec::new();

    let options = ReadOptions::default();
    lists::import(
        &mut db,
        &owner("a"),
        "big",
        "pasted",
        Input::Text(&text),
        &options,
        &mut |p| reports.push((p.done, p.total)),
    )
    .unwrap();

    assert!(reports.len() >= 2, "{reports:?}");
    assert_eq!(reports.last(), Some(&(40_000, 40_000)));
}
