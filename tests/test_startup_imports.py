"""Offline commands must not import the network stack (or pydantic): checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import json, sys
from oauthdoctor.cli.app import main
sys.argv = ["oauthdoctor", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
heavy = [m for m in ("httpx", "ntplib", "pydantic", "rich") if m in sys.modules]
sys.stderr.write("HEAVY=" + json.dumps(heavy) + "\\n")
"""

CASES = {
    "help": (["--help"], []),
    "providers-list-json": (["providers", "list", "--format", "json"], []),
    "diff-redirect-json": (["diff-redirect", "--format", "json", "https://a.test/cb", "https://a.test/cb/"], []),
    "explain-json": (["explain", "--format", "json", '{"error":"invalid_grant"}'], []),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_offline_command_imports(name: str) -> None:
    argv, allowed = CASES[name]
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(argv)], capture_output=True, text=True,
                            check=False)
    line = next(x for x in result.stderr.splitlines() if x.startswith("HEAVY="))
    assert json.loads(line[len("HEAVY="):]) == allowed, result.stderr
