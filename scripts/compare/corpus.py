"""The two corpora: the labelled one from corpus-gen, and a secret-free bulk
subset of text already on the machine (the same roots and filters as
scanner-core/benches/scan.rs, so the figures are comparable)."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

EXTENSIONS = (".py", ".html", ".md", ".txt", ".rst")
# Test suites hold deliberate key material; the rest is third-party or noise.
SKIPPED = {"test", "tests", "site-packages", "__pycache__", "idlelib"}
# Folder names some scanners skip by default (nospill among them): kept out
# so every tool reads the same files.
UNFAIR = {"target", "node_modules", ".git"}


def labelled(repo: Path, given: str | None, out: Path, seed: int, per_family: int) -> Path | None:
    """The labelled corpus folder: the one given, or a fresh corpus-gen run."""
    if given:
        return Path(given).resolve()
    if not (repo / "corpus-gen" / "Cargo.toml").exists():
        return None
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(
        ["cargo", "run", "--release", "-q", "-p", "corpus-gen", "--",
         "--out", str(out), "--seed", str(seed), "--per-family", str(per_family)],
        cwd=repo, check=True, stdout=sys.stderr,  # keeps stdout for the table
    )
    return out


def manifest(folder: Path) -> list[dict]:
    with open(folder / "manifest.jsonl") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def bulk_roots() -> list[tuple[str, Path]]:
    roots = [("python", Path(sysconfig.get_paths()["stdlib"]))]
    sysroot = subprocess.run(["rustc", "--print", "sysroot"], capture_output=True, text=True)
    if sysroot.returncode == 0:
        roots.append(("rust", Path(sysroot.stdout.strip()) / "share/doc/rust/html"))
    return roots


def text_files(root: Path) -> list[Path]:
    """Text files under root, as benches/scan.rs walks them, sorted the same way."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SKIPPED]
        found += [Path(dirpath) / n for n in filenames if n.endswith(EXTENSIONS)]
    return sorted(found, key=lambda path: path.parts)


def subset(megabytes: float) -> list[tuple[str, Path]]:
    """An even share of the budget from each root, files in the order of a
    hash of their path: every folder is represented, and runs agree."""
    roots = bulk_roots()
    chosen = []
    for label, root in roots:
        files = [p for p in text_files(root) if not UNFAIR & set(p.relative_to(root).parts)]
        files.sort(key=lambda p: hashlib.sha1(str(p.relative_to(root)).encode()).digest())
        total = 0
        for path in files:
            size = path.stat().st_size
            if total + size <= megabytes * 1e6 / len(roots):
                chosen.append((f"{label}/{path.relative_to(root)}", path))
                total += size
    return chosen


def bench_set(listing: Path) -> list[tuple[str, Path]]:
    """The benchmark corpus of benches/scan.rs: its list when it was written,
    else the same rule (roots in order, sorted, first 64 MB)."""
    roots = bulk_roots()
    if listing.exists():
        paths = [Path(line) for line in listing.read_text().splitlines() if line]
    else:
        paths, total = [], 0
        for _, root in roots:
            for path in text_files(root):
                total += path.stat().st_size
                if total <= 64 * 1024 * 1024:
                    paths.append(path)
    chosen = []
    for path in paths:
        label, root = next(((l, r) for l, r in roots if path.is_relative_to(r)), ("other", path.parent))
        chosen.append((f"{label}/{path.relative_to(root)}", path))
    return chosen


def bulk(out: Path, megabytes: float | None, bench_list: Path) -> Path:
    """Links the subset (or, when megabytes is None, the benchmark corpus)
    into out; reuses out when it already holds exactly those files."""
    chosen = bench_set(bench_list) if megabytes is None else subset(megabytes)
    listing = out.with_suffix(".list")
    wanted = "".join(f"{rel}\n" for rel, _ in sorted(chosen))
    if out.is_dir() and listing.exists() and listing.read_text() == wanted:
        return out
    shutil.rmtree(out, ignore_errors=True)
    for rel, path in chosen:
        dest = out / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, dest)
        except OSError:
            shutil.copyfile(path, dest)
    listing.write_text(wanted)
    return out


def size(folder: Path) -> tuple[int, int]:
    """(files, bytes) under folder."""
    count = total = 0
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            count += 1
            total += os.path.getsize(os.path.join(dirpath, name))
    return count, total
