//! The fast path: `+` and digits with plain separators, answered from the phone-number library's
//! own metadata without going through its parser.
//!
//! The library's parser and validity check cost about 8 µs a number here, most of it spent
//! fetching compiled patterns from a small locked cache and re-deriving the region twice. This
//! module compiles the same patterns once per country calling code (on first use) and follows the
//! same steps as the library's `parse` + `is_valid` for an international number:
//! country code = the first 1–3 digits that name one; the region = the only one of that code, or
//! the first whose leading digits (or, lacking them, whose number patterns) match; valid = the
//! general pattern and one of the type patterns match, each within its possible lengths.
//!
//! It answers only when sure: a number is returned only when it is valid and none of the
//! library's rewriting (national prefix, carrier codes, odd punctuation) could apply. Everything
//! else returns `None` and goes to the library, so the two give the same answer by construction;
//! `tests/fast_path.rs` checks it over generated inputs for every country code.

use std::sync::OnceLock;

use phonenumber::metadata::{Descriptor, Metadata, DATABASE};
use regex::{Regex, RegexBuilder};

/// E.164 allows 15 digits, country code included.
const MAX_E164_DIGITS: usize = 15;

/// Country calling codes are 1 to 3 digits, so below 1000.
const CODES: usize = 1000;

/// A descriptor's pattern, anchored at the start as the library matches it, and its lengths.
struct Pattern {
    regex: Regex,
    lengths: Vec<u16>,
}

impl Pattern {
    fn new(descriptor: &Descriptor) -> Pattern {
        Pattern {
            regex: anchored(descriptor.national_number().as_str()),
            lengths: descriptor.possible_length().to_vec(),
        }
    }

    /// The library's `Descriptor::is_match`.
    fn matches(&self, national: &str) -> bool {
        let fits = self.lengths.is_empty() || self.lengths.contains(&(national.len() as u16));
        fits && self.regex.is_match(national)
    }
}

/// A pattern of the metadata compiled as the library compiles it (whitespace ignored), matched
/// from the start of the text as the library matches it. Only ASCII digits reach it, so `\d`
/// can be ASCII-only, which keeps the automaton small and fast.
fn anchored(source: &str) -> Regex {
    RegexBuilder::new(&format!("^(?:{source})"))
        .ignore_whitespace(true)
        .unicode(false)
        .build()
        .expect("the library's own patterns compile")
}

/// One region's metadata, compiled.
struct Region {
    leading_digits: Option<Regex>,
    general: Pattern,
    /// Premium rate, toll free, shared cost, VoIP, personal, pager, UAN, voicemail, fixed line,
    /// mobile: any of them makes the number valid.
    types: Vec<Pattern>,
    national_prefix: Option<String>,
    prefix_for_parsing: Option<Regex>,
}

impl Region {
    fn new(meta: &Metadata) -> Region {
        let d = meta.descriptors();
        let types = [
            d.premium_rate(),
            d.toll_free(),
            d.shared_cost(),
            d.voip(),
            d.personal_number(),
            d.pager(),
            d.uan(),
            d.voicemail(),
            d.fixed_line(),
            d.mobile(),
        ];
        Region {
            leading_digits: meta.leading_digits().map(|re| anchored(re.as_str())),
            general: Pattern::new(d.general()),
            types: types.into_iter().flatten().map(Pattern::new).collect(),
            national_prefix: meta.national_prefix().map(str::to_owned),
            prefix_for_parsing: meta
                .national_prefix_for_parsing()
                .map(|re| anchored(re.as_str())),
        }
    }

    /// The library's `number_type(..) != Type::Unknown`.
    fn is_valid(&self, national: &str) -> bool {
        self.general.matches(national) && self.types.iter().any(|t| t.matches(national))
    }

    /// Whether the library would rewrite this national number (strip a national prefix or a
    /// carrier code): then the fast path does not answer.
    fn would_rewrite(&self, national: &str) -> bool {
        let prefix = self.national_prefix.as_deref();
        prefix.is_some_and(|p| national.starts_with(p))
            || self
                .prefix_for_parsing
                .as_ref()
                .is_some_and(|re| re.is_match(national))
    }
}

/// The regions of one country calling code, in the library's order.
struct Code {
    /// `None` where the library cannot name the region (it then finds no metadata).
    regions: Vec<Option<Region>>,
}

impl Code {
    /// `None` when the library knows no such calling code.
    fn load(code: u16) -> Option<Code> {
        DATABASE.by_code(&code)?;
        let ids = DATABASE.region(&code).unwrap_or_default();
        let regions = if ids.len() == 1 && ids[0] == "001" {
            let meta = DATABASE.by_code(&code).and_then(|m| m.into_iter().next());
            vec![meta.map(Region::new)]
        } else {
            ids.iter().map(|id| region_by_id(id)).collect()
        };
        Some(Code { regions })
    }

    /// The library's `source_for`: which region's metadata a national number belongs to.
    fn region_for(&self, national: &str) -> Option<&Region> {
        if let [only] = self.regions.as_slice() {
            return only.as_ref();
        }
        self.regions
            .iter()
            .flatten()
            .find(|region| match &region.leading_digits {
                Some(leading) => leading.is_match(national),
                None => region.is_valid(national),
            })
    }
}

fn region_by_id(id: &str) -> Option<Region> {
    id.parse::<phonenumber::country::Id>().ok()?;
    DATABASE.by_id(id).map(Region::new)
}

/// Compiled metadata per country calling code, built on first use.
fn code(code: u16) -> Option<&'static Code> {
    static TABLE: OnceLock<Vec<OnceLock<Option<Code>>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| (0..CODES).map(|_| OnceLock::new()).collect());
    table
        .get(usize::from(code))?
        .get_or_init(|| Code::load(code))
        .as_ref()
}

/// The E.164 form of `text` (which starts with `+`) when the fast path is sure it is valid;
/// `None` when the library must decide.
pub(crate) fn international(text: &str) -> Option<String> {
    let mut buffer = [0u8; MAX_E164_DIGITS];
    let digits = plain_digits(text, &mut buffer)?;
    let digits = std::str::from_utf8(digits).ok()?;
    if digits.starts_with('0') {
        return None;
    }

    let (code, national) = split_country_code(digits)?;
    if !rfc3966_agrees(text, digits.len() - national.len()) {
        return None;
    }
    if national.bytes().all(|b| b == b'0') {
        return None;
    }

    // Parsing: the region is found with leading zeros ignored, and must not rewrite the number.
    if let Some(region) = code.region_for(national.trim_start_matches('0')) {
        if region.would_rewrite(national) {
            return None;
        }
    }

    // Validity: the region is found again, this time from the national number as it is.
    let valid = code
        .region_for(national)
        .is_some_and(|r| r.is_valid(national));
    valid.then(|| format!("+{digits}"))
}

/// The digits of `+` followed by digit groups separated by one space, `-`, `.` or `/`, one group
/// possibly in parentheses; `None` for any other shape (the library's parser decides those).
fn plain_digits<'b>(text: &str, buffer: &'b mut [u8; MAX_E164_DIGITS]) -> Option<&'b [u8]> {
    let rest = text.strip_prefix('+')?.as_bytes();
    let (mut count, mut previous, mut open, mut used_parentheses) = (0, b'+', false, false);
    for &byte in rest {
        let fits = match byte {
            b'0'..=b'9' => {
                *buffer.get_mut(count)? = byte;
                count += 1;
                true
            }
            b' ' | b'-' | b'.' | b'/' => previous.is_ascii_digit() || previous == b')',
            b'(' => {
                let fits = !used_parentheses && matches!(previous, b' ' | b'+');
                (open, used_parentheses) = (true, true);
                fits
            }
            b')' => std::mem::replace(&mut open, false) && previous.is_ascii_digit(),
            _ => false,
        };
        if !fits {
            return None;
        }
        previous = byte;
    }
    let complete = previous.is_ascii_digit() && !open && count >= 4;
    complete.then_some(&buffer[..count])
}

/// Without a space, `+`, digits, `-` and `.` are also an RFC 3966 global number, which the
/// library reads with the first group as the country code. The answer is then the same only when
/// that group is the country code the digits start with.
fn rfc3966_agrees(text: &str, country_code_digits: usize) -> bool {
    let body = &text[1..];
    if body.contains(' ') || !body.contains(['-', '.', '(', ')']) {
        return true;
    }
    let first_group = body.split(['-', '.']).next().unwrap_or("");
    !body.contains(['(', ')']) && first_group.len() == country_code_digits
}

/// The library's country code search: the first 1, 2 or 3 digits that name a calling code.
fn split_country_code(digits: &str) -> Option<(&'static Code, &str)> {
    (1..=3).find_map(|len| {
        let prefix: u16 = digits.get(..len)?.parse().ok()?;
        Some((code(prefix)?, &digits[len..]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_international_numbers_are_answered_here() {
        for (text, e164) in [
            ("+44 7400 123456", "+447400123456"),
            ("+1 (202) 555-0147", "+12025550147"),
            ("+32470123456", "+32470123456"),
            ("+61-412-345-678", "+61412345678"),
        ] {
            assert_eq!(international(text).as_deref(), Some(e164), "{text}");
        }
    }
}
