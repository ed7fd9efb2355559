"""Layout pieces every terminal view shares, so each stays readable from 60 to 200 columns.

- ``Hanging``: a label and a text; the text wraps to the width it is drawn at and every further line starts
  under its own first character, never back at column 0. A word too long for that column (a URI) gets a line
  of its own from column 0 when it fits there, so it is never broken; only a word wider than the whole line
  is folded.
- ``KeyValues``: rows of ``Hanging`` with one label column whose width follows the widest label but never
  takes more than two fifths of the line.
- ``headline``: the answer first: a panel with the decision as its title and the cause and next action in it.

These are rich renderables: they measure the width they get (a terminal, a panel, a table cell), so the
same view works at any width without a fixed column anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType
from rich.measure import Measurement
from rich.panel import Panel
from rich.segment import Segment
from rich.text import Text

from oauthdoctor.render.limits import shorten

_WORD = re.compile(r"\S+")
MIN_TEXT_WIDTH = 16  # a text column narrower than this is not worth indenting for


def as_text(value: str | Text, style: str = "") -> Text:
    """User-supplied strings become Text without markup parsing (a '[' in an error body stays a '[')."""
    return value if isinstance(value, Text) else Text(value, style=style)


def shown(value: str) -> str:
    """A value as a view shows it: very long values cut with their length (``render/limits.py``)."""
    return shorten(value)


def wrap_hanging(label: Text, body: Text, width: int, indent: int | None = None) -> list[Text]:
    """``label`` + ``body`` as lines of at most ``width`` cells, continuation lines indented under the body.

    ``indent`` defaults to the label's width. When the label takes more than half the line, it gets a line
    of its own and the body follows at ``indent`` (or four columns in from the label). A word that does not
    fit at the indent goes, on a line of its own, under the label's first character, else to column 0.
    """
    width = max(width, 1)
    label_width = cell_len(label.plain)
    lead = len(label.plain) - len(label.plain.lstrip(" "))
    explicit = indent is not None
    indent = label_width if indent is None else indent
    lines: list[Text] = []
    first = label.copy()
    if label_width > width // 2 and body.plain:
        for piece in _fold(label, width):
            piece.rstrip()
            lines.append(piece)
        indent = indent if explicit and indent < label_width else lead + 4
        first = Text(" " * indent)
    if width - indent < MIN_TEXT_WIDTH:
        indent = min(lead, max(width - MIN_TEXT_WIDTH, 0))
    paragraphs = body.split("\n", allow_blank=True) if body.plain else [Text("")]
    for number, paragraph in enumerate(paragraphs):
        head = first if number == 0 else Text(" " * indent)
        lines.extend(_wrap_paragraph(head, paragraph, width, indent, min(lead, indent)))
    return lines


def _wrap_paragraph(head: Text, paragraph: Text, width: int, indent: int, outdent: int) -> list[Text]:
    plain = paragraph.plain
    lines: list[Text] = []
    current, used = head.copy(), cell_len(head.plain)
    span: list[int] = []  # [start, end] of the words on the current line, their own spacing kept

    def settle() -> None:
        """Move the words of the span onto the current line."""
        nonlocal used
        if span:
            current.append_text(paragraph[span[0]:span[1]])
            used = cell_len(current.plain)
            span.clear()

    def flush() -> None:
        nonlocal current, used
        settle()
        if current.plain.strip():
            current.rstrip()
            lines.append(current)
        current, used = Text(" " * indent), indent

    def separate() -> None:
        """A space between what the line holds and the next word, unless the line ends in one."""
        nonlocal used
        if current.plain.strip() and not current.plain.endswith(" "):
            current.append(" ")
            used += 1

    for match in _WORD.finditer(plain):
        start, end = match.span()
        word_width = cell_len(plain[start:end])
        if span:
            if used + cell_len(plain[span[0]:end]) <= width:
                span[1] = end
                continue
            if word_width > width:
                settle()  # a word that is folded anyway starts on this line
            else:
                flush()
        gap = 1 if current.plain.strip() and not current.plain.endswith(" ") else 0
        if used + gap + word_width <= width:
            separate()
            span[:] = [start, end]
        elif word_width <= width:  # a line of its own keeps the word (a URI) whole
            flush()
            margin = outdent if outdent + word_width <= width else 0
            lines.append(Text(" " * margin).append_text(paragraph[start:end]))
        else:  # wider than the whole line: fold it, from where the line is, then in the indented column
            word = paragraph[start:end]
            if width - used - gap >= MIN_TEXT_WIDTH // 2:
                separate()
                cut = _fit(word, width - used)
                current.append_text(word[:cut])
                word = word[cut:]
            pieces = list(_chunks(word, max(width - indent, 1)))
            for piece in pieces[:-1]:
                flush()
                current.append_text(piece)
            flush()
            current.append_text(pieces[-1]) if pieces else None
            used = cell_len(current.plain)
    flush()
    return lines or [Text("")]


def _fit(text: Text, size: int) -> int:
    """How many characters of ``text`` fit in ``size`` cells."""
    width = 0
    for index, char in enumerate(text.plain):
        width += cell_len(char)
        if width > size:
            return index
    return len(text.plain)


def _chunks(text: Text, size: int) -> Iterator[Text]:
    """Pieces of ``text`` at most ``size`` cells wide."""
    start, width = 0, 0
    for index, char in enumerate(text.plain):
        char_width = cell_len(char)
        if width + char_width > size and index > start:
            yield text[start:index]
            start, width = index, 0
        width += char_width
    if start < len(text.plain):
        yield text[start:]


def _fold(text: Text, width: int) -> list[Text]:
    return list(_chunks(text, width)) if cell_len(text.plain) > width else [text.copy()]


class Hanging:
    """A label and a text that wraps with a hanging indent (see the module docstring)."""

    def __init__(self, label: str | Text, body: str | Text, *, indent: int | None = None) -> None:
        self.label = as_text(label)
        self.body = as_text(body)
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        for line in wrap_hanging(self.label, self.body, options.max_width, self.indent):
            yield from line.render(console)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max((cell_len(w) for w in self.body.plain.split()), default=0)
        whole = cell_len(self.label.plain) + max((cell_len(p) for p in self.body.plain.split("\n")), default=0)
        return Measurement(min(longest, options.max_width), min(whole, options.max_width))


class KeyValues:
    """``key  value`` rows: one label column (at most two fifths of the width), values with hanging indents."""

    def __init__(self, rows: Iterable[tuple[str | Text, str | Text]], *, indent: int = 0, gap: int = 2,
                 key_style: str = "dim") -> None:
        self.rows = [(as_text(k, key_style), as_text(v)) for k, v in rows]
        self.indent = indent
        self.gap = gap

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        width = options.max_width
        widest = max((cell_len(k.plain) for k, _ in self.rows), default=0)
        column = min(widest, max(width * 2 // 5 - self.indent - self.gap, 4))
        for key, value in self.rows:
            label = Text(" " * self.indent).append_text(key)
            label.append(" " * (max(column - cell_len(key.plain), 0) + self.gap))
            yield from Hanging(label, value, indent=self.indent + column + self.gap).__rich_console__(
                console, options)


def headline(title: str | Text, rows: Sequence[tuple[str | Text, str | Text]], style: str = "") -> Panel:
    """The answer a person reads first: a panel titled with the decision, its reasons as key/value rows."""
    return Panel(KeyValues(rows, key_style="bold"), title=as_text(title), title_align="left",
                 box=box.ROUNDED, border_style=style, padding=(0, 1), expand=True)


def stack(*parts: RenderableType | None) -> list[RenderableType]:
    """The non-empty parts, for ``rich.console.Group``."""
    return [p for p in parts if p is not None]
