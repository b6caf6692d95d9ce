//! Rust identifiers, as lowering decided them.

use std::fmt;

/// A Rust name that `lower::names` decided and checked: ASCII, and a raw identifier (`r#type`)
/// where the word is a keyword. Nothing else makes one, so an `Ident` in the model is always a
/// name the generated code can use as it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ident(String);

impl Ident {
    /// Wraps a name that `lower::names` has decided. Only that module calls this.
    pub(crate) fn decided(name: String) -> Self {
        Ident(name)
    }

    /// The name as code writes it, e.g. `r#type`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name without its raw-identifier prefix, e.g. `type`: for file names, labels and the
    /// names built from it (`with_type`).
    pub fn bare(&self) -> &str {
        self.0.strip_prefix("r#").unwrap_or(&self.0)
    }

    /// The bare name as a Rust string literal, e.g. `"type"`.
    pub fn bare_literal(&self) -> String {
        format!("{:?}", self.bare())
    }
}

impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Ident> for String {
    fn from(ident: Ident) -> String {
        ident.0
    }
}

impl PartialEq<str> for Ident {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Ident {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}
