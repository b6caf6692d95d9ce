//! One Rust namespace (the fields of an output, the methods of a builder, the types of `models`,
//! ...) and who owns each name in it: the generated code itself, or a name from the spec.
//!
//! Spec names are claimed first and never change: two that meet are an error. The names sdkgen
//! invents (an operation's `...Request` and `...Output`, an inline model's `FooBarItem`, the
//! output's `x_request_id`) are claimed afterwards with [`Namespace::claim_invented`], which
//! gives way to whatever is taken by moving to the next of [`invented_candidates`].

use std::collections::HashMap;

use super::{Ident, RUST_NAME_EXTENSION};

/// Who holds a name.
#[derive(Debug, Clone)]
enum Owner {
    /// The generated code defines it itself; the text says what it is for.
    Generated(&'static str),
    /// A spec name, described for messages, e.g. "parameter `send`".
    Spec(String),
}

/// The names taken in one namespace.
#[derive(Debug, Clone)]
pub struct Namespace {
    /// What a name here is, for messages: "request builder method".
    kind: &'static str,
    /// A map, since a spec may put thousands of names in one namespace.
    taken: HashMap<String, Owner>,
}

/// A spec name that lands on a name already taken, as a message and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub message: String,
    pub hint: String,
}

impl Namespace {
    pub fn new(kind: &'static str) -> Self {
        Namespace {
            kind,
            taken: HashMap::new(),
        }
    }

    /// Keeps `name` for the generated code, which uses it for `purpose`.
    pub fn reserve(mut self, name: &str, purpose: &'static str) -> Self {
        self.taken
            .entry(name.to_owned())
            .or_insert(Owner::Generated(purpose));
        self
    }

    /// Whether nobody holds `name` yet.
    pub fn is_free(&self, name: &str) -> bool {
        !self.taken.contains_key(name)
    }

    /// Takes the first free one of `candidates` for a name the generated code invents, for
    /// `purpose`. The candidates never end (see [`invented_candidates`]), so this never fails.
    pub fn claim_invented(
        &mut self,
        mut candidates: impl Iterator<Item = String>,
        purpose: &'static str,
    ) -> Ident {
        let name = candidates
            .find(|candidate| self.is_free(candidate))
            .expect("invented candidates never end");
        self.taken.insert(name.clone(), Owner::Generated(purpose));
        Ident::decided(name)
    }

    /// Takes `name` for `subject`, unless someone has it already.
    pub fn claim(&mut self, name: &str, subject: impl Into<String>) -> Result<(), Clash> {
        let subject = subject.into();
        let Some(owner) = self.taken.get(name) else {
            self.taken.insert(name.to_owned(), Owner::Spec(subject));
            return Ok(());
        };
        let kind = self.kind;
        Err(match owner {
            Owner::Generated(purpose) => Clash {
                message: format!(
                    "{subject} becomes the {kind} `{name}`, which the generated code defines itself ({purpose})"
                ),
                hint: format!(
                    "set `{RUST_NAME_EXTENSION}` on it to choose another Rust name; the name on the wire stays"
                ),
            },
            Owner::Spec(other) => Clash {
                message: format!("{other} and {subject} both become the {kind} `{name}`"),
                hint: format!(
                    "set `{RUST_NAME_EXTENSION}` on one of them, or rename one in the spec"
                ),
            },
        })
    }
}

/// The names sdkgen tries, in order, for a name it invents: `base`, then `alternative` (a name
/// that says what the item is, such as `x_request_id_header`; `base` again when there is none),
/// then the alternative with 2, 3, ... appended. Deterministic, so one spec always gives the
/// same crate.
pub fn invented_candidates(base: &str, alternative: Option<&str>) -> impl Iterator<Item = String> {
    let alternative = alternative.unwrap_or(base).to_owned();
    let first = std::iter::once(base.to_owned());
    let named = std::iter::once(alternative.clone()).filter(move |a| a != base);
    let numbered = (2u32..).map(move |n| format!("{alternative}{n}"));
    first.chain(named).chain(numbered)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invented_names_give_way_to_spec_names() {
        let mut types = Namespace::new("Rust type");
        types
            .claim(
                "InvokeFunctionRequest",
                "the schema `InvokeFunctionRequest`",
            )
            .unwrap();
        types
            .claim(
                "InvokeFunctionRequest2",
                "the schema `InvokeFunctionRequest2`",
            )
            .unwrap();
        let invented = types.claim_invented(
            invented_candidates("InvokeFunctionRequest", None),
            "the request builder of InvokeFunction",
        );
        assert_eq!(invented, "InvokeFunctionRequest3");
        let mut fields = Namespace::new("output field");
        fields
            .claim("x_request_id", "property `x_request_id`")
            .unwrap();
        let invented = fields.claim_invented(
            invented_candidates("x_request_id", Some("x_request_id_header")),
            "the X-Request-Id header",
        );
        assert_eq!(invented, "x_request_id_header");
        assert!(!fields.is_free("x_request_id_header"));
    }

    #[test]
    fn reserved_names_and_earlier_claims_are_named() {
        let mut methods =
            Namespace::new("request builder method").reserve("send", "it sends the request");
        assert_eq!(methods.claim("marker", "parameter `marker`"), Ok(()));
        let clash = methods.claim("send", "parameter `send`").unwrap_err();
        assert_eq!(
            clash.message,
            "parameter `send` becomes the request builder method `send`, which the generated code defines itself (it sends the request)"
        );
        let clash = methods.claim("marker", "parameter `Marker`").unwrap_err();
        assert_eq!(
            clash.message,
            "parameter `marker` and parameter `Marker` both become the request builder method `marker`"
        );
    }
}
