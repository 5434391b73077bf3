//! Number lists of the Set Numbers page, kept in `autodial.sqlite3`.
//!
//! An import streams the entries of `cx-numbers` into SQLite inside one transaction, through
//! prepared statements: a list is saved whole or not at all, and what was saved before stays as
//! it was if the import fails midway. The import is synchronous and CPU-bound: callers on an
//! async runtime run it with `spawn_blocking` and take progress through the callback.

use std::io::Write;
use std::path::Path;

use chrono::Utc;
use cx_numbers::{Entry, Input, ProblemRow, Reason};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use cx_numbers::{Column, Layout, Progress, ReadError, ReadOptions, ReasonCount, Summary};
pub use rusqlite::Connection;

/// Whose list: one install of one profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Owner {
    /// The signed-in profile.
    pub profile_id: i64,
    /// The install of Autonomous Calling.
    pub install_id: String,
}

/// A saved list, as the page lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "numbers/")]
pub struct ListInfo {
    /// The list's id.
    #[ts(type = "number")]
    pub id: i64,
    /// Its name.
    pub name: String,
    /// The file it came from, or "pasted".
    pub source: String,
    /// When it was imported (RFC 3339, UTC).
    pub created_at: String,
    /// Numbers kept.
    #[ts(type = "number")]
    pub accepted: u64,
    /// Duplicate lines dropped.
    #[ts(type = "number")]
    pub duplicates: u64,
    /// Lines rejected.
    #[ts(type = "number")]
    pub rejected: u64,
    /// Rejected lines by reason.
    pub by_reason: Vec<ReasonCount>,
}

/// A line that was not kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "numbers/")]
pub struct Problem {
    /// 1-based line of the source.
    #[ts(type = "number")]
    pub line: u64,
    /// The text as found (for a duplicate: the number).
    pub text: String,
    /// Why it was rejected; `None` for a duplicate.
    pub reason: Option<Reason>,
    /// For a duplicate: the line where the number first appeared.
    #[ts(type = "number | null")]
    pub first_line: Option<u64>,
    /// What a person reads.
    pub message: String,
}

/// One page of problems.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "numbers/")]
pub struct ProblemPage {
    /// Problems in the whole list.
    #[ts(type = "number")]
    pub total: u64,
    /// This page, in line order.
    pub items: Vec<Problem>,
}

/// Why a list operation failed.
#[derive(Debug, thiserror::Error)]
pub enum ListError {
    /// The list could not be read; nothing was saved.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The database failed; nothing was saved.
    #[error("the list database failed: {0}")]
    Database(#[from] rusqlite::Error),
    /// No such list for this install.
    #[error("no list {0} for this install")]
    NotFound(i64),
    /// The rejected lines could not be written.
    #[error("cannot write the file: {0}")]
    Write(#[from] std::io::Error),
}

/// Reads `input` and saves it as a new list named `name`, all in one transaction.
pub fn import(
    db: &mut Connection,
    owner: &Owner,
    name: &str,
    source: &str,
    input: Input<'_>,
    options: &ReadOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<(ListInfo, Summary), ListError> {
    let tx = db.transaction()?;
    let id = insert_list(&tx, owner, name, source)?;
    let summary = {
        let mut number = tx.prepare_cached(
            "INSERT INTO list_number (list_id, position, e164, line) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut problem = tx.prepare_cached(
            "INSERT INTO list_problem (list_id, line, kind, reason, text) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut position = 0i64;
        cx_numbers::read(input, options, progress, &mut |entry| {
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
                    let first = first_line.to_string();
                    problem.execute(params![id, line as i64, "duplicate", first, e164])?;
                }
                Entry::Rejected { line, text, reason } => {
                    problem.execute(params![id, line as i64, "rejected", reason.code(), text])?;
                }
            }
            Ok(())
        })?
    };
    tx.execute(
        "UPDATE number_list SET accepted = ?2, duplicates = ?3, rejected = ?4 WHERE id = ?1",
        params![
            id,
            summary.accepted as i64,
            summary.duplicates as i64,
            summary.rejected as i64
        ],
    )?;
    tx.commit()?;
    let info = list(db, owner, id)?;
    Ok((info, summary))
}

fn insert_list(
    tx: &Transaction<'_>,
    owner: &Owner,
    name: &str,
    source: &str,
) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO number_list (profile_id, install_id, name, source, created_at, accepted, \
         duplicates, rejected) VALUES (?1, ?2, ?3, ?4, ?5, 0, 0, 0)",
        params![
            owner.profile_id,
            owner.install_id,
            name,
            source,
            Utc::now().to_rfc3339()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// The lists of an install, newest first.
pub fn lists(db: &Connection, owner: &Owner) -> Result<Vec<ListInfo>, ListError> {
    let mut statement = db.prepare(
        "SELECT id FROM number_list WHERE profile_id = ?1 AND install_id = ?2 ORDER BY id DESC",
    )?;
    let ids = statement
        .query_map(params![owner.profile_id, owner.install_id], |row| {
            row.get::<_, i64>(0)
        })?
        .collect::<Result<Vec<_>, _>>()?;
    ids.into_iter().map(|id| list(db, owner, id)).collect()
}

/// One list with its counts by reason.
pub fn list(db: &Connection, owner: &Owner, id: i64) -> Result<ListInfo, ListError> {
    let info = db
        .query_row(
            "SELECT name, source, created_at, accepted, duplicates, rejected FROM number_list \
             WHERE id = ?1 AND profile_id = ?2 AND install_id = ?3",
            params![id, owner.profile_id, owner.install_id],
            |row| {
                Ok(ListInfo {
                    id,
                    name: row.get(0)?,
                    source: row.get(1)?,
                    created_at: row.get(2)?,
                    accepted: row.get::<_, i64>(3)? as u64,
                    duplicates: row.get::<_, i64>(4)? as u64,
                    rejected: row.get::<_, i64>(5)? as u64,
                    by_reason: Vec::new(),
                })
            },
        )
        .optional()?
        .ok_or(ListError::NotFound(id))?;
    Ok(ListInfo {
        by_reason: reason_counts(db, id)?,
        ..info
    })
}

fn reason_counts(db: &Connection, id: i64) -> Result<Vec<ReasonCount>, ListError> {
    let mut statement = db.prepare(
        "SELECT reason, COUNT(*) FROM list_problem WHERE list_id = ?1 AND kind = 'rejected' \
         GROUP BY reason",
    )?;
    let rows = statement.query_map([id], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
    })?;
    let mut counts: Vec<ReasonCount> = rows
        .filter_map(Result::ok)
        .filter_map(|(code, count)| {
            Reason::from_code(&code).map(|reason| ReasonCount {
                reason,
                count: count as u64,
            })
        })
        .collect();
    counts.sort_by_key(|c| Reason::ALL.iter().position(|r| *r == c.reason));
    Ok(counts)
}

/// Problems of a list (rejected and duplicate lines), in line order, `limit` from `offset`.
pub fn problems(
    db: &Connection,
    owner: &Owner,
    id: i64,
    offset: u64,
    limit: u64,
) -> Result<ProblemPage, ListError> {
    let total = list(db, owner, id).map(|l| l.duplicates + l.rejected)?;
    let mut statement = db.prepare(
        "SELECT line, kind, reason, text FROM list_problem WHERE list_id = ?1 ORDER BY line \
         LIMIT ?2 OFFSET ?3",
    )?;
    let items = statement
        .query_map(params![id, limit as i64, offset as i64], |row| {
            let (line, kind, reason, text): (i64, String, String, String) =
                (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
            Ok(problem(line as u64, &kind, &reason, text))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ProblemPage { total, items })
}

fn problem(line: u64, kind: &str, reason: &str, text: String) -> Problem {
    if kind == "duplicate" {
        let first_line = reason.parse().ok();
        let message = format!("duplicate of line {reason}");
        return Problem {
            line,
            text,
            reason: None,
            first_line,
            message,
        };
    }
    let reason = Reason::from_code(reason);
    let message = reason.map_or("rejected", Reason::describe).to_owned();
    Problem {
        line,
        text,
        reason,
        first_line: None,
        message,
    }
}

/// Deletes a list with its numbers and problems.
pub fn delete(db: &Connection, owner: &Owner, id: i64) -> Result<(), ListError> {
    let deleted = db.execute(
        "DELETE FROM number_list WHERE id = ?1 AND profile_id = ?2 AND install_id = ?3",
        params![id, owner.profile_id, owner.install_id],
    )?;
    if deleted == 0 {
        return Err(ListError::NotFound(id));
    }
    Ok(())
}

/// Writes the rejected lines of a list as CSV (`line,text,reason`).
pub fn export_rejected(
    db: &Connection,
    owner: &Owner,
    id: i64,
    writer: impl Write,
) -> Result<u64, ListError> {
    list(db, owner, id)?;
    let mut statement = db.prepare(
        "SELECT line, reason, text FROM list_problem WHERE list_id = ?1 AND kind = 'rejected' \
         ORDER BY line",
    )?;
    let rows = statement
        .query_map([id], |row| {
            let reason: String = row.get(1)?;
            let reason = Reason::from_code(&reason).map_or(reason, |r| r.describe().to_owned());
            Ok(ProblemRow {
                line: row.get::<_, i64>(0)? as u64,
                reason,
                text: row.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let count = rows.len() as u64;
    cx_numbers::write_problems_csv(writer, rows)?;
    Ok(count)
}

/// Writes the rejected lines of a list to the file at `path` (created or replaced).
pub fn export_rejected_to(
    db: &Connection,
    owner: &Owner,
    id: i64,
    path: &Path,
) -> Result<u64, ListError> {
    let file = std::fs::File::create(path)?;
    export_rejected(db, owner, id, std::io::BufWriter::new(file))
}

/// Writes the rejected lines of a list that is not saved yet (the summary before saving).
pub fn export_rejected_of(
    input: Input<'_>,
    options: &ReadOptions,
    path: &Path,
) -> Result<u64, ListError> {
    let mut rows = Vec::new();
    cx_numbers::read(input, options, &mut |_| {}, &mut |entry| {
        if let Entry::Rejected { line, text, reason } = entry {
            rows.push(ProblemRow {
                line,
                text,
                reason: reason.describe().to_owned(),
            });
        }
        Ok(())
    })?;
    let count = rows.len() as u64;
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    cx_numbers::write_problems_csv(file, rows)?;
    Ok(count)
}

/// Where a list comes from, as the page sends it: files go by path, never as bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "numbers/")]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ListSource {
    /// Pasted into the page.
    Pasted {
        /// The text.
        text: String,
    },
    /// A file picked or dropped.
    File {
        /// Its path.
        path: String,
    },
}

impl ListSource {
    /// The input to read.
    pub fn input(&self) -> Input<'_> {
        match self {
            ListSource::Pasted { text } => Input::Text(text),
            ListSource::File { path } => Input::Path(Path::new(path)),
        }
    }

    /// The file's name, or "pasted".
    pub fn label(&self) -> String {
        match self {
            ListSource::Pasted { .. } => "pasted".into(),
            ListSource::File { path } => Path::new(path)
                .file_name()
                .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned()),
        }
    }
}

/// What the page shows before saving: the summary and the first problems, or the columns to
/// choose from when the file has several that could hold the numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "numbers/")]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ListPreview {
    /// Read: nothing saved yet.
    Read {
        /// The counts and the layout found.
        summary: Summary,
        /// The first lines not accepted, in line order.
        problems: Vec<Entry>,
    },
    /// The user must choose the column of numbers.
    ChooseColumn {
        /// The table's columns with sample values.
        columns: Vec<Column>,
    },
}

/// Reads a list without saving it, keeping the first `limit` problems.
pub fn preview(
    source: &ListSource,
    options: &ReadOptions,
    limit: usize,
) -> Result<ListPreview, ListError> {
    match cx_numbers::preview(source.input(), options, limit) {
        Ok((summary, problems)) => Ok(ListPreview::Read { summary, problems }),
        Err(ReadError::ChooseColumn(columns)) => Ok(ListPreview::ChooseColumn { columns }),
        Err(error) => Err(error.into()),
    }
}
