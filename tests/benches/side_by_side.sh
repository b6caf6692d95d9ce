#!/usr/bin/env bash
# sdkgen side by side with progenitor, and the generated client against a hand-written call
# (issue 13). Run from anywhere in a checkout; everything goes to target/side-by-side/:
#
#   bash tests/benches/side_by_side.sh                   # every part
#   PARTS="generation builds" bash tests/benches/side_by_side.sh
#
# Parts (PARTS, default all four):
#   generation    wall time of generating a crate, sdkgen against cargo-progenitor, with
#                 hyperfine: RUNS runs (default 30) per case after 3 warm-ups, the output
#                 directory removed before each run (--prepare), on the specs of 5 operations
#                 (spec/functiongraph.yaml), 92 (tests/benches/specs/functiongraph_full.yaml,
#                 the whole FunctionGraph API, see derive_functiongraph_spec.py) and 500 (the
#                 synthetic spec of generator/benches/generation.rs, written out by
#                 `cargo run -p sdkgen --example synthetic_spec`).
#   size          .rs files and lines of each generated crate, and lines per operation.
#   builds        `cargo build --release` of the 5- and 92-operation crates of each generator,
#                 and of progenitor's 5-operation crate with rustls (ring) added to its reqwest,
#                 with hyperfine: CLEAN_RUNS times (default 2) from a clean target directory of
#                 its own (removed before each run), then REBUILD_RUNS times (default 3) after
#                 `touch src/lib.rs`.
#   instructions  instructions per call of the generated client and of the hand-written calls
#                 of tests/benches/client.rs, both with an IAM token, for each of the five
#                 operations (its ROUND_TRIP_PROFILE mode), counted by valgrind
#                 (cachegrind): the count of a run of 5 x 2N calls less that of 5 x N calls,
#                 over 5 x N, so start-up cancels out. Client and loopback server are in one
#                 process, so each figure holds the server's instructions too; the difference
#                 between two variants is the client's alone.
# Other knobs: JOBS (cargo -j, default: every core), CALLS (N above, default 1000),
# STEP_TIMEOUT (seconds any one command may take, default 1800).
#
# Setup, before anything is measured, is the only part that uses the network, and only to reach
# crates.io (and Debian's packages for valgrind, when it is missing): cargo-progenitor 0.15.1 and
# hyperfine are installed into target/bench-tools with `cargo install --locked`, and the
# dependencies of the crates to build are fetched. The measurements themselves run offline
# and contact nothing. CI never runs this script.
#
# progenitor reads the three specs as they are: it ignores the x- extensions sdkgen reads,
# the servers, and the security schemes, so nothing is stripped. Both generators run in their
# closest styles: progenitor with `--interface builder` (sdkgen's clients take the required
# inputs as arguments and the optional ones through a builder), the generated Cargo.toml of
# each as it comes. The two crates' dependencies differ (ours has TLS with rustls and ring,
# progenitor's reqwest none), so clean builds compare the crates with all they pull in,
# and rebuilds the generated code alone.
#
# Related measurements, not repeated here: bash tests/benches/downstream_build.sh (a downstream
# binary's clean build per TLS backend), cargo bench -p functiongraph-tests --bench client
# (throughput ratios to the hand-written calls) and --bench construction (making clients),
# cargo bench -p sdkgen --bench generation (generation in memory, by stage and by size).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

RUNS=${RUNS:-30}
CLEAN_RUNS=${CLEAN_RUNS:-2}
REBUILD_RUNS=${REBUILD_RUNS:-3}
JOBS=${JOBS:-$(nproc)}
CALLS=${CALLS:-1000}
STEP_TIMEOUT=${STEP_TIMEOUT:-1800}
PARTS=${PARTS:-generation size builds instructions}
PROGENITOR_VERSION=0.15.1
HYPERFINE_VERSION=1.20.0 # 2.0 needs a newer rustc than the project's 1.88

target=${CARGO_TARGET_DIR:-$root/target}
work=$root/target/side-by-side
tools=$root/target/bench-tools
results=$work/results.md
export PATH="$tools/bin:$PATH"

step() { printf '\n==> %s\n' "$*" >&2; }
bounded() { timeout "$STEP_TIMEOUT" "$@"; }
has_part() { [[ " $PARTS " == *" $1 "* ]]; }
load() { uptime | sed 's/.*load average/load average/'; }
# A hyperfine CSV's row for a command: mean ± stddev and min–max, in ms or s.
csv_row() {
  awk -F, -v name="$2" -v unit="$3" '
    $1 == name { f = (unit == "ms") ? 1000 : 1;
      printf "%.*f ± %.*f %s (%.*f–%.*f)", p(f), $2 * f, p(f), $3 * f, unit, p(f), $7 * f, p(f), $8 * f }
    function p(f) { return f == 1 ? 2 : 1 }' "$1"
}
csv_mean() { awk -F, -v name="$2" '$1 == name { print $2 }' "$1"; }
# Its mean CPU time, user + system, in the same unit; and the mean CPU time in seconds.
csv_cpu() {
  awk -F, -v name="$2" -v unit="$3" '
    $1 == name { f = (unit == "ms") ? 1000 : 1; printf "%.*f %s (%.*f + %.*f)", p(f), ($5 + $6) * f, unit, p(f), $5 * f, p(f), $6 * f }
    function p(f) { return f == 1 ? 2 : 1 }' "$1"
}
csv_cpu_mean() { awk -F, -v name="$2" '$1 == name { print $5 + $6 }' "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

mkdir -p "$work"
: > "$results"
emit() { printf '%s\n' "$*" | tee -a "$results"; }

fstype=$(findmnt -n -o FSTYPE -T "$work" || echo unknown)
step "output under $work, on a $fstype file system; load at start: $(load)"
if [ "$fstype" = tmpfs ]; then
  echo "warning: $work is on tmpfs, not on disk; the generation times will not be the disk's" >&2
fi

# ---------------------------------------------------------------------------------- setup
step "setup: tools into $tools"
installed() { cargo install --list --root "$tools" 2>/dev/null | grep -q "^$1 v$2:"; }
installed cargo-progenitor "$PROGENITOR_VERSION" ||
  bounded cargo install --quiet --locked --root "$tools" "cargo-progenitor@$PROGENITOR_VERSION"
installed hyperfine "$HYPERFINE_VERSION" ||
  bounded cargo install --quiet --locked --root "$tools" "hyperfine@$HYPERFINE_VERSION"
if has_part instructions && ! command -v valgrind >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq valgrind >/dev/null
  else
    echo "valgrind is missing: install it (Debian: apt-get install valgrind) or leave out the instructions part" >&2
    exit 1
  fi
fi
progenitor=$tools/bin/cargo-progenitor

step "setup: the release sdkgen and the specs"
bounded cargo build --quiet --release -j"$JOBS" -p sdkgen --bin sdkgen --example synthetic_spec
sdkgen=$target/release/sdkgen
mkdir -p "$work/specs"
"$target/release/examples/synthetic_spec" 500 > "$work/specs/synthetic_500.yaml"
declare -A spec_of=(
  [5]=spec/functiongraph.yaml
  [92]=tests/benches/specs/functiongraph_full.yaml
  [500]=$work/specs/synthetic_500.yaml
)

# Generates the crate of spec $2 with generator $1 (ours or progenitor) into folder $3.
generate() {
  case $1 in
    ours) "$sdkgen" --spec "${spec_of[$2]}" --out "$3" --crate-name "fg-ours-$2" > /dev/null ;;
    progenitor)
      "$progenitor" progenitor -i "${spec_of[$2]}" -o "$3" -n "fg-progenitor-$2" -v 0.1.0 \
        --interface builder > /dev/null ;;
  esac
}
generate_command() {
  case $1 in
    ours) echo "$sdkgen --spec ${spec_of[$2]} --out $3 --crate-name fg-ours-$2" ;;
    progenitor) echo "$progenitor progenitor -i ${spec_of[$2]} -o $3 -n fg-progenitor-$2 -v 0.1.0 --interface builder" ;;
  esac
}

# Lays out a scratch workspace $3 around the crate of spec $2 from generator $1, with its
# dependencies fetched (the lock file of this project for ours, a fresh one for progenitor's).
# progenitor-tls is progenitor's crate with the TLS that ours has, rustls with ring, added to
# its reqwest: the clean build of a crate that can reach an https endpoint.
layout() {
  rm -rf "$3"
  mkdir -p "$3"
  generate "${1%-tls}" "$2" "$3/crate"
  if [ "$1" = progenitor-tls ]; then
    sed -i -e 's/^\(reqwest = .*features = \[[^]]*\)\]/\1, "rustls-no-provider"]/' \
      -e '/^reqwest = /a rustls = { version = "0.23", default-features = false, features = ["ring", "std"] }' \
      "$3/crate/Cargo.toml"
    grep -q rustls-no-provider "$3/crate/Cargo.toml" || { echo "progenitor's reqwest line changed" >&2; exit 1; }
  fi
  printf '[workspace]\nresolver = "3"\nmembers = ["crate"]\n' > "$3/Cargo.toml"
  if [ "$1" = ours ]; then
    cp Cargo.lock "$3/Cargo.lock"
  else
    bounded cargo generate-lockfile --quiet --manifest-path "$3/Cargo.toml"
  fi
  bounded cargo fetch --quiet --manifest-path "$3/Cargo.toml"
}

if has_part builds; then
  step "setup: the crates to build, and their dependencies"
  for n in 5 92; do
    for gen in ours progenitor; do
      layout "$gen" "$n" "$work/build/$gen-$n"
    done
  done
  layout progenitor-tls 5 "$work/build/progenitor-tls-5"
fi
if has_part instructions; then
  step "setup: the client benchmark"
  client_bench=$(bounded cargo bench -j"$JOBS" -p functiongraph-tests --bench client --no-run 2>&1 |
    sed -n 's/.*Executable .*(\(.*\)).*/\1/p' | tail -1)
  case $client_bench in /*) ;; *) client_bench=$root/$client_bench ;; esac
  [ -x "$client_bench" ] || { echo "no client benchmark binary found" >&2; exit 1; }
fi
export CARGO_NET_OFFLINE=true

emit "# sdkgen side by side with progenitor $PROGENITOR_VERSION"
emit ""
emit "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, rustc $(rustc --version | cut -d' ' -f2), output on $fstype, cargo -j$JOBS"

# ----------------------------------------------------------------------------- generation
if has_part generation; then
  step "generation: hyperfine, $RUNS runs per case; load: $(load)"
  emit ""
  emit "## Generation wall time ($RUNS runs each, output directory removed before each run)"
  emit ""
  emit "Wall time: mean ± standard deviation (min–max). CPU: user + system, the mean of the runs."
  emit ""
  emit "| operations | sdkgen wall | progenitor wall | sdkgen / progenitor | sdkgen CPU | progenitor CPU | sdkgen / progenitor |"
  emit "|---:|---:|---:|---:|---:|---:|---:|"
  for n in 5 92 500; do
    csv=$work/generation-$n.csv
    ours_out=$work/generation/ours-$n
    prog_out=$work/generation/progenitor-$n
    bounded hyperfine --style basic --runs "$RUNS" --warmup 3 --export-csv "$csv" \
      --prepare "rm -rf $ours_out" -n "sdkgen" "$(generate_command ours "$n" "$ours_out")" \
      --prepare "rm -rf $prog_out" -n "progenitor" "$(generate_command progenitor "$n" "$prog_out")" >&2
    emit "| $n | $(csv_row "$csv" sdkgen ms) | $(csv_row "$csv" progenitor ms)" \
      "| $(ratio "$(csv_mean "$csv" sdkgen)" "$(csv_mean "$csv" progenitor)")" \
      "| $(csv_cpu "$csv" sdkgen ms) | $(csv_cpu "$csv" progenitor ms)" \
      "| $(ratio "$(csv_cpu_mean "$csv" sdkgen)" "$(csv_cpu_mean "$csv" progenitor)") |"
  done
  emit ""
  emit "Load after generation: $(load)"
fi

# ----------------------------------------------------------------------------------- size
if has_part size; then
  step "size of the generated crates"
  emit ""
  emit "## Generated code (every .rs file of the crate)"
  emit ""
  emit "| operations | sdkgen files | sdkgen lines | per operation | progenitor files | progenitor lines | per operation |"
  emit "|---:|---:|---:|---:|---:|---:|---:|"
  for n in 5 92 500; do
    row="| $n"
    for gen in ours progenitor; do
      dir=$work/size/$gen-$n
      rm -rf "$dir"
      generate "$gen" "$n" "$dir"
      files=$(find "$dir" -name '*.rs' | wc -l)
      lines=$(find "$dir" -name '*.rs' -print0 | xargs -0 cat | wc -l)
      row="$row | $files | $lines | $(awk -v l="$lines" -v n="$n" 'BEGIN { printf "%.0f", l / n }')"
    done
    emit "$row |"
  done
fi

# --------------------------------------------------------------------------------- builds
if has_part builds; then
  step "builds; load: $(load)"
  emit ""
  emit "## cargo build --release of the generated crate"
  emit ""
  emit "Mean ± standard deviation (min–max)."
  emit ""
  emit "| crate | clean build ($CLEAN_RUNS runs) | library crates | rebuild after touch src/lib.rs ($REBUILD_RUNS runs) |"
  emit "|---|---:|---:|---:|"
  for crate in ours-5 progenitor-5 progenitor-tls-5 ours-92 progenitor-92; do
    gen=${crate%-*} n=${crate##*-}
    dir=$work/build/$gen-$n
    tgt=$dir/target
    build="CARGO_TARGET_DIR=$tgt cargo build --quiet --release -j$JOBS --manifest-path $dir/Cargo.toml"
    step "clean builds of $gen-$n; load: $(load)"
    clean=$work/clean-$gen-$n.csv
    bounded hyperfine --style basic --runs "$CLEAN_RUNS" --export-csv "$clean" \
      --prepare "rm -rf $tgt" -n clean "$build" >&2
    crates=$(find "$tgt/release/deps" -name '*.rlib' | wc -l)
    csv=$work/rebuild-$gen-$n.csv
    bounded hyperfine --style basic --runs "$REBUILD_RUNS" --export-csv "$csv" \
      --prepare "touch $dir/crate/src/lib.rs" -n rebuild "$build" >&2
    case $gen in
      ours) name=sdkgen ;;
      progenitor) name=progenitor ;;
      progenitor-tls) name="progenitor with rustls (ring)" ;;
    esac
    emit "| $name, $n operations | $(csv_row "$clean" clean s) | $crates | $(csv_row "$csv" rebuild s) |"
  done
  emit ""
  emit "Load after the builds: $(load)"
fi

# --------------------------------------------------------------------------- instructions
if has_part instructions; then
  step "instructions per call; load: $(load)"
  # The instructions valgrind counted in one run of ROUND_TRIP_PROFILE=$1,$2,$3.
  instructions() {
    ROUND_TRIP_PLACEMENT=shared-core ROUND_TRIP_PROFILE="$1,$2,$3" bounded valgrind \
      --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$client_bench" 2>&1 |
      sed -n 's/.*I *refs: *\([0-9,]*\).*/\1/p' | tr -d ,
  }
  emit ""
  emit "## Instructions per call (valgrind; client and loopback server, one process; IAM token)"
  emit ""
  emit "| operation | generated | hand-written | generated / hand-written |"
  emit "|---|---:|---:|---:|"
  for op in AsyncInvokeFunction ShowFunctionAsyncInvokeConfig InvokeFunction ListAsyncInvocations CancelAsyncInvocation; do
    declare -A per_call=()
    for variant in generated_token handwritten_token; do
      one=$(instructions "$op" "$variant" "$CALLS")
      two=$(instructions "$op" "$variant" $((CALLS * 2)))
      per_call[$variant]=$(awk -v a="$one" -v b="$two" -v n="$CALLS" 'BEGIN { printf "%.0f", (b - a) / (5 * n) }')
    done
    g=${per_call[generated_token]} h=${per_call[handwritten_token]}
    emit "| $op | $g | $h | $(awk -v a="$g" -v b="$h" 'BEGIN { printf "%.3f", a / b }') |"
    unset per_call
  done
  emit ""
  emit "Load at the end: $(load)"
fi

step "figures written to $results"
