"""JUnit XML: one test case per rule and file; failures carry the messages."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from oauthdoctor.checkenv import RULES, check_files
from oauthdoctor.model import Finding, Report, Severity, Status
from oauthdoctor.render.junit import render_junit

FIXTURES = Path(__file__).parent / "fixtures" / "env"


def test_one_case_per_rule_and_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OAUTHDOCTOR_PROFILES", str(FIXTURES / "profiles"))
    monkeypatch.chdir(FIXTURES)
    report = check_files(["endpoints.env", "nothing.env", "clean.production.env"])
    root = ET.fromstring(render_junit(report))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert len(cases) == 3 * len(RULES)
    assert [(c.get("classname"), c.get("name")) for c in cases[:2]] == [("endpoints.env", RULES[0].id),
                                                                       ("endpoints.env", RULES[1].id)]
    failed = {(c.get("classname"), c.get("name")): c.find("failure") for c in cases if c.find("failure") is not None}
    assert sorted(failed) == [("endpoints.env", "endpoint-host"), ("endpoints.env", "endpoint-http")]
    http = failed[("endpoints.env", "endpoint-http")]
    assert http.get("type") == "endpoint-http"
    assert http.text == ("5:17 error: OAUTH_TOKEN_URL uses plain http: http://oauth2.googleapis.com/token. "
                         "Fix: Use https:// in OAUTH_TOKEN_URL; never send a client secret over plain http.")
    info = next(c for c in cases if c.get("classname") == "nothing.env" and c.get("name") == "no-oauth-config")
    assert info.find("failure") is None and "no OAuth keys recognised" in (info.findtext("system-out") or "")
    for element in (root, suite):
        assert (element.get("tests"), element.get("failures"), element.get("errors")) == (
            str(3 * len(RULES)), "2", "0")


def test_report_without_files() -> None:
    report = Report(command="diagnose", findings=(
        Finding("transport", Status.FAIL, Severity.ERROR, "Transport", hint="http token endpoint"),
        Finding("discovery", Status.ERROR, Severity.WARNING, "Discovery", hint="timeout"),
        Finding("grant_types", Status.SKIP, Severity.INFO, "Grant types", hint="skipped: transport failed"),
        Finding("config", Status.PASS, Severity.INFO, "Config"),
    ))
    suite = ET.fromstring(render_junit(report)).find("testsuite")
    assert suite is not None
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert list(cases) == ["transport", "discovery", "grant_types", "config"]
    assert {c.get("classname") for c in cases.values()} == {"oauthdoctor.diagnose"}
    assert cases["transport"].find("failure").text == "error: Transport: http token endpoint"  # type: ignore[union-attr]
    assert cases["discovery"].find("error") is not None
    assert cases["grant_types"].find("skipped").get("message") == "skipped: transport failed"  # type: ignore[union-attr]
    assert list(cases["config"]) == []
    assert (suite.get("failures"), suite.get("errors"), suite.get("skipped")) == ("1", "1", "1")
