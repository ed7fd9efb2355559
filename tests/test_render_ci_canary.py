"""No secret reaches any output: a canary secret in every fixture, checked in every format."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from oauthdoctor.checkenv import check_files
from oauthdoctor.model import Finding, Location, Report, Severity, Status
from oauthdoctor.render.formats import FORMATS, render_document

FIXTURES = Path(__file__).parent / "fixtures" / "env"
ROOT = Path(__file__).parent.parent
CANARY = "CANARY-9f8e7d6c5b4a3210"
ENV_FILES = sorted(str(p.relative_to(FIXTURES)) for p in FIXTURES.rglob("*")
                   if p.is_file() and "profiles" not in p.parts and p.suffix not in (".yaml", ".bin"))


def test_every_fixture_holds_the_canary() -> None:
    assert len(ENV_FILES) > 25
    for name in ENV_FILES:
        assert CANARY in (FIXTURES / name).read_text(encoding="utf-8"), name


@pytest.mark.parametrize("fmt", ["rich", "json", "sarif", "github", "junit"])
def test_no_format_prints_the_canary(fmt: str) -> None:
    env = {**os.environ, "OAUTHDOCTOR_PROFILES": str(FIXTURES / "profiles"), "PYTHONPATH": str(ROOT),
           "COLUMNS": "300"}
    result = subprocess.run([sys.executable, "-m", "oauthdoctor", "check-env", "--format", fmt, *ENV_FILES],
                            capture_output=True, text=True, cwd=FIXTURES, env=env, check=False, timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stdout.count("\n") > 10
    for fragment in (CANARY, CANARY[7:], CANARY[:12]):
        assert fragment not in result.stdout and fragment not in result.stderr


@pytest.mark.parametrize(("kind", "fmt"), [(k, f) for k in ("check-env", "diagnose", "trace") for f in FORMATS[k]])
def test_renderers_scrub_a_secret_that_slipped_into_a_message(kind: str, fmt: str) -> None:
    """Second line of defence: even a rule that wrongly quoted a secret is redacted, in every format."""
    leak = "s3cr3t-value-that-leaked"
    report = Report(command=kind, files=("a.env",), secrets=frozenset({leak}), findings=(
        Finding("value-whitespace", Status.FAIL, Severity.ERROR, f"value {leak} has a space",
                location=Location("a.env", 1, 1), key="OAUTH_CLIENT_SECRET", fix=f"use {leak}",
                evidence={"value": leak}),))
    text = render_document(report, kind, fmt, secrets=report.secrets, width=200)
    assert leak not in text
    assert "s3c…(24 chars)" in text


def test_report_secrets_cover_the_canary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OAUTHDOCTOR_PROFILES", str(FIXTURES / "profiles"))
    monkeypatch.chdir(FIXTURES)
    report = check_files([n for n in ENV_FILES if "unclosed" not in n])
    assert CANARY in report.secrets
