//! Errors and warnings that point at a place in the spec and say what to do.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::fmt;
use std::hash::{Hash, Hasher};

/// How bad a finding is. Errors stop generation; warnings are printed and generation goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// One finding about the input, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The spec file, as the user named it.
    pub file: String,
    /// A JSON-pointer-like path inside the spec, e.g. `/paths/~1v2~1{project_id}/get/parameters/0`.
    pub pointer: String,
    /// The operationId the finding belongs to, when there is one.
    pub operation: Option<String>,
    /// Line and column, when the parser gives them.
    pub line_column: Option<(usize, usize)>,
    pub message: String,
    /// What the maintainer can do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(file: &str, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_owned(),
            pointer: pointer.into(),
            operation: None,
            line_column: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(file: &str, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, pointer, message)
        }
    }

    pub fn in_operation(mut self, operation: Option<&str>) -> Self {
        self.operation = operation.map(str::to_owned);
        self
    }

    pub fn at_line_column(mut self, line: usize, column: usize) -> Self {
        self.line_column = Some((line, column));
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.file)?;
        if let Some((line, column)) = self.line_column {
            write!(f, ":{line}:{column}")?;
        }
        if !self.pointer.is_empty() {
            write!(f, " at {}", self.pointer)?;
        }
        if let Some(operation) = &self.operation {
            write!(f, " (operation {operation})")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  help: {hint}")?;
        }
        Ok(())
    }
}

/// Escapes one path segment for a JSON pointer (RFC 6901).
pub fn pointer_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Builds a JSON pointer from segments.
pub fn pointer(segments: &[&str]) -> String {
    segments
        .iter()
        .map(|s| format!("/{}", pointer_segment(s)))
        .collect()
}

/// Everything found while reading a spec. Generation stops when it holds an error.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// The items by the hash of what makes two findings the same (see `push`), so that a
    /// finding is looked for among the few that may equal it rather than among all.
    by_identity: HashMap<u64, Vec<usize>>,
}

impl Diagnostics {
    /// Records a finding, once: the same message at the same place is one finding, however many
    /// ways lowering reached it (a component schema is lowered as a model, and again when it is
    /// an operation's output, which would otherwise report its problems twice).
    pub fn push(&mut self, diagnostic: Diagnostic) {
        let same = self.by_identity.entry(identity(&diagnostic)).or_default();
        let repeated = same.iter().any(|&index| {
            let d = &self.items[index];
            d.severity == diagnostic.severity
                && d.file == diagnostic.file
                && d.pointer == diagnostic.pointer
                && d.message == diagnostic.message
        });
        if !repeated {
            same.push(self.items.len());
            self.items.push(diagnostic);
        }
    }

    /// Whether something was reported at `pointer` or inside it.
    pub fn has_finding_within(&self, pointer: &str) -> bool {
        self.items.iter().any(|d| {
            d.pointer
                .strip_prefix(pointer)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    }

    /// Gives each finding without a position the one `find` gives its pointer. `find` is called
    /// once, with the pointers of all of them, and gives their positions in the same order.
    pub fn locate(&mut self, find: impl FnOnce(&[&str]) -> Vec<Option<(usize, usize)>>) {
        let unplaced: Vec<usize> = (0..self.items.len())
            .filter(|&index| {
                let diagnostic = &self.items[index];
                diagnostic.line_column.is_none() && !diagnostic.pointer.is_empty()
            })
            .collect();
        if unplaced.is_empty() {
            return;
        }
        let places = {
            let pointers: Vec<&str> = unplaced
                .iter()
                .map(|&index| self.items[index].pointer.as_str())
                .collect();
            find(&pointers)
        };
        assert_eq!(places.len(), unplaced.len(), "one position per pointer");
        for (index, place) in unplaced.into_iter().zip(places) {
            self.items[index].line_column = place;
        }
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| !d.is_error())
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// What makes two findings the same finding, hashed.
fn identity(diagnostic: &Diagnostic) -> u64 {
    let mut hasher = DefaultHasher::new();
    (
        diagnostic.severity,
        &diagnostic.file,
        &diagnostic.pointer,
        &diagnostic.message,
    )
        .hash(&mut hasher);
    hasher.finish()
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        let mut diagnostics = Diagnostics::default();
        diagnostics.push(diagnostic);
        diagnostics
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.items {
            writeln!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_slashes_and_tildes() {
        assert_eq!(
            pointer(&["paths", "/v2/{project_id}/x~y", "get"]),
            "/paths/~1v2~1{project_id}~1x~0y/get"
        );
    }

    #[test]
    fn the_same_finding_at_the_same_place_is_kept_once() {
        let mut diagnostics = Diagnostics::default();
        let finding = Diagnostic::error("a.yaml", "/components/schemas/A", "collides");
        diagnostics.push(finding.clone());
        diagnostics.push(finding.clone().in_operation(Some("GetA")));
        diagnostics.push(Diagnostic::warning(
            "a.yaml",
            "/components/schemas/A",
            "collides",
        ));
        diagnostics.push(Diagnostic::error(
            "a.yaml",
            "/components/schemas/B",
            "collides",
        ));
        assert_eq!(diagnostics.iter().count(), 3);
    }

    #[test]
    fn findings_within_a_place_include_its_children_only() {
        let diagnostics = Diagnostics::from(Diagnostic::warning("a.yaml", "/a/type", "bad"));
        assert!(diagnostics.has_finding_within("/a"));
        assert!(diagnostics.has_finding_within("/a/type"));
        assert!(!diagnostics.has_finding_within("/a/t"));
        assert!(!diagnostics.has_finding_within("/b"));
    }

    #[test]
    fn display_names_file_place_operation_and_hint() {
        let d = Diagnostic::error("spec/a.yaml", "/paths/~1x/get", "missing operationId")
            .in_operation(Some("Foo"))
            .at_line_column(3, 5)
            .with_hint("add one");
        assert_eq!(
            d.to_string(),
            "error: spec/a.yaml:3:5 at /paths/~1x/get (operation Foo): missing operationId\n  help: add one"
        );
    }
}
