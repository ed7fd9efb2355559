"""Help-text pieces every command shares, so ``--help`` reads the same everywhere.

Examples are set in a Click "\\b" paragraph: Click then prints each on one line instead of re-wrapping it at
the terminal width, so an example can be copied and run as written (a test runs every one).
"""

from __future__ import annotations


def examples(*commands: str) -> str:
    """``Example: <command>`` lines that Click will not re-wrap."""
    return "\b\n" + "\n".join(f"Example: {command}" for command in commands)
