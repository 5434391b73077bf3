//! One entry of a list → an E.164 number or the reason it is refused.
//!
//! Two steps, the same for every entry:
//! 1. [`prepare`]: our own rules, cheap and strict (blank, letters, extensions, Excel's scientific
//!    notation, symbols, `00` read as the international prefix, national numbers need a country).
//! 2. The phone-number library decides the rest (country code, length, validity for the country).
//!
//! Step 2 has two ways of running that give the same answer: the library itself
//! ([`Normaliser::normalise_with_library`]), and a fast path ([`crate::fast`]) that answers for
//! the common case (`+` and digits with ordinary separators) from the library's own metadata, and
//! hands everything else to the library. `tests/fast_path.rs` checks the two agree.

use phonenumber::country;
use phonenumber::metadata::DATABASE;
use phonenumber::{Mode, ParseError, PhoneNumber};
use regex::Regex;
use std::sync::LazyLock;

use crate::fast;
use crate::Reason;

/// The longest text that is still worth looking at as one phone number.
const MAX_TEXT_CHARS: usize = 64;

/// More digits than any phone number has (the library's own limit for a national number).
const MAX_DIGITS: usize = 17;

/// What became of one entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing but blanks: skipped, not an error.
    Blank,
    /// The number in E.164 (`+` and digits).
    Accepted(String),
    /// Refused, and why.
    Rejected(Reason),
}

/// An entry that passed our own rules, ready for the library.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Prepared {
    /// Starts with `+` (a leading `00` has been turned into `+`).
    International(String),
    /// Digits without a country: needs the default country.
    National(String),
}

/// The error of [`Normaliser::new`]: a default country that does not exist.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("\"{0}\" is not a country code (use two letters, such as GB or US)")]
pub struct UnknownCountry(pub String);

/// Normalises entries, with an optional default country for national numbers.
#[derive(Clone, Debug)]
pub struct Normaliser {
    country: Option<country::Id>,
}

impl Normaliser {
    /// `default_country` is an ISO 3166 two-letter code (`"GB"`), used for numbers written
    /// without `+` or `00`; without it such numbers are refused.
    pub fn new(default_country: Option<&str>) -> Result<Self, UnknownCountry> {
        let country = match default_country.map(str::trim).filter(|c| !c.is_empty()) {
            None => None,
            Some(code) => Some(parse_country(code)?),
        };
        Ok(Normaliser { country })
    }

    /// The entry in E.164, or why not. The fast path first; the library when it cannot decide.
    pub fn normalise(&self, text: &str) -> Outcome {
        self.decide(text, |prepared| match prepared {
            Prepared::International(text) => fast::international(text),
            Prepared::National(_) => None,
        })
    }

    /// The fast path's own answer (`None` = the library decides): for the tests that show the
    /// fast path is taken often and agrees with the library.
    #[doc(hidden)]
    pub fn fast_path_answer(&self, text: &str) -> Option<String> {
        match prepare(text) {
            Ok(Some(Prepared::International(text))) => fast::international(&text),
            _ => None,
        }
    }

    /// The same answer as [`Normaliser::normalise`], always asking the library (slower).
    pub fn normalise_with_library(&self, text: &str) -> Outcome {
        self.decide(text, |_| None)
    }

    fn decide(&self, text: &str, fast: impl Fn(&Prepared) -> Option<String>) -> Outcome {
        let prepared = match prepare(text) {
            Ok(Some(prepared)) => prepared,
            Ok(None) => return Outcome::Blank,
            Err(reason) => return Outcome::Rejected(reason),
        };
        if let Some(e164) = fast(&prepared) {
            return Outcome::Accepted(e164);
        }
        match self.with_library(&prepared) {
            Ok(e164) => Outcome::Accepted(e164),
            Err(reason) => Outcome::Rejected(reason),
        }
    }

    fn with_library(&self, prepared: &Prepared) -> Result<String, Reason> {
        let (country, text) = match prepared {
            Prepared::International(text) => (None, text),
            Prepared::National(text) => match self.country {
                Some(country) => (Some(country), text),
                None => return Err(Reason::NationalWithoutCountry),
            },
        };
        let number = phonenumber::parse(country, text).map_err(|e| parse_reason(&e, text))?;
        if !phonenumber::is_valid(&number) {
            return Err(invalid_reason(&number));
        }
        let e164 = number.format().mode(Mode::E164).to_string();
        if *text == e164 {
            return Ok(e164);
        }
        self.round_trip(e164)
    }

    /// Accepts `e164` only if the library reads it back as itself. It does not always: for a
    /// few countries it strips a leading digit of an international number as a national prefix
    /// (`+370 8…` in Lithuania), so `+ 370 (0)8…` would be accepted as a number that, typed
    /// again, is refused. Refusing both keeps normalising idempotent.
    // TODO(numbers): accept those numbers once the library leaves international numbers alone.
    fn round_trip(&self, e164: String) -> Result<String, Reason> {
        match self.with_library(&Prepared::International(e164.clone())) {
            Ok(again) if again == e164 => Ok(e164),
            Ok(_) => Err(Reason::InvalidForCountry),
            Err(reason) => Err(reason),
        }
    }
}

fn parse_country(code: &str) -> Result<country::Id, UnknownCountry> {
    let upper = code.to_ascii_uppercase();
    let known = upper.len() == 2 && DATABASE.by_id(upper.as_str()).is_some();
    match upper.parse::<country::Id>() {
        Ok(id) if known => Ok(id),
        _ => Err(UnknownCountry(code.to_owned())),
    }
}

static SCIENTIFIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[+-]?\d+(?:[.,]\d*)?[eE][+-]?\d+$").expect("valid pattern"));

static EXTENSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\d[\s.)-]*(?:;\s*ext\s*=|ext(?:ension|n)?\.?|x|#|~)\s*:?\s*\d+\s*#?$")
        .expect("valid pattern")
});

/// Our own rules, applied before the library: `Ok(None)` for a blank entry.
pub(crate) fn prepare(text: &str) -> Result<Option<Prepared>, Reason> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(Reason::TooLong);
    }
    // Both patterns need a character no plain number has: most lines skip them.
    let unusual = |b: u8| !(b.is_ascii_digit() || b" +-.()/".contains(&b));
    if text.bytes().any(unusual) {
        if SCIENTIFIC.is_match(text) {
            return Err(Reason::ExcelScientific);
        }
        if EXTENSION.is_match(text) {
            return Err(Reason::Extension);
        }
    }
    check_characters(text)?;

    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    if digits == 0 {
        return Err(Reason::NotANumber);
    }
    if digits > MAX_DIGITS {
        return Err(Reason::TooLong);
    }
    Ok(Some(international_or_national(text)))
}

/// Letters and symbols: a letter is never read as a digit (as the library's vanity mapping
/// would), and anything outside digits, `+` at the start and plain separators is refused.
fn check_characters(text: &str) -> Result<(), Reason> {
    if text.chars().any(char::is_alphabetic) {
        return Err(Reason::Letters);
    }
    let allowed = |(i, c): (usize, char)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '/') || (c == '+' && i == 0)
    };
    if text.char_indices().all(allowed) {
        Ok(())
    } else {
        Err(Reason::Symbols)
    }
}

fn international_or_national(text: &str) -> Prepared {
    if text.starts_with('+') {
        Prepared::International(text.to_owned())
    } else if let Some(rest) = text.strip_prefix("00") {
        Prepared::International(format!("+{rest}"))
    } else {
        Prepared::National(text.to_owned())
    }
}

fn parse_reason(error: &ParseError, text: &str) -> Reason {
    match error {
        ParseError::InvalidCountryCode => Reason::UnknownCountryCode,
        ParseError::TooShortAfterIdd | ParseError::TooShortNsn => Reason::TooShort,
        ParseError::TooLong | ParseError::MalformedInteger(_) => Reason::TooLong,
        ParseError::NoNumber if text.bytes().filter(u8::is_ascii_digit).count() < 5 => {
            Reason::TooShort
        }
        ParseError::NoNumber => Reason::NotANumber,
    }
}

/// A number the library parsed but does not call valid: too short, too long, or the right
/// length but no pattern of its country.
fn invalid_reason(number: &PhoneNumber) -> Reason {
    let Some(metas) = DATABASE.by_code(&number.code().value()) else {
        return Reason::UnknownCountryCode;
    };
    // The region the library places the number in, else the main one of its calling code.
    let region = number
        .country()
        .id()
        .and_then(|id| DATABASE.by_id(id.as_ref()));
    let main = metas
        .iter()
        .find(|m| m.is_main_country_for_code())
        .or(metas.first());
    let Some(meta) = region.or(main.copied()) else {
        return Reason::UnknownCountryCode;
    };
    let lengths = possible_lengths(meta);
    let len = number.national().to_string().len() as u16;
    match (lengths.iter().min(), lengths.iter().max()) {
        (Some(&min), _) if len < min => Reason::TooShort,
        (_, Some(&max)) if len > max => Reason::TooLong,
        _ => Reason::InvalidForCountry,
    }
}

/// The lengths a region's numbers may have: the general ones, or those of every type.
fn possible_lengths(meta: &phonenumber::Metadata) -> Vec<u16> {
    let d = meta.descriptors();
    if !d.general().possible_length().is_empty() {
        return d.general().possible_length().to_vec();
    }
    let types = [
        d.fixed_line(),
        d.mobile(),
        d.toll_free(),
        d.premium_rate(),
        d.shared_cost(),
    ];
    let more = [
        d.personal_number(),
        d.voip(),
        d.pager(),
        d.uan(),
        d.voicemail(),
    ];
    types
        .into_iter()
        .chain(more)
        .flatten()
        .flat_map(|t| t.possible_length().to_vec())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rejected(text: &str) -> Option<Reason> {
        match Normaliser::new(None).unwrap().normalise(text) {
            Outcome::Rejected(reason) => Some(reason),
            _ => None,
        }
    }

    #[test]
    fn our_own_rules_name_the_fault() {
        assert_eq!(rejected("4.474E+11"), Some(Reason::ExcelScientific));
        assert_eq!(rejected("4.47400E+11"), Some(Reason::ExcelScientific));
        assert_eq!(rejected("+1 202 555 0147 ext. 12"), Some(Reason::Extension));
        assert_eq!(rejected("+12025550147x12"), Some(Reason::Extension));
        assert_eq!(rejected("+3361a234567"), Some(Reason::Letters));
        assert_eq!(rejected("+44*7400123456"), Some(Reason::Symbols));
        assert_eq!(rejected("--"), Some(Reason::NotANumber));
        assert_eq!(rejected("2025550147"), Some(Reason::NationalWithoutCountry));
    }

    #[test]
    fn the_library_decides_length_and_validity() {
        assert_eq!(rejected("+44 7400 12"), Some(Reason::TooShort));
        assert_eq!(rejected("+44 7400 1234567890"), Some(Reason::TooLong));
        assert_eq!(rejected("+1 202 555 014"), Some(Reason::TooShort));
        assert_eq!(rejected("+999 123456789"), Some(Reason::UnknownCountryCode));
    }

    #[test]
    fn an_unknown_default_country_is_refused() {
        assert_eq!(
            Normaliser::new(Some("XX")).unwrap_err(),
            UnknownCountry("XX".into())
        );
        assert!(Normaliser::new(Some("au")).is_ok());
        assert!(Normaliser::new(Some(" ")).is_ok());
    }
}
