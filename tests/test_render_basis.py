"""#15: a finding that rests on a heuristic or unconfirmed profile fact is marked in the terminal views."""

from __future__ import annotations

from rich.console import Console

from oauthdoctor.model import Finding, Location, Report, Severity, Status
from oauthdoctor.render.checkenv_console import print_check_env
from oauthdoctor.render.diagnose_console import print_diagnosis


def _text(draw, report: Report) -> str:
    console = Console(record=True, width=140, no_color=True)
    draw(report, console)
    return console.export_text()


def test_diagnose_marks_findings_that_rest_on_heuristic_facts() -> None:
    heuristic = Finding("redirect_uri", Status.WARN, Severity.WARNING, "2 callback URLs are registered",
                        evidence={"basis": "heuristic"})
    confirmed = Finding("config", Status.FAIL, Severity.ERROR, "no client id configured",
                        evidence={"basis": "confirmed"})
    text = _text(print_diagnosis, Report("diagnose", (confirmed, heuristic)))
    assert "2 callback URLs are registered  (~ rests on a heuristic fact)" in text
    assert "no client id configured  (" not in text


def test_check_env_marks_findings_that_rest_on_unconfirmed_facts() -> None:
    finding = Finding("client-id-format", Status.WARN, Severity.WARNING, "OAUTH_CLIENT_ID does not look like",
                      location=Location("app.env", 2, 17), evidence={"basis": "unconfirmed"})
    text = " ".join(_text(print_check_env, Report("check-env", (finding,), files=("app.env",))).split())
    assert "OAUTH_CLIENT_ID does not look like (? rests on an unconfirmed fact)" in text
