//! JSON request bodies, written byte for byte as the official Python SDK writes them.
//!
//! The official SDK sends `simplejson.dumps(body)`: `", "` between items, `": "` after keys, and
//! every character outside printable ASCII escaped as `\uXXXX`. Matching it keeps bodies, and so
//! their signatures, identical to what the service already receives from the official SDKs.

use std::borrow::Borrow;
use std::fmt;
use std::io;
use std::sync::Arc;

use serde::Serialize;
use serde_json::ser::{CharEscape, Formatter, Serializer};

use crate::error::Error;

/// A JSON request body, encoded when the caller hands it over: from a value the caller may
/// lend (`&event`) or give, so sending one event many times never copies it, and every send
/// shares the one encoding.
///
/// A value that cannot be JSON (a map with keys that are not strings, a failing `Serialize`)
/// is kept as the reason, and the request fails with [`Error::InvalidInput`] when it is sent.
#[derive(Clone, PartialEq, Eq)]
pub struct JsonBody {
    encoded: Result<bytes::Bytes, Arc<str>>,
}

impl JsonBody {
    /// Encodes `value` as the official SDK would.
    pub fn encode<T: Serialize + ?Sized>(value: &T) -> Self {
        JsonBody {
            encoded: to_vec(value)
                .map(bytes::Bytes::from)
                .map_err(|e| Arc::from(e.to_string())),
        }
    }

    /// Encodes a body of the model `M`, given or lent (`M` or `&M`).
    pub fn of_model<M: Serialize>(model: impl Borrow<M>) -> Self {
        Self::encode(model.borrow())
    }

    /// The encoded bytes (sharing the buffer), or why `operation` cannot send the body.
    pub fn to_bytes(&self, operation: &'static str) -> Result<bytes::Bytes, Error> {
        self.encoded.clone().map_err(|reason| Error::InvalidInput {
            operation,
            input: "body",
            reason: reason.to_string(),
        })
    }
}

impl fmt::Debug for JsonBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.encoded {
            Ok(bytes) => f
                .debug_tuple("JsonBody")
                .field(&String::from_utf8_lossy(bytes))
                .finish(),
            Err(reason) => f.debug_struct("JsonBody").field("error", reason).finish(),
        }
    }
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

    #[test]
    fn a_body_is_encoded_once_from_a_borrowed_value_and_shared() {
        let event = serde_json::json!({"k": "v"});
        let body = JsonBody::encode(&event);
        let first = body.to_bytes("Op").unwrap();
        let second = body.clone().to_bytes("Op").unwrap();
        assert_eq!(&first[..], br#"{"k": "v"}"#);
        assert_eq!(first.as_ptr(), second.as_ptr(), "sends share one buffer");
    }

    #[test]
    fn a_value_that_cannot_be_json_fails_when_sent() {
        let mut map = std::collections::BTreeMap::new();
        map.insert(vec![1u8], 1);
        let error = JsonBody::encode(&map)
            .to_bytes("InvokeFunction")
            .unwrap_err();
        assert!(
            matches!(
                error,
                Error::InvalidInput {
                    operation: "InvokeFunction",
                    input: "body",
                    ..
                }
            ),
            "{error:?}"
        );
    }
}
