"""Scoring findings against the manifest, and the Markdown table."""

from collections import Counter, defaultdict


def labelled(findings, truth):
    """Recall (overall and per group) and the share of negatives flagged.

    How a positive is scored, the same for every tool: it counts as found
    when the tool reports a finding in that file on a line within the
    manifest's [line_start, line_end] (the lines the secret occupies); a
    finding elsewhere in the file does not count, except that a finding
    without a line counts anywhere in its file. Which rule fired is not
    checked: tools name rules differently. A negative file counts as
    flagged when it has any finding at all.
    """
    if findings is None:
        return {}
    lines = defaultdict(set)
    rules = defaultdict(list)
    for path, line, *rule in findings:
        lines[path].add(line)
        rules[path].append(rule[0] if rule else None)
    hits, groups = 0, defaultdict(lambda: [0, 0])
    negatives = flagged = positives = 0
    negative_rules = Counter()
    missed = Counter()
    for item in truth:
        seen = lines.get(item["path"], set())
        if item["kind"] == "negative":
            negatives += 1
            flagged += bool(seen)
            negative_rules.update(rules.get(item["path"], []))
            continue
        positives += 1
        hit = None in seen or any(
            line is not None and item["line_start"] <= line <= item["line_end"] for line in seen
        )
        hits += hit
        groups[item["group"]][0] += hit
        groups[item["group"]][1] += 1
        if not hit:
            missed[item.get("family", item["group"])] += 1
    return {
        "recall": hits / positives if positives else None,
        "found": hits,
        "positives": positives,
        "by_group": {g: {"found": f, "total": t} for g, (f, t) in sorted(groups.items())},
        "missed_families": dict(missed.most_common()),
        "negatives_flagged": flagged / negatives if negatives else None,
        "negatives_flagged_n": flagged,
        "negatives": negatives,
        "negative_findings_by_rule": dict(negative_rules.most_common()),
    }


def pct(x):
    return "–" if x is None else f"{100 * x:.0f}%"


def top(counts, n=5):
    """The n most frequent rule ids as 'id N, id N'."""
    items = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
    shown = ", ".join(f"{rule or '(no rule id)'} {count}" for rule, count in items[:n])
    return shown + (f", … {len(items) - n} more" if len(items) > n else "") if items else "none"


def markdown(meta, results, skipped):
    c = meta["corpora"]
    out = [f"Run {meta['date']}."]
    if "labelled" in c:
        out.append(
            f"Labelled corpus: {c['labelled']['files']} files, {c['labelled']['bytes'] / 1e6:.2f} MB "
            f"({meta['positives']} positives, {meta['negatives']} hard negatives)."
        )
    else:
        out.append("Labelled corpus: none, so no recall or negatives.")
    out.append(
        f"Bulk secret-free corpus (Python stdlib + Rust docs subset): {c['bulk']['files']} files, "
        f"{c['bulk']['bytes'] / 1e6:.1f} MB."
    )
    out += [
        "",
        "| tool | version | recall | negatives flagged | bulk findings/MB | bulk alerts/MB | bulk lines/MB | MB/s | MB/CPU-s | start-up s | threads |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        recall = pct(r.get("recall"))
        if r.get("recall") is not None:
            recall += f" ({r['found']}/{r['positives']})" + ("" if r["lines"] else " †")
        negs = pct(r.get("negatives_flagged"))
        if r.get("negatives_flagged") is not None:
            negs += f" ({r['negatives_flagged_n']}/{r['negatives']})"
        per_mb = f"{r['bulk_per_mb']:.2f} ({r['bulk_findings']})" if "bulk_per_mb" in r else "–"
        alerts_mb = f"{r['bulk_alerts_per_mb']:.2f} ({r['bulk_alerts']})" if "bulk_alerts_per_mb" in r else "–"
        lines_mb = f"{r['bulk_locations_per_mb']:.2f}" if "bulk_locations_per_mb" in r else "–"
        speed = f"{r['bytes'] / 1e6 / r['wall_s']:.2f}" if r["wall_s"] else "–"
        cpu = f"{r['bytes'] / 1e6 / r['cpu_s']:.2f}" if r["cpu_s"] else "–"
        startup = f"{r['startup_s']:.2f}" if "startup_s" in r else "–"
        name = r["tool"] + (f" ({r['mode']})" if r["mode"] else "")
        out.append(
            f"| {name} | {r['version']} | {recall} | {negs} | {per_mb} | {alerts_mb} | {lines_mb} | {speed} | {cpu} | {startup} | {r['threads']} |"
        )
    out += [
        "",
        "Recall: positives with a finding on their labelled lines († = the tool reports no line, so any "
        "finding in the file counts); which rule fired is not checked. Negatives flagged: share of "
        "hard-negative files with any finding. Bulk findings/MB: findings as each tool reports them "
        "(total in brackets; counted as listed below); bulk alerts/MB: those that would interrupt a person "
        "(every peer finding; nospill's findings of severity medium or more, which its default policy warns "
        "or blocks on — low-severity ones such as e-mail addresses are only listed); bulk lines/MB: distinct (file, line) locations, "
        "the same measure for every tool. MB/s: bytes of bulk + labelled over wall-clock seconds, process "
        "start included (once per corpus); MB/CPU-s: the same bytes per user+sys second of the tool's process "
        "tree; start-up s: wall seconds of the same command over an empty folder.",
    ]
    groups = sorted({g for r in results for g in r.get("by_group", {})})
    if groups:
        out += ["", "Recall by group (found/total):", "",
                "| group | " + " | ".join(r["tool"] for r in results) + " |",
                "|---|" + "---|" * len(results)]
        for g in groups:
            cells = []
            for r in results:
                v = r.get("by_group", {}).get(g)
                cells.append(f"{v['found']}/{v['total']}" if v else "–")
            out.append(f"| {g} | " + " | ".join(cells) + " |")
    out += ["", "How findings were counted, and the rules behind them:", ""]
    for r in results:
        out.append(f"- {r['tool']}: {r['counted']}.")
        if "bulk_by_rule" in r:
            out.append(f"  Bulk, by rule: {top(r['bulk_by_rule'])}.")
        if r.get("negative_findings_by_rule"):
            out.append(f"  Hard negatives, by rule: {top(r['negative_findings_by_rule'])}.")
    for r in results:
        for error in r["errors"]:
            out.append(f"- {r['tool']}: {error}")
    for name, why in skipped.items():
        out.append(f"- {name}: not installed: {why}")
    return "\n".join(out) + "\n"
