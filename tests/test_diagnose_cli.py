"""``oauthdoctor diagnose`` through the real CLI: examples, exit codes, JSON schema, and secret redaction."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "oauthdoctor" / "schemas" / "diagnose.schema.json").read_text(encoding="utf-8"))
CANARY = "canary-Secret-9f8e7d6c5b4a"
CANARY_RT = "canary-Refresh-0a1b2c3d4e5f"
FORMATS = ("rich", "json", "sarif", "github", "junit")


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("OAUTH_", "AUTH_", "OAUTHDOCTOR_"))}
    clean.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "diagnose", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=clean,
        check=False,
        timeout=60,
    )


def validated(stdout: str) -> dict:
    data = json.loads(stdout)
    jsonschema.validate(data, SCHEMA)
    return data


def probe(data: dict, pid: str) -> list[dict]:
    return [f for f in data["findings"] if f["probe"] == pid]


@pytest.fixture
def env_file(tmp_path: Path) -> Path:
    """A configuration whose secrets are canaries, with a stray newline and the secret in the last error."""
    path = tmp_path / ".env.production"
    path.write_text(
        "OAUTH_TOKEN_URL=https://idp.test/oauth/token\n"
        "OAUTH_CLIENT_ID=my-client\n"
        f'OAUTH_CLIENT_SECRET="{CANARY}\\n"\n'
        f"OAUTH_REFRESH_TOKEN={CANARY_RT}\n"
        "OAUTH_REDIRECT_URI=https://app.test/cb\n"
        "OAUTH_REGISTERED_REDIRECT_URIS=https://app.test/cb\n"
        f'OAUTH_LAST_ERROR=\'{{"error":"invalid_client","error_description":"bad secret {CANARY}"}}\'\n'
        "OAUTH_LAST_ERROR_STATUS=401\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_canary_secret_appears_in_no_output(env_file: Path, fmt: str) -> None:
    result = cli("--offline", "--env-file", str(env_file), "--format", fmt)
    assert result.returncode == 1, result.stderr
    output = result.stdout + result.stderr
    assert CANARY not in output and CANARY_RT not in output
    assert "can…(27 chars)" in output or fmt in ("sarif", "github", "junit")


def test_offline_json_report(env_file: Path) -> None:
    result = cli("--offline", "--env-file", str(env_file), "--format", "json")
    data = validated(result.stdout)
    assert data["environment"] == "production"  # from the file name
    assert data["inputs"]["client_secret"] == "can…(27 chars)"
    assert data["inputs"]["sources"]["client_id"] == f"OAUTH_CLIENT_ID ({env_file})"
    (stray,) = [f for f in probe(data, "config") if f["status"] == "fail"]
    assert stray["title"] == "OAUTH_CLIENT_SECRET has a trailing newline"
    assert [f["status"] for f in probe(data, "client_auth")] == ["skip"]
    assert data["decision"] == "fix_config"
    last = probe(data, "last_error")[0]
    assert last["class"] == "invalid_client" and last["evidence"]["explained_by"] == "config"


def test_fail_on_and_usage_errors(env_file: Path, tmp_path: Path) -> None:
    assert cli("--offline", "--env-file", str(env_file), "--fail-on", "never").returncode == 0
    for args, message in [
        (("--probe", "nope"), "unknown probe 'nope'"),
        (("--ntp-server", "host:99999"), "port must be 1-65535"),
        (("--timeout", "0"), "--timeout must be a positive number"),
        (("--env-file", str(tmp_path / "missing.env")), "cannot read"),
    ]:
        result = cli("--offline", *args)
        assert result.returncode == 2 and message in result.stderr, (args, result.stderr)
    bad = tmp_path / "c.yaml"
    bad.write_text("clientid: x\n", encoding="utf-8")
    result = cli("--offline", "--config", str(bad))
    assert result.returncode == 2 and "did you mean 'client_id'" in result.stderr


def test_clean_offline_config_exits_zero(tmp_path: Path) -> None:
    result = cli(
        "--offline",
        "--format",
        "json",
        "--token-url",
        "https://idp.test/token",
        "--client-id",
        "a",
        env={"OAUTH_CLIENT_SECRET": "a-fine-secret-value", "OAUTH_REDIRECT_URI": "https://app.test/cb"},
    )
    data = validated(result.stdout)
    assert result.returncode == 0 and data["decision"] == "none" and data["root_cause"] is None


def test_client_secret_flag_warns_and_is_redacted() -> None:
    result = cli(
        "--offline",
        "--format",
        "json",
        "--token-url",
        "https://idp.test/token",
        "--client-id",
        "a",
        "--client-secret",
        CANARY,
    )
    assert "prefer OAUTH_CLIENT_SECRET" in result.stderr
    assert CANARY not in result.stdout + result.stderr
    assert validated(result.stdout)["inputs"]["sources"]["client_secret"] == "--client-secret"


@pytest.mark.network
def test_live_run_against_strict_server(strict_server, ntp_server) -> None:
    ntp = ntp_server(offset=0.0)
    spec = strict_server.clients["basic"]
    env = {
        "OAUTH_ISSUER": strict_server.issuer,
        "OAUTH_CLIENT_ID": spec.client_id,
        "OAUTH_CLIENT_SECRET": spec.client_secret,
        "OAUTH_AUTH_METHOD": "client_secret_post",
        "OAUTH_REDIRECT_URI": spec.redirect_uri,
    }
    result = cli("--format", "json", "--ntp-server", ntp.address, "--timeout", "3", env=env)
    data = validated(result.stdout)
    assert result.returncode == 1
    assert data["inputs"]["token_endpoint"] is None  # found through discovery, not configured
    assert probe(data, "client_auth")[0]["title"].startswith("only client_secret_basic works")
    assert probe(data, "clock_skew")[0]["status"] == "pass"
    assert spec.client_secret not in result.stdout + result.stderr


def test_offline_json_does_not_import_the_network_stack(env_file: Path) -> None:
    code = (
        "import sys; from oauthdoctor.cli.app import main; sys.argv=['oauthdoctor','diagnose','--offline',"
        f"'--format','json','--env-file',{str(env_file)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('httpx', 'ntplib', 'rich', 'pydantic') if m in sys.modules]\n"
        "sys.stderr.write('HEAVY=' + ','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.stderr.strip().endswith("HEAVY="), result.stderr


# --- the bundled examples (README's main command) -----------------------------------------------------------


def test_google_testing_example() -> None:
    result = cli("--offline", "--env-file", "examples/google-testing.env", "--format", "json")
    data = validated(result.stdout)
    assert result.returncode == 1 and data["provider"] == "google" and data["decision"] == "fix_config"
    assert [f["status"] for f in probe(data, "redirect_uri")] == ["fail"]
    assert "trailing slash" in probe(data, "redirect_uri")[0]["title"]
    (policy,) = probe(data, "token_policy")
    assert policy["status"] == "fail" and "7 days while the app is in Testing" in policy["title"]
    (last,) = probe(data, "last_error")
    assert last["class"] == "invalid_grant" and last["evidence"]["explained_by"] == "token_policy"
    assert "Publish the app" in data["root_cause"]
    assert all(f["status"] == "skip" for f in data["findings"] if f["probe"] in ("discovery", "client_auth"))


def test_google_testing_example_rich_report() -> None:
    result = cli("--offline", "--env-file", "examples/google-testing.env", "--no-color", "--verbose")
    assert result.returncode == 1
    assert "Decision: fix_config" in result.stdout and "│ Root cause  " in result.stdout
    assert "GOC…(32 chars)" in result.stdout and "GOCSPX-example0not0a0real0secret" not in result.stdout


def test_github_host_case_example() -> None:
    result = cli("--offline", "--env-file", "examples/github-host-case.env", "--format", "json")
    data = validated(result.stdout)
    assert result.returncode == 1 and data["provider"] == "github" and data["decision"] == "fix_config"
    assert data["inputs"]["sources"]["client_id"] == "AUTH_GITHUB_ID (examples/github-host-case.env)"
    (redirect,) = probe(data, "redirect_uri")
    assert redirect["status"] == "fail" and redirect["evidence"]["expected"] == (
        "https://app.example.com/api/auth/callback/github"
    )
    (last,) = probe(data, "last_error")
    assert last["class"] == "redirect_uri_mismatch" and last["evidence"]["explained_by"] == "redirect_uri"
