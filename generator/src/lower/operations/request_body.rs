//! An operation's request body → its inputs and how they are sent: a JSON, bytes or text body
//! is one input, `body`; a form's fields are inputs of their own.

use openapiv3::{MediaType, RequestBody as SpecRequestBody};

use super::{InputName, OperationContext, SKIP_EXTENSION, is_object_like};
use crate::diagnostics::pointer_segment;
use crate::ir::{BodyEncoding, Input, InputLocation, RustType};
use crate::lower::docs::doc_lines;
use crate::lower::media_types::{JSON_CONTENT_TYPE, RequestMedia, content_type, request_media};
use crate::lower::names::invented;
use crate::lower::resolve::Resolved;
use crate::lower::schemas::{SchemaPlace, TypeLowering};

/// How the body is sent; its inputs (the one that holds it, or the form's fields) are pushed
/// onto the operation's.
pub(super) struct LoweredBody {
    pub sends_form: bool,
    pub content_type: String,
}

impl LoweredBody {
    /// No body: the request still says `Content-Type: application/json`, as the official SDK's do.
    fn none() -> Self {
        LoweredBody {
            sends_form: false,
            content_type: JSON_CONTENT_TYPE.to_owned(),
        }
    }
}

impl<'a> OperationContext<'a> {
    pub(super) fn request_body(
        &self,
        operation: &'a openapiv3::Operation,
        types: &mut TypeLowering<'a>,
        inputs: &mut Vec<Input>,
        names: &mut Vec<InputName>,
    ) -> LoweredBody {
        let at = format!("{}/requestBody", self.pointer);
        let Some(body) = operation.request_body.as_ref() else {
            return LoweredBody::none();
        };
        let resolved = types.resolver.resolve(body, &at);
        let Some(Resolved {
            item: body,
            pointer: body_pointer,
        }) = self.resolved(resolved, &at, types)
        else {
            return LoweredBody::none();
        };
        let body: &SpecRequestBody = body;
        // The most faithful of the media types sdkgen can send; see `RequestMedia`.
        let chosen = body
            .content
            .iter()
            .filter_map(|(media_type, content)| {
                request_media(media_type, content).map(|media| (media, media_type, content))
            })
            .min_by_key(|(media, _, _)| *media);
        let Some((media, media_type, content)) = chosen else {
            let found: Vec<&str> = body.content.keys().map(String::as_str).collect();
            self.error(
                types,
                &format!("{body_pointer}/content"),
                &format!("request body media types {found:?} are not supported"),
                &format!(
                    "describe the body as `application/json`, `application/x-www-form-urlencoded`, `application/octet-stream` (or `format: binary`) or `text/plain`; or leave the operation out with `{SKIP_EXTENSION}: \"<why>\"`"
                ),
            );
            return LoweredBody::none();
        };
        let media_pointer = format!("{body_pointer}/content/{}", pointer_segment(media_type));
        let Some(content_type) = content_type(media_type, media) else {
            self.error(
                types,
                &media_pointer,
                &format!("media type `{media_type}` cannot be a Content-Type header"),
                "write the media type in visible ASCII, e.g. `application/octet-stream`",
            );
            return LoweredBody::none();
        };
        let docs = match doc_lines(body.description.as_deref()) {
            docs if docs.is_empty() => vec!["The request body.".to_owned()],
            docs => docs,
        };
        let (value_type, encoding) = match media {
            RequestMedia::Form => {
                self.form_fields(body, content, &media_pointer, types, inputs, names);
                return LoweredBody {
                    sends_form: true,
                    content_type,
                };
            }
            RequestMedia::Json => (
                self.json_type(content, &media_pointer, types),
                BodyEncoding::Json,
            ),
            RequestMedia::Bytes => (RustType::Bytes, BodyEncoding::Bytes),
            RequestMedia::Text => (RustType::String, BodyEncoding::Text),
        };
        let json_example = match (&content.example, &value_type) {
            (Some(example), RustType::JsonValue) => serde_json::to_string_pretty(example).ok(),
            _ => None,
        };
        // The body is always the input `body`: a spec name that becomes `body` too is a clash
        // that `check_input_names` reports.
        let rust_name = invented("body".to_owned());
        names.push(InputName {
            rust_name: rust_name.clone(),
            subject: "the request body".to_owned(),
            pointer: at,
            has_setter: !body.required,
        });
        inputs.push(Input {
            rust_name,
            value_type,
            required: body.required,
            docs,
            location: InputLocation::Body {
                encoding,
                json_example,
            },
        });
        LoweredBody {
            sends_form: false,
            content_type,
        }
    }

    fn json_type(
        &self,
        content: &'a MediaType,
        media_pointer: &str,
        types: &mut TypeLowering<'a>,
    ) -> RustType {
        match &content.schema {
            Some(schema) => {
                let place = SchemaPlace::new(
                    format!("{}RequestBody", self.type_base),
                    format!("{media_pointer}/schema"),
                    Some(self.id),
                );
                types.schema_type(schema, &place, false)
            }
            None => RustType::JsonValue,
        }
    }

    /// A form's fields: the properties of its object schema, each a scalar (string, number,
    /// boolean or enum), since `urlencode` writes one `key=value` pair per field. A body that is
    /// not required makes every field optional.
    fn form_fields(
        &self,
        body: &SpecRequestBody,
        content: &'a MediaType,
        media_pointer: &str,
        types: &mut TypeLowering<'a>,
        inputs: &mut Vec<Input>,
        names: &mut Vec<InputName>,
    ) {
        let schema_pointer = format!("{media_pointer}/schema");
        let hint = "give the form an object schema with a string, number, boolean or enum property for each field";
        let Some(schema) = &content.schema else {
            self.error(
                types,
                media_pointer,
                "a form body needs a schema, whose properties are its fields",
                hint,
            );
            return;
        };
        let place = SchemaPlace::new(
            format!("{}RequestBody", self.type_base),
            schema_pointer.clone(),
            Some(self.id),
        );
        let Some((resolved, resolved_pointer)) =
            types.resolve_in_place(schema, schema_pointer, &place)
        else {
            return;
        };
        if !is_object_like(resolved) {
            self.error(
                types,
                &resolved_pointer,
                "a form body must be an object whose properties are its fields",
                hint,
            );
            return;
        }
        let shape = types.object_shape(resolved, &resolved_pointer, &place);
        let fields = types.lower_fields(&shape, &place);
        for field in fields {
            let pointer = shape
                .properties
                .iter()
                .find(|p| p.wire_name == field.wire_name)
                .map_or_else(|| resolved_pointer.clone(), |p| p.pointer.clone());
            if !field.value_type.is_scalar() {
                self.error(
                    types,
                    &pointer,
                    &format!("form field `{}` is typed `{}`, which is not one `key=value` pair", field.wire_name, field.value_type),
                    "type it as a string, number, boolean or enum (JSON as a string with `format: json`)",
                );
                continue;
            }
            let required = field.required && body.required;
            names.push(InputName {
                rust_name: field.rust_name.clone(),
                subject: format!("form field `{}`", field.wire_name),
                pointer,
                has_setter: !required,
            });
            inputs.push(Input {
                rust_name: field.rust_name,
                value_type: field.value_type,
                required,
                docs: field.docs,
                location: InputLocation::FormField {
                    wire_name: field.wire_name,
                },
            });
        }
    }
}
