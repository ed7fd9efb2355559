"""docker compose variable substitution: ``${VAR}``, ``${VAR:-default}``, ``$VAR``, ``$$``.

A value that names a variable is not a value: compose fills it in from the shell or the project's ``.env`` when
the stack starts. check-env sees the file alone, so ``${VAR}`` is a reference (present, value unknown) and
``${VAR:-default}`` is its default (the value compose uses when the variable is unset, worth checking);
``diagnose`` runs where the stack runs and passes its environment, so the variables are filled in as compose
would. Operators as compose documents them: ``:-``/``-`` default, ``:?``/``?`` required, ``:+``/``+``
alternative; ``$$`` is a literal ``$``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_OPERATOR = re.compile(r":?[-?+]")
_MAX_DEPTH = 8  # ${A:-${B:-${C}}}: compose nests; a deeper nest is not a configuration


@dataclass(frozen=True)
class Substituted:
    """The value compose would use, or the first reference that decides it at run time."""

    value: str
    reference: str | None = None  # "${VAR}" when the value depends on a variable the file does not give


def interpolate(text: str, environ: Mapping[str, str] | None = None) -> Substituted:
    """Substitute as compose does; without ``environ`` a variable without a default stays a reference."""
    value, reference, _ = _scan(text, 0, environ, 0, closing=False)
    return Substituted(value, reference)


def has_variables(text: str) -> bool:
    """Does ``text`` use compose substitution at all (``$$`` included)?"""
    return "$" in text


def _scan(text: str, start: int, environ: Mapping[str, str] | None, depth: int,
          closing: bool) -> tuple[str, str | None, int]:
    """Substitute from ``start`` up to the end (or the closing brace); return (value, reference, end)."""
    out: list[str] = []
    reference: str | None = None
    index = start
    while index < len(text):
        char = text[index]
        if closing and char == "}":
            return "".join(out), reference, index
        if char != "$":
            out.append(char)
            index += 1
            continue
        following = text[index + 1: index + 2]
        if following == "$":
            out.append("$")
            index += 2
        elif following == "{":
            value, ref, index = _braced(text, index, environ, depth)
            out.append(value)
            reference = reference or ref
        elif (name := _NAME.match(text, index + 1)) is not None:
            found = _lookup(name.group(0), environ)
            out.append(found or "")
            if found is None and environ is None:
                reference = reference or text[index:name.end()]
            index = name.end()
        else:
            out.append("$")
            index += 1
    return "".join(out), reference, index


def _braced(text: str, start: int, environ: Mapping[str, str] | None,
            depth: int) -> tuple[str, str | None, int]:
    """``${...}`` at ``start``: (value, reference, index after the closing brace)."""
    name = _NAME.match(text, start + 2)
    if name is None or depth >= _MAX_DEPTH:
        end = text.find("}", start)
        end = len(text) if end < 0 else end + 1
        return text[start:end], text[start:end], end  # not a substitution compose accepts: keep it as written
    operator = _OPERATOR.match(text, name.end())
    variable = _lookup(name.group(0), environ)
    if operator is None:
        end = text.find("}", name.end())
        end = len(text) if end < 0 else end + 1
        expression = text[start:end]
        if variable is None and environ is None:
            return "", expression, end
        return variable or "", None, end
    word, word_ref, close = _scan(text, operator.end(), environ, depth + 1, closing=True)
    end = min(close + 1, len(text))
    expression = text[start:end]
    op = operator.group(0)
    unset = variable is None
    empty = unset or variable == ""
    if environ is None and op in (":-", "-"):
        return word, word_ref, end  # the value compose uses when the variable is unset: check it
    if environ is None:
        return "", expression, end  # required (:?) or alternative (:+): decided at run time
    if op in (":-", "-"):
        use_default = empty if op == ":-" else unset
        return (word, word_ref, end) if use_default else (variable or "", None, end)
    if op in (":+", "+"):
        use_alternative = not empty if op == ":+" else not unset
        return (word, word_ref, end) if use_alternative else ("", None, end)
    return variable or "", None, end  # :? and ?: compose refuses to start when unset; the value is the variable


def _lookup(name: str, environ: Mapping[str, str] | None) -> str | None:
    return None if environ is None else environ.get(name)


__all__ = ["Substituted", "has_variables", "interpolate"]
