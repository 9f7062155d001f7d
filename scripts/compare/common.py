"""What every peer adapter shares: where peers live, running a tool under
measurement, and turning a tool's path into one relative to the scanned root.

Findings are (relative path, 1-based line or None, rule id or None) triples,
one per finding as the tool reports it: nothing else of a tool's output is
kept, so no matched value outlives the parse.
"""

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


class InstallError(Exception):
    """A peer that cannot be installed here; the message says why."""


@dataclass
class Ctx:
    repo: Path
    peers: Path  # target/peers: venv/, npm/, cargo/
    work: Path  # scratch folder for raw outputs, deleted after parsing

    @property
    def venv_bin(self) -> Path:
        return self.peers / "venv" / "bin"


def timed(argv, stdout_path, cwd=None, env=None, timeout=None):
    """Runs argv with stdout to a file; returns (exit code, wall s, user+sys s, stderr tail).

    os.wait4 gives the child's own rusage (its threads, and the children it
    waited for), so CPU time is the tool's alone on a shared machine.
    """
    full_env = dict(os.environ, **(env or {}))
    err_path = Path(str(stdout_path) + ".stderr")
    with open(stdout_path, "wb") as out, open(err_path, "wb") as err:
        started = time.monotonic()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, cwd=cwd, env=full_env)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if timeout and time.monotonic() - started > timeout:
                proc.kill()
                os.wait4(proc.pid, 0)
                raise TimeoutError(f"ran over {timeout:.0f} s")
            time.sleep(0.01)
    wall = time.monotonic() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    tail = err_path.read_text(errors="replace")[-300:].strip()
    return proc.returncode, wall, usage.ru_utime + usage.ru_stime, tail


def output(argv, env=None) -> str:
    """A short command's stdout+stderr as text ('' if it cannot run)."""
    try:
        done = subprocess.run(
            argv, capture_output=True, text=True, timeout=120, env=dict(os.environ, **(env or {}))
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (done.stdout + done.stderr).strip()


def relative(path: str, root: Path) -> str:
    """A tool's reported path as a path relative to the scanned root."""
    p = Path(path)
    if not p.is_absolute():
        p = root / p
    return os.path.relpath(os.path.normpath(p), root)


def pip_install(ctx: Ctx, *packages: str) -> None:
    """Installs packages into target/peers/venv, creating it if needed."""
    if not (ctx.venv_bin / "python").exists():
        subprocess.run(["python3", "-m", "venv", str(ctx.peers / "venv")], check=True)
    done = subprocess.run(
        [str(ctx.venv_bin / "pip"), "install", "-q", *packages],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["pip failed"])[-1]
        raise InstallError(f"pip install {' '.join(packages)}: {last}")


def need(path: Path, what: str) -> Path:
    if not path.exists():
        raise InstallError(f"{what} not found at {path}")
    return path


def which(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise InstallError(f"`{name}` is not on PATH")
    return found
