"""Strict profile validation with pydantic: every error names the file, the line and the YAML path.

Only ``providers validate`` and the test-suite import this module; the fast loader never does.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from oauthdoctor.profiles.loader import ProfileError, ProfileIssue, load_file, read_profile_text
from oauthdoctor.profiles.model import Profile
from oauthdoctor.profiles.yamlpos import format_path, line_of, load_text

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@cache
def _adapter() -> Any:
    from pydantic import TypeAdapter

    _forbid_extra_everywhere()
    return TypeAdapter(Profile)


def _forbid_extra_everywhere() -> None:
    """Stdlib dataclasses take pydantic config from ``__pydantic_config__``; forbid unknown keys in all."""
    import dataclasses

    from pydantic import ConfigDict

    seen: set[type] = set()

    def visit(cls: type) -> None:
        if cls in seen or not dataclasses.is_dataclass(cls):
            return
        seen.add(cls)
        # pydantic reads a stdlib dataclass's config from this attribute, which the schema does not declare.
        cls.__pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[attr-defined]
        import typing

        for hint in typing.get_type_hints(cls).values():
            for arg in _flatten(hint):
                visit(arg)

    visit(Profile)


def _flatten(tp: Any) -> list[Any]:
    import typing

    args = typing.get_args(tp)
    if not args:
        return [tp]
    out: list[Any] = []
    for a in args:
        out.extend(_flatten(a))
    return out


def validate_file(path: Path) -> list[ProfileIssue]:
    """All problems in one profile file (empty list when valid)."""
    try:
        text = read_profile_text(path)
    except ProfileError as exc:
        return exc.issues
    try:
        data = load_text(text)
    except Exception:  # noqa: BLE001 - load_file below reports the YAML error with its line
        try:
            load_file(path)
        except ProfileError as exc:
            return exc.issues
        return [ProfileIssue(str(path), 1, "(yaml)", "invalid YAML")]
    if not isinstance(data, dict):
        return [ProfileIssue(str(path), 1, "(top level)", "a profile must be a mapping")]
    from pydantic import ValidationError

    issues: list[ProfileIssue] = []
    try:
        _adapter().validate_python(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            message = _message(err)
            issues.append(ProfileIssue(str(path), line_of(text, loc), format_path(loc), message))
    if not issues:
        issues.extend(_semantic_issues(path, text, data))
    return issues


def _message(err: Any) -> str:
    if err["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
        return f"unknown key '{err['loc'][-1]}'"
    if err["type"] == "literal_error":
        return f"unknown value {err['input']!r} ({err['msg'].lower()})"
    return str(err["msg"])


def _semantic_issues(path: Path, text: str, data: dict[str, Any]) -> list[ProfileIssue]:
    """Checks a type schema cannot express: id format and file name, placeholders declared, regexes compile."""
    issues: list[ProfileIssue] = []

    def add(loc: tuple[str | int, ...], message: str) -> None:
        issues.append(ProfileIssue(str(path), line_of(text, loc), format_path(loc), message))

    pid = str(data.get("id", ""))
    if not _ID.match(pid):
        add(("id",), f"invalid id {pid!r} (lowercase letters, digits and '-')")
    elif path.stem != pid:
        add(("id",), f"id {pid!r} does not match the file name '{path.name}'")
    endpoints = data.get("endpoints") or {}
    declared = set((endpoints.get("placeholders") or {}).keys())
    for name in ("authorize", "token", "discovery", "device", "revocation"):
        url = (endpoints.get(name) or {}).get("url", "")
        for ph in re.findall(r"\{([a-z_]+)\}", url or ""):
            if ph not in declared:
                add(("endpoints", name, "url"), f"placeholder '{{{ph}}}' is not declared in endpoints.placeholders")
    for loc, fact in _facts(data, ()):
        if fact.get("basis") != "confirmed":
            continue
        if not str(fact.get("source") or "").startswith(("https://", "http://")):
            add((*loc, "basis"), "a confirmed fact needs the URL it was read from in 'source'")
        if not fact.get("checked"):
            add((*loc, "basis"), "a confirmed fact needs the date it was read ('checked: YYYY-MM-DD')")
    errors = data.get("errors") or {}
    for section in ("rules", "signatures"):
        for i, rule in enumerate(errors.get(section) or []):
            for key in ("description", "text"):
                if isinstance(rule, dict) and _contraction_only(rule.get(key)):
                    add(("errors", section, i, key), "the pattern spells a contraction (\"doesn't\") but rules read "
                        "the text with contractions written out (\"does not\"), so it never matches: match the "
                        "written-out form")
    pattern = (data.get("client_id") or {}).get("pattern")
    if pattern:
        try:
            re.compile(pattern)
        except re.error as exc:
            add(("client_id", "pattern"), f"invalid regular expression: {exc}")
    return issues


# "doesn't", "doesn.t", "doesn['’]t": a negation as a contraction, which a rule never sees (extract._plain_words)
_CONTRACTION = re.compile(r"[a-z]n(?:'|\\?\.|\[[^\]]*'[^\]]*\])t\b", re.IGNORECASE)


def _contraction_only(pattern: Any) -> bool:
    """Whether a rule's pattern spells a negation only as a contraction (no written-out ``not`` beside it)."""
    return isinstance(pattern, str) and _CONTRACTION.search(pattern) is not None and not re.search(
        r"not\b", pattern, re.IGNORECASE)  # "cannot" too


def _facts(value: Any, loc: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """Every mapping in the profile that carries a ``basis`` (a fact with provenance), with its YAML path."""
    found: list[tuple[tuple[str | int, ...], dict[str, Any]]] = []
    if isinstance(value, dict):
        if "basis" in value:
            found.append((loc, value))
        for key, child in value.items():
            found.extend(_facts(child, (*loc, str(key))))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found.extend(_facts(child, (*loc, i)))
    return found
