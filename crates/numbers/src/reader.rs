//! Reading a whole list: text or workbook → rows → the number column → entries, streamed.
//!
//! Entries go to a sink one by one, in line order, as each chunk of lines is normalised (in
//! parallel); only the chunk and the set of numbers seen (for duplicates) are held, never the
//! whole list of results.

use std::borrow::Cow;
use std::collections::hash_map::{Entry as Slot, HashMap};
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader as _};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::normalise::{Normaliser, Outcome};
use crate::table::{self, Column};
use crate::{decode, ReadError, Reason};

/// Lines normalised together (in parallel) before their entries are handed on.
const CHUNK: usize = 16 * 1024;

/// What to read and how.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "numbers/")]
pub struct ReadOptions {
    /// ISO 3166 two-letter code for numbers written without `+` or `00`.
    pub default_country: Option<String>,
    /// The column of a table to read (0-based), when the user chose one.
    pub column: Option<usize>,
}

/// A list to read.
#[derive(Clone, Copy, Debug)]
pub enum Input<'a> {
    /// Pasted text.
    Text(&'a str),
    /// A file's bytes, with its name (the extension says whether it is a workbook).
    Bytes { name: &'a str, bytes: &'a [u8] },
    /// A file on disk.
    Path(&'a Path),
}

/// One line that holds something, in line order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "numbers/")]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Entry {
    /// A number to dial.
    Accepted {
        /// 1-based line (or spreadsheet row) of the source.
        #[ts(type = "number")]
        line: u64,
        /// E.164.
        e164: String,
    },
    /// The same number as an earlier line: dropped.
    Duplicate {
        /// 1-based line of this copy.
        #[ts(type = "number")]
        line: u64,
        /// The number both lines hold.
        e164: String,
        /// The line where it first appeared.
        #[ts(type = "number")]
        first_line: u64,
    },
    /// Not accepted.
    Rejected {
        /// 1-based line.
        #[ts(type = "number")]
        line: u64,
        /// The text as found.
        text: String,
        /// Why.
        reason: Reason,
    },
}

impl Entry {
    /// The entry's line.
    pub fn line(&self) -> u64 {
        match self {
            Entry::Accepted { line, .. }
            | Entry::Duplicate { line, .. }
            | Entry::Rejected { line, .. } => *line,
        }
    }
}

/// How many lines were rejected for one reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "numbers/")]
pub struct ReasonCount {
    /// The reason.
    pub reason: Reason,
    /// The number of lines.
    #[ts(type = "number")]
    pub count: u64,
}

/// What the source looked like.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "numbers/")]
pub struct Layout {
    /// `text`, `csv`, `xlsx`, `xls`, `ods`.
    pub format: String,
    /// The text encoding found (`UTF-8`, `UTF-16 LE` …); `None` for workbooks.
    pub encoding: Option<String>,
    /// The CSV delimiter, as text (`;`, `\t` shown as "tab").
    pub delimiter: Option<String>,
    /// Whether the first row was a header (not read as a number).
    pub header: bool,
    /// The column read, for a table.
    pub column: Option<usize>,
    /// Every column of a table, to change the choice.
    pub columns: Vec<Column>,
}

/// The counts of a read list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "numbers/")]
pub struct Summary {
    /// Lines (or spreadsheet rows) in the source.
    #[ts(type = "number")]
    pub lines: u64,
    /// Numbers kept, in order.
    #[ts(type = "number")]
    pub accepted: u64,
    /// Lines dropped as copies of an earlier number.
    #[ts(type = "number")]
    pub duplicates: u64,
    /// Lines rejected, all reasons together.
    #[ts(type = "number")]
    pub rejected: u64,
    /// Blank lines (and empty cells) skipped.
    #[ts(type = "number")]
    pub blank: u64,
    /// Lines that were not data: a `sep=` line, a header row.
    #[ts(type = "number")]
    pub header_lines: u64,
    /// Rejected lines by reason, in [`Reason::ALL`] order, reasons with none left out.
    pub by_reason: Vec<ReasonCount>,
    /// What the source looked like.
    pub layout: Layout,
}

/// How far a read has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "numbers/")]
pub struct Progress {
    /// Lines read so far.
    #[ts(type = "number")]
    pub done: u64,
    /// Lines in the source.
    #[ts(type = "number")]
    pub total: u64,
}

/// The error a sink may return to stop a read.
pub type SinkError = Box<dyn std::error::Error + Send + Sync>;

/// Reads `input`, handing each entry to `sink` in line order, and returns the counts.
pub fn read(
    input: Input<'_>,
    options: &ReadOptions,
    progress: &mut dyn FnMut(Progress),
    sink: &mut dyn FnMut(Entry) -> Result<(), SinkError>,
) -> Result<Summary, ReadError> {
    let normaliser = Normaliser::new(options.default_country.as_deref())?;
    let (name, bytes) = match input {
        Input::Text(text) => return read_text(text, "UTF-8", options, &normaliser, progress, sink),
        Input::Bytes { name, bytes } => (name.to_owned(), Cow::Borrowed(bytes)),
        Input::Path(path) => (file_name(path), Cow::Owned(read_file(path)?)),
    };

    match workbook_format(&name) {
        Some(format) => read_workbook(&bytes, format, options, &normaliser, progress, sink),
        None => {
            let (text, encoding) = decode::decode(&bytes)?;
            drop(bytes);
            read_text(&text, encoding, options, &normaliser, progress, sink)
        }
    }
}

/// The summary and the first `limit` lines that were not accepted, without keeping anything:
/// what the user sees before saving.
pub fn preview(
    input: Input<'_>,
    options: &ReadOptions,
    limit: usize,
) -> Result<(Summary, Vec<Entry>), ReadError> {
    let mut problems = Vec::new();
    let summary = read(input, options, &mut |_| {}, &mut |entry| {
        if problems.len() < limit && !matches!(entry, Entry::Accepted { .. }) {
            problems.push(entry);
        }
        Ok(())
    })?;
    Ok((summary, problems))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    std::fs::read(path).map_err(|e| ReadError::File(format!("{}: {e}", path.display())))
}

fn workbook_format(name: &str) -> Option<&'static str> {
    let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
    ["xlsx", "xlsm", "xlsb", "xls", "ods"]
        .into_iter()
        .find(|known| *known == extension)
}

/// One line of data, with the text of the cell to read.
struct Item<'a> {
    line: u64,
    text: Cow<'a, str>,
    /// Decided before normalising (a spreadsheet value that lost its digits).
    forced: Option<Reason>,
}

fn read_text(
    text: &str,
    encoding: &str,
    options: &ReadOptions,
    normaliser: &Normaliser,
    progress: &mut dyn FnMut(Progress),
    sink: &mut dyn FnMut(Entry) -> Result<(), SinkError>,
) -> Result<Summary, ReadError> {
    let lines = count_lines(text);
    let (delimiter, sep_line) = table::sniff_delimiter(text);
    let mut layout = Layout {
        format: if delimiter.is_some() { "csv" } else { "text" }.into(),
        encoding: Some(encoding.into()),
        delimiter: delimiter.map(delimiter_name),
        header: false,
        column: None,
        columns: Vec::new(),
    };

    let Some(delimiter) = delimiter else {
        let items = text.split_terminator('\n').enumerate().map(|(i, line)| {
            Ok(Item {
                line: i as u64 + 1,
                text: Cow::Borrowed(line),
                forced: None,
            })
        });
        return Tally::new(lines, 0, layout).run(items, normaliser, progress, sink);
    };

    let skipped = u64::from(sep_line);
    let body = if sep_line {
        text.split_once('\n').map_or("", |(_, rest)| rest)
    } else {
        text
    };
    let records = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes())
        .into_records()
        .map(move |record| {
            let record = record.map_err(|e| ReadError::Csv(e.to_string()))?;
            let line = record.position().map_or(0, |p| p.line()) + skipped;
            let cells = record.iter().map(|cell| (cell.to_owned(), None)).collect();
            Ok(Row { line, cells })
        });
    read_table(
        records,
        lines,
        skipped,
        &mut layout,
        options,
        normaliser,
        progress,
        sink,
    )
}

fn count_lines(text: &str) -> u64 {
    let breaks = text.bytes().filter(|&b| b == b'\n').count() as u64;
    breaks + u64::from(!text.is_empty() && !text.ends_with('\n'))
}

fn delimiter_name(delimiter: u8) -> String {
    match delimiter {
        b'\t' => "tab".into(),
        other => char::from(other).to_string(),
    }
}

/// A row of a table: its line and its cells (text, and a reason decided already).
struct Row {
    line: u64,
    cells: Vec<(String, Option<Reason>)>,
}

#[allow(clippy::too_many_arguments)]
fn read_table(
    rows: impl Iterator<Item = Result<Row, ReadError>>,
    lines: u64,
    skipped: u64,
    layout: &mut Layout,
    options: &ReadOptions,
    normaliser: &Normaliser,
    progress: &mut dyn FnMut(Progress),
    sink: &mut dyn FnMut(Entry) -> Result<(), SinkError>,
) -> Result<Summary, ReadError> {
    let mut rows = rows.peekable();
    let mut first: Vec<Row> = Vec::new();
    while first.len() <= 20 {
        match rows.next() {
            Some(row) => first.push(row?),
            None => break,
        }
    }

    let texts: Vec<Vec<String>> = first
        .iter()
        .map(|r| r.cells.iter().map(|(t, _)| t.clone()).collect())
        .collect();
    let header = texts.first().is_some_and(|row| table::is_header(row));
    let (head, data) = if header {
        (texts.first(), &texts[1..])
    } else {
        (None, &texts[..])
    };
    let columns = table::describe(head.map(Vec::as_slice), data);
    let column = table::choose(&columns, options.column)?;
    layout.header = header;
    layout.column = Some(column);
    layout.columns = columns;

    let header_lines = skipped + u64::from(header);
    let items = first
        .into_iter()
        .skip(usize::from(header))
        .map(Ok)
        .chain(rows)
        .map(|row| {
            let mut row = row?;
            let cell = (column < row.cells.len()).then(|| row.cells.swap_remove(column));
            let (text, forced) = cell.unwrap_or_default();
            Ok(Item {
                line: row.line,
                text: Cow::Owned(text),
                forced,
            })
        });
    Tally::new(lines, header_lines, layout.clone()).run(items, normaliser, progress, sink)
}

fn read_workbook(
    bytes: &[u8],
    format: &str,
    options: &ReadOptions,
    normaliser: &Normaliser,
    progress: &mut dyn FnMut(Progress),
    sink: &mut dyn FnMut(Entry) -> Result<(), SinkError>,
) -> Result<Summary, ReadError> {
    let unreadable = |e: calamine::Error| ReadError::Workbook(e.to_string());
    let mut workbook =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let range = match workbook.worksheet_range_at(0) {
        Some(range) => range.map_err(unreadable)?,
        None => return Err(ReadError::Workbook("the workbook has no sheet".into())),
    };

    let top = range.start().map_or(0, |(row, _)| u64::from(row));
    let lines = range.end().map_or(0, |(row, _)| u64::from(row) + 1);
    let rows = range.rows().enumerate().map(move |(i, cells)| {
        let cells = cells.iter().map(cell_text).collect();
        Ok(Row {
            line: top + i as u64 + 1,
            cells,
        })
    });
    let mut layout = Layout {
        format: format.into(),
        encoding: None,
        delimiter: None,
        header: false,
        column: None,
        columns: Vec::new(),
    };
    read_table(
        rows,
        lines,
        0,
        &mut layout,
        options,
        normaliser,
        progress,
        sink,
    )
}

/// Largest whole number a spreadsheet keeps every digit of (Excel keeps 15 significant digits).
const SPREADSHEET_EXACT: f64 = 1e15;

/// A cell as text. Numbers are written out in full; a number with a fraction or past the
/// digits a spreadsheet keeps is refused, since its digits cannot be trusted.
fn cell_text(cell: &Data) -> (String, Option<Reason>) {
    match cell {
        Data::Empty => (String::new(), None),
        Data::String(text) => (text.clone(), None),
        Data::Int(value) => (value.to_string(), None),
        Data::Float(value) if value.fract() != 0.0 => (value.to_string(), Some(Reason::NotANumber)),
        Data::Float(value) if value.abs() >= SPREADSHEET_EXACT => {
            (format!("{value:E}"), Some(Reason::ExcelScientific))
        }
        Data::Float(value) => (format!("{value:.0}"), None),
        other => (other.to_string(), Some(Reason::NotANumber)),
    }
}

fn next_chunk<'a>(
    items: &mut impl Iterator<Item = Result<Item<'a>, ReadError>>,
) -> Result<Vec<Item<'a>>, ReadError> {
    items.by_ref().take(CHUNK).collect()
}

fn normalise_all(chunk: &[Item<'_>], normaliser: &Normaliser) -> Vec<Outcome> {
    chunk
        .par_iter()
        .map(|item| match item.forced {
            Some(reason) => Outcome::Rejected(reason),
            None => normaliser.normalise(&item.text),
        })
        .collect()
}

/// Counts, duplicates, and the hand-over of entries in line order.
struct Tally {
    summary: Summary,
    /// E.164 digits → line of first occurrence.
    seen: HashMap<u128, u64>,
    by_reason: [u64; Reason::ALL.len()],
}

impl Tally {
    fn new(lines: u64, header_lines: u64, layout: Layout) -> Tally {
        let summary = Summary {
            lines,
            accepted: 0,
            duplicates: 0,
            rejected: 0,
            blank: 0,
            header_lines,
            by_reason: Vec::new(),
            layout,
        };
        Tally {
            summary,
            seen: HashMap::new(),
            by_reason: [0; Reason::ALL.len()],
        }
    }

    /// Normalising chunk n+1 (in parallel, on other threads) overlaps handing chunk n to the
    /// sink (the database insert, on this thread).
    fn run<'a>(
        mut self,
        items: impl Iterator<Item = Result<Item<'a>, ReadError>>,
        normaliser: &Normaliser,
        progress: &mut dyn FnMut(Progress),
        sink: &mut dyn FnMut(Entry) -> Result<(), SinkError>,
    ) -> Result<Summary, ReadError> {
        let mut items = items.peekable();
        let mut current = next_chunk(&mut items)?;
        let mut outcomes = normalise_all(&current, normaliser);
        while !current.is_empty() {
            let next = next_chunk(&mut items)?;
            let (next_outcomes, handed) = std::thread::scope(|scope| {
                let ahead = scope.spawn(|| normalise_all(&next, normaliser));
                let handed = self.hand_over(&mut current, outcomes, sink);
                (ahead.join().expect("normalising never panics"), handed)
            });
            handed?;
            let done = current
                .last()
                .map_or(0, |item| item.line)
                .min(self.summary.lines);
            progress(Progress {
                done,
                total: self.summary.lines,
            });
            (current, outcomes) = (next, next_outcomes);
        }
        Ok(self.finish())
    }

    fn hand_over(
        &mut self,
        chunk: &mut [Item<'_>],
        outcomes: Vec<Outcome>,
        sink: &mut dyn FnMut(Entry) -> Result<(), SinkError>,
    ) -> Result<(), ReadError> {
        for (item, outcome) in chunk.iter_mut().zip(outcomes) {
            if let Some(entry) = self.entry(item, outcome) {
                sink(entry).map_err(ReadError::Sink)?;
            }
        }
        Ok(())
    }

    fn entry(&mut self, item: &mut Item<'_>, outcome: Outcome) -> Option<Entry> {
        let line = item.line;
        match outcome {
            Outcome::Blank => None,
            Outcome::Accepted(e164) => {
                let digits: u128 = e164[1..].parse().expect("E.164 is + and at most 20 digits");
                match self.seen.entry(digits) {
                    Slot::Occupied(first) => {
                        self.summary.duplicates += 1;
                        Some(Entry::Duplicate {
                            line,
                            e164,
                            first_line: *first.get(),
                        })
                    }
                    Slot::Vacant(slot) => {
                        slot.insert(line);
                        self.summary.accepted += 1;
                        Some(Entry::Accepted { line, e164 })
                    }
                }
            }
            Outcome::Rejected(reason) => {
                self.summary.rejected += 1;
                self.by_reason[Reason::ALL.iter().position(|r| *r == reason).unwrap_or(0)] += 1;
                let text = std::mem::take(&mut item.text).into_owned();
                Some(Entry::Rejected {
                    line,
                    text: text.trim().to_owned(),
                    reason,
                })
            }
        }
    }

    fn finish(mut self) -> Summary {
        let s = &mut self.summary;
        let data = s.accepted + s.duplicates + s.rejected + s.header_lines;
        s.blank = s.lines.saturating_sub(data);
        s.by_reason = Reason::ALL
            .iter()
            .zip(self.by_reason)
            .filter(|(_, count)| *count > 0)
            .map(|(reason, count)| ReasonCount {
                reason: *reason,
                count,
            })
            .collect();
        self.summary
    }
}
