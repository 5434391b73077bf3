//! The rejected lines of a list as CSV (`line,text,reason`), for the user to fix and import
//! again.

use std::io::Write;

use crate::csv_text_cell;

/// One line of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProblemRow {
    /// 1-based line of the source.
    pub line: u64,
    /// The text as found.
    pub text: String,
    /// Why it was not imported, in words.
    pub reason: String,
}

/// Writes `rows` as CSV with a header. Each text goes through [`csv_text_cell`], so opening the
/// file never runs anything from the list.
pub fn write_problems_csv(
    writer: impl Write,
    rows: impl IntoIterator<Item = ProblemRow>,
) -> std::io::Result<()> {
    let mut csv = csv::Writer::from_writer(writer);
    csv.write_record(["line", "text", "reason"])?;
    for row in rows {
        let line = row.line.to_string();
        csv.write_record([line.as_str(), &csv_text_cell(&row.text), &row.reason])?;
    }
    csv.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_written_with_a_header_and_formulas_defused() {
        let rows = [
            ProblemRow {
                line: 3,
                text: "+3361a234567".into(),
                reason: "contains a letter".into(),
            },
            ProblemRow {
                line: 9,
                text: "=HYPERLINK(\"x\")".into(),
                reason: "letters".into(),
            },
            ProblemRow {
                line: 12,
                text: "+1 202, 555".into(),
                reason: "too short".into(),
            },
        ];
        let mut out = Vec::new();
        write_problems_csv(&mut out, rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "line,text,reason\n3,'+3361a234567,contains a letter\n\
             9,\"'=HYPERLINK(\"\"x\"\")\",letters\n12,\"'+1 202, 555\",too short\n"
        );
    }
}
