"""Read an env file twice: python-dotenv for the values an app will see, the raw text for positions.

Linting needs both views. The value is what python-dotenv (and most loaders) hand the application:
quotes removed, escapes decoded, ``export`` and comments dropped. The raw text is what the user typed: a
trailing space after an unquoted value, an unterminated quote that swallowed the next line, a zero-width
character. Statement boundaries come from python-dotenv's own parser so the two views never disagree about
which line a key is on.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path

from oauthdoctor.limits import InputError, read_config_text

_NEWLINE = re.compile(r"\r\n|\n|\r")
_LEADING_WS = re.compile(r"\s*")
_EXPORT = re.compile(r"(?:export[^\S\r\n]+)?")
_SINGLE_QUOTED_KEY = re.compile(r"'([^']+)'")
_UNQUOTED_KEY = re.compile(r"[^=\#\s]+")
_EQUALS = re.compile(r"[^\S\r\n]*=[^\S\r\n]*")
_QUOTED = {"'": re.compile(r"'((?:\\'|[^'])*)'"), '"': re.compile(r'"((?:\\"|[^"])*)"')}
_UNQUOTED_VALUE = re.compile(r"[^\r\n]*")


class EnvFileError(Exception):
    """The file cannot be read or is not an env file; the message names the file and says why."""


@dataclass(frozen=True)
class EnvEntry:
    """One ``KEY=value`` statement: the parsed value and where each part sits in the file."""

    key: str
    value: str | None  # as python-dotenv returns it; None for a bare ``KEY`` without '='
    raw: str  # the value exactly as written: quotes, trailing spaces and inline comment included
    quote: str  # '"', "'" or '' for an unquoted value
    line: int  # 1-based line of the key
    column: int  # 1-based column of the key
    value_line: int  # where ``raw`` starts
    value_column: int
    end_line: int  # last line of the statement (a quoted value can span lines)
    offset: int  # character offset of ``raw`` in the file text, for :meth:`EnvFile.position`
    # Statements read from a docker-compose file or a Kubernetes manifest say a little more:
    file: str | None = None  # the file holding the statement when it is not the EnvFile's own (compose env_file:)
    source: str = ""  # the part of the file that declares it: "service web", "Secret/oauth2-proxy"
    encoded: str | None = None  # the value as written when it was decoded (Secret data: base64); raw is decoded
    reference: str | None = None  # the deployment supplies the value at run time: "${VAR}", "secretKeyRef a/b"


@dataclass(frozen=True)
class SyntaxProblem:
    """A statement python-dotenv could not parse (it skips it silently)."""

    line: int
    column: int
    text: str


@dataclass(frozen=True)
class EnvFile:
    """A parsed env file: every statement in order (duplicates kept) plus the raw text."""

    path: str
    text: str
    entries: tuple[EnvEntry, ...]
    problems: tuple[SyntaxProblem, ...]
    line_starts: tuple[int, ...]
    kind: str = "env"  # "env", "compose" or "kubernetes": what the statements were read from
    unit: str = ""  # which environment of the file: "service web", "Deployment/proxy container proxy"

    @property
    def values(self) -> dict[str, str]:
        """Key → value as python-dotenv loads it (the last assignment wins; bare keys are left out)."""
        return {e.key: e.value for e in self.entries if e.value is not None}

    def occurrences(self, key: str) -> list[EnvEntry]:
        """Every statement assigning ``key``, in file order."""
        return list(self._by_key.get(key, ()))

    def entry(self, key: str) -> EnvEntry | None:
        """The statement whose value wins for ``key`` (the last one), or None."""
        return self._winning.get(key)

    @functools.cached_property
    def _by_key(self) -> dict[str, list[EnvEntry]]:
        """Key → its statements in file order, built once: rules ask for keys once per client, and a file
        with thousands of clients must not make every question a scan of the file."""
        index: dict[str, list[EnvEntry]] = {}
        for e in self.entries:
            index.setdefault(e.key, []).append(e)
        return index

    @functools.cached_property
    def _winning(self) -> dict[str, EnvEntry]:
        return {e.key: e for e in self.entries if e.value is not None}

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset into :attr:`text`."""
        low, high = 0, len(self.line_starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.line_starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low + 1, offset - self.line_starts[low] + 1


def read_env_file(path: str | Path) -> EnvFile:
    """Read and parse ``path``; raise :class:`EnvFileError` if it is unreadable or not an env file."""
    name = str(path)
    return env_file_of(read_text(path), name)


def read_text(path: str | Path, what: str = "an env file") -> str:
    """The file as UTF-8 text; :class:`EnvFileError` naming the file if it is unreadable, binary, not UTF-8
    or larger than configuration ever is (``limits.MAX_CONFIG_BYTES``, ``MAX_CONFIG_LINES``)."""
    name = str(path)
    try:
        return read_config_text(name, what)
    except InputError as exc:
        raise EnvFileError(str(exc)) from None


def line_starts_of(text: str) -> tuple[int, ...]:
    """Character offset of the start of every line (``\\r\\n``, ``\\n`` and ``\\r`` end a line)."""
    return (0, *(m.end() for m in _NEWLINE.finditer(text)))


def env_file_of(text: str, name: str) -> EnvFile:
    """Parse ``text`` as an env file; :class:`EnvFileError` when most of it is not ``KEY=VALUE``."""
    parsed = parse_env_text(text, name)
    assignments = sum(1 for e in parsed.entries if e.value is not None)
    if parsed.problems and assignments <= len(parsed.problems) or (parsed.entries and not assignments):
        first = parsed.problems[0].line if parsed.problems else parsed.entries[0].line
        raise EnvFileError(f"{name}: not an env file (line {first} is not KEY=VALUE)")
    return parsed


def parse_env_text(text: str, path: str = "<string>") -> EnvFile:
    """Parse env-file text with python-dotenv's parser, keeping the position of every part."""
    from dotenv.parser import parse_stream  # imported lazily: only env-reading commands need it

    line_starts = line_starts_of(text)
    located = EnvFile(path, text, (), (), line_starts)
    entries: list[EnvEntry] = []
    problems: list[SyntaxProblem] = []
    offset = 0
    for binding in parse_stream(io.StringIO(text)):
        statement = binding.original.string
        key = binding.key
        bom_dropped = offset == 0 and text.startswith("\ufeff") and not statement.startswith("\ufeff")
        if bom_dropped:
            # python-dotenv >= 1.2.4 drops a leading byte-order mark; older versions keep it in the first key.
            # Entries describe the file as written, so the mark stays part of the key either way.
            offset = 1
        start = offset + len(statement) - len(statement.lstrip())  # _LEADING_WS: any leading whitespace
        if bom_dropped and start == 1 and key is not None:
            start, key = 0, "\ufeff" + key
        offset += len(statement)
        if binding.error:
            line, column = located.position(start)
            problems.append(SyntaxProblem(line, column, text[start:offset].rstrip("\r\n")))
        elif key is not None:
            entries.append(_entry(located, key, binding.value, start))
    return EnvFile(path, text, tuple(entries), tuple(problems), line_starts)


def _entry(located: EnvFile, key: str, value: str | None, start: int) -> EnvEntry:
    text = located.text
    export = _EXPORT.match(text, start)
    position = export.end() if export else start  # the pattern is optional: it always matches
    key_match = (_SINGLE_QUOTED_KEY if text.startswith("'", position) else _UNQUOTED_KEY).match(text, position)
    key_start = position
    position = key_match.end() if key_match else position
    equals = _EQUALS.match(text, position)
    if value is not None and equals:
        position = equals.end()
    quote = text[position] if value is not None and position < len(text) and text[position] in "'\"" else ""
    raw_match = (_QUOTED[quote] if quote else _UNQUOTED_VALUE).match(text, position)
    raw = raw_match.group(0) if raw_match and value is not None else ""
    line, column = located.position(key_start)
    value_line, value_column = located.position(position)
    end_line, _ = located.position(position + max(len(raw) - 1, 0))
    return EnvEntry(key, value, raw, quote, line, column, value_line, value_column, end_line, position)
