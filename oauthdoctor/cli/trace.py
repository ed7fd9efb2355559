"""``oauthdoctor trace``: find the time-and-concurrency OAuth failures in HAR captures and exchange logs."""

# No "from __future__ import annotations": Typer would compile and eval every string annotation at start-up.

from pathlib import Path

import typer

from oauthdoctor.cli.errors import CommandExit, UsageError
from oauthdoctor.cli.helptext import examples
from oauthdoctor.cli.options import FailOn
from oauthdoctor.cli.output import emit, format_option, output_option
from oauthdoctor.exitcodes import EXIT_CODES_HELP, ExitCode

# generated: detections-help (python tools/generate_reference.py writes it from trace.detections; a test checks it)
DETECTIONS_HELP = (
    'Detections, in report order: code_reuse, redirect_uri_drift, refresh_race, stale_refresh_token, '
    'lost_refresh_token, retry_storm, late_refresh, error_in_200, state_mismatch, pkce_mismatch, '
    'clock_skew, token_error.'
)
# end generated
HELP = (
    "Read recorded OAuth traffic — HAR 1.2 from browser devtools, mitmproxy, Charles, Proxyman or Fiddler, and "
    "exchange logs written by oauthdoctor.record — and find what no single response shows: codes redeemed "
    "twice, refresh races, rotated or lost refresh tokens, retry storms, errors hidden in HTTP 200, clock "
    "skew. Several files are merged on one timeline; - reads stdin. Codes, tokens, secrets and cookies are "
    "shown only as fingerprints (fp_ and 12 hex digits; the same value always gets the same one).\n\n"
    f"{DETECTIONS_HELP}\n\n"
    + examples("oauthdoctor trace login.har",
               "oauthdoctor trace --since 2026-12-01 --format json token-exchanges.jsonl worker-2.jsonl")
    + "\n\n" + EXIT_CODES_HELP
)


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command("trace", help=HELP)(trace_command)


def trace_command(
    files: list[str] = typer.Argument(None, metavar="FILE...", help="HAR files or exchange logs; - for stdin."),
    provider: str | None = typer.Option(None, "--provider", help="Provider id or alias (else detected per host)."),
    client_id: str | None = typer.Option(None, "--client-id", help="Only this client's exchanges."),
    since: str | None = typer.Option(None, "--since", metavar="TIME", help="Ignore exchanges before (ISO 8601)."),
    until: str | None = typer.Option(None, "--until", metavar="TIME", help="Ignore exchanges after (ISO 8601)."),
    fmt: str = format_option("trace"),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="Exit 1 on findings at or above this level."),
    output: Path | None = output_option(),
    no_color: bool = typer.Option(False, "--no-color", help="No colours in the rich report."),
) -> None:
    if not files:
        raise UsageError("no input given (Example: oauthdoctor trace login.har, or - for stdin)")
    if files.count("-") > 1:
        raise UsageError("stdin (-) can be read only once")
    from oauthdoctor.trace.errors import TraceInputError
    from oauthdoctor.trace.run import trace_files

    start, end = _time(since, "--since"), _time(until, "--until")
    if start is not None and end is not None and start > end:
        raise UsageError(f"--since {since} is after --until {until}: no exchange can be in between")
    try:
        report = trace_files(files, provider=provider, client_id=client_id, since=start, until=end)
    except TraceInputError as exc:
        raise UsageError(str(exc)) from None
    emit(report, "trace", fmt, output=output, no_color=no_color)
    if any(f.status.value == "error" for f in report.findings):
        raise CommandExit(ExitCode.INTERNAL)
    if fail_on is not FailOn.never:
        from oauthdoctor.model import Severity

        if report.at_or_above(Severity(fail_on.value)):
            raise CommandExit(ExitCode.FINDINGS)


def _time(value: str | None, option: str) -> float | None:
    if value is None:
        return None
    from oauthdoctor.trace.har import parse_time

    found = parse_time(value)
    if found is None:
        raise UsageError(f"{option} {value!r} is not an ISO 8601 time (e.g. 2026-12-05 or 2026-12-05T10:00:00Z)")
    return found
