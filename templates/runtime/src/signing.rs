//! SDK-HMAC-SHA256, the AK/SK request signature of Huawei Cloud's APIs.
//!
//! The signature is byte for byte the one the official SDKs compute (huaweicloudsdkcore's
//! `Signer`): the client signs every request with it, and it is public so that other HTTP
//! calls to Huawei Cloud can be signed the same way.
//!
//! The crate-level docs show how to sign a request by hand.

use std::borrow::Cow;
use std::cell::RefCell;
use std::time::SystemTime;

use hmac::{Hmac, KeyInit, Mac};
use percent_encoding::{AsciiSet, percent_decode_str};
use sha2::{Digest, Sha256};

use crate::encoding::{UNRESERVED, is_unreserved};

/// The algorithm name, the first word of the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// The header that carries the signing time.
pub const DATE_HEADER: &str = "X-Sdk-Date";

/// Everything the signature covers.
#[derive(Debug, Clone, Copy)]
pub struct SignableRequest<'a> {
    /// The HTTP method, e.g. `GET`.
    pub method: &'a str,
    /// The path as it is sent, percent-encoded, without the query.
    pub path: &'a str,
    /// The query string as it is sent, without `?`; empty when there is none.
    pub query: &'a str,
    /// The headers to sign, including `Host` and `X-Sdk-Date`. Names containing `_` are not
    /// signed, as in the official SDK.
    pub headers: &'a [(&'a str, &'a str)],
    /// The body bytes; empty when there is no body.
    pub body: &'a [u8],
}

/// A computed signature, with the intermediate strings for debugging a mismatch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The canonical request that was hashed.
    pub canonical_request: String,
    /// The string that was signed.
    pub string_to_sign: String,
    /// The signed header names, lower case, sorted, joined by `;`.
    pub signed_headers: String,
    /// The signature, lower-case hex.
    pub signature: String,
}

impl Signature {
    /// The value of the `Authorization` header.
    pub fn authorization(&self, access_key: &str) -> String {
        authorization_value(access_key, &self.signed_headers, &self.signature)
    }
}

/// The canonical URI keeps `/` as the separator and encodes everything else but the
/// unreserved characters.
const UNRESERVED_AND_SLASH: &AsciiSet = &UNRESERVED.remove(b'/');

/// The SHA-256 of an empty body, which every GET signs.
const EMPTY_BODY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// A secret key made ready for HMAC-SHA256. A client makes it once, so that each signature
/// starts from the hashed key instead of hashing the key again.
#[derive(Clone)]
pub(crate) struct SigningKey(Hmac<Sha256>);

impl SigningKey {
    pub(crate) fn new(secret_key: &str) -> Self {
        SigningKey(
            <Hmac<Sha256> as KeyInit>::new_from_slice(secret_key.as_bytes())
                .expect("HMAC takes a key of any length"),
        )
    }
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey(***)")
    }
}

/// Signs a request with the secret key.
pub fn sign(request: &SignableRequest<'_>, secret_key: &str) -> Signature {
    let mut parts = SigningParts::new();
    let mac = parts.compute(
        request,
        &canonical_query(request.query),
        &SigningKey::new(secret_key),
    );
    let mut signature = String::with_capacity(64);
    push_hex(&mut signature, &mac);
    Signature {
        canonical_request: parts.canonical_request,
        string_to_sign: parts.string_to_sign,
        signed_headers: parts.signed_headers,
        signature,
    }
}

/// The `Authorization` value of a request, like [`sign`] followed by
/// [`Signature::authorization`], for a request whose query string the caller already wrote in
/// canonical form (sorted by key then value, each part encoded as [`crate::encoding`] does) and
/// with the key already hashed. The strings are computed in buffers that each thread keeps from
/// one request to the next: once warm, signing allocates only the value it returns.
pub(crate) fn authorization(
    request: &SignableRequest<'_>,
    canonical_query: &str,
    key: &SigningKey,
    access_key: &str,
) -> String {
    thread_local! {
        static PARTS: RefCell<SigningParts> = RefCell::new(SigningParts::new());
    }
    let with_parts = |parts: &mut SigningParts| {
        let mac = parts.compute(request, canonical_query, key);
        let mut signature = [0u8; 64];
        let signature = hex(&mac, &mut signature);
        authorization_value(access_key, &parts.signed_headers, signature)
    };
    PARTS.with(|parts| match parts.try_borrow_mut() {
        Ok(mut parts) => with_parts(&mut parts),
        // Only reached if signing ever called itself; fresh buffers do the same work.
        Err(_) => with_parts(&mut SigningParts::new()),
    })
}

/// `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`.
fn authorization_value(access_key: &str, signed_headers: &str, signature: &str) -> String {
    [
        ALGORITHM,
        " Access=",
        access_key,
        ", SignedHeaders=",
        signed_headers,
        ", Signature=",
        signature,
    ]
    .concat()
}

/// The strings a signature is computed from.
struct SigningParts {
    signed_headers: String,
    canonical_request: String,
    string_to_sign: String,
}

impl SigningParts {
    /// Buffers large enough for a typical request, so that writing them does not grow them.
    fn new() -> Self {
        SigningParts {
            signed_headers: String::with_capacity(128),
            canonical_request: String::with_capacity(1024),
            string_to_sign: String::with_capacity(128),
        }
    }

    /// Writes the signed headers, canonical request and string to sign, replacing what the
    /// buffers held, and returns the HMAC of the string to sign.
    fn compute(
        &mut self,
        request: &SignableRequest<'_>,
        canonical_query: &str,
        key: &SigningKey,
    ) -> [u8; 32] {
        let headers = canonical_header_list(request.headers);
        let signed_headers = &mut self.signed_headers;
        signed_headers.clear();
        for (index, (name, _)) in headers.iter().enumerate() {
            if index > 0 {
                signed_headers.push(';');
            }
            signed_headers.push_str(name);
        }
        let canonical_request = &mut self.canonical_request;
        canonical_request.clear();
        canonical_request.push_str(&ascii_uppercase(request.method));
        canonical_request.push('\n');
        push_canonical_uri(canonical_request, request.path);
        canonical_request.push('\n');
        canonical_request.push_str(canonical_query);
        canonical_request.push('\n');
        for (name, value) in &headers {
            canonical_request.push_str(name);
            canonical_request.push(':');
            canonical_request.push_str(value);
            canonical_request.push('\n');
        }
        canonical_request.push('\n');
        canonical_request.push_str(signed_headers);
        canonical_request.push('\n');
        if request.body.is_empty() {
            canonical_request.push_str(EMPTY_BODY_SHA256);
        } else {
            push_hex(canonical_request, &Sha256::digest(request.body).into());
        }

        let date = headers
            .iter()
            .find(|(name, _)| name == "x-sdk-date")
            .map(|(_, value)| *value)
            .unwrap_or_default();
        let string_to_sign = &mut self.string_to_sign;
        string_to_sign.clear();
        string_to_sign.push_str(ALGORITHM);
        string_to_sign.push('\n');
        string_to_sign.push_str(date);
        string_to_sign.push('\n');
        push_hex(
            string_to_sign,
            &Sha256::digest(canonical_request.as_bytes()).into(),
        );
        let mut mac = key.0.clone();
        mac.update(string_to_sign.as_bytes());
        mac.finalize().into_bytes().into()
    }
}

/// The `X-Sdk-Date` value for a time: UTC, `%Y%m%dT%H%M%SZ`. A time outside 1970–9999, which no
/// working clock shows, is clamped to that range.
pub fn sdk_date(time: SystemTime) -> String {
    let utc = crate::time::utc(time);
    // Written digit by digit: this runs for every request, and `format!` costs several times more.
    let mut date = String::with_capacity(16);
    push_padded(&mut date, utc.year().unsigned_abs().into(), 4);
    push_padded(&mut date, u8::from(utc.month()).into(), 2);
    push_padded(&mut date, utc.day().into(), 2);
    date.push('T');
    push_padded(&mut date, utc.hour().into(), 2);
    push_padded(&mut date, utc.minute().into(), 2);
    push_padded(&mut date, utc.second().into(), 2);
    date.push('Z');
    date
}

/// Appends a number in decimal, with leading zeros up to `width` digits.
fn push_padded(out: &mut String, value: u64, width: u32) {
    let digits = value.checked_ilog10().map_or(1, |log| log + 1).max(width);
    for position in (0..digits).rev() {
        let digit = value / 10u64.pow(position) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
}

/// Lower-cased, trimmed, sorted headers to sign. Names with `_` are skipped; of two names that
/// differ only by case, the later one wins, as in the official SDK.
fn canonical_header_list<'h>(headers: &[(&'h str, &'h str)]) -> Vec<(Cow<'h, str>, &'h str)> {
    let mut list: Vec<(Cow<'h, str>, &'h str)> = Vec::with_capacity(headers.len());
    for &(name, value) in headers {
        if name.contains('_') {
            continue;
        }
        // The client's own names are lower case already; only others need a copy.
        let name = if name.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(name)
        };
        let value = value.trim();
        match list.iter_mut().find(|(existing, _)| *existing == name) {
            Some(entry) => entry.1 = value,
            None => list.push((name, value)),
        }
    }
    list.sort();
    list
}

/// The path decoded, split on `/`, each segment encoded again, always ending in `/`.
///
/// The whole path is decoded before it is split, so an encoded `/` (`%2F`) inside a value
/// becomes a separator here, exactly as in the official SDK. Encoding every byte but `/` and
/// the unreserved ones is the same as splitting, encoding each segment and joining them.
fn push_canonical_uri(out: &mut String, path: &str) {
    let start = out.len();
    if !push_canonical_ascii_uri(out, path) {
        out.truncate(start);
        push_canonical_uri_decoding(out, path);
    }
    if !out.ends_with('/') {
        out.push('/');
    }
}

/// The general way: decode the whole path (invalid UTF-8 replaced), then encode every byte
/// but `/` and the unreserved ones.
fn push_canonical_uri_decoding(out: &mut String, path: &str) {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    out.extend(percent_encoding::utf8_percent_encode(
        &decoded,
        UNRESERVED_AND_SLASH,
    ));
}

/// [`push_canonical_uri`] in one pass over the bytes, for the usual path, where every escape
/// stands for an ASCII byte: decoding it then encoding it again either keeps the escape (with
/// upper-case hex) or gives back the character, when that is `/` or unreserved. An escape of a
/// byte above 0x7F needs the UTF-8 decoding of the general way: then this returns `false`,
/// having written part of the path.
fn push_canonical_ascii_uri(out: &mut String, path: &str) -> bool {
    let bytes = path.as_bytes();
    let hex_digit = |at: usize| {
        bytes
            .get(at)
            .and_then(|&b| (b as char).to_digit(16))
            .map(|d| d as u8)
    };
    // Bytes that stay as they are (ASCII, so any run of them is text) go out in runs, copied
    // at once.
    let push_run = |out: &mut String, run: &[u8]| {
        out.push_str(std::str::from_utf8(run).unwrap_or_default());
    };
    let mut run_start = 0;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte == b'/' || is_unreserved(byte) {
            at += 1;
            continue;
        }
        push_run(out, &bytes[run_start..at]);
        let decoded = match (byte, hex_digit(at + 1), hex_digit(at + 2)) {
            (b'%', Some(high), Some(low)) => {
                at += 3;
                high << 4 | low
            }
            _ => {
                at += 1;
                byte
            }
        };
        if !decoded.is_ascii() && byte == b'%' {
            return false;
        }
        if decoded == b'/' || is_unreserved(decoded) {
            out.push(char::from(decoded));
        } else {
            out.push_str(percent_encoding::percent_encode_byte(decoded));
        }
        run_start = at;
    }
    push_run(out, &bytes[run_start..]);
    true
}

/// The query pairs decoded, sorted by key and then value, and encoded again.
fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |text: &str| percent_decode_str(text).decode_utf8_lossy().into_owned();
            (decode(key), decode(value))
        })
        .collect();
    pairs.sort();
    let mut canonical = String::with_capacity(query.len());
    for (key, value) in &pairs {
        if !canonical.is_empty() {
            canonical.push('&');
        }
        canonical.extend(percent_encoding::utf8_percent_encode(key, UNRESERVED));
        canonical.push('=');
        canonical.extend(percent_encoding::utf8_percent_encode(value, UNRESERVED));
    }
    canonical
}

fn push_hex(out: &mut String, digest: &[u8; 32]) {
    let mut buffer = [0u8; 64];
    out.push_str(hex(digest, &mut buffer));
}

/// A digest in lower-case hex, written into `buffer`.
fn hex<'b>(digest: &[u8; 32], buffer: &'b mut [u8; 64]) -> &'b str {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for (pair, byte) in buffer.chunks_exact_mut(2).zip(digest) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 0x0f)];
    }
    // Only ASCII digits were written.
    std::str::from_utf8(buffer).unwrap_or_default()
}

/// The method in upper case, borrowed when it already is (as every method the client sends is).
fn ascii_uppercase(method: &str) -> Cow<'_, str> {
    if method.bytes().any(|b| b.is_ascii_lowercase()) {
        Cow::Owned(method.to_ascii_uppercase())
    } else {
        Cow::Borrowed(method)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn sdk_date_is_utc_in_the_official_format() {
        let time = UNIX_EPOCH + Duration::from_secs(1_795_344_180); // 2026-11-22T10:43:00Z
        assert_eq!(sdk_date(time), "20261122T104300Z");
        assert_eq!(sdk_date(UNIX_EPOCH), "19700101T000000Z");
        let leap_day = UNIX_EPOCH + Duration::from_secs(951_782_400); // 2000-02-29T00:00:00Z
        assert_eq!(sdk_date(leap_day), "20000229T000000Z");
        // Past the calendar's end (9999-12-31), and before 1970: clamped, never a panic.
        let far = UNIX_EPOCH + std::time::Duration::from_secs(253_402_300_800);
        assert_eq!(sdk_date(far), "99991231T235959Z");
        let early = UNIX_EPOCH - std::time::Duration::from_secs(86_400);
        assert_eq!(sdk_date(early), "19700101T000000Z");
    }

    fn canonical_uri(path: &str) -> String {
        let mut uri = String::new();
        push_canonical_uri(&mut uri, path);
        uri
    }

    #[test]
    fn canonical_uri_always_ends_in_a_slash() {
        assert_eq!(canonical_uri("/v2/p/x"), "/v2/p/x/");
        assert_eq!(canonical_uri("/v2/p/x/"), "/v2/p/x/");
        assert_eq!(canonical_uri("/"), "/");
        assert_eq!(canonical_uri("/a/urn%3Afss/b"), "/a/urn%3Afss/b/");
        // The official SDK's quirk: an encoded slash becomes a separator.
        assert_eq!(canonical_uri("/a/x%2Fy"), "/a/x/y/");
    }

    #[test]
    fn the_one_pass_canonical_uri_equals_decoding_then_encoding() {
        let paths = [
            "/v2/p/fgs/functions/urn%3Afss%3Acn-north-4%3Ap%3Afunction%3Adefault%3Ax%3Alatest/invocations",
            "/a/x%2Fy%2fz",
            "/a/%41%7e%2D%5F%2e%25",
            "/a/%zz/%4/%",
            "/a/b c/d:e",
            "/a/函/%E5%87%BD",
            "/a/%FF%FE",
            "/函数/x y/é%41",
            "函",
            "%",
            "",
            "/a/%2",
            "/~-_./%7E%2d",
        ];
        for path in paths {
            let mut general = String::new();
            push_canonical_uri_decoding(&mut general, path);
            let mut fast = String::new();
            if push_canonical_ascii_uri(&mut fast, path) {
                assert_eq!(fast, general, "{path}");
            } else {
                assert!(path.contains("%E5") || path.contains("%FF"), "{path}");
            }
        }
    }

    #[test]
    fn canonical_query_sorts_by_key_then_value() {
        assert_eq!(
            canonical_query("tag=b&tag=a&empty=&sp=a%20b"),
            "empty=&sp=a%20b&tag=a&tag=b"
        );
        assert_eq!(canonical_query(""), "");
    }

    #[test]
    fn headers_with_underscores_are_not_signed_and_values_are_trimmed() {
        let list =
            canonical_header_list(&[("X-Sdk-Date", " d "), ("my_header", "x"), ("Host", "h")]);
        assert_eq!(list, vec![("host".into(), "h"), ("x-sdk-date".into(), "d")]);
    }
}
