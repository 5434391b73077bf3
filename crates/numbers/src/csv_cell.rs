//! One rule for every free-text cell of every CSV the app writes, so opening an export in a
//! spreadsheet never runs anything that came from a list, a customer name or a note.
//!
//! A spreadsheet runs a cell as a formula when it starts with `=`, `+`, `-` or `@` (and some
//! also after a leading tab or carriage return). Such a cell is written with a leading `'`,
//! the usual defence: the spreadsheet shows it as text.
//!
//! One exception keeps numbers readable: `+` or `-` followed only by digits, spaces and
//! `-.()/` (an E.164 number such as `+447400123456`, `+1 (202) 555-0100`, an amount such as
//! `-5.00`) is written as it is. Without letters such a cell cannot name a function or a cell,
//! so at worst a spreadsheet shows it as a number; nothing is run.

use std::borrow::Cow;

/// `text` as a safe CSV cell: with a leading `'` when a spreadsheet would run it as a formula,
/// else unchanged (see the module doc for the rule).
pub fn csv_text_cell(text: &str) -> Cow<'_, str> {
    let plain_number = |rest: &str| {
        !rest.is_empty()
            && rest
                .chars()
                .all(|c| c.is_ascii_digit() || " -.()/".contains(c))
    };
    let mut chars = text.chars();
    let risky = match chars.next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !plain_number(chars.as_str()),
        _ => false,
    };
    if risky {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::csv_text_cell;

    #[test]
    fn formula_starts_are_written_as_text() {
        for (text, written) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3+cmd|x", "'-2+3+cmd|x"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("+", "'+"),
            ("+1 202, 555", "'+1 202, 555"),
        ] {
            assert_eq!(csv_text_cell(text), written, "{text:?}");
        }
    }

    #[test]
    fn numbers_and_plain_text_are_left_as_they_are() {
        for text in [
            "+447400123456",
            "+1 (202) 555-0100",
            "-5.00",
            "447400123456",
            "Acme Telecom",
            "UK - Mobile",
            "",
        ] {
            assert_eq!(csv_text_cell(text), text);
        }
    }
}
