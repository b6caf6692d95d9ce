//! Walks the raw YAML with the table of `objects.rs`, before the typed parse, and reports what
//! the typed parse would silently accept or drop: unknown keys, missing required fields, values
//! of the wrong shape, and the rules of `rules.rs` and `schema_rules.rs`.

use std::borrow::Cow;
use std::fmt::Write;

use serde_yaml::{Mapping, Value};

use super::objects::{Child, Kind};
use super::{keywords, rules, schema_rules};
use crate::diagnostics::{Diagnostic, Diagnostics, pointer_segment};

/// Checks a whole document (already known to be a mapping with `openapi: 3.0.x`).
pub fn check(root: &Value, file: &str) -> Diagnostics {
    let mut checker = Checker {
        file,
        root,
        diagnostics: Diagnostics::default(),
    };
    checker.object(root, Kind::Document, &Place::root());
    checker.diagnostics
}

/// Where a value sits: its JSON pointer and, inside an operation, which one.
///
/// The pointer is a chain of segments borrowed from the document and built into text only when
/// a finding is reported, so walking a document that has no findings allocates no pointers.
#[derive(Debug, Clone, Copy)]
pub struct Place<'p> {
    parent: Option<&'p Place<'p>>,
    segment: Segment<'p>,
    /// The operationId, for the `(operation …)` part of messages.
    operation_id: Option<&'p str>,
    /// The method and path of the operation, to name one that has no operationId.
    operation: Option<(&'p str, &'p str)>,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'p> {
    Root,
    Key(&'p str),
    Index(usize),
}

impl<'p> Place<'p> {
    fn root() -> Place<'static> {
        Place {
            parent: None,
            segment: Segment::Root,
            operation_id: None,
            operation: None,
        }
    }

    pub fn child<'c>(&'c self, segment: &'c str) -> Place<'c> {
        Place {
            parent: Some(self),
            segment: Segment::Key(segment),
            ..*self
        }
    }

    /// The place of the list item at `index`.
    pub fn item(&self, index: usize) -> Place<'_> {
        Place {
            parent: Some(self),
            segment: Segment::Index(index),
            ..*self
        }
    }

    /// The JSON pointer, e.g. `/paths/~1v2~1{project_id}/get/parameters/0`.
    pub fn pointer(&self) -> String {
        let mut segments = Vec::new();
        let mut place = Some(self);
        while let Some(current) = place {
            segments.push(current.segment);
            place = current.parent;
        }
        let mut pointer = String::new();
        for segment in segments.iter().rev() {
            match segment {
                Segment::Root => {}
                Segment::Key(key) => {
                    pointer.push('/');
                    pointer.push_str(&pointer_segment(key));
                }
                Segment::Index(index) => {
                    let _ = write!(pointer, "/{index}");
                }
            }
        }
        pointer
    }

    /// Whether this is the field `key` of its parent.
    fn is_key(&self, key: &str) -> bool {
        matches!(self.segment, Segment::Key(own) if own == key)
    }

    /// `GET /a`, naming the operation this place is in.
    fn operation_label(&self) -> Option<String> {
        self.operation
            .map(|(method, path)| format!("{} {path}", method.to_uppercase()))
    }
}

pub struct Checker<'d> {
    pub file: &'d str,
    /// The whole document, to resolve local `$ref`s.
    pub root: &'d Value,
    pub diagnostics: Diagnostics,
}

impl<'d> Checker<'d> {
    pub fn error(&mut self, at: &Place<'_>, message: impl Into<String>, hint: impl Into<String>) {
        self.diagnostics.push(
            Diagnostic::error(self.file, at.pointer(), message)
                .in_operation(at.operation_id)
                .with_hint(hint),
        );
    }

    pub fn warning(&mut self, at: &Place<'_>, message: impl Into<String>) {
        self.diagnostics.push(
            Diagnostic::warning(self.file, at.pointer(), message).in_operation(at.operation_id),
        );
    }

    pub fn warning_with_hint(
        &mut self,
        at: &Place<'_>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.diagnostics.push(
            Diagnostic::warning(self.file, at.pointer(), message)
                .in_operation(at.operation_id)
                .with_hint(hint),
        );
    }

    /// Checks one object of the given kind, and everything under it.
    fn object(&mut self, value: &'d Value, kind: Kind, at: &Place<'_>) {
        let Some(map) = value.as_mapping() else {
            self.error(
                at,
                format!(
                    "expected {} object (a mapping) here, found {}",
                    kind.a_name(),
                    describe(value)
                ),
                "compare this place with the OpenAPI 3.0.3 specification",
            );
            return;
        };
        if kind.may_be_reference() && map.contains_key("$ref") {
            self.reference(map, kind, at);
            return;
        }
        if let Some(entry_kind) = kind.patterned() {
            self.patterned(map, kind, entry_kind, at);
            return;
        }
        if matches!(kind, Kind::PathItem | Kind::Operation)
            && let Some(list) = map.get("parameters").and_then(Value::as_sequence)
        {
            rules::duplicate_parameters(self, list, &at.child("parameters"));
        }
        let mut suggested: Vec<&str> = Vec::new();
        for (key, child_value) in map {
            let Some(key) = self.key(key, at) else {
                continue;
            };
            if key.starts_with("x-") {
                continue;
            }
            let child_at = self.child_place(kind, &key, child_value, at);
            match kind.child(&key) {
                Some(child) => self.child(child_value, child, &child_at),
                None => suggested.extend(keywords::unknown_key(self, kind, &key, &child_at)),
            }
        }
        for field in kind.required() {
            // A misspelled required field was reported as such, with the right spelling.
            if !map.contains_key(*field) && !suggested.contains(field) {
                self.missing_field(kind, field, at);
            }
        }
        match kind {
            Kind::Parameter => rules::parameter(self, map, at),
            Kind::Schema => schema_rules::check(self, map, at),
            _ => {}
        }
    }

    /// A Reference Object: `$ref` must be a string. OpenAPI 3.0 ignores its siblings, but a
    /// sibling that is no field of the object is still a mistake worth naming.
    fn reference(&mut self, map: &'d Mapping, kind: Kind, at: &Place<'_>) {
        if !map.get("$ref").is_some_and(Value::is_string) {
            self.error(
                &at.child("$ref"),
                "`$ref` must be a string",
                "write `$ref: '#/components/...'`",
            );
        }
        for key in map.keys() {
            let Some(key) = self.key(key, at) else {
                continue;
            };
            if key != "$ref" && !key.starts_with("x-") && kind.child(&key).is_none() {
                keywords::unknown_key(self, kind, &key, &at.child(&key));
            }
        }
    }

    /// Paths, Responses and callbacks: author-chosen keys, each checked by its own rule.
    fn patterned(&mut self, map: &'d Mapping, kind: Kind, entry_kind: Kind, at: &Place<'_>) {
        if kind == Kind::Responses
            && map
                .keys()
                .all(|k| k.as_str().is_some_and(|k| k.starts_with("x-")))
        {
            self.error(
                at,
                "`responses` lists no response",
                "add at least the success response, e.g. `'200': {description: OK}`",
            );
        }
        for (key, entry) in map {
            let Some(key) = self.key(key, at) else {
                continue;
            };
            if key.starts_with("x-") {
                continue;
            }
            let entry_at = at.child(&key);
            let well_formed = match kind {
                Kind::Paths => rules::path_key(self, &key, &entry_at),
                Kind::Responses => rules::status_key(self, &key, &entry_at),
                _ => true,
            };
            if well_formed {
                self.object(entry, entry_kind, &entry_at);
            }
        }
    }

    fn child(&mut self, value: &'d Value, child: Child, at: &Place<'_>) {
        match child {
            Child::Value => {}
            // `additionalProperties: true` (or false) is the one boolean a schema may be.
            Child::Object(Kind::Schema) if value.is_bool() && at.is_key("additionalProperties") => {
            }
            Child::Object(kind) => self.object(value, kind, at),
            Child::MapOf(kind) => match value.as_mapping() {
                Some(map) => {
                    for (key, entry) in map {
                        if let Some(key) = self.key(key, at) {
                            self.object(entry, kind, &at.child(&key));
                        }
                    }
                }
                None => self.error(
                    at,
                    format!(
                        "expected a map of {} objects here, found {}",
                        kind.name(),
                        describe(value)
                    ),
                    "write a mapping from names to objects",
                ),
            },
            Child::ListOf(kind) => match value.as_sequence() {
                Some(list) => {
                    for (index, entry) in list.iter().enumerate() {
                        self.object(entry, kind, &at.item(index));
                    }
                }
                None => self.error(
                    at,
                    format!(
                        "expected a list of {} objects here, found {}",
                        kind.name(),
                        describe(value)
                    ),
                    "write a YAML list (`- ...` items or `[...]`)",
                ),
            },
        }
    }

    /// The place of a field, naming the operation once inside one.
    fn child_place<'c>(
        &self,
        kind: Kind,
        key: &'c str,
        value: &'d Value,
        at: &'c Place<'c>,
    ) -> Place<'c>
    where
        'd: 'c,
    {
        let mut place = at.child(key);
        if kind == Kind::PathItem && matches!(kind.child(key), Some(Child::Object(Kind::Operation)))
        {
            let path = match at.segment {
                Segment::Key(path) => path,
                Segment::Root | Segment::Index(_) => "",
            };
            place.operation = Some((key, path));
            place.operation_id = value.get("operationId").and_then(Value::as_str);
        }
        place
    }

    /// A mapping key as text. YAML allows any value as a key; OpenAPI only strings (numbers are
    /// accepted for unquoted status codes such as `200:`).
    fn key(&mut self, key: &'d Value, at: &Place<'_>) -> Option<Cow<'d, str>> {
        match key {
            Value::String(text) => Some(Cow::Borrowed(text)),
            Value::Number(number) => Some(Cow::Owned(number.to_string())),
            _ => {
                self.error(
                    at,
                    format!("a key here is {}, not a string", describe(key)),
                    "quote the key",
                );
                None
            }
        }
    }

    fn missing_field(&mut self, kind: Kind, field: &str, at: &Place<'_>) {
        let (message, hint) = match (kind, field) {
            (Kind::Operation, "responses") => (
                format!(
                    "the operation {} has no `responses`",
                    at.operation_label().as_deref().unwrap_or("here")
                ),
                "add `responses:` with at least the success response, e.g. `'200': {description: OK}`".to_owned(),
            ),
            _ => (
                format!("this {} object has no `{field}`, which it requires", kind.name()),
                format!("add `{field}`"),
            ),
        };
        self.error(at, message, hint);
    }

    /// Follows a local `$ref` (`#/...`) in the raw document.
    pub fn resolve_local(&self, reference: &str) -> Option<&'d Value> {
        let mut current = self.root;
        for segment in reference.strip_prefix("#/")?.split('/') {
            let segment = segment.replace("~1", "/").replace("~0", "~");
            current = match current {
                Value::Sequence(list) => list.get(segment.parse::<usize>().ok()?)?,
                other => other.get(segment.as_str())?,
            };
        }
        Some(current)
    }
}

/// What a value is, in words, for messages.
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "nothing (null)".to_owned(),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("the string `{s}`"),
        Value::Sequence(_) => "a list".to_owned(),
        Value::Mapping(_) => "a mapping".to_owned(),
        Value::Tagged(tagged) => format!("a value tagged `{}`", tagged.tag),
    }
}
