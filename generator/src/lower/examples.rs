//! The example program of each operation: which command-line arguments it takes and how it
//! calls the client with them.

use super::names::invented;
use crate::ir::{Example, Ident, Model, ModelKind, Operation, RustType, StructModel};

/// Plans an example for every operation whose required inputs are strings (or enums), or a body
/// model whose required fields are. Other operations get no example.
pub fn plan_examples(operations: &mut [Operation], models: &[Model]) {
    for operation in operations.iter_mut() {
        operation.example = plan(operation, models);
    }
}

/// The example's own variables, which an argument must not shadow.
const EXAMPLE_LOCALS: &[&str] = &[
    "args", "region", "client", "request", "body", "output", "error",
];

fn plan(operation: &Operation, models: &[Model]) -> Option<Example> {
    let mut args: Vec<Ident> = Vec::new();
    let mut call_args = Vec::new();
    let mut imports = Vec::new();
    for input in operation.required_inputs() {
        if input.setter_takes_into() {
            let name = unique_arg(&args, &input.rust_name);
            // A `&str` that is not `'static` is no `bytes::Bytes`; its bytes are.
            if input.value_type == RustType::Bytes {
                call_args.push(format!("{name}.as_bytes().to_vec()"));
            } else {
                call_args.push(format!("{name}.as_str()"));
            }
            args.push(name);
            continue;
        }
        let model = struct_model(models, &input.value_type)?;
        let mut fields = Vec::new();
        for field in model.required_fields() {
            if !field.setter_takes_into() {
                return None;
            }
            let name = unique_arg(&args, &field.rust_name);
            fields.push(format!("{name}.as_str()"));
            args.push(name);
        }
        call_args.push(format!("{}::new({})", model.rust_name, fields.join(", ")));
        imports.push(model.rust_name.clone());
    }
    let json_body_literal = operation
        .body_input()
        .filter(|body| !body.required)
        .and_then(|body| body.json_example())
        .map(raw_string_literal);
    Some(Example {
        args,
        call_args,
        json_body_literal,
        imports,
    })
}

/// The struct an input of this type is, when it is one (and not boxed).
fn struct_model<'m>(models: &'m [Model], rust_type: &RustType) -> Option<&'m StructModel> {
    let RustType::Model(wanted) = rust_type else {
        return None;
    };
    if wanted.kind != ModelKind::Struct {
        return None;
    }
    models.iter().find_map(|model| match model {
        Model::Struct(m) if m.rust_name == wanted.name => Some(m),
        _ => None,
    })
}

/// `r#"..."#`, with as many `#` as it takes for the text never to close the literal early.
fn raw_string_literal(text: &str) -> String {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
}

/// An argument name not yet taken by another or by the example itself: `request_id`, else
/// `request_id_2`, ... (`type` becomes `type_2`, which is no keyword).
fn unique_arg(taken: &[Ident], wanted: &Ident) -> Ident {
    let mut name = wanted.clone();
    let mut n = 2;
    while taken.contains(&name) || EXAMPLE_LOCALS.contains(&name.as_str()) {
        name = invented(format!("{}_{n}", wanted.bare()));
        n += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::raw_string_literal;

    #[test]
    fn raw_strings_outlast_their_contents() {
        assert_eq!(raw_string_literal("{}"), "r#\"{}\"#");
        assert_eq!(
            raw_string_literal("{\"a\":\"#\"}"),
            "r##\"{\"a\":\"#\"}\"##"
        );
    }
}
