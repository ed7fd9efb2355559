"""Every block of the phrase layer (``# --- <name> ---`` ... ``# --- end of <name> ---`` in the generic profile) is
software's own wording read in its code: each rule names the file and the lines at a pinned commit, says when it
was checked and how firm it is, and decides class, cause and decision. One check for all blocks, so a new block
gets it by being marked, and each block's own test file tests what its rules answer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

GENERIC = Path(__file__).parent.parent / "providers" / "generic.yaml"
PINNED = re.compile(r"^https://github\.com/[\w.-]+/[\w.-]+/blob/[0-9a-f]{40}/[^#\s]+#L\d+(?:-L\d+)?$")
OPENS = re.compile(r"^    # --- (?!end\b)(.+?) ---$")
CLOSES = re.compile(r"^    # --- end(?: of)? (.+?) ---$")


def _blocks() -> dict[str, list[dict]]:
    """Each marked block's rules, found by the line each rule starts on."""
    lines = GENERIC.read_text(encoding="utf-8").splitlines()
    spans: dict[str, tuple[int, int]] = {}
    opened: dict[str, int] = {}
    for number, line in enumerate(lines):
        if m := CLOSES.match(line):
            spans[m.group(1)] = (opened.pop(m.group(1)), number)
        elif m := OPENS.match(line):
            opened[m.group(1)] = number
    assert not opened, f"blocks opened and never closed: {sorted(opened)}"
    root = yaml.compose(GENERIC.read_text(encoding="utf-8"))
    errors = next(v for k, v in root.value if k.value == "errors")
    rules = next(v for k, v in errors.value if k.value == "rules")
    data = yaml.safe_load(GENERIC.read_text(encoding="utf-8"))["errors"]["rules"]
    blocks: dict[str, list[dict]] = {name: [] for name in spans}
    for node, rule in zip(rules.value, data, strict=True):
        for name, (start, end) in spans.items():
            if start < node.start_mark.line < end:
                blocks[name].append(rule)
    return blocks


BLOCKS = _blocks()


def test_the_phrase_layer_has_its_marked_blocks() -> None:
    assert len(BLOCKS) >= 13
    assert all(BLOCKS.values()), [name for name, rules in BLOCKS.items() if not rules]


@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_every_rule_of_a_block_pins_its_source_and_says_how_firm_it_is(name: str) -> None:
    for rule in BLOCKS[name]:
        source = rule.get("source", "")
        assert PINNED.match(source), f"{name}: {source}"
        assert str(rule.get("checked")) == "2026-12-05", source
        assert rule.get("basis") in ("confirmed", "heuristic"), source
        assert rule["basis"] == "confirmed" or rule.get("note"), f"a heuristic rule says why: {source}"
        assert rule.get("failure_class") and rule.get("cause") and rule.get("decision"), source
