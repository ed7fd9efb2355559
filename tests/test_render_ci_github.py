"""GitHub workflow-command annotations: exact lines and GitHub's escaping rules."""

from __future__ import annotations

from oauthdoctor.model import Finding, Location, Report, Severity, Status
from oauthdoctor.render.github import escape_data, escape_property, render_github


def test_escaping_rules() -> None:
    assert escape_data("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext: a,b"
    assert escape_property("C:\\dir,x%\n") == "C%3A\\dir%2Cx%25%0A"


def test_annotation_lines() -> None:
    report = Report(command="check-env", files=("dir,1/.env",), findings=(
        Finding("redirect-http", Status.FAIL, Severity.ERROR, "uses http: 100%\nplain",
                location=Location("dir,1/.env", 4, 20), fix="use https"),
        Finding("duplicate-key", Status.WARN, Severity.WARNING, "set twice", location=Location("dir,1/.env", 1, 1)),
        Finding("no-oauth-config", Status.WARN, Severity.INFO, "nothing here", location=Location("dir,1/.env", 1, 1)),
        Finding("clock_skew", Status.FAIL, Severity.ERROR, "Clock skew", hint="+300 s"),
        Finding("config", Status.PASS, Severity.INFO, "Config"),
    ))
    assert render_github(report).splitlines() == [
        "::error file=dir%2C1/.env,line=4,col=20,title=oauthdoctor redirect-http::uses http: 100%25%0Aplain. "
        "Fix: use https",
        "::warning file=dir%2C1/.env,line=1,col=1,title=oauthdoctor duplicate-key::set twice",
        "::notice file=dir%2C1/.env,line=1,col=1,title=oauthdoctor no-oauth-config::nothing here",
        "::error title=oauthdoctor clock_skew::Clock skew: +300 s",
        "oauthdoctor check-env: 2 error(s), 1 warning(s), 1 note(s)",
    ]
