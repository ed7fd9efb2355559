"""``oauthdoctor explain``: classify an OAuth error response (or a log of them) into class, cause, decision."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

import typer

from oauthdoctor.cli.completion import provider_names
from oauthdoctor.cli.errors import CommandExit, UsageError
from oauthdoctor.cli.helptext import examples
from oauthdoctor.cli.output import emit, format_option, output_option
from oauthdoctor.exitcodes import ExitCode

if TYPE_CHECKING:
    from oauthdoctor.classifier.book import RuleBook
    from oauthdoctor.classifier.result import Explanation

HELP = (
    "Explain an OAuth error response: its class, the most likely cause, and whether to reauth, fix_config or "
    "retry.\n\n"
    "RESPONSE is the body as text, @FILE (or the path of an existing file), or - for stdin (stdin is read "
    "without - too when it is not a terminal); a leading HTTP status line and headers (curl -i) are read too. "
    "--jsonl reads one JSON object per line ({status, headers, body, provider, url, grant_type}) and writes one "
    "result per line; a summary goes to stderr. --grant-type (or a line's grant_type) names the failing "
    "request's grant, so an ambiguous answer keeps only that grant's causes.\n\n"
    "Exit codes: 0 a decision (reauth, fix_config or retry) was produced; 2 unusable input (an empty response, an "
    "unreadable file, an unknown provider, a --jsonl input with no readable line); 3 inconclusive: no OAuth error "
    "was recognised (class unknown; a failure text, under an error status or with an error's words, still carries "
    "the base rate's low-confidence lean, fix_config, as its decision; other text and a crash of your own program "
    "none); a named or recognised provider's answer that no rule "
    "reads gets a low-confidence lean and exits 0. In --jsonl mode unreadable and inconclusive lines are "
    "counted apart; the run exits 3 only when no line was decided.\n\n"
    + examples("oauthdoctor explain --provider google --status 400 "
               "'{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}'",
               "echo '{\"error\":\"invalid_client\"}' | oauthdoctor explain --status 401",
               "oauthdoctor explain --grant-type refresh_token '{\"error\":\"invalid_grant\"}'",
               "oauthdoctor explain --jsonl errors.jsonl --output explained.jsonl")
)




def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command("explain", help=HELP)(explain_command)


def explain_command(
    response: str | None = typer.Argument(None, help="Response body text, @FILE (or a file's path), or - for stdin."),
    status: int | None = typer.Option(None, "--status", metavar="CODE", help="HTTP status of the response."),
    header: list[str] = typer.Option([], "--header", metavar="'NAME: VALUE'",
                                     help="Response header 'Name: value' (repeatable)."),
    provider: str | None = typer.Option(None, "--provider", metavar="ID",
                                        help="Provider profile id or alias (else detected).",
                                        autocompletion=provider_names),
    url: str | None = typer.Option(None, "--url", metavar="URL",
                                   help="The endpoint URL that answered: detects the provider, and a token "
                                        "endpoint's bare 401 reads as client authentication."),
    grant_type: str | None = typer.Option(
        None, "--grant-type", metavar="GRANT",
        help="The failing request's grant_type (refresh_token, authorization_code, password, ... or its URN): "
             "keeps only the causes that can happen in that grant."),
    fmt: str = format_option("explain"),
    jsonl: str | None = typer.Option(None, "--jsonl", metavar="FILE|-", help="Batch mode: JSON lines in, out."),
    output: Path | None = output_option(),
) -> None:
    from oauthdoctor.classifier import classify
    from oauthdoctor.classifier.book import default_rulebook

    book = default_rulebook()
    if grant_type is not None:
        _check_grant(grant_type)
    if provider:
        book.resolve(provider, strict=True)  # UnknownProfile -> exit 2 with close matches
    if jsonl is not None:
        if response is not None:
            raise UsageError("give either RESPONSE or --jsonl, not both")
        _batch(jsonl, provider, url, book, output, grant_type)
        return
    headers = _parse_headers(header)
    if response is None and sys.stdin is not None and not sys.stdin.isatty():
        response = "-"  # piped or redirected input: read it as if "-" was given (a closed stdin is None)
    if response is None and status is None and not headers:
        raise UsageError("give the response body as RESPONSE, @FILE or - (stdin); see 'oauthdoctor explain --help'")
    body = _read_response(response) if response is not None else b""
    if status is None and not headers and not _has_content(body):
        named = response[1:] if response is not None and response.startswith("@") else "the response"
        source = "standard input" if response == "-" else named
        raise UsageError(f"{source} is empty: nothing to explain (give the body, --status or --header)")
    result = classify(status, body, headers, provider=provider, url=url, rulebook=book, strict=True,
                      grant_type=grant_type)
    emit(result, "explain", fmt, output=output)
    if not result.conclusive:
        raise CommandExit(ExitCode.INCONCLUSIVE)


def _check_grant(value: str) -> None:
    from oauthdoctor.classifier.request_context import KNOWN_GRANTS, grant_name

    if grant_name(value) not in KNOWN_GRANTS:
        known = ", ".join(sorted(KNOWN_GRANTS))
        # The value is described, not echoed: a pasted token in the wrong flag must not reach the terminal.
        raise UsageError(f"--grant-type ({len(value)} characters) is not a grant type; use one of {known} "
                         "(or its URN)")


def _has_content(body: bytes | str) -> bool:
    return bool(body.strip())


def _parse_headers(values: list[str]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for value in values:
        name, sep, rest = value.partition(":")
        if not sep or not name.strip():  # the value is not echoed: 'Authorization Bearer <token>' lacks a ':'
            first = value.split(None, 1)[0][:40] if value.strip() else ""
            raise UsageError(f"--header must look like 'Name: value', got {len(value)} characters without a name "
                             f"and ':'{f' (starting {first!r})' if first and first != value else ''}")
        headers[name.strip()] = rest.strip()
    return headers


def _read_response(response: str) -> bytes | str:
    """The body: stdin, a file, or the argument itself; files and stdin within ``limits.MAX_CAPTURE_BYTES``
    (the classifier reads the first 200,000 characters; a bigger input is refused, not read without end)."""
    from oauthdoctor.limits import MAX_CAPTURE_BYTES, InputError, read_bounded, stdin_bytes

    try:
        if response == "-":
            return stdin_bytes(MAX_CAPTURE_BYTES, "a response body")
        if _names_a_file_with_at(response):
            try:
                return read_bounded(response[1:], MAX_CAPTURE_BYTES, "a response body")
            except InputError as exc:
                if os.path.exists(response[1:]):
                    raise
                raise UsageError(f"{exc} (a body that itself starts with '@' goes on standard input: -)") from None
        if _names_a_file(response):  # 'explain error.json' as a user types it, without the @
            return read_bounded(response, MAX_CAPTURE_BYTES, "a response body")
    except InputError as exc:
        raise UsageError(str(exc)) from None
    return response


def _names_a_file_with_at(response: str) -> bool:
    """Whether RESPONSE is ``@FILE``: an ``@`` and one line after it. A pasted log whose first line starts
    with ``@`` (a monorepo's ``@scope/app:dev: ERROR ...``) is a body: no file name holds a line break."""
    return response.startswith("@") and len(response) > 1 and "\n" not in response and "\r" not in response


def _names_a_file(response: str) -> bool:
    """Whether RESPONSE is the path of an existing file rather than a body: one word with a path separator or a
    file extension (a body is JSON, a query string or a sentence; a bare code such as invalid_grant has neither)."""
    if len(response) > 4096 or not ("/" in response or os.sep in response or "." in response):
        return False
    if any(c.isspace() for c in response) or response[:1] in "{[<\"'" or "=" in response:
        return False
    return os.path.isfile(response)


def _open_lines(source: str) -> BinaryIO:
    if source == "-":
        if sys.stdin is None:
            raise UsageError("standard input: closed: nothing to read (give a file instead)")
        return sys.stdin.buffer
    try:
        return open(source, "rb")  # noqa: SIM115 - closed by the caller
    except IsADirectoryError:
        raise UsageError(f"{source}: is a directory, not a JSON Lines file") from None
    except OSError as exc:
        raise UsageError(f"{source}: cannot read: {exc.strerror or exc}") from None


def _lines(stream: BinaryIO) -> Iterator[str | None]:
    """Each line as text (undecodable bytes replaced), or None for a line past ``limits.MAX_LINE_BYTES``, which
    is skipped in bounded chunks rather than held: a log with one runaway line still explains the others."""
    from oauthdoctor.limits import MAX_LINE_BYTES

    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(MAX_LINE_BYTES)
            yield None
            continue
        yield line.decode("utf-8", "replace")


def _batch(source: str, provider: str | None, url: str | None, book: RuleBook, output: Path | None,
           grant_type: str | None = None) -> None:
    """One result line per input line, in order; a bad line is a result too, never the end of the run.

    Lines are written as they are classified (a log of a million lines never sits in memory), so this mode
    writes its own output instead of going through ``emit``; values are capped as in every JSON format.
    """
    from oauthdoctor.classifier import classify

    stream = _open_lines(source)
    try:
        sink = _open_output(output)
    except UsageError:
        if source != "-":
            stream.close()
        raise
    out: list[str] = []
    tally = _Tally()
    seen: dict[str, tuple[Explanation, str]] = {}  # logs repeat whole lines: the same line, the same answer
    unreadable: dict[str, str] = {}  # and unreadable ones: the same answer but for the line number it names
    try:
        for number, line in enumerate(_lines(stream), 1):
            if line is None:
                from oauthdoctor.limits import MAX_LINE_BYTES, size_words

                result = _unreadable(number, f"line {number} is longer than {size_words(MAX_LINE_BYTES)}: skipped")
                tally.add(number, result)
                out.append(_dumped(result))
            elif (known := seen.get(line)) is not None:
                tally.add(number, known[0])
                out.append(known[1])
            elif (template := unreadable.get(line)) is not None:
                tally.add_unreadable(number)
                out.append(template.replace(_NUMBER_MARK, str(number)))
            elif line.strip():
                item = _parsed(line)
                if isinstance(item, str):  # why the line is unreadable
                    if len(unreadable) >= 1024:
                        unreadable.clear()
                    template = unreadable[line] = _dumped(_unreadable(_NUMBER, f"line {_NUMBER} {item}"))
                    tally.add_unreadable(number)
                    out.append(template.replace(_NUMBER_MARK, str(number)))
                else:
                    result = _line_result(item, provider, url, book, classify, grant_type)
                    tally.add(number, result)
                    dumped = _dumped(result)
                    out.append(dumped)
                    if len(seen) >= 8192:
                        seen.clear()
                    seen[line] = (result, dumped)
            if len(out) >= 2000:  # written as it goes, repeated lines too: memory stays flat
                sink.write("\n".join(out) + "\n")
                out.clear()
        if out:
            sink.write("\n".join(out) + "\n")
        sink.flush()
    finally:
        if source != "-":
            stream.close()
        if sink is not sys.stdout:
            sink.close()
    sys.stderr.write(tally.summary())
    if tally.lines and len(tally.unreadable) == tally.lines:
        raise UsageError(f"no line of {'standard input' if source == '-' else source} is a JSON object")
    if tally.lines and not tally.decided:
        raise CommandExit(ExitCode.INCONCLUSIVE)


_DUMPED: dict[int, tuple[Explanation, str]] = {}


def _dumped(result: Explanation) -> str:
    """The JSON line of a result; classify() hands out the same object for a repeated input, so its line is kept."""
    found = _DUMPED.get(id(result))
    if found is not None and found[0] is result:
        return found[1]
    from oauthdoctor.render.limits import JSON_STRING_CAP, cap_json

    data = result.to_json()
    line = json.dumps(data, ensure_ascii=False)
    if len(line) > JSON_STRING_CAP:  # only a line this long can hold a string past the cap: the walk is skipped
        line = json.dumps(cap_json(data), ensure_ascii=False)
    if len(_DUMPED) >= 4096:
        _DUMPED.clear()
    _DUMPED[id(result)] = (result, line)
    return line


class _Tally:
    """Counts for the stderr summary: decided answers by decision, class and cause; unreadable and inconclusive
    lines apart (they decide nothing). A repeated line hands back the same result object, so answers are counted
    per object first and folded into the counters in bounded batches (one dict update per line, memory flat)."""

    def __init__(self) -> None:
        self.lines = 0
        self.decided = 0
        self.unreadable: list[int] = []
        self.inconclusive = 0
        self.decisions: Counter[str] = Counter()
        self.classes: Counter[str] = Counter()
        self.causes: Counter[str] = Counter()
        self._pending: dict[int, list[Any]] = {}  # id(result) -> [result, count]

    def add_unreadable(self, number: int) -> None:
        self.lines += 1
        self.unreadable.append(number)

    def add(self, number: int, result: Explanation) -> None:
        if result.parse_error is not None:
            self.add_unreadable(number)
            return
        self.lines += 1
        entry = self._pending.get(id(result))
        if entry is not None and entry[0] is result:
            entry[1] += 1
            return
        if len(self._pending) >= 8192:
            self.fold()
        self._pending[id(result)] = [result, 1]

    def fold(self) -> None:
        """Move the per-object counts into the counters."""
        for result, n in self._pending.values():
            self.classes[result.failure_class] += n
            self.causes[result.cause] += n
            if result.conclusive:
                self.decided += n
                self.decisions[result.decision] += n
            else:
                self.inconclusive += n
        self._pending.clear()

    def summary(self) -> str:
        """The stderr summary; folds what is pending first, so the counters are whole afterwards too."""
        self.fold()
        lines = [f"explained {self.lines} line(s): {self.decided} decided, {self.inconclusive} inconclusive (no OAuth "
                 f"error recognised), {len(self.unreadable)} unreadable"]
        if self.unreadable:
            shown = ", ".join(str(n) for n in self.unreadable[:10])
            lines.append(f"unreadable lines: {shown}{', ...' if len(self.unreadable) > 10 else ''}")
        lines.append("by decision: " + (", ".join(f"{k} {v}" for k, v in self.decisions.most_common()) or "-"))
        lines.append("by class: " + (", ".join(f"{k} {v}" for k, v in self.classes.most_common()) or "-"))
        lines.append("top causes: " + (", ".join(f"{k} {v}" for k, v in self.causes.most_common(5)) or "-"))
        return "\n".join(lines) + "\n"


def _open_output(output: Path | None) -> TextIO:
    if output is None or str(output) == "-":
        from oauthdoctor.cli.output import stdout

        return stdout()
    try:
        return open(output, "w", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115 - closed by the caller
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None


# An unreadable line's answer differs from another of the same text only by the line number it names: its JSON is
# made once with this stand-in for the number (a NUL, which JSON always escapes, so no reason's text can hold it).
_NUMBER = "\0"
_NUMBER_MARK = json.dumps(_NUMBER)[1:-1]


def _parsed(line: str) -> dict[str, Any] | str:
    """The line's JSON object, or why it is not one (the rest of a sentence that starts 'line N')."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"is not valid JSON: {exc.msg} (column {exc.colno})"
    except RecursionError:
        return "is nested too deeply to read"
    except ValueError as exc:  # a number of more than 4,300 digits, ...
        return f"is not valid JSON: {str(exc).splitlines()[0][:120]}"
    return item if isinstance(item, dict) else "is not a JSON object"


def _line_result(item: dict[str, Any], provider: str | None, url: str | None, book: RuleBook,
                 classify: Any, grant_type: str | None = None) -> Explanation:
    headers = item.get("headers")
    line_provider = item.get("provider")
    line_url = item.get("url")
    line_grant = item.get("grant_type")
    result: Explanation = classify(
        item.get("status"), item.get("body"), headers if isinstance(headers, dict) else None,
        provider=line_provider if isinstance(line_provider, str) and line_provider else provider,
        url=line_url if isinstance(line_url, str) and line_url else url, rulebook=book,
        grant_type=line_grant if isinstance(line_grant, str) and line_grant else grant_type)
    return result


def _unreadable(number: int | str, message: str) -> Explanation:
    from oauthdoctor.classifier.result import Explanation

    return Explanation(failure_class="unknown", cause="unreadable_input", decision="none", provider=None,
                       status=None, normalized_status=None, error=None, error_description=None,
                       provider_code=None, summary=f"Input line {number} could not be read as a JSON object.",
                       hints=("Each line must be one JSON object with status, headers, body, provider, url.",),
                       parse_error=message)


