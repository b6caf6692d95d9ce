#!/usr/bin/env bash
# What a downstream project pays to build the FunctionGraph crate from clean, for each TLS
# backend: a tiny binary that depends on generated/ is built with `cargo build --release` in a
# fresh target directory, once per backend, and the wall time is printed.
#
#   bash tests/benches/downstream_build.sh            # both backends
#   bash tests/benches/downstream_build.sh rustls-ring
#
# It builds with the versions of the project's Cargo.lock and the crates.io cache; it sends no
# request anywhere.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
backends=("$@")
[ ${#backends[@]} -gt 0 ] || backends=(rustls-aws-lc rustls-ring)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for backend in "${backends[@]}"; do
  dir="$work/$backend"
  mkdir -p "$dir/src"
  cat > "$dir/Cargo.toml" <<TOML
[package]
name = "downstream"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
huaweicloud-sdk-functiongraph = { path = "$root/generated", default-features = false, features = ["$backend"] }
tokio = { version = "1", features = ["macros", "rt"] }

[workspace]
TOML
  cat > "$dir/src/main.rs" <<'RS'
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let client = huaweicloud_sdk_functiongraph::Client::builder()
        .endpoint("https://functiongraph.cn-north-4.myhuaweicloud.com")
        .project_id("0123456789abcdef0123456789abcdef")
        .access_key("AK", "SK")
        .build()
        .expect("a client");
    // Built, never sent: the request future is dropped unpolled.
    drop(client.invoke_function("urn:fss:cn-north-4:p:function:default:f:latest").send());
}
RS
  cp "$root/Cargo.lock" "$dir/Cargo.lock"
  start=$(date +%s.%N)
  CARGO_TARGET_DIR="$dir/target" cargo build --release --quiet --manifest-path "$dir/Cargo.toml"
  end=$(date +%s.%N)
  crates=$(ls "$dir/target/release/deps" | grep -c '\.rlib$' || true)
  printf '%-14s clean release build: %6.1f s, %s library crates\n' "$backend" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$crates"
done
