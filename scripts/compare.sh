#!/usr/bin/env bash
# Runs nospill and every peer secret scanner installable here (Kingfisher,
# gitleaks, detect-secrets, CredSweeper, secretlint, ripsecrets) over the same
# corpora and prints a side-by-side table; peers are installed into
# target/peers/ when missing. Options: scripts/compare.sh --help.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
exec python3 scripts/compare/compare.py "$@"
