//! 1,000,000 messy lines (mixed formats, 2% bad, 5% duplicates) from file to SQLite, beside the
//! plain phone-number library (`parse` + `is_valid`) over the same lines, in one run.
//! Run: `cargo bench -p cx-numbers --bench import`. Prints both figures and the ratio.

use std::io::Write;
use std::time::{Duration, Instant};

use cx_numbers::{read, Entry, Input, ReadOptions};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::{params, Connection};

const LINES: usize = 1_000_000;
const SCHEMA: &str = include_str!("../../autodial/src/migrations/0001_lists.sql");

fn messy_line(rng: &mut StdRng, i: usize) -> String {
    let roll = rng.random_range(0..100);
    if roll < 2 {
        let bad = [
            "+3361a234567",
            "4.474E+11",
            "0412345678",
            "+44 7400 12",
            "+1 202 555 0147 x12",
        ];
        return bad[i % bad.len()].to_owned();
    }
    // 5%: a number of an earlier line again (same number, the format it had then).
    let n = if roll < 7 {
        rng.random_range(0..i.max(1))
    } else {
        i
    };
    let (high, low) = (n / 10_000, n % 10_000);
    match n % 6 {
        0 => format!("+1 (212) {}-{low:04}", 200 + high % 700),
        1 => format!("+44 7400 {n:06}"),
        2 => format!("0049 151 2{n:07}"),
        3 => format!(
            "+33 6 {:02} {:02} {:02} {:02}",
            n / 1_000_000,
            high % 100,
            low / 100,
            low % 100
        ),
        4 => format!("+61-412-{:03}-{:03}", (n / 1000) % 1000, n % 1000),
        _ => format!("+3247{n:07}"),
    }
}

fn write_file(path: &std::path::Path) {
    let mut rng = StdRng::seed_from_u64(7);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..LINES {
        let line = messy_line(&mut rng, i);
        let ending = if i % 3 == 0 { "\r\n" } else { "\n" };
        write!(out, "{line}{ending}").unwrap();
    }
    out.flush().unwrap();
}

fn ours(path: &std::path::Path, db_path: &std::path::Path) -> (Duration, u64) {
    let start = Instant::now();
    let mut db = Connection::open(db_path).unwrap();
    db.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
        .unwrap();
    db.execute_batch(SCHEMA).unwrap();
    let tx = db.transaction().unwrap();
    tx.execute(
        "INSERT INTO number_list (profile_id, install_id, name, source, created_at, accepted, \
         duplicates, rejected) VALUES (1, 'bench', 'bench', 'file', 'now', 0, 0, 0)",
        [],
    )
    .unwrap();
    let id = tx.last_insert_rowid();
    let summary = {
        let mut number = tx
            .prepare_cached(
                "INSERT INTO list_number (list_id, position, e164, line) VALUES (?1, ?2, ?3, ?4)",
            )
            .unwrap();
        let mut problem = tx
            .prepare_cached("INSERT INTO list_problem (list_id, line, kind, reason, text) VALUES (?1, ?2, ?3, ?4, ?5)")
            .unwrap();
        let mut position = 0i64;
        read(
            Input::Path(path),
            &ReadOptions::default(),
            &mut |_| {},
            &mut |entry| {
                match entry {
                    Entry::Accepted { line, e164 } => {
                        number.execute(params![id, position, e164, line as i64])?;
                        position += 1;
                    }
                    Entry::Duplicate {
                        line,
                        e164,
                        first_line,
                    } => {
                        problem.execute(params![
                            id,
                            line as i64,
                            "duplicate",
                            first_line.to_string(),
                            e164
                        ])?;
                    }
                    Entry::Rejected { line, text, reason } => {
                        problem.execute(params![
                            id,
                            line as i64,
                            "rejected",
                            reason.code(),
                            text
                        ])?;
                    }
                }
                Ok(())
            },
        )
        .unwrap()
    };
    tx.commit().unwrap();
    println!(
        "  ours: accepted {} duplicates {} rejected {} blank {}",
        summary.accepted, summary.duplicates, summary.rejected, summary.blank
    );
    (start.elapsed(), summary.accepted)
}

fn plain_library(path: &std::path::Path) -> (Duration, u64) {
    let start = Instant::now();
    let text = std::fs::read_to_string(path).unwrap();
    let mut valid = 0;
    for line in text.lines() {
        if let Ok(number) = phonenumber::parse(None, line.trim()) {
            valid += u64::from(phonenumber::is_valid(&number));
        }
    }
    (start.elapsed(), valid)
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("messy.txt");
    write_file(&file);
    println!(
        "{LINES} messy lines, {} MB",
        std::fs::metadata(&file).unwrap().len() / 1_000_000
    );

    let (ours_time, accepted) = ours(&file, &dir.path().join("lists.sqlite3"));
    let (library_time, valid) = plain_library(&file);

    println!(
        "file → SQLite (ours):               {:.2} s ({accepted} numbers saved)",
        ours_time.as_secs_f64()
    );
    println!(
        "plain library parse + is_valid:      {:.2} s ({valid} valid, nothing saved)",
        library_time.as_secs_f64()
    );
    println!(
        "ratio: {:.1}× faster",
        library_time.as_secs_f64() / ours_time.as_secs_f64()
    );
}
