"""Time and memory of the commands on 100 MB inputs, and how fast oversized inputs are refused.

    python bench/large_inputs.py [--rounds 3] [--size-mb 100]

Generates each input into a temporary directory, runs the installed console script on it (through a small
parent that reports the run's own CPU time and peak resident memory), and prints a table for the README's
"Limits" section: CPU seconds and wall seconds (medians), peak memory and its ratio to the input size.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPT = Path(sys.executable).with_name("oauthdoctor")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from big_inputs import page_har, write_lines  # noqa: E402  (the generators the hostile-input tests use)

SPAWNER = """
import os, sys
report, argv = int(sys.argv[1]), sys.argv[2:]
pid = os.fork()
if pid == 0:
    os.execv(argv[0], argv)
_, status, usage = os.wait4(pid, 0)
os.write(report, f"{usage.ru_utime + usage.ru_stime} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}".encode())
"""


def measure(args: list[str], stdin: Path | None, env: dict[str, str]) -> tuple[float, float, float, int]:
    """(cpu seconds, wall seconds, peak MB, exit code) of one run."""
    import time

    read_end, write_end = os.pipe()
    started = time.monotonic()
    with open(stdin or os.devnull, "rb") as source:
        subprocess.run([sys.executable, "-I", "-S", "-c", SPAWNER, str(write_end), str(SCRIPT), *args],
                       stdin=source, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(write_end,),
                       env=env, check=False)
    wall = time.monotonic() - started
    os.close(write_end)
    with os.fdopen(read_end, "rb") as report:
        cpu, peak_kb, code = report.read().decode().split()
    return float(cpu), wall, float(peak_kb) / 1024, int(code)


def inputs(directory: Path, size: int) -> list[tuple[str, list[str], Path | None, Path]]:
    har = page_har(directory / "pages.har", size)
    log = write_lines(directory / "exchanges.jsonl", json.dumps(
        {"time": "2026-12-05T10:00:00Z", "method": "GET", "url": "https://app.example.com/x", "status": 200,
         "response_body": "z" * 300}).encode() + b"\n", size)
    errors = write_lines(directory / "errors.jsonl", json.dumps(
        {"status": 400, "body": {"error": "invalid_grant", "error_description": "y" * 200}}).encode() + b"\n", size)
    distinct = directory / "distinct.jsonl"
    with open(distinct, "w", encoding="utf-8") as handle:
        for i in range(20_000):
            handle.write(json.dumps({"status": 400, "body": {"error": "invalid_grant",
                                                             "error_description": f"Token {i} expired at {i * 7}"}})
                         + "\n")
    body = directory / "body.json"
    with open(body, "wb") as handle:
        handle.write(b'{"error": "invalid_grant", "error_description": "')
        for _ in range(size // 1_000_000):
            handle.write(b"d" * 1_000_000)
        handle.write(b'"}')
    env_file = write_lines(directory / "big.env", b"SOME_SETTING=some value of moderate length\n", size)
    return [
        ("trace, HAR of page traffic", ["trace", "--format", "json", str(har)], None, har),
        ("trace -, the same HAR on stdin", ["trace", "--format", "json", "-"], har, har),
        ("trace, exchange log (short lines)", ["trace", "--format", "json", str(log)], None, log),
        ("explain @FILE, one body", ["explain", "--format", "json", f"@{body}"], None, body),
        ("explain -, one body on stdin", ["explain", "--format", "json", "-"], body, body),
        ("explain --jsonl, repeated lines", ["explain", "--jsonl", str(errors)], None, errors),
        ("explain --jsonl, 20,000 distinct lines", ["explain", "--jsonl", str(distinct)], None, distinct),
        ("check-env, refused (too large)", ["check-env", str(env_file)], None, env_file),
        ("diagnose --config, refused", ["diagnose", "--offline", "--config", str(env_file)], None, env_file),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--size-mb", type=int, default=100)
    options = parser.parse_args()
    if not SCRIPT.exists():
        sys.exit(f"no console script at {SCRIPT}: pip install -e . first")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        env = {**os.environ, "XDG_CACHE_HOME": str(directory / "cache")}
        measure(["providers", "list"], None, env)  # warm the profile cache once
        print("| input | size | exit | CPU | wall | peak memory |")
        print("|---|---|---|---|---|---|")
        for name, args, stdin, source in inputs(directory, options.size_mb * 1_000_000):
            runs = [measure(args, stdin, env) for _ in range(options.rounds)]
            cpu = statistics.median(r[0] for r in runs)
            wall = statistics.median(r[1] for r in runs)
            peak = max(r[2] for r in runs)
            size = source.stat().st_size / 1_000_000
            print(f"| {name} | {size:.1f} MB | {runs[0][3]} | {cpu:.2f} s | {wall:.2f} s | {peak:.0f} MB "
                  f"({peak * 1024 * 1024 / source.stat().st_size:.2f}x) |")


if __name__ == "__main__":
    main()
