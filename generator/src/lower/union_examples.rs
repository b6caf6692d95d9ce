//! The JSON value each discriminated `oneOf` shows in its doc example, which the doctest decodes
//! and encodes back: an object of its first variant with the discriminator and every required
//! property, each given a value of its type.

use serde_json::{Map, Value};

use crate::ir::{Ident, Model, RustType, UnionModel};

/// Deep enough for any real spec; a chain of required structs deeper than this ends in `{}`.
const MAX_DEPTH: usize = 16;

/// Fills `example_json` of every union model.
pub fn plan_union_examples(models: &mut [Model]) {
    let examples: Vec<(usize, String)> = models
        .iter()
        .enumerate()
        .filter_map(|(index, model)| match model {
            Model::Union(union) => Some((index, example(union, models).to_string())),
            _ => None,
        })
        .collect();
    for (index, json) in examples {
        if let Model::Union(union) = &mut models[index] {
            union.example_json = json;
        }
    }
}

fn example(union: &UnionModel, models: &[Model]) -> Value {
    let Some(first) = union.variants.first() else {
        return Value::Object(Map::new());
    };
    let mut value = value_of(&first.value_type, models, 0);
    if let Some(object) = value.as_object_mut() {
        object.insert(union.tag.clone(), Value::from(first.tag_value.as_str()));
    }
    value
}

/// A value of `rust_type` that decodes and encodes back to itself.
fn value_of(rust_type: &RustType, models: &[Model], depth: usize) -> Value {
    match rust_type {
        RustType::String => Value::from("text"),
        RustType::I32 | RustType::I64 => Value::from(1),
        // Not a whole number, which would encode back as `1.0` rather than `1`.
        RustType::F64 => Value::from(0.5),
        RustType::Bool => Value::from(true),
        RustType::Timestamp => Value::from("2021-03-04T14:50:02+08:00"),
        RustType::Base64Text => Value::from("aGk="),
        RustType::JsonText => Value::from("{}"),
        RustType::JsonValue => Value::Null,
        // Bytes are bodies, never fields; an empty list stands for them as for any list.
        RustType::Vec(_) | RustType::Bytes => Value::Array(Vec::new()),
        RustType::Map(_) => Value::Object(Map::new()),
        RustType::Boxed(inner) => value_of(inner, models, depth),
        RustType::Model(model) => model_value(&model.name, models, depth),
    }
}

fn model_value(name: &Ident, models: &[Model], depth: usize) -> Value {
    let model = models.iter().find(|model| model.rust_name() == name);
    match model {
        Some(Model::Struct(model)) if depth < MAX_DEPTH => {
            let fields = model.required_fields().map(|field| {
                let value = value_of(&field.value_type, models, depth + 1);
                (field.wire_name.clone(), value)
            });
            Value::Object(fields.collect())
        }
        Some(Model::Enum(model)) => match model.variants.first() {
            Some(variant) => Value::from(variant.wire_value.as_str()),
            None => Value::from("text"),
        },
        Some(Model::Union(union)) if depth < MAX_DEPTH => match union.variants.first() {
            Some(first) => {
                let mut value = value_of(&first.value_type, models, depth + 1);
                if let Some(object) = value.as_object_mut() {
                    object.insert(union.tag.clone(), Value::from(first.tag_value.as_str()));
                }
                value
            }
            None => Value::Object(Map::new()),
        },
        // Too deep: an object, which only an enum's `Unknown` can hold, so the round trip of
        // such a spec would fail its doctest loudly rather than be wrong quietly.
        _ => Value::Object(Map::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{ModelField, ModelKind, StructModel, UnionVariant};
    use crate::lower::names::invented;

    fn field(wire_name: &str, value_type: RustType, required: bool) -> ModelField {
        ModelField {
            wire_name: wire_name.to_owned(),
            rust_name: invented(wire_name.to_owned()),
            value_type,
            required,
            docs: Vec::new(),
        }
    }

    #[test]
    fn the_example_has_the_tag_and_every_required_property() {
        let cat = Model::Struct(StructModel {
            rust_name: invented("Cat".to_owned()),
            origin: String::new(),
            docs: Vec::new(),
            fields: vec![
                field("petType", RustType::String, true),
                field("lives", RustType::I32, true),
                field("weight", RustType::F64, true),
                field("toys", RustType::vec_of(RustType::String), true),
                field("nickname", RustType::String, false),
            ],
            derives_default: false,
        });
        let pet = Model::Union(UnionModel {
            rust_name: invented("Pet".to_owned()),
            origin: String::new(),
            docs: Vec::new(),
            tag: "petType".to_owned(),
            variants: vec![UnionVariant {
                rust_name: invented("Cat".to_owned()),
                tag_value: "cat".to_owned(),
                value_type: RustType::boxed(RustType::model(
                    invented("Cat".to_owned()),
                    ModelKind::Struct,
                )),
                docs: Vec::new(),
            }],
            example_json: String::new(),
        });
        let mut models = vec![cat, pet];
        plan_union_examples(&mut models);
        let Model::Union(pet) = &models[1] else {
            unreachable!()
        };
        let example: Value = serde_json::from_str(&pet.example_json).unwrap();
        assert_eq!(
            example,
            serde_json::json!({"petType": "cat", "lives": 1, "weight": 0.5, "toys": []})
        );
    }
}
