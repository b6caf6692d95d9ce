//! The neutral model the templates render.
//!
//! Lowering (`crate::lower`) decides everything here: Rust names, Rust types, doc lines and wire
//! names. The templates only walk these structures, so they never need to know OpenAPI.

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
    /// The operation the crate docs' quick start calls: the first whose required inputs can all
    /// be written as string literals.
    pub fn quick_start_operation(&self) -> Option<&Operation> {
        self.operations
            .iter()
            .find(|op| op.required_inputs.iter().all(|f| f.setter_takes_into))
    }
}

/// Package metadata of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateSettings {
    /// The Cargo package name, e.g. `huaweicloud-sdk-functiongraph`.
    pub crate_name: String,
    pub crate_version: String,
    /// The service's short name, used in the User-Agent and in tracing, e.g. `functiongraph`.
    pub service: String,
    /// The service title from `info.title`, e.g. `FunctionGraph`.
    pub title: String,
    /// The endpoint pattern with a `{region}` placeholder.
    pub endpoint_pattern: String,
    /// The known regions: the `enum` of the server's `region` variable.
    pub regions: Vec<RegionConstant>,
    /// The version of `huaweicloud-sdk-core` the crate depends on: sdkgen's own, since the
    /// templates are written against the core of the same release.
    pub core_version: String,
    /// The path from the crate to `huaweicloud-sdk-core`, with `/` separators.
    pub core_path: String,
}

/// Text as a TOML basic string with its quotes; control characters become spaces.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A known region, generated as a `Region` constant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionConstant {
    /// The region id, e.g. `cn-north-4`.
    pub id: String,
    /// The constant's name, e.g. `CN_NORTH_4`.
    pub const_name: String,
}

impl CrateSettings {
    /// The package description, as a TOML basic string with its quotes.
    pub fn description_toml(&self) -> String {
        toml_string(&format!(
            "Rust client for Huawei Cloud {}, generated from its OpenAPI description",
            self.title
        ))
    }

    /// An example endpoint: the pattern with its first region, for docs.
    pub fn example_endpoint(&self) -> String {
        self.endpoint_pattern
            .replace("{region}", &self.example_region())
    }

    /// An expression for the first known region, for docs: its constant in the crate's
    /// `regions` module, e.g. `huaweicloud_sdk_functiongraph::regions::CN_NORTH_4`.
    pub fn example_region_expr(&self) -> String {
        match self.regions.first() {
            Some(region) => format!("{}::regions::{}", self.crate_ident(), region.const_name),
            None => format!("{}::Region::new(\"cn-north-4\")", self.crate_ident()),
        }
    }

    /// A crates.io keyword naming the service: at most 20 ASCII letters, digits, `-` or `_`.
    pub fn service_keyword(&self) -> String {
        let keyword: String = self
            .service
            .to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .take(20)
            .collect();
        if keyword.starts_with(|c: char| c.is_ascii_alphabetic()) {
            keyword
        } else {
            "api".to_owned()
        }
    }

    /// The first known region, for docs and examples.
    pub fn example_region(&self) -> String {
        self.regions
            .first()
            .map_or_else(|| "cn-north-4".to_owned(), |r| r.id.clone())
    }

    /// The prefix of the environment variables that override a region's endpoint, as the
    /// official SDKs name them: `HUAWEICLOUD_SDK_REGION_FUNCTIONGRAPH_`.
    pub fn region_env_prefix(&self) -> String {
        format!(
            "HUAWEICLOUD_SDK_REGION_{}_",
            self.service.to_ascii_uppercase().replace('-', "_")
        )
    }

    /// The `[dependencies]` entry of `huaweicloud-sdk-core`, as a TOML inline table.
    pub fn core_dependency_toml(&self) -> String {
        format!(
            "{{ version = {}, path = {}, default-features = false }}",
            toml_string(&self.core_version),
            toml_string(&self.core_path)
        )
    }

    /// The crate name as a Rust identifier (`huaweicloud_sdk_functiongraph`), for doc examples.
    pub fn crate_ident(&self) -> String {
        self.crate_name.replace('-', "_")
    }
}

/// One API operation, e.g. `InvokeFunction`.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The operationId as the spec spells it, e.g. `InvokeFunction`.
    pub id: String,
    /// One line: the spec's summary, else the operationId.
    pub summary: String,
    /// The client method, e.g. `invoke_function`.
    pub method_name: String,
    /// The private module in `operations`, e.g. `invoke_function`.
    pub module_name: String,
    /// The fluent builder type, e.g. `InvokeFunctionRequest`.
    pub builder_name: String,
    /// The success output type, e.g. `InvokeFunctionOutput`.
    pub output_name: String,
    pub http_method: HttpMethod,
    /// The path template as written in the spec, for docs.
    pub path_template: String,
    pub path: Vec<PathPiece>,
    pub docs: Vec<String>,
    /// Inputs the caller must give to the client method, in order: path parameters, then a
    /// required body.
    pub required_inputs: Vec<Field>,
    /// Inputs set through the fluent builder.
    pub optional_inputs: Vec<Field>,
    pub query: Vec<WireParam>,
    pub headers: Vec<WireParam>,
    pub body: Option<RequestBody>,
    /// The fields of an `application/x-www-form-urlencoded` body, in spec order: each is an
    /// input of its own. `None` when the body is not a form.
    pub form: Option<Vec<WireParam>>,
    /// The `Content-Type` every request of the operation carries: the body's media type, or
    /// `application/json` for a JSON body and for none, as the official SDK sends it.
    pub content_type: String,
    pub output: Output,
    /// Documented success statuses (2xx), which the runtime alone counts as successes; empty
    /// when the spec documents the range `2XX` or no 2xx at all.
    pub success_statuses: Vec<u16>,
    /// Documented error statuses, for docs.
    pub errors: Vec<DocumentedStatus>,
    /// Models its inputs and output use, for the `use` line.
    pub imports: Vec<String>,
    /// The example program, when every required input can come from the command line.
    pub example: Option<Example>,
    /// How pages follow each other, from `x-pagination`.
    pub pagination: Option<Pagination>,
}

/// A paginated operation (`x-pagination`): the request field that selects the page, the output
/// field that names the next one, and the items.
#[derive(Debug, Clone)]
pub struct Pagination {
    /// The optional builder field of the marker, e.g. `marker`.
    pub marker: String,
    /// The output field with the next marker, e.g. `next_marker`.
    pub next_marker: String,
    /// The output field with the page's items, e.g. `invocations`.
    pub items: String,
    /// The type of one item.
    pub item_type: String,
    /// The optional builder field of the page size, e.g. `limit`.
    pub page_size: Option<String>,
}

impl Operation {
    /// Whether the path holds the client's project id, which the runtime gives the request.
    pub fn uses_project_id(&self) -> bool {
        self.path
            .iter()
            .any(|piece| piece.param.as_ref().is_some_and(PathValue::is_project_id))
    }

    /// Whether every query parameter is sent, once: the list is then written as one `vec![...]`,
    /// as clippy asks (`vec_init_then_push`).
    pub fn query_is_fixed(&self) -> bool {
        self.query.iter().all(WireParam::is_sent_once)
    }

    /// Whether every header is sent, once; see [`Operation::query_is_fixed`].
    pub fn headers_are_fixed(&self) -> bool {
        self.headers.iter().all(WireParam::is_sent_once)
    }

    /// The content type as a Rust string literal.
    pub fn content_type_literal(&self) -> String {
        format!("{:?}", self.content_type)
    }

    /// Whether every form field is sent, once; see [`Operation::query_is_fixed`].
    pub fn form_is_fixed(&self) -> bool {
        self.form
            .as_ref()
            .is_some_and(|fields| fields.iter().all(WireParam::is_sent_once))
    }

    /// Clippy asks for fewer than eight arguments; a constructor mirrors the spec instead.
    pub fn has_many_inputs(&self) -> bool {
        self.required_inputs.len() > 6
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

/// Where a path parameter's value comes from.
#[derive(Debug, Clone)]
pub enum PathValue {
    /// A required input field of the operation.
    Input {
        rust_name: String,
        wire_name: String,
    },
    /// The client's configured project id (`x-client-field: project_id`).
    ProjectId,
}

impl PathValue {
    pub fn is_project_id(&self) -> bool {
        matches!(self, PathValue::ProjectId)
    }
    pub fn rust_name(&self) -> &str {
        match self {
            PathValue::Input { rust_name, .. } => rust_name,
            PathValue::ProjectId => "project_id",
        }
    }
    pub fn wire_name(&self) -> &str {
        match self {
            PathValue::Input { wire_name, .. } => wire_name,
            PathValue::ProjectId => "project_id",
        }
    }
}

/// An input held by the fluent builder.
#[derive(Debug, Clone)]
pub struct Field {
    pub rust_name: String,
    /// The type of the value the caller gives, e.g. `String` or `LogType`.
    pub value_type: String,
    /// `value_type` with its models named by path (`crate::models::LogType`), for files that
    /// import no models (`client.rs`, where a model named `Client` would clash).
    pub path_type: String,
    /// Whether a setter should take `impl Into<value_type>` (strings and enums) rather than the type.
    pub setter_takes_into: bool,
    pub docs: Vec<String>,
}

impl Field {
    /// A placeholder string literal for doc examples, e.g. `"function_urn"`.
    pub fn example_literal(&self) -> String {
        format!("{:?}", self.rust_name.trim_start_matches("r#"))
    }
}

/// A query or header parameter as it goes on the wire.
#[derive(Debug, Clone)]
pub struct WireParam {
    pub wire_name: String,
    /// The builder field that holds the value.
    pub rust_name: String,
    pub required: bool,
    /// Query arrays repeat the key once per item.
    pub repeated: bool,
}

/// A request body held by one input (JSON, bytes or text; a form's fields are inputs of their
/// own, in [`Operation::form`]).
#[derive(Debug, Clone)]
pub struct RequestBody {
    pub rust_name: String,
    pub required: bool,
    /// The spec's example, as JSON text, when the body is free-form JSON.
    pub json_example: Option<String>,
    pub encoding: BodyEncoding,
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

impl RequestBody {
    pub fn is_json(&self) -> bool {
        self.encoding == BodyEncoding::Json
    }
    pub fn is_text(&self) -> bool {
        self.encoding == BodyEncoding::Text
    }
}

/// A runnable example program for an operation: its command-line arguments and the call.
#[derive(Debug, Clone)]
pub struct Example {
    /// The command-line arguments, in order, as Rust variable names (`r#ref` for `ref`).
    pub args: Vec<String>,
    /// The arguments of the client method, as Rust expressions over `args`.
    pub call_args: Vec<String>,
    /// The spec's example body as a Rust raw string literal of pretty JSON.
    pub json_body_literal: Option<String>,
    /// The models the call constructs, for the `use` line.
    pub imports: Vec<String>,
}

impl Example {
    /// `<function_urn> <request_id>`, for the usage line.
    pub fn usage_args(&self) -> String {
        let labels = self
            .args
            .iter()
            .map(|a| format!("<{}>", a.trim_start_matches("r#")));
        labels.collect::<Vec<_>>().join(" ")
    }
}

/// The success response of an operation.
#[derive(Debug, Clone)]
pub struct Output {
    /// The documented success status: a code such as `200`, or the range `2XX`.
    pub status: String,
    pub docs: Vec<String>,
    /// How the body is decoded.
    pub body: OutputBody,
    /// Fields decoded from the JSON body object, when `body` is `Fields`.
    pub fields: Vec<ModelField>,
    /// Whether the answer may also be plain text (the response lists a `text/*` media type):
    /// the output then keeps the raw body, and a body that is not JSON leaves the fields unset.
    pub raw_body: bool,
    pub headers: Vec<ResponseHeader>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputBody {
    /// The body is ignored (no schema, an empty object, or `null`).
    Ignored,
    /// The body is a JSON object whose properties become the output's fields.
    Fields,
    /// The body is some other JSON value, held in the output's `body` field of this type.
    Value(String),
    /// The body is not JSON and not text (`application/octet-stream`, an image, ...): the
    /// output's `body` field holds its bytes.
    Bytes,
    /// The body is `text/*`: the output's `body` field holds it as a `String`; text that is not
    /// UTF-8 is a decode error.
    Text,
}

impl Output {
    /// The body fields a constructed output must be given.
    pub fn required_fields(&self) -> impl Iterator<Item = &ModelField> {
        self.fields.iter().filter(|f| f.required)
    }
    /// Whether `new` takes more arguments than clippy allows without a note.
    pub fn has_many_required(&self) -> bool {
        self.required_fields().count() + usize::from(self.value_type().is_some()) > 7
    }
    /// Whether the output derives `Default`: when nothing is required, and always when the body
    /// may be text, whose fields then all stay unset.
    pub fn derives_default(&self) -> bool {
        self.raw_body || (self.required_fields().count() == 0 && self.value_type().is_none())
    }
    pub fn decodes_fields(&self) -> bool {
        self.body == OutputBody::Fields
    }
    /// The type of the output's `body` field, when it has one.
    pub fn value_type(&self) -> Option<&str> {
        match &self.body {
            OutputBody::Value(ty) => Some(ty),
            OutputBody::Bytes => Some("bytes::Bytes"),
            OutputBody::Text => Some("String"),
            OutputBody::Ignored | OutputBody::Fields => None,
        }
    }
    /// The expression that reads the `body` field from `response`, when the output has one.
    pub fn body_decoder(&self) -> Option<&'static str> {
        match &self.body {
            OutputBody::Value(_) => Some("response.json()?"),
            OutputBody::Bytes => Some("response.kept_body()"),
            OutputBody::Text => Some("response.text()?"),
            OutputBody::Ignored | OutputBody::Fields => None,
        }
    }
}

/// A typed response header.
#[derive(Debug, Clone)]
pub struct ResponseHeader {
    pub wire_name: String,
    pub rust_name: String,
    /// The type inside the `Option`, e.g. `String`.
    pub rust_type: String,
    pub docs: Vec<String>,
    /// Whether sdkgen chose the field's name (`x_request_id`, which every output has) rather
    /// than the spec: such a name gives way to the spec's names in the output.
    pub name_is_invented: bool,
}

/// A documented non-success status of an operation.
#[derive(Debug, Clone)]
pub struct DocumentedStatus {
    pub status: String,
    pub description: String,
}

/// A named type in `models`.
#[derive(Debug, Clone)]
pub enum Model {
    Struct(StructModel),
    Enum(EnumModel),
    Union(UnionModel),
}

impl Model {
    pub fn rust_name(&self) -> &str {
        match self {
            Model::Struct(m) => &m.rust_name,
            Model::Enum(m) => &m.rust_name,
            Model::Union(m) => &m.rust_name,
        }
    }
    /// The module file name, e.g. `func_destination_config`.
    pub fn module_name(&self) -> &str {
        match self {
            Model::Struct(m) => &m.module_name,
            Model::Enum(m) => &m.module_name,
            Model::Union(m) => &m.module_name,
        }
    }
    /// The spec location it came from, for docs and messages.
    pub fn origin(&self) -> &str {
        match self {
            Model::Struct(m) => &m.origin,
            Model::Enum(m) => &m.origin,
            Model::Union(m) => &m.origin,
        }
    }
}

/// A `oneOf` with a discriminator: an enum with one variant per discriminator value, each
/// holding the struct of its schema. On the wire it is the member's object with the
/// discriminator property set to the variant's value (serde's internally tagged form).
#[derive(Debug, Clone)]
pub struct UnionModel {
    pub rust_name: String,
    pub module_name: String,
    pub origin: String,
    pub docs: Vec<String>,
    /// The discriminator's `propertyName`, e.g. `petType`.
    pub tag: String,
    pub variants: Vec<UnionVariant>,
    /// A JSON value of the first variant, for the doc example that decodes and encodes it.
    pub example_json: String,
    /// Other models its variants hold, for the `use` line.
    pub imports: Vec<String>,
}

impl UnionModel {
    pub fn tag_literal(&self) -> String {
        format!("{:?}", self.tag)
    }
    /// The example as a string literal for the doc example.
    pub fn example_literal(&self) -> String {
        format!("{:?}", self.example_json)
    }
}

/// One variant of a [`UnionModel`].
#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub rust_name: String,
    /// The discriminator value that selects it, e.g. `cat`.
    pub tag_value: String,
    /// The struct it holds (boxed where the struct contains the enum).
    pub value_type: String,
    pub docs: Vec<String>,
}

impl UnionVariant {
    pub fn tag_literal(&self) -> String {
        format!("{:?}", self.tag_value)
    }
}

#[derive(Debug, Clone)]
pub struct StructModel {
    pub rust_name: String,
    pub module_name: String,
    /// The spec location it came from, for docs.
    pub origin: String,
    pub docs: Vec<String>,
    pub fields: Vec<ModelField>,
    /// Whether every field has a default, so the struct can derive `Default`.
    pub derives_default: bool,
    /// Other models its fields use, for the `use` line.
    pub imports: Vec<String>,
}

impl StructModel {
    /// A model named `New` has a constructor `New::new`, which clippy thinks odd; but `new` is
    /// what every model's constructor is called, and the name is the spec's.
    pub fn is_named_new(&self) -> bool {
        self.rust_name == "New"
    }

    /// Clippy asks for fewer than eight arguments; a constructor mirrors the spec instead.
    pub fn has_many_required(&self) -> bool {
        self.required_fields().count() > 7
    }
    pub fn required_fields(&self) -> impl Iterator<Item = &ModelField> {
        self.fields.iter().filter(|f| f.required)
    }
    pub fn optional_fields(&self) -> impl Iterator<Item = &ModelField> {
        self.fields.iter().filter(|f| !f.required)
    }
}

/// A property of an object schema.
#[derive(Debug, Clone)]
pub struct ModelField {
    pub wire_name: String,
    pub rust_name: String,
    /// The type of the value, without the `Option` of an optional field.
    pub value_type: String,
    pub required: bool,
    /// Whether a setter should take `impl Into<value_type>`.
    pub setter_takes_into: bool,
    pub docs: Vec<String>,
}

impl ModelField {
    /// The declared type of the struct field.
    pub fn field_type(&self) -> String {
        if self.required {
            self.value_type.clone()
        } else {
            format!("Option<{}>", self.value_type)
        }
    }
    /// The builder-style setter, e.g. `with_type` for `r#type`.
    pub fn setter_name(&self) -> String {
        let bare = self
            .rust_name
            .trim_start_matches("r#")
            .trim_start_matches('_');
        format!("with_{bare}")
    }
    /// Whether the field holds JSON text (`format: json`), which outputs can parse on request.
    pub fn is_json_text(&self) -> bool {
        self.value_type == "crate::JsonText"
    }

    /// The name without a raw-identifier prefix, for building method names.
    pub fn bare_name(&self) -> &str {
        self.rust_name.trim_start_matches("r#")
    }

    /// Whether serde needs a `rename` attribute.
    pub fn needs_rename(&self) -> bool {
        self.rust_name.trim_start_matches("r#") != self.wire_name
    }
    pub fn wire_literal(&self) -> String {
        format!("{:?}", self.wire_name)
    }
}

/// A string enum. Every generated enum also has an `Unknown(String)` variant so that a value
/// added to the service later still decodes.
#[derive(Debug, Clone)]
pub struct EnumModel {
    pub rust_name: String,
    pub module_name: String,
    pub origin: String,
    pub docs: Vec<String>,
    pub variants: Vec<EnumVariant>,
}

#[derive(Debug, Clone)]
pub struct EnumVariant {
    pub rust_name: String,
    pub wire_value: String,
    pub docs: Vec<String>,
}

impl EnumVariant {
    pub fn wire_literal(&self) -> String {
        format!("{:?}", self.wire_value)
    }
}

impl WireParam {
    /// Required and not an array: its one pair is always sent.
    pub fn is_sent_once(&self) -> bool {
        self.required && !self.repeated
    }

    pub fn wire_literal(&self) -> String {
        format!("{:?}", self.wire_name)
    }
}

impl ResponseHeader {
    /// The name in lower case, as HTTP/1.1 names arrive once parsed (they are case-insensitive).
    pub fn lookup_literal(&self) -> String {
        format!("{:?}", self.wire_name.to_ascii_lowercase())
    }
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
