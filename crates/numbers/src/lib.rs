//! Phone number lists, as pasted or imported on the Autonomous Calling "Set Numbers" page.
//!
//! Pure: no database, no Tauri. A list is decoded ([`decode`](crate::read): UTF-8, UTF-16 with a
//! byte order mark), split into rows (plain lines, CSV with a sniffed delimiter, or the first
//! sheet of a workbook read directly), its number column chosen, and every entry normalised to
//! E.164 by the phone-number library ([`Normaliser`]), with a fast path that gives the same
//! answers. Entries stream to the caller in line order ([`read`]); blank lines are skipped,
//! duplicates dropped and reported with the line of their first occurrence, and every rejected
//! line keeps its line number and a [`Reason`].

mod csv_cell;
mod decode;
mod fast;
mod normalise;
mod reader;
mod reason;
mod rejects;
mod table;

pub use csv_cell::csv_text_cell;
pub use normalise::{Normaliser, Outcome, UnknownCountry};
pub use reader::{
    preview, read, Entry, Input, Layout, Progress, ReadOptions, ReasonCount, SinkError, Summary,
};
pub use reason::Reason;
pub use rejects::{write_problems_csv, ProblemRow};
pub use table::Column;

/// Why a list could not be read at all (as opposed to lines rejected one by one).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The text is in an encoding we do not read; says what was found.
    #[error("cannot read the text: {0}")]
    Encoding(String),
    /// The default country is not a country.
    #[error(transparent)]
    UnknownCountry(#[from] UnknownCountry),
    /// Several columns could hold the numbers: the user chooses one.
    #[error("the file has several columns that could hold the numbers: choose one")]
    ChooseColumn(Vec<Column>),
    /// The chosen column does not exist.
    #[error("column {} was chosen but the table has {columns}", .index + 1)]
    NoSuchColumn {
        /// The chosen column, 0-based.
        index: usize,
        /// The number of columns.
        columns: usize,
    },
    /// The CSV could not be split into rows.
    #[error("cannot read the CSV: {0}")]
    Csv(String),
    /// The workbook could not be opened.
    #[error("cannot read the workbook: {0}")]
    Workbook(String),
    /// The file could not be read from disk.
    #[error("cannot open the file {0}")]
    File(String),
    /// The caller's sink failed (the database, for an import).
    #[error("{0}")]
    Sink(SinkError),
}
