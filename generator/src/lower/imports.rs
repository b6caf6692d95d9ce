//! Which models each generated file must `use`, and the types of files that use none.

use std::collections::BTreeSet;

use crate::ir::{Model, Operation};

/// Fills `imports` of every struct and union model and operation with the models named in its types, and
/// the path type of every input (the client's arguments are written with it).
pub fn resolve_imports(operations: &mut [Operation], models: &mut [Model]) {
    let names: BTreeSet<String> = models.iter().map(|m| m.rust_name().to_owned()).collect();
    for model in models.iter_mut() {
        match model {
            Model::Struct(model) => {
                let types = model.fields.iter().map(|f| f.value_type.as_str());
                model.imports = used_models(types, &names, Some(&model.rust_name));
            }
            Model::Union(model) => {
                let types = model.variants.iter().map(|v| v.value_type.as_str());
                model.imports = used_models(types, &names, Some(&model.rust_name));
            }
            Model::Enum(_) => {}
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
        let inputs = operation.required_inputs.iter_mut();
        for input in inputs.chain(&mut operation.optional_inputs) {
            input.path_type = with_model_paths(&input.value_type, &names);
        }
    }
}

/// Type strings such as `Option<Vec<Box<Foo>>>` or `std::collections::BTreeMap<String, Bar>`
/// split into identifiers, some of them `::` paths, and the text between them.
fn identifiers(rust_type: &str) -> impl Iterator<Item = &str> {
    rust_type.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
}

/// The type with each model in it named by its path: `Vec<crate::models::Foo>`.
fn with_model_paths(rust_type: &str, names: &BTreeSet<String>) -> String {
    let mut out = String::new();
    let mut rest = rust_type;
    while let Some(start) = rest.find(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let ident = identifiers(rest).next().unwrap_or_default();
        if names.contains(ident) {
            out.push_str("crate::models::");
        }
        out.push_str(ident);
        rest = &rest[ident.len()..];
    }
    out.push_str(rest);
    out
}

fn used_models<'t>(
    types: impl Iterator<Item = &'t str>,
    names: &BTreeSet<String>,
    itself: Option<&str>,
) -> Vec<String> {
    let mut used = BTreeSet::new();
    for rust_type in types {
        // A model is any identifier that is not part of a `::` path.
        for ident in identifiers(rust_type) {
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
    fn models_get_their_paths_and_nothing_else_does() {
        let names: BTreeSet<String> = ["Foo", "Client"].iter().map(|s| s.to_string()).collect();
        assert_eq!(
            with_model_paths("std::collections::BTreeMap<String, Vec<Box<Foo>>>", &names),
            "std::collections::BTreeMap<String, Vec<Box<crate::models::Foo>>>"
        );
        assert_eq!(with_model_paths("Client", &names), "crate::models::Client");
        assert_eq!(
            with_model_paths("crate::Timestamp", &names),
            "crate::Timestamp"
        );
    }

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
