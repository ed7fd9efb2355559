"""How long a value may be before a view shortens it, and how the cut is shown.

A 1 MB ``error_description`` or a 10 kB URI must neither take a terminal view minutes to lay out nor flood
the screen, so terminal views show the start of a long value and its full length: ``…(1,048,576 chars)``.
Machine formats keep every value whole up to ``JSON_STRING_CAP`` characters (documented in the README and
``docs/architecture-formats.md``); a longer string keeps its first ``JSON_STRING_CAP`` characters and ends in
the same marker, so a consumer can tell a cut value from a whole one.
"""

from __future__ import annotations

from typing import Any

DISPLAY_CHARS = 1_000
"""Characters of one value a terminal view shows before it cuts."""

JSON_STRING_CAP = 65_536
"""Characters of one string value the JSON (and SARIF, JUnit, GitHub) formats keep."""

DISPLAY_FINDINGS = 500
"""Findings a terminal view lists before it says how many it left out (a file of thousands of clients must not
take a terminal view seconds to lay out; the machine formats list every finding)."""


def length_marker(length: int) -> str:
    """``…(1,048,576 chars)``: what stands for the rest of a cut value."""
    return f"…({length:,} chars)"


def shorten(text: str, limit: int = DISPLAY_CHARS) -> str:
    """``text`` itself when it has at most ``limit`` characters, else its start and the full length."""
    if len(text) <= limit:
        return text
    return text[:limit] + length_marker(len(text))


def cap_json(value: Any, limit: int = JSON_STRING_CAP) -> Any:
    """``value`` (JSON-ready data) with every string longer than ``limit`` cut by ``shorten``."""
    if isinstance(value, str):
        return value if len(value) <= limit else shorten(value, limit)
    if isinstance(value, dict):
        return {k: cap_json(v, limit) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [cap_json(v, limit) for v in value]
    return value
