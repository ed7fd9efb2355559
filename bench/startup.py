"""Start-up benchmark: how long each command takes to start, against the bare imports it cannot avoid.

Not a test (timings vary by machine); run it and read the ratios:

    python bench/startup.py            # 21 rounds
    python bench/startup.py --runs 41
    python bench/startup.py --no-live  # without the live diagnose row (which takes a second a round)

Each row is compared with its baseline: the offline commands' JSON output and ``--help`` with
``python -c "import typer"``; their Rich output with ``python -c "import typer, rich.console, rich.table"``; a
live ``diagnose`` against loopback servers that each answer after one second (``bench/slow_servers.py``) with
one second plus ``python -c "import typer, httpx, ntplib"`` (what a run that starts every request at once and
imports nothing else before it cannot beat).

What it measures, so the ratios mean the same on every machine:

- The package is byte-compiled first, as ``pip install`` does. Without this, an environment that sets
  ``PYTHONDONTWRITEBYTECODE`` (common in containers) would time the compiling of every module on every run.
- Each command runs once untimed to fill the profile cache, as any second run on a user's machine finds it.
- Runs are interleaved (one round runs every baseline and every command once, in an order shuffled per round
  so that no row always follows the same one), so a machine that slows down or speeds up during the
  benchmark affects every row alike. The median of the rounds is reported.
- Commands run through the installed ``oauthdoctor`` console script when it sits next to this Python
  (that is how users start it), else through ``python -m oauthdoctor``. Their output goes to /dev/null, so
  the Rich rows draw the colourless 80-column view of a pipe.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV_FILE = str(ROOT / "examples" / "google-testing.env")
LIVE_DELAY = 1.0  # seconds each loopback server waits before it answers

TYPER = 'python -c "import typer"'
TYPER_RICH = 'python -c "import typer, rich.console, rich.table"'
TYPER_NET = 'python -c "import typer, httpx, ntplib"'
BASELINES = {
    TYPER: [sys.executable, "-c", "import typer"],
    TYPER_RICH: [sys.executable, "-c", "import typer, rich.console, rich.table"],
    TYPER_NET: [sys.executable, "-c", "import typer, httpx, ntplib"],
}


@dataclass
class Row:
    """One timed command: its arguments, the baseline it is compared with, and how long the baseline waits."""

    args: list[str]
    baseline: str
    wait: float = 0.0  # added to the baseline: the servers' delay for the live row
    env: dict[str, str] = field(default_factory=dict)


COMMANDS = {
    "--help": Row(["--help"], TYPER),
    "providers list --format json": Row(["providers", "list", "--format", "json"], TYPER),
    "diff-redirect --format json": Row(
        ["diff-redirect", "--format", "json", "https://a.example/cb", "https://a.example/cb/"], TYPER),
    "explain --format json": Row(["explain", "--format", "json", '{"error":"invalid_grant"}'], TYPER),
    "check-env --format json": Row(["check-env", "--format", "json", ENV_FILE], TYPER),
    "providers list": Row(["providers", "list"], TYPER_RICH),
    "explain": Row(["explain", '{"error":"invalid_grant"}'], TYPER_RICH),
    "check-env": Row(["check-env", ENV_FILE], TYPER_RICH),
}


def live_row(issuer: str, token_url: str, ntp: str) -> Row:
    """``diagnose`` with every network probe against the slow loopback servers (JSON to /dev/null)."""
    args = ["diagnose", "--issuer", issuer, "--token-url", token_url, "--client-id", "bench-client",
            "--ntp-server", ntp, "--format", "json"]
    return Row(args, TYPER_NET, wait=LIVE_DELAY, env={"OAUTH_CLIENT_SECRET": "bench-secret-not-real"})


def launcher() -> list[str]:
    """The installed console script of this interpreter's environment, else ``python -m oauthdoctor``."""
    script = shutil.which("oauthdoctor", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "oauthdoctor"]


def _once(argv: list[str], env: dict[str, str] | None = None) -> float:
    run_env = {k: v for k, v in os.environ.items() if not k.startswith("OAUTH_")} | (env or {})
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=run_env, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="interleaved rounds (default 21)")
    parser.add_argument("--no-live", action="store_true", help="leave out the live diagnose row")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="time only the rows whose name contains NAME (repeatable; baselines always run)")
    args = parser.parse_args()
    sys.path.append(str(ROOT))  # an installed oauthdoctor comes first; else this checkout
    import oauthdoctor

    compileall.compile_dir(str(Path(oauthdoctor.__file__).parent), quiet=1)
    start = launcher()
    commands = dict(COMMANDS)
    with ExitStack() as stack:
        if not args.no_live:
            sys.path.insert(0, str(Path(__file__).parent))
            from slow_servers import slow_servers

            servers = stack.enter_context(slow_servers(LIVE_DELAY))
            commands["diagnose (live, servers answer after 1 s)"] = live_row(servers.issuer, servers.token_url,
                                                                               servers.ntp)
        if args.only:
            commands = {n: r for n, r in commands.items() if any(o in n for o in args.only)}
        rows = {f"oauthdoctor {n}": r for n, r in commands.items()}
        argvs = {name: argv for name, argv in BASELINES.items()} | {n: [*start, *r.args] for n, r in rows.items()}
        envs = {n: r.env for n, r in rows.items()}
        for name, argv in argvs.items():
            _once(argv, envs.get(name))  # warm the OS file cache and the profile cache
        samples: dict[str, list[float]] = {name: [] for name in argvs}
        order = list(argvs)
        for round_number in range(args.runs):
            random.Random(round_number).shuffle(order)
            for name in order:
                samples[name].append(_once(argvs[name], envs.get(name)))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"launcher: {' '.join(start)}; {args.runs} interleaved rounds, median; load average {load:.2f}")
    medians = {name: statistics.median(values) for name, values in samples.items()}
    for name in BASELINES:
        print(f"{name:52s} {medians[name] * 1000:7.1f} ms")
    for name, row in rows.items():
        base = medians[row.baseline] + row.wait
        against = f"{row.wait:g} s + " if row.wait else ""
        print(f"{name:52s} {medians[name] * 1000:7.1f} ms  {medians[name] / base:.2f}x  "
              f"({against}{row.baseline.removeprefix('python -c ')})")


if __name__ == "__main__":
    main()
