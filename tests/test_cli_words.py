"""What a new user reads: suggestions for mistyped ids, messages without placeholders or doubled words, help
that lists the configuration keys and only the exit codes a command can end with, and piped input read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from oauthdoctor.config.keys import CANONICAL_KEYS, PLACEHOLDER_KEYS

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "env"


def run(*argv: str, stdin: str = "", cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OAUTHDOCTOR_PROFILES": str(FIXTURES / "profiles"),
           "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-m", "oauthdoctor", *argv], capture_output=True, text=True, env=env,
                          input=stdin, cwd=cwd, check=False, timeout=60)


@pytest.mark.parametrize(("argv", "message"), [
    (("check-env", "--rule", "redirect-htp", "x.env"),
     "unknown rule 'redirect-htp' (did you mean 'redirect-http'? see 'oauthdoctor check-env --list-rules')"),
    (("check-env", "--ignore", "duplicate-keys", "x.env"),
     "unknown rule 'duplicate-keys' (did you mean 'duplicate-key'? see 'oauthdoctor check-env --list-rules')"),
    (("diagnose", "--offline", "--skip", "transprt"),
     "unknown probe 'transprt' (did you mean 'transport'? probes: config, redirect_uri, transport, discovery, "
     "clock_skew, client_auth, grant_types, token_policy, last_error)"),
])
def test_a_mistyped_id_gets_the_closest_one(argv: tuple[str, ...], message: str) -> None:
    result = run(*argv)
    assert (result.returncode, result.stderr) == (2, f"oauthdoctor: error: {message}\n")


def test_missing_values_name_the_provider_once_and_plainly(tmp_path: Path) -> None:
    findings = json.loads(run("check-env", "--format", "json", "missing.env", cwd=FIXTURES).stdout)["findings"]
    messages = {f["message"]: f["fix"] for f in findings if f["rule"] == "missing-required"}
    assert messages["OAUTH_REDIRECT_URI is missing (Google needs the redirect URI)"] == (
        "Set OAUTH_REDIRECT_URI to the value from the Google app registration.")
    anonymous = tmp_path / ".env"
    anonymous.write_text("OAUTH_CLIENT_ID=abc\nOAUTH_CLIENT_SECRET=\nOAUTH_REDIRECT_URI=https://app.example.com/cb\n")
    findings = json.loads(run("check-env", "--format", "json", str(anonymous)).stdout)["findings"]
    (missing,) = [f for f in findings if f["rule"] == "missing-required"]
    assert missing["message"] == "OAUTH_CLIENT_SECRET is empty (an OAuth client needs the client secret)"
    assert missing["fix"] == "Set OAUTH_CLIENT_SECRET to the value from your app registration at the provider."
    assert "the the" not in json.dumps(findings)


def test_diagnose_help_lists_every_config_key() -> None:
    text = " ".join(run("diagnose", "--help").stdout.split())
    assert f"Keys of the --config YAML file (the OAUTH_* names in lower case): " \
           f"{', '.join((*CANONICAL_KEYS, *PLACEHOLDER_KEYS))}." in text


def test_check_env_help_names_only_its_own_exit_codes() -> None:
    text = " ".join(run("check-env", "--help").stdout.split())
    assert "Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage or input error; " \
           "4 internal error; 130 interrupted." in text
    assert "probe" not in text and "inconclusive" not in text


def test_explain_reads_piped_input_without_a_dash() -> None:
    result = run("explain", "--format", "json", "--status", "401", stdin='{"error":"invalid_client"}')
    assert (result.returncode, json.loads(result.stdout)["class"]) == (0, "invalid_client")
    empty = run("explain", stdin="")
    assert (empty.returncode, empty.stderr) == (
        2, "oauthdoctor: error: standard input is empty: nothing to explain (give the body, --status or --header)\n")
