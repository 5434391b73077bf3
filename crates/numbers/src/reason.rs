//! Why a line was not accepted: a closed set, so the UI can group and count them, and a sentence
//! for people.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The reason a line of a list was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(export_to = "numbers/")]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Letters in the number (`+3361a234567`): never turned into digits.
    Letters,
    /// An extension (`ext. 12`, `x12`, `#12`): a dialer cannot dial it.
    Extension,
    /// Written the way Excel shows long numbers (`4.474E+11`): the digits are lost.
    ExcelScientific,
    /// A number without `+` or `00` and no default country chosen.
    NationalWithoutCountry,
    /// Shorter than any number of its country.
    TooShort,
    /// Longer than any number of its country (or than any phone number at all).
    TooLong,
    /// The right length, but no number of its country looks like it.
    InvalidForCountry,
    /// `+` followed by digits that start no country calling code.
    UnknownCountryCode,
    /// Characters that belong in no phone number (`*`, `?`, `@`, symbols, non-Latin digits).
    Symbols,
    /// No digits at all (`-`, `+`, `()`), or a spreadsheet value that is not a whole number.
    NotANumber,
}

impl Reason {
    /// Every reason, in the order a summary lists them.
    pub const ALL: [Reason; 10] = [
        Reason::Letters,
        Reason::Extension,
        Reason::ExcelScientific,
        Reason::NationalWithoutCountry,
        Reason::TooShort,
        Reason::TooLong,
        Reason::InvalidForCountry,
        Reason::UnknownCountryCode,
        Reason::Symbols,
        Reason::NotANumber,
    ];

    /// The stable name stored in the database and written in the rejected-lines CSV.
    pub fn code(self) -> &'static str {
        match self {
            Reason::Letters => "letters",
            Reason::Extension => "extension",
            Reason::ExcelScientific => "excel_scientific",
            Reason::NationalWithoutCountry => "national_without_country",
            Reason::TooShort => "too_short",
            Reason::TooLong => "too_long",
            Reason::InvalidForCountry => "invalid_for_country",
            Reason::UnknownCountryCode => "unknown_country_code",
            Reason::Symbols => "symbols",
            Reason::NotANumber => "not_a_number",
        }
    }

    /// The reason named by [`Reason::code`], if any.
    pub fn from_code(code: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|reason| reason.code() == code)
    }

    /// What a person reads: what is wrong and, where it helps, what to do.
    pub fn describe(self) -> &'static str {
        match self {
            Reason::Letters => "contains a letter",
            Reason::Extension => "has an extension, which cannot be dialled",
            Reason::ExcelScientific => {
                "Excel scientific notation, digits lost: export the column as text"
            }
            Reason::NationalWithoutCountry => {
                "national number with no country: add + and the country code, or pick a \
                 default country"
            }
            Reason::TooShort => "too short for its country",
            Reason::TooLong => "too long for its country",
            Reason::InvalidForCountry => "not a valid number for its country",
            Reason::UnknownCountryCode => "no country has this calling code",
            Reason::Symbols => "contains characters that are not part of a phone number",
            Reason::NotANumber => "not a phone number",
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.describe())
    }
}
