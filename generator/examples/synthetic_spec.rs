//! Writes the synthetic spec of the generation benchmark (`benches/generation.rs`) with `n`
//! operations to standard output, for `tests/benches/side_by_side.sh`:
//!
//! ```sh
//! cargo run --release -p sdkgen --example synthetic_spec -- 500 > synthetic_500.yaml
//! ```

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

fn main() {
    let operations = std::env::args()
        .nth(1)
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or_else(|| {
            eprintln!("usage: synthetic_spec OPERATIONS");
            std::process::exit(2)
        });
    print!("{}", synthetic::synthetic_spec(operations));
}
