"""Scoring findings against the manifest, and the Markdown table."""

from collections import defaultdict


def labelled(findings, truth):
    """Recall (overall and per group) and the share of negatives flagged.

    A positive counts as found when a finding lies on a line within
    [line_start, line_end]; a finding without a line counts anywhere in the file.
    """
    if findings is None:
        return {}
    lines = defaultdict(set)
    for path, line in findings:
        lines[path].add(line)
    hits, groups = 0, defaultdict(lambda: [0, 0])
    negatives = flagged = positives = 0
    for item in truth:
        seen = lines.get(item["path"], set())
        if item["kind"] == "negative":
            negatives += 1
            flagged += bool(seen)
            continue
        positives += 1
        hit = None in seen or any(
            line is not None and item["line_start"] <= line <= item["line_end"] for line in seen
        )
        hits += hit
        groups[item["group"]][0] += hit
        groups[item["group"]][1] += 1
    return {
        "recall": hits / positives if positives else None,
        "found": hits,
        "positives": positives,
        "by_group": {g: {"found": f, "total": t} for g, (f, t) in sorted(groups.items())},
        "negatives_flagged": flagged / negatives if negatives else None,
        "negatives_flagged_n": flagged,
        "negatives": negatives,
    }


def pct(x):
    return "–" if x is None else f"{100 * x:.0f}%"


def markdown(meta, results, skipped):
    c = meta["corpora"]
    out = [f"Run {meta['date']}."]
    if "labelled" in c:
        out.append(
            f"Labelled corpus: {c['labelled']['files']} files, {c['labelled']['bytes'] / 1e6:.2f} MB "
            f"({meta['positives']} positives, {meta['negatives']} negatives)."
        )
    else:
        out.append("Labelled corpus: none, so no recall or negatives.")
    out.append(
        f"Bulk secret-free corpus (Python stdlib + Rust docs subset): {c['bulk']['files']} files, "
        f"{c['bulk']['bytes'] / 1e6:.1f} MB."
    )
    out += [
        "",
        "| tool | version | recall | recall by group | negatives flagged | bulk findings/MB | MB/s | MB/CPU-s | threads |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        groups = " ".join(f"{g} {v['found']}/{v['total']}" for g, v in r.get("by_group", {}).items())
        recall = pct(r.get("recall"))
        if r.get("recall") is not None:
            recall += f" ({r['found']}/{r['positives']})" + ("" if r["lines"] else " †")
        negs = pct(r.get("negatives_flagged"))
        if r.get("negatives_flagged") is not None:
            negs += f" ({r['negatives_flagged_n']}/{r['negatives']})"
        per_mb = f"{r['bulk_per_mb']:.2f}" if "bulk_per_mb" in r else "–"
        speed = f"{r['bytes'] / 1e6 / r['wall_s']:.2f}" if r["wall_s"] else "–"
        cpu = f"{r['bytes'] / 1e6 / r['cpu_s']:.2f}" if r["cpu_s"] else "–"
        name = r["tool"] + (f" ({r['mode']})" if r["mode"] else "")
        out.append(
            f"| {name} | {r['version']} | {recall} | {groups or '–'} | {negs} | {per_mb} | {speed} | {cpu} | {r['threads']} |"
        )
    out += [
        "",
        "Recall: positives with a finding on their labelled lines († = the tool reports no line, so any "
        "finding in the file counts). Negatives flagged: share of negative files with any finding. "
        "Bulk findings/MB: distinct (file, line) locations. MB/s: wall clock over bulk + labelled, "
        "process start included; MB/CPU-s: the same bytes per user+sys second of the tool's process tree.",
    ]
    for r in results:
        for error in r["errors"]:
            out.append(f"- {r['tool']}: {error}")
    for name, why in skipped.items():
        out.append(f"- {name}: not installed: {why}")
    return "\n".join(out) + "\n"
