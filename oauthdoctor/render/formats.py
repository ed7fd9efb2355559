"""The format registry: for each kind of document a command produces, the formats it can be written in.

One table decides which renderer writes which format, so every command offers the same formats the same way
(``--format`` choices and help come from here, ``--output`` works for all of them) and a command can never
fall through to the wrong renderer. ``cli/output.py``'s ``emit`` is the one caller.

Renderers are named as ``"module:function"`` strings and imported only when used: importing this table
must not import rich or any renderer, or every offline command would pay for them at start-up.

Two renderer shapes exist:

- a *text* renderer returns the whole document as a string (JSON, SARIF, GitHub annotations, JUnit);
- a *console* renderer draws on the ``rich.console.Console`` it is given and returns nothing (the terminal
  views). It must not create a console of its own, print elsewhere or look at the terminal: ``emit`` sizes
  the console, decides on colour and captures what was drawn.

Both are pure: no I/O, no decisions, and they may assume secrets are already replaced by fingerprints.
How to add a format or a command's document kind: ``docs/architecture-formats.md``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


class Renderer:
    """One way to write one kind of document. (A plain class: every command imports this table, and a
    dataclass would cost each of them the generated methods.)"""

    __slots__ = ("target", "summary", "console", "options")

    def __init__(self, target: str, summary: str, console: bool = False, options: tuple[str, ...] = ()) -> None:
        self.target = target  # "package.module:function"
        self.summary = summary  # a few words for --format help
        self.console = console  # True: draws on a rich Console; False: returns the text
        self.options = options  # view options emit() passes on by keyword (e.g. "verbose")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Renderer) and (self.target, self.console) == (other.target, other.console)

    def __hash__(self) -> int:
        return hash((self.target, self.console))

    def __repr__(self) -> str:
        return f"Renderer({self.target!r})"

    def load(self) -> Callable[..., Any]:
        """The renderer function (its module is imported now, not before)."""
        module, _, name = self.target.partition(":")
        function: Callable[..., Any] = getattr(importlib.import_module(module), name)
        return function


def _console(target: str, summary: str = "the terminal view", *options: str) -> Renderer:
    return Renderer(f"oauthdoctor.render.{target}", summary, console=True, options=options)


def _text(target: str, summary: str) -> Renderer:
    return Renderer(f"oauthdoctor.render.{target}", summary)


# Formats every findings report (a model.Report) can be written in, whatever command made it.
REPORT_CI_FORMATS: dict[str, Renderer] = {
    "sarif": _text("sarif:render_sarif", "SARIF 2.1.0 for code scanning"),
    "github": _text("github:render_github", "GitHub Actions annotations"),
    "junit": _text("junit:render_junit", "JUnit XML"),
}

# Document kind -> format -> renderer. The first format is the default. A kind is usually a command's name;
# commands with several documents use "<command>-<document>".
FORMATS: dict[str, dict[str, Renderer]] = {
    "diagnose": {
        "rich": _console("diagnose_console:print_diagnosis", "the terminal view", "verbose"),
        "json": _text("diagnose_json:render", "schema_version 1"),
        **REPORT_CI_FORMATS,
    },
    "check-env": {
        "rich": _console("checkenv_console:print_check_env"),
        "json": _text("checkenv_json:render_check_env_json", "schema_version 1"),
        **REPORT_CI_FORMATS,
    },
    "check-env-rules": {
        "rich": _console("checkenv_console:print_rules"),
        "json": _text("checkenv_json:render_rules_json", "a list of rules"),
        "text": _text("checkenv_json:render_rules_text", "one tab-separated line per rule"),
    },
    "check-env-dialects": {
        "rich": _console("dialects_view:print_dialects"),
        "json": _text("dialects_view:render_dialects_json", "a list of tools"),
        "text": _text("dialects_view:render_dialects_text", "one block per tool"),
    },
    "trace": {
        "rich": _console("trace_console:print_trace", "a timeline and the findings"),
        "json": _text("trace_json:render_trace_json", "schema_version 1"),
        **REPORT_CI_FORMATS,
    },
    "explain": {
        "rich": _console("explain_console:print_explanation"),
        "json": _text("explain_json:render_explanation_json", "schema_version 1"),
    },
    "diff-redirect": {
        "rich": _console("redirect_console:print_match"),
        "json": _text("redirect_json:render_match_json", "schema_version 1"),
    },
    "providers-list": {
        "rich": _console("providers_list:print_table", "a table"),
        "json": _text("providers_list:render_providers_json", "schema_version 1"),
    },
    "providers-show": {
        "rich": _console("providers_console:print_facts", "every section, each fact with its source"),
        "json": _text("providers_view:render_profile_json", "schema_version 1"),
    },
    "providers-audit": {
        "rich": _console("providers_console:print_audit"),
        "json": _text("providers_view:render_audit_json", "schema_version 1"),
    },
}


def formats(kind: str) -> tuple[str, ...]:
    """The format names a document kind can be written in, default first."""
    return tuple(FORMATS[kind])


def renderer(kind: str, fmt: str) -> Renderer:
    """The renderer of ``kind`` in ``fmt``; a KeyError names both when there is none."""
    try:
        return FORMATS[kind][fmt]
    except KeyError:
        raise KeyError(f"no {fmt!r} renderer for {kind!r} documents") from None


def format_help(kind: str) -> str:
    """``--format`` help text: every format of the kind with its few words."""
    return "Output format: " + ", ".join(f"{name} ({r.summary})" for name, r in FORMATS[kind].items()) + "."


FILE_WIDTH = 100
"""Columns of a console view written to a file (``--output``) or rendered without a terminal width."""


def render_document(document: Any, kind: str, fmt: str, *, secrets: frozenset[str] = frozenset(),
                    console: Any = None, width: int | None = None, **options: Any) -> str:
    """The document as text in ``fmt``, every secret replaced by its fingerprint.

    Secrets are replaced in the document before any renderer sees it, and once more in the finished text (a
    renderer that quoted a value in a new way still cannot leak it). A console view is drawn on ``console``
    when one is given (``emit`` passes the terminal's, with its width and colours) and captured; otherwise on
    a colourless console ``width`` (default ``FILE_WIDTH``) columns wide.
    """
    from oauthdoctor.redact import scrub, scrub_text

    chosen = renderer(kind, fmt)
    clean = scrub(document, secrets)  # the secrets, and any credential a URL carries (?code=, user:pass@)
    passed = {name: options[name] for name in chosen.options if name in options}
    if not chosen.console:
        text: str = chosen.load()(clean, **passed)
    elif console is not None:
        with console.capture() as captured:
            chosen.load()(clean, console, **passed)
        text = captured.get()
    else:
        text = _draw_plain(chosen, clean, width or FILE_WIDTH, passed)
    return scrub_text(text, secrets)


def _draw_plain(chosen: Renderer, document: Any, width: int, options: dict[str, Any]) -> str:
    import io

    from rich.console import Console

    console = Console(file=io.StringIO(), record=True, width=width, color_system=None, force_terminal=False,
                      highlight=False, emoji=False, soft_wrap=False, legacy_windows=False)
    chosen.load()(document, console, **options)
    return console.export_text()
