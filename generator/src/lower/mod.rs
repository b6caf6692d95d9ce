//! Step 2: validate the spec and lower it into the neutral model (`crate::ir`).
//!
//! Lowering never stops at the first problem: it records every finding in `Diagnostics` and
//! goes on, so one run reports everything wrong with a spec.

mod docs;
mod examples;
mod imports;
mod media_types;
mod names;
mod operations;
mod resolve;
mod schemas;
mod settings;
mod union_examples;

pub use settings::SettingsOverrides;

use crate::diagnostics::Diagnostics;
use crate::ir::{Api, Model};
use crate::load::LoadedSpec;
use names::{Namespace, invented_candidates};

/// Lowers a parsed spec. Returns the model only when there were no errors; warnings are kept in
/// the diagnostics either way.
pub fn lower(
    spec: &LoadedSpec,
    overrides: &SettingsOverrides,
    spec_name: &str,
) -> (Option<Api>, Diagnostics) {
    // The findings of the raw-YAML checks come first, in document order.
    let mut diagnostics = spec.findings.clone();
    let document = &spec.document;
    let settings = settings::crate_settings(document, overrides, &spec.file, &mut diagnostics);
    let (operations, mut models) = {
        let mut types = schemas::TypeLowering::new(document, &spec.file, &mut diagnostics);
        types.lower_components();
        let operations = operations::lower_operations(document, &spec.file, &mut types);
        (operations, types.into_models())
    };
    models.sort_by(|a, b| a.rust_name().cmp(b.rust_name()));
    let mut operations = operations;
    name_operation_types(&mut operations, &models);
    imports::resolve_imports(&mut operations);
    union_examples::plan_union_examples(&mut models);
    examples::plan_examples(&mut operations, &models);
    let Some(settings) = settings.filter(|_| !diagnostics.has_errors()) else {
        return (None, diagnostics);
    };
    let api = Api {
        settings,
        spec_name: spec_name.to_owned(),
        docs: docs::doc_lines(document.info.description.as_deref()),
        operations,
        models,
    };
    (Some(api), diagnostics)
}

/// The request and output types of each operation live in `operations`, which imports the
/// models, so they take names no model has: they are sdkgen's own names and give way (a schema
/// `InvokeFunctionRequest` keeps its name, and the builder becomes `InvokeFunctionRequest2`).
fn name_operation_types(operations: &mut [crate::ir::Operation], models: &[Model]) {
    let mut types = Namespace::new("Rust type");
    for model in models {
        // Two models of one name were reported where the second was named.
        let subject = format!("the schema at `{}`", model.origin());
        let _ = types.claim(model.rust_name().as_str(), subject);
    }
    for operation in operations {
        operation.builder_name = types.claim_invented(
            invented_candidates(operation.builder_name.as_str(), None),
            "the request builder of an operation",
        );
        operation.output_name = types.claim_invented(
            invented_candidates(operation.output_name.as_str(), None),
            "the output of an operation",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::{SettingsOverrides, generate_from_str};

    const HEADER: &str = "openapi: 3.0.3\ninfo: {title: Demo, version: v1}\nservers: [{url: 'https://demo.{region}.example.com'}]\n";

    fn errors(paths_and_components: &str) -> Vec<String> {
        let text = format!("{HEADER}{paths_and_components}");
        match generate_from_str(&text, "demo.yaml", &SettingsOverrides::default()) {
            Ok(_) => Vec::new(),
            Err(diagnostics) => diagnostics.errors().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn every_error_is_reported_with_its_place() {
        let found = errors(
            "paths:
  /a/{id}:
    get:
      responses: {'200': {description: ok}}
  /b/{name}:
    get:
      operationId: GetB
      parameters:
        - {name: other, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Missing'}
",
        );
        assert_eq!(
            found,
            vec![
                "error: demo.yaml:6:5 at /paths/~1a~1{id}/get: GET /a/{id} has no operationId\n  help: add an operationId; it names the client method and the request and output types",
                "error: demo.yaml:9:5 at /paths/~1b~1{name}/get (operation GetB): path variable `{name}` has no path parameter\n  help: add a parameter with `name: name` and `in: path`",
                "error: demo.yaml:11:7 at /paths/~1b~1{name}/get/parameters (operation GetB): path parameter `other` does not appear in the path `/b/{name}`\n  help: add `{other}` to the path, or make the parameter a query parameter",
                "error: demo.yaml:18:15 at /paths/~1b~1{name}/get/responses/200/content/application~1json/schema (operation GetB): $ref `#/components/schemas/Missing` does not resolve: there is no schema `Missing` under components.schemas\n  help: fix the name in the $ref or add the schema",
            ]
        );
    }

    #[test]
    fn duplicate_operation_ids_name_the_first_place() {
        let found = errors(
            "paths:
  /a:
    get: {operationId: Same, responses: {'200': {description: ok}}}
  /b:
    get: {operationId: Same, responses: {'200': {description: ok}}}
",
        );
        assert_eq!(
            found,
            vec![
                "error: demo.yaml:8:5 at /paths/~1b/get (operation Same): operationId `Same` is already used at /paths/~1a/get\n  help: operationIds must be unique; rename one"
            ]
        );
    }

    #[test]
    fn colliding_property_names_are_rejected_naming_both() {
        let found = errors(
            "paths: {}
components:
  schemas:
    Thing:
      type: object
      properties:
        instanceNum: {type: integer}
        instance_num: {type: integer}
",
        );
        assert_eq!(
            found,
            vec![
                "error: demo.yaml:11:9 at /components/schemas/Thing/properties/instance_num: properties `instanceNum` and `instance_num` both become the Rust field `instance_num`\n  help: rename one of them in the spec, or set `x-rust-name` on one"
            ]
        );
    }
}
