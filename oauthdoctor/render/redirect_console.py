"""Rich view of a redirect-URI comparison: both URIs aligned, a caret under the first differing character."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from oauthdoctor.redirect import RedirectMatch
from oauthdoctor.redirect.parse import visible


def _first_diff(a: str, b: str) -> int | None:
    if a == b:
        return None
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return i
    return min(len(a), len(b))


def print_match(match: RedirectMatch, console: Console | None = None) -> None:
    """Verdict, aligned URIs with a caret, one sentence per difference, the fix, then warnings."""
    console = console or Console(highlight=False)
    verdict = Text("ACCEPTED", style="bold green") if match.accepted else Text("REJECTED", style="bold red")
    console.print(Text.assemble(verdict, f"  provider {match.provider} · rule {match.rule}"))
    reference = match.matched if match.accepted else match.closest
    label = "matched   " if match.accepted else "closest   "
    if reference is not None:
        console.print(Text.assemble((label, "dim"), visible(reference)))
    console.print(Text.assemble(("sent      ", "dim"), visible(match.sent)))
    if reference is not None:
        at = _first_diff(reference, match.sent)
        if at is not None:
            pad = cell_len(visible(match.sent[:at]))
            console.print(Text(" " * (10 + pad) + "^", style="bold yellow"))
    for diff in match.differences:
        tag = f"{diff.kind}, tolerated" if diff.tolerated else diff.kind
        console.print(Text.assemble(("  • ", "bold"), (f"[{tag}] ", "cyan"), diff.explanation))
    if match.fix:
        console.print(Text.assemble(("fix: ", "bold"), match.fix))
    for warning in match.warnings:
        console.print(Text.assemble(("warning: ", "bold yellow"), warning))
