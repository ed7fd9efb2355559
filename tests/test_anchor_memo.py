"""The anchors memo: what one run works out is written to the profile cache, the next run believes it, and a
memo from other code (or none, with the cache off) changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from oauthdoctor.classifier.anchors import anchors

TEXT = "client_id must be provided in the body"  # the phrase layer's words: only a profile pattern knows them


def explain(cache_home: Path, *extra_env: tuple[str, str]) -> tuple[int, dict[str, object]]:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache_home), **dict(extra_env))
    if not extra_env:
        env.pop("OAUTHDOCTOR_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--format", "json", TEXT],
                          capture_output=True, text=True, env=env, check=False)
    return done.returncode, json.loads(done.stdout)


def memo_file(cache_home: Path) -> Path:
    found = list(cache_home.glob("oauthdoctor/profiles-*/anchors.json"))
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def cache_home(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_a_run_writes_the_anchors_it_worked_out(cache_home: Path) -> None:
    code, first = explain(cache_home)
    assert (code, first["class"], first["decision"]) == (0, "invalid_client", "fix_config")
    memo = json.loads(memo_file(cache_home).read_text())["data"]
    assert len(memo) > 50  # every profile's detection signatures and the phrase layer's patterns tried
    assert all(value == (list(found) if (found := anchors(pattern)) else None) for pattern, value in memo.items())


def test_the_next_run_believes_the_memo(cache_home: Path) -> None:
    explain(cache_home)
    path = memo_file(cache_home)
    entry = json.loads(path.read_text())
    entry["data"] = {pattern: ["\x00never"] for pattern in entry["data"]}  # anchors no text contains
    path.write_text(json.dumps(entry))
    _, refused = explain(cache_home)
    assert (refused["class"], refused["cause"]) == ("unknown", "unrecognised_response")
    path.unlink()
    code, again = explain(cache_home)
    assert (code, again["class"], again["decision"]) == (0, "invalid_client", "fix_config")


def test_a_memo_from_other_code_is_ignored(cache_home: Path) -> None:
    explain(cache_home)
    path = memo_file(cache_home)
    entry = json.loads(path.read_text())
    entry["key"] = entry["key"] + "0"  # written when anchors.py had another size or time
    entry["data"] = {pattern: ["\x00never"] for pattern in entry["data"]}
    path.write_text(json.dumps(entry))
    code, answer = explain(cache_home)
    assert (code, answer["class"], answer["decision"]) == (0, "invalid_client", "fix_config")


def test_no_memo_is_written_with_the_cache_off(cache_home: Path) -> None:
    code, answer = explain(cache_home, ("OAUTHDOCTOR_NO_CACHE", "1"))
    assert (code, answer["class"]) == (0, "invalid_client")
    assert not list(cache_home.glob("**/anchors.json"))
