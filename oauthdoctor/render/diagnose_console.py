"""``diagnose --format rich``: the triage report a developer reads, answer first.

Order: a headline panel (decision, root cause, the one next action, and any other problem found), then one
line per probe with its status, then the detail of the probes that did not pass. ``--verbose`` adds the
detail of passing probes and the inputs with where each value came from. Every part wraps with hanging
indents (``render/layout.py``), so the report reads the same from 60 to 200 columns. User-supplied text is
never parsed as Rich markup, and very long values are shortened with their length shown.
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.text import Text

from oauthdoctor.diagnose.decide import root_finding, undecided
from oauthdoctor.model import Decision, Finding, Report, Status
from oauthdoctor.render.decisions import DECISION_MEANING, basis_note, border_style, decision_style
from oauthdoctor.render.layout import Hanging, KeyValues, headline, shown

MARK = {
    Status.PASS: ("✓", "green"),
    Status.WARN: ("!", "yellow"),
    Status.FAIL: ("✗", "red"),
    Status.SKIP: ("-", "dim"),
    Status.ERROR: ("?", "magenta"),
    Status.CRASH: ("‼", "bold red"),
}
_EVIDENCE_FIRST = ("expected", "actual")
_UNDECIDED = (Status.ERROR, Status.CRASH)


def print_diagnosis(report: Report, console: Console, *, verbose: bool = False) -> None:
    """The triage report: headline, one line per probe, details of what did not pass (all with ``verbose``)."""
    title = Text("oauthdoctor diagnose", style="bold")
    if report.provider:
        title.append(f" · provider {report.provider}")
    if report.environment:
        title.append(f" · environment {report.environment}")
    console.print(Hanging("", title))
    console.print(_headline(report))
    console.print()
    id_width = max((len(f.id) for f in report.findings), default=0)
    for finding in report.findings:
        mark, style = MARK[finding.status]
        label = Text.assemble((f"{mark} ", style), (f"{finding.id:<{id_width}}  ", "bold"))
        line = Text(finding.title)
        note = basis_note(finding.evidence) if finding.is_problem else None
        if note:
            line.append(f"  ({note[0]})", style=note[1])
        console.print(Hanging(label, line))
    counts = {s: sum(1 for f in report.findings if f.status is s) for s in Status}
    console.print(Text(", ".join(f"{n} {s}" for s, n in counts.items() if n), style="dim"))
    for finding in report.findings:
        rows = _detail_rows(finding)
        if rows and (verbose or _needs_detail(finding)):
            console.print()
            mark, style = MARK[finding.status]
            console.print(Text.assemble((f"{mark} ", style), (finding.id, "bold")))
            console.print(KeyValues(rows, indent=4))
    if verbose:
        console.print()
        _inputs(console, report.inputs)
    elif any(not _needs_detail(f) and f.evidence for f in report.findings) or report.inputs:
        console.print()
        console.print(Hanging("", "--verbose shows the inputs and the evidence of passing probes."), style="dim")


def _needs_detail(finding: Finding) -> bool:
    return finding.is_problem or finding.status in _UNDECIDED


def _headline(report: Report) -> Any:
    """Decision, root cause, next action, then every other problem: what a person needs first."""
    root = root_finding(report.findings)
    stuck = [f.id for f in report.findings if f.status is Status.CRASH or f in undecided(report.findings)]
    rows: list[tuple[str, str | Text]] = []
    if report.decision is Decision.NONE and report.root_cause:  # decide.py: nothing decided, probes stuck
        title = Text("Inconclusive", style="bold magenta")
        rows.append(("", "inconclusive — nothing was decided"))
        rows.append(("Why", shown(report.root_cause)))
        return headline(title, rows, style="magenta")
    title = Text.assemble(("Decision: ", "bold"), (str(report.decision), decision_style(report.decision)))
    rows.append(("", DECISION_MEANING[str(report.decision)]))
    hint = root.hint if root is not None else None
    if report.root_cause:
        cause = report.root_cause
        if hint and cause.endswith(f". {hint}"):
            cause = cause[: -len(hint) - 2]
        rows.append(("Root cause", shown(cause)))
    if hint:
        rows.append(("Next", shown(hint)))
    linked = root.evidence.get("explained_by") if root is not None and root.id == "last_error" else None
    others = [f for f in report.findings
              if f.is_problem and f is not root and f.id != linked and f.id != "last_error"]
    if others:
        rows.append(("Also", "\n".join(f"{f.id}: {shown(f.title)}" for f in others)))
    if stuck:
        rows.append(("Undecided", ", ".join(dict.fromkeys(stuck))))
    return headline(title, rows, style=border_style(report.decision))


def _detail_rows(finding: Finding) -> list[tuple[str, str | Text]]:
    """Evidence (expected and actual first), then the hint and the finding's own decision."""
    rows: list[tuple[str, str | Text]] = [(k, v) for k, v in _evidence_rows(finding.evidence)]
    if finding.hint:
        rows.append(("hint", Text(shown(finding.hint), style="cyan")))
    if finding.decision is not Decision.NONE:
        rows.append(("decision", Text(str(finding.decision), style=decision_style(finding.decision))))
    return rows


def _evidence_rows(evidence: dict[str, Any]) -> list[tuple[str, str | Text]]:
    keys = [k for k in _EVIDENCE_FIRST if k in evidence] + [k for k in evidence if k not in _EVIDENCE_FIRST]
    return [(key.replace("_", " "), value_text(evidence[key])) for key in keys if evidence[key] is not None]


def value_text(value: Any) -> str:
    """An evidence value as a person reads it: plain strings, lists one per line when long, a table of
    outcomes for a method/grant matrix, JSON only for what has no simpler form."""
    if isinstance(value, str):
        return shown(value) if value.strip() == value and value else repr(shown(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        if not value:
            return "(none)"
        items = [shown(v) for v in value]
        return "\n".join(items) if sum(len(v) for v in items) > 60 else ", ".join(items)
    if isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
        return "\n".join(f"{key} → {_outcome(row)}" for key, row in value.items())
    if isinstance(value, dict) and all(not isinstance(v, dict | list) for v in value.values()):
        return "\n".join(f"{k}: {value_text(v)}" for k, v in value.items())
    return shown(json.dumps(value, ensure_ascii=False, default=str))


def _outcome(row: dict[str, Any]) -> str:
    """``invalid_client (status 401, error invalid_client)``: one matrix row."""
    head = str(row.get("outcome", ""))
    rest = [f"{k.replace('_', ' ')} {shown(str(v))}" for k, v in row.items()
            if k != "outcome" and v not in (None, "", [], {}) and not isinstance(v, dict | list)]
    return f"{head} ({', '.join(rest)})" if rest and head else head or ", ".join(rest)


def _inputs(console: Console, inputs: dict[str, Any]) -> None:
    """What was diagnosed, each value with where it came from."""
    console.print(Text("Inputs", style="bold"))
    sources = inputs.get("sources", {})
    rows: list[tuple[str, str | Text]] = []
    for key, value in inputs.items():
        if key in ("sources", "token_endpoint_from") or value is None or value == []:
            continue
        origin = sources.get({"token_endpoint": "token_url"}.get(key, key)) or (
            inputs.get("token_endpoint_from") if key == "token_endpoint" else None
        ) or ("--trust-host" if key == "trusted_hosts" else None)
        text = Text(value_text(value))
        if origin:
            text.append(f"\nfrom {origin}", style="dim")
        rows.append((key.replace("_", " "), text))
    console.print(KeyValues(rows, indent=2))
