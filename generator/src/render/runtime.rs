//! The crate's runtime: hand-written Rust under `templates/runtime/`, copied into every
//! generated crate so that it depends on nothing but ordinary crates.io libraries.

/// (path in the generated crate, source).
pub const RUNTIME_FILES: &[(&str, &str)] = &[
    (
        "src/auth.rs",
        include_str!("../../../templates/runtime/auth.rs"),
    ),
    (
        "src/config.rs",
        include_str!("../../../templates/runtime/config.rs"),
    ),
    (
        "src/encoding.rs",
        include_str!("../../../templates/runtime/encoding.rs"),
    ),
    (
        "src/error.rs",
        include_str!("../../../templates/runtime/error.rs"),
    ),
    (
        "src/json_body.rs",
        include_str!("../../../templates/runtime/json_body.rs"),
    ),
    (
        "src/pagination.rs",
        include_str!("../../../templates/runtime/pagination.rs"),
    ),
    (
        "src/retry.rs",
        include_str!("../../../templates/runtime/retry.rs"),
    ),
    (
        "src/signing.rs",
        include_str!("../../../templates/runtime/signing.rs"),
    ),
    (
        "src/text.rs",
        include_str!("../../../templates/runtime/text.rs"),
    ),
    (
        "src/time.rs",
        include_str!("../../../templates/runtime/time.rs"),
    ),
    (
        "src/transport.rs",
        include_str!("../../../templates/runtime/transport.rs"),
    ),
];
