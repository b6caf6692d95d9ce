//! Every Rust name that comes from the spec is decided and checked here: types, fields,
//! variants, methods and modules, with the maintainer's `x-rust-name` where one is given.
//!
//! Spec names become snake_case or UpperCamelCase through `heck`, which never yields a leading
//! underscore or two underscores in a row; the only underscore added in front is the one before
//! a leading digit (`2fa` → `_2fa`), and an `x-rust-name` must already be in that form. So no
//! spec name ever becomes a name that starts with `__`, and the generated code's own private
//! items use such names (`__handle`, `__new`): the two sets cannot meet. Public items the
//! generated code defines itself (`send`, `Client::builder`) are reserved in each
//! [`Namespace`], where a spec name that lands on one is a located error.

mod namespace;
mod variants;

use heck::{ToSnakeCase, ToUpperCamelCase};

pub use namespace::{Namespace, invented_candidates};
pub use variants::{
    RUST_NAMES_EXTENSION, VariantOverrides, describe_problem as describe_variant_problem,
    entry as variant_entry,
};

/// The vendor extension that gives a parameter, property, header, schema or operation the Rust
/// name the maintainer chooses; the name on the wire stays.
pub const RUST_NAME_EXTENSION: &str = "x-rust-name";

pub use crate::ir::Ident;

/// Why a spec name has no Rust name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameProblem {
    /// The converted name has letters outside ASCII, which module files and rustc's lints
    /// (`non_ascii_idents`, `uncommon_codepoints`) do not accept.
    NotAscii { converted: String },
    /// `x-rust-name` is not a string.
    OverrideNotText,
    /// `x-rust-name` is not already in the case its kind of name takes.
    OverrideNotInCase { given: String, wanted: String },
}

impl NameProblem {
    /// The message and the hint, for `subject` (e.g. "parameter `名前`").
    pub fn describe(&self, subject: &str) -> (String, String) {
        match self {
            NameProblem::NotAscii { converted } => (
                format!("{subject} becomes the Rust name `{converted}`, which is not ASCII"),
                format!("set `{RUST_NAME_EXTENSION}` to an ASCII name; the name on the wire stays"),
            ),
            NameProblem::OverrideNotText => (
                format!("`{RUST_NAME_EXTENSION}` of {subject} is not a string"),
                format!("write `{RUST_NAME_EXTENSION}: some_name`"),
            ),
            NameProblem::OverrideNotInCase { given, wanted } => (
                format!(
                    "`{RUST_NAME_EXTENSION}: {given}` of {subject} is not a Rust name of its kind"
                ),
                format!("write `{RUST_NAME_EXTENSION}: {wanted}`"),
            ),
        }
    }
}

/// The checked field, method or module name of a spec name, or of its `x-rust-name`.
pub fn checked_field_name(
    spec_name: &str,
    rust_name: Option<&serde_json::Value>,
) -> Result<Ident, NameProblem> {
    checked(spec_name, rust_name, field_name, |given| {
        given.to_snake_case()
    })
}

/// The checked type name of a spec name, or of its `x-rust-name`.
pub fn checked_type_name(
    spec_name: &str,
    rust_name: Option<&serde_json::Value>,
) -> Result<Ident, NameProblem> {
    checked(spec_name, rust_name, type_name, |given| {
        given.to_upper_camel_case()
    })
}

fn checked(
    spec_name: &str,
    rust_name: Option<&serde_json::Value>,
    convert: fn(&str) -> String,
    in_case: fn(&str) -> String,
) -> Result<Ident, NameProblem> {
    let converted = match rust_name {
        None => convert(spec_name),
        Some(value) => {
            let given = value.as_str().ok_or(NameProblem::OverrideNotText)?;
            // Only names `heck` could have produced, so that an override never reaches the
            // names the generated code keeps for itself.
            let wanted = convert(&in_case(given));
            if convert(given) != wanted || given != wanted.trim_start_matches("r#") {
                return Err(NameProblem::OverrideNotInCase {
                    given: given.to_owned(),
                    wanted,
                });
            }
            wanted
        }
    };
    if converted.is_ascii() {
        Ok(Ident::decided(converted))
    } else {
        Err(NameProblem::NotAscii { converted })
    }
}

/// Words that cannot be identifiers even as raw identifiers (`r#self` is not allowed).
const NOT_RAW_ABLE: &[&str] = &["self", "Self", "super", "crate", "extern", "_"];

/// Strict and reserved keywords of Rust 2024, which need `r#` to be used as field names.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop",
    "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "static",
    "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual",
    "where", "while", "yield",
];

/// A type name: `list_function_async_invocations_result` → `ListFunctionAsyncInvocationsResult`.
pub fn type_name(spec_name: &str) -> String {
    let name = spec_name.to_upper_camel_case();
    if name.is_empty() {
        return "Unnamed".to_owned();
    }
    if starts_with_digit(&name) {
        format!("T{name}")
    } else if name == "Self" {
        "SelfType".to_owned()
    } else {
        name
    }
}

/// An enum variant name. Values such as `128` become `V128`.
pub fn variant_name(wire_value: &str) -> String {
    let name = wire_value.to_upper_camel_case();
    if name.is_empty() {
        "Empty".to_owned()
    } else if starts_with_digit(&name) {
        format!("V{name}")
    } else if name == "Self" || name == "Unknown" {
        // `Unknown` is the generated catch-all variant.
        format!("{name}Value")
    } else {
        name
    }
}

/// A field, method or parameter name: `instanceNum` → `instance_num`, `type` → `r#type`,
/// `self` → `self_`, `1st` → `_1st`.
pub fn field_name(spec_name: &str) -> String {
    let name = spec_name.to_snake_case();
    if name.is_empty() {
        return "unnamed".to_owned();
    }
    if starts_with_digit(&name) {
        format!("_{name}")
    } else if NOT_RAW_ABLE.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The constant named after a method: `invoke_function` → `INVOKE_FUNCTION`, `_3d` → `_3D`.
/// Method names are unique snake-case ASCII, which capitals keep unique (no word is split
/// again); constants live in the value namespace, where no type of `models` is; and no keyword
/// is in capitals.
pub fn constant_name(method_name: &str) -> Ident {
    Ident::decided(method_name.to_ascii_uppercase())
}

/// The name sdkgen gives an item of its own invention (`InvokeFunctionRequest`,
/// `x_request_id_header`, `FooBarItem2`), made of names decided here.
pub fn invented(name: String) -> Ident {
    Ident::decided(name)
}

fn starts_with_digit(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_follow_rust_conventions() {
        assert_eq!(field_name("instanceNum"), "instance_num");
        assert_eq!(field_name("Key_encode"), "key_encode");
        assert_eq!(field_name("bind_bridge_funcUrns"), "bind_bridge_func_urns");
        assert_eq!(field_name("X-Cff-Log-Type"), "x_cff_log_type");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("match"), "r#match");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("2fa"), "_2fa");
    }

    #[test]
    fn types_and_variants_are_camel_case_identifiers() {
        assert_eq!(
            type_name("list_function_async_invocations_result"),
            "ListFunctionAsyncInvocationsResult"
        );
        assert_eq!(type_name("3rdParty"), "T3rdParty");
        assert_eq!(variant_name("128"), "V128");
        assert_eq!(variant_name("FunctionGraph"), "FunctionGraph");
        assert_eq!(variant_name("WAIT"), "Wait");
        assert_eq!(variant_name("unknown"), "UnknownValue");
        assert_eq!(variant_name(""), "Empty");
    }

    #[test]
    fn no_spec_name_starts_with_two_underscores() {
        for name in [
            "__handle", "_options", "__", "a__b", "_2fa", "__new", "Send_", "_",
        ] {
            assert!(!field_name(name).starts_with("__"), "{name}");
            assert!(!field_name(name).contains("__"), "{name}");
        }
    }

    #[test]
    fn overrides_must_be_names_heck_would_produce() {
        let given = |text: &str| serde_json::Value::from(text);
        assert_eq!(
            checked_field_name("send", Some(&given("send_now"))).map(String::from),
            Ok("send_now".to_owned())
        );
        assert_eq!(
            checked_field_name("x", Some(&given("type"))).map(String::from),
            Ok("r#type".to_owned())
        );
        assert_eq!(
            checked_field_name("x", Some(&given("__handle"))),
            Err(NameProblem::OverrideNotInCase {
                given: "__handle".to_owned(),
                wanted: "handle".to_owned()
            })
        );
        assert!(checked_field_name("x", Some(&given("sendNow"))).is_err());
        assert_eq!(
            checked_type_name("Error", Some(&given("ServiceFault"))).map(String::from),
            Ok("ServiceFault".to_owned())
        );
        assert!(checked_type_name("Error", Some(&given("service_fault"))).is_err());
        assert!(checked_field_name("x", Some(&serde_json::json!(1))).is_err());
    }

    #[test]
    fn constants_are_the_method_names_in_capitals() {
        assert_eq!(constant_name("invoke_function"), "INVOKE_FUNCTION");
        assert_eq!(constant_name("_3d_model"), "_3D_MODEL");
        assert_ne!(constant_name("a_b1"), constant_name("a_b_1"));
    }

    #[test]
    fn names_must_be_ascii() {
        assert_eq!(
            checked_field_name("获取", None),
            Err(NameProblem::NotAscii {
                converted: "获取".to_owned()
            })
        );
    }
}
