"""ripsecrets (crates.io), built with `cargo install --root target/peers/cargo`.

It prints grep-style `path:line:text` lines, the matched text included; only
path and line are kept. Its walker uses min(12, CPUs) threads and has no
option to change that.
"""

import os
import re
import subprocess

from common import InstallError, output, relative

NAME = "ripsecrets"
LINES = True
COUNTED = "one per printed line (it prints each matching line once)"
THREADS = f"{min(12, os.cpu_count() or 1)} (fixed: min(12, CPUs))"
REPORT_TO = "stdout"
OK_EXIT = {0, 1}  # 1: secrets found
LINE = re.compile(r"^(.*?):(\d+):")


def binary(ctx):
    return ctx.peers / "cargo" / "bin" / "ripsecrets"


def install(ctx):
    if binary(ctx).exists():
        return
    # Builds from source: a few minutes. Its own target dir keeps the
    # workspace's build cache untouched.
    done = subprocess.run(
        ["cargo", "install", "ripsecrets", "--root", str(ctx.peers / "cargo")],
        capture_output=True,
        text=True,
        env=dict(os.environ, CARGO_TARGET_DIR=str(ctx.peers / "cargo-build")),
    )
    if done.returncode != 0:
        raise InstallError(f"cargo install ripsecrets: {(done.stderr.strip().splitlines() or ['failed'])[-1]}")


def version(ctx):
    return output([str(binary(ctx)), "--version"]).split()[-1]


def command(ctx, root, report):
    return [str(binary(ctx)), str(root)], {}


def parse(text, root):
    found = []
    for line in text.splitlines():
        m = LINE.match(line)
        if m:
            found.append((relative(m.group(1), root), int(m.group(2)), None))  # no rule ids
    return found
