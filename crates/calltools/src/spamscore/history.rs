//! Every Spam Score result, kept in `spamscore.sqlite3`: the change since a DID's last check,
//! its score over time for the chart, and the whole table as CSV.

use cx_core::AppError;
use cx_numbers::csv_text_cell;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::db::error;

/// One result of one check.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CheckResult {
    pub did_id: String,
    /// The number, as the platform has it (no `+`).
    pub did: String,
    /// 0 (nothing found) to 100 (certainly spam); none when the check gave no score.
    #[ts(type = "number | null")]
    pub score: Option<i64>,
    /// What the score means, for people; a clean number reads "Nothing found", never
    /// "Verified": the absence of reports proves nothing.
    pub label: String,
    pub ftc_reported: bool,
    /// UTC, `YYYY-MM-DD HH:MM:SS`.
    pub checked_at: String,
    /// Score now minus the score at the last check; none on the first check.
    #[ts(type = "number | null")]
    pub change: Option<i64>,
}

/// One point of a DID's chart.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScorePoint {
    pub checked_at: String,
    #[ts(type = "number | null")]
    pub score: Option<i64>,
}

/// What a score means. Bands of the 0–100 scale, lowest first.
pub fn label(score: Option<i64>) -> &'static str {
    match score {
        None => "No score",
        Some(s) if s < 20 => "Nothing found",
        Some(s) if s < 50 => "Some reports",
        Some(s) if s < 80 => "Likely spam",
        Some(_) => "Spam",
    }
}

/// A result about to be saved.
pub struct NewCheck<'a> {
    pub did_id: &'a str,
    pub did: &'a str,
    pub score: Option<i64>,
    pub ftc_reported: bool,
}

/// The score of the DID's latest check, if it was ever checked.
pub fn last_score(
    conn: &Connection,
    profile_id: i64,
    did_id: &str,
) -> Result<Option<Option<i64>>, AppError> {
    conn.query_row(
        "SELECT score FROM checks WHERE profile_id = ?1 AND did_id = ?2
         ORDER BY checked_at DESC, id DESC LIMIT 1",
        params![profile_id, did_id],
        |row| row.get(0),
    )
    .optional()
    .map_err(error)
}

/// Saves one run's results in one transaction and answers them with their change.
pub fn save_run(
    conn: &mut Connection,
    profile_id: i64,
    install_id: &str,
    checked_at: &str,
    checks: &[NewCheck<'_>],
    before: impl Fn(&str) -> Option<i64>,
) -> Result<Vec<CheckResult>, AppError> {
    let tx = conn.transaction().map_err(error)?;
    let run_id: i64 = tx
        .query_row(
            "SELECT COALESCE(MAX(run_id), 0) + 1 FROM checks WHERE profile_id = ?1",
            [profile_id],
            |row| row.get(0),
        )
        .map_err(error)?;
    let mut results = Vec::with_capacity(checks.len());
    for check in checks {
        let previous = match last_score(&tx, profile_id, check.did_id)? {
            Some(score) => score,
            None => before(check.did_id),
        };
        let change = check.score.zip(previous).map(|(now, then)| now - then);
        tx.execute(
            "INSERT INTO checks (profile_id, install_id, run_id, did_id, did, score,
                                 ftc_reported, checked_at, change)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                profile_id,
                install_id,
                run_id,
                check.did_id,
                check.did,
                check.score,
                check.ftc_reported,
                checked_at,
                change
            ],
        )
        .map_err(error)?;
        results.push(CheckResult {
            did_id: check.did_id.to_owned(),
            did: check.did.to_owned(),
            score: check.score,
            label: label(check.score).to_owned(),
            ftc_reported: check.ftc_reported,
            checked_at: checked_at.to_owned(),
            change,
        });
    }
    tx.commit().map_err(error)?;
    Ok(results)
}

/// Every result of the profile, newest first, each with the change it showed when it ran.
pub fn all(conn: &Connection, profile_id: i64) -> Result<Vec<CheckResult>, AppError> {
    let mut statement = conn
        .prepare(
            "SELECT did_id, did, score, ftc_reported, checked_at, change
             FROM checks WHERE profile_id = ?1
             ORDER BY checked_at DESC, id DESC",
        )
        .map_err(error)?;
    let rows = statement
        .query_map([profile_id], |row| {
            let score: Option<i64> = row.get(2)?;
            Ok(CheckResult {
                did_id: row.get(0)?,
                did: row.get(1)?,
                score,
                label: label(score).to_owned(),
                ftc_reported: row.get(3)?,
                checked_at: row.get(4)?,
                change: row.get(5)?,
            })
        })
        .map_err(error)?;
    rows.collect::<Result<_, _>>().map_err(error)
}

/// A DID's scores, oldest first.
pub fn points(
    conn: &Connection,
    profile_id: i64,
    did_id: &str,
) -> Result<Vec<ScorePoint>, AppError> {
    let mut statement = conn
        .prepare(
            "SELECT checked_at, score FROM checks WHERE profile_id = ?1 AND did_id = ?2
             ORDER BY checked_at, id",
        )
        .map_err(error)?;
    let rows = statement
        .query_map(params![profile_id, did_id], |row| {
            Ok(ScorePoint {
                checked_at: row.get(0)?,
                score: row.get(1)?,
            })
        })
        .map_err(error)?;
    rows.collect::<Result<_, _>>().map_err(error)
}

/// The results as CSV, with a header row; numbers written with `+`.
pub fn to_csv(results: &[CheckResult]) -> Result<String, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "did",
        "checked_at",
        "score",
        "label",
        "change",
        "ftc_reported",
    ];
    let write_error =
        |e: csv::Error| AppError::new(cx_core::ErrorCode::Internal, format!("CSV: {e}."));
    writer.write_record(header).map_err(write_error)?;
    for result in results {
        let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        writer
            .write_record([
                csv_text_cell(&format!("+{}", result.did.trim_start_matches('+'))).into_owned(),
                csv_text_cell(&result.checked_at).into_owned(),
                number(result.score),
                csv_text_cell(&result.label).into_owned(),
                number(result.change),
                if result.ftc_reported { "yes" } else { "no" }.to_owned(),
            ])
            .map_err(write_error)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| AppError::new(cx_core::ErrorCode::Internal, format!("CSV: {e}.")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod csv_tests {
    use super::{to_csv, CheckResult};

    #[test]
    fn the_csv_keeps_numbers_readable_and_never_runs_a_label_as_a_formula() {
        let results = [CheckResult {
            did_id: "7".into(),
            did: "447400123456".into(),
            score: Some(80),
            label: "=cmd|' /C calc'!A0".into(),
            ftc_reported: false,
            checked_at: "2026-12-04 10:00:00".into(),
            change: Some(-5),
        }];
        let csv = to_csv(&results).unwrap();
        let line = csv.lines().nth(1).unwrap();
        assert_eq!(
            line,
            "+447400123456,2026-12-04 10:00:00,80,'=cmd|' /C calc'!A0,-5,no"
        );
    }
}
