//! Operations → `ir::Operation`: inputs, the path, query and headers, the body and the output.

use std::collections::HashMap;

use openapiv3::{
    OpenAPI, Operation as SpecOperation, Parameter, ParameterData, ParameterSchemaOrContent,
    ReferenceOr, Response, Schema, SchemaKind, StatusCode, Type,
};

mod request_body;

use super::docs::doc_lines;
use super::media_types::{is_json, is_text};
use super::names::{
    Ident, NameProblem, Namespace, RUST_NAME_EXTENSION, checked_field_name, constant_name,
    field_name, invented, invented_candidates, type_name,
};
use super::resolve::{Resolved, Unresolved};
use super::schemas::{SchemaPlace, TypeLowering};
use crate::diagnostics::{Diagnostic, pointer, pointer_segment};
use crate::ir::{
    DocumentedStatus, HttpMethod, Input, InputLocation, Operation, Output, OutputBody, Pagination,
    PathPiece, PathValue, ResponseHeader, RustType,
};

/// The vendor extension that marks a path parameter as filled from the client's configuration.
const CLIENT_FIELD_EXTENSION: &str = "x-client-field";
/// The vendor extension that declares how an operation's pages follow each other.
const PAGINATION_EXTENSION: &str = "x-pagination";
/// The vendor extension that leaves an operation out of the crate, with the reason why: for
/// operations whose bodies sdkgen cannot send (multipart, XML, ...).
pub(super) const SKIP_EXTENSION: &str = "x-sdkgen-skip";

/// Lowers every operation under `paths`, in spec order.
pub fn lower_operations<'a>(
    document: &'a OpenAPI,
    file: &'a str,
    types: &mut TypeLowering<'a>,
) -> Vec<Operation> {
    let mut operations = Vec::new();
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut client_methods = Namespace::new("client method")
        .reserve("new", "it makes a client from a configuration")
        .reserve("builder", "it starts configuring a client")
        .reserve(
            "builder_from_env",
            "it starts configuring a client from the environment",
        );
    for (path, item) in &document.paths.paths {
        let item_pointer = pointer(&["paths", path]);
        let ReferenceOr::Item(item) = item else {
            types.diagnostics.push(
                Diagnostic::error(
                    file,
                    item_pointer,
                    "path items given as $ref are not supported",
                )
                .with_hint("write the path item inline"),
            );
            continue;
        };
        for (method, operation) in item.iter() {
            let op_pointer = format!("{item_pointer}/{method}");
            if let Some(reason) = operation.extensions.get(SKIP_EXTENSION) {
                skip(operation, method, path, reason, file, op_pointer, types);
                continue;
            }
            let Some(id) = operation.operation_id.as_deref() else {
                types.diagnostics.push(
                    Diagnostic::error(file, op_pointer, format!("{} {path} has no operationId", method.to_uppercase()))
                        .with_hint("add an operationId; it names the client method and the request and output types"),
                );
                continue;
            };
            if let Some(first) = ids.get(id) {
                types.diagnostics.push(
                    Diagnostic::error(
                        file,
                        op_pointer,
                        format!("operationId `{id}` is already used at {first}"),
                    )
                    .in_operation(Some(id))
                    .with_hint("operationIds must be unique; rename one"),
                );
                continue;
            }
            ids.insert(id.to_owned(), op_pointer.clone());
            let subject = format!("operationId `{id}`");
            let checked = checked_field_name(id, operation.extensions.get(RUST_NAME_EXTENSION));
            let method_name = match checked {
                Ok(name) => name,
                Err(problem) => {
                    let (message, hint) = problem.describe(&subject);
                    types.diagnostics.push(
                        Diagnostic::error(file, op_pointer, message)
                            .in_operation(Some(id))
                            .with_hint(hint),
                    );
                    continue;
                }
            };
            if let Err(clash) = client_methods.claim(method_name.as_str(), subject) {
                types.diagnostics.push(
                    Diagnostic::error(file, op_pointer, clash.message)
                        .in_operation(Some(id))
                        .with_hint(clash.hint),
                );
                continue;
            }
            let context = OperationContext {
                file,
                id,
                // The operation's types are named after its method, so that an `x-rust-name`
                // names them too.
                type_base: type_name(method_name.bare()),
                pointer: op_pointer,
            };
            let inherited = &item.parameters;
            if let Some(lowered) =
                context.lower(method, path, operation, inherited, method_name, types)
            {
                operations.push(lowered);
            }
        }
    }
    operations
}

struct OperationContext<'a> {
    file: &'a str,
    id: &'a str,
    /// The start of the operation's type names: `InvokeFunction` of `InvokeFunctionRequest`.
    type_base: String,
    pointer: String,
}

/// A spec name that became an input of the request, for the checks of its namespaces.
struct InputName {
    rust_name: Ident,
    /// For messages: "parameter `send`", "the request body".
    subject: String,
    pointer: String,
    /// Optional inputs also get a setter method on the builder.
    has_setter: bool,
}

/// A parameter after resolving its `$ref`, with the pointer of its definition.
struct ResolvedParameter<'a> {
    parameter: &'a Parameter,
    pointer: String,
}

impl<'a> OperationContext<'a> {
    fn lower(
        &self,
        method: &str,
        path: &str,
        operation: &'a SpecOperation,
        inherited: &'a [ReferenceOr<Parameter>],
        method_name: Ident,
        types: &mut TypeLowering<'a>,
    ) -> Option<Operation> {
        let errors_before = types.diagnostics.errors().count();
        let http_method = self.http_method(method, types)?;
        let parameters = self.parameters(operation, inherited, types);

        let mut inputs: Vec<Input> = Vec::new();
        let mut path_values: HashMap<String, PathValue> = HashMap::new();

        let mut input_names = Vec::new();
        for resolved in &parameters {
            let data = resolved.parameter.parameter_data_ref();
            let subject = format!("parameter `{}`", data.name);
            let Some(rust_name) = self.rust_name(
                checked_field_name(&data.name, data.extensions.get(RUST_NAME_EXTENSION)),
                &subject,
                &resolved.pointer,
                types,
            ) else {
                continue;
            };
            let place = SchemaPlace::new(
                format!("{}{}", self.type_base, type_name(&data.name)),
                format!("{}/schema", resolved.pointer),
                Some(self.id),
            );
            let mut input_name = InputName {
                rust_name: rust_name.clone(),
                subject,
                pointer: resolved.pointer.clone(),
                has_setter: false,
            };
            match resolved.parameter {
                Parameter::Path { .. } => {
                    if let Some(value) = self.client_field(data, &resolved.pointer, types) {
                        path_values.insert(data.name.clone(), value);
                        continue;
                    }
                    let value_type = self.parameter_type(data, &place, &resolved.pointer, types);
                    // Known to the path even when rejected below, so that its `{variable}` is
                    // not reported as missing too.
                    path_values.insert(
                        data.name.clone(),
                        PathValue::Input {
                            rust_name: rust_name.clone(),
                            wire_name: data.name.clone(),
                        },
                    );
                    if !value_type.is_scalar() {
                        self.error(
                            types,
                            &resolved.pointer,
                            &format!("path parameter `{}` is typed `{value_type}`, which cannot be one path segment", data.name),
                            "type it as a string, number, boolean or enum (a list as one comma-separated string)",
                        );
                        continue;
                    }
                    let location = InputLocation::Path {
                        wire_name: data.name.clone(),
                    };
                    inputs.push(self.input(rust_name, value_type, data, location));
                }
                Parameter::Query { .. } | Parameter::Header { .. } => {
                    let is_header = matches!(resolved.parameter, Parameter::Header { .. });
                    if is_header && is_reserved_header(&data.name) {
                        types.diagnostics.push(
                            Diagnostic::warning(
                                self.file,
                                resolved.pointer.clone(),
                                format!("header parameter `{}` is ignored, as OpenAPI 3.0 requires; the client sets it itself", data.name),
                            )
                            .in_operation(Some(self.id)),
                        );
                        continue;
                    }
                    if is_header && !is_header_name(&data.name) {
                        self.invalid_header_name(types, &resolved.pointer, &data.name);
                        continue;
                    }
                    let value_type = self.parameter_type(data, &place, &resolved.pointer, types);
                    let item_type = value_type.vec_item();
                    if is_header && item_type.is_some() {
                        self.error(
                            types,
                            &resolved.pointer,
                            "array header parameters are not supported",
                            "send the values as one comma-separated string parameter",
                        );
                        continue;
                    }
                    if !item_type.unwrap_or(&value_type).is_scalar() {
                        let (place_name, hint) = if is_header {
                            (
                                "a header",
                                "type it as a string, number, boolean or enum (JSON as a string with `format: json`)",
                            )
                        } else {
                            (
                                "a query string",
                                "type it as a string, number, boolean or enum, or an array of them (JSON as a string with `format: json`)",
                            )
                        };
                        self.error(
                            types,
                            &resolved.pointer,
                            &format!("parameter `{}` is typed `{value_type}`, which sdkgen cannot put in {place_name}", data.name),
                            hint,
                        );
                        continue;
                    }
                    let wire_name = data.name.clone();
                    let location = if is_header {
                        InputLocation::Header { wire_name }
                    } else {
                        InputLocation::Query { wire_name }
                    };
                    input_name.has_setter = !data.required;
                    inputs.push(self.input(rust_name, value_type, data, location));
                }
                Parameter::Cookie { .. } => {
                    self.error(
                        types,
                        &resolved.pointer,
                        "cookie parameters are not supported",
                        "describe the value as a header parameter instead",
                    );
                    continue;
                }
            }
            input_names.push(input_name);
        }

        let path_pieces = self.path_pieces(path, &mut path_values, types);
        let body = self.request_body(operation, types, &mut inputs, &mut input_names);
        let output = self.output(operation, types);
        let errors = self.documented_errors(operation, types);
        self.check_input_names(&input_names, http_method, operation, types);
        if types.diagnostics.errors().count() > errors_before {
            return None;
        }

        let docs = operation_docs(operation, self.id);
        let pagination = self.pagination(operation, &inputs, &output, types);
        Some(Operation {
            id: self.id.to_owned(),
            summary: doc_lines(operation.summary.as_deref()).join(" "),
            info_name: constant_name(method_name.bare()),
            builder_name: invented(format!("{}Request", self.type_base)),
            output_name: invented(format!("{}Output", self.type_base)),
            method_name,
            http_method,
            path_template: path.to_owned(),
            path: path_pieces?,
            docs,
            inputs,
            sends_form: body.sends_form,
            content_type: body.content_type,
            output,
            success_statuses: documented_successes(operation),
            errors,
            imports: Vec::new(),
            example: None,
            pagination,
        })
    }

    fn http_method(&self, method: &str, types: &mut TypeLowering<'a>) -> Option<HttpMethod> {
        Some(match method {
            "get" => HttpMethod::Get,
            "post" => HttpMethod::Post,
            "put" => HttpMethod::Put,
            "patch" => HttpMethod::Patch,
            "delete" => HttpMethod::Delete,
            "head" => HttpMethod::Head,
            "options" => HttpMethod::Options,
            other => {
                self.error(
                    types,
                    &self.pointer,
                    &format!("HTTP method `{other}` is not supported"),
                    "use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS",
                );
                return None;
            }
        })
    }

    /// The path-item parameters, overridden by the operation's own (same name and location).
    fn parameters(
        &self,
        operation: &'a SpecOperation,
        inherited: &'a [ReferenceOr<Parameter>],
        types: &mut TypeLowering<'a>,
    ) -> Vec<ResolvedParameter<'a>> {
        let item_pointer = self
            .pointer
            .rsplit_once('/')
            .map(|(p, _)| p.to_owned())
            .unwrap_or_default();
        let mut resolved: Vec<ResolvedParameter<'a>> = Vec::new();
        let sources = inherited
            .iter()
            .enumerate()
            .map(|(i, p)| (p, format!("{item_pointer}/parameters/{i}")))
            .chain(
                operation
                    .parameters
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p, format!("{}/parameters/{i}", self.pointer))),
            );
        for (parameter, at) in sources {
            let Some(next) = self.resolve_parameter(parameter, &at, types) else {
                continue;
            };
            let key = (
                next.parameter.parameter_data_ref().name.clone(),
                location(next.parameter),
            );
            if let Some(existing) = resolved.iter_mut().find(|r| {
                (
                    r.parameter.parameter_data_ref().name.clone(),
                    location(r.parameter),
                ) == key
            }) {
                *existing = next;
            } else {
                resolved.push(next);
            }
        }
        resolved
    }

    fn resolve_parameter(
        &self,
        parameter: &'a ReferenceOr<Parameter>,
        at: &str,
        types: &mut TypeLowering<'a>,
    ) -> Option<ResolvedParameter<'a>> {
        let resolved = self.resolved(types.resolver.resolve(parameter, at), at, types)?;
        Some(ResolvedParameter {
            parameter: resolved.item,
            pointer: resolved.pointer,
        })
    }

    fn client_field(
        &self,
        data: &ParameterData,
        at: &str,
        types: &mut TypeLowering<'a>,
    ) -> Option<PathValue> {
        let value = data.extensions.get(CLIENT_FIELD_EXTENSION)?;
        if value.as_str() == Some("project_id") {
            return Some(PathValue::ProjectId);
        }
        self.error(
            types,
            at,
            &format!("`{CLIENT_FIELD_EXTENSION}: {value}` is not a client field sdkgen knows"),
            "the only client field is `project_id`",
        );
        None
    }

    fn parameter_type(
        &self,
        data: &'a ParameterData,
        place: &SchemaPlace<'_>,
        at: &str,
        types: &mut TypeLowering<'a>,
    ) -> RustType {
        match &data.format {
            ParameterSchemaOrContent::Schema(schema) => types.schema_type(schema, place, false),
            ParameterSchemaOrContent::Content(_) => {
                self.error(
                    types,
                    at,
                    &format!(
                        "parameter `{}` uses `content`, which is not supported",
                        data.name
                    ),
                    "describe the parameter with `schema`",
                );
                RustType::String
            }
        }
    }

    fn input(
        &self,
        rust_name: Ident,
        value_type: RustType,
        data: &ParameterData,
        location: InputLocation,
    ) -> Input {
        let mut docs = doc_lines(data.description.as_deref());
        if docs.is_empty() {
            docs = doc_lines(Some(&format!("The `{}` parameter.", data.name)));
        }
        Input {
            rust_name,
            value_type,
            // Path parameters are always required (the raw-YAML checks say so).
            required: data.required || matches!(location, InputLocation::Path { .. }),
            docs,
            location,
        }
    }

    /// Splits the path template into literal text and parameters, checking both directions:
    /// every `{variable}` has a path parameter and every path parameter has a `{variable}`.
    fn path_pieces(
        &self,
        path: &str,
        values: &mut HashMap<String, PathValue>,
        types: &mut TypeLowering<'a>,
    ) -> Option<Vec<PathPiece>> {
        let mut pieces = Vec::new();
        let mut rest = path;
        let mut ok = true;
        let mut used = Vec::new();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                self.error(
                    types,
                    &self.pointer,
                    &format!("path `{path}` has an unclosed `{{`"),
                    "close the path variable with `}`",
                );
                return None;
            };
            let name = &rest[open + 1..close];
            let literal = rest[..open].to_owned();
            match values.get(name) {
                Some(value) => pieces.push(PathPiece {
                    literal,
                    param: Some(value.clone()),
                }),
                None => {
                    ok = false;
                    self.error(
                        types,
                        &self.pointer,
                        &format!("path variable `{{{name}}}` has no path parameter"),
                        &format!("add a parameter with `name: {name}` and `in: path`"),
                    );
                }
            }
            used.push(name.to_owned());
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            pieces.push(PathPiece {
                literal: rest.to_owned(),
                param: None,
            });
        }
        let mut unused: Vec<&String> = values.keys().filter(|k| !used.contains(k)).collect();
        unused.sort();
        for name in unused {
            ok = false;
            self.error(
                types,
                &format!("{}/parameters", self.pointer),
                &format!("path parameter `{name}` does not appear in the path `{path}`"),
                &format!("add `{{{name}}}` to the path, or make the parameter a query parameter"),
            );
        }
        ok.then_some(pieces)
    }

    fn output(&self, operation: &'a SpecOperation, types: &mut TypeLowering<'a>) -> Output {
        // The first 2xx code is the success response; a range `2XX` is one when no code is
        // given (OpenAPI 3.0: an explicit code takes precedence over the range).
        let responses = &operation.responses.responses;
        let success = responses
            .iter()
            .find_map(|(code, response)| match code {
                StatusCode::Code(status @ 200..=299) => Some((status.to_string(), response)),
                _ => None,
            })
            .or_else(|| {
                responses.iter().find_map(|(code, response)| match code {
                    StatusCode::Range(2) => Some(("2XX".to_owned(), response)),
                    _ => None,
                })
            });
        let Some((status, response)) = success else {
            return Output {
                status: "200".to_owned(),
                docs: Vec::new(),
                body: OutputBody::Ignored,
                fields: Vec::new(),
                headers: with_request_id_header(Vec::new()),
                raw_body: false,
            };
        };
        let at = format!("{}/responses/{status}", self.pointer);
        let Some(response) = self.resolve_response(response, &at, types) else {
            return Output {
                status,
                docs: Vec::new(),
                body: OutputBody::Ignored,
                fields: Vec::new(),
                headers: with_request_id_header(Vec::new()),
                raw_body: false,
            };
        };
        let output_name = format!("{}Output", self.type_base);
        let (body, fields) = self.output_body(response, &at, &output_name, types);
        let raw_body = self.raw_body(response, &at, &body, &fields, types);
        let headers = self.response_headers(response, &at, types);
        let mut output = Output {
            status,
            docs: doc_lines(Some(&response.description)),
            body,
            fields,
            headers: with_request_id_header(headers),
            raw_body,
        };
        self.name_output_fields(&mut output, &at, types);
        output
    }

    /// The output's fields are its body properties, its headers, and `body` or `raw_body` when
    /// the output has them: one namespace. The spec's names are checked first; then the names
    /// sdkgen invented (`x_request_id`) give way to them (`x_request_id_header`).
    fn name_output_fields(&self, output: &mut Output, at: &str, types: &mut TypeLowering<'a>) {
        let mut names = Namespace::new("output field");
        if output.value_type().is_some() {
            names = names.reserve("body", "it holds the decoded body");
        }
        if output.raw_body {
            names = names.reserve("raw_body", "it holds the body as it was received");
        }
        let properties = output.fields.iter().map(|f| {
            (
                f.rust_name.as_str(),
                format!("property `{}`", f.wire_name),
                at.to_owned(),
            )
        });
        let headers = output
            .headers
            .iter()
            .filter(|h| !h.name_is_invented)
            .map(|h| {
                let pointer = format!("{at}/headers/{}", pointer_segment(&h.wire_name));
                (
                    h.rust_name.as_str(),
                    format!("response header `{}`", h.wire_name),
                    pointer,
                )
            });
        for (rust_name, subject, pointer) in properties.chain(headers) {
            if let Err(clash) = names.claim(rust_name, subject) {
                self.error(types, &pointer, &clash.message, &clash.hint);
            }
        }
        for header in output.headers.iter_mut().filter(|h| h.name_is_invented) {
            let alternative = format!("{}_header", header.rust_name);
            header.rust_name = names.claim_invented(
                invented_candidates(header.rust_name.as_str(), Some(&alternative)),
                "it holds a response header every output has",
            );
        }
    }

    /// Whether the answer may be plain text besides JSON: the output then keeps the raw body.
    /// Its fields must all be optional, since a text answer sets none of them.
    fn raw_body(
        &self,
        response: &Response,
        at: &str,
        body: &OutputBody,
        fields: &[crate::ir::ModelField],
        types: &mut TypeLowering<'a>,
    ) -> bool {
        let has_text = response.content.keys().any(|media| is_text(media));
        if !has_text || *body != OutputBody::Fields {
            return false;
        }
        if fields.iter().any(|f| f.required) {
            self.error(
                types,
                &format!("{at}/content"),
                "a response that may be text must have only optional JSON properties",
                "make the properties optional, or drop the text/* media type",
            );
            return false;
        }
        true
    }

    fn resolve_response(
        &self,
        response: &'a ReferenceOr<Response>,
        at: &str,
        types: &mut TypeLowering<'a>,
    ) -> Option<&'a Response> {
        let resolved = types.resolver.resolve(response, at);
        self.resolved(resolved, at, types).map(|found| found.item)
    }

    fn output_body(
        &self,
        response: &'a Response,
        at: &str,
        output_name: &str,
        types: &mut TypeLowering<'a>,
    ) -> (OutputBody, Vec<crate::ir::ModelField>) {
        let Some((media_type, content)) = response.content.iter().find(|(media, _)| is_json(media))
        else {
            // Not JSON: the body is kept whole, as text when every media type is text, else as
            // bytes, which hold any of them.
            if response.content.is_empty() {
                return (OutputBody::Ignored, Vec::new());
            }
            if response.content.keys().all(|media| is_text(media)) {
                return (OutputBody::Text, Vec::new());
            }
            return (OutputBody::Bytes, Vec::new());
        };
        let Some(schema) = &content.schema else {
            return (OutputBody::Ignored, Vec::new());
        };
        let schema_pointer = format!("{at}/content/{}/schema", pointer_segment(media_type));
        let place = SchemaPlace::new(
            output_name.to_owned(),
            schema_pointer.clone(),
            Some(self.id),
        );
        let Some((resolved, resolved_pointer)) =
            types.resolve_in_place(schema, schema_pointer, &place)
        else {
            return (OutputBody::Ignored, Vec::new());
        };
        if is_object_like(resolved) {
            let shape = types.object_shape(resolved, &resolved_pointer, &place);
            if shape.properties.is_empty() {
                return (OutputBody::Ignored, Vec::new());
            }
            let fields = types.lower_fields(&shape, &place);
            return (OutputBody::Fields, fields);
        }
        let value_type = types.schema_type(schema, &place, false);
        (OutputBody::Value(value_type), Vec::new())
    }

    fn response_headers(
        &self,
        response: &'a Response,
        at: &str,
        types: &mut TypeLowering<'a>,
    ) -> Vec<ResponseHeader> {
        let mut headers = Vec::new();
        for (name, header) in &response.headers {
            let header_at = format!("{at}/headers/{}", pointer_segment(name));
            if !is_header_name(name) {
                self.invalid_header_name(types, &header_at, name);
                continue;
            }
            let resolved = types.resolver.resolve(header, &header_at);
            let Some(Resolved { item: header, .. }) = self.resolved(resolved, &header_at, types)
            else {
                continue;
            };
            let place = SchemaPlace::new(
                format!("{}{}", self.type_base, type_name(name)),
                format!("{header_at}/schema"),
                Some(self.id),
            );
            let Some(rust_name) = self.rust_name(
                checked_field_name(name, header.extensions.get(RUST_NAME_EXTENSION)),
                &format!("response header `{name}`"),
                &header_at,
                types,
            ) else {
                continue;
            };
            let value_type = match &header.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    types.schema_type(schema, &place, false)
                }
                ParameterSchemaOrContent::Content(_) => RustType::String,
            };
            if !value_type.is_scalar() {
                self.error(
                    types,
                    &header_at,
                    &format!("response header `{name}` must be a string, number, boolean or enum"),
                    "type the header as a string",
                );
                continue;
            }
            let mut docs = doc_lines(header.description.as_deref());
            docs.push(String::new());
            docs.extend(doc_lines(Some(&format!(
                "From the `{name}` response header."
            ))));
            // The request id is a field of every output, sdkgen's; listing the header only types
            // it, unless `x-rust-name` names it.
            let name_is_invented = name.eq_ignore_ascii_case(REQUEST_ID_HEADER)
                && header.extensions.get(RUST_NAME_EXTENSION).is_none();
            headers.push(ResponseHeader {
                wire_name: name.clone(),
                rust_name,
                name_is_invented,
                value_type,
                docs: docs.into_iter().skip_while(String::is_empty).collect(),
            });
        }
        headers
    }

    /// Reads `x-pagination: {input, output, items, page_size}` and checks that each names a field
    /// of the right kind: the input and page size optional inputs (the marker a string), the
    /// output and items output fields (the items an array).
    fn pagination(
        &self,
        operation: &SpecOperation,
        inputs: &[Input],
        output: &Output,
        types: &mut TypeLowering<'a>,
    ) -> Option<Pagination> {
        let extension = operation.extensions.get(PAGINATION_EXTENSION)?;
        let at = format!("{}/{PAGINATION_EXTENSION}", self.pointer);
        let name = |key: &str| {
            extension
                .get(key)
                .and_then(serde_json::Value::as_str)
                .map(field_name)
        };
        let input = |field: &Option<String>| {
            inputs
                .iter()
                .find(|f| !f.required && Some(f.rust_name.as_str()) == field.as_deref())
        };
        let output_field = |field: &Option<String>| {
            output
                .fields
                .iter()
                .find(|f| Some(f.rust_name.as_str()) == field.as_deref())
        };
        let (marker, next_marker, items, page_size) = (
            name("input"),
            name("output"),
            name("items"),
            name("page_size"),
        );
        let marker_field = input(&marker).filter(|f| f.value_type == RustType::String);
        let items_field = output_field(&items).filter(|f| f.value_type.vec_item().is_some());
        let problems = [
            (
                marker_field.is_none(),
                "`input` must name an optional string parameter of the operation",
            ),
            (
                output_field(&next_marker).is_none(),
                "`output` must name a property of the success body",
            ),
            (
                items_field.is_none(),
                "`items` must name an array property of the success body",
            ),
            (
                page_size.is_some() && input(&page_size).is_none(),
                "`page_size` must name an optional parameter",
            ),
        ];
        let mut ok = true;
        for (failed, message) in problems {
            if failed {
                ok = false;
                self.error(types, &at, message, "write `x-pagination: {input: marker, output: next_marker, items: invocations, page_size: limit}` with this operation's names");
            }
        }
        let items_field = items_field.filter(|_| ok)?;
        let name_of = |field: Option<&Input>| field.map(|f| f.rust_name.clone());
        let output_name = |field| output_field(field).map(|f| f.rust_name.clone());
        Some(Pagination {
            marker: name_of(marker_field)?,
            next_marker: output_name(&next_marker)?,
            items: items_field.rust_name.clone(),
            item_type: items_field.value_type.vec_item()?.clone(),
            page_size: name_of(input(&page_size)),
        })
    }

    /// Inputs are fields of the builder and arguments of the client method; optional ones
    /// also name a setter, beside the methods every builder has.
    fn check_input_names(
        &self,
        inputs: &[InputName],
        method: HttpMethod,
        operation: &SpecOperation,
        types: &mut TypeLowering<'a>,
    ) {
        let mut fields = Namespace::new("request input");
        let mut methods = Namespace::new("request builder method")
            .reserve("send", "it sends the request")
            .reserve("customize", "it adjusts the call's options");
        if !method.is_idempotent() {
            methods = methods.reserve("retry_as_idempotent", "it lets the client retry the call");
        }
        if operation.extensions.contains_key(PAGINATION_EXTENSION) {
            methods = methods
                .reserve("into_pages", "it streams the pages")
                .reserve("into_items", "it streams the items of every page");
        }
        for input in inputs {
            let clash = fields
                .claim(input.rust_name.as_str(), input.subject.clone())
                .and_then(|()| {
                    if input.has_setter {
                        methods.claim(input.rust_name.as_str(), input.subject.clone())
                    } else {
                        Ok(())
                    }
                });
            if let Err(clash) = clash {
                self.error(types, &input.pointer, &clash.message, &clash.hint);
            }
        }
    }

    /// The checked Rust name, or an error at `at` that says why there is none.
    fn rust_name(
        &self,
        checked: Result<Ident, NameProblem>,
        subject: &str,
        at: &str,
        types: &mut TypeLowering<'a>,
    ) -> Option<Ident> {
        match checked {
            Ok(name) => Some(name),
            Err(problem) => {
                let (message, hint) = problem.describe(subject);
                self.error(types, at, &message, &hint);
                None
            }
        }
    }

    /// The documented error statuses (4xx, 5xx and `default`) with their descriptions, for the
    /// docs of `send`.
    fn documented_errors(
        &self,
        operation: &'a SpecOperation,
        types: &mut TypeLowering<'a>,
    ) -> Vec<DocumentedStatus> {
        let responses = &operation.responses;
        let documented = responses.responses.iter().filter_map(|(code, response)| {
            let status = match code {
                StatusCode::Code(code) if *code >= 400 => code.to_string(),
                StatusCode::Range(range) if *range >= 4 => format!("{range}XX"),
                _ => return None,
            };
            Some((status, response))
        });
        let default = responses.default.iter().map(|d| ("default".to_owned(), d));
        let mut statuses = Vec::new();
        for (status, response) in documented.chain(default) {
            let at = format!("{}/responses/{}", self.pointer, pointer_segment(&status));
            let resolved = types.resolver.resolve(response, &at);
            // Only the status is documented, but a `$ref` that names nothing is still a mistake.
            if self.resolved(resolved, &at, types).is_some() {
                statuses.push(DocumentedStatus { status });
            }
        }
        statuses
    }

    /// The resolved component, or an error at `at` that says why there is none.
    fn resolved<T>(
        &self,
        resolved: Result<Resolved<'a, T>, Unresolved>,
        at: &str,
        types: &mut TypeLowering<'a>,
    ) -> Option<Resolved<'a, T>> {
        resolved
            .map_err(|unresolved| self.error(types, at, &unresolved.message, &unresolved.hint))
            .ok()
    }

    fn invalid_header_name(&self, types: &mut TypeLowering<'a>, at: &str, name: &str) {
        self.error(
            types,
            at,
            &format!("`{name}` is not a valid HTTP header name"),
            "use letters, digits and `!#$%&'*+-.^_`|~` only (an RFC 9110 token)",
        );
    }

    fn error(&self, types: &mut TypeLowering<'a>, at: &str, message: &str, hint: &str) {
        types.diagnostics.push(
            Diagnostic::error(self.file, at.to_owned(), message.to_owned())
                .in_operation(Some(self.id))
                .with_hint(hint),
        );
    }
}

/// Whether `name` is an RFC 9110 token, the only form an HTTP header name may take.
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// The summary as the first paragraph, then the description, unless the description already
/// begins with the summary.
fn operation_docs(operation: &SpecOperation, id: &str) -> Vec<String> {
    let summary = doc_lines(operation.summary.as_deref().or(Some(id)));
    let description = doc_lines(operation.description.as_deref());
    let summary_text = summary.join(" ");
    let repeats_summary = description
        .first()
        .is_some_and(|first| first.starts_with(summary_text.trim_end_matches('.')));
    if description.is_empty() {
        summary
    } else if repeats_summary {
        description
    } else {
        [summary, vec![String::new()], description].concat()
    }
}

const REQUEST_ID_HEADER: &str = "X-Request-Id";

/// Every Huawei Cloud answer carries `X-Request-Id`, the id support asks for, so every output
/// exposes it, whether or not the spec lists the header.
fn with_request_id_header(mut headers: Vec<ResponseHeader>) -> Vec<ResponseHeader> {
    if !headers
        .iter()
        .any(|h| h.wire_name.eq_ignore_ascii_case(REQUEST_ID_HEADER))
    {
        headers.push(ResponseHeader {
            wire_name: REQUEST_ID_HEADER.to_owned(),
            rust_name: invented("x_request_id".to_owned()),
            name_is_invented: true,
            value_type: RustType::String,
            docs: vec![
                "The id of this request at Huawei Cloud, to quote to support.".to_owned(),
                String::new(),
                "From the `X-Request-Id` response header.".to_owned(),
            ],
        });
    }
    headers
}

fn location(parameter: &Parameter) -> &'static str {
    match parameter {
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Path { .. } => "path",
        Parameter::Cookie { .. } => "cookie",
    }
}

/// OpenAPI 3.0 §4.7.12.1: header parameters with these names are ignored.
fn is_reserved_header(name: &str) -> bool {
    ["accept", "content-type", "authorization"].contains(&name.to_ascii_lowercase().as_str())
}

pub(super) fn is_object_like(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => {
            object.additional_properties.is_none() || !object.properties.is_empty()
        }
        SchemaKind::AllOf { .. } => true,
        SchemaKind::Any(any) => !any.properties.is_empty() || !any.all_of.is_empty(),
        _ => false,
    }
}

/// The 2xx statuses the spec documents, for the runtime to tell a success from an unexpected
/// answer (a redirect, an undocumented 2xx). Empty when a `2XX` range is documented, or no
/// 2xx at all: the runtime then takes any 2xx for a success.
fn documented_successes(operation: &SpecOperation) -> Vec<u16> {
    let responses = &operation.responses.responses;
    if responses.contains_key(&StatusCode::Range(2)) {
        return Vec::new();
    }
    let mut statuses: Vec<u16> = responses
        .keys()
        .filter_map(|code| match code {
            StatusCode::Code(status @ 200..=299) => Some(*status),
            _ => None,
        })
        .collect();
    statuses.sort_unstable();
    statuses
}

/// Leaves out an operation marked `x-sdkgen-skip: "reason"`, with a warning that names it and
/// says why; a mark without a reason is an error, so that every gap in a crate is explained.
fn skip(
    operation: &SpecOperation,
    method: &str,
    path: &str,
    reason: &serde_json::Value,
    file: &str,
    at: String,
    types: &mut TypeLowering<'_>,
) {
    let name = match &operation.operation_id {
        Some(id) => format!("operation `{id}` ({} {path})", method.to_uppercase()),
        None => format!("operation {} {path}", method.to_uppercase()),
    };
    let at = format!("{at}/{SKIP_EXTENSION}");
    let diagnostic = match reason.as_str().map(str::trim) {
        Some(reason) if !reason.is_empty() => Diagnostic::warning(
            file,
            at,
            format!("{name} is left out of the crate ({SKIP_EXTENSION}): {reason}"),
        ),
        _ => Diagnostic::error(
            file,
            at,
            format!("`{SKIP_EXTENSION}` of {name} must be a non-empty string: the reason the operation is left out"),
        )
        .with_hint(format!("write `{SKIP_EXTENSION}: \"multipart bodies are not supported yet\"`")),
    };
    types
        .diagnostics
        .push(diagnostic.in_operation(operation.operation_id.as_deref()));
}
