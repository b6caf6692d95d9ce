//! How values are written into the path and the query string, exactly as the official SDK does.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

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
    let value = value.to_string();
    check_path_value(&value).map_err(|reason| Error::InvalidInput {
        operation,
        input,
        reason,
    })?;
    path.extend(utf8_percent_encode(&value, UNRESERVED));
    Ok(())
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
        query.extend(utf8_percent_encode(key, UNRESERVED));
        query.push('=');
        query.extend(utf8_percent_encode(value, UNRESERVED));
    }
    query
}

#[cfg(test)]
mod tests {
    use super::*;

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
