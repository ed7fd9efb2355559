"""Trace a 100 MB HAR of mostly unrelated page traffic, against ``python -c "json.load(...)"`` of the same file.

Not a test (timings vary by machine); run it and read the ratios:

    python bench/trace_large_har.py              # 5 rounds, 100 MB
    python bench/trace_large_har.py --runs 9 --bodies small --check

The HAR is generated: pages, scripts, styles, JSON calls and base64 images with the headers browsers send,
and in the middle the entries of ``tests/fixtures/trace/refresh_race.har`` (a real race recorded against
oidc-provider), so the run also shows that the finding survives the noise. Runs are interleaved (one round
runs json.load and trace once each) and the package is byte-compiled first, as an install does. Wall time
is measured around the process; peak memory is each process's maximum resident set (``wait4``).
``--check`` exits 1 when trace takes more than 1.5x the wall time or more peak memory than json.load.
"""

from __future__ import annotations

import argparse
import base64
import compileall
import email.utils
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RACE = ROOT / "tests" / "fixtures" / "trace" / "refresh_race.har"
BASELINE = "import json, sys; json.load(open(sys.argv[1], encoding='utf-8'))"
_WORDS = ("lorem", "ipsum", "function", "return", "const", "div", "class", "span", "width", "color", "data")


def _text(rng: random.Random, size: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(size // 6 + 1)]
    return " ".join(words)[:size]


def _headers(rng: random.Random, extra: list[tuple[str, str]]) -> list[dict[str, str]]:
    base = [("accept", "*/*"), ("accept-encoding", "gzip, deflate, br"), ("accept-language", "en-GB,en;q=0.9"),
            ("user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"),
            ("cookie", f"_ga=GA1.1.{rng.randrange(10**9)}; session={rng.randrange(10**12):x}"),
            ("sec-fetch-mode", "cors"), ("sec-fetch-site", "same-origin"), ("referer", "https://shop.example/")]
    return [{"name": k, "value": v} for k, v in base + extra]


BODY_SIZES = {"mixed": (800, 3000, 12000, 40000, 120000), "small": (200, 800, 1500)}


def _page_entry(rng: random.Random, when: float, n: int, sizes: tuple[int, ...]) -> dict[str, Any]:
    kind = rng.choices(("html", "js", "css", "json", "png"), weights=(1, 4, 2, 4, 3))[0]
    size = rng.choice(sizes)
    mime = {"html": "text/html", "js": "application/javascript", "css": "text/css", "json": "application/json",
            "png": "image/png"}[kind]
    content: dict[str, Any] = {"size": size, "mimeType": mime}
    if kind == "png":
        content.update(text=base64.b64encode(rng.randbytes(size // 2)).decode(), encoding="base64")
    elif kind == "json":
        content["text"] = json.dumps({"items": [_text(rng, 40) for _ in range(size // 60)]})
    else:
        content["text"] = _text(rng, size)
    stamp = datetime.fromtimestamp(when, UTC)
    return {
        "startedDateTime": stamp.isoformat(timespec="milliseconds").replace("+00:00", "Z"), "time": 35.5,
        "_initiator": {"type": "parser"}, "_priority": "High", "_resourceType": kind, "cache": {},
        "request": {"method": "GET", "url": f"https://shop.example/assets/{n}.{kind}?v={rng.randrange(10**6)}",
                    "httpVersion": "http/2.0", "headers": _headers(rng, []), "queryString": [], "cookies": [],
                    "headersSize": -1, "bodySize": 0},
        "response": {"status": 200, "statusText": "", "httpVersion": "http/2.0", "cookies": [],
                     "headers": [{"name": "date", "value": stamp.strftime("%a, %d %b %Y %H:%M:%S GMT")},
                                 {"name": "content-type", "value": mime}, {"name": "cache-control",
                                                                            "value": "max-age=3600"}],
                     "content": content, "redirectURL": "", "headersSize": -1, "bodySize": size},
        "timings": {"blocked": 1, "dns": -1, "connect": -1, "ssl": -1, "send": 0.2, "wait": 30, "receive": 4.3},
    }


def generate(path: Path, megabytes: int, bodies: str = "mixed", seed: int = 7) -> int:
    """Write the HAR; returns how many entries it has."""
    rng = random.Random(seed)
    race = json.loads(RACE.read_text(encoding="utf-8"))["log"]["entries"]
    race_start = min(datetime.fromisoformat(e["startedDateTime"]).timestamp() for e in race)
    start = datetime(2026, 12, 5, 9, 0, tzinfo=UTC).timestamp()
    target = megabytes * 1_000_000
    with path.open("w", encoding="utf-8") as out:
        out.write('{"log": {"version": "1.2", "creator": {"name": "bench", "version": "1"}, "pages": [], '
                  '"entries": [\n')
        written, n, inserted = 0, 0, False
        while written < target:
            if not inserted and written >= target // 2:
                shift = start + n * 0.05 - race_start
                for e in race:  # the real race, moved (with its Date headers) to this point of the page timeline
                    e = _moved(e, shift)
                    text = json.dumps(e)
                    out.write(("," if n else "") + text + "\n")
                    written, n = written + len(text), n + 1
                inserted = True
            text = json.dumps(_page_entry(rng, start + n * 0.05, n, BODY_SIZES[bodies]))
            out.write(("," if n else "") + text + "\n")
            written, n = written + len(text), n + 1
        out.write("]}}\n")
    return n


def _moved(entry: dict[str, Any], shift: float) -> dict[str, Any]:
    started = datetime.fromisoformat(entry["startedDateTime"]).timestamp() + shift
    headers = []
    for h in entry["response"]["headers"]:
        if h["name"].lower() == "date":
            when = email.utils.parsedate_to_datetime(h["value"]).timestamp() + shift
            h = {**h, "value": email.utils.formatdate(when, usegmt=True)}
        headers.append(h)
    return {**entry, "startedDateTime": datetime.fromtimestamp(started, UTC).isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"), "response": {**entry["response"], "headers": headers}}


def _measure(argv: list[str]) -> tuple[float, int, bytes]:
    """Wall seconds, peak RSS in bytes, stdout."""
    with tempfile.TemporaryFile() as sink:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=sink, stderr=subprocess.DEVNULL, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        sink.seek(0)
        return elapsed, usage.ru_maxrss * 1024, sink.read()


def launcher() -> list[str]:
    script = shutil.which("oauthdoctor", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "oauthdoctor"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="interleaved rounds (default 5)")
    parser.add_argument("--megabytes", type=int, default=100, help="size of the generated HAR (default 100)")
    parser.add_argument("--bodies", choices=sorted(BODY_SIZES), default="mixed",
                        help="mixed: pages, scripts and images up to 120 kB (default); small: many small entries")
    parser.add_argument("--keep", type=Path, help="write the HAR here and keep it")
    parser.add_argument("--check", action="store_true", help="exit 1 when over 1.5x time or json.load's memory")
    args = parser.parse_args()
    sys.path.append(str(ROOT))
    import oauthdoctor

    compileall.compile_dir(str(Path(oauthdoctor.__file__).parent), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        har = args.keep or Path(tmp) / "large.har"
        entries = generate(har, args.megabytes, args.bodies)
        size = har.stat().st_size
        baseline = [sys.executable, "-c", BASELINE, str(har)]
        traced = [*launcher(), "trace", "--format", "json", "--fail-on", "never", str(har)]
        _, _, out = _measure(traced)  # untimed: fills the profile cache, as any second run finds it
        report = json.loads(out)
        found = [f["id"] for f in report["findings"] if f["status"] == "fail"]
        rows: dict[str, list[tuple[float, int]]] = {"json.load": [], "trace": []}
        for _ in range(args.runs):
            rows["json.load"].append(_measure(baseline)[:2])
            rows["trace"].append(_measure(traced)[:2])
    print(f"HAR: {size / 1e6:.1f} MB, {entries} entries; trace found: {', '.join(found) or 'nothing'}")
    medians = {name: (statistics.median(t for t, _ in v), max(m for _, m in v)) for name, v in rows.items()}
    for name, (wall, peak) in medians.items():
        print(f"{name:<10} median {wall:6.3f} s   peak RSS {peak / 1e6:7.1f} MB")
    time_ratio = medians["trace"][0] / medians["json.load"][0]
    memory_ratio = medians["trace"][1] / medians["json.load"][1]
    print(f"trace / json.load: {time_ratio:.2f}x wall time, {memory_ratio:.2f}x peak memory")
    if args.check and (time_ratio > 1.5 or memory_ratio > 1.0 or "refresh_race" not in found):
        sys.exit(1)


if __name__ == "__main__":
    main()
