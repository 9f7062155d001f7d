#!/usr/bin/env bash
# Builds the browser extension into extension/: the scanner WebAssembly
# (wasm-pack, --target web) goes to extension/pkg/, which the scanner worker
# imports. With --check it also installs the extension's npm dev
# dependencies and runs its type check, lint, format check and unit tests.
#
# Installs no toolchain itself (scripts/test.sh does, through
# scripts/lib/install.sh); it stops with a clear message when one is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/install.sh

check=false
for arg in "$@"; do
    case "$arg" in
        --check) check=true ;;
        -h | --help)
            echo "usage: scripts/build-extension.sh [--check]"
            echo "  --check  also run npm ci, 'npm run check' (tsc, eslint, prettier) and 'npm test' in extension/"
            exit 0
            ;;
        *)
            echo "build-extension.sh: unknown argument '$arg' (try --help)" >&2
            exit 2
            ;;
    esac
done

if ! command -v wasm-pack >/dev/null; then
    echo "build-extension.sh: wasm-pack not found." >&2
    echo "  Run ./scripts/test.sh once (it installs the Rust tools), or source" >&2
    echo "  scripts/lib/install.sh and call ensure_rust_tools." >&2
    exit 2
fi
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    echo "build-extension.sh: the wasm32-unknown-unknown target is missing;" >&2
    echo "  run: rustup target add wasm32-unknown-unknown" >&2
    exit 2
fi

step "scanner-wasm → extension/pkg (wasm-pack, release, --target web)"
# The .d.ts files stay: tsc --checkJs types the worker's import from them.
wasm-pack build scanner-wasm --release --target web --out-dir ../extension/pkg
# wasm-pack writes an npm package around the module; the extension loads the
# files directly, so the package noise goes.
rm -f extension/pkg/.gitignore extension/pkg/package.json extension/pkg/README.md

wasm=extension/pkg/scanner_wasm_bg.wasm
bytes=$(stat -c %s "$wasm")
gzipped=$(gzip -9 -c "$wasm" | wc -c)
awk -v b="$bytes" -v g="$gzipped" \
    'BEGIN { printf "WASM size: %d bytes (%.2f MiB), %d bytes gzipped (%.2f MiB)\n", b, b / 1048576, g, g / 1048576 }'

if $check; then
    if ! command -v npm >/dev/null; then
        echo "build-extension.sh: npm not found; install Node.js 20+ (Debian: apt-get install nodejs npm)" >&2
        exit 2
    fi
    step "extension: npm ci, then tsc + eslint + prettier, then unit tests"
    (cd extension && npm ci --no-audit --no-fund && npm run check && npm test)
fi

echo "extension ready: load extension/ unpacked (chrome://extensions → Developer mode → Load unpacked)"
