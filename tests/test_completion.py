"""Shell completion for bash, zsh and fish, as the shells' scripts call it: commands, provider ids and
aliases, probe ids, rule ids; both Click's (``bash_source``) and Typer's (``source_bash``) instruction order."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def complete(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    return subprocess.run([sys.executable, "-m", "oauthdoctor"], capture_output=True, text=True, env=full,
                          check=False, timeout=60)


def bash(words: str) -> list[str]:
    result = complete({"_OAUTHDOCTOR_COMPLETE": "complete_bash", "COMP_WORDS": words,
                       "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))})
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize("instruction", ["bash_source", "source_bash", "zsh_source", "source_fish"])
def test_the_completion_script_is_printed_in_either_order(instruction: str) -> None:
    result = complete({"_OAUTHDOCTOR_COMPLETE": instruction})
    assert result.returncode == 0 and "_OAUTHDOCTOR_COMPLETE" in result.stdout, result.stderr


def test_commands_ids_and_aliases_complete() -> None:
    assert bash("oauthdoctor di") == ["diagnose", "diff-redirect"]
    assert bash("oauthdoctor diagnose --provider ent") == ["entra", "entra-id"]
    assert bash("oauthdoctor providers show goo") == ["google", "google-identity", "googleapis"]
    assert bash("oauthdoctor diagnose --skip cl") == ["client_auth", "clock_skew"]
    assert bash("oauthdoctor check-env --ignore redirect-h") == ["redirect-http"]
    assert "--install-completion" in bash("oauthdoctor --")


def test_zsh_and_fish_complete_too() -> None:
    zsh = complete({"_OAUTHDOCTOR_COMPLETE": "complete_zsh",
                    "_TYPER_COMPLETE_ARGS": "oauthdoctor explain --provider spr"})
    assert '"spring"' in zsh.stdout and '"spring-authorization-server"' in zsh.stdout
    fish = complete({"_OAUTHDOCTOR_COMPLETE": "complete_fish", "_TYPER_COMPLETE_FISH_ACTION": "get-args",
                     "_TYPER_COMPLETE_ARGS": "oauthdoctor check-env --rule value-n"})
    assert fish.stdout.split() == ["value-newline"]
