"""Literal anchors of a rule's pattern: strings one of which every match must contain, so that a text without
any of them is refused without compiling or running the pattern.

Working them out costs a fifth of a millisecond a pattern, and a single ``explain`` of a text that names no
provider tries a few hundred patterns (every profile's detection signatures, then the phrase layer): more than
the rest of the classification. So the anchors of every pattern met are remembered in the profile cache (one
small index keyed by this module's file, read once per process on first need) and the ones a run adds are
written back when it ends. The cache is only an optimisation: without it the anchors are computed as before.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

_MEMO_LIMIT = 20_000  # patterns; a memo that grew past this (profiles edited many times) starts again

# One token of a regex: an escape, a character class, a group bracket, a quantifier, a metacharacter, a literal.
_TOKEN_SOURCE = (r"\\.|\[\^?\]?(?:\\.|[^\]])*\]|\((?:\?[:!=]|\?<[!=]|\?P?<\w+>)?|\)|\{\d*(?:,\d*)?\}\??|"
                 r"[?*+]\??|[.^$|]|[^\\\[\](){}?*+.^$|]+")
_ESCAPED_LITERAL = frozenset(".^$|?*+()[]{}\\/-'\"# :,=<>!&@%")  # escapes that stand for the character itself


@functools.cache
def _token_rx() -> re.Pattern[str]:
    return re.compile(_TOKEN_SOURCE, re.S)


def anchors(pattern: str) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match must contain, or None when the pattern has none.

    Each top-level alternative contributes its longest run of plain characters outside groups, classes and
    optional quantifiers (at least 3 characters, else the pattern gets no anchors). A text that contains none of
    them cannot match, so the pattern need not even be compiled. Conservative by construction: anything unusual
    ends a run. Tokenising with one regex keeps this far cheaper than compiling the pattern.
    """
    found: list[str] = []
    best, run, depth = "", "", 0
    tokens = _token_rx().findall(pattern)
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if depth:
            depth += tok.startswith("(") - (tok == ")")
            continue
        if tok == "|":
            best = max(best, run, key=len)
            if len(best) < 3:
                return None
            found.append(best)
            best, run = "", ""
            continue
        literal = None
        if tok.startswith("\\"):
            literal = tok[1] if tok[1] in _ESCAPED_LITERAL else None
        elif tok[0] not in "[(){?*+.^$":
            literal = tok
        if tok.startswith("("):
            depth = 1
        if literal is None:
            best, run = max(best, run, key=len), ""
            continue
        optional = nxt[:1] in ("?", "*") or nxt.startswith(("{0", "{,"))
        repeated = nxt[:1] in ("+", "{")
        if optional or repeated:  # the last character is optional (drop it) or repeated (keep it, end the run)
            run += literal[:-1] if optional else literal
            best, run = max(best, run.lower(), key=len), ""
            continue
        run += literal.lower()
    best = max(best, run, key=len)
    if depth or len(best) < 3:
        return None
    found.append(best)
    return tuple(dict.fromkeys(found))


_memo: dict[str, list[str] | None] | None = None  # pattern -> anchors; None until read from the cache
_added = False


def anchors_of(pattern: str) -> tuple[str, ...] | None:
    """``anchors(pattern)``, from the memo when an earlier run worked it out."""
    global _memo, _added
    memo = _memo if _memo is not None else _load()
    if pattern in memo:
        known = memo[pattern]
        return tuple(known) if known is not None else None
    found = anchors(pattern)
    memo[pattern] = list(found) if found is not None else None
    if not _added:
        _added = True
        import atexit

        atexit.register(_save)
    return found


def _load() -> dict[str, list[str] | None]:
    global _memo
    from oauthdoctor.profiles import cache

    found = cache.get_index("anchors", [], (Path(__file__),))
    _memo = found if isinstance(found, dict) and len(found) < _MEMO_LIMIT else {}
    return _memo


def _save() -> None:
    """Write the memo back (at exit, once, only when this run worked out anchors it did not hold)."""
    if _memo:
        from oauthdoctor.profiles import cache

        cache.put_index("anchors", [], _memo, (Path(__file__),))
