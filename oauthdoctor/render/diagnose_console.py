"""``diagnose --format rich``: the triage report a developer reads (the only Rich user of diagnose).

Order: one line per probe with its status (evidence, hint and decision under problem findings), then the
overall decision and root cause, then the inputs. User-supplied text is never parsed as Rich markup.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from oauthdoctor.model import Decision, Finding, Report, Status
from oauthdoctor.redact import scrub

_MARK = {
    Status.PASS: ("✓", "green"),
    Status.WARN: ("!", "yellow"),
    Status.FAIL: ("✗", "red"),
    Status.SKIP: ("-", "dim"),
    Status.ERROR: ("?", "magenta"),
    Status.CRASH: ("‼", "bold red"),
}
_DECISION_STYLE = {
    Decision.FIX_CONFIG: "bold yellow",
    Decision.REAUTH: "bold red",
    Decision.RETRY: "bold cyan",
    Decision.NONE: "bold green",
}
_DECISION_TEXT = {
    Decision.FIX_CONFIG: "fix_config — change the configuration; a retry or a new grant alone fails again",
    Decision.REAUTH: "reauth — the grant is dead; a user must authorise again",
    Decision.RETRY: "retry — nothing is wrong with the grant or configuration; try again later",
    Decision.NONE: "none — nothing to fix was found",
}
_EVIDENCE_FIRST = ("expected", "actual")


def _value(value: Any) -> str:
    if isinstance(value, str):
        return value if value.strip() == value and value else repr(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value) if value else "(none)"
    return json.dumps(value, ensure_ascii=False, default=str)


def _evidence_lines(evidence: dict[str, Any]) -> list[tuple[str, str]]:
    keys = [k for k in _EVIDENCE_FIRST if k in evidence] + [k for k in evidence if k not in _EVIDENCE_FIRST]
    return [(k, _value(evidence[k])) for k in keys if evidence[k] is not None]


def _finding(console: Console, finding: Finding, verbose: bool) -> None:
    mark, style = _MARK[finding.status]
    line = Text()
    line.append(f"[{mark}] ", style=style)
    line.append(f"{finding.id:<13}", style="bold")
    line.append(finding.title)
    console.print(line)
    if finding.status in (Status.PASS, Status.SKIP) and not verbose:
        return
    for key, value in _evidence_lines(finding.evidence):
        console.print(Text.assemble(("      ", ""), (f"{key}: ", "dim"), (value, "")))
    if finding.hint:
        console.print(Text.assemble(("      ", ""), ("hint: ", "cyan"), (finding.hint, "")))
    if finding.decision is not Decision.NONE:
        console.print(
            Text.assemble(
                ("      ", ""),
                ("decision: ", "dim"),
                (str(finding.decision), _DECISION_STYLE[finding.decision]),
            )
        )


def _inputs(console: Console, inputs: dict[str, Any]) -> None:
    table = Table(title="Inputs", show_header=True, title_justify="left", box=None, pad_edge=False)
    table.add_column("key", style="bold")
    table.add_column("value", overflow="fold")
    table.add_column("from", style="dim", overflow="fold")
    sources = inputs.get("sources", {})
    for key, value in inputs.items():
        if key in ("sources", "token_endpoint_from") or value is None or value == []:
            continue
        source_key = {"token_endpoint": "token_url"}.get(key, key)
        origin = sources.get(source_key) or (
            inputs.get("token_endpoint_from") if key == "token_endpoint" else ""
        ) or ("--trust-host" if key == "trusted_hosts" else "")
        table.add_row(Text(key), Text(_value(value)), Text(str(origin or "")))
    console.print(table)


def render(
    report: Report, *, file: TextIO | None = None, no_color: bool = False, verbose: bool = False
) -> None:
    """Print the triage report (secrets replaced by fingerprints before anything is printed)."""
    report = scrub(report, report.secrets)
    console = Console(
        file=file,
        no_color=no_color,
        highlight=False,
        emoji=False,
        soft_wrap=False,
        **({"color_system": None} if no_color else {}),
    )
    title = Text("oauthdoctor diagnose", style="bold")
    if report.provider:
        title.append(f" — provider {report.provider}")
    if report.environment:
        title.append(f", environment {report.environment}")
    console.print(title)
    console.print()
    for finding in report.findings:
        _finding(console, finding, verbose)
    console.print()
    text = _DECISION_TEXT[report.decision]
    if report.decision is Decision.NONE and report.root_cause:  # decide.py: nothing decided, probes undecided
        text = "inconclusive — nothing was decided"
    console.print(Text.assemble(("Decision: ", "bold"), (text, _DECISION_STYLE[report.decision])))
    if report.root_cause:
        console.print(Text.assemble(("Root cause: ", "bold"), (report.root_cause, "")))
    counts = {s: sum(1 for f in report.findings if f.status is s) for s in Status}
    console.print(Text(", ".join(f"{n} {s}" for s, n in counts.items() if n), style="dim"))
    console.print()
    _inputs(console, report.inputs)


def spinner(message: str = "running network probes…") -> Callable[[bool], None]:
    """``on_network(bool)`` for the runner: a spinner on stderr while network probes run."""
    status = Console(stderr=True).status(message, spinner="dots")
    running: list[bool] = []

    def on_network(active: bool) -> None:
        if active and not running:
            status.start()
            running.append(True)
        elif not active and running:
            status.stop()
            running.clear()

    return on_network
