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
    optional quantifiers (at least 3 characters); an alternative without one contributes the anchors of a group it
    cannot skip, when every branch of that group has its own ("(?:client|consumer|app)[ _-]?id": client, consumer,
    app). An alternative with neither leaves the pattern without anchors. A text that contains none of them cannot
    match, so the pattern need not even be compiled. Conservative by construction: anything unusual ends a run, and
    lookarounds and inline-flag groups give nothing. Tokenising with one regex keeps this far cheaper than compiling.
    """
    return _anchors_of_tokens(_token_rx().findall(pattern))


def _anchors_of_tokens(tokens: list[str]) -> tuple[str, ...] | None:
    found: list[str] = []
    best, run = "", ""
    group: tuple[str, ...] | None = None  # the anchors of a mandatory group in the current alternative
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.startswith("("):
            close = _closing(tokens, i)
            if close is None:
                return None
            after = tokens[close + 1] if close + 1 < len(tokens) else ""
            mandatory = not (after[:1] in ("?", "*") or after.startswith(("{0", "{,")))
            plain = tok in ("(", "(?:") and not tokens[i + 1:i + 2] == ["?"]
            if mandatory and plain and group is None:
                group = _anchors_of_tokens(tokens[i + 1:close])
            best, run = max(best, run, key=len), ""
            i = close + 1
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if tok == "|":
            best = max(best, run, key=len)
            if len(best) >= 3:
                found.append(best)
            elif group:
                found.extend(group)
            else:
                return None
            best, run, group = "", "", None
            i += 1
            continue
        literal = None
        if tok.startswith("\\"):
            literal = tok[1] if tok[1] in _ESCAPED_LITERAL else None
        elif tok[0] not in "[){?*+.^$":
            literal = tok
        i += 1
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
    if len(best) >= 3:
        found.append(best)
    elif group:
        found.extend(group)
    else:
        return None
    return tuple(dict.fromkeys(found))


def _closing(tokens: list[str], opening: int) -> int | None:
    """The index of the ``)`` that closes the group opened at ``opening`` (None: unbalanced)."""
    depth = 0
    for j in range(opening, len(tokens)):
        depth += tokens[j].startswith("(") - (tokens[j] == ")")
        if depth == 0:
            return j
    return None


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
