//! The line and column of a JSON pointer in the YAML text.
//!
//! `serde_yaml::Value` keeps no positions, but serde_yaml attaches the position of the current
//! event to any error a visitor raises. So this deserializes the text once more, descending
//! along the pointer and ignoring everything else, and fails on purpose on the key (or list
//! item) the pointer names: the error's location is the place.
//!
//! [`nearest_line_columns`] places many pointers in one such reading: it fails on purpose only
//! where the failure leaves the reading where it was (a key once read, a list item before it is
//! read), keeps the position, and reads on.

use std::collections::HashMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// The visitor methods of scalars, which hold nothing to descend into.
macro_rules! scalars_hold_nothing {
    () => {
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
    };
}

/// The message of the deliberate failure, to tell it from a real one.
const FOUND: &str = "sdkgen: found the pointer";

/// The 1-based line and column of the place `pointer` names, if the text has it.
pub fn line_column(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let segments: Vec<String> = pointer
        .strip_prefix('/')?
        .split('/')
        .map(unescape)
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

/// What [`nearest_line_column`] gives for each of `pointers`, reading the text once for all of
/// them rather than once for each.
pub fn nearest_line_columns(text: &str, pointers: &[&str]) -> Vec<Option<(usize, usize)>> {
    let one_by_one = || {
        pointers
            .iter()
            .map(|pointer| nearest_line_column(text, pointer))
            .collect()
    };
    // An alias makes the reading jump to its anchor, and a tag makes a value an enum, which the
    // one reading does not follow; a text without `&` and `!` has neither.
    if pointers.len() < 2 || text.contains(['&', '!']) {
        return one_by_one();
    }
    let mut tree = Tree::default();
    let mut chains = Vec::with_capacity(pointers.len());
    for pointer in pointers {
        match tree.insert(pointer) {
            Some(chain) => chains.push(chain),
            None => return one_by_one(),
        }
    }
    let deserializer = serde_yaml::Deserializer::from_str(text);
    if (Walk {
        tree: &mut tree,
        node: ROOT,
    })
    .deserialize(deserializer)
    .is_err()
    {
        return one_by_one();
    }
    chains
        .iter()
        .map(|chain| {
            // The pointer itself, then each ancestor: the first that is in the text.
            chain.iter().rev().find_map(|&node| {
                let node = &tree.nodes[node];
                match node.place {
                    Place::Missing => None,
                    Place::At(line, column) => Some((line, column)),
                    // An item whose position the reading did not learn: looked up on its own.
                    Place::Unknown => line_column(text, &node.pointer),
                }
            })
        })
        .collect()
}

fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// The line and column serde_yaml appends to its messages (" at line 3 column 5"); it appends
/// none for line 1 column 1.
fn location_in(message: &str) -> Option<(usize, usize)> {
    let at = message.rfind(" at line ")?;
    let (line, column) = message[at + " at line ".len()..].split_once(" column ")?;
    Some((line.parse().ok()?, column.parse().ok()?))
}

const ROOT: usize = 0;

/// The pointers to place, as a tree of their segments: each node is a pointer or one of its
/// ancestors, all of which are placed since a missing place is reported at its nearest ancestor.
struct Tree {
    nodes: Vec<Node>,
}

impl Default for Tree {
    fn default() -> Self {
        Tree {
            nodes: vec![Node::new(String::new())],
        }
    }
}

struct Node {
    /// The pointer of this node, for the lookup of an item on its own.
    pointer: String,
    /// The children by key.
    keys: HashMap<String, usize>,
    /// The children by list index (the keys that are one).
    items: HashMap<usize, usize>,
    place: Place,
}

#[derive(Clone, Copy)]
enum Place {
    /// Not (yet) found in the text.
    Missing,
    At(usize, usize),
    /// In the text, at a position serde_yaml did not name.
    Unknown,
}

impl Node {
    fn new(pointer: String) -> Node {
        Node {
            pointer,
            keys: HashMap::new(),
            items: HashMap::new(),
            place: Place::Missing,
        }
    }

    fn has_children(&self) -> bool {
        !self.keys.is_empty()
    }
}

impl Tree {
    /// Adds `pointer` and its ancestors; returns their nodes, outermost first. `None` for a
    /// segment that is a list index written otherwise than `usize` prints it (`01`, `+1`), which
    /// only the lookup one by one reads as `line_column` does.
    fn insert(&mut self, pointer: &str) -> Option<Vec<usize>> {
        let Some(rest) = pointer.strip_prefix('/') else {
            return Some(Vec::new());
        };
        let mut chain = Vec::new();
        let mut node = ROOT;
        let mut end = 0;
        for raw in rest.split('/') {
            end += 1 + raw.len();
            let segment = unescape(raw);
            let index = segment.parse::<usize>().ok();
            if index.is_some_and(|index| index.to_string() != segment) {
                return None;
            }
            node = match self.nodes[node].keys.get(&segment) {
                Some(&child) => child,
                None => {
                    let child = self.nodes.len();
                    self.nodes.push(Node::new(pointer[..end].to_owned()));
                    let parent = &mut self.nodes[node];
                    if let Some(index) = index {
                        parent.items.insert(index, child);
                    }
                    parent.keys.insert(segment, child);
                    child
                }
            };
            chain.push(node);
        }
        Some(chain)
    }
}

/// Reads one value, descending into the children of `node`.
struct Walk<'t> {
    tree: &'t mut Tree,
    node: usize,
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(child) = map.next_key_seed(KeyProbe {
            tree: &mut *self.tree,
            node: self.node,
        })? {
            match child {
                Some(child) if self.tree.nodes[child].has_children() => {
                    map.next_value_seed(Walk {
                        tree: &mut *self.tree,
                        node: child,
                    })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            let child = self.tree.nodes[self.node].items.get(&index).copied();
            let read = match child {
                Some(child) => {
                    // Learn where the item starts without reading it, then read it.
                    if seq
                        .next_element_seed(ItemProbe {
                            tree: &mut *self.tree,
                            node: child,
                        })?
                        .is_none()
                    {
                        return Ok(());
                    }
                    if self.tree.nodes[child].has_children() {
                        seq.next_element_seed(Walk {
                            tree: &mut *self.tree,
                            node: child,
                        })?
                    } else {
                        seq.next_element::<IgnoredAny>()?.map(|_| ())
                    }
                }
                None => seq.next_element::<IgnoredAny>()?.map(|_| ()),
            };
            if read.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }

    scalars_hold_nothing!();
}

/// Reads one key of a mapping: the child of `node` it names, if any, placed at the key. The
/// deliberate failure comes after the key is read, so the reading goes on from there.
struct KeyProbe<'t> {
    tree: &'t mut Tree,
    node: usize,
}

impl<'de> DeserializeSeed<'de> for KeyProbe<'_> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        let mut matched = None;
        let read = deserializer.deserialize_any(KeyMatch {
            node: &self.tree.nodes[self.node],
            matched: &mut matched,
        });
        match (read, matched) {
            (Ok(()), _) => Ok(None),
            (Err(error), Some(child)) => {
                let message = error.to_string();
                self.tree.nodes[child].place = match location_in(&message) {
                    Some((line, column)) => Place::At(line, column),
                    None => Place::Unknown,
                };
                Ok(Some(child))
            }
            (Err(error), None) => Err(error),
        }
    }
}

/// Compares a key with the children of a node, as [`Key`] does, failing on a match.
struct KeyMatch<'n> {
    node: &'n Node,
    matched: &'n mut Option<usize>,
}

impl KeyMatch<'_> {
    fn compare<E: de::Error>(self, key: &str) -> Result<(), E> {
        match self.node.keys.get(key) {
            Some(&child) => {
                *self.matched = Some(child);
                Err(E::custom(FOUND))
            }
            None => Ok(()),
        }
    }
}

impl<'de> Visitor<'de> for KeyMatch<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<(), E> {
        self.compare(key)
    }
    // Unquoted status codes (`200:`) are numbers.
    fn visit_u64<E: de::Error>(self, key: u64) -> Result<(), E> {
        self.compare(&key.to_string())
    }
    fn visit_i64<E: de::Error>(self, key: i64) -> Result<(), E> {
        self.compare(&key.to_string())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    // A list or mapping as a key fails the whole reading (the lookup one by one then reads
    // the text as `line_column` does).
}

/// Places a list item without reading it: serde_yaml reads an enum by first looking at the
/// value, and fails with that value's position when it is a list or mapping, or when the
/// visitor fails, which this one does.
struct ItemProbe<'t> {
    tree: &'t mut Tree,
    node: usize,
}

impl<'de> DeserializeSeed<'de> for ItemProbe<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let error = match deserializer.deserialize_enum("", &[], ItemStart) {
            Ok(never) => match never {},
            Err(error) => error,
        };
        self.tree.nodes[self.node].place = match location_in(&error.to_string()) {
            Some((line, column)) => Place::At(line, column),
            None => Place::Unknown,
        };
        Ok(())
    }
}

struct ItemStart;

enum Never {}

impl<'de> Visitor<'de> for ItemStart {
    type Value = Never;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<Never, A::Error> {
        Err(de::Error::custom(FOUND))
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

    scalars_hold_nothing!();
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
    fn one_reading_places_every_pointer_as_one_lookup_each_does() {
        let pointers = [
            "/paths/~1a~1{id}/get",
            "/paths/~1a~1{id}/get/parameters/0",
            "/paths/~1a~1{id}/get/parameters/1",
            "/paths/~1a~1{id}/get/parameters/1/in",
            "/paths/~1a~1{id}/get/parameters/1/required",
            "/paths/~1a~1{id}/get/parameters/0/in",
            "/paths/~1a~1{id}/get/parameters/7/in",
            "/paths/~1a~1{id}/get/responses/200",
            "/paths/~1a~1{id}/get/responses/200/description",
            "/openapi",
            "/info/title",
            "",
            "paths",
        ];
        let one_by_one: Vec<_> = pointers
            .iter()
            .map(|pointer| nearest_line_column(TEXT, pointer))
            .collect();
        assert_eq!(nearest_line_columns(TEXT, &pointers), one_by_one);
        assert_eq!(one_by_one[1], Some((6, 11)));
        assert_eq!(one_by_one[4], Some((7, 11)));
        assert_eq!(one_by_one[9], Some((1, 1)));
    }

    #[test]
    fn places_that_are_not_in_the_text_have_no_line() {
        assert_eq!(line_column(TEXT, "/info/title"), None);
        assert_eq!(line_column(TEXT, "/paths/~1a~1{id}/get/parameters/7"), None);
        assert_eq!(line_column(TEXT, ""), None);
        assert_eq!(line_column("a: 1\n", "/0"), None);
    }
}
