//! The types of `models`: structs, string enums and discriminated unions.

use super::{Ident, RustType};

/// A named type in `models`.
#[derive(Debug, Clone)]
pub enum Model {
    Struct(StructModel),
    Enum(EnumModel),
    Union(UnionModel),
}

impl Model {
    pub fn rust_name(&self) -> &Ident {
        match self {
            Model::Struct(m) => &m.rust_name,
            Model::Enum(m) => &m.rust_name,
            Model::Union(m) => &m.rust_name,
        }
    }
    /// The spec location it came from, for docs and messages.
    pub fn origin(&self) -> &str {
        match self {
            Model::Struct(m) => &m.origin,
            Model::Enum(m) => &m.origin,
            Model::Union(m) => &m.origin,
        }
    }
}

#[derive(Debug, Clone)]
pub struct StructModel {
    pub rust_name: Ident,
    /// The spec location it came from, for docs.
    pub origin: String,
    pub docs: Vec<String>,
    pub fields: Vec<ModelField>,
    /// Whether every field has a default, so the struct can derive `Default`.
    pub derives_default: bool,
}

impl StructModel {
    /// The derived traits.
    pub fn derives(&self) -> &'static str {
        if self.derives_default {
            "Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize"
        } else {
            "Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize"
        }
    }

    /// A model named `New` has a constructor `New::new`, which clippy thinks odd; but `new` is
    /// what every model's constructor is called, and the name is the spec's.
    pub fn is_named_new(&self) -> bool {
        self.rust_name == "New"
    }

    /// Clippy asks for fewer than eight arguments; a constructor mirrors the spec instead.
    pub fn has_many_required(&self) -> bool {
        self.required_fields().count() > 7
    }
    pub fn required_fields(&self) -> impl Iterator<Item = &ModelField> {
        self.fields.iter().filter(|f| f.required)
    }
    pub fn optional_fields(&self) -> impl Iterator<Item = &ModelField> {
        self.fields.iter().filter(|f| !f.required)
    }
}

/// A property of an object schema.
#[derive(Debug, Clone)]
pub struct ModelField {
    pub wire_name: String,
    pub rust_name: Ident,
    /// The type of the value, without the `Option` of an optional field.
    pub value_type: RustType,
    pub required: bool,
    pub docs: Vec<String>,
}

impl ModelField {
    /// The declared type of the struct field.
    pub fn field_type(&self) -> String {
        if self.required {
            self.value_type.to_string()
        } else {
            format!("Option<{}>", self.value_type)
        }
    }
    /// Whether a setter should take `impl Into<value_type>`.
    pub fn setter_takes_into(&self) -> bool {
        self.value_type.takes_into()
    }
    /// The type its setter (and the constructor, if it is required) takes.
    pub fn setter_type(&self) -> String {
        super::operation::into_or_type(self.setter_takes_into(), &self.value_type)
    }
    /// The field in the constructor's struct expression: `name: name.into()`, `name` or
    /// `name: None`.
    pub fn initializer(&self) -> String {
        let name = self.rust_name.as_str();
        match (self.required, self.setter_takes_into()) {
            (true, true) => format!("{name}: {name}.into()"),
            (true, false) => name.to_owned(),
            (false, _) => format!("{name}: None"),
        }
    }
    /// The value its setter stores, inside the `Some`.
    pub fn stored_value(&self) -> String {
        super::operation::into_or_value(self.setter_takes_into(), "value")
    }
    /// The builder-style setter, e.g. `with_type` for `r#type`.
    pub fn setter_name(&self) -> String {
        format!("with_{}", self.rust_name.bare().trim_start_matches('_'))
    }
    /// Whether the field holds JSON text (`format: json`), which outputs can parse on request.
    pub fn is_json_text(&self) -> bool {
        self.value_type == RustType::JsonText
    }
    /// Whether serde needs a `rename` attribute.
    pub fn needs_rename(&self) -> bool {
        self.rust_name.bare() != self.wire_name
    }
    pub fn wire_literal(&self) -> String {
        format!("{:?}", self.wire_name)
    }
}

/// A string enum. Every generated enum also has an `Unknown(String)` variant so that a value
/// added to the service later still decodes.
#[derive(Debug, Clone)]
pub struct EnumModel {
    pub rust_name: Ident,
    pub origin: String,
    pub docs: Vec<String>,
    pub variants: Vec<EnumVariant>,
}

#[derive(Debug, Clone)]
pub struct EnumVariant {
    pub rust_name: Ident,
    pub wire_value: String,
    pub docs: Vec<String>,
}

impl EnumVariant {
    pub fn wire_literal(&self) -> String {
        format!("{:?}", self.wire_value)
    }
}

/// A `oneOf` with a discriminator: an enum with one variant per discriminator value, each
/// holding the struct of its schema. On the wire it is the member's object with the
/// discriminator property set to the variant's value (serde's internally tagged form).
#[derive(Debug, Clone)]
pub struct UnionModel {
    pub rust_name: Ident,
    pub origin: String,
    pub docs: Vec<String>,
    /// The discriminator's `propertyName`, e.g. `petType`.
    pub tag: String,
    pub variants: Vec<UnionVariant>,
    /// A JSON value of the first variant, for the doc example that decodes and encodes it.
    pub example_json: String,
}

impl UnionModel {
    pub fn tag_literal(&self) -> String {
        format!("{:?}", self.tag)
    }
    /// The example as a string literal for the doc example.
    pub fn example_literal(&self) -> String {
        format!("{:?}", self.example_json)
    }
}

/// One variant of a [`UnionModel`].
#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub rust_name: Ident,
    /// The discriminator value that selects it, e.g. `cat`.
    pub tag_value: String,
    /// The struct it holds (boxed where the struct contains the enum).
    pub value_type: RustType,
    pub docs: Vec<String>,
}

impl UnionVariant {
    pub fn tag_literal(&self) -> String {
        format!("{:?}", self.tag_value)
    }
}
