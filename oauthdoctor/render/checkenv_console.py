"""The rich terminal view of a check-env report: findings grouped by file, then a one-line summary."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from oauthdoctor.model import Report, RuleMeta, Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def print_check_env(report: Report, console: Console) -> None:
    for file in report.files:
        mine = [f for f in report.findings if f.location is not None and f.location.file == file]
        if not mine:
            console.print(Text.assemble(("✓ ", "green"), (file, "bold"), " no findings"))
            continue
        console.print(Text(file, style="bold"))
        table = Table(show_header=True, header_style="dim", box=None, padding=(0, 1))
        for column in ("where", "severity", "rule"):
            table.add_column(column, no_wrap=True)
        table.add_column("message", overflow="fold")
        for f in mine:
            message = Text(f.title)
            if f.fix:
                message.append(f"\nfix: {f.fix}", style="dim")
            table.add_row(f"{f.location.line}:{f.location.column}" if f.location else "-",
                          Text(f.severity.value, style=_STYLE[f.severity]), f.id, message)
        console.print(table)
    counts = {s: sum(1 for f in report.findings if f.severity is s) for s in Severity}
    console.print(Text.assemble(
        (f"{counts[Severity.ERROR]} error(s)", _STYLE[Severity.ERROR] if counts[Severity.ERROR] else ""), ", ",
        (f"{counts[Severity.WARNING]} warning(s)", _STYLE[Severity.WARNING] if counts[Severity.WARNING] else ""),
        f", {counts[Severity.INFO]} note(s) in {len(report.files)} file(s)"))


def print_rules(rules: tuple[RuleMeta, ...], console: Console) -> None:
    """``--list-rules``: id, default severity, title and the question each rule answers."""
    table = Table(show_lines=True)
    for column in ("rule", "severity", "checks"):
        table.add_column(column, overflow="fold")
    for rule in rules:
        text = Text(rule.title, style="bold")
        text.append(f"\n{rule.question}")
        if rule.help_uri:
            text.append(f"\n{rule.help_uri}", style="dim")
        table.add_row(rule.id, Text(rule.severity.value, style=_STYLE[rule.severity]), text)
    console.print(table)
