//! `oneOf` with a discriminator → an enum with one variant per discriminator value, each holding
//! the struct of its member schema.
//!
//! The variants are the `mapping` entries, in order, then the `oneOf` members no entry names,
//! whose value is their schema's name (OpenAPI 3.0: without a mapping, the value is the name of
//! the schema). Variant names come from the values through the naming module, and `x-rust-names`
//! on the `oneOf` schema names them as it names an enum's.

use openapiv3::{Discriminator, ReferenceOr, Schema};

use super::{SchemaPlace, TypeLowering, description, docs_or};
use crate::ir::{Model, ModelKind, RustType, UnionModel, UnionVariant};
use crate::lower::docs::doc_lines;
use crate::lower::names::{
    RUST_NAMES_EXTENSION, VariantOverrides, describe_variant_problem, variant_entry,
};
use crate::lower::resolve::Resolver;

/// One discriminator value and the schema it selects.
struct Member<'p> {
    tag_value: String,
    reference: String,
    /// Where the value was given: the mapping entry or the `oneOf` member.
    place: SchemaPlace<'p>,
}

impl<'a> TypeLowering<'a> {
    /// The enum of a `oneOf` schema with a discriminator (`serde_json::Value` without one).
    pub(super) fn union_type(
        &mut self,
        schema: &'a Schema,
        one_of: &'a [ReferenceOr<Schema>],
        place: &SchemaPlace<'_>,
    ) -> RustType {
        let Some(discriminator) = &schema.schema_data.discriminator else {
            return RustType::JsonValue;
        };
        let Some(rust_name) = self.claim_name(schema, place, ModelKind::Union) else {
            return RustType::JsonValue;
        };
        let members = self.union_members(one_of, discriminator, place);
        let tag_values: Vec<&String> = members.iter().map(|m| &m.tag_value).collect();
        let extension = schema.schema_data.extensions.get(RUST_NAMES_EXTENSION);
        let (overrides, problems) = VariantOverrides::read(extension, &tag_values);
        for problem in problems {
            let suffix: Vec<&str> = problem.pointer_suffix.iter().map(String::as_str).collect();
            self.error(&place.child("", &suffix), problem.message, &problem.hint);
        }
        // A member that holds the enum itself is boxed, as in any recursive struct.
        self.in_progress.insert(place.pointer.clone());
        let mut variants: Vec<UnionVariant> = Vec::new();
        for member in &members {
            if let Some(variant) = self.union_variant(member, &overrides, &variants) {
                variants.push(variant);
            }
        }
        self.in_progress.remove(&place.pointer);
        if variants.is_empty() {
            return RustType::JsonValue;
        }
        self.models.push(Model::Union(UnionModel {
            rust_name: rust_name.clone(),
            origin: place.pointer.clone(),
            docs: docs_or(description(schema), &rust_name),
            tag: discriminator.property_name.clone(),
            variants,
            example_json: String::new(),
        }));
        RustType::model(rust_name, ModelKind::Union)
    }

    fn union_members<'p>(
        &mut self,
        one_of: &'a [ReferenceOr<Schema>],
        discriminator: &'a Discriminator,
        place: &SchemaPlace<'p>,
    ) -> Vec<Member<'p>> {
        let mut members: Vec<Member<'p>> = Vec::new();
        for (value, target) in &discriminator.mapping {
            // A mapping value is a `$ref` or the bare name of a component schema.
            let reference = if target.starts_with('#') {
                target.clone()
            } else {
                Resolver::schema_reference(target)
            };
            members.push(Member {
                tag_value: value.clone(),
                reference,
                place: place.child("", &["discriminator", "mapping", value]),
            });
        }
        for (index, member) in one_of.iter().enumerate() {
            let at = place.child("", &["oneOf", &index.to_string()]);
            match member {
                ReferenceOr::Reference { reference } => {
                    if members.iter().any(|m| &m.reference == reference) {
                        continue;
                    }
                    let name = reference.rsplit('/').next().unwrap_or_default();
                    members.push(Member {
                        tag_value: name.replace("~1", "/").replace("~0", "~"),
                        reference: reference.clone(),
                        place: at,
                    });
                }
                ReferenceOr::Item(_) => self.error(
                    &at,
                    "a `oneOf` member with a discriminator must be a `$ref`: the discriminator names the schema of each value",
                    "move the member under components.schemas and reference it",
                ),
            }
        }
        members
    }

    fn union_variant(
        &mut self,
        member: &Member<'_>,
        overrides: &VariantOverrides<'_>,
        variants: &[UnionVariant],
    ) -> Option<UnionVariant> {
        let tag = &member.tag_value;
        let rust_name = match overrides.variant_name(tag) {
            Ok(name) => name,
            Err(problem) => {
                let (message, hint) = describe_variant_problem(&problem, tag);
                self.error(&member.place, message, &hint);
                return None;
            }
        };
        if let Some(existing) = variants.iter().find(|v| v.rust_name == rust_name) {
            self.error(
                &member.place,
                format!(
                    "discriminator values `{}` and `{tag}` both become the Rust variant `{rust_name}`",
                    existing.tag_value
                ),
                &format!(
                    "name one variant yourself with `{}` on the oneOf schema (the value on the wire stays)",
                    variant_entry(tag, &format!("{rust_name}2"))
                ),
            );
            return None;
        }
        let (target, _) = self.resolve(&member.reference, &member.place)?;
        let value_type = self.reference_type(&member.reference, &member.place, false);
        let Some(struct_model) = value_type
            .as_model()
            .filter(|model| model.kind == ModelKind::Struct)
        else {
            self.error(
                &member.place,
                format!(
                    "`{}` is not an object schema, so it cannot be a variant selected by a discriminator",
                    member.reference
                ),
                "reference an object schema with properties, or drop the discriminator",
            );
            return None;
        };
        let mut docs = doc_lines(description(target));
        if docs.is_empty() {
            docs = doc_lines(Some(&format!("The `{}` schema.", struct_model.name)));
        }
        docs.push(String::new());
        docs.push(format!("Selected by the value `{tag}`."));
        Some(UnionVariant {
            rust_name,
            tag_value: tag.clone(),
            value_type,
            docs,
        })
    }
}
