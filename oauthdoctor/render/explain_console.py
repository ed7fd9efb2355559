"""Rich view of one ``explain`` answer: decision first, then class, cause, hints and references."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from oauthdoctor.classifier.result import Explanation

_DECISION_STYLE = {"reauth": "bold yellow", "fix_config": "bold red", "retry": "bold green", "none": "bold"}
_DECISION_TEXT = {
    "reauth": "REAUTH: the grant is dead; a user must authorise again",
    "fix_config": "FIX CONFIG: change configuration before trying again",
    "retry": "RETRY: nothing is wrong with the grant or configuration",
    "none": "INCONCLUSIVE: no OAuth error was recognised; nothing was decided",
}


def print_explanation(result: Explanation, console: Console | None = None) -> None:
    """Print the answer; server-provided text is escaped so it cannot inject Rich markup."""
    console = console or Console()
    style = _DECISION_STYLE.get(result.decision, "bold")
    console.print(f"[{style}]{escape(_DECISION_TEXT.get(result.decision, result.decision))}[/{style}]")
    console.print(escape(result.summary))
    rows = [
        ("class", result.failure_class),
        ("cause", result.cause),
        ("provider", result.provider or "(not detected)"),
        ("status", _status(result)),
        ("error", result.error),
        ("provider code", result.provider_code),
        ("description", result.error_description),
    ]
    for label, value in rows:
        if value:
            console.print(f"  [bold]{label:<13}[/bold] {escape(str(value))}")
    if result.candidates:
        console.print("[bold]Possible causes[/bold] (what tells them apart):")
        for c in result.candidates:
            console.print(f"  - [cyan]{escape(c.cause)}[/cyan]: {escape(c.tells_apart)}")
    if result.hints:
        console.print("[bold]What to do[/bold]:")
        for hint in result.hints:
            console.print(f"  - {escape(hint)}")
    for ref in result.references:
        console.print(f"  see {escape(ref)}", style="dim")


def _status(result: Explanation) -> str | None:
    if result.status is None:
        return None
    if result.normalized_status and result.normalized_status != result.status:
        return f"{result.status} (standard: {result.normalized_status})"
    return str(result.status)
