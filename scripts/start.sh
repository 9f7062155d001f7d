#!/usr/bin/env bash
# Builds nospill and starts the verify-server on http://127.0.0.1:8000
# (override with NOSPILL_LISTEN). Needs only the Rust toolchain: the quick
# start uses embedded defaults, no database or other service.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null; then
    echo "start.sh: cargo not found; install Rust first: https://rustup.rs" >&2
    exit 2
fi
cargo build --release -p verify-server
exec target/release/verify-server serve "$@"
