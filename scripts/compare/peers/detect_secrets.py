"""Yelp's detect-secrets, default plugins and filters.

--all-files: walk the folder instead of asking git for tracked files (the
corpora live under an ignored target/). -n: no network verification.
"""

import json

from common import need, output, pip_install, relative

NAME = "detect-secrets"
LINES = True
COUNTED = "one per (file, plugin, secret) result: one line may count for several plugins"
THREADS = "1 (-c 1)"
REPORT_TO = "stdout"
OK_EXIT = {0}


def binary(ctx):
    return ctx.venv_bin / "detect-secrets"


def install(ctx):
    if not binary(ctx).exists():
        pip_install(ctx, "detect-secrets")
    need(binary(ctx), "detect-secrets")


def version(ctx):
    return output([str(binary(ctx)), "--version"]).split()[-1]


def command(ctx, root, report):
    return [str(binary(ctx)), "-c", "1", "scan", "--all-files", "-n", str(root)], {}


def parse(text, root):
    results = json.loads(text or "{}").get("results", {})
    return [
        (relative(path, root), secret.get("line_number"), secret.get("type"))
        for path, secrets in results.items()
        for secret in secrets
    ]
