"""Every example in ``oauthdoctor --help`` and in every command's ``--help`` runs as written.

The examples are read from the help text itself, one ``Example: ...`` line each (Click prints them
unwrapped: ``cli/helptext.py``), and run by bash in a directory that holds the files they name: the
repository's ``examples/`` and ``providers/``, and ``tests/fixtures/help-examples`` (``.env.production``,
``errors.jsonl``, ``my-profiles/``, ...). Each must end as a real run does: 0 or 1 (findings), never a usage
error, an internal error or a traceback. Every example works offline.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "help-examples"
TRACE = ROOT / "tests" / "fixtures" / "trace"
BIN = Path(sys.executable).parent
HELP_PAGES = [[], ["diagnose"], ["diff-redirect"], ["explain"], ["check-env"], ["trace"], ["providers"],
              ["providers", "list"], ["providers", "show"], ["providers", "audit"], ["providers", "validate"]]


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OAUTH_", "OAUTHDOCTOR_"))}
    return {**env, "PYTHONPATH": str(ROOT), "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
            "XDG_CACHE_HOME": str(home / "cache"), "NO_COLOR": "1", "COLUMNS": "100"}


def _help(args: list[str]) -> str:
    result = subprocess.run([sys.executable, "-m", "oauthdoctor", *args, "--help"], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "80"}, check=True)
    return result.stdout


EXAMPLES = [(" ".join(page) or "oauthdoctor", line.split("Example: ", 1)[1])
            for page in HELP_PAGES for line in _help(page).splitlines() if "Example: " in line]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The files the examples name, in one directory."""
    where = tmp_path_factory.mktemp("examples")
    shutil.copytree(FIXTURES, where, dirs_exist_ok=True)
    for name in ("examples", "providers"):
        shutil.copytree(ROOT / name, where / name)
    for name, source in (("login.har", "code_reuse.har"), ("token-exchanges.jsonl", "healthy_oidc.jsonl"),
                         ("worker-2.jsonl", "refresh_race.jsonl")):
        shutil.copy(TRACE / source, where / name)
    return where


def test_every_help_page_has_examples() -> None:
    pages = {page for page, _ in EXAMPLES}
    assert pages == {" ".join(p) or "oauthdoctor" for p in HELP_PAGES}
    assert all(example.startswith(("oauthdoctor ", "echo ")) for _, example in EXAMPLES)


def test_examples_are_not_wrapped() -> None:
    """An example cut across lines cannot be pasted: each sits on one line even at 60 columns."""
    narrow = subprocess.run([sys.executable, "-m", "oauthdoctor", "check-env", "--help"], capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "60"}, check=True)
    assert "Example: oauthdoctor check-env --format sarif --output oauthdoctor.sarif --prefix GOOGLE_ .env" in (
        narrow.stdout)


@pytest.mark.parametrize(("page", "example"), EXAMPLES, ids=[f"{p}: {e[:60]}" for p, e in EXAMPLES])
def test_example_runs_as_written(page: str, example: str, workdir: Path) -> None:
    result = subprocess.run(["bash", "-c", example], capture_output=True, text=True, cwd=workdir,
                            env=_env(workdir), check=False, timeout=60)
    assert result.returncode in (0, 1), (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and not re.search(r"oauthdoctor: error", result.stderr), result.stderr
    output = re.search(r"--output (\S+)", example)
    assert (workdir / output.group(1)).stat().st_size > 0 if output else result.stdout.strip()
