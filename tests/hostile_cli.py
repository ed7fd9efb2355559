"""Run the installed console script the way a user does, and measure what the run cost (for the hostile tests).

``run_cli`` starts ``oauthdoctor`` in a subprocess, reaps it with ``os.wait4`` to read its own CPU time and
peak resident memory (wall time on a shared two-core machine says more about the neighbours than about us),
and kills it after a generous wall-clock timeout so a hang fails the test instead of the suite. Shared by
``test_hostile_inputs.py`` and ``test_secret_canaries.py``.
"""

from __future__ import annotations

import functools
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_SCRIPT = Path(sys.executable).with_name("oauthdoctor")
WALL_TIMEOUT = 60.0  # a run still going after this long is killed: the test then fails on its time
# CPU seconds the calibration workload took (best of five) on the 2-core machine the README's Limits table was
# measured on (2026-12-07; the limits below hold there with room, trace's 100 MB exchange log at 3.8 s of 8)
CALIBRATION_SECONDS = 0.21
_LINE = json.dumps({"time": "2026-12-05T10:00:00Z", "method": "GET", "url": "https://app.example.com/x?a=1",
                    "status": 200, "response_body": "z" * 300})
_PARAMETER = re.compile(r"[?#&;](?:code|error|state)=")


@dataclass(frozen=True)
class Run:
    """One finished run: exit code, output, and the child's own CPU seconds and peak memory."""

    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str
    cpu: float
    wall: float
    peak_mb: float
    killed: bool = False

    def describe(self) -> str:
        tail = self.stderr.strip().splitlines()[-3:]
        return (f"oauthdoctor {' '.join(a[:80] for a in self.args)} -> exit {self.code}, cpu {self.cpu:.2f}s, "
                f"wall {self.wall:.2f}s, peak {self.peak_mb:.0f} MB{' (killed)' if self.killed else ''}; "
                f"stderr: {tail}")


def _calibration_workload() -> None:
    """What the big-input runs spend their time on, in miniature: decode a JSON line, slice a URL, read an
    RFC 3339 time, search a pattern, build a record."""
    kept = []
    for n in range(30_000):
        item = json.loads(_LINE)
        url = item["url"]
        host = url[url.find("://") + 3:url.find("/", 8)].lower()
        when = datetime.fromisoformat(item["time"].replace("Z", "+00:00")).timestamp()
        kept.append((n, host, when, _PARAMETER.search(url) is None, {k: v for k, v in item.items() if k != "url"}))


@functools.cache
def slowness() -> float:
    """How much slower this machine runs Python than the one the CPU limits were set on (1.0 when it is as
    fast or faster). The limits hold a run to the cost of its work; a machine that is twice as slow, or shared
    with a busy neighbour, gets twice the time rather than a failure that says nothing about oauthdoctor. At
    most three times: beyond that the machine cannot tell a slow run from a regression."""
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        _calibration_workload()
        best = min(best, time.process_time() - start)
    return min(3.0, max(1.0, best / CALIBRATION_SECONDS))


def clean_environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The test's environment without OAuth settings, with a private profile cache and no colours."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OAUTH_", "AUTH_", "OAUTHDOCTOR_"))}
    env.update({"NO_COLOR": "1", "COLUMNS": "100", "PYTHONDONTWRITEBYTECODE": "1"})
    env.update(extra or {})
    return env



def warmed_environment(cache: Path) -> dict[str, str]:
    """``clean_environment`` with a private profile cache in ``cache``, warmed by one run, so every later run
    reads profiles the way an installed tool does."""
    env = clean_environment({"XDG_CACHE_HOME": str(cache)})
    run_cli(["providers", "list", "--format", "json"], env=env)
    return env

# A small, single-threaded parent for the run: it forks, closes what the case closes, execs the console script,
# and reports the child's own CPU time and peak memory (a child forked from pytest itself would be charged
# pytest's memory: Linux carries the parent's resident pages into the child's peak).
_SPAWNER = """
import os, sys
report, closing, argv = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
pid = os.fork()
if pid == 0:
    for fd in (0, 1):
        if str(fd) in closing:
            os.close(fd)
    try:
        os.execv(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
os.write(report, f"{usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}".encode())
os._exit(os.waitstatus_to_exitcode(status) & 0xFF if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
"""


def run_cli(args: Sequence[str], *, stdin: Path | bytes | None = None, close_stdin: bool = False,
            close_stdout: bool = False, env: Mapping[str, str] | None = None, cwd: Path | None = None,
            timeout: float = WALL_TIMEOUT) -> Run:
    """Run ``oauthdoctor ARGS``; ``stdin`` is a file or bytes (default: empty); ``close_stdin``/``close_stdout``
    leave descriptor 0/1 closed, as a shell's ``<&-``/``>&-`` does."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as given:
        if isinstance(stdin, bytes):
            given.write(stdin)
            given.seek(0)
        source = open(stdin, "rb") if isinstance(stdin, Path) else given  # noqa: SIM115 - closed below
        read_end, write_end = os.pipe()
        closing = ("0" if close_stdin else "") + ("1" if close_stdout else "")
        started = time.monotonic()
        try:
            process = subprocess.Popen(
                [sys.executable, "-I", "-S", "-c", _SPAWNER, str(write_end), closing or "-", *_exec_argv(), *args],
                stdin=source, stdout=out, stderr=err, cwd=cwd or ROOT, pass_fds=(write_end,),
                start_new_session=True, env=dict(env) if env is not None else clean_environment())
        finally:
            os.close(write_end)
            if source is not given:
                source.close()
        try:
            process.wait(timeout)
            killed = False
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the spawner and the run it started
            process.wait()
            killed = True
        wall = time.monotonic() - started
        with os.fdopen(read_end, "rb") as report:
            measured = report.read().decode().split()
        cpu, peak_kb = (float(measured[0]), float(measured[1])) if len(measured) == 2 else (wall, 0.0)
        out.seek(0)
        err.seek(0)
        return Run(tuple(args), process.returncode, out.read().decode("utf-8", "replace"),
                   err.read().decode("utf-8", "replace"), cpu, wall, peak_kb / 1024, killed)


def _exec_argv() -> list[str]:
    """The console script as ``execv`` wants it: a path to an executable first."""
    return [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "oauthdoctor"]
