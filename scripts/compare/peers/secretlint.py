"""secretlint v12 with its recommended preset (npm, under Node 20+).

Installed into target/peers/npm; the config names only the preset. Values
are masked in its output by default. Node runs JavaScript on one thread.
"""

import json
import subprocess

from common import InstallError, need, output, relative, which

NAME = "secretlint"
LINES = True
COUNTED = "one per message (rule x match)"
THREADS = "1 (Node)"
REPORT_TO = "file"
OK_EXIT = {0, 1}
PACKAGES = ["secretlint@12", "@secretlint/secretlint-rule-preset-recommend@12"]


def script(ctx):
    return ctx.peers / "npm" / "node_modules" / "secretlint" / "bin" / "secretlint.js"


def rc(ctx):
    return ctx.peers / "npm" / ".secretlintrc.json"


def install(ctx):
    node = which("node")
    major = output([node, "--version"]).lstrip("v").split(".")[0]
    if not major.isdigit() or int(major) < 20:
        raise InstallError(f"secretlint 12 needs Node 20+, found {output([node, '--version'])!r}")
    if not script(ctx).exists():
        folder = ctx.peers / "npm"
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            ["npm", "install", "--prefix", str(folder), "--no-audit", "--no-fund", *PACKAGES],
            capture_output=True, text=True,
        )
        if done.returncode != 0:
            raise InstallError(f"npm install: {(done.stderr.strip().splitlines() or ['failed'])[-1]}")
    need(script(ctx), "secretlint")
    rc(ctx).write_text('{"rules": [{"id": "@secretlint/secretlint-rule-preset-recommend"}]}\n')


def version(ctx):
    return output(["node", str(script(ctx)), "--version"]).split()[-1]


def command(ctx, root, report):
    argv = ["node", str(script(ctx)), "--secretlintrc", str(rc(ctx)), "--format", "json",
            "--output", str(report), "**/*"]
    return argv, {}


def parse(text, root):
    return [
        (
            relative(result["filePath"], root),
            message.get("loc", {}).get("start", {}).get("line"),
            message.get("ruleId"),
        )
        for result in json.loads(text or "[]")
        for message in result.get("messages", [])
    ]
