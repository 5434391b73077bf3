//! The do-not-call list: numbers a job must never dial, normalised to E.164 the same way as
//! the lists themselves (by `cx-numbers`), so `+44 7400 123456` and `00447400123456` are the
//! same number.

use std::collections::HashSet;

use cx_numbers::{Normaliser, Outcome};

/// A line of the do-not-call text that is not a phone number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadLine {
    /// 1-based.
    pub line: usize,
    pub reason: String,
}

/// Numbers never to dial, in E.164.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DoNotCall(HashSet<String>);

impl DoNotCall {
    /// Reads one number per line (blank lines skipped). `country` (ISO 3166 alpha-2, e.g.
    /// `GB`) is used for national numbers. Every bad line is returned with its number.
    pub fn parse(text: &str, country: Option<&str>) -> Result<Self, Vec<BadLine>> {
        let mut numbers = HashSet::new();
        let mut bad = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            if raw.trim().is_empty() {
                continue;
            }
            match normalise(raw, country) {
                Ok(number) => {
                    numbers.insert(number);
                }
                Err(reason) => bad.push(BadLine {
                    line: index + 1,
                    reason,
                }),
            }
        }
        if bad.is_empty() {
            Ok(Self(numbers))
        } else {
            Err(bad)
        }
    }

    /// Numbers already in E.164 (as stored with a job).
    pub fn from_e164(numbers: impl IntoIterator<Item = String>) -> Self {
        Self(numbers.into_iter().collect())
    }

    pub fn contains(&self, e164: &str) -> bool {
        self.0.contains(e164)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.0.iter()
    }
}

/// One number to E.164, or why not, by the same rules as the lists themselves (`cx-numbers`):
/// `00` is the international prefix, letters are refused (never read as keypad digits), and a
/// national number needs `country` (ISO 3166 alpha-2, e.g. `GB`).
pub fn normalise(text: &str, country: Option<&str>) -> Result<String, String> {
    let normaliser = Normaliser::new(country).map_err(|error| error.to_string())?;
    match normaliser.normalise(text) {
        Outcome::Accepted(e164) => Ok(e164),
        Outcome::Blank => Err("the line is blank".to_owned()),
        Outcome::Rejected(reason) => Err(reason.describe().to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_number_written_three_ways_is_one_entry() {
        let text = "+44 7400 123456\n\n00447400123456\n07400 123456\n";

        let list = DoNotCall::parse(text, Some("GB")).unwrap();

        assert_eq!(list.len(), 1);
        assert!(list.contains("+447400123456"));
    }

    #[test]
    fn bad_lines_are_reported_with_their_line_numbers() {
        let text = "+12025550143\n+1202555O144\n0412345678\n";

        let bad = DoNotCall::parse(text, None).unwrap_err();

        let lines: Vec<usize> = bad.iter().map(|b| b.line).collect();
        assert_eq!(lines, vec![2, 3]);
        assert_eq!(bad[0].reason, "contains a letter");
        assert!(bad[1].reason.starts_with("national number with no country"));
    }
}
