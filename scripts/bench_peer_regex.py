#!/usr/bin/env python3
"""Peer for the throughput benchmark: nospill's own rule patterns run by
Python's `re` over every file, with no prefilter -- what a scanner built the
obvious way does. Reads the corpus list written by `cargo bench --bench scan`
and prints MB/s over the same bytes."""

import pathlib
import re
import sys
import time
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def load_patterns():
    patterns = []
    for path in sorted((ROOT / "scanner-core" / "rules").glob("*.toml")):
        for rule in tomllib.loads(path.read_text())["rule"]:
            try:
                patterns.append(re.compile(rule["pattern"]))
            except re.error as err:
                print(f"skip {rule['id']}: {err}", file=sys.stderr)
    return patterns


def main():
    listing = pathlib.Path(sys.argv[1])
    files = [pathlib.Path(line) for line in listing.read_text().splitlines() if line]
    texts = [f.read_bytes().decode("utf-8", "replace") for f in files]
    total = sum(len(f.read_bytes()) for f in files)
    patterns = load_patterns()
    best = float("inf")
    for _ in range(1):
        started = time.perf_counter()
        hits = 0
        for text in texts:
            for pattern in patterns:
                hits += sum(1 for _ in pattern.finditer(text))
        best = min(best, time.perf_counter() - started)
    print(f"peer python-re: {len(patterns)} patterns, {total / 1e6 / best:.1f} MB/s (one run), {hits} matches")


if __name__ == "__main__":
    main()
