//! JSON request bodies, written byte for byte as the official Python SDK writes them.
//!
//! The official SDK sends `simplejson.dumps(body)`: `", "` between items, `": "` after keys, and
//! every character outside printable ASCII escaped as `\uXXXX`. Matching it keeps bodies, and so
//! their signatures, identical to what the service already receives from the official SDKs.

use std::io;

use serde::Serialize;
use serde_json::ser::{CharEscape, Formatter, Serializer};

use crate::error::Error;

/// Serializes an operation's request body; a value that cannot be JSON is invalid input.
pub fn encode<T: Serialize + ?Sized>(
    operation: &'static str,
    value: &T,
) -> Result<bytes::Bytes, Error> {
    to_vec(value)
        .map(bytes::Bytes::from)
        .map_err(|e| Error::InvalidInput {
            operation,
            input: "body",
            reason: e.to_string(),
        })
}

/// Serializes a value as the official SDK would.
pub(crate) fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = Vec::with_capacity(128);
    let mut serializer = Serializer::with_formatter(&mut out, PythonFormatter);
    value.serialize(&mut serializer)?;
    Ok(out)
}

/// The separators and escaping of Python's `json.dumps` with its defaults.
struct PythonFormatter;

impl Formatter for PythonFormatter {
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        item_separator(writer, first)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        item_separator(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut plain_start = 0;
        for (index, c) in fragment.char_indices() {
            // serde_json already escaped quotes, backslashes and control characters; what is
            // left to escape is everything outside printable ASCII, as `ensure_ascii` does.
            if (' '..='~').contains(&c) {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[plain_start..index])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            plain_start = index + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[plain_start..])
    }

    fn write_char_escape<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        escape: CharEscape,
    ) -> io::Result<()> {
        // Python writes the same short escapes as serde_json, and `\u00XX` in lower case for
        // other control characters; only the `AsciiControl` case differs in serde_json's casing.
        let text: &[u8] = match escape {
            CharEscape::Quote => b"\\\"",
            CharEscape::ReverseSolidus => b"\\\\",
            CharEscape::Solidus => b"\\/",
            CharEscape::Backspace => b"\\b",
            CharEscape::FormFeed => b"\\f",
            CharEscape::LineFeed => b"\\n",
            CharEscape::CarriageReturn => b"\\r",
            CharEscape::Tab => b"\\t",
            CharEscape::AsciiControl(byte) => return write!(writer, "\\u{byte:04x}"),
        };
        writer.write_all(text)
    }
}

/// Python's item separator, `", "`, before every item but the first.
fn item_separator<W: ?Sized + io::Write>(writer: &mut W, first: bool) -> io::Result<()> {
    if first {
        Ok(())
    } else {
        writer.write_all(b", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(value: serde_json::Value) -> String {
        String::from_utf8(to_vec(&value).unwrap()).unwrap()
    }

    #[test]
    fn separators_match_python() {
        assert_eq!(
            json(serde_json::json!({"key": "value", "list": [1, 2, 3], "o": {}})),
            r#"{"key": "value", "list": [1, 2, 3], "o": {}}"#
        );
    }

    #[test]
    fn non_ascii_is_escaped_like_ensure_ascii() {
        assert_eq!(
            json(serde_json::json!("值 é 😀 \u{7f}")),
            r#""\u503c \u00e9 \ud83d\ude00 \u007f""#
        );
    }

    #[test]
    fn control_characters_use_python_escapes() {
        assert_eq!(
            json(serde_json::json!("a\"b\\c\nd\te\u{1}")),
            r#""a\"b\\c\nd\te\u0001""#
        );
    }
}
