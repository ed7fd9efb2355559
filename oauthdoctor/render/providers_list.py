"""``providers list``: the JSON document and the terminal table, drawn from the profiles' summaries.

A summary is the plain entry ``profiles.summary.summarize`` computes (id, name, aliases, kind, auth methods,
redirect rule, rotation, fact counts), read from the profile cache; nothing here needs the profile schema.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

SCHEMA_VERSION = 1


def providers_json(summaries: list[dict[str, Any]]) -> dict[str, Any]:
    """``providers list --format json``: the documented contract."""
    return {"schema_version": SCHEMA_VERSION, "providers": summaries}


def render_providers_json(summaries: list[dict[str, Any]]) -> str:
    """``providers list --format json``."""
    return json.dumps(providers_json(summaries), indent=2) + "\n"


def summary_rows(summaries: list[dict[str, Any]]) -> list[dict[str, str]]:
    """One row per profile for the list table."""
    rows = []
    for s in summaries:
        facts = s["facts"]
        rows.append({
            "id": s["id"],
            "name": s["name"],
            "auth": ", ".join(m.replace("client_secret_", "") for m in s["auth_methods"]) or "-",
            "redirect": s["redirect_rule"],
            "rotation": s["rotation"] or "unknown",
            "confirmed": f"{facts['confirmed']}/{facts['total']}",
        })
    return rows


def print_table(summaries: list[dict[str, Any]], console: Console) -> None:
    """``providers list``: per profile its id and name, then aliases, auth methods, redirect rule, rotation
    and how many of its facts are confirmed, wrapping under the row."""
    from rich.text import Text

    from oauthdoctor.render.layout import Hanging

    id_width = max((len(s["id"]) for s in summaries), default=0)
    for summary, row in zip(summaries, summary_rows(summaries), strict=True):
        console.print(Hanging(Text(f"{summary['id']:<{id_width}}  ", style="bold cyan"), row["name"]))
        details = Text()
        parts = [("aliases", ", ".join(summary["aliases"])), ("auth", row["auth"]), ("redirect", row["redirect"]),
                 ("rotation", row["rotation"]), ("confirmed", row["confirmed"])]
        for number, (key, value) in enumerate((k, v) for k, v in parts if v):
            details.append(" · " if number else "", style="dim")
            details.append(f"{key} ", style="dim")
            details.append(value)
        console.print(Hanging("    ", details))
