//! Rust names for spec names: types, fields, variants and modules.

use heck::{ToSnakeCase, ToUpperCamelCase};

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

/// A module (file) name for a type name: `FuncDestinationConfig` → `func_destination_config`.
pub fn module_name(type_name: &str) -> String {
    let name = field_name(type_name);
    // A raw identifier cannot name a file-backed module cleanly; suffix keywords instead.
    match name.strip_prefix("r#") {
        Some(bare) => format!("{bare}_"),
        None => name,
    }
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
    fn modules_never_use_raw_identifiers() {
        assert_eq!(module_name("Type"), "type_");
        assert_eq!(
            module_name("FuncDestinationConfig"),
            "func_destination_config"
        );
    }
}
