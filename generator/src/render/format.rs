//! Step 4: parse rendered Rust with syn and print it with prettyplease.
//!
//! Parsing proves every generated file is valid Rust before anything is written, and printing
//! gives one consistent layout however the templates are indented.

use crate::diagnostics::Diagnostic;

/// Formats one rendered Rust file. A parse error names the file and the offending line, which
/// always points at a template bug.
pub fn format_rust(path: &str, source: &str, spec_file: &str) -> Result<String, Box<Diagnostic>> {
    let file = syn::parse_file(source).map_err(|e| -> Box<Diagnostic> {
        let start = e.span().start();
        let line = source.lines().nth(start.line.saturating_sub(1)).unwrap_or_default();
        Diagnostic::error(
            spec_file,
            "",
            format!(
                "the rendered {path} is not valid Rust: {e} at line {}, column {}: `{}`",
                start.line,
                start.column + 1,
                line.trim()
            ),
        )
        .with_hint("this is a bug in templates/ (or in a name sdkgen derived from the spec); fix the template")
        .into()
    })?;
    Ok(space_items(&prettyplease::unparse(&file)))
}

/// prettyplease prints items back to back. A person separates them with a blank line: after the
/// module docs, after the `use` block, and between items and between methods.
fn space_items(code: &str) -> String {
    const ITEM_STARTS: &[&str] = &[
        "///", "#[", "pub ", "pub(", "fn ", "async fn", "impl", "const ", "static ", "mod ",
        "struct ", "enum ", "trait ", "type ", "use ",
    ];
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut previous: Option<&str> = None;
    for line in code.lines() {
        if let Some(prev) = previous {
            let indent = indentation(line);
            let text = line.trim_start();
            let prev_text = prev.trim_start();
            let starts_item = ITEM_STARTS.iter().any(|start| text.starts_with(start));
            let same_level = indentation(prev) == indent;
            let after_block = same_level && (prev_text == "}" || prev_text == "};");
            let after_module_docs = prev_text.starts_with("//!") && !text.starts_with("//!");
            let after_uses =
                same_level && prev_text.starts_with("use ") && !text.starts_with("use ");
            let after_const =
                same_level && prev_text.starts_with("const ") && prev_text.ends_with(';');
            if !text.is_empty()
                && (after_module_docs
                    || (starts_item && (after_block || after_uses || after_const)))
            {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_and_methods_are_separated_by_blank_lines() {
        let formatted = format_rust("x.rs", "//! Docs\nuse a::b;\nconst X: u8 = 1;\nstruct A;\nimpl A {\n    fn a() {}\n    fn b() {}\n}\nfn c() {}", "s.yaml").unwrap();
        assert_eq!(
            formatted,
            "//! Docs\n\nuse a::b;\n\nconst X: u8 = 1;\n\nstruct A;\nimpl A {\n    fn a() {}\n    fn b() {}\n}\n\nfn c() {}\n"
        );
    }

    #[test]
    fn invalid_rust_names_the_file_and_line() {
        let err = format_rust("src/x.rs", "fn a() {}\nfn (", "s.yaml").unwrap_err();
        assert!(err.message.contains("src/x.rs is not valid Rust"), "{err}");
        assert!(err.message.contains("line 2"), "{err}");
    }
}
