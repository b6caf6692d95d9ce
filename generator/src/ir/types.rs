//! The Rust types of inputs, fields and outputs, as a tree rather than text: the generator asks
//! a type what it is (a list? a scalar? which models does it name?) and prints it only at the
//! end, in a template.

use std::fmt;

use super::Ident;

/// The type of a value the generated code holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    String,
    Bool,
    I32,
    I64,
    F64,
    /// `format: date-time`: the runtime's `Timestamp`, which keeps the text and reads it as a
    /// time on request.
    Timestamp,
    /// `format: byte`: base64 text, decoded on request.
    Base64Text,
    /// `format: json` (a custom format): JSON text, which also accepts the JSON itself.
    JsonText,
    /// Any JSON value, where the spec allows one.
    JsonValue,
    /// `bytes::Bytes`: a body that is not JSON or text.
    Bytes,
    /// A type of `models`.
    Model(ModelRef),
    /// A model held by value inside itself, which must be boxed to have a size.
    Boxed(Box<RustType>),
    Vec(Box<RustType>),
    /// `std::collections::BTreeMap<String, T>`: an object with any keys.
    Map(Box<RustType>),
}

/// A type of `models`, by name, and what kind of model it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelRef {
    pub name: Ident,
    pub kind: ModelKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelKind {
    Struct,
    /// A string enum, which is one piece of text on the wire.
    Enum,
    /// A `oneOf` with a discriminator.
    Union,
}

impl RustType {
    pub fn model(name: Ident, kind: ModelKind) -> Self {
        RustType::Model(ModelRef { name, kind })
    }

    pub fn vec_of(item: RustType) -> Self {
        RustType::Vec(Box::new(item))
    }

    pub fn map_of(value: RustType) -> Self {
        RustType::Map(Box::new(value))
    }

    pub fn boxed(inner: RustType) -> Self {
        RustType::Boxed(Box::new(inner))
    }

    /// Whether a value is one piece of text on the wire (its `Display`): strings, numbers,
    /// booleans and enums. Only these go in a path segment, a query value, a header or a form.
    pub fn is_scalar(&self) -> bool {
        match self {
            RustType::String
            | RustType::Bool
            | RustType::I32
            | RustType::I64
            | RustType::F64
            | RustType::Timestamp
            | RustType::Base64Text
            | RustType::JsonText => true,
            RustType::Model(model) => model.kind == ModelKind::Enum,
            _ => false,
        }
    }

    /// Whether setters take `impl Into<T>`: strings and enums take a `&str`, bytes a `Vec<u8>`
    /// or a `&'static [u8]`.
    pub fn takes_into(&self) -> bool {
        match self {
            RustType::String
            | RustType::Timestamp
            | RustType::Base64Text
            | RustType::JsonText
            | RustType::Bytes => true,
            RustType::Model(model) => model.kind == ModelKind::Enum,
            _ => false,
        }
    }

    /// The item type of a list.
    pub fn vec_item(&self) -> Option<&RustType> {
        match self {
            RustType::Vec(item) => Some(item),
            _ => None,
        }
    }

    /// The model this type is, boxed or not.
    pub fn as_model(&self) -> Option<&ModelRef> {
        match self {
            RustType::Model(model) => Some(model),
            RustType::Boxed(inner) => inner.as_model(),
            _ => None,
        }
    }

    /// Every model named anywhere in the type, outermost first.
    pub fn models(&self) -> Vec<&Ident> {
        let mut found = Vec::new();
        self.collect_models(&mut found);
        found
    }

    fn collect_models<'t>(&'t self, found: &mut Vec<&'t Ident>) {
        match self {
            RustType::Model(model) => found.push(&model.name),
            RustType::Boxed(inner) | RustType::Vec(inner) | RustType::Map(inner) => {
                inner.collect_models(found);
            }
            _ => {}
        }
    }

    /// The type with its models named by path (`Vec<crate::models::Foo>`), for files that import
    /// no models (`client.rs`, where a model named `Client` would clash).
    pub fn with_model_paths(&self) -> WithModelPaths<'_> {
        WithModelPaths(self)
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, model_prefix: &str) -> fmt::Result {
        let inner = |f: &mut fmt::Formatter<'_>, open: &str, item: &RustType| {
            f.write_str(open)?;
            item.write(f, model_prefix)?;
            f.write_str(">")
        };
        match self {
            RustType::String => f.write_str("String"),
            RustType::Bool => f.write_str("bool"),
            RustType::I32 => f.write_str("i32"),
            RustType::I64 => f.write_str("i64"),
            RustType::F64 => f.write_str("f64"),
            RustType::Timestamp => f.write_str("crate::Timestamp"),
            RustType::Base64Text => f.write_str("crate::Base64Text"),
            RustType::JsonText => f.write_str("crate::JsonText"),
            RustType::JsonValue => f.write_str("serde_json::Value"),
            RustType::Bytes => f.write_str("bytes::Bytes"),
            RustType::Model(model) => write!(f, "{model_prefix}{}", model.name),
            RustType::Boxed(item) => inner(f, "Box<", item),
            RustType::Vec(item) => inner(f, "Vec<", item),
            RustType::Map(item) => inner(f, "std::collections::BTreeMap<String, ", item),
        }
    }
}

impl fmt::Display for RustType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, "")
    }
}

/// See [`RustType::with_model_paths`].
pub struct WithModelPaths<'t>(&'t RustType);

impl fmt::Display for WithModelPaths<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write(f, "crate::models::")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn foo() -> RustType {
        RustType::model(Ident::decided("Foo".to_owned()), ModelKind::Struct)
    }

    #[test]
    fn types_print_as_rust_and_models_by_path_on_request() {
        let map = RustType::map_of(RustType::vec_of(RustType::boxed(foo())));
        assert_eq!(
            map.to_string(),
            "std::collections::BTreeMap<String, Vec<Box<Foo>>>"
        );
        assert_eq!(
            map.with_model_paths().to_string(),
            "std::collections::BTreeMap<String, Vec<Box<crate::models::Foo>>>"
        );
        assert_eq!(
            RustType::Timestamp.with_model_paths().to_string(),
            "crate::Timestamp"
        );
    }

    #[test]
    fn a_list_of_lists_has_a_list_as_its_item() {
        let nested = RustType::vec_of(RustType::vec_of(RustType::String));
        assert_eq!(nested.vec_item(), Some(&RustType::vec_of(RustType::String)));
        assert!(!nested.vec_item().unwrap().is_scalar());
    }

    #[test]
    fn enums_are_scalars_and_structs_are_not() {
        let level = RustType::model(Ident::decided("Level".to_owned()), ModelKind::Enum);
        assert!(level.is_scalar() && level.takes_into());
        assert!(!foo().is_scalar() && !foo().takes_into());
        assert_eq!(
            RustType::vec_of(foo()).models(),
            vec![&Ident::decided("Foo".to_owned())]
        );
    }
}
