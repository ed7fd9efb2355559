"""``trace --format rich``: the timeline a person reads to see the race, then the findings and the decision.

Rows are the OAuth steps in time order: relative time, endpoint kind, grant type, the fingerprints sent and
received, status and class, and the ids of the findings that rest on the row. A long capture (a week of
refreshes) shows the rows that findings name with a little context, and says how many healthy rows it left
out. Text from the capture is never parsed as Rich markup.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from oauthdoctor.model import Decision, Finding, Report, Status

FULL_TIMELINE_ROWS = 60  # up to this many rows are all shown
CONTEXT_ROWS = 2  # rows shown around each row a finding names, in a longer timeline
_MARK = {Status.PASS: ("✓", "green"), Status.WARN: ("!", "yellow"), Status.FAIL: ("✗", "red"),
         Status.SKIP: ("-", "dim"), Status.ERROR: ("?", "magenta")}
_DECISION = {
    Decision.FIX_CONFIG: ("fix_config — change the client or its configuration; a retry or a new grant alone "
                          "fails again", "bold yellow"),
    Decision.REAUTH: ("reauth — the grant is dead; a user must authorise again", "bold red"),
    Decision.RETRY: ("retry — a passing failure; try again later, with backoff", "bold cyan"),
    Decision.NONE: ("none — nothing in the capture needs fixing", "bold green"),
}
_SENT_LABELS = (("code", "code"), ("refresh_token", "rt"), ("code_verifier", "verifier"), ("state", "state"),
                ("code_challenge", "challenge"))


def print_trace(report: Report, console: Console) -> None:
    """The whole view: header, timeline, findings, decision."""
    timeline = report.details.get("timeline") or {}
    rows: list[dict[str, Any]] = timeline.get("rows", [])
    _header(report, timeline, console)
    if rows:
        console.print(_table(_visible(rows), multi_host=len({r["host"] for r in rows}) > 1))
    else:
        console.print(Text("No OAuth exchange in the capture (authorize, callback, token or API call).",
                           style="yellow"))
    console.print()
    for finding in report.findings:
        _finding(finding, console)
    console.print()
    text, style = _DECISION[report.decision]
    line = Text("Decision: ", style="bold")
    line.append(text, style=style)
    console.print(line)
    if report.root_cause:
        console.print(Text("Root cause: ", style="bold") + Text(report.root_cause))


def _header(report: Report, timeline: dict[str, Any], console: Console) -> None:
    inputs = report.inputs
    files = ", ".join(inputs.get("files", []))
    line = Text("oauthdoctor trace", style="bold")
    line.append(f" — {files}: {inputs.get('exchanges', 0)} exchange(s), {inputs.get('oauth_exchanges', 0)} OAuth")
    if report.provider:
        line.append(f"; provider {report.provider}")
    console.print(line)
    if timeline.get("row_count", 0) > len(timeline.get("rows", [])):
        console.print(Text(f"(timeline cut at {len(timeline['rows'])} of {timeline['row_count']} rows)",
                           style="dim"))


def _visible(rows: list[dict[str, Any]]) -> list[dict[str, Any] | int]:
    """Every row of a short timeline; of a long one the marked rows with context, and gap counts."""
    if len(rows) <= FULL_TIMELINE_ROWS:
        return list(rows)
    keep: set[int] = set()
    for i, row in enumerate(rows):
        if row["findings"]:
            keep.update(range(max(0, i - CONTEXT_ROWS), min(len(rows), i + CONTEXT_ROWS + 1)))
    if not keep:
        keep = set(range(CONTEXT_ROWS * 5)) | set(range(len(rows) - CONTEXT_ROWS * 5, len(rows)))
    out: list[dict[str, Any] | int] = []
    skipped = 0
    for i, row in enumerate(rows):
        if i in keep:
            if skipped:
                out.append(skipped)
                skipped = 0
            out.append(row)
        else:
            skipped += 1
    if skipped:
        out.append(skipped)
    return out


def _table(rows: list[dict[str, Any] | int], multi_host: bool) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold", expand=False, padding=(0, 1))
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("t", justify="right", no_wrap=True)
    table.add_column("step", overflow="fold", min_width=12)
    table.add_column("tokens", overflow="fold", min_width=18)
    table.add_column("answer", overflow="fold", min_width=10)
    table.add_column("findings", overflow="fold")
    for row in rows:
        if isinstance(row, int):
            table.add_row("", "", Text(f"… {row} row(s) without findings", style="dim"))
            continue
        tokens = "\n".join(p for p in (_sent(row), _got(row)) if p)
        table.add_row(
            str(row["entry"]), f"+{row['t']:.3f}s", Text(_request(row, multi_host)), Text(tokens),
            Text(_status(row), style="red" if row.get("class") else ""),
            Text("\n".join(row["findings"]), style="bold red"),
        )
    return table


def _request(row: dict[str, Any], multi_host: bool) -> str:
    where = f"{row['host']}{row['path']}" if multi_host else row["path"]
    lines = [f"{row['kind']} {row['method']} {where}"]
    if row.get("grant_type"):
        lines.append(row["grant_type"])
    if row.get("origin"):
        lines.append(f"from {row['origin']}")
    return "\n".join(lines)


def _sent(row: dict[str, Any]) -> str:
    sent = row.get("sent", {})
    parts = [f"→ {label} {sent[key]}" for key, label in _SENT_LABELS if key in sent]
    if row.get("bearer"):
        parts.append(f"→ at {row['bearer']}")
    if "redirect_uri" in sent and row["kind"] in ("authorize", "token"):
        parts.append(f"→ redirect_uri {sent['redirect_uri']}")
    return "\n".join(parts)


def _got(row: dict[str, Any]) -> str:
    parts = []
    issued = row.get("issued", {})
    if "access_token" in issued:
        expires = f" ({issued['expires_in']:g}s)" if "expires_in" in issued else ""
        parts.append(f"← at {issued['access_token']}{expires}")
    if "refresh_token" in issued:
        parts.append(f"← rt {issued['refresh_token']}")
    callback = row.get("callback")
    if callback and row["kind"] != "callback":  # a callback request already shows what it carried as sent
        parts.extend(f"← {k} {v}" for k, v in callback.items() if v)
    if row.get("failure"):
        parts.append(row["failure"])
    return "\n".join(parts)


def _status(row: dict[str, Any]) -> str:
    status = str(row["status"]) if row.get("status") is not None else "—"
    if row.get("class"):
        error = row.get("error")
        shown = f"{status} {error}" if error else status
        return shown + (f"\n{row['class']}" if row["class"] != error else "") + f"\n→ {row['decision']}"
    return status


def _finding(finding: Finding, console: Console) -> None:
    mark, style = _MARK[finding.status]
    line = Text(f"[{mark}] ", style=style)
    line.append(f"{finding.id:<20}", style="bold")
    line.append(finding.title)
    console.print(line)
    if finding.is_problem or finding.status is Status.ERROR:
        differences = finding.evidence.get("differences") or []
        for diff in differences:
            console.print(Text(f"      {diff.get('kind')}: {diff.get('explanation')}", style="dim"))
        if finding.evidence.get("explained_by"):
            console.print(Text(f"      explained by {finding.evidence['explained_by']}", style="dim"))
        if finding.hint:
            console.print(Text(f"      hint: {finding.hint}", style="cyan"))
