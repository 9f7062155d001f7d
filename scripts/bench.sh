#!/usr/bin/env bash
# Prints nospill's scan throughput and 1000-page PDF time, and a peer's
# throughput over the same corpus, measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(cargo bench -p scanner-core --bench scan 2>/dev/null)
echo "$out"
peer=$(python3 scripts/bench_peer_regex.py target/bench-corpus.list)
echo "$peer"
ours=$(sed -n 's/^text corpus: \([0-9.]*\) MB\/s.*/\1/p' <<<"$out")
theirs=$(sed -n 's/.* \([0-9.]*\) MB\/s.*/\1/p' <<<"$peer")
python3 -c "print(f'ratio nospill / python-re: {float($ours) / float($theirs):.1f}x')"
