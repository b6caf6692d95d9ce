//! `$ref` resolution, for every kind of component: the one place that follows a reference to
//! what it names, with the pointer of the definition for messages and for the type cache.
//!
//! Only local references to `#/components/<section>/<name>` resolve. A component that is itself
//! a `$ref` (an alias) is followed; a chain of aliases that comes back on itself is an error.

use openapiv3::{
    Components, Header, OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema,
};

use crate::diagnostics::pointer_segment;

/// A kind of component that a `$ref` can name.
pub trait Component: Sized + 'static {
    /// The section under `components`, e.g. `schemas`.
    const SECTION: &'static str;
    /// What one is called in messages, e.g. `schema`.
    const NOUN: &'static str;
    fn lookup<'c>(components: &'c Components, name: &str) -> Option<&'c ReferenceOr<Self>>;
}

macro_rules! component {
    ($type:ty, $section:literal, $noun:literal, $field:ident) => {
        impl Component for $type {
            const SECTION: &'static str = $section;
            const NOUN: &'static str = $noun;
            fn lookup<'c>(components: &'c Components, name: &str) -> Option<&'c ReferenceOr<Self>> {
                components.$field.get(name)
            }
        }
    };
}

component!(Schema, "schemas", "schema", schemas);
component!(Parameter, "parameters", "parameter", parameters);
component!(RequestBody, "requestBodies", "request body", request_bodies);
component!(Response, "responses", "response", responses);
component!(Header, "headers", "header", headers);

/// What a reference names, and the JSON pointer of its definition.
#[derive(Debug)]
pub struct Resolved<'a, T> {
    pub item: &'a T,
    pub pointer: String,
}

/// Why a reference does not resolve, as a message and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub message: String,
    pub hint: String,
}

/// Follows `$ref`s within one document.
#[derive(Debug, Clone, Copy)]
pub struct Resolver<'a> {
    components: Option<&'a Components>,
}

impl<'a> Resolver<'a> {
    pub fn new(document: &'a OpenAPI) -> Self {
        Resolver {
            components: document.components.as_ref(),
        }
    }

    /// The item itself, defined at `at`, or what its `$ref` names.
    pub fn resolve<T: Component>(
        &self,
        item: &'a ReferenceOr<T>,
        at: &str,
    ) -> Result<Resolved<'a, T>, Unresolved> {
        match item {
            ReferenceOr::Item(item) => Ok(Resolved {
                item,
                pointer: at.to_owned(),
            }),
            ReferenceOr::Reference { reference } => self.follow(reference),
        }
    }

    /// What `reference` names, through any aliases.
    pub fn follow<T: Component>(&self, reference: &str) -> Result<Resolved<'a, T>, Unresolved> {
        let prefix = format!("#/components/{}/", T::SECTION);
        let mut followed: Vec<String> = Vec::new();
        let mut current = reference;
        loop {
            let Some(encoded) = current.strip_prefix(&prefix) else {
                if current.starts_with("#/") {
                    return Err(Unresolved {
                        message: format!(
                            "$ref `{current}` points outside components.{}, where a {} must be defined",
                            T::SECTION,
                            T::NOUN
                        ),
                        hint: format!("reference a {} under `{prefix}`", T::NOUN),
                    });
                }
                return Err(Unresolved {
                    message: format!(
                        "unsupported $ref `{current}`: only local references to `{prefix}...` are supported"
                    ),
                    hint: format!(
                        "move the {} under components.{} and reference it there",
                        T::NOUN,
                        T::SECTION
                    ),
                });
            };
            let name = encoded.replace("~1", "/").replace("~0", "~");
            if followed.contains(&name) {
                let (cycle, which) = match followed.as_slice() {
                    [only] => (format!("`{only}` refers to itself"), "it"),
                    _ => (
                        format!("{} refer to each other", followed.join(" → ")),
                        "one of them",
                    ),
                };
                return Err(Unresolved {
                    message: format!("$ref `{reference}` is cyclic by value: {cycle}"),
                    hint: format!("point {which} at a {} defined in place", T::NOUN),
                });
            }
            match self.components.and_then(|c| T::lookup(c, &name)) {
                Some(ReferenceOr::Item(item)) => {
                    return Ok(Resolved {
                        item,
                        pointer: format!("/components/{}/{}", T::SECTION, pointer_segment(&name)),
                    });
                }
                Some(ReferenceOr::Reference { reference: next }) => {
                    followed.push(name);
                    current = next;
                }
                None => {
                    return Err(Unresolved {
                        message: format!(
                            "$ref `{current}` does not resolve: there is no {} `{name}` under components.{}",
                            T::NOUN,
                            T::SECTION
                        ),
                        hint: format!("fix the name in the $ref or add the {}", T::NOUN),
                    });
                }
            }
        }
    }

    /// The `$ref` to the component schema `name`: how a discriminator's mapping names a schema
    /// by its bare name.
    pub fn schema_reference(name: &str) -> String {
        format!("#/components/schemas/{}", pointer_segment(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(yaml: &str) -> OpenAPI {
        serde_yaml::from_str(yaml).unwrap()
    }

    const DOCUMENT: &str = "openapi: 3.0.3
info: {title: T, version: v1}
paths: {}
components:
  schemas:
    Thing: {type: string}
    Alias: {$ref: '#/components/schemas/Thing'}
    Loop: {$ref: '#/components/schemas/Around'}
    Around: {$ref: '#/components/schemas/Loop'}
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer}}
    Again: {$ref: '#/components/parameters/Limit'}
";

    #[test]
    fn aliases_are_followed_to_the_definition() {
        let document = document(DOCUMENT);
        let resolver = Resolver::new(&document);
        let found = resolver
            .follow::<Schema>("#/components/schemas/Alias")
            .unwrap();
        assert_eq!(found.pointer, "/components/schemas/Thing");
        let found = resolver
            .follow::<Parameter>("#/components/parameters/Again")
            .unwrap();
        assert_eq!(found.pointer, "/components/parameters/Limit");
        assert_eq!(found.item.parameter_data_ref().name, "limit");
    }

    #[test]
    fn every_failure_says_what_and_how_to_mend_it() {
        let document = document(DOCUMENT);
        let resolver = Resolver::new(&document);
        let missing = resolver
            .follow::<Parameter>("#/components/parameters/Nowhere")
            .unwrap_err();
        assert_eq!(
            missing.message,
            "$ref `#/components/parameters/Nowhere` does not resolve: there is no parameter `Nowhere` under components.parameters"
        );
        let cyclic = resolver
            .follow::<Schema>("#/components/schemas/Loop")
            .unwrap_err();
        assert_eq!(
            cyclic.message,
            "$ref `#/components/schemas/Loop` is cyclic by value: Loop → Around refer to each other"
        );
        let wrong_section = resolver
            .follow::<Response>("#/components/schemas/Thing")
            .unwrap_err();
        assert_eq!(
            wrong_section.message,
            "$ref `#/components/schemas/Thing` points outside components.responses, where a response must be defined"
        );
        let external = resolver
            .follow::<Response>("other.yaml#/components/responses/Ok")
            .unwrap_err();
        assert_eq!(
            external.hint,
            "move the response under components.responses and reference it there"
        );
    }
}
