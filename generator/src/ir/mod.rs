//! The neutral model the templates render.
//!
//! Lowering (`crate::lower`) decides everything here: Rust names ([`Ident`]), Rust types
//! ([`RustType`]), doc lines and wire names. The templates only walk these structures, so they
//! never need to know OpenAPI, and nothing reads a type or a name back from text.

mod ident;
mod model;
mod operation;
mod output;
mod settings;
mod types;

pub use ident::Ident;
pub use model::{EnumModel, EnumVariant, Model, ModelField, StructModel, UnionModel, UnionVariant};
pub use operation::{
    BodyEncoding, Example, HttpMethod, Input, InputLocation, Operation, Pagination, PathPiece,
    PathValue,
};
pub use output::{DocumentedStatus, Output, OutputBody, ResponseHeader};
pub use settings::{CrateSettings, RegionConstant};
pub use types::{ModelKind, ModelRef, RustType, WithModelPaths};

/// One generated crate: its settings, its operations and its models.
#[derive(Debug, Clone)]
pub struct Api {
    pub settings: CrateSettings,
    /// The spec path as it is named in every file's do-not-edit header.
    pub spec_name: String,
    /// Crate-level documentation, one entry per line.
    pub docs: Vec<String>,
    pub operations: Vec<Operation>,
    pub models: Vec<Model>,
}

impl Api {
    /// The models that `operations.rs` names, in name order, once each.
    pub fn operation_imports(&self) -> Vec<&Ident> {
        let mut names: Vec<&Ident> = self.operations.iter().flat_map(|op| &op.imports).collect();
        names.sort();
        names.dedup();
        names
    }

    /// The models the example program constructs, in name order, once each.
    pub fn example_imports(&self) -> Vec<&Ident> {
        let examples = self.operations.iter().filter_map(|op| op.example.as_ref());
        let mut names: Vec<&Ident> = examples.flat_map(|example| &example.imports).collect();
        names.sort();
        names.dedup();
        names
    }

    /// The operations that have an example, in spec order.
    pub fn operations_with_examples(&self) -> impl Iterator<Item = &Operation> {
        self.operations.iter().filter(|op| op.example.is_some())
    }

    /// The operation the crate docs' quick start calls: the first whose required inputs can all
    /// be written as string literals.
    pub fn quick_start_operation(&self) -> Option<&Operation> {
        self.operations
            .iter()
            .find(|op| op.required_inputs().all(Input::setter_takes_into))
    }
}
