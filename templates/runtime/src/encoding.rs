//! How values are written into the path and the query string, exactly as the official SDK does.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};

use crate::error::Error;

/// Python's `urllib.parse.quote(value, safe='')`: everything but `A-Z a-z 0-9 - _ . ~` is
/// percent-encoded, so `:` becomes `%3A` and `/` becomes `%2F`. The official SDK encodes path
/// values this way, and query keys and values with `safe='~'`, which is the same set.
pub(crate) const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Whether a byte is one of `A-Z a-z 0-9 - _ . ~`, which [`UNRESERVED`] leaves as it is.
pub(crate) fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~')
}

/// Appends one path parameter, percent-encoded.
///
/// A value that would change which resource the path names is refused before anything is sent:
/// an empty value, `.` or `..` (which HTTP stacks collapse into the parent path).
pub fn push_path_value<V: std::fmt::Display + ?Sized>(
    path: &mut String,
    operation: &'static str,
    input: &'static str,
    value: &V,
) -> Result<(), Error> {
    use std::fmt::Write;
    let start = path.len();
    // Encoded as it is formatted, without a copy of the text first. Writing to a `String`
    // never fails.
    let _ = write!(PathEncoder(path), "{value}");
    // `.` is unreserved, so the three refused values are exactly those that encode to
    // themselves: checking the encoded segment checks the value.
    if let Err(reason) = check_path_value(&path[start..]) {
        path.truncate(start);
        return Err(Error::InvalidInput {
            operation,
            input,
            reason,
        });
    }
    Ok(())
}

/// Percent-encodes everything written to it into the string, as [`UNRESERVED`] says.
struct PathEncoder<'a>(&'a mut String);

impl std::fmt::Write for PathEncoder<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        push_encoded(self.0, text);
        Ok(())
    }
}

/// Appends `text` with everything but [`is_unreserved`] bytes percent-encoded, in upper-case
/// hexadecimal, as `utf8_percent_encode(text, UNRESERVED)` writes it, a byte at a time.
pub(crate) fn push_encoded(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.reserve(text.len());
    let mut rest = text.as_bytes();
    while !rest.is_empty() {
        // The longest run left as it is, copied at once; it is ASCII, so it is text.
        let kept = rest
            .iter()
            .position(|&b| !is_unreserved(b))
            .unwrap_or(rest.len());
        let (run, after) = rest.split_at(kept);
        out.push_str(std::str::from_utf8(run).expect("unreserved bytes are ASCII"));
        rest = after;
        if let Some((&byte, tail)) = rest.split_first() {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
            rest = tail;
        }
    }
}

/// Why a value cannot be one path segment, if it cannot: an empty value, `.` and `..` change
/// which resource the path names.
pub(crate) fn check_path_value(value: &str) -> Result<(), String> {
    if value.is_empty() || value == "." || value == ".." {
        return Err(format!("{value:?} is not allowed as a path value"));
    }
    Ok(())
}

/// The query string the official SDK sends: pairs sorted by key, then by value, each part
/// percent-encoded. It is also the canonical query string of the request signature.
pub(crate) fn query_string(pairs: &mut [(&'static str, String)]) -> String {
    pairs.sort();
    let mut query = String::new();
    for (key, value) in pairs.iter() {
        if !query.is_empty() {
            query.push('&');
        }
        push_encoded(&mut query, key);
        query.push('=');
        push_encoded(&mut query, value);
    }
    query
}

#[cfg(test)]
mod tests {
    use super::*;
    use percent_encoding::utf8_percent_encode;

    #[test]
    fn path_values_keep_only_unreserved_characters() {
        let mut path = String::from("/x/");
        push_path_value(&mut path, "Op", "urn", "urn:fss:a/b c?d#e%f~g.h-i_j函").unwrap();
        assert_eq!(
            path,
            "/x/urn%3Afss%3Aa%2Fb%20c%3Fd%23e%25f~g.h-i_j%E5%87%BD"
        );
    }

    #[test]
    fn is_unreserved_agrees_with_the_encode_set() {
        for byte in 0..=u8::MAX {
            let encoded: String =
                utf8_percent_encode(std::str::from_utf8(&[byte]).unwrap_or("\u{80}"), UNRESERVED)
                    .collect();
            let kept = byte.is_ascii() && encoded.len() == 1;
            assert_eq!(is_unreserved(byte), kept, "byte {byte:#04x}");
        }
    }

    #[test]
    fn push_encoded_writes_what_utf8_percent_encode_writes() {
        let mut texts: Vec<String> = (0..=0x10FFu32)
            .chain([0xFFFD, 0x1F600])
            .filter_map(char::from_u32)
            .map(|c| format!("a{c}~{c}{c}-"))
            .collect();
        texts.extend(
            [
                "",
                "urn:fss:cn-north-4:p:function:default:f:latest",
                "a b/c?d#e%f",
            ]
            .map(String::from),
        );
        for text in texts {
            let mut pushed = String::from("/x/");
            push_encoded(&mut pushed, &text);
            let expected = format!("/x/{}", utf8_percent_encode(&text, UNRESERVED));
            assert_eq!(pushed, expected, "{text:?}");
        }
    }

    #[test]
    fn path_values_of_any_display_type_are_encoded() {
        let mut path = String::from("/v1/");
        push_path_value(&mut path, "Op", "count", &-12.5f64).unwrap();
        push_path_value(&mut path, "Op", "name", &format_args!("{}:{}", "a", "b c")).unwrap();
        assert_eq!(path, "/v1/-12.5a%3Ab%20c");
    }

    #[test]
    fn dot_segments_and_empty_values_are_refused() {
        for value in ["", ".", ".."] {
            let err = push_path_value(&mut String::new(), "Op", "function_urn", value).unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::InvalidInput {
                        input: "function_urn",
                        ..
                    }
                ),
                "{err}"
            );
        }
    }

    #[test]
    fn query_is_sorted_by_key_then_value_and_encoded() {
        let mut pairs = vec![
            ("tag", "b".to_owned()),
            ("tag", "a".to_owned()),
            ("empty", String::new()),
            ("sp", "a b+c:d".to_owned()),
            ("uni", "值".to_owned()),
        ];
        assert_eq!(
            query_string(&mut pairs),
            "empty=&sp=a%20b%2Bc%3Ad&tag=a&tag=b&uni=%E5%80%BC"
        );
    }
}
