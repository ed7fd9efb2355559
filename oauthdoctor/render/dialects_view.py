"""``check-env --list-dialects``: the tools whose variable names check-env and diagnose read (from the table)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


def _rows(dialects: Sequence[Any]) -> list[dict[str, str]]:
    return [{"id": d.id, "name": d.name, "variables": d.summary, "note": d.note, "source": d.source,
             "checked": d.checked} for d in dialects]


def render_dialects_json(dialects: Sequence[Any]) -> str:
    """Every tool: id, name, variables, how the callback is found, source and the date it was checked."""
    return json.dumps(_rows(dialects), indent=2)


def render_dialects_text(dialects: Sequence[Any]) -> str:
    """One block per tool, grep-able by its id."""
    return "".join(f"{r['id']}\t{r['name']}\n    {r['variables']}\n    {r['note']}\n    {r['source']} "
                   f"(checked {r['checked']})\n" for r in _rows(dialects)).rstrip("\n")


def print_dialects(dialects: Sequence[Any], console: Console) -> None:
    """The terminal view: the tool's name and id, then its variables, notes and source, indented."""
    from rich.text import Text

    for number, row in enumerate(_rows(dialects)):
        if number:
            console.print()
        console.print(Text.assemble((row["name"], "bold"), "  ", (row["id"], "cyan")))
        for line in (row["variables"], row["note"], f"{row['source']} (checked {row['checked']})"):
            if line:
                console.print(Text("    " + line))
