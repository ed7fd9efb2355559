"""File-level hygiene rules: syntax, whitespace, newlines, quotes, invisible characters, duplicates.

These look at the raw text next to the parsed value, because the mistakes they catch (a space inside
quotes, a quote python-dotenv never closed) are visible only there. Messages name keys and positions,
never values: the value may be a secret.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from oauthdoctor.checkenv.context import INVISIBLE, finding, value_location
from oauthdoctor.config import EnvEntry, EnvFile
from oauthdoctor.model import Finding, Location, Severity

SMART_QUOTES = frozenset("\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb\u2033\u2032")
_ASSIGNMENT_LINE = re.compile(r"^[^\S\r\n]*(?:export[^\S\r\n]+)?[A-Za-z_][A-Za-z0-9_.]*[^\S\r\n]*=", re.M)
_UNCLOSED = re.compile(r"^\s*(?:export\s+)?([^=\s#]+)\s*=\s*[\"']")
_INLINE_COMMENT = re.compile(r"\s+#.*", re.S)


def check_file(env: EnvFile, oauth_keys: frozenset[str], lists: frozenset[str] = frozenset()) -> list[Finding]:
    """Every hygiene finding for one file, in line order; ``lists`` may span lines (registered URIs)."""
    findings: list[Finding] = []
    swallowed = _swallowing_entries(env, oauth_keys)
    findings += _syntax(env)
    for entry in env.entries:
        findings += _invisible_in_key(env, entry)
        if entry.key not in oauth_keys or entry.value is None:
            continue
        if entry in swallowed:
            findings.append(swallowed[entry])
            continue
        findings += _whitespace(env, entry)
        if entry.key not in lists:
            findings += _newline(env, entry)
        findings += _quotes(env, entry)
        findings += _invisible_in_value(env, entry)
    findings += _duplicates(env)
    return sorted(findings, key=lambda f: (f.location.line, f.location.column) if f.location else (0, 0))


def _syntax(env: EnvFile) -> list[Finding]:
    out = []
    for problem in env.problems:
        location = Location(env.path, problem.line, problem.column)
        unclosed = _UNCLOSED.match(problem.text)
        if unclosed:
            key = unclosed.group(1)
            out.append(finding(
                "value-quote", location, f"{key}: the opening quote is never closed; python-dotenv skips the line",
                fix=f"Close the quote of {key} on the same line.", key=key))
        else:
            out.append(finding(
                "env-syntax", location, f"line {problem.line} is not KEY=VALUE; python-dotenv skips it",
                fix="Write the line as KEY=VALUE, or start it with '#' to make it a comment."))
    return out


def _swallowing_entries(env: EnvFile, oauth_keys: frozenset[str]) -> dict[EnvEntry, Finding]:
    """Quoted values that run on over lines that look like assignments: a quote was not closed."""
    out: dict[EnvEntry, Finding] = {}
    for entry in env.entries:
        if not entry.quote or entry.end_line == entry.value_line or entry.key not in oauth_keys:
            continue
        first_break = re.search(r"\r\n|\n|\r", entry.raw)
        rest = entry.raw[first_break.end():] if first_break else ""
        if _ASSIGNMENT_LINE.search(rest):
            out[entry] = finding(
                "value-quote", value_location(env, entry),
                f"{entry.key}: the quote opened on line {entry.value_line} closes only on line {entry.end_line}; "
                f"the lines in between became part of the value",
                fix=f"Close the quote of {entry.key} on line {entry.value_line}.", key=entry.key)
    return out


def _whitespace(env: EnvFile, entry: EnvEntry) -> list[Finding]:
    key, raw = entry.key, entry.raw
    if entry.quote:
        inner = raw[1:-1] if len(raw) >= 2 else ""
        if inner != inner.lstrip(" \t"):
            return [finding("value-whitespace", value_location(env, entry, 1),
                            f"{key} starts with whitespace inside the quotes; every loader keeps it",
                            fix=f"Remove the spaces inside the quotes of {key}.", key=key)]
        if inner != inner.rstrip(" \t"):
            index = 1 + len(inner.rstrip(" \t"))
            return [finding("value-whitespace", value_location(env, entry, index),
                            f"{key} ends with whitespace inside the quotes; every loader keeps it",
                            fix=f"Remove the spaces inside the quotes of {key}.", key=key)]
        return []
    body = _INLINE_COMMENT.sub("", raw)
    if body != body.rstrip(" \t"):
        return [finding("value-whitespace", value_location(env, entry, len(body.rstrip(" \t"))),
                        f"{key} has trailing whitespace; python-dotenv drops it but docker --env-file and "
                        f"some loaders keep it", fix=f"Delete the spaces after the value of {key}.", key=key,
                        severity=Severity.WARNING)]
    if entry.offset > 0 and env.text[entry.offset - 1] in " \t":
        return [finding("value-whitespace", value_location(env, entry),
                        f"{key} has whitespace after '='; python-dotenv drops it but docker --env-file keeps it",
                        fix=f"Write {key}=value without spaces around '='.", key=key, severity=Severity.WARNING)]
    return []


def _newline(env: EnvFile, entry: EnvEntry) -> list[Finding]:
    value, raw, key = entry.value or "", entry.raw, entry.key
    literal = re.search(r"\\[nr]", raw)
    real = re.search(r"[\r\n]", raw)
    if literal and ("\\n" in value or "\\r" in value or "\n" in value or "\r" in value):
        what = "a literal \\n or \\r" if ("\\n" in value or "\\r" in value) else "an escaped newline"
        return [finding("value-newline", value_location(env, entry, literal.start()),
                        f"{key} contains {what}; it becomes part of the value", key=key,
                        fix=f"Delete the \\n / \\r from {key}.")]
    if real and ("\n" in value or "\r" in value):
        return [finding("value-newline", value_location(env, entry, real.start()),
                        f"{key} spans several lines; the value contains a line break", key=key,
                        fix=f"Put the value of {key} on one line.")]
    return []


def _quotes(env: EnvFile, entry: EnvEntry) -> list[Finding]:
    key, raw, value = entry.key, entry.raw, entry.value or ""
    for index, char in enumerate(raw):
        if char in SMART_QUOTES:
            name = unicodedata.name(char, f"U+{ord(char):04X}").lower()
            return [finding("value-quote", value_location(env, entry, index),
                            f"{key} contains a typographic quote ({name}); loaders keep it as part of the value",
                            fix=f"Replace it with a plain ASCII quote, or remove it from {key}.", key=key)]
    for quote, kind in (('"', "double"), ("'", "single")):
        if value.count(quote) % 2:
            index = raw.find(quote, 1 if entry.quote else 0)
            return [finding("value-quote", value_location(env, entry, max(index, 0)),
                            f"{key} contains an unbalanced {kind} quote",
                            fix=f"Remove the stray quote from {key}.", key=key)]
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return [finding("value-quote", value_location(env, entry, 1 if entry.quote else 0),
                        f"{key} is quoted twice; the inner quotes become part of the value",
                        fix=f"Keep one pair of quotes around {key}'s value.", key=key)]
    return []


def _invisible(chars: Iterable[tuple[int, str]]) -> tuple[int, str] | None:
    for index, char in chars:
        if char in INVISIBLE:
            return index, f"U+{ord(char):04X} {unicodedata.name(char, '').lower()}".strip()
    return None


def _invisible_in_key(env: EnvFile, entry: EnvEntry) -> list[Finding]:
    hit = _invisible(enumerate(entry.key))
    if not hit:
        return []
    line, column = env.position(env.line_starts[entry.line - 1] + entry.column - 1 + hit[0])
    clean = "".join(c for c in entry.key if c not in INVISIBLE)
    return [finding("value-invisible", Location(env.path, line, column),
                    f"key {clean} contains an invisible character ({hit[1]}); the application will not find it",
                    fix=f"Retype the key {clean}.", key=clean)]


def _invisible_in_value(env: EnvFile, entry: EnvEntry) -> list[Finding]:
    hit = _invisible(enumerate(entry.raw))
    if not hit:
        return []
    return [finding("value-invisible", value_location(env, entry, hit[0]),
                    f"{entry.key} contains an invisible character ({hit[1]})",
                    fix=f"Retype the value of {entry.key} (copying from a web page or chat adds these).",
                    key=entry.key)]


def _duplicates(env: EnvFile) -> list[Finding]:
    out = []
    seen: dict[str, list[EnvEntry]] = {}
    for entry in env.entries:
        if entry.value is not None:
            seen.setdefault(entry.key, []).append(entry)
    for key, entries in seen.items():
        if len(entries) < 2:
            continue
        winner = entries[-1]
        differ = len({e.value for e in entries}) > 1
        for entry in entries[:-1]:
            out.append(finding(
                "duplicate-key", Location(env.path, entry.line, entry.column),
                f"{key} is set on line {entry.line} and again on line {winner.line}; the last one "
                f"(line {winner.line}) wins{' and the values differ' if differ else ''}",
                fix=f"Delete one of the {key} lines.", key=key,
                severity=Severity.ERROR if differ else Severity.WARNING))
    return out
