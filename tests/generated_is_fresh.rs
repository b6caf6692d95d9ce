//! The checked-in crate under `generated/` must be exactly what the generator makes from the
//! spec and templates today: the same check as `cargo run -p sdkgen -- --check`.

use functiongraph_tests::fixtures::workspace_root;

#[test]
fn generated_crate_matches_a_fresh_generation() {
    let root = workspace_root();
    let spec = root.join(sdkgen::DEFAULT_SPEC);
    let generation = sdkgen::generate_named(
        &spec,
        sdkgen::DEFAULT_SPEC,
        &sdkgen::SettingsOverrides::default(),
    )
    .unwrap_or_else(|diagnostics| panic!("generation failed:\n{diagnostics}"));
    let drift = sdkgen::output::check(&root.join(sdkgen::DEFAULT_OUT), &generation.files)
        .expect("read generated/");
    assert!(
        drift.is_clean(),
        "generated/ is stale; run `cargo run -p sdkgen` and commit the result:\n{}",
        drift.lines().join("\n")
    );
}

#[test]
fn generation_is_deterministic() {
    let spec = workspace_root().join(sdkgen::DEFAULT_SPEC);
    let first = sdkgen::generate_named(&spec, sdkgen::DEFAULT_SPEC, &Default::default())
        .expect("generates");
    let second = sdkgen::generate_named(&spec, sdkgen::DEFAULT_SPEC, &Default::default())
        .expect("generates");
    assert_eq!(first.files, second.files);
}
