"""Batch throughput of ``oauthdoctor explain --jsonl``: generates N mixed log lines and reports lines/s.

Not a test (timings vary by machine). Two targets (issue #16): at least 20,000 lines/s, and end to end within
2.5x of a bare loop that only ``json.loads`` each line and prints a small JSON object (the floor any batch tool
in Python pays: interpreter start, reading, parsing, writing). The rounds are interleaved and the median kept,
so a machine that speeds up or slows down during the run affects both alike:

    python bench/explain_throughput.py               # 100,000 lines, end to end through the CLI, vs the bare loop
    python bench/explain_throughput.py -n 50000 --in-process
    python bench/explain_throughput.py --unique        # no two lines alike: the classification cost alone
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


TRACE = "00000000-0000-0000-0000-00000000beef"


def trace_marker() -> str:
    """The placeholder trace id replaced per line."""
    return TRACE


def _templates() -> list[dict[str, object]]:
    trace = TRACE
    return [
        {"status": 400, "provider": "microsoft", "body": json.dumps({
            "error": "invalid_grant", "error_codes": [700082], "trace_id": trace, "correlation_id": trace,
            "error_description": "AADSTS700082: The refresh token has expired due to inactivity."
                                 f"\r\nTrace ID: {trace}"})},
        {"status": 400, "body": json.dumps({"error": "invalid_grant",
                                            "error_description": "Token has been expired or revoked."}),
         "url": "https://oauth2.googleapis.com/token"},
        {"status": 200, "body": json.dumps({"ok": False, "error": "token_revoked"})},
        {"status": 400, "body": json.dumps({"status": "BAD_REFRESH_TOKEN", "correlationId": trace,
                                            "message": "missing or invalid refresh token"})},
        {"status": 401, "body": "", "headers": {"WWW-Authenticate": 'Bearer error="invalid_token"'}},
        {"status": 429, "body": "Too Many Requests", "headers": {"Retry-After": "30"}},
        {"status": 400, "body": 'oauth2: "invalid_grant" "Token has been expired or revoked."'},
        {"status": 401, "body": json.dumps({"error": "invalid_client",
                                            "error_description": "client authentication failed"})},
        {"status": 503, "body": json.dumps({"error": "temporarily_unavailable"})},
        {"status": 400, "body": "{'error': 'invalid_grant', 'error_description': 'Invalid refresh token'}",
         "provider": "box"},
        {"status": 400, "body": "error=bad_verification_code&error_description=The+code+passed+is+incorrect"},
        {"status": 400, "body": "<html><title>Error 400</title><body>Error: redirect_uri_mismatch</body></html>"},
        "this line is not json",
    ]


def generate(n: int, path: Path, unique: bool = False) -> None:
    """Write n lines drawn from the templates; Entra's lines carry a fresh trace id each, so they are never cached.
    ``unique``: every line carries a fresh request id (a log where no two lines are alike, nothing memoised)."""
    rng = random.Random(7)
    templates = _templates()
    with path.open("w", encoding="utf-8") as f:
        for _ in range(n):
            item = rng.choice(templates)
            if isinstance(item, str):
                f.write(item + "\n")
                continue
            if unique:
                item = {**item, "body": _with_request_id(str(item.get("body", "")), rng)}
            line = json.dumps(item)
            if item.get("provider") == "microsoft":  # a fresh trace id per line defeats any caching
                line = line.replace(trace_marker(), str(uuid.UUID(int=rng.getrandbits(128))))
            f.write(line + "\n")


def _with_request_id(body: str, rng: random.Random) -> str:
    """The body with a request id of its own: a field in a JSON object, else words appended."""
    request_id = str(uuid.UUID(int=rng.getrandbits(128)))
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if isinstance(data, dict):
        return json.dumps({**data, "request_id": request_id})
    return f"{body} (request id {request_id})"


# The bare loop: read each line, parse it, print a small JSON object per line.
BARE_LOOP = """
import json, sys
out = []
for line in open(sys.argv[1], encoding="utf-8"):
    try:
        item = json.loads(line)
    except ValueError:
        item = None
    status = item.get("status") if isinstance(item, dict) else None
    out.append(json.dumps({"status": status, "decision": "retry"}))
    if len(out) >= 2000:
        sys.stdout.write("\\n".join(out) + "\\n")
        out.clear()
sys.stdout.write("\\n".join(out) + "\\n")
"""


def _timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="number of lines")
    parser.add_argument("--in-process", action="store_true", help="time classify() calls without the CLI")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds end to end (median kept)")
    parser.add_argument("--unique", action="store_true", help="no two lines alike (nothing is memoised)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lines.jsonl"
        generate(args.n, path, unique=args.unique)
        if args.in_process:
            sys.path.insert(0, str(ROOT))
            from oauthdoctor.classifier import classify

            items = [json.loads(x) if x.startswith("{") else {} for x in path.read_text().splitlines()]
            start = time.perf_counter()
            for it in items:
                classify(it.get("status"), it.get("body"), it.get("headers"), it.get("provider"), it.get("url"))
            elapsed = time.perf_counter() - start
        else:
            explain = [sys.executable, "-m", "oauthdoctor", "explain", "--jsonl", str(path)]
            bare = [sys.executable, "-c", BARE_LOOP, str(path)]
            _timed(explain)  # fill the profile cache, as any second run on a user's machine finds it
            runs: dict[str, list[float]] = {"explain": [], "bare": []}
            for _ in range(args.rounds):
                runs["explain"].append(_timed(explain))
                runs["bare"].append(_timed(bare))
            elapsed, baseline = statistics.median(runs["explain"]), statistics.median(runs["bare"])
    mode = "in-process classify()" if args.in_process else "explain --jsonl (end to end)"
    mode += ", every line distinct" if args.unique else ""
    print(f"{mode}: {args.n} lines in {elapsed:.2f} s = {args.n / elapsed:,.0f} lines/s (target >= 20,000)")
    if not args.in_process:
        print(f"bare json.loads loop: {baseline:.2f} s = {args.n / baseline:,.0f} lines/s; "
              f"explain takes {elapsed / baseline:.2f}x as long (target <= 2.5x)")


if __name__ == "__main__":
    main()
