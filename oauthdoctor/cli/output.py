"""Where a command's finished document goes: one ``emit`` for stdout and ``--output FILE``, in every format.

Every command ends by calling ``emit(document, kind, fmt, output=...)``. The format registry
(``render/formats.py``) picks the renderer; ``emit`` owns the rest: secrets become fingerprints (the
document's own ``secrets`` and every secret this process has read), a terminal view is drawn at the
terminal's width with colour only when the terminal gets it (``NO_COLOR``, ``--no-color`` and files turn
colour off), the text ends with one newline, and the write itself: an unwritable ``--output`` is a usage
error (exit 2) and a closed pipe (``| head``) ends the output quietly.

The ``--format``/``--output`` options are built here from the same table, so their choices and help never
drift from what ``emit`` can do.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, TextIO

import typer

from oauthdoctor.cli.errors import UsageError
from oauthdoctor.render.formats import FORMATS, format_help, formats, render_document


def format_option(kind: str) -> Any:
    """``--format`` with the kind's choices (shown as the metavar and offered to shell completion), its default
    (the first format) and help from the registry. The value is a plain ``str``: ``emit`` refuses a format the
    kind does not have with a usage error, so the choices are checked in one place."""
    choices = [f for f in formats(kind) if f != "text"]  # text: an internal listing format

    def complete(incomplete: str) -> list[str]:
        return [c for c in choices if c.startswith(incomplete)]

    return typer.Option(formats(kind)[0], "--format", metavar=f"<{'|'.join(choices)}>", help=format_help(kind),
                        autocompletion=complete)


def output_option() -> Any:
    """``--output FILE`` / ``-o FILE``; ``-`` is stdout."""
    return typer.Option(None, "--output", "-o", metavar="FILE",
                        help="Write to FILE instead of stdout (never coloured; - is stdout).")


def emit(document: Any, kind: str, fmt: str, *, output: Path | str | None = None, no_color: bool = False,
         **options: Any) -> None:
    """Render ``document`` (a ``kind`` from the registry) in ``fmt`` and write it to stdout or ``output``."""
    fmt = str(fmt)
    if fmt not in FORMATS[kind]:
        raise UsageError(f"--format {fmt}: {kind} is written as {', '.join(formats(kind))}")
    secrets = frozenset({*getattr(document, "secrets", ()), *_remembered()})
    to_stdout = output is None or str(output) == "-"
    console = _terminal_console(no_color) if to_stdout and FORMATS[kind][fmt].console else None
    text = render_document(document, kind, fmt, secrets=secrets, console=console, **options)
    if text and not text.endswith("\n"):
        text += "\n"
    if to_stdout:
        _write_stdout(text)
        return
    try:
        Path(str(output)).write_text(text, encoding="utf-8", errors="backslashreplace")  # see app._tolerant_stdout
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None


def _remembered() -> frozenset[str]:
    """Every secret this process read. Only configuration readers remember secrets, and they import
    ``redact`` to do it: when it is not imported, there is nothing to remember (and nothing to import)."""
    redact = sys.modules.get("oauthdoctor.redact")
    return redact.remembered() if redact is not None else frozenset()


def _terminal_console(no_color: bool) -> Any:
    """A console on stdout: rich detects the terminal, its width and colours, and honours NO_COLOR.

    ``no_color=None`` (not False) lets rich read NO_COLOR; an explicit False would switch colour back on.
    """
    from rich.console import Console

    return Console(no_color=True if no_color else None, highlight=False, emoji=False, soft_wrap=False)


def stdout() -> TextIO:
    """Standard output, or a usage error when it is closed (``>&-``): nothing written is better than a crash."""
    if sys.stdout is None:
        raise UsageError("standard output is closed: nothing can be written (give --output FILE)")
    return sys.stdout


def _write_stdout(text: str) -> None:
    out = stdout()
    try:
        out.write(text)
        out.flush()
    except BrokenPipeError:
        # The reader went away (| head): stop writing, and keep Python from complaining at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
