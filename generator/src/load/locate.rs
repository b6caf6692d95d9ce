//! The line and column of a JSON pointer in the YAML text.
//!
//! `serde_yaml::Value` keeps no positions, but serde_yaml attaches the position of the current
//! event to any error a visitor raises. So this deserializes the text once more, descending
//! along the pointer and ignoring everything else, and fails on purpose on the key (or list
//! item) the pointer names: the error's location is the place.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// The message of the deliberate failure, to tell it from a real one.
const FOUND: &str = "sdkgen: found the pointer";

/// The 1-based line and column of the place `pointer` names, if the text has it.
pub fn line_column(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let segments: Vec<String> = pointer
        .strip_prefix('/')?
        .split('/')
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let deserializer = serde_yaml::Deserializer::from_str(text);
    match (Seek { rest: &segments }).deserialize(deserializer) {
        // The message is prefixed with the path serde_yaml was at.
        Err(error) if error.to_string().contains(FOUND) => {
            let location = error.location()?;
            Some((location.line(), location.column()))
        }
        _ => None,
    }
}

/// The place of `pointer`, or of its nearest ancestor that is in the text: a missing field is
/// reported where it should be (`/parameters/0/required`), and is found at its object.
pub fn nearest_line_column(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let mut pointer = pointer;
    loop {
        if let Some(found) = line_column(text, pointer) {
            return Some(found);
        }
        pointer = &pointer[..pointer.rfind('/').filter(|&at| at > 0)?];
    }
}

/// Descends into the value along `rest`.
struct Seek<'s> {
    rest: &'s [String],
}

impl<'de> DeserializeSeed<'de> for Seek<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seek<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((wanted, deeper)) = self.rest.split_first() else {
            return Ok(());
        };
        while let Some(matched) = map.next_key_seed(Key {
            wanted,
            last: deeper.is_empty(),
        })? {
            if matched {
                return map.next_value_seed(Seek { rest: deeper });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((wanted, deeper)) = self.rest.split_first() else {
            return Ok(());
        };
        let Ok(wanted) = wanted.parse::<usize>() else {
            return Ok(());
        };
        let mut index = 0;
        loop {
            if index == wanted {
                // The item itself is the place: fail on its first event.
                if deeper.is_empty() {
                    seq.next_element_seed(Fail)?;
                } else {
                    seq.next_element_seed(Seek { rest: deeper })?;
                }
                return Ok(());
            }
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }

    // Scalars hold nothing to descend into.
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

/// Reads one key: whether it is the wanted one, failing there when the pointer ends with it.
struct Key<'s> {
    wanted: &'s str,
    last: bool,
}

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Key<'_> {
    fn compare<E: de::Error>(&self, key: &str) -> Result<bool, E> {
        let matched = key == self.wanted;
        if matched && self.last {
            return Err(E::custom(FOUND));
        }
        Ok(matched)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        self.compare(key)
    }
    // Unquoted status codes (`200:`) are numbers.
    fn visit_u64<E: de::Error>(self, key: u64) -> Result<bool, E> {
        self.compare(&key.to_string())
    }
    fn visit_i64<E: de::Error>(self, key: i64) -> Result<bool, E> {
        self.compare(&key.to_string())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<bool, A::Error> {
        Ok(false)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<bool, A::Error> {
        Ok(false)
    }
}

/// Fails on the first event of a value.
struct Fail;

impl<'de> DeserializeSeed<'de> for Fail {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Fail {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(FOUND))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(FOUND))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "openapi: 3.0.3\npaths:\n  /a/{id}:\n    get:\n      parameters:\n        - {name: id, in: path}\n        - name: q\n          in: query\n      responses:\n        200: {description: ok}\n";

    #[test]
    fn keys_and_list_items_are_found_on_their_line() {
        assert_eq!(line_column(TEXT, "/paths/~1a~1{id}/get"), Some((4, 5)));
        assert_eq!(
            line_column(TEXT, "/paths/~1a~1{id}/get/parameters/0"),
            Some((6, 11))
        );
        assert_eq!(
            line_column(TEXT, "/paths/~1a~1{id}/get/parameters/1/in"),
            Some((8, 11))
        );
        assert_eq!(
            line_column(TEXT, "/paths/~1a~1{id}/get/parameters/0/in"),
            Some((6, 22))
        );
        assert_eq!(
            line_column(TEXT, "/paths/~1a~1{id}/get/responses/200"),
            Some((10, 9))
        );
    }

    #[test]
    fn a_missing_field_is_found_at_its_object() {
        let at = "/paths/~1a~1{id}/get/parameters/1/required";
        assert_eq!(line_column(TEXT, at), None);
        assert_eq!(nearest_line_column(TEXT, at), Some((7, 11)));
        assert_eq!(nearest_line_column(TEXT, "/info/title"), None);
    }

    #[test]
    fn places_that_are_not_in_the_text_have_no_line() {
        assert_eq!(line_column(TEXT, "/info/title"), None);
        assert_eq!(line_column(TEXT, "/paths/~1a~1{id}/get/parameters/7"), None);
        assert_eq!(line_column(TEXT, ""), None);
        assert_eq!(line_column("a: 1\n", "/0"), None);
    }
}
