//! Bytes of a text file → text: UTF-8 (with or without a byte order mark) or UTF-16 with one.
//! Anything else is refused whole, with a message naming what was found: a list is never
//! imported half-decoded.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use crate::ReadError;

/// The text and the name of the encoding it was in.
pub(crate) fn decode(bytes: &[u8]) -> Result<(String, &'static str), ReadError> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if had_errors {
            return Err(ReadError::Encoding(format!(
                "the file starts with a {} byte order mark but is not valid {} after it",
                encoding.name(),
                encoding.name()
            )));
        }
        return Ok((text.into_owned(), label(encoding, true)));
    }

    match std::str::from_utf8(bytes) {
        Ok(text) if !text.contains('\0') => Ok((text.to_owned(), label(UTF_8, false))),
        Ok(_) => Err(ReadError::Encoding(nul_message(bytes))),
        Err(e) if e.valid_up_to() == 0 && bytes.contains(&0) => {
            Err(ReadError::Encoding(nul_message(bytes)))
        }
        Err(e) => Err(ReadError::Encoding(format!(
            "the file is not UTF-8: byte 0x{:02X} at offset {} cannot be read (probably a \
             legacy encoding such as Windows-1252); save it as \"CSV UTF-8\" or \"Unicode \
             Text\" and import it again",
            bytes[e.valid_up_to()],
            e.valid_up_to()
        ))),
    }
}

fn label(encoding: &'static Encoding, bom: bool) -> &'static str {
    match (encoding, bom) {
        (e, true) if e == UTF_8 => "UTF-8 with BOM",
        (e, _) if e == UTF_16LE => "UTF-16 LE",
        (e, _) if e == UTF_16BE => "UTF-16 BE",
        _ => "UTF-8",
    }
}

fn nul_message(bytes: &[u8]) -> String {
    let even_nuls = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let guess = if odd_nuls > even_nuls {
        "UTF-16 LE"
    } else {
        "UTF-16 BE"
    };
    format!(
        "the file holds NUL bytes, so it looks like {guess} text without a byte order mark, \
         which cannot be read safely; save it as \"CSV UTF-8\" or \"Unicode Text\" (which adds \
         the mark) and import it again"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom_and_utf16_with_bom_are_read() {
        assert_eq!(decode(b"+1\n").unwrap(), ("+1\n".into(), "UTF-8"));
        assert_eq!(
            decode(b"\xEF\xBB\xBF+1\n").unwrap(),
            ("+1\n".into(), "UTF-8 with BOM")
        );
        assert_eq!(
            decode(b"\xFF\xFE+\x001\x00").unwrap(),
            ("+1".into(), "UTF-16 LE")
        );
        assert_eq!(
            decode(b"\xFE\xFF\x00+\x001").unwrap(),
            ("+1".into(), "UTF-16 BE")
        );
    }

    #[test]
    fn anything_else_is_refused_with_a_message_naming_it() {
        let latin1 = decode(b"+44 7400\xA0123456\n").unwrap_err().to_string();
        assert!(
            latin1.contains("not UTF-8: byte 0xA0 at offset 8"),
            "{latin1}"
        );
        let no_bom = decode(b"+\x004\x004\x00").unwrap_err().to_string();
        assert!(
            no_bom.contains("UTF-16 LE text without a byte order mark"),
            "{no_bom}"
        );
        let odd_utf16 = decode(b"\xFF\xFE+\x00\x00\xD8").unwrap_err().to_string();
        assert!(
            odd_utf16.contains("UTF-16LE byte order mark but is not valid"),
            "{odd_utf16}"
        );
    }
}
