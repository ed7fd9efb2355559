"""File-scope hygiene rules: syntax, whitespace, newlines, quotes, invisible characters, duplicates.

Whether a value has a problem is decided by the shared check (``oauthdoctor.checks.values``) on the value the
application receives, exactly as diagnose decides it; the raw text only gives the position, and the few cases
that exist only in an env file (a quote never closed, a trailing space python-dotenv drops but docker keeps).
Statements read from YAML (compose, Kubernetes) have YAML's quoting: the value as parsed is what the process
gets, so only the shared check decides. Messages name keys and positions, never values: the value may be a
secret.
"""

from __future__ import annotations

import re
import unicodedata

from oauthdoctor.checkenv.context import EnvFileCheck, entry_file, key_location, value_location
from oauthdoctor.checkenv.registry import finding, rule
from oauthdoctor.checks.values import char_name, first_invisible, first_smart_quote, value_problems, without_invisible
from oauthdoctor.config import EnvEntry
from oauthdoctor.model import Finding, Location, Severity, SeverityVariant

_E, _W = Severity.ERROR, Severity.WARNING
_UNCLOSED = re.compile(r"^\s*(?:export\s+)?([^=\s#]+)\s*=\s*[\"']")
_INLINE_COMMENT = re.compile(r"\s+#.*", re.S)


def _quote_name(char: str) -> str:
    return unicodedata.name(char, f"U+{ord(char):04X}").lower()


def _kinds(entry: EnvEntry) -> set[str]:
    return {p.kind for p in value_problems(entry.value or "")}


def _raw_index(entry: EnvEntry, index: int) -> int:
    """Index in ``entry.raw`` of character ``index`` of a YAML value (its start when escapes make it unclear)."""
    if entry.encoded is not None:
        return 0
    offset = 1 if entry.quote else 0
    body = entry.raw[offset:len(entry.raw) - offset] if offset else entry.raw
    return offset + index if body == entry.value else 0


def _named(entry: EnvEntry) -> str:
    """The key, and how the value was written when that is not plain text."""
    return f"{entry.key} (base64-decoded)" if entry.encoded is not None else entry.key


def _yaml_whitespace(check: EnvFileCheck, entry: EnvEntry) -> list[Finding]:
    """Whitespace YAML kept in the value (inside quotes, after '=' in ``- KEY= value``, or decoded)."""
    key, value = entry.key, entry.value or ""
    for problem in value_problems(value):
        if problem.kind == "leading_whitespace":
            return [finding("value-whitespace", value_location(check.env, entry, _raw_index(entry, 0)),
                            f"{_named(entry)} starts with whitespace; the process receives it", key=key,
                            fix=f"Remove the spaces at the start of {key}'s value.")]
        if problem.kind == "trailing_whitespace":
            return [finding("value-whitespace", value_location(check.env, entry, _raw_index(entry, problem.index)),
                            f"{_named(entry)} ends with whitespace; the process receives it", key=key,
                            fix=f"Remove the spaces at the end of {key}'s value.")]
    return []


@rule("env-syntax", "Line that python-dotenv cannot parse",
      "Does every line parse as KEY=VALUE? python-dotenv skips the others without a word.", _W, scope="file")
def env_syntax(check: EnvFileCheck) -> list[Finding]:
    return [
        finding("env-syntax", Location(check.path, p.line, p.column),
                f"line {p.line} is not KEY=VALUE; python-dotenv skips it",
                fix="Write the line as KEY=VALUE, or start it with '#' to make it a comment.")
        for p in check.env.problems if not _UNCLOSED.match(p.text)
    ]


@rule("value-whitespace", "Value with leading or trailing whitespace",
      "Is the value free of surrounding spaces and tabs? Inside quotes every loader keeps them.", _E, scope="file",
      variants=(SeverityVariant("docker", _W, "unquoted whitespace python-dotenv drops but docker --env-file "
                                              "keeps (after the value or after '=')"),))
def value_whitespace(check: EnvFileCheck) -> list[Finding]:
    out = []
    env = check.env
    for entry in check.entries():
        key, raw, kinds = entry.key, entry.raw, _kinds(entry)
        if not check.dotenv:
            out += _yaml_whitespace(check, entry)
            continue
        if entry.quote:
            inner = raw[1:-1] if len(raw) >= 2 else ""
            if "leading_whitespace" in kinds:
                out.append(finding("value-whitespace", value_location(env, entry, 1),
                                   f"{key} starts with whitespace inside the quotes; every loader keeps it",
                                   fix=f"Remove the spaces inside the quotes of {key}.", key=key))
            elif "trailing_whitespace" in kinds:
                index = 1 + len(inner.rstrip(" \t"))
                out.append(finding("value-whitespace", value_location(env, entry, index),
                                   f"{key} ends with whitespace inside the quotes; every loader keeps it",
                                   fix=f"Remove the spaces inside the quotes of {key}.", key=key))
            continue
        body = _INLINE_COMMENT.sub("", raw)
        if body != body.rstrip(" \t"):
            out.append(finding("value-whitespace", value_location(env, entry, len(body.rstrip(" \t"))),
                               f"{key} has trailing whitespace; python-dotenv drops it but docker --env-file and "
                               f"some loaders keep it", fix=f"Delete the spaces after the value of {key}.", key=key,
                               variant="docker"))
        elif entry.offset > 0 and env.text[entry.offset - 1] in " \t":
            out.append(finding("value-whitespace", value_location(env, entry),
                               f"{key} has whitespace after '='; python-dotenv drops it but docker --env-file "
                               "keeps it", fix=f"Write {key}=value without spaces around '='.", key=key,
                               variant="docker"))
    return out


@rule("value-newline", "Value with a newline or a literal \\n / \\r",
      "Is the value a single line without the two characters \\n or \\r?", _E, scope="file")
def value_newline(check: EnvFileCheck) -> list[Finding]:
    out = []
    for entry in check.entries():
        if entry.key in check.list_keys:
            continue
        kinds, raw, key = _kinds(entry), entry.raw, entry.key
        if not kinds & {"literal_newline", "line_break", "trailing_newline"}:
            continue
        literal, real = re.search(r"\\[nr]", raw), re.search(r"[\r\n]", raw)
        if not check.dotenv and kinds & {"trailing_newline"} and not kinds & {"line_break", "literal_newline"}:
            out.append(_trailing_newline(check, entry))
        elif literal:
            what = "a literal \\n or \\r" if "literal_newline" in kinds else "an escaped newline"
            out.append(finding("value-newline", value_location(check.env, entry, literal.start()),
                               f"{key} contains {what}; it becomes part of the value", key=key,
                               fix=f"Delete the \\n / \\r from {key}."))
        elif real:
            out.append(finding("value-newline", value_location(check.env, entry, real.start()),
                               f"{key} spans several lines; the value contains a line break", key=key,
                               fix=f"Put the value of {key} on one line."))
    return out


def _trailing_newline(check: EnvFileCheck, entry: EnvEntry) -> Finding:
    """A YAML value ending in a newline: a ``|`` block, or base64 of ``echo secret`` (echo adds the newline)."""
    key = entry.key
    if entry.encoded is not None:
        fix = f"Encode {key}'s value without the newline: printf '%s' VALUE | base64 (not echo VALUE | base64)."
    else:
        fix = f"Write {key}'s value on one line, or use the '|-' block style that drops the final newline."
    return finding("value-newline", value_location(check.env, entry, _raw_index(entry, len(entry.value or ""))),
                   f"{_named(entry)} ends with a newline; the process receives it", key=key, fix=fix)


@rule("value-quote", "Unbalanced or typographic quote",
      "Are quotes balanced ASCII quotes? A smart quote or a missing closing quote ends up in the value or "
      "swallows the next lines.", _E, scope="file")
def value_quote(check: EnvFileCheck) -> list[Finding]:
    env, out = check.env, []
    for problem in env.problems:
        unclosed = _UNCLOSED.match(problem.text)
        if unclosed:
            key = unclosed.group(1)
            out.append(finding("value-quote", Location(env.path, problem.line, problem.column),
                               f"{key}: the opening quote is never closed; python-dotenv skips the line",
                               fix=f"Close the quote of {key} on the same line.", key=key))
    for entry in sorted(check.swallowing, key=lambda e: e.line):
        out.append(finding(
            "value-quote", value_location(env, entry),
            f"{entry.key}: the quote opened on line {entry.value_line} closes only on line {entry.end_line}; "
            f"the lines in between became part of the value",
            fix=f"Close the quote of {entry.key} on line {entry.value_line}.", key=entry.key))
    for entry in check.entries():
        out += _quote(check, entry)
    return out


def _quote(check: EnvFileCheck, entry: EnvEntry) -> list[Finding]:
    key, raw, kinds = entry.key, entry.raw, _kinds(entry)
    if "smart_quote" in kinds:
        index = first_smart_quote(raw) or 0
        char = raw[index]
        return [finding("value-quote", value_location(check.env, entry, index),
                        f"{key} contains a typographic quote ({_quote_name(char)}); loaders keep it as part of "
                        "the value",
                        fix=f"Replace it with a plain ASCII quote, or remove it from {key}.", key=key)]
    if "unbalanced_quote" in kinds:
        value = entry.value or ""
        quote, kind = ('"', "double") if value.count('"') % 2 else ("'", "single")
        index = raw.find(quote, 1 if entry.quote else 0)
        return [finding("value-quote", value_location(check.env, entry, max(index, 0)),
                        f"{key} contains an unbalanced {kind} quote", fix=f"Remove the stray quote from {key}.",
                        key=key)]
    if "surrounding_quotes" in kinds:
        return [finding("value-quote", value_location(check.env, entry, 1 if entry.quote else 0),
                        f"{key} is quoted twice; the inner quotes become part of the value",
                        fix=f"Keep one pair of quotes around {key}'s value.", key=key)]
    return []


@rule("value-invisible", "Invisible character in a key or value",
      "Is the key or value free of zero-width characters, byte-order marks and no-break spaces?", _E,
      scope="file")
def value_invisible(check: EnvFileCheck) -> list[Finding]:
    env, out = check.env, []
    for entry in env.entries:
        index = first_invisible(entry.key)
        if index is not None:
            clean = without_invisible(entry.key)
            out.append(finding("value-invisible", key_location(env, entry, index),
                               f"key {clean} contains an invisible character ({char_name(entry.key[index])})"
                               "; the application will not find it", fix=f"Retype the key {clean}.", key=clean))
    for entry in check.entries():
        if "invisible_char" not in _kinds(entry):
            continue
        index = first_invisible(entry.raw) or 0
        out.append(finding("value-invisible", value_location(env, entry, index),
                           f"{entry.key} contains an invisible character ({char_name(entry.raw[index])})",
                           fix=f"Retype the value of {entry.key} (copying from a web page or chat adds these).",
                           key=entry.key))
    return out


@rule("duplicate-key", "Key set more than once",
      "Is each key assigned once? python-dotenv and most loaders use the last assignment.", _W, scope="file",
      variants=(SeverityVariant("conflict", _E, "the assignments have different values"),))
def duplicate_key(check: EnvFileCheck) -> list[Finding]:
    env, out = check.env, []
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
                "duplicate-key", Location(entry_file(env, entry), entry.line, entry.column),
                f"{key} is set on line {entry.line} and again on line {winner.line}; the last one "
                f"(line {winner.line}) wins{' and the values differ' if differ else ''}",
                fix=f"Delete one of the {key} lines.", key=key, variant="conflict" if differ else None))
    return out


@rule("secret-data-base64", "Kubernetes Secret data that is not base64",
      "Is every value under a Secret's data: valid base64? The API server refuses the manifest otherwise; plain "
      "text belongs under stringData:.", _E, scope="file",
      help_uri="https://kubernetes.io/docs/concepts/configuration/secret/#restriction-names-data")
def secret_data_base64(check: EnvFileCheck) -> list[Finding]:
    return [finding("secret-data-base64", value_location(check.env, e),
                    f"{e.key} in {e.source} is not valid base64", key=e.key,
                    fix=f"Encode the value (printf '%s' VALUE | base64), or move {e.key} under stringData:.")
            for e in check.env.entries if e.encoded is not None and e.value is None]
