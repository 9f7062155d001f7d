#!/usr/bin/env bash
# Installs what is missing, builds nospill (the verify-server and the browser
# extension's WebAssembly), and starts the verify-server on
# http://127.0.0.1:8000 (override with NOSPILL_LISTEN or --listen ADDR).
# The quick start uses embedded defaults: a SQLite audit file, no other
# service. Load extension/ unpacked in Chrome afterwards (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/install.sh

step "toolchain"
ensure_rust_tools

bash scripts/build-extension.sh

step "verify-server (release build)"
cargo build --release -p verify-server

step "starting the verify-server (Ctrl-C stops it)"
exec target/release/verify-server serve "$@"
