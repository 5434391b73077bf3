//! A job's results as CSV: one row per number of the list, in list order, with its outcome.

use std::io::Write;

use super::model::CallResult;

/// The header row.
pub const HEADER: [&str; 9] = [
    "number",
    "phone",
    "status",
    "outcome",
    "reason",
    "call_id",
    "placed_at",
    "talk_seconds",
    "deferrals",
];

/// Writes `results` as CSV (RFC 4180: commas, quotes where needed, CRLF line ends).
pub fn write_csv<W: Write>(results: &[CallResult], out: W) -> Result<(), csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(HEADER)?;
    for result in results {
        writer.write_record([
            result.number.to_string(),
            result.e164.clone(),
            status_label(&result.state).to_owned(),
            result
                .outcome
                .map(|o| o.label().to_owned())
                .unwrap_or_default(),
            cx_numbers::csv_text_cell(result.reason.as_deref().unwrap_or_default()).into_owned(),
            result.call_id.clone().unwrap_or_default(),
            result.placed_at.clone().unwrap_or_default(),
            result
                .talk_seconds
                .map(|s| format!("{s:.1}"))
                .unwrap_or_default(),
            result.deferrals.to_string(),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

fn status_label(state: &str) -> &'static str {
    match state {
        "done" => "Done",
        "placed" => "In progress",
        "placing" => "Being placed",
        "deferred" => "Waiting to retry",
        _ => "Not dialled",
    }
}
