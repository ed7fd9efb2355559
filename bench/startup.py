"""Start-up benchmark: how long each offline command takes to start, against ``python -c "import typer"``.

Not a test (timings vary by machine); run it and read the ratios:

    python bench/startup.py            # 15 runs each
    python bench/startup.py --runs 30
"""

from __future__ import annotations

import argparse
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


def _time(argv: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    base = _time(BASELINE, args.runs)
    label = 'python -c "import typer"'
    print(f"{label:40s} {base * 1000:7.1f} ms  1.00x")
    for name, extra in COMMANDS.items():
        t = _time([sys.executable, "-m", "oauthdoctor", *extra], args.runs)
        print(f"{'oauthdoctor ' + name:40s} {t * 1000:7.1f} ms  {t / base:.2f}x")


if __name__ == "__main__":
    main()
