//! Which media types sdkgen can send and read, and how each is carried.
//!
//! A request body is JSON, a form (`application/x-www-form-urlencoded`), bytes
//! (`application/octet-stream`, or any media type whose schema is `format: binary`) or text
//! (`text/*`). An answer is JSON, or else text when every media type it lists is `text/*`, or
//! else bytes. Anything else (multipart, XML, ...) cannot be sent; a spec leaves such an
//! operation out with `x-sdkgen-skip`.

use openapiv3::{MediaType, ReferenceOr, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};

/// How a request body of one media type is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RequestMedia {
    // In order of preference, when a body lists several media types: JSON keeps its typed
    // model, a form its typed fields; bytes carry anything, text only UTF-8.
    Json,
    Form,
    Bytes,
    Text,
}

/// The `Content-Type` a JSON body, or a request without one, is sent with, as the official SDK
/// sends it (whatever `charset` parameter the spec spells).
pub const JSON_CONTENT_TYPE: &str = "application/json";

/// How a body of this media type is sent, or `None` when sdkgen cannot send it.
pub fn request_media(media_type: &str, content: &MediaType) -> Option<RequestMedia> {
    let essence = essence(media_type);
    if is_json(media_type) {
        Some(RequestMedia::Json)
    } else if essence == "application/x-www-form-urlencoded" {
        Some(RequestMedia::Form)
    } else if essence == "application/octet-stream" || is_binary_schema(content) {
        Some(RequestMedia::Bytes)
    } else if essence.starts_with("text/") && !essence.ends_with("/xml") {
        Some(RequestMedia::Text)
    } else {
        None
    }
}

/// The media type without parameters, in lower case: `text/plain` of `Text/Plain; charset=utf-8`.
pub fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

pub fn is_json(media_type: &str) -> bool {
    let essence = essence(media_type);
    essence == "application/json" || essence.ends_with("+json")
}

pub fn is_text(media_type: &str) -> bool {
    essence(media_type).starts_with("text/")
}

/// The `Content-Type` a body of this media type is sent with: the media type as the spec writes
/// it, or, for a range such as `*/*` or `image/*` (which no request can carry), the generic
/// type of its kind. `None` when it is no header value (control or non-ASCII characters).
pub fn content_type(media_type: &str, media: RequestMedia) -> Option<String> {
    let media_type = media_type.trim();
    if !media_type
        .bytes()
        .all(|b| b == b' ' || b.is_ascii_graphic())
    {
        return None;
    }
    Some(match media {
        RequestMedia::Json => JSON_CONTENT_TYPE.to_owned(),
        _ if !essence(media_type).contains('*') => media_type.to_owned(),
        RequestMedia::Text => "text/plain".to_owned(),
        _ => "application/octet-stream".to_owned(),
    })
}

/// `schema: {type: string, format: binary}`, OpenAPI 3.0's way of saying "any bytes".
fn is_binary_schema(content: &MediaType) -> bool {
    match &content.schema {
        Some(ReferenceOr::Item(schema)) => matches!(
            &schema.schema_kind,
            SchemaKind::Type(Type::String(string))
                if string.format == VariantOrUnknownOrEmpty::Item(StringFormat::Binary)
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn media(media_type: &str, schema: Option<&str>) -> Option<RequestMedia> {
        let content = MediaType {
            schema: schema.map(|yaml| serde_yaml::from_str(yaml).unwrap()),
            ..MediaType::default()
        };
        request_media(media_type, &content)
    }

    #[test]
    fn each_media_type_is_sent_its_own_way() {
        assert_eq!(
            media("application/json;charset=UTF-8", None),
            Some(RequestMedia::Json)
        );
        assert_eq!(
            media("application/merge-patch+json", None),
            Some(RequestMedia::Json)
        );
        assert_eq!(
            media("application/x-www-form-urlencoded", None),
            Some(RequestMedia::Form)
        );
        assert_eq!(
            media("application/octet-stream", None),
            Some(RequestMedia::Bytes)
        );
        let binary = Some("{type: string, format: binary}");
        assert_eq!(media("image/png", binary), Some(RequestMedia::Bytes));
        assert_eq!(media("text/plain", None), Some(RequestMedia::Text));
        assert_eq!(media("multipart/form-data", None), None);
        assert_eq!(media("application/xml", None), None);
        assert_eq!(media("text/xml", None), None);
        assert_eq!(media("image/png", Some("{type: string}")), None);
    }

    #[test]
    fn the_content_type_is_the_media_type_unless_it_is_a_range_or_json() {
        let sent = |media_type, media| content_type(media_type, media);
        assert_eq!(
            sent("application/json;charset=UTF-8", RequestMedia::Json).as_deref(),
            Some(JSON_CONTENT_TYPE)
        );
        assert_eq!(
            sent("text/plain; charset=utf-8", RequestMedia::Text).as_deref(),
            Some("text/plain; charset=utf-8")
        );
        assert_eq!(
            sent("*/*", RequestMedia::Bytes).as_deref(),
            Some("application/octet-stream")
        );
        assert_eq!(
            sent("text/*", RequestMedia::Text).as_deref(),
            Some("text/plain")
        );
        assert_eq!(sent("image/bücher", RequestMedia::Bytes), None);
    }
}
