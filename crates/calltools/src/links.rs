//! `tel:` and `callto:` links, as the desktop hands them to the app, read strictly.
//!
//! A link is accepted only when, once percent-decoded, it holds a global number (`+` and the
//! country code) with nothing but digits and RFC 3966 visual separators (`-`, `.`, `(`, `)`,
//! spaces), and the number is valid in the phone-number metadata. Anything else (a script, a
//! local number, parameters, a link longer than any real number needs) is refused with a
//! sentence saying why, before it reaches the dialler.

use percent_encoding::percent_decode_str;
use phonenumber::Mode;
use serde::Serialize;
use ts_rs::TS;

/// The longest link considered: an E.164 number is at most 16 characters, so even a fully
/// separated and percent-encoded one fits with room to spare.
pub const MAX_LINK_LENGTH: usize = 96;

/// Why a link was refused; the text is for people.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("The link is empty.")]
    Empty,
    #[error("The link is longer than {MAX_LINK_LENGTH} characters; no phone number is that long.")]
    TooLong,
    #[error("Only tel: and callto: links are handled.")]
    UnknownScheme,
    #[error("The link is not valid percent-encoded text.")]
    BadEncoding,
    #[error("The link carries parameters (after ';' or '?'); only a plain number is dialled.")]
    Parameters,
    #[error("The link holds no phone number.")]
    NoNumber,
    #[error("“{0}” is not a phone number: only digits, '+' and separators may appear.")]
    NotANumber(String),
    #[error("“{0}” has no country code; a link must start with + and the country code.")]
    NoCountryCode(String),
    #[error("“{0}” is not a valid phone number.")]
    Invalid(String),
}

/// A link the desktop opened the app with, as the UI hears of it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DialLink {
    /// The number in E.164, when the link holds one.
    pub phone: Option<String>,
    /// Why the link was refused, when it was.
    pub error: Option<String>,
}

impl DialLink {
    /// Reads `link` strictly: its number, or the reason it is refused.
    pub fn read(link: &str) -> Self {
        match parse_dial_link(link) {
            Ok(phone) => Self {
                phone: Some(phone),
                error: None,
            },
            Err(error) => Self {
                phone: None,
                error: Some(error.to_string()),
            },
        }
    }
}

/// The number a `tel:` or `callto:` link dials, in E.164 (`+12025550147`).
pub fn parse_dial_link(link: &str) -> Result<String, LinkError> {
    let link = link.trim();
    if link.is_empty() {
        return Err(LinkError::Empty);
    }
    if link.len() > MAX_LINK_LENGTH {
        return Err(LinkError::TooLong);
    }
    let rest = strip_scheme(link).ok_or(LinkError::UnknownScheme)?;
    let decoded = percent_decode_str(rest)
        .decode_utf8()
        .map_err(|_| LinkError::BadEncoding)?;
    if decoded.contains([';', '?', '#', '&']) {
        return Err(LinkError::Parameters);
    }
    normalise(decoded.trim())
}

/// What follows `tel:`, `callto:` or `callto://`, the scheme compared without case.
fn strip_scheme(link: &str) -> Option<&str> {
    let (scheme, rest) = link.split_once(':')?;
    match scheme.to_ascii_lowercase().as_str() {
        "tel" => Some(rest),
        "callto" => Some(rest.strip_prefix("//").unwrap_or(rest)),
        _ => None,
    }
}

/// A typed or linked number, in E.164.
pub fn normalise(text: &str) -> Result<String, LinkError> {
    if text.is_empty() {
        return Err(LinkError::NoNumber);
    }
    let shown = || text.chars().take(40).collect::<String>();
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, '-' | '.' | '(' | ')' | ' ');
    let (plus, body) = match text.strip_prefix('+') {
        Some(body) => (true, body),
        None => (false, text),
    };
    if !body.chars().all(allowed) || !body.chars().any(|c| c.is_ascii_digit()) {
        return Err(LinkError::NotANumber(shown()));
    }
    if !plus {
        return Err(LinkError::NoCountryCode(shown()));
    }
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    let number =
        phonenumber::parse(None, format!("+{digits}")).map_err(|_| LinkError::Invalid(shown()))?;
    if !phonenumber::is_valid(&number) {
        return Err(LinkError::Invalid(shown()));
    }
    Ok(number.format().mode(Mode::E164).to_string())
}
