//! Steps 3 and 4: render the neutral model through the templates, then format every Rust file.
//!
//! The two steps are separate functions so that each can be measured on its own;
//! [`render`] runs both.
//!
//! The crate has one file per role, as google-cloud-rust lays out its generated crates: every
//! model in `models.rs`, every operation in `operations.rs`, one example program. Few files are
//! quick to write, and the crate reads as a whole. A file is rendered in parts (its head, then
//! one part per model or operation), and each part is parsed and laid out on its own, on every
//! core: parsing stays small, whatever the size of the spec.

mod format;
mod parallel;
mod templates;

use askama::Template;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Api, Model};
use format::format_rust;

/// One file of the generated crate: its path relative to the output directory, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// A file as the templates produced it, before formatting: its parts, in order.
#[derive(Debug, Clone)]
pub struct RenderedFile {
    pub path: String,
    pub kind: FileKind,
    pub parts: Vec<RenderedPart>,
}

/// One part of a rendered file: its text, and what it is, for messages.
#[derive(Debug, Clone)]
pub struct RenderedPart {
    pub label: String,
    pub text: String,
}

/// How a rendered file is finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Rendered Rust: each part parsed with syn and printed with prettyplease.
    Rust,
    /// Anything else, e.g. `Cargo.toml`: kept as rendered.
    Other,
}

/// Renders and formats every file, or reports every file that failed.
pub fn render(api: &Api) -> Result<Vec<GeneratedFile>, Diagnostics> {
    format_files(&api.spec_name, render_templates(api)?)
}

/// Step 3: every file of the crate, as its templates render it.
pub fn render_templates(api: &Api) -> Result<Vec<RenderedFile>, Diagnostics> {
    let header = header(&api.spec_name);
    let mut files = Files {
        spec_name: &api.spec_name,
        rendered: Vec::new(),
        diagnostics: Diagnostics::default(),
    };
    let cargo_toml = templates::CargoToml {
        api,
        header: &header,
    };
    files.add("Cargo.toml", FileKind::Other, cargo_toml.render());
    files.add(
        "src/lib.rs",
        FileKind::Rust,
        templates::LibRs { api }.render(),
    );
    files.add(
        "src/client.rs",
        FileKind::Rust,
        templates::ClientRs { api }.render(),
    );
    let readme = templates::ReadmeMd {
        api,
        header: &header,
    };
    files.add("README.md", FileKind::Other, readme.render());
    files.add(
        "src/regions.rs",
        FileKind::Rust,
        templates::RegionsRs { api }.render(),
    );
    let models = api.models.iter().map(|model| {
        let text = match model {
            Model::Struct(model) => templates::StructRs { model }.render(),
            Model::Enum(model) => templates::EnumRs { model }.render(),
            Model::Union(model) => templates::UnionRs { model, api }.render(),
        };
        (model.rust_name().to_string(), text)
    });
    files.add_in_parts(
        "src/models.rs",
        templates::ModelsRs { api }.render(),
        models,
    );
    let operations = api
        .operations
        .iter()
        .map(|op| (op.id.clone(), templates::OperationRs { op }.render()));
    files.add_in_parts(
        "src/operations.rs",
        templates::OperationsRs { api }.render(),
        operations,
    );
    if api.operations_with_examples().next().is_some() {
        let path = format!("examples/{}.rs", api.settings.example_name());
        files.add(&path, FileKind::Rust, templates::ExampleRs { api }.render());
    }
    if files.diagnostics.has_errors() {
        Err(files.diagnostics)
    } else {
        Ok(files.rendered)
    }
}

/// Step 4: parse every Rust part, lay it out, join each file's parts, and put the header on top.
///
/// Parts are independent, so they are formatted on every core, the largest first.
pub fn format_files(
    spec_name: &str,
    rendered: Vec<RenderedFile>,
) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let header = header(spec_name);
    let units: Vec<(&RenderedFile, &RenderedPart)> = rendered
        .iter()
        .flat_map(|file| file.parts.iter().map(move |part| (file, part)))
        .collect();
    let formatted = parallel::map_largest_first(
        &units,
        |(_, part)| part.text.len(),
        |(file, part)| match file.kind {
            FileKind::Other => Ok(part.text.clone()),
            FileKind::Rust => format_rust(&file.path, &part.label, &part.text, spec_name),
        },
    );
    let mut formatted = formatted.into_iter();
    let mut diagnostics = Diagnostics::default();
    let mut files = Vec::with_capacity(rendered.len());
    for file in &rendered {
        let mut contents = match file.kind {
            FileKind::Rust => format!("// {header}\n"),
            FileKind::Other => String::new(),
        };
        for _ in &file.parts {
            match formatted.next().expect("one result per part") {
                Ok(text) => {
                    if file.kind == FileKind::Rust {
                        contents.push('\n');
                    }
                    contents.push_str(&text);
                }
                Err(diagnostic) => diagnostics.push(*diagnostic),
            }
        }
        files.push(GeneratedFile {
            path: file.path.clone(),
            contents,
        });
    }
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok(files)
    }
}

/// The first line of every generated file.
pub fn header(spec_name: &str) -> String {
    format!(
        "@generated by sdkgen from {spec_name}. Do not edit: change the spec or templates/ and run `cargo run -p sdkgen`."
    )
}

/// The rendered files so far, and the templates that failed.
struct Files<'a> {
    spec_name: &'a str,
    rendered: Vec<RenderedFile>,
    diagnostics: Diagnostics,
}

impl Files<'_> {
    /// A file of one part.
    fn add(&mut self, path: &str, kind: FileKind, rendered: askama::Result<String>) {
        let part = self.part(path, path, rendered);
        self.rendered.push(RenderedFile {
            path: path.to_owned(),
            kind,
            parts: part.into_iter().collect(),
        });
    }

    /// A Rust file of a head and one part per item, e.g. per model.
    fn add_in_parts(
        &mut self,
        path: &str,
        head: askama::Result<String>,
        items: impl Iterator<Item = (String, askama::Result<String>)>,
    ) {
        let mut parts: Vec<RenderedPart> = self.part(path, path, head).into_iter().collect();
        for (label, rendered) in items {
            parts.extend(self.part(path, &label, rendered));
        }
        self.rendered.push(RenderedFile {
            path: path.to_owned(),
            kind: FileKind::Rust,
            parts,
        });
    }

    fn part(
        &mut self,
        path: &str,
        label: &str,
        rendered: askama::Result<String>,
    ) -> Option<RenderedPart> {
        match rendered {
            Ok(text) => Some(RenderedPart {
                label: label.to_owned(),
                text,
            }),
            Err(e) => {
                self.diagnostics.push(
                    Diagnostic::error(
                        self.spec_name,
                        "",
                        format!("rendering {path} ({label}) failed: {e}"),
                    )
                    .with_hint("this is a bug in templates/; fix the template"),
                );
                None
            }
        }
    }
}
