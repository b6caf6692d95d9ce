//! Which models each generated file must `use`.

use std::collections::BTreeSet;

use crate::ir::{Ident, Operation, RustType};

/// Fills `imports` of every operation with the models its builder and output name. Models share
/// one module, so they import nothing.
pub fn resolve_imports(operations: &mut [Operation]) {
    for operation in operations.iter_mut() {
        let body_type = operation.output.value_type();
        // A JSON body is held encoded, and its model is named by path where it is taken.
        let types = operation
            .inputs
            .iter()
            .filter(|input| !input.is_json_body())
            .map(|input| &input.value_type)
            .chain(operation.output.fields.iter().map(|f| &f.value_type))
            .chain(operation.output.headers.iter().map(|h| &h.value_type))
            .chain(body_type.as_ref());
        operation.imports = used_models(types, None);
    }
}

/// The models the types name, but `itself`, in name order.
fn used_models<'t>(
    types: impl Iterator<Item = &'t RustType>,
    itself: Option<&Ident>,
) -> Vec<Ident> {
    let mut used = BTreeSet::new();
    for rust_type in types {
        used.extend(
            rust_type
                .models()
                .into_iter()
                .filter(|m| Some(*m) != itself),
        );
    }
    used.into_iter().cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::ModelKind;
    use crate::lower::names::invented;

    #[test]
    fn finds_models_inside_generic_types_and_not_the_model_itself() {
        let model = |name: &str| RustType::model(invented(name.to_owned()), ModelKind::Struct);
        let types = [
            RustType::vec_of(RustType::boxed(model("Foo"))),
            RustType::map_of(model("Bar")),
            RustType::JsonValue,
            model("Foo"),
        ];
        let foo = invented("Foo".to_owned());
        assert_eq!(
            used_models(types.iter(), Some(&foo)),
            vec![invented("Bar".to_owned())]
        );
    }
}
