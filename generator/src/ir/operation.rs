//! One API operation: its inputs and where each goes on the wire, its path, its output.

use super::{DocumentedStatus, Ident, Output, RustType};

/// One API operation, e.g. `InvokeFunction`.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The operationId as the spec spells it, e.g. `InvokeFunction`.
    pub id: String,
    /// One line: the spec's summary, else the operationId.
    pub summary: String,
    /// The client method, e.g. `invoke_function`.
    pub method_name: Ident,
    /// The constant that describes the operation to the runtime, e.g. `INVOKE_FUNCTION`.
    pub info_name: Ident,
    /// The fluent builder type, e.g. `InvokeFunctionRequest`.
    pub builder_name: Ident,
    /// The success output type, e.g. `InvokeFunctionOutput`.
    pub output_name: Ident,
    pub http_method: HttpMethod,
    /// The path template as written in the spec, for docs.
    pub path_template: String,
    pub path: Vec<PathPiece>,
    pub docs: Vec<String>,
    /// Every input, in the spec's order: the parameters, then the body or the form's fields.
    /// Required ones are arguments of the client method; optional ones have a setter.
    pub inputs: Vec<Input>,
    /// Whether the body is an `application/x-www-form-urlencoded` form of the `FormField`
    /// inputs (which may be none: the body is then empty).
    pub sends_form: bool,
    /// The `Content-Type` every request of the operation carries: the body's media type, or
    /// `application/json` for a JSON body and for none, as the official SDK sends it.
    pub content_type: String,
    pub output: Output,
    /// Documented success statuses (2xx), which the runtime alone counts as successes; empty
    /// when the spec documents the range `2XX` or no 2xx at all.
    pub success_statuses: Vec<u16>,
    /// Documented error statuses, for docs.
    pub errors: Vec<DocumentedStatus>,
    /// Models its builder and output name, for the `use` line of `operations.rs`.
    pub imports: Vec<Ident>,
    /// The example program, when every required input can come from the command line.
    pub example: Option<Example>,
    /// How pages follow each other, from `x-pagination`.
    pub pagination: Option<Pagination>,
}

impl Operation {
    /// The inputs the caller must give to the client method, in order.
    pub fn required_inputs(&self) -> impl Iterator<Item = &Input> {
        self.inputs.iter().filter(|input| input.required)
    }
    /// The inputs set through the fluent builder.
    pub fn optional_inputs(&self) -> impl Iterator<Item = &Input> {
        self.inputs.iter().filter(|input| !input.required)
    }
    /// The query parameters, in order.
    pub fn query(&self) -> impl Iterator<Item = &Input> {
        self.located(|location| matches!(location, InputLocation::Query { .. }))
    }
    /// The header parameters, in order.
    pub fn headers(&self) -> impl Iterator<Item = &Input> {
        self.located(|location| matches!(location, InputLocation::Header { .. }))
    }
    /// The fields of a form body, in order.
    pub fn form_fields(&self) -> impl Iterator<Item = &Input> {
        self.located(|location| matches!(location, InputLocation::FormField { .. }))
    }
    /// The input that holds the whole body (JSON, bytes or text).
    pub fn body_input(&self) -> Option<&Input> {
        self.inputs
            .iter()
            .find(|input| input.body_encoding().is_some())
    }

    fn located(&self, wanted: fn(&InputLocation) -> bool) -> impl Iterator<Item = &Input> {
        self.inputs
            .iter()
            .filter(move |input| wanted(&input.location))
    }

    /// Whether the path holds the client's project id, which the runtime gives the request.
    pub fn uses_project_id(&self) -> bool {
        self.path
            .iter()
            .any(|piece| matches!(piece.param, Some(PathValue::ProjectId)))
    }

    pub fn has_query(&self) -> bool {
        self.query().next().is_some()
    }
    pub fn has_headers(&self) -> bool {
        self.headers().next().is_some()
    }
    pub fn has_form_fields(&self) -> bool {
        self.form_fields().next().is_some()
    }
    pub fn query_count(&self) -> usize {
        self.query().count()
    }
    pub fn header_count(&self) -> usize {
        self.headers().count()
    }
    pub fn form_field_count(&self) -> usize {
        self.form_fields().count()
    }

    /// Whether every query parameter is sent, once: the list is then written as one `vec![...]`,
    /// as clippy asks (`vec_init_then_push`).
    pub fn query_is_fixed(&self) -> bool {
        self.query().all(Input::is_sent_once)
    }

    /// Whether every header is sent, once; see [`Operation::query_is_fixed`].
    pub fn headers_are_fixed(&self) -> bool {
        self.headers().all(Input::is_sent_once)
    }

    /// Whether every form field is sent, once; see [`Operation::query_is_fixed`].
    pub fn form_is_fixed(&self) -> bool {
        self.form_fields().all(Input::is_sent_once)
    }

    /// The content type as a Rust string literal.
    pub fn content_type_literal(&self) -> String {
        format!("{:?}", self.content_type)
    }

    /// Clippy asks for fewer than eight arguments; a constructor mirrors the spec instead.
    pub fn has_many_inputs(&self) -> bool {
        self.required_inputs().count() > 6
    }

    /// The client method's arguments as placeholder string literals named after the inputs, for
    /// doc examples: `"function_urn", "request_id"`.
    pub fn placeholder_arguments(&self) -> String {
        let literals: Vec<String> = self
            .required_inputs()
            .map(|f| f.rust_name.bare_literal())
            .collect();
        literals.join(", ")
    }

    /// The error statuses the spec documents, as a note for the docs of `send`:
    /// ` (documented: 400, 404)`, or nothing.
    pub fn documented_errors_note(&self) -> String {
        if self.errors.is_empty() {
            return String::new();
        }
        let statuses: Vec<&str> = self.errors.iter().map(|e| e.status.as_str()).collect();
        format!(" (documented: {})", statuses.join(", "))
    }

    /// What counts as a success, for the docs of `send`.
    pub fn success_description(&self) -> String {
        if self.success_statuses.is_empty() {
            return "a 2xx success".to_owned();
        }
        let statuses: Vec<String> = self.success_statuses.iter().map(u16::to_string).collect();
        format!("the documented success {}", statuses.join(" "))
    }
}

/// One input of an operation: a parameter, the body, or a field of a form body.
#[derive(Debug, Clone)]
pub struct Input {
    /// The builder field that holds it, the argument or setter that takes it.
    pub rust_name: Ident,
    /// The type of the value the caller gives, e.g. `String` or `LogType`.
    pub value_type: RustType,
    pub required: bool,
    pub docs: Vec<String>,
    /// Where the value goes in the request.
    pub location: InputLocation,
}

/// Where an input goes in the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputLocation {
    /// One segment of the path.
    Path {
        wire_name: String,
    },
    /// A query parameter; a list repeats the key once per item.
    Query {
        wire_name: String,
    },
    Header {
        wire_name: String,
    },
    /// The whole body.
    Body {
        encoding: BodyEncoding,
        /// The spec's example, as JSON text, when the body is free-form JSON.
        json_example: Option<String>,
    },
    /// One `key=value` pair of a form body.
    FormField {
        wire_name: String,
    },
}

/// How the body input becomes the bytes sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyEncoding {
    /// Serialized as the official SDK writes JSON.
    Json,
    /// `bytes::Bytes`, sent as it is.
    Bytes,
    /// A `String`, sent as its UTF-8 bytes.
    Text,
}

impl Input {
    /// The name on the wire: of the path variable, query parameter, header or form field.
    pub fn wire_name(&self) -> &str {
        match &self.location {
            InputLocation::Path { wire_name }
            | InputLocation::Query { wire_name }
            | InputLocation::Header { wire_name }
            | InputLocation::FormField { wire_name } => wire_name,
            InputLocation::Body { .. } => "body",
        }
    }
    pub fn wire_literal(&self) -> String {
        format!("{:?}", self.wire_name())
    }
    /// Whether a setter (or the client method) takes `impl Into<value_type>`.
    pub fn setter_takes_into(&self) -> bool {
        self.value_type.takes_into()
    }
    /// The type the builder holds the value as. A JSON body is encoded when it is set, and a
    /// text body is kept as bytes, so that sending (or cloning the builder, as pagination does)
    /// never copies the caller's value.
    pub fn stored_type(&self) -> String {
        match self.body_encoding() {
            Some(BodyEncoding::Json) => JSON_BODY.to_owned(),
            Some(BodyEncoding::Text) => RustType::Bytes.to_string(),
            _ => self.value_type.to_string(),
        }
    }
    /// The type a setter of the builder takes: `impl Into<String>` or `Vec<String>`; for a
    /// JSON body, any `Serialize` value when the spec leaves its shape open, else its model,
    /// given or lent.
    pub fn setter_type(&self) -> String {
        self.parameter_type(&self.value_type)
    }
    /// The type the client method takes, with models by path (`client.rs` imports none).
    pub fn argument_type(&self) -> String {
        self.parameter_type(&self.value_type.with_model_paths())
    }
    fn parameter_type(&self, value_type: &dyn std::fmt::Display) -> String {
        match self.body_encoding() {
            Some(BodyEncoding::Json) if self.value_type == RustType::JsonValue => {
                "impl serde::Serialize".to_owned()
            }
            // By path, as the client method names it: the operation's file then needs no
            // import for a model that only the body holds.
            Some(BodyEncoding::Json) => format!(
                "impl std::borrow::Borrow<{}>",
                self.value_type.with_model_paths()
            ),
            _ => into_or_type(self.setter_takes_into(), value_type),
        }
    }
    /// The value a setter or the client method stores, from the parameter `name`: e.g.
    /// `name.into()`, `name`, or the body encoded.
    pub fn stored_value(&self, name: &str) -> String {
        match self.body_encoding() {
            Some(BodyEncoding::Json) if self.value_type == RustType::JsonValue => {
                format!("{JSON_BODY}::encode(&{name})")
            }
            Some(BodyEncoding::Json) => format!(
                "{JSON_BODY}::of_model::<{}>({name})",
                self.value_type.with_model_paths()
            ),
            Some(BodyEncoding::Text) => {
                format!("bytes::Bytes::from(Into::<String>::into({name}))")
            }
            _ => into_or_value(self.setter_takes_into(), name),
        }
    }
    /// A query list, whose key repeats once per item.
    pub fn is_repeated(&self) -> bool {
        matches!(self.location, InputLocation::Query { .. }) && self.value_type.vec_item().is_some()
    }
    /// Required and not a list: its one pair is always sent.
    pub fn is_sent_once(&self) -> bool {
        self.required && !self.is_repeated()
    }
    pub fn body_encoding(&self) -> Option<BodyEncoding> {
        match &self.location {
            InputLocation::Body { encoding, .. } => Some(*encoding),
            _ => None,
        }
    }
    pub fn is_json_body(&self) -> bool {
        self.body_encoding() == Some(BodyEncoding::Json)
    }
    pub fn json_example(&self) -> Option<&str> {
        match &self.location {
            InputLocation::Body { json_example, .. } => json_example.as_deref(),
            _ => None,
        }
    }
}

/// The runtime's encoded JSON body, by the path that `operations.rs` and `client.rs` import.
const JSON_BODY: &str = "__core::JsonBody";

/// `impl Into<T>` or `T`: the type of a parameter that takes `T`.
pub(super) fn into_or_type(takes_into: bool, value_type: &dyn std::fmt::Display) -> String {
    if takes_into {
        format!("impl Into<{value_type}>")
    } else {
        value_type.to_string()
    }
}

/// `name.into()` or `name`: the stored value of a parameter of [`into_or_type`].
pub(super) fn into_or_value(takes_into: bool, name: &str) -> String {
    if takes_into {
        format!("{name}.into()")
    } else {
        name.to_owned()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
}

impl HttpMethod {
    /// The `reqwest::Method` constant name.
    pub fn constant(&self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
        }
    }

    /// Whether repeating the request cannot change the server's state twice (RFC 9110 §9.2.2).
    pub fn is_idempotent(&self) -> bool {
        !matches!(self, HttpMethod::Post | HttpMethod::Patch)
    }
}

/// A piece of the request path: literal text, or the value of a parameter.
#[derive(Debug, Clone)]
pub struct PathPiece {
    /// Literal text that precedes the parameter (may be empty).
    pub literal: String,
    pub param: Option<PathValue>,
}

impl PathPiece {
    /// The call that appends the literal text to the path: `push('/')` for one character, as
    /// clippy wants, else `push_str("...")`.
    pub fn push_literal(&self) -> String {
        let mut chars = self.literal.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => format!("push({c:?})"),
            _ => format!("push_str({:?})", self.literal),
        }
    }
}

/// Where a path parameter's value comes from.
#[derive(Debug, Clone)]
pub enum PathValue {
    /// A required input of the operation.
    Input { rust_name: Ident, wire_name: String },
    /// The client's configured project id (`x-client-field: project_id`).
    ProjectId,
}

/// A paginated operation (`x-pagination`): the request field that selects the page, the output
/// field that names the next one, and the items.
#[derive(Debug, Clone)]
pub struct Pagination {
    /// The optional builder field of the marker, e.g. `marker`.
    pub marker: Ident,
    /// The output field with the next marker, e.g. `next_marker`.
    pub next_marker: Ident,
    /// The output field with the page's items, e.g. `invocations`.
    pub items: Ident,
    /// The type of one item.
    pub item_type: RustType,
    /// The optional builder field of the page size, e.g. `limit`.
    pub page_size: Option<Ident>,
}

impl Pagination {
    /// When the stream of pages ends, for its docs.
    pub fn last_page(&self) -> String {
        match &self.page_size {
            Some(size) => format!("names no next marker, is empty or is shorter than `{size}`"),
            None => "names no next marker or is empty".to_owned(),
        }
    }
    /// The page size the request asked for, as an `Option<String>` expression over `next`.
    pub fn page_size_expression(&self) -> String {
        match &self.page_size {
            Some(size) => format!("next.{size}.as_ref().map(ToString::to_string)"),
            None => "None".to_owned(),
        }
    }
}

/// A runnable example program for an operation: its command-line arguments and the call.
#[derive(Debug, Clone)]
pub struct Example {
    /// The command-line arguments, in order, as Rust variable names.
    pub args: Vec<Ident>,
    /// The arguments of the client method, as Rust expressions over `args`.
    pub call_args: Vec<String>,
    /// The spec's example body as a Rust raw string literal of pretty JSON.
    pub json_body_literal: Option<String>,
    /// The models the call constructs, for the `use` line.
    pub imports: Vec<Ident>,
}

impl Example {
    /// The name of the example function's argument iterator: `_args` when it takes none, which
    /// would otherwise be an unused variable.
    pub fn args_parameter(&self) -> &'static str {
        if self.args.is_empty() {
            "_args"
        } else {
            "args"
        }
    }

    /// `<function_urn> <request_id>`, for the usage line.
    pub fn usage_args(&self) -> String {
        let labels = self.args.iter().map(|a| format!("<{}>", a.bare()));
        labels.collect::<Vec<_>>().join(" ")
    }
}
