"""Rich view of a redirect-URI comparison: both URIs aligned, a caret under the first differing character.

Readable from 60 to 200 columns: when a URI does not fit beside its label, both URIs are folded around the
difference (the same window of each, '…' where text is cut) so the caret still points at the character;
sentences wrap with a hanging indent under their text.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from oauthdoctor.redirect import RedirectMatch
from oauthdoctor.redirect.parse import visible

LABEL_WIDTH = 10
ELLIPSIS = "\u2026"


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
    verdict = Text("ACCEPTED  ", style="bold green") if match.accepted else Text("REJECTED  ", style="bold red")
    _hanging(console, verdict, Text(f"provider {match.provider} \u00b7 rule {match.rule}"))
    if match.omitted:
        _print_omission(match, console)
    else:
        _print_uris(match, console)
    _print_notes(console, [("  \u2022 ", Text.assemble((f"[{_tag(d.kind, d.tolerated)}] ", "cyan"), d.explanation))
                           for d in match.differences])
    if match.fix:
        _print_notes(console, [("fix: ", Text(match.fix))], label_style="bold")
    _print_notes(console, [("warning: ", Text(w)) for w in match.warnings], label_style="bold yellow")


def _tag(kind: str, tolerated: bool) -> str:
    return f"{kind}, tolerated" if tolerated else kind


def _print_omission(match: RedirectMatch, console: Console) -> None:
    """No redirect_uri in the request: say so, and what the server uses instead."""
    sent = "(empty redirect_uri, counted as not sent)" if match.sent == "" else "(no redirect_uri)"
    console.print(Text.assemble(("sent      ", "dim"), (sent, "italic")))
    if match.redirect_to is not None:
        _print_uri(console, "uses      ", match.redirect_to)
    elif match.accepted:
        console.print(Text.assemble(("uses      ", "dim"), ("no redirect: the server shows the code itself",
                                                              "italic")))
    else:
        console.print(Text.assemble(("uses      ", "dim"), ("nothing: the server refuses the request", "italic")))


def _print_uris(match: RedirectMatch, console: Console) -> None:
    reference = match.matched if match.accepted else match.closest
    sent = match.sent or ""
    at = _first_diff(reference, sent) if reference is not None else None
    if reference is None or at is None:
        if reference is not None:
            _print_uri(console, "matched   " if match.accepted else "closest   ", reference)
        _print_uri(console, "sent      ", sent)
        return
    label = "matched   " if match.accepted else "closest   "
    full_sent = visible(sent)
    shown_ref, shown_sent = visible(reference), full_sent
    vat = len(visible(sent[:at]))
    avail = max(console.size.width - LABEL_WIDTH, 12)
    start = 0
    if max(cell_len(shown_ref), cell_len(shown_sent)) > avail:
        start, shown_ref, shown_sent = _fold(shown_ref, shown_sent, vat, avail)
    console.print(Text.assemble((label, "dim"), shown_ref), no_wrap=True, overflow="ignore")
    console.print(Text.assemble(("sent      ", "dim"), shown_sent), no_wrap=True, overflow="ignore")
    before = (ELLIPSIS if start else "") + full_sent[start:vat]
    console.print(Text(" " * (LABEL_WIDTH + cell_len(before)) + "^", style="bold yellow"), no_wrap=True,
                  overflow="ignore")


def _fold(ref: str, sent: str, at: int, avail: int) -> tuple[int, str, str]:
    """The same window of both strings around index ``at``, with '…' where text is cut off."""
    keep = avail - 2
    start = max(0, min(at - keep // 3, max(len(ref), len(sent)) - keep))

    def window(text: str) -> str:
        piece = text[start:start + keep]
        while cell_len(piece) > keep:  # wide characters take two cells
            piece = piece[:-1]
        head = ELLIPSIS if start > 0 else ""
        tail = ELLIPSIS if start + len(piece) < len(text) else ""
        return head + piece + tail

    return start, window(ref), window(sent)


def _print_uri(console: Console, label: str, uri: str) -> None:
    """One URI beside its label, or on a line of its own when only that way it stays whole."""
    shown = visible(uri)
    width = console.size.width
    if LABEL_WIDTH + cell_len(shown) <= width:
        console.print(Text.assemble((label, "dim"), shown), no_wrap=True, overflow="ignore")
        return
    console.print(Text(label.rstrip(), style="dim"))
    console.print(Text(shown), overflow="fold")


def _print_notes(console: Console, rows: list[tuple[str, Text]], label_style: str = "bold") -> None:
    """Label and sentence per row; a wrapped sentence continues under its own first word."""
    for label, text in rows:
        _hanging(console, Text(label, style=label_style), text)


def _hanging(console: Console, label: Text, text: Text) -> None:
    """``label`` then ``text``, wrapped to the console width with every further line indented under it.

    A word too long for the indented column (a URI) gets a line of its own from column 0 when it fits
    there, so it is never broken; only a word wider than the terminal is folded.
    """
    width = console.size.width
    indent = cell_len(label.plain)
    lines = text.divide(_breaks(text.plain, max(width - indent, 20)))
    for i, line in enumerate(lines):
        line.rstrip()
        head = label if i == 0 else Text(" " * indent)
        if indent + cell_len(line.plain) <= width:
            console.print(Text.assemble(head, line), no_wrap=True, overflow="ignore")
            continue
        if i == 0:
            console.print(label, no_wrap=True, overflow="ignore")
        console.print(line, overflow="fold")


def _breaks(plain: str, width: int) -> list[int]:
    """Offsets where greedy word wrapping to ``width`` starts a new line; a longer word stays whole."""
    offsets: list[int] = []
    line_start = 0
    for word in re.finditer(r"\S+\s*", plain):
        end = word.start() + len(word.group().rstrip())
        if word.start() > line_start and cell_len(plain[line_start:end]) > width:
            offsets.append(word.start())
            line_start = word.start()
    return offsets
