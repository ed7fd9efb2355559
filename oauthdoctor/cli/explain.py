"""``oauthdoctor explain``: classify an OAuth error response (or a log of them) into class, cause, decision."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import typer

from oauthdoctor.cli.errors import UsageError
from oauthdoctor.cli.options import ViewFormat

if TYPE_CHECKING:
    from oauthdoctor.classifier.book import RuleBook
    from oauthdoctor.classifier.result import Explanation

HELP = (
    "Explain an OAuth error response: its class, the most likely cause, and whether to reauth, fix_config or "
    "retry.\n\n"
    "RESPONSE is the body as text, @FILE, or - for stdin; a leading HTTP status line and headers (curl -i) "
    "are read too. --jsonl reads one JSON object per line ({status, headers, body, provider, url}) and writes "
    "one result per line; a summary goes to stderr.\n\n"
    "Exit codes: 0 an answer was produced (also for class unknown); 2 unusable input (unreadable file, "
    "unknown provider).\n\n"
    "Example: oauthdoctor explain --provider google --status 400 "
    "'{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}'\n\n"
    "Example: curl -si -d grant_type=refresh_token ... https://oauth2.googleapis.com/token | oauthdoctor explain -\n\n"
    "Example: oauthdoctor explain --jsonl errors.jsonl > explained.jsonl"
)



def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command("explain", help=HELP)(explain_command)


def explain_command(
    response: str | None = typer.Argument(None, help="Response body text, @FILE, or - for stdin."),
    status: int | None = typer.Option(None, "--status", help="HTTP status of the response."),
    header: list[str] = typer.Option([], "--header", help="Response header 'Name: value' (repeatable)."),
    provider: str | None = typer.Option(None, "--provider", help="Provider profile id or alias (else detected)."),
    url: str | None = typer.Option(None, "--url", help="The endpoint URL that answered (helps detection)."),
    fmt: ViewFormat = typer.Option(ViewFormat.rich, "--format", help="rich or json."),
    jsonl: str | None = typer.Option(None, "--jsonl", metavar="FILE|-", help="Batch mode: JSON lines in, out."),
) -> None:
    from oauthdoctor.classifier import classify
    from oauthdoctor.classifier.book import default_rulebook

    book = default_rulebook()
    if provider:
        book.resolve(provider, strict=True)  # UnknownProfile -> exit 2 with close matches
    if jsonl is not None:
        if response is not None:
            raise UsageError("give either RESPONSE or --jsonl, not both")
        _batch(jsonl, provider, url, book)
        return
    headers = _parse_headers(header)
    if response is None and status is None and not headers:
        raise UsageError("give the response body as RESPONSE, @FILE or - (stdin); see 'oauthdoctor explain --help'")
    body = _read_response(response) if response is not None else b""
    result = classify(status, body, headers, provider=provider, url=url, rulebook=book, strict=True)
    if fmt is ViewFormat.json:
        sys.stdout.write(json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n")
        return
    from oauthdoctor.render.explain_console import print_explanation

    print_explanation(result)


def _parse_headers(values: list[str]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for value in values:
        name, sep, rest = value.partition(":")
        if not sep or not name.strip():
            raise UsageError(f"--header must look like 'Name: value', got {value[:60]!r}")
        headers[name.strip()] = rest.strip()
    return headers


def _read_response(response: str) -> bytes | str:
    if response == "-":
        return sys.stdin.buffer.read()
    if response.startswith("@") and len(response) > 1:
        path = Path(response[1:])
        try:
            return path.read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    return response


def _open_lines(source: str) -> TextIO:
    if source == "-":
        return sys.stdin
    try:
        return open(source, encoding="utf-8", errors="replace")  # noqa: SIM115 - closed by the caller
    except OSError as exc:
        raise UsageError(f"cannot read {source}: {exc.strerror or exc}") from None


def _batch(source: str, provider: str | None, url: str | None, book: RuleBook) -> None:
    """One result line per input line, in order; a bad line is a result too, never the end of the run."""
    from oauthdoctor.classifier import classify

    stream = _open_lines(source)
    out: list[str] = []
    decisions: Counter[str] = Counter()
    classes: Counter[str] = Counter()
    causes: Counter[str] = Counter()
    dumps = json.dumps
    try:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            result = _line_result(line, number, provider, url, book, classify)
            decisions[result.decision] += 1
            classes[result.failure_class] += 1
            causes[result.cause] += 1
            out.append(dumps(result.to_json(), ensure_ascii=False))
            if len(out) >= 2000:
                sys.stdout.write("\n".join(out) + "\n")
                out.clear()
    finally:
        if stream is not sys.stdin:
            stream.close()
    if out:
        sys.stdout.write("\n".join(out) + "\n")
    sys.stdout.flush()
    sys.stderr.write(_summary(decisions, classes, causes))


def _line_result(line: str, number: int, provider: str | None, url: str | None, book: RuleBook,
                 classify: Any) -> Explanation:
    try:
        item = json.loads(line)
    except ValueError as exc:
        return _unreadable(number, f"line {number} is not valid JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(item, dict):
        return _unreadable(number, f"line {number} is not a JSON object")
    headers = item.get("headers")
    line_provider = item.get("provider")
    line_url = item.get("url")
    return classify(item.get("status"), item.get("body"), headers if isinstance(headers, dict) else None,
                    provider=line_provider if isinstance(line_provider, str) and line_provider else provider,
                    url=line_url if isinstance(line_url, str) and line_url else url, rulebook=book)


def _unreadable(number: int, message: str) -> Explanation:
    from oauthdoctor.classifier.result import Explanation

    return Explanation(failure_class="unknown", cause="unreadable_input", decision="fix_config", provider=None,
                       status=None, normalized_status=None, error=None, error_description=None,
                       provider_code=None, summary=f"Input line {number} could not be read as a JSON object.",
                       hints=("Each line must be one JSON object with status, headers, body, provider, url.",),
                       parse_error=message)


def _summary(decisions: Counter[str], classes: Counter[str], causes: Counter[str]) -> str:
    total = sum(decisions.values())
    lines = [f"explained {total} response(s)"]
    lines.append("by decision: " + (", ".join(f"{k} {v}" for k, v in decisions.most_common()) or "-"))
    lines.append("by class: " + (", ".join(f"{k} {v}" for k, v in classes.most_common()) or "-"))
    lines.append("top causes: " + (", ".join(f"{k} {v}" for k, v in causes.most_common(5)) or "-"))
    return "\n".join(lines) + "\n"
