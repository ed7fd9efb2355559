"""Every block of the phrase layer (``# --- <name> ---`` ... ``# --- end of <name> ---`` in the generic profile) is
software's own wording read in its code: each rule names the file and the lines at a pinned commit, says when it
was checked and how firm it is, and decides class, cause and decision. One check for all blocks, so a new block
gets it by being marked, and each block's own test file tests what its rules answer."""

from __future__ import annotations

import re

import pytest
from phrase_blocks import blocks

PINNED = re.compile(r"^https://github\.com/[\w.-]+/[\w.-]+/blob/[0-9a-f]{40}/[^#\s]+#L\d+(?:-L\d+)?$")

BLOCKS = blocks()


def test_the_phrase_layer_has_its_marked_blocks() -> None:
    assert len(BLOCKS) >= 13
    assert all(BLOCKS.values()), [name for name, rules in BLOCKS.items() if not rules]


@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_every_rule_of_a_block_pins_its_source_and_says_how_firm_it_is(name: str) -> None:
    for rule in BLOCKS[name]:
        source = rule.get("source", "")
        assert PINNED.match(source), f"{name}: {source}"
        assert str(rule.get("checked")) >= "2026-12-05", source  # read when the block was added, or re-read since
        assert rule.get("basis") in ("confirmed", "heuristic"), source
        assert rule["basis"] == "confirmed" or rule.get("note"), f"a heuristic rule says why: {source}"
        assert rule.get("failure_class") and rule.get("cause") and rule.get("decision"), source
