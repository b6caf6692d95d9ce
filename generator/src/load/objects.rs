//! The OpenAPI 3.0.3 object model, as a table: the fixed fields of each object, which are
//! required, and what kind of value each field holds. The raw-YAML checks walk the document
//! with it, because the typed parse (`openapiv3`) ignores keys it does not know, so a misspelled
//! `requried` would otherwise vanish without a word.

/// An OpenAPI 3.0 object, or a map whose keys are chosen by the spec author.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Document,
    Info,
    Contact,
    License,
    Server,
    ServerVariable,
    Components,
    /// `paths`: path templates → path items.
    Paths,
    PathItem,
    Operation,
    ExternalDocs,
    Parameter,
    RequestBody,
    MediaType,
    Encoding,
    /// `responses`: status codes → responses.
    Responses,
    Response,
    /// A callback: runtime expressions → path items.
    Callback,
    Example,
    Link,
    Header,
    Tag,
    Schema,
    Discriminator,
    Xml,
    SecurityScheme,
    OAuthFlows,
    OAuthFlow,
}

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Child {
    /// One object of that kind.
    Object(Kind),
    /// A map from names the author chooses to objects of that kind.
    MapOf(Kind),
    /// A list of objects of that kind.
    ListOf(Kind),
    /// A scalar, or a value the specification leaves free (examples, defaults, extensions).
    Value,
}

use Child::{ListOf, MapOf, Object, Value};

/// The same fields for a Parameter and a Header (a Header is a Parameter without `name`/`in`).
macro_rules! parameter_fields {
    ($($extra:expr),*) => {
        &[
            $($extra,)*
            ("description", Value),
            ("required", Value),
            ("deprecated", Value),
            ("allowEmptyValue", Value),
            ("style", Value),
            ("explode", Value),
            ("allowReserved", Value),
            ("schema", Object(Kind::Schema)),
            ("example", Value),
            ("examples", MapOf(Kind::Example)),
            ("content", MapOf(Kind::MediaType)),
        ]
    };
}

impl Kind {
    /// How the object is called in messages, as the specification calls it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Document => "OpenAPI",
            Kind::Info => "Info",
            Kind::Contact => "Contact",
            Kind::License => "License",
            Kind::Server => "Server",
            Kind::ServerVariable => "Server Variable",
            Kind::Components => "Components",
            Kind::Paths => "Paths",
            Kind::PathItem => "Path Item",
            Kind::Operation => "Operation",
            Kind::ExternalDocs => "External Documentation",
            Kind::Parameter => "Parameter",
            Kind::RequestBody => "Request Body",
            Kind::MediaType => "Media Type",
            Kind::Encoding => "Encoding",
            Kind::Responses => "Responses",
            Kind::Response => "Response",
            Kind::Callback => "Callback",
            Kind::Example => "Example",
            Kind::Link => "Link",
            Kind::Header => "Header",
            Kind::Tag => "Tag",
            Kind::Schema => "Schema",
            Kind::Discriminator => "Discriminator",
            Kind::Xml => "XML",
            Kind::SecurityScheme => "Security Scheme",
            Kind::OAuthFlows => "OAuth Flows",
            Kind::OAuthFlow => "OAuth Flow",
        }
    }

    /// The name with its article, for messages: "a Schema", "an Info".
    pub fn a_name(self) -> String {
        let name = self.name();
        let article = if name.starts_with(['A', 'E', 'I', 'O', 'U']) || name == "XML" {
            "an"
        } else {
            "a"
        };
        format!("{article} {name}")
    }

    /// The fixed fields of the object. Empty for the maps with author-chosen keys.
    pub fn fields(self) -> &'static [(&'static str, Child)] {
        match self {
            Kind::Document => &[
                ("openapi", Value),
                ("info", Object(Kind::Info)),
                ("servers", ListOf(Kind::Server)),
                ("paths", Object(Kind::Paths)),
                ("components", Object(Kind::Components)),
                ("security", Value),
                ("tags", ListOf(Kind::Tag)),
                ("externalDocs", Object(Kind::ExternalDocs)),
            ],
            Kind::Info => &[
                ("title", Value),
                ("description", Value),
                ("termsOfService", Value),
                ("contact", Object(Kind::Contact)),
                ("license", Object(Kind::License)),
                ("version", Value),
            ],
            Kind::Contact => &[("name", Value), ("url", Value), ("email", Value)],
            Kind::License => &[("name", Value), ("url", Value)],
            Kind::Server => &[
                ("url", Value),
                ("description", Value),
                ("variables", MapOf(Kind::ServerVariable)),
            ],
            Kind::ServerVariable => &[("enum", Value), ("default", Value), ("description", Value)],
            Kind::Components => &[
                ("schemas", MapOf(Kind::Schema)),
                ("responses", MapOf(Kind::Response)),
                ("parameters", MapOf(Kind::Parameter)),
                ("examples", MapOf(Kind::Example)),
                ("requestBodies", MapOf(Kind::RequestBody)),
                ("headers", MapOf(Kind::Header)),
                ("securitySchemes", MapOf(Kind::SecurityScheme)),
                ("links", MapOf(Kind::Link)),
                ("callbacks", MapOf(Kind::Callback)),
            ],
            Kind::Paths | Kind::Responses | Kind::Callback => &[],
            Kind::PathItem => &[
                ("$ref", Value),
                ("summary", Value),
                ("description", Value),
                ("get", Object(Kind::Operation)),
                ("put", Object(Kind::Operation)),
                ("post", Object(Kind::Operation)),
                ("delete", Object(Kind::Operation)),
                ("options", Object(Kind::Operation)),
                ("head", Object(Kind::Operation)),
                ("patch", Object(Kind::Operation)),
                ("trace", Object(Kind::Operation)),
                ("servers", ListOf(Kind::Server)),
                ("parameters", ListOf(Kind::Parameter)),
            ],
            Kind::Operation => &[
                ("tags", Value),
                ("summary", Value),
                ("description", Value),
                ("externalDocs", Object(Kind::ExternalDocs)),
                ("operationId", Value),
                ("parameters", ListOf(Kind::Parameter)),
                ("requestBody", Object(Kind::RequestBody)),
                ("responses", Object(Kind::Responses)),
                ("callbacks", MapOf(Kind::Callback)),
                ("deprecated", Value),
                ("security", Value),
                ("servers", ListOf(Kind::Server)),
            ],
            Kind::ExternalDocs => &[("description", Value), ("url", Value)],
            Kind::Parameter => parameter_fields!(("name", Value), ("in", Value)),
            Kind::Header => parameter_fields!(),
            Kind::RequestBody => &[
                ("description", Value),
                ("content", MapOf(Kind::MediaType)),
                ("required", Value),
            ],
            Kind::MediaType => &[
                ("schema", Object(Kind::Schema)),
                ("example", Value),
                ("examples", MapOf(Kind::Example)),
                ("encoding", MapOf(Kind::Encoding)),
            ],
            Kind::Encoding => &[
                ("contentType", Value),
                ("headers", MapOf(Kind::Header)),
                ("style", Value),
                ("explode", Value),
                ("allowReserved", Value),
            ],
            Kind::Response => &[
                ("description", Value),
                ("headers", MapOf(Kind::Header)),
                ("content", MapOf(Kind::MediaType)),
                ("links", MapOf(Kind::Link)),
            ],
            Kind::Example => &[
                ("summary", Value),
                ("description", Value),
                ("value", Value),
                ("externalValue", Value),
            ],
            Kind::Link => &[
                ("operationRef", Value),
                ("operationId", Value),
                ("parameters", Value),
                ("requestBody", Value),
                ("description", Value),
                ("server", Object(Kind::Server)),
            ],
            Kind::Tag => &[
                ("name", Value),
                ("description", Value),
                ("externalDocs", Object(Kind::ExternalDocs)),
            ],
            Kind::Schema => &[
                ("title", Value),
                ("multipleOf", Value),
                ("maximum", Value),
                ("exclusiveMaximum", Value),
                ("minimum", Value),
                ("exclusiveMinimum", Value),
                ("maxLength", Value),
                ("minLength", Value),
                ("pattern", Value),
                ("maxItems", Value),
                ("minItems", Value),
                ("uniqueItems", Value),
                ("maxProperties", Value),
                ("minProperties", Value),
                ("required", Value),
                ("enum", Value),
                ("type", Value),
                ("allOf", ListOf(Kind::Schema)),
                ("oneOf", ListOf(Kind::Schema)),
                ("anyOf", ListOf(Kind::Schema)),
                ("not", Object(Kind::Schema)),
                ("items", Object(Kind::Schema)),
                ("properties", MapOf(Kind::Schema)),
                // A schema or a boolean; the walker skips booleans.
                ("additionalProperties", Object(Kind::Schema)),
                ("description", Value),
                ("format", Value),
                ("default", Value),
                ("nullable", Value),
                ("discriminator", Object(Kind::Discriminator)),
                ("readOnly", Value),
                ("writeOnly", Value),
                ("xml", Object(Kind::Xml)),
                ("externalDocs", Object(Kind::ExternalDocs)),
                ("example", Value),
                ("deprecated", Value),
            ],
            Kind::Discriminator => &[("propertyName", Value), ("mapping", Value)],
            Kind::Xml => &[
                ("name", Value),
                ("namespace", Value),
                ("prefix", Value),
                ("attribute", Value),
                ("wrapped", Value),
            ],
            Kind::SecurityScheme => &[
                ("type", Value),
                ("description", Value),
                ("name", Value),
                ("in", Value),
                ("scheme", Value),
                ("bearerFormat", Value),
                ("flows", Object(Kind::OAuthFlows)),
                ("openIdConnectUrl", Value),
            ],
            Kind::OAuthFlows => &[
                ("implicit", Object(Kind::OAuthFlow)),
                ("password", Object(Kind::OAuthFlow)),
                ("clientCredentials", Object(Kind::OAuthFlow)),
                ("authorizationCode", Object(Kind::OAuthFlow)),
            ],
            Kind::OAuthFlow => &[
                ("authorizationUrl", Value),
                ("tokenUrl", Value),
                ("refreshUrl", Value),
                ("scopes", Value),
            ],
        }
    }

    /// The fields the specification requires.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            Kind::Document => &["openapi", "info", "paths"],
            Kind::Info => &["title", "version"],
            Kind::License | Kind::Tag => &["name"],
            Kind::Server => &["url"],
            Kind::ServerVariable => &["default"],
            Kind::Operation => &["responses"],
            Kind::ExternalDocs => &["url"],
            Kind::Parameter => &["name", "in"],
            Kind::RequestBody => &["content"],
            Kind::Response => &["description"],
            Kind::Discriminator => &["propertyName"],
            Kind::SecurityScheme => &["type"],
            _ => &[],
        }
    }

    /// For the maps whose keys the author chooses but which may also hold `x-` extensions
    /// (Paths, Responses, Callback): the kind of every other value.
    pub fn patterned(self) -> Option<Kind> {
        match self {
            Kind::Paths | Kind::Callback => Some(Kind::PathItem),
            Kind::Responses => Some(Kind::Response),
            _ => None,
        }
    }

    /// Whether the object may be given as a Reference Object (`$ref`) instead.
    pub fn may_be_reference(self) -> bool {
        matches!(
            self,
            Kind::Schema
                | Kind::Response
                | Kind::Parameter
                | Kind::Example
                | Kind::RequestBody
                | Kind::Header
                | Kind::SecurityScheme
                | Kind::Link
                | Kind::Callback
        )
    }

    /// What a field of this object holds, if it is one of its fixed fields.
    pub fn child(self, key: &str) -> Option<Child> {
        self.fields()
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, child)| *child)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_is_a_parameter_without_name_and_in() {
        let header: Vec<&str> = Kind::Header.fields().iter().map(|(k, _)| *k).collect();
        let parameter: Vec<&str> = Kind::Parameter.fields().iter().map(|(k, _)| *k).collect();
        assert_eq!(parameter[..2], ["name", "in"]);
        assert_eq!(parameter[2..], header[..]);
    }

    #[test]
    fn every_required_field_is_a_field() {
        for kind in [
            Kind::Document,
            Kind::Info,
            Kind::Operation,
            Kind::Parameter,
            Kind::Response,
        ] {
            for required in kind.required() {
                assert!(kind.child(required).is_some(), "{kind:?}.{required}");
            }
        }
    }
}
