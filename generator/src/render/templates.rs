//! The askama templates under `templates/`, one struct per template.
//!
//! Rust templates minimize whitespace around their tags, so that each tag can stand on a line of
//! its own: prettyplease lays the code out afterwards, and only line breaks matter (they end
//! doc comments). Markdown and TOML keep their whitespace as written.

use askama::Template;

use crate::ir::{Api, EnumModel, Operation, PathValue, StructModel, UnionModel};

#[derive(Template)]
#[template(path = "Cargo.toml.askama", escape = "none")]
pub struct CargoToml<'a> {
    pub api: &'a Api,
    pub header: &'a str,
}

#[derive(Template)]
#[template(path = "lib.rs.askama", escape = "none", whitespace = "minimize")]
pub struct LibRs<'a> {
    pub api: &'a Api,
}

#[derive(Template)]
#[template(path = "client.rs.askama", escape = "none", whitespace = "minimize")]
pub struct ClientRs<'a> {
    pub api: &'a Api,
}

#[derive(Template)]
#[template(path = "models.rs.askama", escape = "none", whitespace = "minimize")]
/// The head of `models.rs`; each model is a part of its own.
pub struct ModelsRs<'a> {
    pub api: &'a Api,
}

#[derive(Template)]
#[template(
    path = "operations.rs.askama",
    escape = "none",
    whitespace = "minimize"
)]
/// The head of `operations.rs`; each operation is a part of its own.
pub struct OperationsRs<'a> {
    pub api: &'a Api,
}

#[derive(Template)]
#[template(
    path = "models/struct.rs.askama",
    escape = "none",
    whitespace = "minimize"
)]
pub struct StructRs<'a> {
    pub model: &'a StructModel,
}

#[derive(Template)]
#[template(
    path = "models/enum.rs.askama",
    escape = "none",
    whitespace = "minimize"
)]
pub struct EnumRs<'a> {
    pub model: &'a EnumModel,
}

#[derive(Template)]
#[template(
    path = "models/union.rs.askama",
    escape = "none",
    whitespace = "minimize"
)]
pub struct UnionRs<'a> {
    pub model: &'a UnionModel,
    pub api: &'a Api,
}

#[derive(Template)]
#[template(
    path = "operations/operation.rs.askama",
    escape = "none",
    whitespace = "minimize"
)]
pub struct OperationRs<'a> {
    pub op: &'a Operation,
}

#[derive(Template)]
#[template(path = "example.rs.askama", escape = "none", whitespace = "minimize")]
pub struct ExampleRs<'a> {
    pub api: &'a Api,
}

#[derive(Template)]
#[template(path = "regions.rs.askama", escape = "none", whitespace = "minimize")]
pub struct RegionsRs<'a> {
    pub api: &'a Api,
}

#[derive(Template)]
#[template(path = "README.md.askama", escape = "none")]
pub struct ReadmeMd<'a> {
    pub api: &'a Api,
    pub header: &'a str,
}
