//! Which models each generated file must `use`.

use std::collections::BTreeSet;

use crate::ir::{Model, Operation};

/// Fills `imports` of every struct model and operation with the models named in its types, and
/// returns the models the client's methods take.
pub fn resolve_imports(operations: &mut [Operation], models: &mut [Model]) -> Vec<String> {
    let names: BTreeSet<String> = models.iter().map(|m| m.rust_name().to_owned()).collect();
    for model in models.iter_mut() {
        if let Model::Struct(model) = model {
            let types = model.fields.iter().map(|f| f.value_type.as_str());
            model.imports = used_models(types, &names, Some(&model.rust_name));
        }
    }
    for operation in operations.iter_mut() {
        let types = operation
            .required_inputs
            .iter()
            .chain(&operation.optional_inputs)
            .map(|f| f.value_type.as_str())
            .chain(
                operation
                    .output
                    .fields
                    .iter()
                    .map(|f| f.value_type.as_str()),
            )
            .chain(
                operation
                    .output
                    .headers
                    .iter()
                    .map(|h| h.rust_type.as_str()),
            )
            .chain(operation.output.value_type());
        operation.imports = used_models(types, &names, None);
    }
    let client_inputs = operations
        .iter()
        .flat_map(|op| op.required_inputs.iter().map(|f| f.value_type.as_str()));
    used_models(client_inputs, &names, None)
}

fn used_models<'t>(
    types: impl Iterator<Item = &'t str>,
    names: &BTreeSet<String>,
    itself: Option<&str>,
) -> Vec<String> {
    let mut used = BTreeSet::new();
    for rust_type in types {
        // Type strings such as `Option<Vec<Box<Foo>>>` or `std::collections::BTreeMap<String, Bar>`:
        // a model is any identifier that is not part of a `::` path.
        for ident in rust_type.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')) {
            if !ident.contains("::") && names.contains(ident) && Some(ident) != itself {
                used.insert(ident.to_owned());
            }
        }
    }
    used.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_models_inside_generic_types_only() {
        let names: BTreeSet<String> = ["Foo", "Bar", "Value"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let types = [
            "Vec<Box<Foo>>",
            "std::collections::BTreeMap<String, Bar>",
            "serde_json::Value",
            "Foo",
        ];
        assert_eq!(
            used_models(types.into_iter(), &names, Some("Foo")),
            vec!["Bar"]
        );
    }
}
