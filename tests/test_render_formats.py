"""The format registry: every entry is wired, every command offers exactly its table's formats through one
``emit``, and ``--output FILE`` gives the same bytes as stdout in every format of every command."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from oauthdoctor.render.formats import FORMATS, REPORT_CI_FORMATS, format_help, formats

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "google-testing.env")
# One offline invocation per document kind; "{fmt}" is replaced by each format of the kind.
COMMANDS: dict[str, list[str]] = {
    "diagnose": ["diagnose", "--offline", "--env-file", EXAMPLE, "--format", "{fmt}"],
    "check-env": ["check-env", "--format", "{fmt}", EXAMPLE],
    "check-env-rules": ["check-env", "--list-rules", "--format", "{fmt}"],
    "check-env-dialects": ["check-env", "--list-dialects", "--format", "{fmt}"],
    "trace": ["trace", "--format", "{fmt}", str(ROOT / "tests" / "fixtures" / "trace" / "code_reuse.har")],
    "explain": ["explain", "--format", "{fmt}", "--status", "400", '{"error":"invalid_grant"}'],
    "diff-redirect": ["diff-redirect", "--format", "{fmt}", "https://a.example/cb", "https://a.example/cb/"],
    "providers-list": ["providers", "list", "--format", "{fmt}"],
    "providers-show": ["providers", "show", "google", "--format", "{fmt}"],
    "providers-audit": ["providers", "audit", "--format", "{fmt}"],
}
OPTION_FORMATS = {kind: [f for f in formats(kind) if f != "text"] for kind in FORMATS}  # text: internal only


def run(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-m", "oauthdoctor", *argv], capture_output=True, text=True, env=env,
                          cwd=cwd, check=False, timeout=60, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize(("kind", "fmt"), [(k, f) for k, table in FORMATS.items() for f in table])
def test_every_renderer_resolves_to_a_function_of_its_shape(kind: str, fmt: str) -> None:
    entry = FORMATS[kind][fmt]
    function = entry.load()
    params = list(inspect.signature(function).parameters.values())
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    assert len(positional) >= (2 if entry.console else 1), entry.target
    for option in entry.options:
        assert option in inspect.signature(function).parameters, (entry.target, option)


def test_every_kind_has_a_command_test_and_rich_first() -> None:
    assert set(COMMANDS) == set(FORMATS)
    for kind in FORMATS:
        assert formats(kind)[0] == "rich", kind


def test_reports_offer_every_ci_format() -> None:
    for kind in ("diagnose", "check-env", "trace"):
        assert {k: FORMATS[kind][k] for k in REPORT_CI_FORMATS} == REPORT_CI_FORMATS


def test_importing_the_table_imports_no_renderer_and_not_rich() -> None:
    code = ("import sys, oauthdoctor.render.formats, oauthdoctor.cli.output; "
            "print(sorted(m for m in sys.modules if m == 'rich' or m.startswith('oauthdoctor.render.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    assert out.strip() == "['oauthdoctor.render.formats']"


@pytest.mark.parametrize("kind", sorted(k for k in COMMANDS if k not in ("check-env-rules", "check-env-dialects")))
def test_format_help_and_choices_come_from_the_table(kind: str) -> None:
    argv = [a for a in COMMANDS[kind] if a not in ("--format", "{fmt}")]
    command = argv[:2] if argv[0] == "providers" else argv[:1]
    help_text = " ".join(run(*command, "--help").stdout.split())
    assert f"<{'|'.join(OPTION_FORMATS[kind])}>" in help_text
    assert " ".join(format_help(kind).split()) in help_text


@pytest.mark.parametrize(("kind", "fmt"), [(k, f) for k in COMMANDS for f in OPTION_FORMATS[k]])
def test_output_file_equals_stdout_in_every_format(kind: str, fmt: str, tmp_path: Path) -> None:
    argv = [a.replace("{fmt}", fmt) for a in COMMANDS[kind]]
    shown = run(*argv)
    assert shown.returncode in (0, 1), shown.stderr
    out = tmp_path / "out.txt"
    written = run(*argv, "--output", str(out))
    assert (written.returncode, written.stdout) == (shown.returncode, "")
    text = out.read_text(encoding="utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n")
    if fmt == "rich" and kind == "check-env-rules":
        assert shown.stdout.startswith("env-syntax\t")  # not a terminal: one line per rule
    else:
        assert text == shown.stdout
    if fmt in ("json", "sarif"):
        json.loads(text)


def test_diagnose_prints_each_format_not_junit_for_all() -> None:
    """The old if-chain printed JUnit for any format it did not name; every format now has its own renderer."""
    outputs = {fmt: run(*[a.replace("{fmt}", fmt) for a in COMMANDS["diagnose"]]).stdout
               for fmt in OPTION_FORMATS["diagnose"]}
    assert outputs["junit"].startswith("<?xml")
    assert outputs["github"].startswith("::")
    assert json.loads(outputs["sarif"])["version"] == "2.1.0"
    assert json.loads(outputs["json"])["schema_version"] == 1
    assert outputs["rich"].startswith("oauthdoctor diagnose")


def test_unwritable_output_is_a_usage_error(tmp_path: Path) -> None:
    result = run("providers", "list", "--format", "json", "--output", str(tmp_path / "no" / "such" / "dir.json"))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(f"oauthdoctor: error: cannot write {tmp_path / 'no' / 'such' / 'dir.json'}: ")


def test_output_dash_is_stdout() -> None:
    result = run("providers", "list", "--format", "json", "--output", "-")
    assert json.loads(result.stdout)["schema_version"] == 1


def test_a_closed_pipe_ends_quietly() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(f"{sys.executable} -m oauthdoctor providers show google --format json | head -c 10",
                            shell=True, capture_output=True, text=True, env=env, check=False, timeout=60)
    assert result.stdout == '{\n  "schem'
    assert result.stderr == ""


ADD_A_FORMAT = """
import sys, types
from oauthdoctor.render import formats

module = types.ModuleType("oauthdoctor.render.checkenv_markdown")
module.render_md = lambda report: "| rule | line |\\n" + "".join(
    f"| {f.id} | {f.location.line} |\\n" for f in report.findings)
sys.modules[module.__name__] = module
formats.FORMATS["check-env"]["markdown"] = formats.Renderer("oauthdoctor.render.checkenv_markdown:render_md",
                                                             "a Markdown table")
from oauthdoctor.cli.app import main
main(sys.argv[1:])
"""


def test_a_new_format_is_one_renderer_and_one_table_row(tmp_path: Path) -> None:
    """docs/architecture-formats.md: a renderer plus its row in FORMATS; option, help, --output come along."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OAUTHDOCTOR_PROFILES": str(ROOT / "tests/fixtures/env/profiles")}
    fixture = str(ROOT / "tests" / "fixtures" / "env" / "endpoints.env")

    def run_with_row(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", ADD_A_FORMAT, *argv], capture_output=True, text=True,
                              env=env, check=False, timeout=60)

    shown = run_with_row("check-env", "--format", "markdown", fixture)
    assert (shown.returncode, shown.stdout) == (1, "| rule | line |\n| endpoint-http | 5 |\n| endpoint-host | 6 |\n")
    out = tmp_path / "report.md"
    assert run_with_row("check-env", "--format", "markdown", "-o", str(out), fixture).stdout == ""
    assert out.read_text() == shown.stdout
    assert "markdown (a Markdown table)" in " ".join(run_with_row("check-env", "--help").stdout.split())
