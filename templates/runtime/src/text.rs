//! Text that carries data of its own: JSON written into a string, and base64.

use serde::de::DeserializeOwned;

/// The impls every text newtype of the crate shares: `as_str`, conversions from text, `Display`,
/// and serialization as the plain string. `deserialize_from_string` adds deserialization from a
/// JSON string, for the types that need nothing more.
macro_rules! text_newtype {
    ($name:ident) => {
        impl $name {
            /// The text, exactly as it was received or given.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                $name(text)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                $name(text.to_owned())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }
    };
    ($name:ident, deserialize_from_string) => {
        $crate::text::text_newtype!($name);

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <String as serde::Deserialize>::deserialize(deserializer).map($name)
            }
        }
    };
}

pub(crate) use text_newtype;

/// JSON text inside a field, such as a function's `result`.
///
/// The service usually sends a string that holds JSON; it may also send the JSON itself. Either
/// decodes: a string is kept as it is, any other value as its JSON text, so
/// [`as_str`](Self::as_str) gives the text and [`parse`](Self::parse) a type of the caller's.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct JsonText(String);

text_newtype!(JsonText);

impl JsonText {
    /// Decodes the text as JSON into `T`.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for JsonText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonTextVisitor)
    }
}

/// Takes a string as it is, straight from the decoder; any other value is collected and
/// written back as JSON text.
struct JsonTextVisitor;

impl JsonTextVisitor {
    fn text(value: impl Into<serde_json::Value>) -> JsonText {
        JsonText(value.into().to_string())
    }
}

impl<'de> serde::de::Visitor<'de> for JsonTextVisitor {
    type Value = JsonText;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string holding JSON, or any JSON value")
    }

    fn visit_str<E>(self, text: &str) -> Result<JsonText, E> {
        Ok(JsonText(text.to_owned()))
    }

    fn visit_string<E>(self, text: String) -> Result<JsonText, E> {
        Ok(JsonText(text))
    }

    fn visit_bool<E>(self, value: bool) -> Result<JsonText, E> {
        Ok(Self::text(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<JsonText, E> {
        Ok(Self::text(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<JsonText, E> {
        Ok(Self::text(value))
    }

    fn visit_f64<E>(self, value: f64) -> Result<JsonText, E> {
        Ok(Self::text(value))
    }

    fn visit_unit<E>(self) -> Result<JsonText, E> {
        Ok(Self::text(serde_json::Value::Null))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<JsonText, A::Error> {
        let value = <serde_json::Value as serde::Deserialize>::deserialize(
            serde::de::value::MapAccessDeserializer::new(map),
        )?;
        Ok(Self::text(value))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<JsonText, A::Error> {
        let value = <serde_json::Value as serde::Deserialize>::deserialize(
            serde::de::value::SeqAccessDeserializer::new(seq),
        )?;
        Ok(Self::text(value))
    }
}

/// Base64 text (`format: byte`), such as the function log of `X-Cff-Function-Log`, decoded on
/// request.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Base64Text(String);

text_newtype!(Base64Text, deserialize_from_string);

impl Base64Text {
    /// The decoded bytes, or `None` when the text is not standard base64.
    pub fn decode(&self) -> Option<Vec<u8>> {
        decode_base64(self.0.trim())
    }

    /// The decoded bytes as text, with invalid UTF-8 replaced.
    pub fn decode_lossy(&self) -> Option<String> {
        self.decode()
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// Any text, as it is kept: so that a response header can hold JSON text too.
impl std::str::FromStr for JsonText {
    type Err = std::convert::Infallible;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(JsonText(text.to_owned()))
    }
}

impl std::str::FromStr for Base64Text {
    type Err = std::convert::Infallible;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(Base64Text(text.to_owned()))
    }
}

/// Standard base64 (RFC 4648 §4), padded or not.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    const STANDARD_ANY_PADDING: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    STANDARD_ANY_PADDING.decode(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_decodes_padded_and_unpadded_text() {
        assert_eq!(
            Base64Text::from("SGVsbG8sIFdvcmxkIQ==")
                .decode_lossy()
                .as_deref(),
            Some("Hello, World!")
        );
        assert_eq!(
            Base64Text::from("SGk").decode().as_deref(),
            Some(&b"Hi"[..])
        );
        assert_eq!(Base64Text::from("").decode().as_deref(), Some(&b""[..]));
        assert_eq!(Base64Text::from("not base64!").decode(), None);
        assert_eq!(Base64Text::from("A").decode(), None);
    }

    #[test]
    fn json_text_decodes_from_a_string_or_from_json() {
        let quoted: JsonText = serde_json::from_str(r#""{\"statusCode\": 200}""#).unwrap();
        let raw: JsonText = serde_json::from_str(r#"{"statusCode": 200}"#).unwrap();
        for text in [quoted, raw] {
            let value: serde_json::Value = text.parse().unwrap();
            assert_eq!(value["statusCode"], 200);
        }
    }

    #[test]
    fn json_text_of_any_other_value_is_its_json() {
        for (json, text) in [
            ("[1, {\"a\": null}]", "[1,{\"a\":null}]"),
            ("true", "true"),
            ("-7", "-7"),
            ("18446744073709551615", "18446744073709551615"),
            ("2.5", "2.5"),
            ("null", "null"),
            ("\"\\u00e9\"", "é"),
        ] {
            let decoded: JsonText = serde_json::from_str(json).unwrap();
            assert_eq!(decoded.as_str(), text, "{json}");
        }
    }
}
