//! `application/x-www-form-urlencoded` request bodies, written byte for byte as the official
//! Python SDK writes them.
//!
//! The official SDK hands the form to `requests`, which encodes it with `urllib.parse.urlencode`:
//! `key=value` pairs joined by `&`, in the order given, each side through `quote_plus`. That
//! keeps ASCII letters, digits and `_.-~`, turns a space into `+`, and percent-encodes every other
//! byte of the UTF-8 text in upper-case hex. Matching it keeps bodies, and so their signatures,
//! identical to what the service already receives from the official SDKs.

use std::fmt::Write;

/// Encodes the form's pairs, in their order.
pub fn encode(pairs: &[(&'static str, String)]) -> bytes::Bytes {
    let capacity = pairs.iter().map(|(k, v)| k.len() + v.len() + 2).sum();
    let mut out = String::with_capacity(capacity);
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        quote_plus(&mut out, key);
        out.push('=');
        quote_plus(&mut out, value);
    }
    bytes::Bytes::from(out)
}

/// Python's `urllib.parse.quote_plus(text)` with its default `safe=''`.
fn quote_plus(out: &mut String, text: &str) {
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'.' | b'-' | b'~' => {
                out.push(char::from(byte))
            }
            b' ' => out.push('+'),
            // Writing to a String cannot fail.
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::encode;

    fn form(pairs: &[(&'static str, &str)]) -> String {
        let owned: Vec<(&'static str, String)> =
            pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
        String::from_utf8(encode(&owned).to_vec()).unwrap()
    }

    // Each expectation is what Python 3 prints for `urllib.parse.urlencode(pairs)`.

    #[test]
    fn pairs_are_joined_in_their_order() {
        assert_eq!(
            form(&[("grant_type", "id_token"), ("idp_id", "idp-1")]),
            "grant_type=id_token&idp_id=idp-1"
        );
    }

    #[test]
    fn spaces_become_plus_and_unreserved_characters_stay() {
        assert_eq!(form(&[("q", "a b_c.d-e~f")]), "q=a+b_c.d-e~f");
    }

    #[test]
    fn reserved_characters_are_percent_encoded_in_upper_case() {
        assert_eq!(
            form(&[("token", "a+b/c=d&e?f:g%h")]),
            "token=a%2Bb%2Fc%3Dd%26e%3Ff%3Ag%25h"
        );
    }

    #[test]
    fn non_ascii_text_is_percent_encoded_as_utf8() {
        assert_eq!(form(&[("名", "é中")]), "%E5%90%8D=%C3%A9%E4%B8%AD");
    }

    #[test]
    fn an_empty_form_is_an_empty_body_and_empty_values_keep_their_key() {
        assert_eq!(form(&[]), "");
        assert_eq!(form(&[("a", ""), ("b", "1")]), "a=&b=1");
    }

    #[test]
    fn control_characters_and_newlines_are_encoded() {
        assert_eq!(form(&[("t", "a\r\nb\t")]), "t=a%0D%0Ab%09");
    }
}
