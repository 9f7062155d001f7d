"""nospill: the release `verify-server scan --format json`.

The scan command reads and scans files one after another on the main
thread, so it is single-threaded by construction.
"""

import json
import os
import subprocess
from pathlib import Path

from common import InstallError, output, relative

NAME = "nospill"
LINES = True
COUNTED = "one per finding in the JSON report (overlaps already settled)"
THREADS = "1 (scan CLI is sequential)"
REPORT_TO = "stdout"
OK_EXIT = {0, 1}


def binary(ctx):
    target = Path(os.environ.get("CARGO_TARGET_DIR", ctx.repo / "target"))
    return target / "release" / "verify-server"


def install(ctx):
    # cargo is idempotent: a no-op when the release binary is up to date.
    done = subprocess.run(
        ["cargo", "build", "--release", "-q", "-p", "verify-server"],
        cwd=ctx.repo,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["failed"])[-1]
        raise InstallError(f"cargo build --release -p verify-server: {tail}")


def version(ctx):
    return output([str(binary(ctx)), "--version"]).split()[-1]


def command(ctx, root, report):
    return [str(binary(ctx)), "scan", "--format", "json", str(root)], {}


def parse(text, root):
    found = []
    for rep in json.loads(text or "[]"):
        path = relative(rep["file"]["name"], root)
        for finding in rep.get("findings", []):
            # The 4th field says whether the finding interrupts the person
            # under the default verdict policy (warn at severity medium):
            # low-severity findings (an e-mail address) are listed, not alerts.
            alert = finding.get("severity") in ("medium", "high", "critical")
            found.append((path, finding.get("location", {}).get("line"), finding.get("rule"), alert))
    return found
