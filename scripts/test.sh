#!/usr/bin/env bash
# Runs every check nospill has, installing what a fresh Debian machine with
# the Rust toolchain lacks. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/install.sh

step "toolchain: rustfmt, clippy, wasm32 target, wasm-bindgen, wasm-pack, Chromium"
ensure_rust_tools
ensure_browser

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p scanner-wasm --target wasm32-unknown-unknown --all-targets -- -D warnings

step "scanner-core builds for wasm32-unknown-unknown"
cargo build -p scanner-core --target wasm32-unknown-unknown

step "cargo test"
cargo test --workspace

step "compare scripts: peer output parsers and scoring (python3 unittest)"
python3 -m unittest discover -s scripts/compare

step "scanner-wasm in headless Chromium (wasm-bindgen-test)"
CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --release --headless --chrome scanner-wasm

step "extension: build (WASM into extension/pkg), tsc --checkJs, eslint, prettier, unit tests"
bash scripts/build-extension.sh --check

step "www-tests: real Chromium with the unpacked extension, real verify-server"
cargo build -p verify-server
(cd www-tests && npm ci --no-audit --no-fund && NOSPILL_VERIFY_SERVER="$PWD/../target/debug/verify-server" npm test)
