#!/usr/bin/env bash
# Runs every check nospill has, installing what a fresh Debian machine with
# the Rust toolchain lacks. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "toolchain: rustfmt, clippy, wasm32 target"
rustup component add rustfmt clippy >/dev/null
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets -- -D warnings

step "scanner-core builds for wasm32-unknown-unknown"
cargo build -p scanner-core --target wasm32-unknown-unknown

step "cargo test"
cargo test --workspace
