//! One Rust namespace (the fields of an output, the methods of a builder, the types of `models`,
//! ...) and who owns each name in it: the generated code itself, or a name from the spec.

use super::RUST_NAME_EXTENSION;

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
    taken: Vec<(String, Owner)>,
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
            taken: Vec::new(),
        }
    }

    /// Keeps `name` for the generated code, which uses it for `purpose`.
    pub fn reserve(mut self, name: &str, purpose: &'static str) -> Self {
        self.taken
            .push((name.to_owned(), Owner::Generated(purpose)));
        self
    }

    /// Takes `name` for `subject`, unless someone has it already.
    pub fn claim(&mut self, name: &str, subject: impl Into<String>) -> Result<(), Clash> {
        let subject = subject.into();
        let Some((_, owner)) = self.taken.iter().find(|(taken, _)| taken == name) else {
            self.taken.push((name.to_owned(), Owner::Spec(subject)));
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

#[cfg(test)]
mod tests {
    use super::*;

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
