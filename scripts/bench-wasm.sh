#!/usr/bin/env bash
# Prints the throughput of scanner-wasm under Node next to the native
# engine's, over the same generated texts (clean, keyword-dense,
# secret-dense): rule matching alone and the whole scan, with the
# native/wasm ratio for each.
#
# The native figures come from `cargo bench --bench matcher`, which also
# writes the texts; the WASM is built with wasm-pack --target nodejs
# (release, no wasm-opt: see scanner-wasm/Cargo.toml) into target/wasm-node.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/install.sh
target=$(realpath "${CARGO_TARGET_DIR:-target}")

if ! command -v node >/dev/null; then
    echo "bench-wasm.sh: node not found; install Node.js 20+" >&2
    exit 2
fi
ensure_rust_tools

step "native: cargo bench -p scanner-core --bench matcher"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! native=$(cargo bench -q -p scanner-core --bench matcher 2>"$log"); then
    cat "$log" >&2
    exit 1
fi
echo "$native"

step "wasm: wasm-pack build --target nodejs → $target/wasm-node"
wasm-pack --quiet build scanner-wasm --release --target nodejs --no-typescript \
    --out-dir "$target/wasm-node" >/dev/null

step "wasm under Node $(node --version): benchMatchCount and scan exports"
node scripts/lib/bench-wasm.cjs "$target/wasm-node" "$target/bench-texts" <<<"$native"
