"""Rich views of provider profiles: ``providers show`` and ``audit`` (``list``: ``providers_list.py``).

Ids and aliases are what users type into ``--provider``, so no view ever cuts one; URLs wrap only at their
own length, never mid-word when they fit on a line. ``show`` prints every section the JSON has, in plain
words (yes/no, lists, no Python reprs), and under each fact its basis (✓ confirmed, ~ heuristic,
? unconfirmed), the date it was checked and its source.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from oauthdoctor.profiles.model import Profile
from oauthdoctor.render.layout import Hanging, KeyValues
from oauthdoctor.render.providers_view import Entry, Provenance, audit_json, profile_sections

BASIS_MARK = {
    "confirmed": ("✓", "green"),
    "heuristic": ("~", "yellow"),
    "unconfirmed": ("?", "magenta"),
}


def print_facts(profile: Profile, console: Console) -> None:
    """``providers show``: who the profile is, then every section with each fact's provenance."""
    from oauthdoctor.profiles.audit import counts, facts_of

    tally = counts(facts_of(profile))
    console.print(Hanging("", Text(profile.name, style="bold")))
    rows: list[tuple[str, str | Text]] = [("id", Text(profile.id, style="bold cyan"))]
    if profile.aliases:
        rows.append(("aliases", ", ".join(profile.aliases)))
    rows.append(("kind", profile.kind))
    if profile.path:
        rows.append(("file", profile.path))
    if profile.docs:
        rows.append(("docs", "\n".join(profile.docs)))
    if profile.checked:
        rows.append(("checked", profile.checked))
    rows.append(("facts", f"{tally.confirmed} of {tally.total} confirmed ({tally.heuristic} heuristic, "
                          f"{tally.unconfirmed} unconfirmed); decision-driving: {tally.decision_confirmed} of "
                          f"{tally.decision_total} confirmed"))
    console.print(KeyValues(rows, indent=2))
    for section in profile_sections(profile):
        console.print()
        console.print(Text(section.title, style="bold"))
        _entries(console, section.entries, indent=2)


def _entries(console: Console, entries: Sequence[Entry], indent: int) -> None:
    """Sibling entries share one label column; an entry's parts follow it, two columns further in."""
    flat: list[tuple[str, str | Text]] = []
    for entry in entries:
        if not entry.label:  # the section's own fact: its lines and provenance, two columns in
            console.print(Hanging(" " * (indent + 2), _body(entry)))
            continue
        if entry.value or entry.provenance or not entry.children:
            flat.append((entry.label, _body(entry)))
        if entry.children:
            if not (entry.value or entry.provenance):
                flat.append((entry.label, ""))
            console.print(KeyValues(flat, indent=indent))
            flat = []
            _entries(console, entry.children, indent + 2)
    if flat:
        console.print(KeyValues(flat, indent=indent))


def _body(entry: Entry) -> Text:
    body = Text(entry.value)
    if entry.provenance is not None:
        if body.plain:
            body.append("\n")
        body.append_text(provenance_text(entry.provenance))
    return body


def provenance_text(fact: Provenance) -> Text:
    """``✓ confirmed · checked 2026-12-05``, the source on a line of its own (a URL stays whole), the note."""
    mark, style = BASIS_MARK.get(fact.basis, ("?", "magenta"))
    text = Text.assemble((f"{mark} {fact.basis}", style))
    if fact.checked:
        text.append(f" · checked {fact.checked}", style="dim")
    text.append(f"\n{fact.source}" if fact.source else " · no source", style="dim")
    if fact.note:
        text.append(f"\nnote: {fact.note}", style="dim italic")
    return text


def print_audit(profiles: list[Profile], console: Console) -> None:
    """``providers audit``: totals, then every open fact, oldest check first."""
    data = audit_json(profiles)
    totals = data["totals"]
    console.print(Hanging("", f"{totals['confirmed']} of {totals['total']} facts confirmed ({totals['heuristic']} "
                              f"heuristic, {totals['unconfirmed']} unconfirmed); decision-driving: "
                              f"{totals['decision_confirmed']} of {totals['decision_total']} confirmed"))
    for fact in data["facts"]:
        mark, style = BASIS_MARK.get(fact["basis"], ("?", "magenta"))
        console.print()
        console.print(Hanging(Text.assemble((f"{mark} ", style), (f"{fact['profile']} ", "bold cyan")),
                              Text(fact["path"], style="bold")))
        body = Text(f"{fact['basis']} · checked {fact['checked'] or '-'}", style=style)
        body.append(f"\nsource: {fact['source'] or '-'}", style="dim")
        if fact["note"]:
            body.append(f"\nnote: {fact['note']}", style="dim italic")
        console.print(Hanging("    ", body))
