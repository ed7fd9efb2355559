"""Every JSON output of the offline commands validates against the schema committed in the package."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
ENV = ROOT / "tests" / "fixtures" / "env"


def schema(name: str) -> dict[str, object]:
    text = resources.files("oauthdoctor").joinpath(f"schemas/{name}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "oauthdoctor", *args], capture_output=True, text=True,
                          input=stdin, cwd=ROOT, check=False)


EXPLAIN_INPUTS = [
    '{"error":"invalid_grant","error_description":"AADSTS70008: expired"}',
    "{'ok': False, 'error': 'token_revoked'}",
    "oauth2: cannot fetch token: 400 Bad Request\nResponse: {\"error\":\"invalid_client\"}",
    "<html><title>Error 500</title></html>",
    "",
    "\x00\xff garbage",
]


@pytest.mark.parametrize("body", EXPLAIN_INPUTS)
def test_explain_json_matches_schema(body: str) -> None:
    result = run("explain", "--format", "json", "-", stdin=body)
    assert result.returncode in (0, 2, 3), result.stderr
    if result.returncode in (0, 3):
        jsonschema.validate(json.loads(result.stdout), schema("explain"))


def test_explain_jsonl_lines_match_schema() -> None:
    lines = ['{"status": 401, "body": "{\\"error\\":\\"invalid_client\\"}"}', "not json", '{"body": ""}']
    result = run("explain", "--jsonl", "-", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    outputs = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(outputs) == 3 and outputs[1]["class"] == "unknown"
    for out in outputs:
        jsonschema.validate(out, schema("explain"))


@pytest.mark.parametrize(("args", "code"), [
    (("https://a.test/cb", "https://a.test/cb"), 0),
    (("https://a.test/cb", "https://A.test/cb/\u200b"), 1),
    (("http://127.0.0.1/cb", "http://127.0.0.1:5000/cb"), 0),
    (("https://a.test/cb", "not a uri"), 1),
    (("--omitted", "https://a.test/cb"), 0),
    (("--omitted", "--provider", "doorkeeper", "https://a.test/cb"), 1),
    (("--omitted", "--provider", "dropbox"), 0),
    (("--omitted",), 1),
    (("--none-registered", "https://a.test/cb"), 1),
])
def test_diff_redirect_json_matches_schema(args: tuple[str, ...], code: int) -> None:
    result = run("diff-redirect", "--format", "json", *args)
    assert result.returncode == code, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema("diff-redirect"))
    assert data["omitted"] is ("--omitted" in args)


def test_check_env_json_matches_schema() -> None:
    files = sorted(str(p) for p in ENV.glob("*.env"))
    result = run("check-env", "--format", "json", "--fail-on", "never", *files)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["findings"], "the fixtures must produce findings"
    jsonschema.validate(data, schema("check-env"))


def test_providers_list_json_matches_schema() -> None:
    result = run("providers", "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    jsonschema.validate(json.loads(result.stdout), schema("providers-list"))


def test_providers_audit_json_matches_schema_and_lists_only_open_facts() -> None:
    result = run("providers", "audit", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema("providers-audit"))
    dates = [f["checked"] or "" for f in data["facts"]]
    assert dates == sorted(dates)  # oldest check first
    totals = data["totals"]
    assert len(data["facts"]) == totals["heuristic"] + totals["unconfirmed"]
