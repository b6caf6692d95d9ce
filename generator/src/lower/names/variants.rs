//! `x-rust-names` on an enum schema: the Rust variant names the maintainer chooses for some of
//! its values (`x-rust-names: {on: OnLower}`). A value has no object of its own to carry an
//! `x-rust-name`, so the enum carries a map from wire value to variant name.

use super::{Ident, NameProblem, checked, variant_name};
use heck::ToUpperCamelCase;

/// The vendor extension on an enum schema that names some of its variants.
pub const RUST_NAMES_EXTENSION: &str = "x-rust-names";

/// An entry of `x-rust-names` that cannot be used.
#[derive(Debug)]
pub struct EntryProblem {
    /// The place of the entry below the enum schema: `["x-rust-names", "z"]`.
    pub pointer_suffix: Vec<String>,
    pub message: String,
    pub hint: String,
}

/// The variant names an enum's `x-rust-names` gives, by wire value.
#[derive(Debug, Default)]
pub struct VariantOverrides<'s> {
    names: Option<&'s serde_json::Map<String, serde_json::Value>>,
}

impl<'s> VariantOverrides<'s> {
    /// Reads the extension of an enum with these values. A value that is not a map, or an entry
    /// that names no value of the enum (a misspelling), is a problem: the pointer below the
    /// schema where it is, a message and a hint. The other entries still count.
    pub fn read(
        extension: Option<&'s serde_json::Value>,
        values: &[&String],
    ) -> (Self, Vec<EntryProblem>) {
        let Some(extension) = extension else {
            return (VariantOverrides::default(), Vec::new());
        };
        let Some(names) = extension.as_object() else {
            let problem = EntryProblem {
                pointer_suffix: vec![RUST_NAMES_EXTENSION.to_owned()],
                message: format!(
                    "`{RUST_NAMES_EXTENSION}` is not a map from enum value to variant name"
                ),
                hint: format!("write `{}`", entry("on", "OnLower")),
            };
            return (VariantOverrides::default(), vec![problem]);
        };
        let problems = names
            .keys()
            .filter(|key| values.iter().all(|value| value != key))
            .map(|key| EntryProblem {
                pointer_suffix: vec![RUST_NAMES_EXTENSION.to_owned(), key.clone()],
                message: format!(
                    "`{RUST_NAMES_EXTENSION}` names `{key}`, which is none of this schema's values"
                ),
                hint: "fix the value (quote it if YAML reads it as a number or a boolean), or drop the entry".to_owned(),
            })
            .collect();
        (VariantOverrides { names: Some(names) }, problems)
    }

    /// The checked variant name of a value: its entry's, else one made from the value.
    pub fn variant_name(&self, wire_value: &str) -> Result<Ident, NameProblem> {
        let given = self.names.and_then(|names| names.get(wire_value));
        checked(wire_value, given, variant_name, |name| {
            name.to_upper_camel_case()
        })
    }
}

/// How to write an entry for `wire_value`, for hints: `x-rust-names: {on: OnLower}`.
pub fn entry(wire_value: &str, variant: &str) -> String {
    format!("{RUST_NAMES_EXTENSION}: {{{wire_value}: {variant}}}")
}

/// The message and the hint for a value whose variant name is not usable.
pub fn describe_problem(problem: &NameProblem, wire_value: &str) -> (String, String) {
    let subject = format!("enum value `{wire_value}`");
    match problem {
        NameProblem::NotAscii { converted } => (
            format!("{subject} becomes the Rust variant `{converted}`, which is not ASCII"),
            format!(
                "name the variant with `{}`; the value on the wire stays",
                entry(wire_value, "Name")
            ),
        ),
        NameProblem::OverrideNotText => (
            format!("the `{RUST_NAMES_EXTENSION}` entry of {subject} is not a string"),
            format!("write `{}`", entry(wire_value, "Name")),
        ),
        NameProblem::OverrideNotInCase { given, wanted } => (
            format!("`{}` is not a Rust variant name", entry(wire_value, given)),
            format!("write `{}`", entry(wire_value, wanted)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_name_variants_and_must_be_in_case() {
        let on = "on".to_owned();
        let big_on = "ON".to_owned();
        let extension = serde_json::json!({"on": "OnLower"});
        let (overrides, problems) = VariantOverrides::read(Some(&extension), &[&big_on, &on]);
        assert!(problems.is_empty());
        assert_eq!(
            overrides.variant_name("ON").map(String::from),
            Ok("On".to_owned())
        );
        assert_eq!(
            overrides.variant_name("on").map(String::from),
            Ok("OnLower".to_owned())
        );
        let extension = serde_json::json!({"on": "Unknown"});
        let (overrides, _) = VariantOverrides::read(Some(&extension), &[&on]);
        assert!(
            overrides.variant_name("on").is_err(),
            "the catch-all variant"
        );
        let extension = serde_json::json!({"of": "Off"});
        let (_, problems) = VariantOverrides::read(Some(&extension), &[&on]);
        assert_eq!(problems[0].pointer_suffix, ["x-rust-names", "of"]);
    }
}
