"""``oauthdoctor check-env`` through the CLI: formats, exit codes, options, input errors, start-up cost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "env"
ROOT = Path(__file__).parent.parent


def cli(*args: str, cwd: Path = FIXTURES) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OAUTHDOCTOR_PROFILES": str(FIXTURES / "profiles"), "PYTHONPATH": str(ROOT),
           "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "oauthdoctor", "check-env", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, check=False, timeout=60)


def test_json_contract_and_exit_code() -> None:
    result = cli("--format", "json", "endpoints.env")
    assert result.returncode == 1, result.stderr
    doc = json.loads(result.stdout)
    assert doc == {
        "schema_version": 1,
        "files": ["endpoints.env"],
        "findings": [
            {"rule": "endpoint-http", "file": "endpoints.env", "line": 5, "column": 17, "severity": "error",
             "key": "OAUTH_TOKEN_URL", "message": "OAUTH_TOKEN_URL uses plain http: http://oauth2.googleapis.com/token",
             "fix": "Use https:// in OAUTH_TOKEN_URL; never send a client secret over plain http."},
            {"rule": "endpoint-host", "file": "endpoints.env", "line": 6, "column": 21, "severity": "error",
             "key": "OAUTH_AUTHORIZE_URL",
             "message": "OAUTH_AUTHORIZE_URL host accounts.google.com.evil.example does not belong to Google "
                        "(expected accounts.google.com, oauth2.googleapis.com)",
             "fix": "Use the Google endpoint in OAUTH_AUTHORIZE_URL, or pick the right --provider."},
        ],
    }


def test_clean_file_exits_zero() -> None:
    result = cli("--format", "json", "clean.production.env", "framework.env")
    assert (result.returncode, json.loads(result.stdout)["findings"]) == (0, [])


@pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("warning", 1), ("never", 0)])
def test_fail_on_threshold(fail_on: str, code: int) -> None:
    assert cli("--format", "json", "--fail-on", fail_on, "syntax.env").returncode == code  # one warning


def test_fail_on_never_with_errors() -> None:
    assert cli("--format", "json", "--fail-on", "never", "endpoints.env").returncode == 0


def test_rule_and_ignore_options() -> None:
    only = json.loads(cli("--format", "json", "--rule", "endpoint-host", "endpoints.env").stdout)
    assert [f["rule"] for f in only["findings"]] == ["endpoint-host"]
    rest = json.loads(cli("--format", "json", "--ignore", "endpoint-host", "--ignore", "endpoint-http",
                          "endpoints.env").stdout)
    assert rest["findings"] == []


def test_unknown_rule_is_a_usage_error() -> None:
    result = cli("--rule", "no-such-rule", "endpoints.env")
    assert result.returncode == 2
    assert result.stderr == ("oauthdoctor: error: unknown rule 'no-such-rule' "
                             "(see 'oauthdoctor check-env --list-rules')\n")


@pytest.mark.parametrize(("name", "message"), [
    ("not-env.yaml", "not-env.yaml: not an env file, docker-compose file or Kubernetes manifest"),
    ("not-env.bin", "not-env.bin: not an env file (binary content)"),
    ("does-not-exist.env", "does-not-exist.env: cannot read: No such file or directory"),
])
def test_bad_input_exits_2_naming_the_file(name: str, message: str) -> None:
    result = cli("--format", "json", "clean.production.env", name)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"oauthdoctor: error: {message}\n"


def test_unknown_provider_option_is_a_usage_error() -> None:
    result = cli("--provider", "nosuch", "missing.env")
    assert result.returncode == 2 and "unknown provider 'nosuch'" in result.stderr


def test_no_file_is_a_usage_error() -> None:
    assert cli().returncode == 2


def test_list_rules_json_and_text() -> None:
    from oauthdoctor.checkenv import RULES

    listed = json.loads(cli("--list-rules", "--format", "json").stdout)
    assert [r["id"] for r in listed] == [r.id for r in RULES]
    assert set(listed[0]) == {"id", "title", "question", "severity", "help_uri"}
    text = cli("--list-rules").stdout
    assert all(f"{r.id}\t{r.severity.value}\t{r.title}\n" in text for r in RULES)


def test_output_file_for_sarif(tmp_path: Path) -> None:
    out = tmp_path / "out.sarif"
    result = cli("--format", "sarif", "--output", str(out), "--fail-on", "never", "redirect-http.env")
    assert (result.returncode, result.stdout) == (0, "")
    doc = json.loads(out.read_text())
    assert [r["ruleId"] for r in doc["runs"][0]["results"]] == ["redirect-http"]


def test_rich_view_lists_findings_by_file(tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    cli("--output", str(out), "redirect-http.env", "clean.production.env")
    text = out.read_text()
    assert "redirect-http.env" in text and "4:20" in text and "redirect-http" in text
    assert "✓ clean.production.env no findings" in text
    assert "1 error(s), 0 warning(s), 0 note(s) in 2 file(s)" in text


def test_help_has_an_example() -> None:
    assert "Example: oauthdoctor check-env" in cli("--help").stdout


PROBE = """
import sys
from oauthdoctor.cli.app import main
sys.argv = ["oauthdoctor", "check-env", "--format", sys.argv[1], "--fail-on", "never", sys.argv[2]]
try:
    main()
except SystemExit:
    pass
heavy = [m for m in ("httpx", "ntplib", "pydantic", "rich") if m in sys.modules]
sys.stderr.write("HEAVY=" + ",".join(heavy) + "\\n")
"""


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "junit"])
def test_ci_formats_do_not_import_heavy_modules(fmt: str) -> None:
    env = {**os.environ, "OAUTHDOCTOR_PROFILES": str(FIXTURES / "profiles"), "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", PROBE, fmt, "endpoints.env"], capture_output=True, text=True,
                            cwd=FIXTURES, env=env, check=False, timeout=60)
    assert "HEAVY=\n" in result.stderr, result.stderr


def test_ci_docs_list_every_rule() -> None:
    from oauthdoctor.checkenv import RULES

    docs = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"| `{r.id}` | {r.severity.value} |" in docs and f"| `{r.id}` | {r.severity.value} |" in readme
               for r in RULES)
    assert "id: oauthdoctor-check-env" in docs
