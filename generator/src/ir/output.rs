//! The success output of an operation: its body fields, its body value and its headers.

use super::{Ident, ModelField, RustType};

/// The success response of an operation.
#[derive(Debug, Clone)]
pub struct Output {
    /// The documented success status: a code such as `200`, or the range `2XX`.
    pub status: String,
    pub docs: Vec<String>,
    /// How the body is decoded.
    pub body: OutputBody,
    /// Fields decoded from the JSON body object, when `body` is `Fields`.
    pub fields: Vec<ModelField>,
    /// Whether the answer may also be plain text (the response lists a `text/*` media type):
    /// the output then keeps the raw body, and a body that is not JSON leaves the fields unset.
    pub raw_body: bool,
    pub headers: Vec<ResponseHeader>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputBody {
    /// The body is ignored (no schema, an empty object, or `null`).
    Ignored,
    /// The body is a JSON object whose properties become the output's fields.
    Fields,
    /// The body is some other JSON value, held in the output's `body` field of this type.
    Value(RustType),
    /// The body is not JSON and not text (`application/octet-stream`, an image, ...): the
    /// output's `body` field holds its bytes.
    Bytes,
    /// The body is `text/*`: the output's `body` field holds it as a `String`; text that is not
    /// UTF-8 is a decode error.
    Text,
}

impl Output {
    /// The body fields a constructed output must be given.
    pub fn required_fields(&self) -> impl Iterator<Item = &ModelField> {
        self.fields.iter().filter(|f| f.required)
    }
    /// Whether `new` takes more arguments than clippy allows without a note.
    pub fn has_many_required(&self) -> bool {
        self.required_fields().count() + usize::from(self.value_type().is_some()) > 7
    }
    /// Whether the output derives `Default`: when nothing is required, and always when the body
    /// may be text, whose fields then all stay unset.
    pub fn derives_default(&self) -> bool {
        self.raw_body || (self.required_fields().count() == 0 && self.value_type().is_none())
    }
    pub fn decodes_fields(&self) -> bool {
        self.body == OutputBody::Fields
    }
    /// The derived traits: the fields of a JSON object are decoded by serde.
    pub fn derives(&self) -> String {
        let mut derives = String::from("Debug, Clone, PartialEq");
        if self.decodes_fields() {
            derives.push_str(", serde::Deserialize");
        }
        if self.derives_default() {
            derives.push_str(", Default");
        }
        derives
    }
    /// The type of the output's `body` field, when it has one.
    pub fn value_type(&self) -> Option<RustType> {
        match &self.body {
            OutputBody::Value(ty) => Some(ty.clone()),
            OutputBody::Bytes => Some(RustType::Bytes),
            OutputBody::Text => Some(RustType::String),
            OutputBody::Ignored | OutputBody::Fields => None,
        }
    }
    /// The expression that reads the `body` field from `response`, when the output has one.
    pub fn body_decoder(&self) -> Option<&'static str> {
        match &self.body {
            OutputBody::Value(_) => Some("response.json()?"),
            OutputBody::Bytes => Some("response.kept_body()"),
            OutputBody::Text => Some("response.text()?"),
            OutputBody::Ignored | OutputBody::Fields => None,
        }
    }
    /// The argument of `new` that the body gives, read from `response`: empty when the output
    /// has no `body` field.
    pub fn body_argument(&self) -> &'static str {
        self.body_decoder().unwrap_or_default()
    }
    /// Whether decoding reads nothing of the answer: no body and no headers.
    pub fn reads_nothing(&self) -> bool {
        self.value_type().is_none() && self.headers.is_empty()
    }
    /// Whether the answer's headers are read in one pass over those that came, rather than one
    /// lookup for each header the operation knows.
    pub fn scans_headers(&self) -> bool {
        self.headers.len() > 1
    }
}

/// A typed response header.
#[derive(Debug, Clone)]
pub struct ResponseHeader {
    pub wire_name: String,
    pub rust_name: Ident,
    /// The type inside the `Option`, e.g. `String`.
    pub value_type: RustType,
    pub docs: Vec<String>,
    /// Whether sdkgen chose the field's name (`x_request_id`, which every output has) rather
    /// than the spec: such a name gives way to the spec's names in the output.
    pub name_is_invented: bool,
}

impl ResponseHeader {
    /// The name in lower case, as HTTP/1.1 names arrive once parsed (they are case-insensitive).
    pub fn lookup_literal(&self) -> String {
        format!("{:?}", self.wire_name.to_ascii_lowercase())
    }
}

/// A documented non-success status of an operation: a code such as `404`, a range such as
/// `4XX`, or `default`.
#[derive(Debug, Clone)]
pub struct DocumentedStatus {
    pub status: String,
}
