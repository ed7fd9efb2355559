"""``oauthdoctor check-env``: OAuth-aware lint of env files for CI and pre-commit.

Offline by design: no network, no real secret ever printed. Heavy modules (rich) are imported only for
the rich format, so the CI formats start fast.
"""

# No "from __future__ import annotations": Typer would compile and eval every string annotation at start-up.

import sys
from pathlib import Path

import typer

from oauthdoctor.cli.errors import CommandExit, UsageError
from oauthdoctor.cli.options import FailOn, ReportFormat
from oauthdoctor.exitcodes import EXIT_CODES_HELP, ExitCode

HELP = (
    "Lint env files for OAuth mistakes before they ship: redirect URIs, endpoints, client ids, placeholder "
    "secrets, stray whitespace/quotes/newlines, secret expiry. Never prints a secret.\n\n"
    "Example: oauthdoctor check-env .env.production .env.staging\n\n"
    "Example: oauthdoctor check-env --format sarif --output oauthdoctor.sarif --prefix GOOGLE_ .env\n\n"
    + EXIT_CODES_HELP
)






def check_env_command(
    files: list[str] = typer.Argument(
        None, metavar="FILE...", help="Env files, docker-compose files or Kubernetes manifests (read by content)."),
    provider: str | None = typer.Option(None, "--provider", help="Provider id for files that do not say."),
    prefix: str | None = typer.Option(None, "--prefix", help="Read <PREFIX>CLIENT_ID etc. (e.g. GOOGLE_)."),
    fmt: ReportFormat = typer.Option(
        ReportFormat.rich, "--format", help="rich, json, sarif, github (annotations) or junit."
    ),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="Exit 1 on findings at or above this level."),
    rules: list[str] = typer.Option([], "--rule", metavar="ID", help="Run only this rule (repeatable)."),
    ignore: list[str] = typer.Option([], "--ignore", metavar="ID", help="Skip this rule (repeatable)."),
    list_rules: bool = typer.Option(False, "--list-rules", help="List every rule and exit."),
    list_dialects: bool = typer.Option(
        False, "--list-dialects", help="List the tools whose variable names are read (oauth2-proxy, Grafana, ...)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report to this file."),
) -> None:
    from oauthdoctor.checkenv.rules import RULES, RULES_BY_ID

    if list_rules:
        _write(_rules_text(RULES, fmt), output)
        return
    if list_dialects:
        from oauthdoctor.cli.dialects_list import dialects_text

        _write(dialects_text(str(fmt) == "json"), output)
        return
    if not files:
        raise UsageError("no env file given (Example: oauthdoctor check-env .env.production)")
    for rule_id in (*rules, *ignore):
        if rule_id not in RULES_BY_ID:
            raise UsageError(f"unknown rule '{rule_id}' (see 'oauthdoctor check-env --list-rules')")
    from oauthdoctor.checkenv import check_files
    from oauthdoctor.config import EnvFileError

    try:
        report = check_files(files, provider=provider, prefix=prefix, select=rules, ignore=ignore)
    except EnvFileError as exc:
        raise UsageError(str(exc)) from None
    _write(_render(report, fmt, output is not None), output)
    if fail_on is not FailOn.never:
        from oauthdoctor.model import Severity

        if report.at_or_above(Severity(fail_on.value)):
            raise CommandExit(ExitCode.FINDINGS)


def _render(report: object, fmt: ReportFormat, to_file: bool) -> str:
    from oauthdoctor.model import Report

    assert isinstance(report, Report)
    if fmt is ReportFormat.json:
        from oauthdoctor.render.checkenv_json import render_check_env_json

        return render_check_env_json(report)
    if fmt is ReportFormat.sarif:
        from oauthdoctor.render.sarif import render_sarif

        return render_sarif(report)
    if fmt is ReportFormat.github:
        from oauthdoctor.render.github import render_github

        return render_github(report)
    if fmt is ReportFormat.junit:
        from oauthdoctor.render.junit import render_junit

        return render_junit(report)
    from rich.console import Console

    from oauthdoctor.render.checkenv_console import print_check_env

    if not to_file:
        print_check_env(report, Console())
        return ""
    console = Console(record=True, width=120, no_color=True, file=_Discard())
    print_check_env(report, console)
    return console.export_text()


def _rules_text(rules: tuple, fmt: ReportFormat) -> str:  # type: ignore[type-arg]
    if fmt is ReportFormat.json:
        import json

        return json.dumps([{"id": r.id, "title": r.title, "question": r.question, "severity": r.severity.value,
                            "help_uri": r.help_uri} for r in rules], indent=2) + "\n"
    if fmt is ReportFormat.rich and sys.stdout.isatty():
        from rich.console import Console

        from oauthdoctor.render.checkenv_console import print_rules

        print_rules(rules, Console())
        return ""
    return "".join(f"{r.id}\t{r.severity.value}\t{r.title}\n    {r.question}\n" for r in rules)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None


class _Discard:
    """A file-like sink: the recording console keeps the text, the terminal gets nothing."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        return None


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command("check-env", help=HELP)(check_env_command)
