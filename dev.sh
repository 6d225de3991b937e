#!/usr/bin/env bash
# kubeplay's one entry point for developers and CI.
#   ./dev.sh serve   install what is missing, build, serve the playground on http://127.0.0.1:8080
#   ./dev.sh test    install what is missing (Chromium too) and run every test: engine, CLI, browser
#   ./dev.sh build   write a static dist/ that works from any sub-path of a static host
#   ./dev.sh bench   print speed and size figures
#   ./dev.sh fuzz [TARGET...] [--time SECONDS] [--runs N] [--merge]
#                    run the fuzz targets (nightly toolchain); --merge adds what found new
#                    coverage to the checked-in seeds, minimised
# Every step is idempotent and quiet when its tool is already there at the right version.
set -euo pipefail
cd "$(dirname "$0")"

TRUNK_VERSION=0.21.14
export PATH="$PWD/www/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! rustup component list --installed | grep -q '^rust-src'; then
    say "adding the standard library's source (the page builds its own, for size)"
    rustup component add rust-src
  fi
}

# The page's wasm is built with its own standard library, optimised for size, and with panics
# that abort at once instead of formatting a message nobody sees (the engine returns
# diagnostics; it does not panic on input): about 60 KB less to download, gzipped. These are
# unstable cargo and rustc flags, which the stable toolchain takes under RUSTC_BOOTSTRAP=1; the
# native CLI and the tests are built without them.
page_env() {
  RUSTC_BOOTSTRAP=1 \
  CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
  CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
    "$@"
}

page_build() {
  page_env trunk build --release --offline "$@"
  copy_editor_chunks
  graph_build
  sim_build
}

# The console's kubectl: the simulator with kubectl, a wasm of its own that the simulator's worker
# loads the first time the console is used (so the first load carries none of it); built for size
# like the page's.
sim_build() {
  local wasm=target/wasm32-unknown-unknown/wasm-release/kubeplay-sim.wasm
  page_env cargo build --quiet --offline --profile wasm-release --target wasm32-unknown-unknown \
    --no-default-features --features worker,console --bin kubeplay-sim
  wasm-bindgen --target web --no-typescript --out-dir dist --out-name kubeplay-sim "$wasm"
  wasm-opt -Oz --converge --low-memory-unused --enable-bulk-memory --enable-sign-ext \
    --enable-mutable-globals --enable-nontrapping-float-to-int --enable-reference-types \
    --enable-multivalue dist/kubeplay-sim_bg.wasm -o dist/kubeplay-sim_bg.wasm
}

# The Graph tab's layout is a wasm of its own, fetched the first time the tab opens: built beside
# the page's, with the same flags, but for speed rather than size (a big graph's layout runs at
# every change: twice as fast for 12 KiB more).
graph_build() {
  local wasm=target/wasm32-unknown-unknown/wasm-graph/kubeplay-graph.wasm
  page_env cargo build --quiet --offline --profile wasm-graph --target wasm32-unknown-unknown \
    --no-default-features --bin kubeplay-graph
  wasm-bindgen --target web --no-typescript --out-dir dist --out-name kubeplay-graph "$wasm"
  wasm-opt -O3 --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
    --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
    dist/kubeplay-graph_bg.wasm -o dist/kubeplay-graph_bg.wasm
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing Trunk $TRUNK_VERSION (takes several minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked --quiet
  fi
}

ensure_wasm_bindgen() {
  local want
  want=$(wasm_bindgen_version)
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]; then
    say "installing wasm-bindgen-cli $want"
    # No --locked: its lockfile pins a crate version the registry no longer serves.
    cargo install wasm-bindgen-cli --version "$want" --quiet
  fi
}

ensure_npm() {
  local stamp=www/node_modules/.kubeplay-installed
  if [ ! -f "$stamp" ] || [ www/package-lock.json -nt "$stamp" ]; then
    say "installing npm packages (CodeMirror, esbuild, binaryen, playwright-core, axe-core)"
    (cd www && npm ci --no-audit --no-fund --loglevel=error)
    touch "$stamp"
  fi
}

ensure_chromium() {
  # A Korean font too, so that the Korean page's layout is measured with real glyphs.
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list :lang=ko 2>/dev/null | grep -q .; then
    say "installing Chromium and a Korean font from Debian's packages"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver fonts-nanum >/dev/null
  fi
}

# The editor bundle, `www/gen/editor.js`, and the chunks it loads later (`editor-*.js`: search);
# rewritten only when their content changes, so Trunk does not rebuild for nothing.
bundle_editor() {
  mkdir -p www/gen
  local tmp f names
  tmp=$(mktemp -d)
  (cd www && esbuild editor.js --bundle --splitting --format=esm --minify --log-level=warning \
    --chunk-names='editor-[name]-[hash]' --outdir="$tmp")
  names=$(cd "$tmp" && ls)
  for f in www/gen/editor-*.js; do
    [ -e "$f" ] && ! grep -qxF "$(basename "$f")" <<<"$names" && rm -f "$f"
  done
  for f in "$tmp"/*.js; do
    cmp -s "$f" "www/gen/$(basename "$f")" || mv "$f" www/gen/
  done
  rm -rf "$tmp"
}

# wasm-bindgen copies the editor's bundle beside the page's bindings (`dist/snippets/...`); the
# chunks it imports go beside it.
copy_editor_chunks() {
  local d
  for d in dist/snippets/*/www/gen; do
    cp www/gen/editor-*.js "$d"/
  done
}

setup_web() {
  ensure_wasm_target
  ensure_npm
  ensure_trunk
  ensure_wasm_bindgen
  bundle_editor
  cargo fetch --quiet
  # The page's own standard library has crates of its own; Trunk builds offline, so they are
  # fetched here.
  RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    cargo fetch --quiet --target wasm32-unknown-unknown
}

build() {
  setup_web
  say "building the page (release)"
  rm -rf dist
  page_build 2>&1 | grep -vE '^\s*$|INFO' || true
  [ -f dist/index.html ] || { echo "dev.sh: the page did not build" >&2; exit 1; }
  [ -f dist/kubeplay-graph_bg.wasm ] || { echo "dev.sh: the graph's wasm did not build" >&2; exit 1; }
}

cmd_serve() {
  build
  say "serving the playground on http://127.0.0.1:8080/ (Ctrl+C stops)"
  exec node www/tests/server.js dist 8080
}

cmd_test() {
  setup_web
  ensure_chromium
  say "engine and CLI tests"
  cargo test --quiet 2>&1
  cargo test --quiet --test corpus -- --nocapture 2>/dev/null | grep '^corpus:' || true
  build
  say "browser tests"
  (cd www && node --test tests/*.test.js)
}

cmd_bench() {
  build
  ensure_chromium
  say "native: parse + analyse"
  cargo run --release --quiet --example bench
  say "browser: edit → updated view, and sizes"
  (cd www && node tests/bench.mjs)
}

ensure_cargo_fuzz() {
  if ! cargo fuzz --version >/dev/null 2>&1; then
    say "installing cargo-fuzz"
    cargo install cargo-fuzz --locked --quiet
  fi
  if ! rustup toolchain list | grep -q '^nightly'; then
    echo "dev.sh: fuzzing needs the nightly toolchain (rustup toolchain list shows none)" >&2
    exit 1
  fi
}

FUZZ_TARGETS="manifest selector share simulate cron shell graph console"

cmd_fuzz() {
  local targets="" time=60 runs="" merge=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --time) time="$2"; shift 2 ;;
      --runs) runs="-runs=$2"; shift 2 ;;
      --merge) merge=1; shift ;;
      *) targets="$targets $1"; shift ;;
    esac
  done
  targets="${targets:-$FUZZ_TARGETS}"
  ensure_cargo_fuzz
  for t in $targets; do
    mkdir -p "fuzz/corpus/$t"
    local extra="" max_len=16384
    # Manifests written by others: read at fuzz time, never committed. Manifest inputs are cut at
    # 4 KiB: each costs a few reads, and the parsers' paths are all reached by short documents.
    if [ "$t" = manifest ] && [ -d ../shared/corpus ]; then extra=../shared/corpus; fi
    if [ "$t" = manifest ]; then max_len=4096; fi
    if [ -n "$merge" ]; then
      say "fuzz $t: merging new coverage into fuzz/seeds/$t"
      cargo +nightly fuzz run --sanitizer none --debug-assertions "$t" "fuzz/seeds/$t" "fuzz/corpus/$t" -- -merge=1 2>&1 | grep -E '^MERGE-OUTER' || true
      continue
    fi
    say "fuzz $t for ${time}s"
    cargo +nightly fuzz run --sanitizer none --debug-assertions "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" $extra -- \
      -max_total_time="$time" $runs -rss_limit_mb=2048 -timeout=30 -max_len="$max_len" -print_final_stats=1 2>&1 \
      | grep -vE '^#[0-9]+\s+(NEW|REDUCE|pulse)' || true
    if ls fuzz/artifacts/"$t"/crash-* fuzz/artifacts/"$t"/timeout-* fuzz/artifacts/"$t"/oom-* >/dev/null 2>&1; then
      echo "dev.sh: fuzz $t found failing inputs in fuzz/artifacts/$t" >&2
      exit 1
    fi
  done
}

case "${1:-}" in
  serve) cmd_serve ;;
  test) cmd_test ;;
  build) build ;;
  bench) cmd_bench ;;
  fuzz) shift; cmd_fuzz "$@" ;;
  *) echo "usage: ./dev.sh serve|test|build|bench|fuzz" >&2; exit 2 ;;
esac
