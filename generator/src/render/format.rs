//! Step 4: parse rendered Rust with syn and print it with prettyplease.
//!
//! Parsing proves every generated file is valid Rust before anything is written, and printing
//! gives one consistent layout however the templates are indented.

use crate::diagnostics::Diagnostic;

/// Formats one rendered Rust file. A parse error names the file and the offending line, which
/// always points at a template bug.
/// `label` names the part of the file it is (an operation, a model), or is the path itself.
pub fn format_rust(
    path: &str,
    label: &str,
    source: &str,
    spec_file: &str,
) -> Result<String, Box<Diagnostic>> {
    let parsed = syn::parse_file(source).map_err(|e| -> Box<Diagnostic> {
        let start = e.span().start();
        let line = source.lines().nth(start.line.saturating_sub(1)).unwrap_or_default();
        let place = if label == path {
            path.to_owned()
        } else {
            format!("{path} ({label})")
        };
        Diagnostic::error(
            spec_file,
            "",
            format!(
                "the rendered {place} is not valid Rust: {e} at line {}, column {}: `{}`",
                start.line,
                start.column + 1,
                line.trim()
            ),
        )
        .with_hint("this is a bug in templates/ (or in a name sdkgen derived from the spec); fix the template")
        .into()
    });
    let formatted =
        parsed.map(|file| space_items(&one_entry_per_line(&prettyplease::unparse(&file))));
    // With span locations on, proc-macro2 keeps every parsed file in a per-thread source map
    // that only grows, which makes each parse slower than the last. The spans are not needed
    // past this point.
    proc_macro2::extra::invalidate_current_thread_spans();
    formatted
}

/// The invocation that starts a string enum's entries (see `huaweicloud_sdk_core`'s
/// `string_enum!`); prettyplease fills its body like prose, a person writes one entry per line.
const STRING_ENUM_MACRO: &str = "huaweicloud_sdk_core::__private::string_enum! {";

/// Lays out each `string_enum!` body one `;`-terminated entry per line.
fn one_entry_per_line(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut lines = code.lines();
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        if line.trim_start() != STRING_ENUM_MACRO {
            continue;
        }
        let indent = &line[..line.len() - line.trim_start().len()];
        let mut body = String::new();
        let mut closing = None;
        for inner in lines.by_ref() {
            if inner.trim_start() == "}" && inner.len() - inner.trim_start().len() == indent.len() {
                closing = Some(inner);
                break;
            }
            body.push_str(inner.trim());
            body.push(' ');
        }
        for entry in split_entries(&body) {
            out.push_str(&format!("{indent}    {entry};\n"));
        }
        out.push_str(closing.unwrap_or("}"));
        out.push('\n');
    }
    out
}

/// The `;`-terminated entries of a macro body, `;` inside string literals kept.
fn split_entries(body: &str) -> Vec<String> {
    let mut entries = Vec::new();
    let mut current = String::new();
    let (mut in_string, mut escaped) = (false, false);
    for c in body.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            ';' if !in_string => {
                entries.push(std::mem::take(&mut current).trim().to_owned());
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    entries
}

/// prettyplease prints items back to back. A person separates them with a blank line: after the
/// module docs, after every block item, and between groups of one-line items (`use` lines by
/// origin, `mod` lines, constants).
fn space_items(code: &str) -> String {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    for (index, line) in lines.iter().enumerate() {
        if index > 0 && needs_blank_line(lines[index - 1], line, item_line(&lines[index..])) {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The line that names the item starting at `lines[0]`: past its doc comments and attributes.
fn item_line<'a>(lines: &[&'a str]) -> &'a str {
    let indent = indentation(lines[0]);
    lines
        .iter()
        .find(|l| indentation(l) == indent && !is_attribute_or_doc(l.trim_start()))
        .copied()
        .unwrap_or(lines[0])
}

fn is_attribute_or_doc(text: &str) -> bool {
    text.starts_with("#[") || text.starts_with("///")
}

/// Whether a blank line goes between `previous` and `line`; `item` is the line that names the
/// item `line` begins (itself, unless `line` is a doc comment or attribute).
fn needs_blank_line(previous: &str, line: &str, item: &str) -> bool {
    let (before, text) = (previous.trim_start(), line.trim_start());
    if text.is_empty() || is_attribute_or_doc(before) {
        return false;
    }
    if before.starts_with("//!") {
        return !text.starts_with("//!");
    }
    const ITEM_STARTS: &[&str] = &[
        "///",
        "#[",
        "#![",
        "pub ",
        "pub(",
        "fn ",
        "async fn",
        "impl",
        "const ",
        "static ",
        "mod ",
        "struct ",
        "enum ",
        "trait ",
        "type ",
        "use ",
        STRING_ENUM_MACRO,
    ];
    if indentation(previous) != indentation(line)
        || !ITEM_STARTS.iter().any(|s| text.starts_with(s))
    {
        return false;
    }
    if before == "}" || before == "};" {
        return true;
    }
    match (line_group(before), line_group(item.trim_start())) {
        (Some(a), Some(b)) => a != b,
        (Some(_), None) => true,
        // The last line of a multi-line item at the top level, e.g. a constant's value.
        (None, _) => indentation(line) == 0 && before.ends_with(';'),
    }
}

/// The group of a one-line item, for spacing; `None` for anything else.
fn line_group(text: &str) -> Option<&'static str> {
    const GROUPS: &[(&str, &str)] = &[
        ("#![", "inner attributes"),
        ("mod ", "modules"),
        ("pub mod ", "modules"),
        ("use std::", "std imports"),
        ("use crate::", "local imports"),
        ("use super::", "local imports"),
        ("pub use ", "re-exports"),
        ("use ", "external imports"),
        ("const ", "constants"),
    ];
    GROUPS
        .iter()
        .find(|(start, _)| text.starts_with(start))
        .map(|(_, group)| *group)
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_and_methods_are_separated_by_blank_lines() {
        let formatted = format_rust("x.rs", "x.rs", "//! Docs\nuse a::b;\nconst X: u8 = 1;\nstruct A;\nimpl A {\n    fn a() {}\n    fn b() {}\n}\nfn c() {}", "s.yaml").unwrap();
        assert_eq!(
            formatted,
            "//! Docs\n\nuse a::b;\n\nconst X: u8 = 1;\n\nstruct A;\n\nimpl A {\n    fn a() {}\n    fn b() {}\n}\n\nfn c() {}\n"
        );
    }

    #[test]
    fn one_line_items_are_grouped() {
        let formatted = format_rust(
            "lib.rs",
            "lib.rs",
            "#![forbid(unsafe_code)]\n#[rustfmt::skip]\nmod a;\nmod b;\npub use a::A;\nuse std::sync::Arc;\nuse crate::b::B;",
            "s.yaml",
        )
        .unwrap();
        assert_eq!(
            formatted,
            "#![forbid(unsafe_code)]\n\n#[rustfmt::skip]\nmod a;\nmod b;\n\npub use a::A;\n\nuse std::sync::Arc;\n\nuse crate::b::B;\n"
        );
    }

    #[test]
    fn string_enum_entries_stand_one_per_line() {
        let source = format!(
            "{STRING_ENUM_MACRO} Mode; Fast = \"fast\"; Odd = \"a; \\\"b\\\"\"; Safe = \"safe\"; }}"
        );
        let formatted = format_rust("x.rs", "x.rs", &source, "s.yaml").unwrap();
        assert_eq!(
            formatted,
            format!(
                "{STRING_ENUM_MACRO}\n    Mode;\n    Fast = \"fast\";\n    Odd = \"a; \\\"b\\\"\";\n    Safe = \"safe\";\n}}\n"
            )
        );
    }

    #[test]
    fn invalid_rust_names_the_file_and_line() {
        let err = format_rust("src/x.rs", "X", "fn a() {}\nfn (", "s.yaml").unwrap_err();
        assert!(
            err.message.contains("src/x.rs (X) is not valid Rust"),
            "{err}"
        );
        assert!(err.message.contains("line 2"), "{err}");
    }
}
