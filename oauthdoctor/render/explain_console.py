"""Rich view of one ``explain`` answer, in the same order as ``diagnose``: the answer first.

A headline panel (decision, the summary, the first thing to do), then what the response is (class, cause,
provider, status, codes, description), the causes that remain possible and what tells them apart, what to
do, and references. Server-provided text is never parsed as markup, and a very long description (a 1 MB
body) is shortened with its length shown instead of being laid out whole.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from oauthdoctor.classifier.result import Explanation
from oauthdoctor.render.decisions import DECISION_MEANING, border_style, decision_style
from oauthdoctor.render.layout import Hanging, KeyValues, headline, shown


def print_explanation(result: Explanation, console: Console) -> None:
    """Headline, the response's facts, possible causes, what to do, references."""
    if result.conclusive:
        title = Text.assemble(("Decision: ", "bold"), (result.decision, decision_style(result.decision)))
        meaning = DECISION_MEANING.get(result.decision, result.decision)
        if result.confidence == "low":  # a lean, not a finding: the candidates below may decide otherwise
            title.append(" (a lean: low confidence)", style="dim")
    elif result.decision != "none":  # a text nothing reads, with the base rate's lean
        title = Text.assemble(("Inconclusive", "bold magenta"), (f" (lean: {result.decision}, low confidence)", "dim"))
        meaning = "no OAuth error was recognised; the lean is a rule of thumb"
    else:
        title = Text("Inconclusive", style="bold magenta")
        meaning = "no OAuth error was recognised; nothing was decided"
    rows: list[tuple[str, str | Text]] = [("", meaning), ("Why", shown(result.summary))]
    next_step = _next_step(result.hints)
    if next_step:
        rows.append(("Next", shown(next_step)))
    console.print(headline(title, rows, style=border_style(result.decision) if result.conclusive else "magenta"))
    facts = [
        ("class", result.failure_class),
        ("cause", result.cause),
        ("confidence", _CONFIDENCE.get(result.confidence) if result.conclusive else None),
        ("provider", result.provider or "(not detected)"),
        ("status", _status(result)),
        ("error", result.error),
        ("provider code", result.provider_code),
        ("description", result.error_description),
        ("unreadable", result.parse_error),
    ]
    console.print(KeyValues([(k, shown(v)) for k, v in facts if v], indent=2, key_style="bold"))
    if result.candidates:
        console.print(Text("Possible causes (what tells them apart):", style="bold"))
        for candidate in result.candidates:
            decides = (f" ({candidate.decision})", decision_style(candidate.decision)) if candidate.decision else ""
            console.print(Hanging(Text.assemble("  - ", (candidate.cause, "cyan"), decides, ": "),
                                  shown(candidate.tells_apart), indent=4))
    rest = [h for h in result.hints if h != next_step]
    if rest:
        console.print(Text("What to do:", style="bold"))
        for hint in rest:
            console.print(Hanging("  - ", shown(hint)))
    if result.references:
        console.print(Text("References:", style="bold"))
        for ref in result.references:
            console.print(Hanging("  ", Text(shown(ref), style="dim")))


_CONFIDENCE = {
    "high": "high (a rule that names this failure decided)",
    "medium": "medium (read from the error code, the request's grant, a heuristic rule or the words' vocabulary)",
    "low": "low (the response alone does not tell the cause; check the candidates)",
}


def _next_step(hints: tuple[str, ...]) -> str | None:
    """The first hint that applies as it stands ("If <cause>: ..." hints depend on which cause it is)."""
    return next((h for h in hints if not h.startswith("If ")), hints[0] if hints else None)


def _status(result: Explanation) -> str | None:
    if result.status is None:
        return None
    if result.normalized_status and result.normalized_status != result.status:
        return f"{result.status} (standard: {result.normalized_status})"
    return str(result.status)
