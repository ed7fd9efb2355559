"""Help-text pieces every command shares, so ``--help`` reads the same everywhere.

Examples are set in a Click "\\b" paragraph: Click then prints each on one line instead of re-wrapping it at
the terminal width, so an example can be copied and run as written (a test runs every one).
"""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """``did you mean 'redirect-http'? `` for the closest choice, or nothing when none is close."""
    import difflib

    close = difflib.get_close_matches(value.lower(), list(choices), n=1)
    return f"did you mean '{close[0]}'? " if close else ""


def examples(*commands: str) -> str:
    """``Example: <command>`` lines that Click will not re-wrap."""
    return "\b\n" + "\n".join(f"Example: {command}" for command in commands)
