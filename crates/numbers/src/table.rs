//! The shape of a list: plain lines or a table, the CSV delimiter, whether the first row is a
//! header, and which column holds the numbers (chosen here only when it is obvious; otherwise the
//! user picks from the candidates, never a whole row's digits run together).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ReadError;

/// Lines looked at to sniff the delimiter and pick the column.
const SAMPLE_ROWS: usize = 20;

/// Sample values shown per column when the user has to choose.
const SAMPLES_SHOWN: usize = 3;

/// Header names that say "this column holds the numbers".
const NUMBER_HEADERS: &[&str] = &[
    "phone",
    "number",
    "msisdn",
    "mobile",
    "tel",
    "telephone",
    "destination",
    "cell",
    "dnis",
    "e164",
    "numero",
    "número",
    "nummer",
    "dst",
];

/// A column of a table, as shown to the user who has to choose one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "numbers/")]
pub struct Column {
    /// 0-based position.
    pub index: usize,
    /// The header row's text, when there is one.
    pub header: Option<String>,
    /// The first few values under it.
    pub samples: Vec<String>,
    /// Whether most of its values look like phone numbers.
    pub looks_like_numbers: bool,
}

/// The delimiter for a text: from a `sep=` first line, or sniffed (`,` `;` tab `|`); `None` for
/// a plain list of one number a line. The `bool` says the first line was `sep=`.
pub(crate) fn sniff_delimiter(text: &str) -> (Option<u8>, bool) {
    let first = text.lines().next().unwrap_or("").trim_end_matches('\r');
    if let Some(sep) = first
        .strip_prefix("sep=")
        .or_else(|| first.strip_prefix("SEP="))
    {
        if let &[byte] = sep.as_bytes() {
            return (Some(byte), true);
        }
    }

    let sample: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(SAMPLE_ROWS)
        .collect();
    let found = [b',', b';', b'\t', b'|'].into_iter().find(|&delimiter| {
        !sample.is_empty()
            && sample
                .iter()
                .all(|line| line.bytes().any(|b| b == delimiter))
    });
    (found, false)
}

/// Whether a cell's text looks like a phone number: mostly digits and separators.
pub(crate) fn looks_like_number(cell: &str) -> bool {
    let cell = cell.trim();
    let digits = cell.bytes().filter(u8::is_ascii_digit).count();
    let phone_chars = cell.chars().filter(|c| "+-.() /".contains(*c)).count();
    digits >= 5 && digits + phone_chars == cell.chars().count()
}

/// A header row: no cell looks like a number, and some cell has letters.
pub(crate) fn is_header(row: &[String]) -> bool {
    !row.iter().any(|cell| looks_like_number(cell))
        && row.iter().any(|cell| cell.chars().any(char::is_alphabetic))
}

fn is_number_header(name: &str) -> bool {
    let name = name.trim().to_lowercase();
    let words = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    words.into_iter().any(|word| NUMBER_HEADERS.contains(&word))
}

/// The columns of a table, described from its first rows.
pub(crate) fn describe(header: Option<&[String]>, rows: &[Vec<String>]) -> Vec<Column> {
    let width = rows
        .iter()
        .map(Vec::len)
        .chain(header.map(<[String]>::len))
        .max()
        .unwrap_or(0);
    (0..width)
        .map(|index| {
            let values: Vec<&str> = rows
                .iter()
                .filter_map(|row| row.get(index).map(|v| v.trim()))
                .filter(|v| !v.is_empty())
                .collect();
            let numeric = values.iter().filter(|v| looks_like_number(v)).count();
            Column {
                index,
                header: header
                    .and_then(|h| h.get(index))
                    .map(|h| h.trim().to_owned()),
                samples: values
                    .iter()
                    .take(SAMPLES_SHOWN)
                    .map(|v| (*v).to_owned())
                    .collect(),
                looks_like_numbers: numeric > 0 && numeric * 2 >= values.len(),
            }
        })
        .collect()
}

/// The column to read: the user's choice, the only column, the one whose header names it, or
/// the only one that looks like numbers. Otherwise the user has to choose.
pub(crate) fn choose(columns: &[Column], chosen: Option<usize>) -> Result<usize, ReadError> {
    if let Some(index) = chosen {
        return if index < columns.len().max(1) {
            Ok(index)
        } else {
            Err(ReadError::NoSuchColumn {
                index,
                columns: columns.len(),
            })
        };
    }
    if columns.len() <= 1 {
        return Ok(0);
    }
    let named = columns
        .iter()
        .find(|c| c.header.as_deref().is_some_and(is_number_header));
    if let Some(column) = named {
        return Ok(column.index);
    }
    let mut numeric = columns.iter().filter(|c| c.looks_like_numbers);
    match (numeric.next(), numeric.next()) {
        (Some(only), None) => Ok(only.index),
        _ => Err(ReadError::ChooseColumn(columns.to_vec())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn the_delimiter_is_sniffed_or_read_from_a_sep_line() {
        assert_eq!(sniff_delimiter("phone;name\n+44;A\n"), (Some(b';'), false));
        assert_eq!(sniff_delimiter("sep=|\n+44|A\n"), (Some(b'|'), true));
        assert_eq!(sniff_delimiter("a\tb\n1\t2\n"), (Some(b'\t'), false));
        assert_eq!(
            sniff_delimiter("+1 (202) 555-0147\n+1.202.555.0147\n"),
            (None, false)
        );
    }

    #[test]
    fn a_named_column_or_the_only_numeric_one_is_chosen_else_the_user_chooses() {
        let header = row(&["name", "Mobile phone", "other"]);
        let rows = vec![row(&["A", "+447400123456", "+12025550147"])];
        assert_eq!(choose(&describe(Some(&header), &rows), None).unwrap(), 1);

        let rows = vec![
            row(&["A", "+447400123456", "x"]),
            row(&["B", "+12025550147", "y"]),
        ];
        assert_eq!(choose(&describe(None, &rows), None).unwrap(), 1);

        let rows = vec![row(&["+447400123456", "+12025550147"])];
        let Err(ReadError::ChooseColumn(columns)) = choose(&describe(None, &rows), None) else {
            panic!("two numeric columns need the user");
        };
        assert_eq!(columns[1].samples, vec!["+12025550147".to_owned()]);
        assert!(choose(&columns, Some(5)).is_err());
    }
}
