//! Schemas → Rust types, registering a model for every named object and enum.
//!
//! Each schema location (a JSON pointer) is lowered once and cached, so a component schema that
//! is reached through many `$ref`s, or flattened into an operation output, yields one model.

mod unions;

use std::collections::{HashMap, HashSet};

use openapiv3::{
    AdditionalProperties, OpenAPI, ReferenceOr, Schema, SchemaKind, StringType, Type,
    VariantOrUnknownOrEmpty,
};

use super::docs::doc_lines;
use super::names::{
    RUST_NAME_EXTENSION, RUST_NAMES_EXTENSION, VariantOverrides, checked_field_name,
    checked_type_name, describe_variant_problem, invented, invented_candidates, type_name,
    variant_entry,
};
use super::resolve::Resolver;
use crate::diagnostics::{Diagnostic, Diagnostics, pointer_segment};
use crate::ir::{
    EnumModel, EnumVariant, Ident, Model, ModelField, ModelKind, ModelRef, RustType, StructModel,
};

/// The types and traits of Rust's prelude (2021 and 2024), which the generated code names
/// unqualified, as Rust code does: a model of one of these names would hide it in the files that
/// use the model. The generated code's own items are always named by their full path, so they
/// need no such list.
const PRELUDE_TYPES: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Future",
    "Into",
    "IntoFuture",
    "IntoIterator",
    "Iterator",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Where a schema sits, for names and for diagnostics.
#[derive(Debug, Clone)]
pub struct SchemaPlace<'p> {
    /// The type name to use if this schema needs a model of its own.
    pub name_hint: String,
    pub pointer: String,
    pub operation: Option<&'p str>,
}

impl<'p> SchemaPlace<'p> {
    pub fn new(
        name_hint: impl Into<String>,
        pointer: impl Into<String>,
        operation: Option<&'p str>,
    ) -> Self {
        SchemaPlace {
            name_hint: name_hint.into(),
            pointer: pointer.into(),
            operation,
        }
    }

    fn child(&self, name_suffix: &str, pointer_suffix: &[&str]) -> SchemaPlace<'p> {
        let mut pointer = self.pointer.clone();
        for segment in pointer_suffix {
            pointer.push('/');
            pointer.push_str(&pointer_segment(segment));
        }
        SchemaPlace {
            name_hint: format!("{}{}", self.name_hint, type_name(name_suffix)),
            pointer,
            operation: self.operation,
        }
    }
}

/// The properties of an object schema, after resolving `$ref`s and flattening `allOf`.
pub struct ObjectShape<'s> {
    pub properties: Vec<ObjectProperty<'s>>,
    pub required: HashSet<String>,
    /// Each `required` entry with its pointer, to name the ones that match no property.
    pub required_at: Vec<(String, String)>,
    pub description: Option<String>,
}

pub struct ObjectProperty<'s> {
    pub wire_name: String,
    pub schema: &'s ReferenceOr<Box<Schema>>,
    pub pointer: String,
}

/// Lowers schemas into Rust type names and collects the models they need.
pub struct TypeLowering<'a> {
    document: &'a OpenAPI,
    /// Follows every `$ref` of the document, of any kind of component.
    pub resolver: Resolver<'a>,
    file: &'a str,
    pub diagnostics: &'a mut Diagnostics,
    models: Vec<Model>,
    /// Rust type name → the pointer of the schema that owns it, to detect collisions.
    owners: HashMap<String, String>,
    /// The Rust names of the component schemas, with their pointers, reserved before anything
    /// is lowered: the names sdkgen invents for inline schemas give way to them.
    component_names: HashMap<String, String>,
    /// Schema pointer → its Rust type.
    cache: HashMap<String, RustType>,
    /// Schema pointer → the model it claimed, for recursive references to it.
    claimed: HashMap<String, ModelRef>,
    /// Schemas whose struct is being built, to detect recursion.
    in_progress: HashSet<String>,
}

impl<'a> TypeLowering<'a> {
    pub fn new(document: &'a OpenAPI, file: &'a str, diagnostics: &'a mut Diagnostics) -> Self {
        TypeLowering {
            document,
            resolver: Resolver::new(document),
            file,
            diagnostics,
            models: Vec::new(),
            owners: HashMap::new(),
            component_names: HashMap::new(),
            cache: HashMap::new(),
            claimed: HashMap::new(),
            in_progress: HashSet::new(),
        }
    }

    /// Lowers every schema under `components.schemas`, so each gets its model even if unused.
    pub fn lower_components(&mut self) {
        let Some(components) = &self.document.components else {
            return;
        };
        for (name, schema) in &components.schemas {
            let ReferenceOr::Item(schema) = schema else {
                continue;
            };
            let rust_name_extension = schema.schema_data.extensions.get(RUST_NAME_EXTENSION);
            if let Ok(rust_name) = checked_type_name(name, rust_name_extension) {
                let pointer = format!("/components/schemas/{}", pointer_segment(name));
                self.component_names
                    .entry(rust_name.into())
                    .or_insert(pointer);
            }
        }
        for name in components.schemas.keys() {
            let reference = Resolver::schema_reference(name);
            let pointer = format!("/components/schemas/{}", pointer_segment(name));
            let place = SchemaPlace::new(name.clone(), pointer, None);
            self.reference_type(&reference, &place, false);
        }
    }

    /// The models collected so far, in the order they were first reached.
    pub fn into_models(self) -> Vec<Model> {
        self.models
    }

    /// The Rust type for a schema or a `$ref` to one.
    pub fn schema_type<S: AsSchema>(
        &mut self,
        schema: &'a ReferenceOr<S>,
        place: &SchemaPlace<'_>,
        in_container: bool,
    ) -> RustType {
        match schema {
            ReferenceOr::Reference { reference } => {
                self.reference_type(reference, place, in_container)
            }
            ReferenceOr::Item(item) => self.item_type(item.as_schema(), place),
        }
    }

    /// The schema itself, defined at `pointer`, or what its `$ref` names, with the pointer of
    /// the definition; a `$ref` that does not resolve is reported.
    pub fn resolve_in_place(
        &mut self,
        schema: &'a ReferenceOr<Schema>,
        pointer: String,
        place: &SchemaPlace<'_>,
    ) -> Option<(&'a Schema, String)> {
        match schema {
            ReferenceOr::Item(schema) => Some((schema, pointer)),
            ReferenceOr::Reference { reference } => self.resolve(reference, place),
        }
    }

    /// Resolves a `$ref` to a schema, with its pointer, reporting one that does not resolve.
    pub fn resolve(
        &mut self,
        reference: &str,
        place: &SchemaPlace<'_>,
    ) -> Option<(&'a Schema, String)> {
        match self.resolver.follow::<Schema>(reference) {
            Ok(found) => Some((found.item, found.pointer)),
            Err(unresolved) => {
                self.error(place, unresolved.message, &unresolved.hint);
                None
            }
        }
    }

    fn reference_type(
        &mut self,
        reference: &str,
        place: &SchemaPlace<'_>,
        in_container: bool,
    ) -> RustType {
        let Some((schema, pointer)) = self.resolve(reference, place) else {
            return RustType::JsonValue;
        };
        let name = pointer
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .replace("~1", "/")
            .replace("~0", "~");
        if self.in_progress.contains(&pointer) {
            // A recursive reference. Structs are named before their fields are lowered, so the
            // name is known; a by-value field must be boxed to give the type a finite size.
            // Only structs and unions are built in steps; a recursive reference to one that has
            // no name (its name was rejected) is reported there already.
            let model = self.claimed.get(&pointer).cloned().unwrap_or(ModelRef {
                name: invented(type_name(&name)),
                kind: ModelKind::Struct,
            });
            let model = RustType::Model(model);
            return if in_container {
                model
            } else {
                RustType::boxed(model)
            };
        }
        let target = SchemaPlace::new(name, pointer, None);
        self.item_type(schema, &target)
    }

    fn item_type(&mut self, schema: &'a Schema, place: &SchemaPlace<'_>) -> RustType {
        if let Some(cached) = self.cache.get(&place.pointer) {
            return cached.clone();
        }
        let rust_type = self.compute_item_type(schema, place);
        self.cache.insert(place.pointer.clone(), rust_type.clone());
        rust_type
    }

    fn compute_item_type(&mut self, schema: &'a Schema, place: &SchemaPlace<'_>) -> RustType {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => self.string_type(schema, string, place),
            SchemaKind::Type(Type::Integer(integer)) => match &integer.format {
                VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => RustType::I32,
                _ => RustType::I64,
            },
            SchemaKind::Type(Type::Number(_)) => RustType::F64,
            SchemaKind::Type(Type::Boolean(_)) => RustType::Bool,
            SchemaKind::Type(Type::Array(array)) => match &array.items {
                Some(items) => {
                    let item_place = place.child("Item", &["items"]);
                    RustType::vec_of(self.schema_type(items, &item_place, true))
                }
                None => {
                    self.warning(
                        place,
                        "array without `items`: its items are typed as serde_json::Value",
                    );
                    RustType::vec_of(RustType::JsonValue)
                }
            },
            SchemaKind::Type(Type::Object(object)) => {
                if object.properties.is_empty() {
                    for (index, name) in object.required.iter().enumerate() {
                        let at = place.child("", &["required", &index.to_string()]);
                        self.required_without_property(name, &at);
                    }
                    self.map_type(object.additional_properties.as_ref(), place)
                } else {
                    self.struct_type(schema, place)
                }
            }
            // `allOf` with one `$ref` is how OpenAPI 3.0 gives a reference its own description:
            // the type is the referenced one.
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => match &all_of[0] {
                ReferenceOr::Reference { reference } => {
                    self.reference_type(reference, place, false)
                }
                ReferenceOr::Item(_) => self.struct_type(schema, place),
            },
            SchemaKind::AllOf { .. } => self.struct_type(schema, place),
            SchemaKind::Any(any) if !any.properties.is_empty() || !any.all_of.is_empty() => {
                self.struct_type(schema, place)
            }
            SchemaKind::Any(any) => {
                self.untyped(any, place);
                RustType::JsonValue
            }
            SchemaKind::OneOf { one_of } if schema.schema_data.discriminator.is_some() => {
                self.union_type(schema, one_of, place)
            }
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => {
                let keyword = match &schema.schema_kind {
                    SchemaKind::OneOf { .. } => "oneOf",
                    _ => "anyOf",
                };
                let message = match &schema.schema_data.discriminator {
                    Some(discriminator) => format!(
                        "`{keyword}` with a discriminator (`propertyName: {}`) is not supported (`oneOf` with one is); the value is typed as serde_json::Value",
                        discriminator.property_name
                    ),
                    None => format!(
                        "`{keyword}` without a discriminator is not supported; the value is typed as serde_json::Value"
                    ),
                };
                self.warning(place, &message);
                RustType::JsonValue
            }
            SchemaKind::Not { .. } => {
                self.warning(
                    place,
                    "`not` schemas are not supported; the value is typed as serde_json::Value",
                );
                RustType::JsonValue
            }
        }
    }

    /// A schema the typed parse could not read as its `type` (openapiv3 then keeps it untyped)
    /// becomes `serde_json::Value`; that is never silent. The raw-YAML checks usually said why
    /// already (an unknown type, an enum value that does not fit); otherwise this says it.
    fn untyped(&mut self, any: &openapiv3::AnySchema, place: &SchemaPlace<'_>) {
        let Some(declared) = &any.typ else {
            return;
        };
        if self.diagnostics.has_finding_within(&place.pointer) {
            return;
        }
        self.warning(
            place,
            &format!("sdkgen cannot read this schema as `type: {declared}` (it mixes in keywords of another type, such as `oneOf` or a fractional bound); the value is typed as serde_json::Value"),
        );
    }

    fn string_type(
        &mut self,
        schema: &Schema,
        string: &StringType,
        place: &SchemaPlace<'_>,
    ) -> RustType {
        let values: Vec<&String> = string.enumeration.iter().flatten().collect();
        if values.is_empty() {
            return match &string.format {
                VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::DateTime) => {
                    RustType::Timestamp
                }
                VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Byte) => {
                    RustType::Base64Text
                }
                VariantOrUnknownOrEmpty::Unknown(format) if format == "json" => RustType::JsonText,
                _ => RustType::String,
            };
        }
        let Some(rust_name) = self.claim_name(schema, place, ModelKind::Enum) else {
            return RustType::String;
        };
        let extension = schema.schema_data.extensions.get(RUST_NAMES_EXTENSION);
        let (overrides, problems) = VariantOverrides::read(extension, &values);
        for problem in problems {
            let suffix: Vec<&str> = problem.pointer_suffix.iter().map(String::as_str).collect();
            self.error(&place.child("", &suffix), problem.message, &problem.hint);
        }
        let mut variants: Vec<EnumVariant> = Vec::new();
        for value in values {
            let variant = match overrides.variant_name(value) {
                Ok(variant) => variant,
                Err(problem) => {
                    let (message, hint) = describe_variant_problem(&problem, value);
                    let at = place.child("", &[RUST_NAMES_EXTENSION, value]);
                    self.error(&at, message, &hint);
                    continue;
                }
            };
            if let Some(existing) = variants.iter().find(|v| v.rust_name == variant) {
                self.error(
                    place,
                    format!(
                        "enum values `{}` and `{value}` both become the Rust variant `{variant}`",
                        existing.wire_value
                    ),
                    &format!(
                        "name one variant yourself with `{}` on the enum schema (the value on the wire stays), or rename one of the values",
                        variant_entry(value, &format!("{variant}2"))
                    ),
                );
                continue;
            }
            variants.push(EnumVariant {
                rust_name: variant,
                wire_value: value.clone(),
                docs: doc_lines(Some(&format!("The value `{value}`."))),
            });
        }
        self.models.push(Model::Enum(EnumModel {
            rust_name: rust_name.clone(),
            origin: place.pointer.clone(),
            docs: docs_or(description(schema), &rust_name),
            variants,
        }));
        RustType::model(rust_name, ModelKind::Enum)
    }

    fn map_type(
        &mut self,
        additional: Option<&'a AdditionalProperties>,
        place: &SchemaPlace<'_>,
    ) -> RustType {
        match additional {
            Some(AdditionalProperties::Schema(value_schema)) => {
                let value_place = place.child("Value", &["additionalProperties"]);
                RustType::map_of(self.schema_type(value_schema.as_ref(), &value_place, true))
            }
            // `true`, absent, or `false` with no properties: any JSON object. Typed as
            // `serde_json::Value` rather than `serde_json::Map`, so callers can pass
            // `serde_json::json!({...})` directly.
            _ => RustType::JsonValue,
        }
    }

    fn struct_type(&mut self, schema: &'a Schema, place: &SchemaPlace<'_>) -> RustType {
        let Some(rust_name) = self.claim_name(schema, place, ModelKind::Struct) else {
            return RustType::JsonValue;
        };
        self.in_progress.insert(place.pointer.clone());
        let shape = self.object_shape(schema, &place.pointer, place);
        let fields = self.lower_fields(&shape, place);
        self.in_progress.remove(&place.pointer);
        let derives_default = fields.iter().all(|f| !f.required);
        self.models.push(Model::Struct(StructModel {
            rust_name: rust_name.clone(),
            origin: place.pointer.clone(),
            docs: docs_or(shape.description.as_deref(), &rust_name),
            fields,
            derives_default,
        }));
        RustType::model(rust_name, ModelKind::Struct)
    }

    /// The fields for an object's properties, typed, named and checked for name collisions.
    pub fn lower_fields(
        &mut self,
        shape: &ObjectShape<'a>,
        owner: &SchemaPlace<'_>,
    ) -> Vec<ModelField> {
        self.check_required(shape, owner);
        let mut fields: Vec<ModelField> = Vec::new();
        for property in &shape.properties {
            let rust_name_extension = match property.schema {
                ReferenceOr::Item(item) => item.schema_data.extensions.get(RUST_NAME_EXTENSION),
                ReferenceOr::Reference { .. } => None,
            };
            let rust_name = match checked_field_name(&property.wire_name, rust_name_extension) {
                Ok(name) => name,
                Err(problem) => {
                    let subject = format!("property `{}`", property.wire_name);
                    let (message, hint) = problem.describe(&subject);
                    let at = SchemaPlace::new("", property.pointer.clone(), owner.operation);
                    self.error(&at, message, &hint);
                    continue;
                }
            };
            let place = SchemaPlace {
                name_hint: format!("{}{}", owner.name_hint, type_name(&property.wire_name)),
                pointer: property.pointer.clone(),
                operation: owner.operation,
            };
            if let Some(existing) = fields.iter().find(|f| f.rust_name == rust_name) {
                self.error(
                    &place,
                    format!(
                        "properties `{}` and `{}` both become the Rust field `{rust_name}`",
                        existing.wire_name, property.wire_name
                    ),
                    &format!(
                        "rename one of them in the spec, or set `{RUST_NAME_EXTENSION}` on one"
                    ),
                );
                continue;
            }
            let value_type = self.schema_type(property.schema, &place, false);
            let (mut docs, nullable) = match property.schema {
                ReferenceOr::Item(item) => {
                    (doc_lines(description(item)), item.schema_data.nullable)
                }
                // OpenAPI 3.0 ignores siblings of `$ref`, so the target's description speaks
                // for the property.
                ReferenceOr::Reference { reference } => {
                    let target = self.resolve(reference, &place).map(|(schema, _)| schema);
                    (doc_lines(target.and_then(description)), false)
                }
            };
            if docs.is_empty() {
                docs = doc_lines(Some(&format!("The `{}` property.", property.wire_name)));
            }
            let required = shape.required.contains(&property.wire_name) && !nullable;
            fields.push(ModelField {
                wire_name: property.wire_name.clone(),
                rust_name,
                value_type,
                required,
                docs,
            });
        }
        fields
    }

    /// A `required` entry that names no property is a misspelling, which openapi-spec-validator
    /// rejects too. Checked after flattening, so an `allOf` part may require a property of
    /// another part.
    fn check_required(&mut self, shape: &ObjectShape<'a>, owner: &SchemaPlace<'_>) {
        for (name, at) in &shape.required_at {
            if shape.properties.iter().all(|p| &p.wire_name != name) {
                let place = SchemaPlace::new(owner.name_hint.clone(), at.clone(), owner.operation);
                self.required_without_property(name, &place);
            }
        }
    }

    fn required_without_property(&mut self, name: &str, place: &SchemaPlace<'_>) {
        self.error(
            place,
            format!("`required` names `{name}`, which is not a property of this object"),
            "fix the name, or add the property under `properties`",
        );
    }

    /// The properties of an object schema, following `$ref`s and flattening `allOf`.
    pub fn object_shape(
        &mut self,
        schema: &'a Schema,
        pointer: &str,
        place: &SchemaPlace<'_>,
    ) -> ObjectShape<'a> {
        let mut shape = ObjectShape {
            properties: Vec::new(),
            required: HashSet::new(),
            required_at: Vec::new(),
            description: description(schema).map(str::to_owned),
        };
        self.collect_shape(schema, pointer, place, &mut shape, 0);
        shape
    }

    fn collect_shape(
        &mut self,
        schema: &'a Schema,
        pointer: &str,
        place: &SchemaPlace<'_>,
        shape: &mut ObjectShape<'a>,
        depth: usize,
    ) {
        const MAX_ALL_OF_DEPTH: usize = 32;
        if depth > MAX_ALL_OF_DEPTH {
            self.error(
                place,
                "allOf nests too deeply (is it cyclic?)",
                "flatten the allOf chain",
            );
            return;
        }
        let (properties, required, all_of) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => (&object.properties, &object.required, None),
            SchemaKind::Any(any) => (&any.properties, &any.required, Some(&any.all_of)),
            SchemaKind::AllOf { all_of } => {
                self.collect_all_of(all_of, pointer, place, shape, depth);
                return;
            }
            _ => {
                self.error(
                    place,
                    "this schema is used where an object is expected, but it is not an object",
                    "use an object schema (type: object with properties) here",
                );
                return;
            }
        };
        for (name, property) in properties {
            if shape.properties.iter().any(|p| &p.wire_name == name) {
                continue;
            }
            shape.properties.push(ObjectProperty {
                wire_name: name.clone(),
                schema: property,
                pointer: format!("{pointer}/properties/{}", pointer_segment(name)),
            });
        }
        shape.required.extend(required.iter().cloned());
        shape.required_at.extend(
            required
                .iter()
                .enumerate()
                .map(|(index, name)| (name.clone(), format!("{pointer}/required/{index}"))),
        );
        if let Some(all_of) = all_of {
            self.collect_all_of(all_of, pointer, place, shape, depth);
        }
    }

    fn collect_all_of(
        &mut self,
        all_of: &'a [ReferenceOr<Schema>],
        pointer: &str,
        place: &SchemaPlace<'_>,
        shape: &mut ObjectShape<'a>,
        depth: usize,
    ) {
        for (index, part) in all_of.iter().enumerate() {
            let part_pointer = format!("{pointer}/allOf/{index}");
            self.collect_part(part, &part_pointer, place, shape, depth);
        }
    }

    fn collect_part(
        &mut self,
        part: &'a ReferenceOr<Schema>,
        pointer: &str,
        place: &SchemaPlace<'_>,
        shape: &mut ObjectShape<'a>,
        depth: usize,
    ) {
        match part {
            ReferenceOr::Item(item) => self.collect_shape(item, pointer, place, shape, depth + 1),
            ReferenceOr::Reference { reference } => {
                if let Some((target, target_pointer)) = self.resolve(reference, place) {
                    self.collect_shape(target, &target_pointer, place, shape, depth + 1);
                }
            }
        }
    }

    /// Reserves the type name for a new model (its `x-rust-name`, else one made from its place),
    /// reporting a name that cannot be a model's or that another schema has. The name of an
    /// inline schema without `x-rust-name` is sdkgen's invention (`FooBarItem`), so it gives
    /// way to every other name instead (`FooBarItem2`).
    fn claim_name(
        &mut self,
        schema: &Schema,
        place: &SchemaPlace<'_>,
        kind: ModelKind,
    ) -> Option<Ident> {
        let subject = format!("the schema at `{}`", place.pointer);
        let rust_name_extension = schema.schema_data.extensions.get(RUST_NAME_EXTENSION);
        let mut rust_name = match checked_type_name(&place.name_hint, rust_name_extension) {
            Ok(name) => name,
            Err(problem) => {
                let (message, hint) = problem.describe(&subject);
                self.error(place, message, &hint);
                return None;
            }
        };
        let is_component = place
            .pointer
            .strip_prefix("/components/schemas/")
            .is_some_and(|name| !name.contains('/'));
        if !is_component && rust_name_extension.is_none() {
            let taken = |candidate: &String| {
                PRELUDE_TYPES.contains(&candidate.as_str())
                    || [&self.owners, &self.component_names]
                        .iter()
                        .any(|names| names.get(candidate).is_some_and(|p| p != &place.pointer))
            };
            let base = rust_name.as_str().to_owned();
            rust_name = invented(
                invented_candidates(&base, None)
                    .find(|candidate| !taken(candidate))
                    .expect("invented candidates never end"),
            );
        }
        if PRELUDE_TYPES.contains(&rust_name.as_str()) {
            self.error(
                place,
                format!("{subject} becomes the Rust type `{rust_name}`, which would hide `{rust_name}` of Rust's prelude"),
                &format!("set `{RUST_NAME_EXTENSION}` on the schema to choose another Rust name"),
            );
            return None;
        }
        if let Some(owner) = self.owners.get(rust_name.as_str())
            && owner != &place.pointer
        {
            let message = format!(
                "the schemas at `{owner}` and `{}` both become the Rust type `{rust_name}`",
                place.pointer
            );
            self.error(
                place,
                message,
                &format!("rename one of them or set `{RUST_NAME_EXTENSION}` on it"),
            );
            return None;
        }
        self.owners
            .insert(rust_name.as_str().to_owned(), place.pointer.clone());
        let model = ModelRef {
            name: rust_name.clone(),
            kind,
        };
        self.claimed.insert(place.pointer.clone(), model);
        Some(rust_name)
    }

    pub fn error(&mut self, place: &SchemaPlace<'_>, message: impl Into<String>, hint: &str) {
        self.diagnostics.push(
            Diagnostic::error(self.file, place.pointer.clone(), message)
                .in_operation(place.operation)
                .with_hint(hint),
        );
    }

    fn warning(&mut self, place: &SchemaPlace<'_>, message: &str) {
        self.diagnostics.push(
            Diagnostic::warning(self.file, place.pointer.clone(), message)
                .in_operation(place.operation),
        );
    }
}

/// Doc lines for a model: its description, else a line naming it.
fn docs_or(text: Option<&str>, rust_name: &Ident) -> Vec<String> {
    let docs = doc_lines(text);
    if docs.is_empty() {
        vec![format!("The `{rust_name}` schema.")]
    } else {
        docs
    }
}

/// `description`, else `title`.
pub fn description(schema: &Schema) -> Option<&str> {
    schema
        .schema_data
        .description
        .as_deref()
        .or(schema.schema_data.title.as_deref())
}

/// Lets `ReferenceOr<Schema>` and `ReferenceOr<Box<Schema>>` share one code path.
pub trait AsSchema {
    fn as_schema(&self) -> &Schema;
}

impl AsSchema for Schema {
    fn as_schema(&self) -> &Schema {
        self
    }
}

impl AsSchema for Box<Schema> {
    fn as_schema(&self) -> &Schema {
        self
    }
}
