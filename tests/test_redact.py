"""The one redaction function: fingerprints, deep scrubbing, and the last-resort error handler."""

from __future__ import annotations

import pytest

from oauthdoctor.cli import app as cli_app
from oauthdoctor.model import Finding, Report, Severity, Status
from oauthdoctor.redact import fingerprint, remember, scrub, scrub_text

SECRET = "s3cr3t-value-123"


def test_fingerprint_shape() -> None:
    assert fingerprint(SECRET) == "s3c…(16 chars)"
    assert fingerprint("short") == "…(5 chars)"
    assert fingerprint("") == "(empty)"


def test_scrub_text_longest_first() -> None:
    text = f"a={SECRET} b={SECRET}-more"
    assert scrub_text(text, [SECRET, f"{SECRET}-more"]) == "a=s3c…(16 chars) b=s3c…(21 chars)"


def test_scrub_walks_reports() -> None:
    finding = Finding("x", Status.FAIL, Severity.ERROR, f"bad {SECRET}", evidence={"actual": [SECRET]}, hint=SECRET)
    report = Report(command="t", findings=(finding,), inputs={"k": SECRET}, secrets=frozenset({SECRET}))
    clean = scrub(report, report.secrets)
    assert SECRET not in repr(clean.findings) + repr(clean.inputs)
    assert clean.findings[0].evidence == {"actual": ["s3c…(16 chars)"]}
    assert clean.secrets == report.secrets  # kept for later renderers, never rendered


def test_internal_error_message_is_scrubbed(capsys: pytest.CaptureFixture[str]) -> None:
    remember([SECRET])
    with pytest.raises(SystemExit) as exc:
        cli_app._fail(f"internal error: ValueError: token {SECRET} rejected", cli_app.ExitCode.INTERNAL)
    assert exc.value.code == 4
    err = capsys.readouterr().err
    assert err == "oauthdoctor: error: internal error: ValueError: token s3c…(16 chars) rejected\n"


def test_no_rule_text_is_mistaken_for_a_credential() -> None:
    """Every summary, hint and candidate text of every profile renders as written: the scrubber masks
    ``code=...``/``token=...`` shapes in output, so a rule that writes one shows a fingerprint instead of its words."""
    from oauthdoctor.profiles.loader import all_profiles

    mangled = []
    for profile in all_profiles():
        codes = profile.errors.codes
        outcomes = [*profile.errors.rules, *profile.errors.fallback, *(codes.values() if codes else ())]
        for outcome in outcomes:
            texts = [outcome.summary, *(outcome.hints or ())]
            for candidate in outcome.candidates or ():
                texts += [candidate.tells_apart, candidate.hint]
            mangled += [(profile.id, t) for t in texts if t and scrub_text(t, []) != t]
    assert mangled == []
