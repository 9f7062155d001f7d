"""Samsung's CredSweeper. Its default mode filters candidates with an ONNX
model; NOSPILL_COMPARE_CREDSWEEPER_ML=1 keeps it, otherwise the model is off
(--ml_threshold 0): rules and filters only, much faster, more findings.
--hashed keeps values out of the report.
"""

import json
import os

from common import need, output, pip_install, relative

NAME = "credsweeper"
LINES = True
COUNTED = "one per line_data entry of each candidate (a candidate may span lines)"
ML = os.environ.get("NOSPILL_COMPARE_CREDSWEEPER_ML") == "1"
MODE = "ML, 1 thread" if ML else "no ML"
THREADS = "1 (--jobs 1" + (", --ml_threads_limit 1)" if ML else ")")
REPORT_TO = "file"
OK_EXIT = {0}


def binary(ctx):
    return ctx.venv_bin / "credsweeper"


def install(ctx):
    if not binary(ctx).exists():
        pip_install(ctx, "credsweeper")
    need(binary(ctx), "credsweeper")


def version(ctx):
    return output([str(binary(ctx)), "--version"]).split()[-1]


def command(ctx, root, report):
    ml = ["--ml_threads_limit", "1"] if ML else ["--ml_threshold", "0"]
    argv = [str(binary(ctx)), "--path", str(root), *ml, "--jobs", "1", "--hashed",
            "--no-stdout", "--save-json", str(report), "--log", "error"]
    return argv, {}


def parse(text, root):
    return [
        (relative(line["path"], root), line.get("line_num"), candidate.get("rule"))
        for candidate in json.loads(text or "[]")
        for line in candidate.get("line_data_list", [])
    ]
