"""What is wrong with the characters of a value the application receives, and whether it is a placeholder.

Most ``invalid_client`` tickets end in a pasted secret with a trailing newline, a stray quote, a zero-width space
copied from a web page or a ``changeme`` nobody replaced. The provider compares byte for byte, so each problem
is named with the index of its first character.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

ProblemKind = Literal[
    "leading_whitespace", "trailing_whitespace", "trailing_newline", "line_break", "literal_newline",
    "surrounding_quotes", "unbalanced_quote", "smart_quote", "invisible_char",
]
# Which check-env rule reports each kind (diagnose's config probe reports them all in one finding per key).
RULE_OF_KIND: dict[ProblemKind, str] = {
    "leading_whitespace": "value-whitespace", "trailing_whitespace": "value-whitespace",
    "trailing_newline": "value-newline", "line_break": "value-newline", "literal_newline": "value-newline",
    "surrounding_quotes": "value-quote", "unbalanced_quote": "value-quote", "smart_quote": "value-quote",
    "invisible_char": "value-invisible",
}
# Characters nobody means to put into an OAuth value: zero-width, BOM, no-break and bidi controls.
INVISIBLE = frozenset(
    "\u00a0\u00ad\u061c\u180e\u2007\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u202f"
    "\u205f\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u3000\ufeff"
)
SMART_QUOTES = frozenset("\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb\u2033\u2032")
# Searched with one compiled class, not a loop over the characters: a value can be a megabyte long.
_INVISIBLE_CHAR = re.compile("[" + "".join(re.escape(c) for c in sorted(INVISIBLE)) + "]")
_SMART_QUOTE_CHAR = re.compile("[" + "".join(re.escape(c) for c in sorted(SMART_QUOTES)) + "]")
_DROP_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))


def first_invisible(text: str) -> int | None:
    """Index of the first invisible character in ``text``, or None."""
    found = _INVISIBLE_CHAR.search(text)
    return found.start() if found else None


def first_smart_quote(text: str) -> int | None:
    """Index of the first typographic quote in ``text``, or None."""
    found = _SMART_QUOTE_CHAR.search(text)
    return found.start() if found else None


def without_invisible(text: str) -> str:
    return text.translate(_DROP_INVISIBLE)


_PLACEHOLDER = re.compile(
    r"^(?:x{3,}|\*{3,}|\.{3,}|0{3,}|change[-_ ]?(?:me|it|this)|todo\b.*|tbd|fixme\b.*|replace[-_ ]?me|"
    r"placeholder|dummy|fake|secret|password|none|null|nil|undefined|example|sample|"
    r"(?:my|your|the)?[-_ ]?(?:app[-_ ]?)?client[-_ ]?(?:id|secret)|<[^>]*>|\{[^}]*\}|\[[^\]]*\]|"
    r"(?:your|insert|enter|put|add|paste)[-_ ].*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ValueProblem:
    """One problem, where it starts in the value, and a few words naming it (no value text: it may be secret)."""

    kind: ProblemKind
    index: int
    words: str


def char_name(char: str) -> str:
    """``U+200B zero width space``: how a message names an invisible or typographic character."""
    return f"U+{ord(char):04X} {unicodedata.name(char, '').lower()}".strip()


def value_problems(value: str) -> list[ValueProblem]:
    """Every problem in ``value``, in a fixed order (whitespace, line breaks, quotes, invisible characters)."""
    out: list[ValueProblem] = []
    stripped = value.strip(" \t\r\n")
    if value[:1] in (" ", "\t"):
        out.append(ValueProblem("leading_whitespace", 0, "leading whitespace"))
    if value.endswith(("\n", "\r")):
        out.append(ValueProblem("trailing_newline", len(value.rstrip("\r\n")), "a trailing newline"))
    elif value != value.rstrip(" \t"):
        out.append(ValueProblem("trailing_whitespace", len(value.rstrip(" \t")), "trailing whitespace"))
    inner_break = re.search(r"[\r\n]", stripped)
    if inner_break:
        out.append(ValueProblem("line_break", value.find(stripped) + inner_break.start(),
                                "a line break inside the value"))
    literal = re.search(r"\\[nr]", value)
    if literal:
        out.append(ValueProblem("literal_newline", literal.start(), "a literal \\n or \\r"))
    out += _quote_problems(value, stripped)
    index = first_invisible(value)
    if index is not None:
        out.append(ValueProblem("invisible_char", index, f"an invisible character ({char_name(value[index])})"))
    return out


def _quote_problems(value: str, stripped: str) -> list[ValueProblem]:
    index = first_smart_quote(value)
    if index is not None:
        return [ValueProblem("smart_quote", index, f"a typographic quote ({char_name(value[index])})")]
    for quote, kind in (('"', "double"), ("'", "single")):
        if value.count(quote) % 2:
            return [ValueProblem("unbalanced_quote", value.find(quote), f"an unbalanced {kind} quote")]
    if len(stripped) >= 2 and stripped[0] == stripped[-1] and stripped[0] in "'\"":
        return [ValueProblem("surrounding_quotes", value.find(stripped), "surrounding quotes")]
    return []


def is_placeholder(value: str) -> bool:
    """``changeme``, ``xxx``, ``<secret>``, ``TODO: ...``, ``your-client-secret`` ..."""
    return bool(_PLACEHOLDER.match(value.strip()))
