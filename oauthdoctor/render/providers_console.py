"""Rich views of provider profiles."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from oauthdoctor.profiles.model import Profile
from oauthdoctor.render.providers_view import profile_facts, summary_rows


def print_table(profiles: list[Profile], console: Console) -> None:
    """The ``providers list`` table."""
    rows = summary_rows(profiles)
    table = Table(title="Provider profiles", show_lines=False)
    for column in ("id", "name", "auth", "redirect", "rotation"):
        table.add_column(column)
    for row in rows:
        table.add_row(*(row[c] for c in ("id", "name", "auth", "redirect", "rotation")))
    console.print(table)


def print_facts(profile: Profile, console: Console) -> None:
    """The ``providers show`` view: every fact with its source."""
    facts = profile_facts(profile)
    aliases = f" (aliases: {', '.join(profile.aliases)})" if profile.aliases else ""
    console.print(f"[bold]{profile.name}[/bold] — id [cyan]{profile.id}[/cyan]{aliases}")
    console.print(f"file: {profile.path}", markup=False)
    for link in profile.docs:
        console.print(f"docs: {link}", markup=False)
    table = Table(show_lines=True)
    for column in ("fact", "value", "source", "checked"):
        table.add_column(column, overflow="fold")
    for fact in facts:
        value = fact.value if fact.basis == "confirmed" else f"{fact.value}  [{fact.basis}]"
        if fact.note:
            value += f"\nnote: {fact.note}"
        table.add_row(fact.path, value, fact.source or "-", fact.checked or "-")
    console.print(table)
