"""Rich views of provider profiles."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from oauthdoctor.profiles.model import Profile
from oauthdoctor.render.providers_view import FactRow


def print_table(rows: list[dict[str, str]]) -> None:
    """The ``providers list`` table."""
    table = Table(title="Provider profiles", show_lines=False)
    columns = ("id", "name", "auth", "redirect", "rotation", "confirmed")
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(row[c] for c in columns))
    Console().print(table)


def print_facts(profile: Profile, facts: list[FactRow]) -> None:
    """The ``providers show`` view: every fact with its source."""
    console = Console()
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


def print_audit(data: dict[str, object]) -> None:
    """The ``providers audit`` view: totals, then every open fact, oldest check first."""
    console = Console()
    totals = data["totals"]
    assert isinstance(totals, dict)
    console.print(f"{totals['confirmed']} of {totals['total']} facts confirmed ({totals['heuristic']} heuristic, "
                  f"{totals['unconfirmed']} unconfirmed); decision-driving: {totals['decision_confirmed']} of "
                  f"{totals['decision_total']} confirmed", markup=False)
    table = Table(show_lines=False)
    for column in ("checked", "profile", "fact", "basis", "note"):
        table.add_column(column, overflow="fold")
    facts = data["facts"]
    assert isinstance(facts, list)
    for fact in facts:
        table.add_row(fact["checked"] or "-", fact["profile"], fact["path"], fact["basis"], fact["note"] or "-")
    console.print(table)
