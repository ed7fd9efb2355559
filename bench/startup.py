"""Start-up benchmark: how long each offline command takes to start, against ``python -c "import typer"``.

Not a test (timings vary by machine); run it and read the ratios:

    python bench/startup.py            # 21 rounds
    python bench/startup.py --runs 41

What it measures, so the ratios mean the same on every machine:

- The package is byte-compiled first, as ``pip install`` does. Without this, an environment that sets
  ``PYTHONDONTWRITEBYTECODE`` (common in containers) would time the compiling of every module on every run.
- Each command runs once untimed to fill the profile cache, as any second run on a user's machine finds it.
- Runs are interleaved (one round runs the baseline and every command once), so a machine that slows down
  or speeds up during the benchmark affects every row alike. The median of the rounds is reported.
- Commands run through the installed ``oauthdoctor`` console script when it sits next to this Python
  (that is how users start it), else through ``python -m oauthdoctor``.
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = [sys.executable, "-c", "import typer"]
COMMANDS = {
    "--help": ["--help"],
    "providers list --format json": ["providers", "list", "--format", "json"],
    "diff-redirect --format json": ["diff-redirect", "--format", "json", "https://a.example/cb", "https://a.example/cb/"],
    "explain --format json": ["explain", "--format", "json", '{"error":"invalid_grant"}'],
    "check-env --format json": ["check-env", "--format", "json", str(ROOT / "examples" / "google-testing.env")],
}


def launcher() -> list[str]:
    """The installed console script of this interpreter's environment, else ``python -m oauthdoctor``."""
    script = shutil.which("oauthdoctor", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "oauthdoctor"]


def _once(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="interleaved rounds (default 21)")
    args = parser.parse_args()
    sys.path.append(str(ROOT))  # an installed oauthdoctor comes first; else this checkout
    import oauthdoctor

    compileall.compile_dir(str(Path(oauthdoctor.__file__).parent), quiet=1)
    start = launcher()
    rows = {'python -c "import typer"': BASELINE} | {f"oauthdoctor {n}": [*start, *a] for n, a in COMMANDS.items()}
    for argv in rows.values():
        _once(argv)  # warm the OS file cache and the profile cache
    samples: dict[str, list[float]] = {name: [] for name in rows}
    for _ in range(args.runs):
        for name, argv in rows.items():
            samples[name].append(_once(argv))
    print(f"launcher: {' '.join(start)}; {args.runs} interleaved rounds, median")
    base = statistics.median(samples['python -c "import typer"'])
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"{name:40s} {median * 1000:7.1f} ms  {median / base:.2f}x")


if __name__ == "__main__":
    main()
