"""Runs nospill and the peer secret scanners over the same corpora and prints
a side-by-side table (also written to target/compare/results.{md,json}).

Usage: scripts/compare.sh [--corpus DIR] [--bulk-mb 20 | --bulk-full]
                          [--only nospill,gitleaks] [--timeout 1800]
Prints counts only: no tool output, so no matched value, reaches the screen.
"""

import argparse
import datetime
import importlib
import json
from collections import Counter
import shutil
import sys
import tempfile
from pathlib import Path

import corpus
import score
from common import Ctx, InstallError, timed

PEERS = ["nospill", "kingfisher", "gitleaks", "detect_secrets", "credsweeper", "secretlint", "ripsecrets"]


def main():
    args = parse_args()
    repo = Path(__file__).resolve().parents[2]
    out = repo / "target" / "compare"
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="nospill-compare-"))
    ctx = Ctx(repo=repo, peers=repo / "target" / "peers", work=work)
    ctx.peers.mkdir(parents=True, exist_ok=True)
    try:
        labelled = corpus.labelled(repo, args.corpus, out / "labelled", args.seed, args.per_family)
        bulk = corpus.bulk(out / "bulk", None if args.bulk_full else args.bulk_mb,
                           repo / "target" / "bench-corpus.list")
        corpora = {"bulk": bulk}
        if labelled:
            corpora["labelled"] = labelled
        sizes = {name: corpus.size(folder) for name, folder in corpora.items()}
        for name, (files, total) in sizes.items():
            log(f"{name} corpus: {corpora[name]}, {files} files, {total / 1e6:.1f} MB")
        if not labelled:
            log("labelled corpus: none (no corpus-gen crate and no --corpus); recall not measured")
        truth = corpus.manifest(labelled) if labelled else []
        results, skipped = [], {}
        for name in args.only or PEERS:
            peer = importlib.import_module(f"peers.{name}")
            try:
                log(f"{peer.NAME}: installing if missing")
                peer.install(ctx)
                version = peer.version(ctx)
            except (InstallError, OSError) as err:
                skipped[peer.NAME] = str(err)
                log(f"{peer.NAME}: NOT INSTALLED: {err}")
                continue
            results.append(measure(peer, ctx, corpora, sizes, truth, version, args.timeout))
        meta = {
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "corpora": {name: {"path": str(corpora[name]), "files": f, "bytes": b} for name, (f, b) in sizes.items()},
            "positives": sum(1 for t in truth if t["kind"] == "positive"),
            "negatives": sum(1 for t in truth if t["kind"] == "negative"),
        }
        results.sort(key=lambda r: [importlib.import_module(f"peers.{n}").NAME for n in PEERS].index(r["tool"]))
        markdown = score.markdown(meta, results, skipped)
        print(markdown)
        (out / "results.md").write_text(markdown)
        (out / "results.json").write_text(
            json.dumps({"meta": meta, "tools": results, "not_installed": skipped}, indent=2) + "\n"
        )
        log(f"written: {out / 'results.md'}, {out / 'results.json'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure(peer, ctx, corpora, sizes, truth, version, timeout):
    """Runs one tool over each corpus and scores it."""
    result = {"tool": peer.NAME, "version": version, "threads": peer.THREADS, "lines": peer.LINES,
              "counted": peer.COUNTED, "mode": getattr(peer, "MODE", ""),
              "wall_s": 0.0, "cpu_s": 0.0, "bytes": 0, "errors": []}
    findings = {}
    # Start-up cost: the same command over an empty folder (loading rules,
    # compiling patterns, starting an interpreter). Not subtracted from MB/s.
    empty = ctx.work / "empty"
    empty.mkdir(exist_ok=True)
    argv, env = peer.command(ctx, Path("."), ctx.work / f"{peer.NAME}-empty.out")
    try:
        _, result["startup_s"], _, _ = timed(argv, ctx.work / f"{peer.NAME}-empty.stdout", cwd=empty, env=env,
                                             timeout=timeout)
    except (TimeoutError, OSError) as error:
        log(f"{peer.NAME} on an empty folder: FAILED ({type(error).__name__}: {error})")
    for leftover in ctx.work.glob(f"{peer.NAME}-empty.*"):
        leftover.unlink()
    for name, root in corpora.items():
        report = ctx.work / f"{peer.NAME}-{name}.out"
        # Tools are given "." and run inside the corpus, so that path-based
        # exclusions (CredSweeper skips any path with /target/ in it) see
        # only the corpus's own folders.
        argv, env = peer.command(ctx, Path("."), report)
        stdout = report if peer.REPORT_TO == "stdout" else ctx.work / f"{peer.NAME}-{name}.stdout"
        try:
            code, wall, cpu, err = timed(argv, stdout, cwd=root, env=env, timeout=timeout)
            found = peer.parse(report.read_text(errors="replace") if report.exists() else "", root)
        except (TimeoutError, ValueError, KeyError, OSError) as error:
            result["errors"].append(f"{name}: {type(error).__name__}: {error}")
            log(f"{peer.NAME} on {name}: FAILED ({type(error).__name__}: {error})")
            continue
        finally:
            for leftover in ctx.work.glob(f"{peer.NAME}-{name}.*"):
                leftover.unlink()  # raw output may hold matched values: never kept
        if code not in peer.OK_EXIT:
            result["errors"].append(f"{name}: exit {code}: {err[-120:]}")
        findings[name] = found
        result["wall_s"] += wall
        result["cpu_s"] += cpu
        result["bytes"] += sizes[name][1]
        log(f"{peer.NAME} on {name}: {len(found)} findings, {wall:.1f} s wall, {cpu:.1f} s CPU, exit {code}")
    result.update(score.labelled(findings.get("labelled"), truth) if "labelled" in corpora else {})
    if "bulk" in findings:
        bulk, megabytes = findings["bulk"], sizes["bulk"][1] / 1e6
        result["bulk_findings"] = len(bulk)
        result["bulk_per_mb"] = len(bulk) / megabytes
        result["bulk_locations"] = len({(path, line) for path, line, *_ in bulk})
        result["bulk_locations_per_mb"] = result["bulk_locations"] / megabytes
        result["bulk_files"] = len({path for path, *_ in bulk})
        result["bulk_by_rule"] = dict(Counter(rule for _, _, rule, *_ in bulk).most_common())
        # A peer's every finding is an alert; nospill marks informational
        # (low-severity) findings, which it lists without interrupting.
        result["bulk_alerts"] = sum(1 for f in bulk if len(f) < 4 or f[3])
        result["bulk_alerts_per_mb"] = result["bulk_alerts"] / megabytes
    return result


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", help="labelled corpus folder (default: generate with corpus-gen)")
    p.add_argument("--seed", type=int, default=1, help="corpus-gen seed")
    p.add_argument("--per-family", type=int, default=2, help="corpus-gen positives per family")
    p.add_argument("--bulk-mb", type=float, default=20, help="size of the bulk subset (default 20)")
    p.add_argument("--bulk-full", action="store_true",
                   help="the whole benchmark corpus of benches/scan.rs (64 MB) instead of a subset")
    p.add_argument("--only", type=lambda s: s.split(","), help=f"comma-separated subset of {','.join(PEERS)}")
    p.add_argument("--timeout", type=float, default=1800, help="seconds per tool and corpus")
    return p.parse_args()


def log(message):
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
