//! A seller's rate deck (CSV), read tolerantly: the header row and its column names are found
//! whatever they are called, the delimiter is sniffed (`,`, `;` or tab), `$` and spaces are
//! stripped from prices, decimal commas are understood, blank and comment lines are skipped,
//! and every bad row is reported with its line number instead of failing the file. Prefixes
//! stay digit strings; an empty prefix is refused.
//!
//! A prefix may have several rows, as decks announce a coming rate beside the current one: the
//! row in effect at the time given is taken (the latest Effective From not after it; `ASAP` or
//! no date counts as in effect since before any dated row). A row dated later is not in effect
//! yet: it is kept aside and reported, never billed early. An Effective From that is neither
//! `ASAP` nor a date makes its row a problem, for the same reason.
//!
//! Optional cells (Price N, the intervals) that are missing or empty take their defaults
//! (Price N = Price 1, the intervals the deck's defaults). A cell that is there but cannot be
//! read (a price that is not a number, an interval that is not a whole number of seconds of 1
//! or more, such as `6.5` or `0`) makes its row a [`DeckProblem`] with the line number: a rate is
//! never silently changed.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::billing::Tariff;
use crate::lenient;

/// One rate of a deck.
#[derive(Debug, Clone, PartialEq)]
pub struct DeckRate {
    pub line: u64,
    pub prefix: String,
    pub description: String,
    pub tariff: Tariff,
    /// `ASAP`, a date as written, or empty.
    pub effective_from: String,
    pub forbidden: bool,
    pub discontinued: bool,
}

/// A row that was not taken, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "neutrafix/")]
pub struct DeckProblem {
    pub line: u64,
    pub message: String,
    /// Absent from problems saved before there were kinds: those were all refusals.
    #[serde(default)]
    pub kind: LeftOut,
}

/// What kind of row was left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "neutrafix/")]
pub enum LeftOut {
    /// Unreadable, or a repeat of a row with the same start.
    #[default]
    Refused,
    /// A rate announced for a later date, not in effect yet.
    NotYet,
    /// An older rate, replaced by one that took effect after it.
    Replaced,
}

/// What a deck held.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Deck {
    /// One per prefix: the rate in effect.
    pub rates: Vec<DeckRate>,
    /// Rates announced for after the time the deck was read at, oldest start first.
    pub pending: Vec<DeckRate>,
    pub problems: Vec<DeckProblem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Col {
    Prefix,
    Description,
    Price1,
    PriceN,
    Interval1,
    IntervalN,
    Effective,
    Forbidden,
    Discontinued,
}

/// Which column a header names, by its letters and digits only (`"Rate (USD)"` → `rateusd`).
fn column_for(header: &str) -> Option<Col> {
    let name: String = header
        .to_ascii_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let col = match name.as_str() {
        "prefix" | "code" | "dialcode" | "dialingcode" | "destinationcode" | "digits" => {
            Col::Prefix
        }
        "pricen" | "nextprice" | "ratenext" | "nextrate" | "raten" | "subsequentrate" => {
            Col::PriceN
        }
        "interval1" | "initialinterval" | "firstinterval" | "minimum" | "mindur" => Col::Interval1,
        "intervaln" | "nextinterval" | "increment" | "billingincrement" => Col::IntervalN,
        "forbidden" | "blocked" => Col::Forbidden,
        "discontinued" => Col::Discontinued,
        "destination" | "description" | "name" | "country" | "countryname" => Col::Description,
        n if n.starts_with("price") || n.starts_with("rate") || n.starts_with("cost") => {
            Col::Price1
        }
        n if n.starts_with("effective") || n == "date" => Col::Effective,
        n if n.starts_with("prefix") => Col::Prefix,
        _ => return None,
    };
    Some(col)
}

/// The delimiter of the first meaningful line: the one of `,` `;` tab it has most of.
fn sniff_delimiter(text: &str) -> u8 {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !is_comment(l))
        .unwrap_or_default();
    [b'\t', b';', b',']
        .into_iter()
        .max_by_key(|d| (line.bytes().filter(|b| b == d).count(), *d == b','))
        .unwrap_or(b',')
}

fn is_comment(line: &str) -> bool {
    line.starts_with('#') || line.starts_with("//")
}

/// Reads a deck as it stands at `now` (UTC). `defaults` supplies what a deck leaves out
/// (intervals, the next-interval price): the route's own figures from the market.
pub fn parse(text: &str, defaults: Tariff, now: NaiveDateTime) -> Deck {
    let text = text.trim_start_matches('\u{feff}');
    let delimiter = sniff_delimiter(text);
    let mut deck = Deck::default();
    let mut columns: Option<HashMap<Col, usize>> = None;
    let mut rows = Vec::new();

    // Line by line (a rate deck has no multi-line fields), so every line number is exact.
    for (n, raw) in text.lines().enumerate() {
        let line = n as u64 + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || is_comment(trimmed) {
            continue;
        }
        let cells_owned = match split_line(raw, delimiter) {
            Ok(cells) => cells,
            Err(error) => {
                deck.problems
                    .push(problem(line, format!("unreadable row: {error}")));
                continue;
            }
        };
        let cells: Vec<&str> = cells_owned.iter().map(String::as_str).collect();
        if columns.is_none() {
            if let Some(found) = header(&cells) {
                columns = Some(found);
                continue;
            }
            columns = Some(HashMap::from([(Col::Prefix, 0), (Col::Price1, 1)]));
        }
        let cols = columns.as_ref().expect("set above");
        match row(&cells, cols, defaults, line) {
            Ok(rate) => rows.push(rate),
            Err(message) => deck.problems.push(problem(line, message)),
        }
    }
    (deck.rates, deck.pending) = in_effect(rows, now, &mut deck.problems);
    deck.problems.sort_by_key(|p| p.line);
    deck
}

/// When a row starts to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Start {
    /// `ASAP` or no date: in effect since before any dated row, so a dated row replaces it
    /// once its day comes, whenever the deck is read.
    Asap,
    On(NaiveDateTime),
}

fn start(rate: &DeckRate) -> Start {
    starts_at(rate).map_or(Start::Asap, Start::On)
}

/// When `rate` starts to apply (UTC), if its Effective From is a date.
pub fn starts_at(rate: &DeckRate) -> Option<NaiveDateTime> {
    lenient::date_text(&rate.effective_from)
}

/// One row per prefix, in the deck's order: the one in effect at `now`; and the rows that
/// start after `now`, oldest start first. The rows left out are reported on their own lines.
fn in_effect(
    rows: Vec<DeckRate>,
    now: NaiveDateTime,
    problems: &mut Vec<DeckProblem>,
) -> (Vec<DeckRate>, Vec<DeckRate>) {
    let mut order: Vec<String> = Vec::new();
    let mut by_prefix: HashMap<String, Vec<DeckRate>> = HashMap::new();
    for rate in rows {
        let group = by_prefix.entry(rate.prefix.clone()).or_default();
        if group.is_empty() {
            order.push(rate.prefix.clone());
        }
        group.push(rate);
    }
    let applies = |rate: &DeckRate| match start(rate) {
        Start::Asap => true,
        Start::On(date) => date <= now,
    };
    let mut chosen = Vec::with_capacity(order.len());
    let mut pending = Vec::new();
    for prefix in order {
        let group = by_prefix.remove(&prefix).unwrap_or_default();
        // The latest start wins; between equal starts, the first line.
        let current = group
            .iter()
            .filter(|rate| applies(rate))
            .max_by(|a, b| start(a).cmp(&start(b)).then(b.line.cmp(&a.line)));
        let mut waiting: Vec<&DeckRate> = Vec::new();
        for rate in &group {
            if current.is_some_and(|c| c.line == rate.line) {
                continue;
            }
            let ahead = !applies(rate);
            let same_start = if ahead {
                waiting.iter().copied().find(|w| start(w) == start(rate))
            } else {
                current.filter(|c| start(c) == start(rate))
            };
            let (kind, message) = left_out(rate, ahead, current, same_start);
            if kind == LeftOut::NotYet {
                waiting.push(rate);
                pending.push(rate.clone());
            }
            problems.push(DeckProblem {
                line: rate.line,
                message,
                kind,
            });
        }
        chosen.extend(current.cloned());
    }
    pending.sort_by_key(|rate| (start(rate), rate.line));
    (chosen, pending)
}

/// Why `rate` is not taken: `ahead` when it starts after the time the deck is read at;
/// `current`, the prefix's row in effect (if any); `same_start`, an earlier row starting when
/// it does, which is kept instead.
fn left_out(
    rate: &DeckRate,
    ahead: bool,
    current: Option<&DeckRate>,
    same_start: Option<&DeckRate>,
) -> (LeftOut, String) {
    let prefix = &rate.prefix;
    let from = match start(rate) {
        Start::On(date) => date.format("%Y-%m-%d %H:%M").to_string(),
        Start::Asap => "ASAP".to_owned(),
    };
    if let Some(first) = same_start {
        let message = format!(
            "prefix {prefix} repeats line {} (both from {from}); the first is kept",
            first.line
        );
        return (LeftOut::Refused, message);
    }
    match (ahead, current) {
        (true, Some(current)) => {
            let message = format!(
                "prefix {prefix}: the rate from {from} is not in effect yet; line {}'s applies \
                 until then",
                current.line
            );
            (LeftOut::NotYet, message)
        }
        (true, None) => {
            let message = format!(
                "prefix {prefix} starts on {from}: not in effect yet, so it is not on the card"
            );
            (LeftOut::NotYet, message)
        }
        (false, current) => {
            let line = current.map_or(0, |c| c.line);
            let message =
                format!("prefix {prefix}: replaced by line {line}, which took effect later");
            (LeftOut::Replaced, message)
        }
    }
}

fn problem(line: u64, message: String) -> DeckProblem {
    DeckProblem {
        line,
        message,
        kind: LeftOut::Refused,
    }
}

/// The cells of one line, quotes understood, each trimmed.
fn split_line(line: &str, delimiter: u8) -> Result<Vec<String>, csv::Error> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(delimiter)
        .buffer_capacity(line.len() + 16)
        .from_reader(line.as_bytes());
    let mut record = csv::StringRecord::new();
    reader.read_record(&mut record)?;
    Ok(record.iter().map(str::to_owned).collect())
}

/// The column map, when `cells` is a header row naming at least the prefix and a price.
fn header(cells: &[&str]) -> Option<HashMap<Col, usize>> {
    let mut map = HashMap::new();
    for (index, cell) in cells.iter().enumerate() {
        if let Some(col) = column_for(cell) {
            map.entry(col).or_insert(index);
        }
    }
    (map.contains_key(&Col::Prefix) && map.contains_key(&Col::Price1)).then_some(map)
}

fn row(
    cells: &[&str],
    cols: &HashMap<Col, usize>,
    defaults: Tariff,
    line: u64,
) -> Result<DeckRate, String> {
    let cell = |col: Col| cols.get(&col).and_then(|i| cells.get(*i)).copied();
    let raw_prefix = cell(Col::Prefix).unwrap_or_default();
    let prefix = lenient::prefix(raw_prefix).map_err(|error| match error {
        lenient::PrefixError::Empty => "empty prefix: the row has no prefix".to_owned(),
        lenient::PrefixError::NotDigits(text) => {
            format!("not a rate row: \"{text}\" is not a prefix (digits only)")
        }
    })?;
    let price_text = cell(Col::Price1).unwrap_or_default();
    let price_1 = lenient::number_text(price_text)
        .filter(|p| *p >= 0.0)
        .ok_or_else(|| format!("prefix {prefix}: the price \"{price_text}\" is not a number"))?;
    // A missing or empty optional cell takes its default; a cell that is there but unreadable
    // is the row's problem, never silently replaced.
    let given = |col: Col| cell(col).filter(|text| !text.is_empty());
    let price_n = match given(Col::PriceN) {
        None => price_1,
        Some(text) => lenient::number_text(text)
            .filter(|p| *p >= 0.0)
            .ok_or_else(|| format!("prefix {prefix}: the price N \"{text}\" is not a number"))?,
    };
    let interval = |col: Col, name: &str, default: u32| match given(col) {
        None => Ok(default),
        Some(text) => lenient::number_text(text)
            .filter(|n| n.fract() == 0.0 && *n >= 1.0 && *n <= f64::from(u32::MAX))
            .map(|n| n as u32)
            .ok_or_else(|| {
                format!(
                    "prefix {prefix}: {name} \"{text}\" is not a whole number of seconds \
                     (1 or more)"
                )
            }),
    };
    let tariff = Tariff {
        price_1,
        price_n,
        interval_1: interval(Col::Interval1, "interval 1", defaults.interval_1)?,
        interval_n: interval(Col::IntervalN, "interval N", defaults.interval_n)?,
    };
    let effective_from = cell(Col::Effective).unwrap_or_default().to_owned();
    let undated = effective_from.is_empty()
        || effective_from.eq_ignore_ascii_case("asap")
        || effective_from.starts_with("0000-00-00");
    if !undated && lenient::date_text(&effective_from).is_none() {
        return Err(format!(
            "prefix {prefix}: the effective date \"{effective_from}\" is not a date \
             (ASAP, or a date such as 2026-12-20)"
        ));
    }
    Ok(DeckRate {
        line,
        prefix,
        description: cell(Col::Description).unwrap_or_default().to_owned(),
        tariff,
        effective_from,
        forbidden: cell(Col::Forbidden).is_some_and(lenient::flag_text),
        discontinued: cell(Col::Discontinued).is_some_and(lenient::flag_text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_saved_before_there_were_kinds_read_as_refusals() {
        let saved = r#"[{"line": 4, "message": "empty prefix: the row has no prefix"}]"#;
        let problems: Vec<DeckProblem> = serde_json::from_str(saved).unwrap();
        assert_eq!(problems[0].kind, LeftOut::Refused);
        assert_eq!(problems[0].line, 4);

        let now = serde_json::to_string(&DeckProblem {
            line: 2,
            message: String::new(),
            kind: LeftOut::NotYet,
        })
        .unwrap();
        assert!(now.contains(r#""kind":"not_yet""#), "{now}");
    }
}
