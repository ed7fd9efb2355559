"""``oauthdoctor check-env``: OAuth-aware lint of env files for CI and pre-commit.

Offline by design: no network, no real secret ever printed. Heavy modules (rich) are imported only for
the rich format, so the CI formats start fast.
"""

# No "from __future__ import annotations": Typer would compile and eval every string annotation at start-up.

import sys
from pathlib import Path

import typer

from oauthdoctor.cli.completion import provider_names, rule_ids
from oauthdoctor.cli.errors import CommandExit, UsageError
from oauthdoctor.cli.helptext import did_you_mean, examples
from oauthdoctor.cli.options import FailOn
from oauthdoctor.cli.output import emit, format_option, output_option
from oauthdoctor.exitcodes import ExitCode, exit_codes_help

HELP = (
    "Lint env files for OAuth mistakes before they ship: redirect URIs, endpoints, client ids, placeholder "
    "secrets, stray whitespace/quotes/newlines, secret expiry. Never prints a secret.\n\n"
    + examples("oauthdoctor check-env .env.production .env.staging",
               "oauthdoctor check-env --format sarif --output oauthdoctor.sarif --prefix GOOGLE_ .env",
               "oauthdoctor check-env --list-rules")
    + "\n\n" + exit_codes_help(ExitCode.OK, ExitCode.FINDINGS, ExitCode.USAGE, ExitCode.INTERNAL,
                               ExitCode.INTERRUPTED)
)






def check_env_command(
    files: list[str] = typer.Argument(
        None, metavar="FILE...", help="Env files, docker-compose files or Kubernetes manifests (read by content)."),
    provider: str | None = typer.Option(None, "--provider", metavar="ID", help="Provider id for files that do not say.",
                                        autocompletion=provider_names),
    prefix: str | None = typer.Option(None, "--prefix", metavar="PREFIX",
                                      help="Read <PREFIX>CLIENT_ID etc. (e.g. GOOGLE_)."),
    fmt: str = format_option("check-env"),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="Exit 1 on findings at or above this level."),
    rules: list[str] = typer.Option([], "--rule", metavar="ID", help="Run only this rule (repeatable).",
                                    autocompletion=rule_ids),
    ignore: list[str] = typer.Option([], "--ignore", metavar="ID", help="Skip this rule (repeatable).",
                                     autocompletion=rule_ids),
    list_rules: bool = typer.Option(False, "--list-rules", help="List every rule and exit."),
    list_dialects: bool = typer.Option(
        False, "--list-dialects", help="List the tools whose variable names are read (oauth2-proxy, Grafana, ...)."),
    output: Path | None = output_option(),
) -> None:
    from oauthdoctor.checkenv.rules import RULES, RULES_BY_ID

    if list_rules:
        # The rich table on a terminal; elsewhere one grep-able line per rule.
        listing = "text" if fmt == "rich" and (output is not None or not _on_terminal()) else fmt
        if listing not in ("rich", "json", "text"):
            raise UsageError(f"--list-rules is written as rich or json, not {fmt}")
        emit(RULES, "check-env-rules", listing, output=output)
        return
    if list_dialects:
        from oauthdoctor.config.dialects import DIALECTS

        listing = "text" if fmt == "rich" and (output is not None or not _on_terminal()) else fmt
        if listing not in ("rich", "json", "text"):
            raise UsageError(f"--list-dialects is written as rich or json, not {fmt}")
        emit(DIALECTS, "check-env-dialects", listing, output=output)
        return
    if not files:
        raise UsageError("no env file given (Example: oauthdoctor check-env .env.production)")
    if both := sorted(set(rules) & set(ignore)):
        raise UsageError(f"--rule and --ignore both name {', '.join(both)}: give one or the other")
    for rule_id in (*rules, *ignore):
        if rule_id not in RULES_BY_ID:
            raise UsageError(f"unknown rule '{rule_id}' ({did_you_mean(rule_id, RULES_BY_ID)}"
                             "see 'oauthdoctor check-env --list-rules')")
    from oauthdoctor.checkenv import check_files
    from oauthdoctor.config import EnvFileError

    try:
        report = check_files(files, provider=provider, prefix=prefix, select=rules, ignore=ignore)
    except EnvFileError as exc:
        raise UsageError(str(exc)) from None
    emit(report, "check-env", fmt, output=output)
    if fail_on is not FailOn.never:
        from oauthdoctor.model import Severity

        if report.at_or_above(Severity(fail_on.value)):
            raise CommandExit(ExitCode.FINDINGS)


def _on_terminal() -> bool:
    return sys.stdout is not None and sys.stdout.isatty()


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command("check-env", help=HELP)(check_env_command)
