"""The marked blocks of the phrase layer (``# --- <name> ---`` ... ``# --- end of <name> ---`` in the generic
profile), read from the file: what each block's tests check their rules against."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

GENERIC = Path(__file__).parent.parent / "providers" / "generic.yaml"
_OPENS = re.compile(r"^    # --- (?!end\b)(.+?) ---$")
_CLOSES = re.compile(r"^    # --- end(?: of)? (.+?) ---$")


@functools.cache
def blocks() -> dict[str, list[dict[str, Any]]]:
    """Each marked block's rules as written, found by the line each rule starts on."""
    text = GENERIC.read_text(encoding="utf-8")
    spans: dict[str, tuple[int, int]] = {}
    opened: dict[str, int] = {}
    for number, line in enumerate(text.splitlines()):
        if m := _CLOSES.match(line):
            spans[m.group(1)] = (opened.pop(m.group(1)), number)
        elif m := _OPENS.match(line):
            opened[m.group(1)] = number
    assert not opened, f"blocks opened and never closed: {sorted(opened)}"
    root = yaml.compose(text)
    errors = next(v for k, v in root.value if k.value == "errors")
    nodes = next(v for k, v in errors.value if k.value == "rules").value
    data = yaml.safe_load(text)["errors"]["rules"]
    found: dict[str, list[dict[str, Any]]] = {name: [] for name in spans}
    for node, rule in zip(nodes, data, strict=True):
        for name, (start, end) in spans.items():
            if start < node.start_mark.line < end:
                found[name].append(rule)
    return found


def block_rules(name: str) -> list[dict[str, Any]]:
    """One block's rules, by the name its markers carry."""
    return blocks()[name]


@functools.cache
def rulebook() -> Any:
    """One rule book for every block's tests (building it reads all profiles)."""
    from oauthdoctor.classifier.book import RuleBook

    return RuleBook()


def answer(status: int | None, body: str, provider: str | None = None) -> tuple[str, str, str]:
    """Class, cause and decision of one response."""
    from oauthdoctor.classifier import classify

    r = classify(status, body, None, provider=provider, rulebook=rulebook())
    return r.failure_class, r.cause, r.decision


def cites(repos: tuple[str, ...], status: int | None, body: str) -> bool:
    """Whether the answer rests on a rule pinned to one of these repositories (the block under test decided)."""
    from oauthdoctor.classifier import classify

    references = classify(status, body, None, rulebook=rulebook()).references
    return any(f"github.com/{repo.rstrip('/')}/" in ref for ref in references for repo in repos)
