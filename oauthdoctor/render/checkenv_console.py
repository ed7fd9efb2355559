"""The rich terminal view of a check-env report: findings grouped by file, then a one-line summary.

Rule ids are what users type into ``--rule``/``--ignore``, so they are never cut. On a wide terminal each
finding is one row (where, severity, rule, then the message wrapping under itself); when the message would
get less than half the line, the message moves under the row and keeps the width (``render/layout.py``).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from oauthdoctor.model import Finding, Report, RuleMeta, Severity
from oauthdoctor.render.decisions import basis_note
from oauthdoctor.render.layout import Hanging, shown
from oauthdoctor.render.limits import DISPLAY_FINDINGS

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_MESSAGE_SHARE = 0.5  # below this share of the line (or 40 columns), the message moves under the row
_MESSAGE_MIN = 40


def print_check_env(report: Report, console: Console) -> None:
    """Per file: its findings (or a check mark), then the counts over all files. Past ``DISPLAY_FINDINGS``
    the view says how many it left out instead of listing them."""
    room = DISPLAY_FINDINGS
    for file in report.files:
        mine = [f for f in report.findings if f.location is not None and f.location.file == file]
        if not mine:
            console.print(Hanging("", Text.assemble(("✓ ", "green"), (file, "bold"), " no findings")))
            continue
        if not room:
            continue
        console.print(Hanging("", Text(file, style="bold")))
        _findings(console, mine[:room], report.findings)
        room = max(room - len(mine), 0)
    loose = [f for f in report.findings if f.location is None or f.location.file not in report.files]
    if loose:
        _findings(console, loose[:room], report.findings)
    if len(report.findings) > DISPLAY_FINDINGS:
        left = len(report.findings) - DISPLAY_FINDINGS
        console.print(Hanging("", Text(f"… {left:,} more finding(s) not listed here; --format json, sarif, github "
                                       "or junit list every one", style="dim")))
    counts = {s: sum(1 for f in report.findings if f.severity is s) for s in Severity}
    console.print(Hanging("", Text.assemble(
        (f"{counts[Severity.ERROR]} error(s)", _STYLE[Severity.ERROR] if counts[Severity.ERROR] else ""), ", ",
        (f"{counts[Severity.WARNING]} warning(s)", _STYLE[Severity.WARNING] if counts[Severity.WARNING] else ""),
        f", {counts[Severity.INFO]} note(s) in {len(report.files)} file(s)")))


def _where(finding: Finding) -> str:
    return f"{finding.location.line}:{finding.location.column}" if finding.location else "-"


def _findings(console: Console, findings: list[Finding], every: tuple[Finding, ...]) -> None:
    """One file's findings, in columns as wide as the widest of the whole report (files line up)."""
    where_width = max(cell_len(_where(f)) for f in every)
    severity_width = max(len(f.severity.value) for f in every)
    rule_width = max(cell_len(f.id) for f in every)
    row_width = 2 + where_width + 2 + severity_width + 2 + rule_width + 2
    width = console.size.width
    one_line = width - row_width >= max(width * _MESSAGE_SHARE, _MESSAGE_MIN)
    if not findings:
        return
    for finding in findings:
        at = _where(finding)
        row = Text.assemble("  ", (f"{at:<{where_width}}  ", "dim"),
                            (f"{finding.severity.value:<{severity_width}}", _STYLE[finding.severity]),
                            "  ", (finding.id, "bold"))
        message = Text(shown(finding.title))
        note = basis_note(finding.evidence)
        if note:
            message.append(f" ({note[0]})", style=note[1])
        if finding.fix:
            message.append(f"\nfix: {shown(finding.fix)}", style="dim")
        if one_line:
            row.append(" " * (rule_width - cell_len(finding.id) + 2))
            console.print(Hanging(row, message))
        else:
            console.print(row)
            console.print(Hanging(" " * (2 + where_width + 2), message))


def print_rules(rules: tuple[RuleMeta, ...], console: Console) -> None:
    """``--list-rules``: id and default severity, then the title, the question and the reference."""
    for number, rule in enumerate(rules):
        if number:
            console.print()
        console.print(Hanging("", Text.assemble((rule.id, "bold"), "  ",
                                                (rule.severity.value, _STYLE[rule.severity]))))
        text = Text(rule.title, style="bold")
        text.append(f"\n{rule.question}")
        if rule.help_uri:
            text.append(f"\n{rule.help_uri}", style="dim")
        console.print(Hanging("    ", text))
