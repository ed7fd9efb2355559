"""Offline commands must not import the network stack (or pydantic): checked in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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


WARM = {
    # The start-up budget of diff-redirect (issue 3) depends on reading one rule, not building profiles.
    "diff-redirect": (["diff-redirect", "--provider", "GH", "--format", "json", "https://a.test/cb",
                       "https://a.test/cb/x"],  # an alias: needs the name index a full load writes
                      ("oauthdoctor.profiles.model", "oauthdoctor.classify", "yaml", "hashlib")),
    # explain reads the errors sections and hosts of every profile from the cache, not whole profiles.
    "explain": (["explain", "--format", "json", '{"error":"invalid_grant"}'],
                ("oauthdoctor.profiles.model", "oauthdoctor.profiles.loader", "yaml", "hashlib")),
    # providers list reads the summaries a full load computed, not thirty profiles.
    "providers-list": (["providers", "list", "--format", "json"],
                       ("oauthdoctor.profiles.model", "oauthdoctor.profiles.loader", "oauthdoctor.profiles.audit",
                        "yaml")),
}


@pytest.mark.parametrize("name", sorted(WARM))
def test_with_a_warm_cache_the_profile_schema_is_skipped(name: str, tmp_path: Path) -> None:
    args, unwanted = WARM[name]
    probe = PROBE.replace('("httpx", "ntplib", "pydantic", "rich")', repr(unwanted))
    argv = json.dumps(args)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("OAUTHDOCTOR_NO_CACHE", None)
    first = subprocess.run([sys.executable, "-c", probe, argv], capture_output=True, text=True, env=env, check=False)
    assert "oauthdoctor.profiles.model" in first.stderr  # cold: the full load fills the cache
    warm = subprocess.run([sys.executable, "-c", probe, argv], capture_output=True, text=True, env=env, check=False)
    line = next(x for x in warm.stderr.splitlines() if x.startswith("HEAVY="))
    assert json.loads(line[len("HEAVY="):]) == [], warm.stderr
    assert json.loads(warm.stdout) and warm.stdout == first.stdout and warm.returncode == first.returncode


@pytest.mark.parametrize(("argv", "expected"), [
    (["diff-redirect", "a", "b"], "diff-redirect"),
    (["--profiles", "diff-redirect", "explain", "x"], "explain"),  # the option's value is not the command
    (["--profiles=dir", "providers", "list"], "providers"),
    (["--help"], None),
    (["--version"], None),
    (["--bogus", "explain"], None),
    (["nonsense"], None),
    ([], None),
])
def test_only_the_named_command_is_registered(argv: list[str], expected: str | None) -> None:
    from oauthdoctor.cli.app import requested_command

    assert requested_command(argv) == expected


def test_root_help_lists_every_command_and_an_unknown_one_is_refused() -> None:
    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "oauthdoctor", *argv], capture_output=True, text=True,
                              check=False)

    listed = run("--help").stdout.split("Commands:")[1].split()
    assert [w for w in listed if w in ("diagnose", "diff-redirect", "explain", "check-env", "providers")] == [
        "diagnose", "diff-redirect", "explain", "check-env", "providers"]
    refused = run("diff-redirec", "a", "b")
    assert refused.returncode == 2
    assert refused.stderr.startswith("oauthdoctor: error: No such command 'diff-redirec'")


def test_the_console_entry_runs_main_and_exits_with_its_code_and_output() -> None:
    """``run`` (console script, ``python -m``) ends the process itself: same output and exit code as ``main``."""
    argv = ["diff-redirect", "--format", "json", "https://a.test/cb", "https://a.test/cb/"]
    for entry in ("run", "main"):
        result = subprocess.run([sys.executable, "-c", f"import sys; from oauthdoctor.cli.app import {entry}; "
                                 f"sys.argv[1:] = {argv!r}; {entry}()"], capture_output=True, text=True, check=False)
        assert result.returncode == 1 and json.loads(result.stdout)["accepted"] is False, (entry, result.stderr)
    piped = subprocess.run(f"{sys.executable} -m oauthdoctor providers list --format json | head -c 1",
                           shell=True, capture_output=True, text=True, check=False)
    assert piped.stdout == "{" and piped.stderr == ""  # a reader that goes away ends the output quietly


@pytest.mark.parametrize(("raised", "code", "stderr"), [
    ("SystemExit(3)", 3, ""), ("SystemExit(None)", 0, ""), ("SystemExit('boom')", 1, "boom\n")])
def test_the_console_entry_freezes_start_up_objects_and_exits_as_sys_exit_would(
        raised: str, code: int, stderr: str) -> None:
    probe = f"""
import gc, sys
from oauthdoctor.cli import app
def fake_main():
    young = gc.get_threshold()[0] == app.GC_YOUNG_THRESHOLD
    sys.stdout.write(f"frozen={{gc.get_freeze_count() > 0 and young}}")  # buffered: run() must flush it
    raise {raised}
app.main = fake_main
app.run()
"""
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False,
                            env={**os.environ, "PYTHONUNBUFFERED": ""})
    assert (result.returncode, result.stdout, result.stderr) == (code, "frozen=True", stderr)


def test_the_console_entry_exits_with_its_code_when_started_without_stdout_or_stderr() -> None:
    probe = "import sys; from oauthdoctor.cli.app import run; sys.argv[1:] = ['--version']; run()"
    for closed in ("1>&-", "2>&-", "1>&- 2>&-"):
        result = subprocess.run(f"{sys.executable} -c \"{probe}\" {closed}", shell=True, check=False)
        assert result.returncode == 0, closed


def test_main_called_in_process_leaves_the_collector_alone() -> None:
    import gc

    from oauthdoctor.cli.app import main

    before = gc.get_freeze_count()
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and gc.get_freeze_count() == before
