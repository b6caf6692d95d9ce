//! Doc comments from spec descriptions, made safe for rustdoc.
//!
//! Spec text is prose written for a web page. Rustdoc would read some of it as Markdown with a
//! meaning nobody intended: indented lines become Rust doctests, `[x]` becomes a broken link,
//! `<tag>` becomes unclosed HTML, and bare URLs raise a lint. Each line is adjusted so the
//! generated crate documents cleanly under `-D warnings`.

/// Splits a description into doc lines. Empty input gives no lines.
pub fn doc_lines(text: Option<&str>) -> Vec<String> {
    let Some(text) = text else {
        return Vec::new();
    };
    let mut lines: Vec<String> = Vec::new();
    let mut in_fence = false;
    for raw in text.lines() {
        let line = raw.trim();
        if let Some(rest) = line.strip_prefix("```") {
            // Code fences in spec text are never Rust; label them so rustdoc does not test them.
            if in_fence {
                lines.push("```".to_owned());
            } else {
                let lang = if rest.trim().is_empty() {
                    "text"
                } else {
                    rest.trim()
                };
                lines.push(format!("```{lang}"));
            }
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            lines.push(line.to_owned());
        } else {
            lines.push(escape_markdown(line));
        }
    }
    if in_fence {
        lines.push("```".to_owned());
    }
    // Drop leading and trailing blank lines.
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let first = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    lines.drain(..first);
    lines
}

fn escape_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in split_keep_spaces(line) {
        if is_url(word) {
            out.push('<');
            out.push_str(word.trim_end_matches(['.', ',', ')', ';']));
            out.push('>');
            out.push_str(&word[word.trim_end_matches(['.', ',', ')', ';']).len()..]);
            continue;
        }
        for c in word.chars() {
            match c {
                '[' | ']' | '<' | '>' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
    }
    out
}

fn is_url(word: &str) -> bool {
    word.starts_with("http://") || word.starts_with("https://")
}

/// Splits into words and the spaces between them, so that joining gives the line back.
fn split_keep_spaces(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut in_space = None;
    for (i, c) in line.char_indices() {
        let space = c.is_whitespace();
        if in_space != Some(space) {
            if i > start {
                parts.push(&line[start..i]);
            }
            start = i;
            in_space = Some(space);
        }
    }
    if start < line.len() {
        parts.push(&line[start..]);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indented_lines_do_not_become_doctests() {
        assert_eq!(doc_lines(Some("a\n    b")), vec!["a", "b"]);
    }

    #[test]
    fn brackets_html_and_urls_are_escaped() {
        assert_eq!(
            doc_lines(Some("see [x] <b> at https://example.com/a.")),
            vec![r"see \[x\] \<b\> at <https://example.com/a>."]
        );
    }

    #[test]
    fn fences_are_labelled_and_closed() {
        assert_eq!(
            doc_lines(Some("```\n{\"a\": 1}")),
            vec!["```text", "{\"a\": 1}", "```"]
        );
    }

    #[test]
    fn non_ascii_is_kept() {
        assert_eq!(
            doc_lines(Some("  异步执行函数  \n\n")),
            vec!["异步执行函数"]
        );
    }
}
