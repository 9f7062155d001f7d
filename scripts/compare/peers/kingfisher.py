"""Kingfisher (MongoDB), from PyPI's kingfisher-bin, which ships the binary.

Run as shipped but without network validation (no network here) and with
--no-dedup, so a value seen in two files is reported in both (the labels are
per file). Its first run compiles the rule database (seconds of CPU) into a
cache under target/peers; install() warms that cache so runs are steady-state.
"""

import json
import tempfile

from common import InstallError, output, pip_install, relative

NAME = "kingfisher"
LINES = True
COUNTED = "one per JSON finding (rule x match, --no-dedup)"
THREADS = "1 (-j 1)"
REPORT_TO = "stdout"
OK_EXIT = {0, 200, 205}  # 200: findings; 205: validated findings


def binary(ctx):
    return next(iter(ctx.peers.glob("venv/lib/python*/site-packages/kingfisher/bin/kingfisher")), None)


def env(ctx):
    return {"KF_RULE_CACHE_DIR": str(ctx.peers / "kf-cache")}


def install(ctx):
    if not binary(ctx):
        pip_install(ctx, "kingfisher-bin")
    if not binary(ctx):
        raise InstallError("kingfisher-bin installed no binary for this platform")
    with tempfile.TemporaryDirectory() as empty:
        output(command(ctx, empty, None)[0], env(ctx))  # warms the rule cache


def version(ctx):
    return output([str(binary(ctx)), "--version"]).split()[-1]


def command(ctx, root, report):
    argv = [str(binary(ctx)), "scan", "--no-update-check", "--no-validate", "--no-dedup",
            "--redact", "--git-history", "none", "-j", "1", "-q", "--format", "json", str(root)]
    return argv, env(ctx)


def parse(text, root):
    report = json.loads(text or "{}")
    return [
        (relative(f["finding"]["path"], root), f["finding"].get("line"), f["rule"].get("id"))
        for f in report.get("findings", [])
    ]
